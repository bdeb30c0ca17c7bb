"""A PDF resume's text as lines, from the characters and where they stand (pdfminer.six): the
pieces on one baseline joined, text set apart at the right margin taken as the line's aside
(dates), emphasis and size from each character's font, list items by their mark, and lines
that a paragraph or a bullet wrapped onto joined back into it. Link addresses come from the
page's link annotations (pypdf)."""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from renderer.errors import InputError
from renderer.inputs.resume.lines import BULLET_MARKS, Line, strip_bullet

MAX_PAGES = 20


@dataclass
class _Piece:
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


def pdf_lines(data: bytes, name: str) -> list[Line]:
    # pdfminer and pypdf: imported for an import only (a render never reads a PDF)
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine

    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
    pieces: list[_Piece] = []
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
                        pieces += _split_at_gaps(text_line, number, LTChar)
    except Exception as error:  # noqa: BLE001 (a malformed file can break pdfminer anywhere)
        raise InputError(f"cannot be read as a PDF ({type(error).__name__})", name) from None
    if not pieces:
        raise InputError("holds no text to read (a scanned page? it needs OCR first)", name)
    links = _links(data)
    return _lines(pieces, max(widths), links)


def _split_at_gaps(text_line: Any, page: int, char_type: type) -> list[_Piece]:
    """A pdfminer line cut where its characters stand far apart (a date set at the right, a
    column of its own): each part a piece."""
    chars: list[Any] = [c for c in text_line if isinstance(c, char_type)]
    if not chars:
        return []
    parts: list[list[Any]] = [[]]
    last: Any = None
    for char in chars:
        if last is not None and char.x0 - last.x1 > max(char.size, last.size) * 2.5:
            parts.append([])
        if char.get_text().strip() or parts[-1]:
            parts[-1].append(char)
        last = char if char.get_text().strip() else last
    found = []
    for part in parts:
        visible = [c for c in part if c.get_text().strip()]
        if not visible:
            continue
        text = "".join(c.get_text() for c in part).strip()
        text = re.sub(r"\s{3,}", "   ", text)
        sizes = Counter(round(c.size, 1) for c in visible)
        bold = sum(_is_bold(c.fontname) for c in visible) >= len(visible) * 0.8
        italic = sum(_is_italic(c.fontname) for c in visible) >= len(visible) * 0.8
        found.append(
            _Piece(
                text, visible[0].x0, visible[-1].x1, visible[0].y0, max(c.y1 for c in visible),
                sizes.most_common(1)[0][0], bold, italic, page, visible,
            )
        )  # fmt: skip
    return found


def _prefix(text: str, visible: int) -> str:
    """The start of a text that holds its first `visible` non-space characters."""
    count = 0
    for i, char in enumerate(text):
        if count == visible:
            return text[:i].strip()
        count += not char.isspace()
    return text if count == visible else ""


def _is_bold(font: str) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold|demi", font, re.I))


def _is_italic(font: str) -> bool:
    return bool(re.search(r"italic|oblique", font, re.I))


