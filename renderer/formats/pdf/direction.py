"""Lines with right-to-left text (Hebrew, Arabic, Persian, Urdu), drawn in visual order.

reportlab breaks such a paragraph into lines in the order it was written (its words measured
shaped, shaping.py); just before a line is drawn, its characters are put in the order the
bidirectional algorithm (bidi.py) draws them, and each right-to-left run is shaped by
HarfBuzz right to left, which joins Arabic letters and mirrors brackets. The PDF then holds
glyphs in visual order with their true characters, as Word, LibreOffice and browsers write
it: pdftotext, pypdf, pdfium and MuPDF read each line back in logical order (they apply the
algorithm themselves), and pdfminer.six gives it in visual order, which our reader turns back
(bidi.logical).

A page is right to left when its language is (Arabic, Hebrew, Persian, Urdu...) or most of its
letters are: then every paragraph is set right to left, right-aligned, its bullet on the
right and an entry's dates on the left.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics

from renderer.formats.bidi import RIGHT_TO_LEFT, levels, visual_order, without_controls
from renderer.formats.pdf.shaping import NEEDS_SHAPING, shape_run


def mirrored_style(style: ParagraphStyle, alignment: int | None = None) -> ParagraphStyle:
    """A paragraph style for a right-to-left page: aligned right (not justified: the last
    line of a justified paragraph would sit left), its indents swapped, and shaped."""
    if alignment is None:
        alignment = TA_RIGHT if style.alignment in (TA_LEFT, TA_JUSTIFY) else style.alignment
    return ParagraphStyle(
        f"{style.name}-rtl",
        parent=style,
        alignment=alignment,
        leftIndent=style.rightIndent,
        rightIndent=style.leftIndent,
        shaping=1,
    )


def visual_lines(lines: list[Any], base: int, filled: bool = False) -> list[Any]:
    """Copies of a paragraph's broken lines (reportlab's FragLines, in logical order) with
    their words in visual order; lines without right-to-left text (on a page left to right)
    are returned as they are. `filled`: a right-aligned line opens with spaces from the
    paragraph's left edge, in the same text: pdfminer.six groups characters into lines and
    boxes by their distance, and took a short right-aligned heading for a box of its own,
    read after the text under it."""
    visual = [_visual(line, base) for line in lines]
    return [_filled(line) for line in visual] if filled else visual


def _filled(line: Any) -> Any:
    words = getattr(line, "words", None)
    if not words or not hasattr(words[0], "text") or hasattr(words[0], "cbDefn"):
        return line
    first = words[0]
    space = pdfmetrics.stringWidth(" ", first.fontName, first.fontSize)
    count = int(line.extraSpace / space) if space else 0
    if count < 2:
        return line
    spaces = first.clone(text=" " * count, link=[], us_lines=[])
    copy = _copy(line, [spaces, *words])
    copy.extraSpace = line.extraSpace - count * space
    return copy


def _visual(line: Any, base: int) -> Any:
    words = getattr(line, "words", None)
    if not words or any(hasattr(f, "cbDefn") or not hasattr(f, "text") for f in words):
        return line
    text = "".join(f.text for f in words)
    if base == 0 and not RIGHT_TO_LEFT.search(text):
        return line
    resolved = levels(text, base)
    # Runs of one frag (font, colour, link) and one level, in logical order.
    runs: list[tuple[int, int, int, int]] = []  # (frag, level, start, end) in the frag's text
    for index, frag in enumerate(words):
        offset = sum(len(f.text) for f in words[:index])
        start = 0
        for at in range(1, len(frag.text) + 1):
            if at == len(frag.text) or resolved[offset + at] != resolved[offset + start]:
                runs.append((index, resolved[offset + start], start, at))
                start = at
    order = visual_order([level for _, level, _, _ in runs])
    visual = []
    for position in order:
        index, level, start, end = runs[position]
        frag = words[index]
        piece = frag.text[start:end]
        if not hasattr(piece, "__shapeData__"):
            piece = without_controls(piece)  # they have ordered the line: not drawn
            if not piece:
                continue
        if level % 2:
            piece = shape_run(frag, piece, rtl=True)
        elif NEEDS_SHAPING.search(piece) and not hasattr(piece, "__shapeData__"):
            piece = shape_run(frag, piece, rtl=False)
        visual.append(frag.clone(text=piece))
    return _copy(line, visual)


def _copy(line: Any, words: list[Any]) -> Any:
    copy = line.__class__.__new__(line.__class__)
    copy.__dict__.update(line.__dict__)
    copy.words = words
    return copy
