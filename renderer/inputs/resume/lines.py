"""A resume read off a page, as lines: what a Word or PDF reader sees of each line (its text,
its emphasis and size, whether it is a heading or a list item, text set flush right beside
it) and where it stood, so that every value the parser takes can be traced back to it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from renderer.errors import FieldPath

# Marks people start a list item with, when the document's own list does not.
BULLET_MARKS = "•·▪◦●○‣⁃∙■□➢➤►▶✓✔❖◆◇-–—*+"
# A mark, then space; or a glyph that is nothing but a bullet, set tight against the text (as
# PDF text extraction gives a bullet drawn apart from its line).
_BULLET = re.compile(
    rf"^\s*[{re.escape(BULLET_MARKS)}]\s+(?=\S)|^\s*[•▪◦●‣■➢➤►▶❖\uf000-\uf0ff]\s*(?=\S)"
)


@dataclass
class Line:
    """One line (a DOCX paragraph, a PDF text line) of a resume as read."""

    text: str  # without a list mark it began with
    place: FieldPath  # ("paragraph", 12) or ("page", 1, "line", 14)
    mark: tuple[int, int]  # the line and column an error or a note points at
    bold: bool = False  # all (or nearly all) of its letters bold
    italic: bool = False
    size: float = 0.0  # its font size, where the reader knows it
    heading: int = 0  # a heading level the document itself says (1: a section, 2: an entry)
    title: bool = False  # the document's title (Word's Title style): the person's name
    bullet: bool = False  # a list item
    aside: str = ""  # text set flush right on the same line (an entry's dates)
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, address) in it
    bold_prefix: str = ""  # a bold start ("Languages:" of a skills line)
    gap_before: float = 0.0  # space above it, in lines (a PDF's paragraph gaps)

    @property
    def words(self) -> str:
        return " ".join(self.text.split())


def strip_bullet(text: str) -> tuple[str, bool]:
    """(text without its list mark, whether it had one)."""
    found = _BULLET.match(text)
    if found and len(text) > found.end():
        return text[found.end() :].strip(), True
    return text.strip(), False


def plain(text: str) -> str:
    """Lower case, no accents, single spaces: for comparing words."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().split())


def letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


def shouting(text: str) -> bool:
    """Written in capitals (EXPERIENCE, WORK HISTORY), as many section headings are."""
    found = letters(text)
    return len(found) >= 3 and found.upper() == found and found.lower() != found