def _lines(pieces: list[_Piece], page_width: float, links: dict[int, list[Any]]) -> list[Line]:
    """Pieces on one baseline made one line (the right-most, set apart, its aside); then lines
    a paragraph wrapped onto joined to it."""
    pieces.sort(key=lambda p: (p.page, -round(p.y), p.x0))
    rows: list[list[_Piece]] = []
    for piece in pieces:
        row = rows[-1] if rows else None
        if row and row[0].page == piece.page and abs(row[0].y - piece.y) <= piece.size * 0.4:
            row.append(piece)
        else:
            rows.append([piece])
    body = Counter(round(p.size) for p in pieces).most_common(1)[0][0]
    left = min(p.x0 for p in pieces)
    right = max(p.x1 for p in pieces)
    lines: list[Line] = []
    previous: tuple[list[_Piece], Line] | None = None
    spacing: float | None = None  # between the lines of the paragraph being joined
    indent = 0.0  # where the text of the line being joined starts (after a list mark)
    for number, row in enumerate(rows, 1):
        row.sort(key=lambda p: p.x0)
        main, aside = row, []
        if len(row) > 1 and row[-1].x0 > left + (right - left) * 0.55:
            main, aside = row[:-1], row[-1:]
        text = "   ".join(p.text for p in main)
        stripped, marked = strip_bullet(text)
        marked = marked or main[0].text[:1] in BULLET_MARKS and len(main) > 1
        first = main[0]
        bold_chars = [c for c in first.chars if c.get_text().strip()]
        prefix = 0
        while prefix < len(bold_chars) and _is_bold(bold_chars[prefix].fontname):
            prefix += 1
        line = Line(
            text=stripped if marked else text,
            place=("page", first.page, "line", number),
            mark=(number, 1),
            bold=all(p.bold for p in main),
            italic=all(p.italic for p in main),
            size=max(p.size for p in main),
            bullet=marked,
            aside=" ".join(p.text for p in aside),
            links=[link for p in row for link in _links_on(p, links)],
            bold_prefix=_prefix(first.text, prefix),
        )
        if line.size >= body * 1.5 and number <= 3:
            line.title = True
        if previous and _continues(previous, row, line, right, body, spacing, indent):
            spacing = previous[0][0].y - row[0].y
            _join(previous[1], line)
            previous = (row, previous[1])
            continue
        spacing, indent = None, _text_start(main)
        if previous:
            gap = previous[0][0].y - first.top
            line.gap_before = round(gap / max(first.size, 1), 1)
        lines.append(line)
        previous = (row, line)
    return lines


def _continues(
    previous: tuple[list[_Piece], Line],
    row: list[_Piece],
    line: Line,
    right: float,
    body: float,
    spacing: float | None,
    indent: float,
) -> bool:
    """Whether a line is the next line of the paragraph (or list item) above it: no mark of
    its own, the same type, close under it (no further than its lines stand apart: a wider
    gap starts a paragraph), the line above full to the margin."""
    pieces, above = previous
    if line.bullet or line.aside or above.aside or above.title:
        return False
    if row[0].page != pieces[0].page:  # a list item that runs over to the next page
        return above.bullet and not above.text.endswith(".") and abs(row[0].x0 - indent) <= body

    if abs(line.size - above.size) > 0.6 or line.bold != above.bold:
        return False
    gap = pieces[0].y - row[0].y
    if gap > max(line.size, above.size) * 1.6 or spacing is not None and gap > spacing + 1.0:
        return False
    if spacing is None and gap > max(line.size, above.size) * 1.4:
        return False  # the first two lines: no wider than a paragraph's own spacing
    if line.bold_prefix:
        return False  # a line that starts bold starts something (`Tools: …`, a title)
    if above.bullet:  # a list item's lines stand under its text, not under its mark
        return abs(row[0].x0 - indent) <= body * 0.8
    full = pieces[-1].x1 >= right - body * 12
    return full and abs(row[0].x0 - pieces[0].x0) <= body * 1.2


def _text_start(pieces: list[_Piece]) -> float:
    """Where a line's text starts, after a list mark it opens with."""
    chars = [c for p in pieces for c in p.chars if c.get_text().strip()]
    if len(chars) > 1 and chars[0].get_text() in BULLET_MARKS:
        return float(chars[1].x0)
    return float(chars[0].x0)


def _join(into: Line, more: Line) -> None:
    glue = "" if into.text.endswith("-") and into.text[-2:-1].isalpha() else " "
    into.text = f"{into.text}{glue}{more.text}".strip()
    into.links += more.links


def _links(data: bytes) -> dict[int, list[Any]]:
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


def _links_on(piece: _Piece, links: dict[int, list[Any]]) -> list[tuple[str, str]]:
    return [
        (piece.text, uri)
        for (x0, y0, x1, y1), uri in links.get(piece.page, [])
        if x0 - 2 <= piece.x1 and piece.x0 <= x1 + 2 and y0 - 2 <= piece.top and piece.y <= y1 + 2
    ]
