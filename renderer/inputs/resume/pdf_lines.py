"""A PDF resume's text as lines, from the pieces of text on its pages (`pdf_pieces.py`) in
their columns (`pdf_columns.py`): the pieces on one baseline joined, text set apart at the
right margin taken as the line's aside (dates), a left column's dates given to the row they
stand on, emphasis and size from each character's font, list items by their mark, lines that
a paragraph or a bullet wrapped onto joined back into it, and page numbers left out."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from renderer.inputs.headings import section_names, words
from renderer.inputs.resume.dates import find_dates
from renderer.inputs.resume.heads import names_organisation
from renderer.inputs.resume.lines import BULLET_MARKS, Line, shouting, strip_bullet, tidy
from renderer.inputs.resume.pdf_columns import arrange
from renderer.inputs.resume.pdf_pieces import Piece, is_bold, links_on, read_links, read_pieces

# A line that is nothing but the page's number: `2`, `- 2 -`, `Page 2 of 3`, `2/3`.
_PAGE_NUMBER = re.compile(
    r"[-–—\s]*(?:(?:page|seite|página|p\.)\s*)?\d{1,2}(?:\s*(?:/|of|von|de|sur)\s*\d{1,2})?[-–—\s]*",
    re.I,
)


def pdf_lines(data: bytes, name: str) -> list[Line]:
    pieces, _ = read_pieces(data, name)
    return _lines(arrange(pieces), read_links(data))


def _rows(pieces: list[Piece]) -> list[list[Piece]]:
    """The pieces on one baseline of one column, as rows in reading order: the main column
    of every page, then a sidebar's."""
    pieces.sort(key=lambda p: (p.column, p.page, -round(p.y), p.x0))
    rows: list[list[Piece]] = []
    for piece in pieces:
        row = rows[-1] if rows else None
        if (
            row
            and (row[0].page, row[0].column) == (piece.page, piece.column)
            and abs(row[0].y - piece.y) <= piece.size * 0.4
        ):
            row.append(piece)
        else:
            rows.append([piece])
    for row in rows:
        row.sort(key=lambda p: p.x0)
    return rows


def _leads(rows: list[list[Piece]]) -> dict[int, str]:
    """The text of a left column, by the row it starts on; its lines joined (`Mar 2022 —`
    over `May 2024`, a name over two lines of a table's cell) and taken off their rows."""
    found: dict[int, str] = {}
    last: tuple[int, Piece] | None = None  # the row the last lead text stood on, its piece
    for number, row in enumerate(rows):
        lead = [p for p in row if p.lead]
        if not lead:
            last = None
            continue
        text = " ".join(p.text for p in lead)
        close = last is not None and last[1].page == lead[0].page
        if close and last is not None and last[1].y - lead[0].y <= 1.6 * lead[0].size:
            start = max(n for n in found if n <= last[0])
            if _goes_on(found[start], text):
                found[start] += " " + text
            else:
                found[number] = text
        else:
            found[number] = text
        last = (number, lead[0])
        row[:] = [p for p in row if not p.lead]
    return found


def _goes_on(text: str, more: str) -> bool:
    """Whether a left column's line goes on from the one above: a range's end after its
    dash, or anything after words (a name over two lines, `Graduated` over its date), not
    a date after a date."""
    return bool(re.search(r"(?:[-–—~]|\bto|\bbis|\bà)$", text.strip())) or not find_dates(text)[0]


