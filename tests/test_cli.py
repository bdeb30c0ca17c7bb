"""The resume command as a person uses it: every command, every exit code, safe writes."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from renderer import files
from renderer.cli import app
from renderer.errors import OutputError
from renderer.profile.model import SECTION_FIELDS
from tests.conftest import PEOPLE, ROOT, THEMES, write_profile

runner = CliRunner()


def resume(*args: str, cwd=None):
    """Run the installed entry point in a real subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "renderer.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=300,
    )


def test_help_lists_every_command():
    result = resume("--help")
    assert result.returncode == 0
    for command in ("render", "validate", "schema", "themes", "new", "check"):
        assert command in result.stdout
    for command in ("render", "validate", "schema", "themes", "new", "check"):
        sub = runner.invoke(app, [command, "--help"])
        assert sub.exit_code == 0 and "Usage:" in sub.output


def test_render_without_arguments_renders_every_profile(tmp_path):
    shutil.copytree(ROOT / "profiles", tmp_path / "profiles")
    result = resume("render", "--check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for person in PEOPLE:
        for fmt in ("pdf", "docx", "txt", "md"):
            assert (tmp_path / "output" / person / f"{person}-classic.{fmt}").is_file()
    assert "Written" in result.stdout and "ok" in result.stdout
    assert "no e-mail or phone" in result.stderr  # the lint warnings are shown


def test_render_themes_formats_page_size(tmp_path):
    out = tmp_path / "out"
    profile = str(ROOT / "profiles" / "rui-shao.yaml")
    result = runner.invoke(
        app, ["render", profile, "-t", "all", "-f", "pdf,txt", "-o", str(out), "-p", "a4", "-q"]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (out / "rui-shao").iterdir())
    expected = []
    for theme in THEMES:
        suffix = "" if theme == "compact" else "-a4"  # compact is A4 already
        expected += [f"rui-shao-{theme}{suffix}.pdf", f"rui-shao-{theme}{suffix}.txt"]
    assert names == sorted(expected)


def test_render_a_folder_with_progress_and_jobs(tmp_path):
    result = runner.invoke(
        app, ["render", str(ROOT / "profiles"), "-f", "txt", "-o", str(tmp_path), "-j", "2"]
    )
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("*/*.txt"))) == len(PEOPLE)


def test_usage_errors_exit_2(tmp_path):
    profile = str(ROOT / "profiles" / "rui-shao.yaml")
    unknown_theme = runner.invoke(app, ["render", profile, "-t", "fancy", "-o", str(tmp_path)])
    assert unknown_theme.exit_code == 2
    assert (
        "unknown theme 'fancy'; known themes: classic, compact, engineering, executive, harvard, "
        "modern" in unknown_theme.output
    )
    bad_format = runner.invoke(app, ["render", profile, "-f", "pdf,odt"])
    assert bad_format.exit_code == 2 and "unknown format 'odt'" in bad_format.output
    bad_size = runner.invoke(app, ["render", profile, "-p", "legal"])
    assert bad_size.exit_code == 2 and "letter or a4" in bad_size.output
    assert runner.invoke(app, ["render", "--no-such-flag"]).exit_code == 2
    assert not list(tmp_path.iterdir())


def test_bad_profile_exits_2_with_file_and_line_and_no_traceback(tmp_path):
    text = (
        (ROOT / "profiles" / "rui-shao.yaml")
        .read_text()
        .replace("company: Intel", "compnay: Intel")
    )
    path = write_profile(tmp_path, text)
    result = resume("render", str(path), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "p.yaml:" in result.stderr and "did you mean 'company'?" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists()


def test_validate(tmp_path):
    good = runner.invoke(app, ["validate", str(ROOT / "profiles")])
    assert good.exit_code == 0 and "no name" in good.output
    strict = runner.invoke(app, ["validate", "--strict", str(ROOT / "profiles")])
    assert strict.exit_code == 2
    bad = write_profile(tmp_path, "name: Ann\nexperience: [{company: X, start: 2025-13}]\n")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2 and "experience[0].start" in result.output


def test_schema(tmp_path):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "experience" in schema["properties"]
    assert runner.invoke(app, ["schema", "-o", str(tmp_path / "s.json")]).exit_code == 0
    assert json.loads((tmp_path / "s.json").read_text()) == schema


def test_themes_lists_each_with_description_and_origin():
    result = runner.invoke(app, ["themes"])
    assert result.exit_code == 0
    for theme in THEMES:
        assert theme in result.stdout
    assert "built-in" in result.stdout and "Carlito" in result.stdout


def test_new_scaffolds_a_profile_that_validates(tmp_path):
    path = tmp_path / "me.yaml"
    assert runner.invoke(app, ["new", str(path)]).exit_code == 0
    text = path.read_text()
    for section in SECTION_FIELDS:
        assert f"{section}:" in text
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    again = runner.invoke(app, ["new", str(path)])
    assert again.exit_code == 2 and "exists" in again.output
    assert runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "o")]).exit_code == 0


