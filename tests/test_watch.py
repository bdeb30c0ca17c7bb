"""`resume render --watch`, as a person uses it: a real process, real edits, Ctrl-C."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

RESUME = shutil.which("resume", path=os.path.dirname(sys.executable)) or "resume"


def wait_for(path, text, timeout=20.0):
    """Until the file holds the text (a render finished), or the test fails."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text("utf-8"):
            return
        time.sleep(0.1)
    raise AssertionError(f"{path} never held {text!r}")


def test_watch_renders_again_on_each_change_and_stops_on_ctrl_c(tmp_path):
    profile = tmp_path / "rui.yaml"
    original = (ROOT / "profiles" / "rui-shao.yaml").read_text("utf-8")
    profile.write_text(original, encoding="utf-8")
    theme = tmp_path / "mine"
    theme.mkdir()
    (theme / "theme.yaml").write_text(
        "extends: classic\nname: mine\ndescription: Classic with another bullet.\n",
        encoding="utf-8",
    )
    stdout, stderr = tmp_path / "stdout", tmp_path / "stderr"
    text = tmp_path / "out" / "rui-shao" / "rui-shao-mine.txt"
    with stdout.open("w") as out, stderr.open("w") as err:
        watch = subprocess.Popen(
            [RESUME, "render", str(profile), "-t", str(theme), "-f", "pdf,txt"]
            + ["-o", str(tmp_path / "out"), "--watch"],
            stdout=out,
            stderr=err,
            cwd=tmp_path,
        )
        try:
            wait_for(stdout, "rendered 2 files")
            assert "• Designed change execution" in text.read_text("utf-8")
            # A profile edit that breaks it: one line saying so, with the file and line.
            profile.write_text(original.replace("start: 2025\n", "start: someday\n", 1), "utf-8")
            wait_for(stderr, "rui.yaml:22:12 experience[0].start")
            # The theme changes: the next render uses it (no theme cached from the last).
            profile.write_text(original, encoding="utf-8")
            (theme / "theme.yaml").write_text(
                "extends: classic\nname: mine\ndescription: Another bullet.\nbullet: '–'\n",
                encoding="utf-8",
            )
            wait_for(text, "– Designed change execution")
        finally:
            watch.send_signal(signal.SIGINT)
            code = watch.wait(timeout=20)
    lines = stdout.read_text("utf-8").splitlines()
    assert code == 0 and "stopped watching" in stderr.read_text("utf-8")
    assert lines[0].endswith(("all checked ok, 1 warning",))  # no e-mail or phone
    assert any("1 problem (0 files written)" in line for line in lines)
    assert all(" in " in line and line.split(" in ")[1][:1].isdigit() for line in lines)
    assert stderr.read_text("utf-8").count("no e-mail or phone") == 1  # said once, not per render


def test_watch_of_an_application_follows_its_profile_and_theme(tmp_path, monkeypatch):
    from renderer.cli.common import RenderRequest
    from renderer.cli.watching import watched_paths

    shutil.copytree(ROOT / "applications", tmp_path / "applications")
    shutil.copytree(ROOT / "profiles", tmp_path / "profiles")
    monkeypatch.chdir(tmp_path)
    app = Path("applications") / "rui-shao-northwind-sre.yaml"
    request = RenderRequest(None, None, None, Path("out"), None, True, 1, "", "", [app], None)
    watched = {p.resolve() for p in watched_paths(request)}
    assert (tmp_path / "profiles" / "rui-shao.yaml").resolve() in watched
    assert (ROOT / "themes" / "modern").resolve() in watched  # the application's theme


def test_watch_refuses_an_unknown_theme_name_at_once(tmp_path):
    profile = ROOT / "profiles" / "rui-shao.yaml"
    result = subprocess.run(
        [RESUME, "render", str(profile), "-t", "nope", "--watch", "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "unknown theme 'nope'" in result.stderr


def test_watch_never_renders_again_because_of_its_own_output(tmp_path):
    """The output folder inside the watched folder: its own files must not start a render."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    shutil.copy(ROOT / "profiles" / "rui-shao.yaml", folder / "rui.yaml")
    stdout = tmp_path / "stdout"
    with stdout.open("w") as out:
        watch = subprocess.Popen(
            [RESUME, "render", str(folder), "-f", "txt", "-o", str(folder / "out"), "--watch"],
            stdout=out,
            stderr=subprocess.DEVNULL,
            cwd=tmp_path,
        )
        try:
            wait_for(stdout, "rendered 1 file")
            time.sleep(3)  # six looks at the files: none may find a change
            renders = stdout.read_text("utf-8").count("rendered")
        finally:
            watch.send_signal(signal.SIGINT)
            watch.wait(timeout=20)
    assert renders == 1, stdout.read_text("utf-8")
