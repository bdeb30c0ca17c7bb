"""Shared fixtures: the four people, the built-in themes, and their renders (made once)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import settings

from renderer import formats
from renderer.ats.check import Report, check
from renderer.compose.document import Document
from renderer.compose.resume import compose
from renderer.formats import Options
from renderer.inputs import load_profile
from renderer.theme.model import builtin_names, load_theme

# The tests (and the commands they run) keep their stripped fonts in a cache of their own,
# never in the user's.
_CACHE = tempfile.mkdtemp(prefix="resume-tests-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

# CI explores a fixed set of examples (found bugs are fixed and kept as plain tests); a
# developer's run explores new ones every time.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))
PEOPLE = [p.stem for p in PROFILES]
THEMES = builtin_names()


@cache
def document(person: str, theme: str) -> Document:
    return compose(load_profile(ROOT / "profiles" / f"{person}.yaml").profile, load_theme(theme))


@cache
def rendered(person: str, theme: str, fmt: str, page_size: str | None = None) -> bytes:
    return render_bytes(fmt, document(person, theme), load_theme(theme), page_size)


@pytest.fixture(params=PEOPLE)
def person(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(params=THEMES)
def theme(request: pytest.FixtureRequest) -> str:
    return request.param


def write_profile(tmp_path: Path, text: str, name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/ (and the stored page pictures) from the current output.",
    )


def render_bytes(fmt: str, doc: Document, theme: object, page_size: str | None = None) -> bytes:
    """The bytes of one render, as the registry's format makes them."""
    return formats.get(fmt).render(doc, theme, Options(page_size)).data  # type: ignore[arg-type]


def check_bytes(path: Path, doc: Document | None, data: bytes) -> Report:
    """`check` on bytes, the format taken from the file name's suffix."""
    fmt = formats.by_suffix(path.suffix)
    assert fmt is not None, path
    return check(fmt, data, doc, str(path))


def read_pdf(data: bytes) -> tuple[list[str], list[str]]:
    read = formats.get("pdf").read_back(data)
    return read.lines, read.problems


def read_docx(data: bytes) -> tuple[list[str], list[str]]:
    read = formats.get("docx").read_back(data)
    return read.lines, read.problems


FORMATS = formats.names()
