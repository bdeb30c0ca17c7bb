"""Files from the world (tests/data/wild/, anonymised copies of real resume.json and RenderCV
files): each renders in every theme and format with every file read back ok, or stops with an
error that names the line and what to do."""

from __future__ import annotations

import pytest

from renderer import formats
from renderer.errors import InputError
from renderer.jobs.render import Job, run
from renderer.theme.model import builtin_names
from tests.conftest import ROOT

WILD = ROOT / "tests" / "data" / "wild"
FILES = sorted([*WILD.glob("jsonresume/*.json"), *WILD.glob("rendercv/*.yaml")])

# Files that cannot render as published, and what their error must say (the line, the fix).
STOPS = {
    "22-unterminated-string-nbsp.json": ["22-unterminated-string-nbsp.json:77:49", "quote"],
    "16-chinese-jsonc-comments.json": ["16-chinese-jsonc-comments.json:137:5", "fonts-symbola"],
}


def test_the_corpus_is_there():
    assert len([f for f in FILES if f.parent.name == "jsonresume"]) >= 30
    assert len([f for f in FILES if f.parent.name == "rendercv"]) >= 8


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_real_file_renders_in_every_theme_and_format(path, tmp_path):
    job = Job(path, tuple(builtin_names()), formats.names(), tmp_path, run_check=True)
    try:
        result = run(job)
    except InputError as error:
        assert path.name in STOPS, error
        message = str(error)
        assert all(part in message for part in STOPS[path.name]), message
        return
    if result.errors:  # a PDF its fonts cannot draw: the other formats are written
        assert path.name in STOPS, result.errors
        assert all(all(part in e for part in STOPS[path.name]) for e in result.errors)
        assert len(result.written) == len(builtin_names()) * (len(formats.names()) - 1)
    else:
        assert len(result.written) == len(builtin_names()) * len(formats.names())
    failed = [(w.path.name, w.report.problems[:3]) for w in result.written if not w.report.ok]
    assert failed == []
