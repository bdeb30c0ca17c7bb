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
    look: str = ""  # its font, size and case (or style): the look a document's headings share
    capitals: bool = False  # set in capitals by its font (Word's All caps), whatever its text
    broken: bool = False  # the rest of a paragraph after a line break: no heading, no head

    @property
    def words(self) -> str:
        return " ".join(self.text.split())


def strip_bullet(text: str) -> tuple[str, bool]:
    """(text without its list mark, whether it had one)."""
    found = _BULLET.match(text)
    if found and len(text) > found.end():
        return text[found.end() :].strip(), True
    return text.strip(), False


# Ligatures as their letters; a non-breaking hyphen (Awesome-CV's dates) and a minus as the
# hyphen and the dash people type.
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
    | {"\u2010": "-", "\u2011": "-", "\u2012": "–", "\u2015": "—", "\u2212": "–"}
)
# A glyph with no letter behind it: an icon font's (a phone, an envelope) or one a PDF gives
# no text for. It stands before a contact detail: a separator, as `·` would be.
_ICON = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff]")
# A ligature standing alone is an icon font's glyph (a LinkedIn logo), not letters.
_LONE_LIGATURE = re.compile(r"(?:^|(?<=\s))[\ufb00-\ufb06](?=\s|$)")
_DOTS = re.compile(r"(?:\s*·\s*)+")


def tidy(text: str) -> str:
    """A line's text as a person reads it: accents composed (NFC), ligatures as letters, an
    icon as a separator (none at either end)."""
    text = _LONE_LIGATURE.sub(" · ", unicodedata.normalize("NFC", text)).translate(_LIGATURES)
    if not _ICON.search(text) and " · " not in text:
        return text
    text = _DOTS.sub(" · ", _ICON.sub(" · ", text))
    return text.strip().removeprefix("·").removesuffix("·").strip()


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
