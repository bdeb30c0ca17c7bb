"""Hostile paths and files given to the command: every one a clear error and exit 2, never a
traceback, never a file read from outside what the person pointed at, never a file replaced."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

import resume_renderer
from tests.conftest import ROOT

APPLICATION = ROOT / "applications" / "rui-shao-northwind-sre.yaml"


def _resume(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "renderer.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.mark.parametrize("make", ["long name", "loop of links", "a file as folder"])
def test_a_path_no_file_can_have_is_an_error(tmp_path, make):
    if make == "long name":
        path = tmp_path / ("a" * 300 + ".yaml")
    elif make == "loop of links":
        (tmp_path / "one").symlink_to(tmp_path / "two")
        (tmp_path / "two").symlink_to(tmp_path / "one")
        path = tmp_path / "one"
    else:
        (tmp_path / "file").write_text("x")
        path = tmp_path / "file" / "me.yaml"
    for command in (["render", str(path)], ["validate", str(path)], ["import", str(path)]):
        result = _resume(*command, cwd=tmp_path)
        assert result.returncode == 2, (command, result.stderr)
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
        assert result.stderr.startswith("error:"), result.stderr


def test_an_empty_profile_is_an_error_not_an_empty_pdf(tmp_path):
    (tmp_path / "empty.json").write_text("{}")
    result = _resume("render", "empty.json", "-f", "pdf", "-o", "out.pdf", cwd=tmp_path)
    assert result.returncode == 2 and "the profile is empty" in result.stderr
    assert not (tmp_path / "out.pdf").exists()
    with pytest.raises(resume_renderer.InputError, match="empty"):
        resume_renderer.render({})


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("job_file", "/etc/passwd", "outside the application's folder"),
        ("job_file", "../../../../../../etc/passwd", "outside the application's folder"),
        ("profile", "/etc/shadow", "outside the application's folder"),
        ("profile", "../../../../../../root/.ssh/id_rsa", "outside the application's folder"),
    ],
)
def test_an_application_reads_only_files_near_it(tmp_path, field, value, says):
    text = APPLICATION.read_text().replace("profile: ../profiles/", "profile: profiles/")
    text = text.replace("job: |", "job_old: |") if field == "job_file" else text
    if field == "job_file":
        text = text.split("job_old: |")[0] + f"job_file: {value}\n"
    else:
        text = text.replace("profile: profiles/rui-shao.yaml", f"profile: {value}")
    shutil.copytree(ROOT / "profiles", tmp_path / "profiles")
    (tmp_path / "app.yaml").write_text(text)
    work = tmp_path / "elsewhere"
    work.mkdir()
    result = _resume("render", "--for", str(tmp_path / "app.yaml"), "-o", "out", cwd=work)
    assert result.returncode == 2, result.stderr
    assert says in result.stderr and field in result.stderr
    assert "root:" not in result.stderr and not (work / "out").exists()


def test_two_applications_of_one_name_never_share_a_folder(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(APPLICATION, tmp_path / folder / "x.yaml")
    result = _resume("render", "--for", "a/x.yaml", "--for", "b/x.yaml", cwd=tmp_path)
    assert result.returncode == 2 and "applications of one name" in result.stderr
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_data_on_standard_output_is_utf8_whatever_the_terminal(tmp_path, encoding):
    """`resume import x > me.yaml` must be the file `-o me.yaml` writes: a terminal's
    escapes for characters it cannot show would change the data."""
    import json
    import os

    source = (
        ROOT
        / "tests"
        / "data"
        / "wild"
        / "rendercv"
        / "01-v1-classic-publications-conferences.yaml"
    )
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "renderer.cli", *args], capture_output=True, env=env, cwd=tmp_path
    )
    imported = run("import", str(source))
    assert imported.returncode == 0 and "name: Álvaro Jiménez Orteu" in imported.stdout.decode()
    assert run("import", str(source), "-o", "me.yaml").returncode == 0

    def content(data: bytes) -> list[bytes]:  # the comments name where it was written
        return [line for line in data.splitlines() if not line.startswith(b"#")]

    assert content((tmp_path / "me.yaml").read_bytes()) == content(imported.stdout)
    exported = run("export", str(source))
    assert json.loads(exported.stdout)["basics"]["name"] == "Álvaro Jiménez Orteu"
    matched = run(
        "match", str(ROOT / "profiles" / "rui-shao.yaml"), "--for", str(APPLICATION), "--json"
    )
    assert json.loads(matched.stdout)["terms"]


def test_schema_never_overwrites_without_force(tmp_path):
    target = tmp_path / "schema.json"
    target.write_text("mine")
    refused = _resume("schema", "-o", str(target))
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert target.read_text() == "mine"
    assert _resume("schema", "-o", str(target), "--force").returncode == 0
    assert target.read_text().startswith("{")


def test_the_home_folder_never_changes_a_pdf(tmp_path):
    """reportlab runs ~/.reportlab_settings and ~/.reportlab_mods when imported: a home that
    is a file stopped every render, and one with such files changed every PDF."""
    import os

    evil = tmp_path / "home"
    evil.mkdir()
    (evil / ".reportlab_settings").write_text("invariant = 0\nprint('ran settings')\n")
    (evil / ".reportlab_mods").write_text("print('ran mods')\n")
    made = {}
    for label, home in (("file", "/etc/passwd"), ("evil", str(evil)), ("plain", str(tmp_path))):
        env = {**os.environ, "HOME": home, "XDG_CACHE_HOME": str(tmp_path / "cache")}
        out = tmp_path / f"{label}.pdf"
        args = ["render", str(ROOT / "profiles" / "rui-shao.yaml"), "-f", "pdf", "-o", str(out)]
        result = subprocess.run(
            [sys.executable, "-m", "renderer.cli", *args], capture_output=True, text=True, env=env
        )
        assert result.returncode == 0, result.stderr
        assert "ran" not in result.stdout + result.stderr
        made[label] = out.read_bytes()
    assert made["file"] == made["evil"] == made["plain"]


@pytest.mark.parametrize("url", ["http://[::1", "http://[::1]:80x", "https://example.com:99999"])
def test_a_link_no_reader_can_parse_is_refused_at_its_line(tmp_path, url):
    profile = tmp_path / "p.yaml"
    profile.write_text(f'name: Ann\nemail: a@b.co\nlinks:\n  - {{label: Site, url: "{url}"}}\n')
    result = _resume("validate", str(profile))
    assert (
        result.returncode == 2
        and "p.yaml:4:" in result.stderr
        and "not a valid address" in result.stderr
    )
    exported = _resume("export", str(profile))
    assert exported.returncode == 2 and "internal error" not in exported.stderr