def _lines(pieces: list[Piece], links: dict[int, list[Any]]) -> list[Line]:
    """Pieces on one baseline made one line (the right-most, set apart, its aside); then lines
    a paragraph wrapped onto joined to it."""
    rows = _rows(pieces)
    leads = _leads(rows)
    body = Counter(round(p.size) for p in pieces).most_common(1)[0][0]
    bounds = {
        column: (
            min(p.x0 for p in pieces if p.column == column),
            max(p.x1 for p in pieces if p.column == column),
        )
        for column in {p.column for p in pieces}
    }
    lines: list[Line] = []
    previous: tuple[list[Piece], Line] | None = None
    spacing: float | None = None  # between the lines of the paragraph being joined
    indent = 0.0  # where the text of the line being joined starts (after a list mark)
    for number, row in enumerate(rows, 1):
        lead = leads.get(number - 1, "")
        if lead and not find_dates(lead)[0] and _heading_like(lead):
            lines.append(
                Line(tidy(lead), ("page", row[0].page if row else 1, "line", number), (number, 1))
            )
            previous, lead = None, ""
        if not row:
            continue
        left, right = bounds[row[0].column]
        line = _line(row, number, left, right, links, lead)
        if _PAGE_NUMBER.fullmatch(line.text) and not line.aside:
            continue
        if line.size >= body * 1.5 and number <= 3:
            line.title = True
        head = next((n for n in reversed(lines[-6:]) if n.aside and not n.bullet), None)
        if head and line.aside and not line.bold and not find_dates(line.aside)[0]:
            _move_aside(line, head, previous, row, right, body, spacing, indent)
        if previous and _continues(previous, row, line, right, body, spacing, indent):
            spacing = previous[0][0].y - row[0].y
            _join(previous[1], line)
            previous = (row, previous[1])
            continue
        spacing, indent = None, _text_start(row)
        if previous:
            gap = previous[0][0].y - row[0].top
            line.gap_before = round(gap / max(row[0].size, 1), 1)
        lines.append(line)
        previous = (row, line)
    return lines


def _move_aside(
    line: Line,
    head: Line,
    previous: tuple[list[Piece], Line] | None,
    row: list[Piece],
    right: float,
    body: float,
    spacing: float | None,
    indent: float,
) -> None:
    """A right column of an entry's details (a school, a contract, a town) beside the lines of
    its bullets: given to the entry's head line, where its dates stand; the bullets' lines
    then join as they wrapped."""
    aside, line.aside = line.aside, ""
    goes_on = previous is not None and _continues(previous, row, line, right, body, spacing, indent)
    own = line.italic or names_organisation(line.text, False)  # a company's own line
    if line.bullet or goes_on or line.text[:1].islower() and not own:
        head.aside = f"{head.aside} | {aside}"
    else:
        line.aside = aside


def _line(
    row: list[Piece], number: int, left: float, right: float, links: dict[int, list[Any]], lead: str
) -> Line:
    main, aside = row, []
    if len(row) > 1 and row[-1].x0 > left + (right - left) * 0.55:
        main, aside = row[:-1], row[-1:]
    first = main[0]
    text = "   ".join(p.text for p in main)
    if lead and not find_dates(lead)[0]:  # a label in the left column: the line's start
        text, lead = f"{lead}   {text}", ""
    stripped, marked = strip_bullet(text)
    marked = marked or first.text[:1] in BULLET_MARKS and len(main) > 1
    bold_chars = [c for c in first.chars if c.get_text().strip()]
    prefix = 0
    while prefix < len(bold_chars) and is_bold(bold_chars[prefix].fontname):
        prefix += 1
    set_apart = " | ".join(t for t in (lead, " ".join(p.text for p in aside)) if t)
    return Line(
        text=tidy(stripped if marked else text),
        place=("page", first.page, "line", number),
        mark=(number, 1),
        bold=all(p.bold for p in main),
        italic=all(p.italic for p in main),
        size=max(p.size for p in main),
        bullet=marked,
        aside=tidy(set_apart),
        links=[link for p in row for link in links_on(p, links)],
        bold_prefix=tidy(_prefix(first.text, prefix)),
        look=f"{first.face}|{first.size:.0f}|{first.bold}|{shouting(text)}",
    )


def _heading_like(text: str) -> bool:
    """A left column's text that heads what follows (a table's section name)."""
    return shouting(text) or words(text) in section_names()


def _prefix(text: str, visible: int) -> str:
    """The start of a text that holds its first `visible` non-space characters."""
    count = 0
    for i, char in enumerate(text):
        if count == visible:
            return text[:i].strip()
        count += not char.isspace()
    return text if count == visible else ""