def test_check_command(tmp_path):
    profile = str(ROOT / "profiles" / "kaiyang.yaml")
    assert runner.invoke(app, ["render", profile, "-o", str(tmp_path), "-q"]).exit_code == 0
    written = sorted((tmp_path / "kaiyang").iterdir())
    ok = runner.invoke(app, ["check", *map(str, written), "--profile", profile])
    assert ok.exit_code == 0, ok.output
    assert ok.output.count(": ok (") == len(written) == 5  # pdf, docx, html, txt, md
    other = str(ROOT / "profiles" / "ao-wang.yaml")
    wrong = runner.invoke(app, ["check", str(written[0]), "--profile", other])
    assert wrong.exit_code == 1 and "not found in order" in wrong.output
    assert runner.invoke(app, ["check", str(tmp_path / "none.pdf")]).exit_code == 2


def test_failed_render_keeps_the_previous_file(tmp_path):
    profile = write_profile(tmp_path, "name: Ann\nhighlights: [Shipped on time]\n")
    out = tmp_path / "out"
    assert runner.invoke(app, ["render", str(profile), "-o", str(out), "-f", "pdf"]).exit_code == 0
    pdf = out / "ann" / "ann-classic.pdf"
    before = pdf.read_bytes()
    profile.write_text("name: Ann\nhighlights: ['Shipped 🫠 on time']\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(profile), "-o", str(out), "-f", "pdf"])
    assert result.exit_code == 1 and "U+1FAE0" in result.output
    assert pdf.read_bytes() == before
    assert [p.name for p in pdf.parent.iterdir()] == ["ann-classic.pdf"]


@pytest.mark.parametrize(
    "failure",
    [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
    ids=["disk-full", "ctrl-c"],
)
def test_interrupted_write_leaves_old_file_and_no_temp(tmp_path, monkeypatch, failure):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")

    def broken_fsync(fd):
        raise failure

    monkeypatch.setattr(os, "fsync", broken_fsync)
    expected = OutputError if isinstance(failure, OSError) else KeyboardInterrupt
    with pytest.raises(expected) as caught:
        files.write_atomic(target, b"new" * 1000)
    if expected is OutputError:  # the message names the file, never the temp file
        assert str(caught.value) == f"{target}: cannot write: No space left on device"
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_written_files_get_ordinary_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        files.write_atomic(tmp_path / "new.pdf", b"x")
        kept = tmp_path / "kept.pdf"
        kept.write_bytes(b"old")
        kept.chmod(0o600)
        files.write_atomic(kept, b"new")
    finally:
        os.umask(old)
    assert (tmp_path / "new.pdf").stat().st_mode & 0o777 == 0o644
    assert kept.stat().st_mode & 0o777 == 0o600 and kept.read_bytes() == b"new"


def test_disk_full_through_the_cli_exits_1(tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    profile = str(ROOT / "profiles" / "rui-shao.yaml")
    result = runner.invoke(app, ["render", profile, "-o", str(tmp_path), "-f", "txt"])
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert not list(tmp_path.rglob("*.tmp"))


def test_installed_entry_point_works_from_another_folder(tmp_path):
    script = shutil.which("resume", path=os.path.dirname(sys.executable))
    assert script, "the console script is installed next to the interpreter"
    profile = tmp_path / "me.yaml"
    shutil.copy(ROOT / "profiles" / "ao-wang.yaml", profile)
    result = subprocess.run(
        [script, "render", str(profile), "-f", "pdf"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "ao-wang" / "ao-wang-classic.pdf").is_file()


BAD_INPUTS = {
    "empty": (b"", "file is empty"),
    "not-yaml": (b"name: [Ann\n", ":2:1: not valid YAML"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00", "is a binary file"),
    "latin-1": ("name: Zoë\n".encode("latin-1"), ":1:9: byte 0xEB is not UTF-8"),
    "list": (b"- name: Ann\n", ":1:1: a profile is a mapping"),
    "wrong-type": (b"name: Ann\nskills: yes\n", ":2:9 skills: Input should be a valid list"),
    "bad-date": (
        b"experience: [{company: X, start: 2025-02-30}]\n",
        ":1:34 experience[0].start: '2025-02-30' is not a valid date",
    ),
    "unknown-key": (b"name: Ann\nhobbies: [chess]\n", ":2:1 hobbies: unknown field"),
    "alias-bomb": (
        b"a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        b"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n",
        "alias bomb",
    ),
    "too-large": (b"summary: " + b"x" * (1024 * 1024) + b"\n", "at most 1 MiB"),
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
@pytest.mark.parametrize("command", ["validate", "render"])
def test_every_bad_input_exits_2_with_a_message_and_no_traceback(kind, command, tmp_path):
    data, expected = BAD_INPUTS[kind]
    path = tmp_path / "bad.yaml"
    path.write_bytes(data)
    result = runner.invoke(
        app,
        [command, str(path), "-o", str(tmp_path / "out")]
        if command == "render"
        else [command, str(path)],
    )
    assert result.exit_code == 2, result.output
    assert f"{path}" in result.output and expected in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_missing_profile_file_exits_2(tmp_path):
    result = runner.invoke(app, ["render", str(tmp_path / "nobody.yaml")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_an_unexpected_error_is_a_message_not_a_traceback(tmp_path):
    """Even a bug of ours (simulated by replacing the pipeline with one that raises)."""
    code = (
        "import sys; import renderer.jobs.render as p\n"
        "def boom(job): raise RuntimeError('simulated bug')\n"
        "p.run = boom\n"
        "sys.argv = ['resume', 'render', sys.argv[1], '-o', sys.argv[2]]\n"
        "from renderer.cli import main; main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "profiles" / "ao-wang.yaml"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "internal error: RuntimeError: simulated bug" in result.stderr
    assert "Traceback" not in result.stderr


def test_messages_print_profile_text_exactly(tmp_path):
    """rich would take `[bold]` in a message for markup and drop it."""
    path = write_profile(tmp_path, 'name: Ann\n"[bold]x[/bold]": 1\n')
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "unknown field '[bold]x[/bold]'" in result.output


def test_one_bad_profile_does_not_stop_the_others(tmp_path):
    folder = tmp_path / "people"
    folder.mkdir()
    shutil.copy(ROOT / "profiles" / "rui-shao.yaml", folder / "a-rui.yaml")
    (folder / "b-broken.yaml").write_text("name: [Ann\n")
    shutil.copy(ROOT / "profiles" / "ao-wang.yaml", folder / "c-ao.yaml")
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = runner.invoke(
            app, ["render", str(folder), "-f", "pdf", "-o", str(out), "-j", jobs]
        )
        assert result.exit_code == 2
        assert "b-broken.yaml:2:1: not valid YAML" in result.output
        assert (out / "rui-shao" / "rui-shao-classic.pdf").is_file()
        assert (out / "ao-wang" / "ao-wang-classic.pdf").is_file()


RESUME = shutil.which("resume", path=os.path.dirname(sys.executable)) or "resume"


def test_version_and_help_that_fits_80_columns():
    from renderer import __version__

    version = resume("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"resume-renderer {__version__}"
    shown = subprocess.run(
        [RESUME, "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
    ).stdout
    commands = shown.split("Commands:", 1)[1].splitlines()
    assert len([c for c in commands if c.strip()]) >= 9
    assert not any(line.rstrip().endswith("...") for line in commands)  # nothing cut off
    assert all(len(line) <= 80 for line in shown.splitlines())


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("resume ren", {"render"}),
        (
            "resume render --theme ",
            {"classic", "compact", "engineering", "executive", "harvard", "modern", "all"},
        ),
        ("resume render -f pdf,d", {"pdf,docx"}),
    ],
)
def test_shell_completion(words, expected):
    env = {**os.environ, "_RESUME_COMPLETE": "complete_bash", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(len(words.split(" ")) - 1)
    result = subprocess.run([RESUME], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == expected
    script = subprocess.run([RESUME, "--show-completion", "bash"], capture_output=True, text=True)
    assert script.returncode == 0 and "_RESUME_COMPLETE=complete_bash" in script.stdout


def test_summary_fits_80_columns_with_paths_from_the_output_folder(tmp_path):
    shutil.copytree(ROOT / "profiles", tmp_path / "profiles")
    result = subprocess.run(
        [RESUME, "render", "--theme", "all", "-f", "pdf,docx"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "Written to output/"
    assert all(len(line) <= 80 for line in lines)
    assert "amazon-bedrock-engineer/" in result.stdout  # each person's folder, once
    assert "  amazon-bedrock-engineer-executive.docx" in result.stdout  # then its files
    assert not any("output/" in line for line in lines[1:])
