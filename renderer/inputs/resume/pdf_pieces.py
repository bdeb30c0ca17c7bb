"""A PDF page's text as pieces (pdfminer.six): the runs of characters on one baseline that
stand close together, each with where it stands, its size and its face (bold, italic), and
the pages' link annotations (pypdf). `pdf_columns.py` sorts the pieces into columns and
`pdf_lines.py` makes lines of them."""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from renderer.errors import InputError

MAX_PAGES = 20
GAP = 0.6  # a gap wider than a word space, in ems: where a line may be cut in columns


@dataclass
class Piece:
    text: str
    x0: float
    x1: float
    y: float  # baseline
    top: float
    size: float
    bold: bool
    italic: bool
    page: int
    chars: list[Any]
    face: str = ""  # the font most of it is set in (a look a heading style shares)
    line: int = 0  # the pdfminer line it was cut from
    column: int = 0  # 0: the page's main text; 1: a sidebar beside it
    lead: bool = False  # in a narrow column left of the text, on its rows (dates, labels)


def read_pieces(data: bytes, name: str) -> tuple[list[Piece], float]:
    """Every page's pieces, and the widest page's width."""
    # pdfminer: imported for an import only (a render never reads a PDF)
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine

    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
    pieces: list[Piece] = []
    widths: list[float] = []
    try:
        pages = extract_pages(io.BytesIO(data), laparams=LAParams(), maxpages=MAX_PAGES)
        for number, page in enumerate(pages, 1):
            widths.append(page.width)
            for box in page:
                if not isinstance(box, LTTextContainer):
                    continue
                for text_line in box:
                    if isinstance(text_line, LTTextLine):
                        found = _split_at_gaps(text_line, number, LTChar)
                        for piece in found:
                            piece.line = len(pieces)
                        pieces += found
    except Exception as error:  # noqa: BLE001 (a malformed file can break pdfminer anywhere)
        raise InputError(f"cannot be read as a PDF ({type(error).__name__})", name) from None
    if not pieces:
        raise InputError("holds no text to read (a scanned page? it needs OCR first)", name)
    return pieces, max(widths)


def _split_at_gaps(text_line: Any, page: int, char_type: Any) -> list[Piece]:
    """A pdfminer line cut where its characters stand apart by more than a word's space (a
    date set at the right, a column of its own): each part a piece (`pdf_lines.py` joins
    again those that no column divides). A space is kept where pdfminer saw one between
    characters (its LTAnno): LaTeX writes no space characters, only gaps."""
    parts: list[list[Any]] = [[]]
    spaced: set[int] = set()  # the characters with a space before them
    last: Any = None
    space = False
    for item in text_line:
        if not isinstance(item, char_type):
            space = space or item.get_text().isspace()
            continue
        if last is not None and item.x0 - last.x1 > max(item.size, last.size) * GAP:
            parts.append([])
        if item.get_text().strip():
            if space and parts[-1]:
                spaced.add(id(item))
            parts[-1].append(item)
            last, space = item, False
        else:
            space = True
    return [_piece(part, _text(part, spaced), page) for part in parts if part]


def joined(one: Piece, other: Piece) -> Piece:
    """Two pieces of a line as one (the gap between them a space)."""
    made = _piece([*one.chars, *other.chars], f"{one.text} {other.text}", one.page)
    made.line, made.column, made.lead = one.line, one.column, one.lead
    return made


def _piece(part: list[Any], text: str, page: int) -> Piece:
    size = Counter(round(c.size, 1) for c in part).most_common(1)[0][0]
    # the baseline of its text, not of a smaller list mark raised beside it
    baseline = Counter(round(c.y0, 1) for c in part if round(c.size, 1) == size)
    faces = Counter(c.fontname.split("+")[-1] for c in part)
    return Piece(
        text, part[0].x0, part[-1].x1, baseline.most_common(1)[0][0],
        max(c.y1 for c in part), size,
        sum(is_bold(c.fontname) for c in part) >= len(part) * 0.8,
        sum(is_italic(c.fontname) for c in part) >= len(part) * 0.8,
        page, part, faces.most_common(1)[0][0],
    )  # fmt: skip


