"""Work counts, never wall time: what is done once per process stays done once."""

from __future__ import annotations

import subprocess
import sys

from renderer.backends import docx as docx_backend
from renderer.backends import pdf as pdf_backend
from renderer.theme import load_theme
from tests.conftest import document, render_bytes


def test_fonts_are_registered_once_per_process():
    chosen = load_theme("modern")
    for person in ("rui-shao", "kaiyang", "ao-wang"):
        render_bytes("pdf", document(person, "modern"), chosen)
    files = [
        chosen.font_path(chosen.fonts.regular).resolve(),
        chosen.font_path(chosen.fonts.bold).resolve(),
    ]
    assert all(pdf_backend.FONT_REGISTRATIONS[f] == 1 for f in files)


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


def test_help_imports_nothing_heavy():
    code = (
        "import sys; from typer.testing import CliRunner; from renderer.cli import app;"
        "CliRunner().invoke(app, ['--help']);"
        "heavy = {'reportlab', 'docx', 'pydantic', 'jinja2', 'pypdf', 'yaml', 'fontTools'};"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr
