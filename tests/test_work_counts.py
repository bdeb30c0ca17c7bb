"""Work counts, never wall time: what is done once per process stays done once."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from renderer.formats.docx import writer as docx_backend
from renderer.formats.pdf import fonts as pdf_fonts
from renderer.theme.model import load_theme
from tests.conftest import ROOT, document, render_bytes


def test_fonts_are_registered_once_per_process():
    chosen = load_theme("modern")
    for person in ("rui-shao", "kaiyang", "ao-wang"):
        render_bytes("pdf", document(person, "modern"), chosen)
    files = [
        chosen.font_path(chosen.fonts.regular).resolve(),
        chosen.font_path(chosen.fonts.bold).resolve(),
    ]
    assert all(pdf_fonts.FONT_REGISTRATIONS[f] == 1 for f in files)


def test_docx_template_is_prepared_once_per_theme():
    chosen = load_theme("compact")
    render_bytes("docx", document("rui-shao", "compact"), chosen)
    before = docx_backend.TEMPLATE_LOADS[0]
    outputs = [
        render_bytes("docx", document(p, "compact"), chosen)
        for p in ("rui-shao", "kaiyang", "rui-shao")
    ]
    assert docx_backend.TEMPLATE_LOADS[0] == before
    assert outputs[0] == outputs[2]  # reuse leaves nothing of one resume in the next


def test_a_themes_unchanging_docx_parts_are_compressed_once_per_language():
    from renderer.compose.resume import compose
    from renderer.inputs import load_profile

    chosen = load_theme("modern")
    profile = load_profile(ROOT / "profiles" / "kaiyang.yaml").profile
    english = render_bytes("docx", compose(profile, chosen), chosen)
    before = dict(docx_backend.MEMBERS_COMPRESSED)
    german = render_bytes("docx", compose(profile, chosen, language="de"), chosen)
    again = render_bytes("docx", compose(profile, chosen), chosen)
    after = dict(docx_backend.MEMBERS_COMPRESSED)
    assert again == english  # nothing of the German resume's styles reached this one
    assert german != english
    # German needs its own styles part (they name the language; made here unless an
    # earlier test made it); nothing else is compressed again.
    redone = {k: after[k] - before.get(k, 0) for k in after if after[k] != before.get(k, 0)}
    assert redone in ({}, {"/word/styles.xml": 1})
    render_bytes("docx", compose(profile, chosen, language="de"), chosen)
    assert dict(docx_backend.MEMBERS_COMPRESSED) == after


def test_help_imports_nothing_heavy():
    code = (
        "import sys; from typer.testing import CliRunner; from renderer.cli import app;"
        "CliRunner().invoke(app, ['--help']);"
        "heavy = {'reportlab', 'docx', 'pydantic', 'jinja2', 'pypdf', 'yaml', 'fontTools'};"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def _render_in_child(cache: Path, out: Path, who: str = "rui-shao.yaml") -> list[str]:
    """Render PDFs in a new process with `cache` as XDG_CACHE_HOME; the heavy modules that
    process imported, and whether it stripped any font more than once."""
    code = (
        "import sys; from renderer.cli import main; sys.argv = ['resume', 'render', "
        f"{str(ROOT / 'profiles' / who)!r}, '-f', 'pdf', '-o', {str(out)!r}, '-q'];"
        "\ntry: main()\nexcept SystemExit as e: assert not e.code, e.code\n"
        "from renderer.theme.fontcache import STRIPPED\n"
        "assert max(STRIPPED.values(), default=0) <= 1\n"
        "print(sorted(m for m in ('fontTools', 'jinja2') if m in sys.modules))"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])


def test_hinting_is_stripped_once_per_font_then_read_from_the_cache(tmp_path):
    # One page: a longer resume numbers its pages with glyph outlines, which need fontTools.
    short = tmp_path / "ann.yaml"
    short.write_text("name: Ann\nemail: ann@example.com\nsummary: '**Short** and _one_ page.'\n")
    first = _render_in_child(tmp_path / "cache", tmp_path / "a", str(short))
    assert "fontTools" in first  # the cache was empty: the fonts were stripped
    cached = sorted((tmp_path / "cache" / "resume-renderer" / "fonts").iterdir())
    assert len(cached) == 4  # classic's four faces (no fallback font was needed)
    assert "fontTools" not in _render_in_child(tmp_path / "cache", tmp_path / "b", str(short))
    pdf = "ann/ann-classic.pdf"
    assert (tmp_path / "a" / pdf).read_bytes() == (tmp_path / "b" / pdf).read_bytes()


def test_a_damaged_or_unwritable_font_cache_never_fails_a_render(tmp_path):
    _render_in_child(tmp_path / "cache", tmp_path / "a")
    folder = tmp_path / "cache" / "resume-renderer" / "fonts"
    for file in folder.iterdir():  # cut short, and one byte changed
        data = bytearray(file.read_bytes()[:-100])
        data[5000] ^= 0xFF
        file.write_bytes(bytes(data))
    _render_in_child(tmp_path / "cache", tmp_path / "b")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    _render_in_child(blocked, tmp_path / "c")
    _render_in_child(blocked, tmp_path / "all", "")  # four people, each font stripped once
    pdf = "rui-shao/rui-shao-classic.pdf"
    made = {(tmp_path / run / pdf).read_bytes() for run in "abc"}
    assert len(made) == 1


def test_a_render_imports_no_rich(tmp_path):
    """Its warnings and table are printed by renderer/terminal.py: rich is for other commands."""
    profile = ROOT / "profiles" / "rui-shao.yaml"
    code = (
        "import sys; from renderer.cli import main; sys.argv = ['resume', 'render', "
        f"{str(profile)!r}, '-f', 'txt', '-o', {str(tmp_path)!r}, '--check'];\n"
        "try: main()\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().endswith("[]"), result.stdout + result.stderr
    assert "Written to" in result.stdout and "ok" in result.stdout
