"""Where the text sits on the PDF page, read back from the file with pdfminer.six: margins
kept, every bullet and every line of a bullet at the theme's indent, dates flush right."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

import pytest

from renderer.compose.document import Role
from renderer.theme.model import load_theme
from tests.conftest import PEOPLE, THEMES, document, rendered

SLACK = 0.6  # points: rounding in the PDF's coordinates


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float
    page: int


@cache
def lines_of(person: str, theme: str) -> tuple[tuple[float, float], tuple[Line, ...]]:
    """(page size, every text line of the PDF) as pdfminer.six lays it out."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextLine

    found: list[Line] = []
    size = (0.0, 0.0)

    def walk(item, page: int, height: float) -> None:
        if isinstance(item, LTTextLine):
            text = item.get_text().rstrip("\n")
            # Where the ink ends: a wrapped line keeps the space it broke at, for readers
            # that follow tags, and that space may stand past the margin.
            ink = [c.x1 for c in item if isinstance(c, LTChar) and not c.get_text().isspace()]
            right = max(ink, default=item.x1)
            found.append(Line(text, item.x0, right, height - item.y1, height - item.y0, page))
            return
        for child in getattr(item, "_objs", []):
            walk(child, page, height)

    pdf = rendered(person, theme, "pdf")
    for number, page in enumerate(extract_pages(io.BytesIO(pdf), laparams=LAParams())):
        size = (page.width, page.height)
        walk(page, number, page.height)
    return size, tuple(found)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("person", PEOPLE)
def test_text_stays_inside_the_margins(person, theme):
    chosen = load_theme(theme)
    (width, height), lines = lines_of(person, theme)
    top, right, bottom, left = chosen.page.margins
    for line in lines:
        if line.text.strip().startswith("Page "):  # the page number sits in the foot margin
            assert line.top > height - bottom
            continue
        assert line.x0 >= left - SLACK and line.x1 <= width - right + SLACK, line
        assert line.top >= top - SLACK and line.bottom <= height - bottom + SLACK, line


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("person", PEOPLE)
def test_bullets_and_their_lines_start_at_the_theme_indent(person, theme):
    chosen = load_theme(theme)
    _, lines = lines_of(person, theme)
    left = chosen.page.margins[3]
    indent = left + chosen.styles.bullet.indent
    bullets = [line for line in lines if line.text.startswith(chosen.bullet)]
    assert bullets, "every person has bullets"
    assert len({round(b.x0, 1) for b in bullets}) == 1, "bullet glyphs all in one column"
    assert bullets[0].x0 < indent
    # pdfminer keeps a bullet and its text on one line: the text's first character is at the
    # indent, so is every wrapped line of a bullet (no line of text starts between the two).
    starts = {round(line.x0, 1) for line in lines if left + 1 < line.x0 < indent + 20}
    assert starts <= {round(bullets[0].x0, 1), round(indent, 1)}, (starts, indent)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("person", PEOPLE)
def test_dates_sit_flush_right(person, theme):
    chosen = load_theme(theme)
    (width, _), lines = lines_of(person, theme)
    right_edge = width - chosen.page.margins[1]
    asides = [b.aside for b in document(person, theme).blocks if b.role is Role.ENTRY and b.aside]
    for aside in asides:
        matching = [line for line in lines if line.text.strip().endswith(aside)]
        assert matching, f"{aside!r} not found on any line"
        assert all(abs(line.x1 - right_edge) <= SLACK for line in matching), (aside, matching)
