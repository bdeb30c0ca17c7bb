"""Output formats, one folder each: `pdf/`, `docx/`, `html/`, `txt/`, `md/`.

A format's folder holds its writer (Document -> bytes) and its reader (bytes -> the text an
applicant tracking system gets) side by side, and declares the format once, in its
`__init__.py`: its name and file suffix, how it renders a Document (with the page count and
notes about the layout), and how a written file of its kind is read back. Nothing outside this
package names a format: the jobs, `check` and the CLI ask this registry. Adding a format is
adding a folder here (a format is imported only when it is used, so a PDF render never
imports python-docx). `plaintext.py` holds what the text formats' readers share.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from renderer.compose.document import Block, Document
    from renderer.theme.model import Theme

_PREFERRED = ("pdf", "docx", "html", "txt", "md")  # the order of `--format all`
FOR_UPLOAD = ("pdf", "docx")  # what an application writes unless told otherwise


@dataclass(frozen=True)
class Options:
    """How to lay out one render, beyond the theme: chosen per run or per application."""

    page_size: str | None = None  # letter or a4; None: the theme's


@dataclass(frozen=True)
class Layout:
    """Where the content of a paged render went, in lines of body text."""

    lines_per_page: tuple[float, ...]  # how full each page is
    sections_per_page: tuple[tuple[str, ...], ...]  # the sections each page holds
    section_lines: dict[str, float] = field(default_factory=dict)  # how long each section is


@dataclass(frozen=True)
class Rendered:
    data: bytes
    pages: int | None = None  # for paged formats: how many pages were laid out
    notes: tuple[str, ...] = ()  # what a reader would find hard going (long bullets, …)
    layout: Layout | None = None  # paged formats that measure it


@dataclass(frozen=True)
class ReadBack:
    """A written file as an ATS reads it: its lines of text, and what is wrong with the file
    itself (fonts not embedded, text in a page header, …)."""

    lines: list[str]
    problems: list[str] = field(default_factory=list)
    pages: int | None = None
    tagged: bool | None = None  # a PDF with a structure tree (None: not a question here)
    structure: tuple[str, ...] = ()  # the tree's outline, an element a line, indented
    links: tuple[str, ...] | None = None  # where its links go (None: not read for this format)


@dataclass(frozen=True)
class Reader:
    """One way an applicant tracking system may read a file of a format (pypdf, pdfminer)."""

    name: str
    read: Callable[[bytes], ReadBack]
    # Gives Hebrew and Arabic lines in the order they are read (pypdf reverses each run of
    # one direction on its own, and leaves the runs in the order they are drawn).
    orders_right_to_left: bool = True


@dataclass(frozen=True)
class Format:
    name: str  # what --format takes
    suffix: str  # the file name's ending, with its dot
    description: str
    render: Callable[[Document, Theme, Options], Rendered]
    readers: tuple[Reader, ...]  # the first is the one whose problems with the file count
    # A block's text as it reads back from this format (text formats spell out link addresses).
    expected_text: Callable[[Block], str] = field(default=lambda block: block.text)
    paged: bool = False  # has pages (and page labels)
    media_type: str = "application/octet-stream"  # what HTTP calls it (resume serve)

    def read_back(self, data: bytes) -> ReadBack:
        return self.readers[0].read(data)


def names() -> tuple[str, ...]:
    """Every format there is, found without importing any of them."""
    found = [m.name for m in pkgutil.iter_modules(__path__) if m.ispkg]
    return tuple(sorted(found, key=lambda n: (_PREFERRED.index(n) if n in _PREFERRED else 99, n)))


@cache
def get(name: str) -> Format:
    if name not in names():
        raise KeyError(f"unknown format {name!r}; formats: {', '.join(names())}")
    module = importlib.import_module(f"{__name__}.{name}")
    found: Format = module.FORMAT
    return found


def by_suffix(suffix: str) -> Format | None:
    """The format of a file name's suffix (.pdf), or None."""
    name = suffix.lower().lstrip(".")
    return get(name) if name in names() else None


def paged() -> Format:
    """The format that lays out pages, to measure and fit a resume by."""
    return next(get(name) for name in names() if get(name).paged)