def _continues(
    previous: tuple[list[Piece], Line],
    row: list[Piece],
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
    dash = row[0].text[:1]
    # A dash at the start of a line that stands under the text of the item above, not under
    # its mark: the item's sentence wrapped before its dash ("models — using").
    under_text = abs(row[0].x0 - indent) <= body * 0.4 and row[0].page == pieces[0].page
    if line.bullet and above.bullet and dash in "–—" and under_text:
        line.text, line.bullet = f"{dash} {line.text}", False
        return True
    if above.text.count("(") > above.text.count(")") and ")" in line.text and not line.bullet:
        return row[0].page == pieces[0].page and not above.aside  # a bracket closed below
    if line.bullet or above.aside or above.title:
        return False
    if line.aside and not (line.bold and above.bold):
        return False  # (a bold head that wrapped has its dates beside its last line)
    if row[0].page != pieces[0].page:  # a list item that runs over to the next page
        return above.bullet and not above.text.endswith(".") and abs(row[0].x0 - indent) <= body

    if abs(line.size - above.size) > 0.6 or line.bold != above.bold:
        return False
    if line.italic != above.italic and not line.bullet:
        return False  # an organisation in italic under its head, then its description
    gap = pieces[0].y - row[0].y
    if gap > max(line.size, above.size) * 1.6 or spacing is not None and gap > spacing + 1.0:
        return False
    if spacing is None and gap > max(line.size, above.size) * 1.4:
        return False  # the first two lines: no wider than a paragraph's own spacing
    if line.bold_prefix and not line.text[:1].islower() and not (above.bold and line.bold):
        return False  # a line that starts bold starts something (`Tools: …`, a title)
    if above.bullet:  # a list item's lines stand under its text, not under its mark
        return abs(row[0].x0 - indent) <= body * 0.8
    # a head wrapped before the room its dates take on its last line
    right = min(right, row[-1].x0) if line.aside and len(row) > 1 else right
    full = pieces[-1].x1 >= right - body * 12
    if re.search(r"[.!?:]$", above.text) and line.text[:1].isupper():
        # A sentence ended short of the margin: a paragraph ended there, unless the next
        # line's first word would not have fitted in the room left (the line wrapped).
        # (The right edge is where the longest line ends, which may fall short of the true
        # margin: the word must be wider than the room by a margin of one em.)
        room = right - pieces[-1].x1
        full = room <= body * 1.5 or room + body < _first_word_width(row)
    return full and abs(row[0].x0 - pieces[0].x0) <= body * 1.2


def _first_word_width(row: list[Piece]) -> float:
    """How wide a line's first word is set (from its characters' positions: it ends at a
    space, or where the next character stands apart, as in PDFs that draw no spaces)."""
    chars = [c for p in row for c in p.chars if c.get_text().strip() or c.get_text() == " "]
    start = next((i for i, c in enumerate(chars) if c.get_text().strip()), None)
    if start is None:
        return 0.0
    end = start
    while end + 1 < len(chars):
        following = chars[end + 1]
        apart = following.x0 - chars[end].x1 > following.size * 0.15
        if not following.get_text().strip() or apart:
            break
        end += 1
    return float(chars[end].x1 - chars[start].x0)


def _text_start(pieces: list[Piece]) -> float:
    """Where a line's text starts, after a list mark it opens with."""
    chars = [c for p in pieces for c in p.chars if c.get_text().strip()]
    if len(chars) > 1 and chars[0].get_text() in BULLET_MARKS:
        return float(chars[1].x0)
    return float(chars[0].x0)


def _join(into: Line, more: Line) -> None:
    glue = "" if into.text.endswith("-") and into.text[-2:-1].isalpha() else " "
    into.text = f"{into.text}{glue}{more.text}".strip()
    into.links += more.links
    into.aside = into.aside or more.aside  # a head's dates beside its wrapped end