# An accent that TeX (without T1 fonts) sets as a glyph of its own over a letter: `G¨orlitz`.
_ACCENTS = {
    "¨": "\u0308", "´": "\u0301", "`": "\u0300", "^": "\u0302", "ˆ": "\u0302", "˜": "\u0303",
    "~": "\u0303", "¸": "\u0327", "˚": "\u030a", "ˇ": "\u030c", "¯": "\u0304", "˘": "\u0306",
    "˙": "\u0307", "˝": "\u030b", "˛": "\u0328",
}  # fmt: skip


def _text(part: list[Any], spaced: set[int]) -> str:
    """The characters' text, an accent drawn over a letter put on it (as one character)."""
    out: list[str] = []
    pending = ""  # an accent waiting for the letter it stands over
    for i, char in enumerate(part):
        text = char.get_text()
        if text in _ACCENTS and _over(char, part, i + 1):
            pending = _ACCENTS[text]
            continue
        if text in _ACCENTS and out and _over(char, part, i - 1):  # drawn after its letter
            out[-1] = unicodedata.normalize("NFC", out[-1] + _ACCENTS[text])
            continue
        if id(char) in spaced and out and not pending:
            out.append(" ")
        if pending and text[:1].isalpha():
            text = unicodedata.normalize("NFC", text[:1] + pending) + text[1:]
        pending = ""
        out.append(text)
    return _small_capitals(unicodedata.normalize("NFC", "".join(out)))


# A word in small capitals whose `i` the font maps to the lower-case letter: `ENGiNEER`.
_SMALL_I = re.compile(r"\b[^\W\d_i][^\W\d_]*i[^\W\d_]*\b")


def _small_capitals(text: str) -> str:
    def upper(found: re.Match[str]) -> str:
        word = found.group(0)
        rest = word.replace("i", "")
        return word.upper() if rest.isupper() and len(rest) >= 2 else word

    return _SMALL_I.sub(upper, text)


def _over(accent: Any, part: list[Any], i: int) -> bool:
    """Whether an accent glyph stands over the letter at `i`."""
    if not 0 <= i < len(part) or not part[i].get_text()[:1].isalpha():
        return False
    middle = (accent.x0 + accent.x1) / 2
    return bool(part[i].x0 - 1 <= middle <= part[i].x1 + 1)


# Bold and italic faces by their names: a font's own (Roboto-Bold, NimbusRomNo9L-Medi) or
# TeX's short ones (CMBX10 bold extended, CMTI10 text italic, SFSL slanted, ptmb8r Times bold).
_BOLD = re.compile(
    r"bold|black|heavy|demi|-medi(?!um)|^(?:cm|sf|ec|lm)[a-z]*bx|^(?:cm|sf)b\d|^p[a-z]{2}b[0-9]",
    re.I,
)
_ITALIC = re.compile(
    r"italic|oblique|ital\b|-it\b|^(?:cm|sf|ec)[a-z]*(?:ti|sl|ssi)\d|^p[a-z]{2}[a-z]?[io]\d",
    re.I,
)


def is_bold(font: str) -> bool:
    return bool(_BOLD.search(font.split("+")[-1]))


def is_italic(font: str) -> bool:
    name = font.split("+")[-1]
    return bool(_ITALIC.search(name) or re.search(r"[a-z-]It$", name))  # SourceSansPro-LightIt


def read_links(data: bytes) -> dict[int, list[Any]]:
    """Each page's link annotations: (rectangle, address)."""
    from pypdf import PdfReader  # as pdfminer above: only for an import

    found: dict[int, list[Any]] = {}
    try:
        reader = PdfReader(io.BytesIO(data))
        for number, page in enumerate(reader.pages[:MAX_PAGES], 1):
            for ref in page.get("/Annots") or []:
                annot = ref.get_object()
                action = annot.get("/A") or {}
                uri = action.get("/URI") if hasattr(action, "get") else None
                if annot.get("/Subtype") == "/Link" and uri:
                    rect = [float(v) for v in annot["/Rect"]]
                    found.setdefault(number, []).append((rect, str(uri)))
    except Exception:  # noqa: BLE001 (links are a help: a file whose annotations fail has none)
        return {}
    return found


def links_on(piece: Piece, links: dict[int, list[Any]]) -> list[tuple[str, str]]:
    return [
        (piece.text, uri)
        for (x0, y0, x1, y1), uri in links.get(piece.page, [])
        if x0 - 2 <= piece.x1 and piece.x0 <= x1 + 2 and y0 - 2 <= piece.top and piece.y <= y1 + 2
    ]
