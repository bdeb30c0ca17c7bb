"""Shared fixtures: the four people, the built-in themes, and their renders (made once)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest
from hypothesis import settings

from renderer.compose import compose
from renderer.document import Document
from renderer.loader import load_profile
from renderer.pipeline import backend
from renderer.theme import builtin_names, load_theme

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
    return backend(fmt).render(document(person, theme), load_theme(theme), page_size)


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
