"""Marks drawn above or below their letters (Arabic vowels over a shadda, tanwin over alef,
Hebrew points, Thai tone marks), drawn as shapes after their paragraph's text.

HarfBuzz places such a mark with a vertical offset, which the PDF's text can only give by
moving the baseline (a text rise): readers then took the mark for a line of its own and broke
the word there. The text holds a blank glyph that reads as the mark, on the baseline
(shaping._lift); here the mark's outline is drawn where HarfBuzz put it, as an artifact that
no reader takes for text.
"""

from __future__ import annotations

from typing import Any

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.pdfbase import pdfmetrics

from renderer.formats.pdf.shaping import lifted
from renderer.formats.pdf.tags import Structure


def draw_lifted_marks(canvas: Any, paragraph: Any, lines: list[Any]) -> None:
    """The lifted marks of a drawn paragraph's lines (as drawn: in visual order)."""
    found = [
        (number, x, frag, glyph, rise)
        for number, line in enumerate(lines)
        for x, frag, glyph, rise in _marks_of(line, paragraph, number)
    ]
    if not found:
        return
    from renderer.formats.pdf import outlines  # fontTools: only for such marks
    from renderer.formats.pdf.fonts import font_file

    style = paragraph.style
    first = lines[0]
    top = first.fontSize if rl_config.paraFontSizeHeightOffset else first.ascent
    paths: dict[Any, Any] = {}  # one path a colour
    for number, x, frag, glyph, rise in found:
        baseline = paragraph.height - top - number * style.leading
        size = frag.fontSize
        path = paths.setdefault(frag.textColor, canvas.beginPath())
        outlines.draw_glyph(
            path, font_file(frag.fontName), glyph, size, x, baseline + rise * size / 1000
        )
    with Structure.artifact(canvas):
        for colour, path in paths.items():
            canvas.setFillColor(colour)
            canvas.drawPath(path, stroke=0, fill=1)


def _marks_of(line: Any, paragraph: Any, number: int):  # type: ignore[no-untyped-def]
    words = getattr(line, "words", None)
    if not words:
        return
    style = paragraph.style
    x = style.leftIndent + (style.firstLineIndent if number == 0 else 0)
    extra = getattr(line, "extraSpace", 0)
    if style.alignment == TA_RIGHT:
        x += extra
    elif style.alignment == TA_CENTER:
        x += extra / 2
    for frag in words:
        text = getattr(frag, "text", "")
        data = getattr(text, "__shapeData__", None)
        if not data:
            x += pdfmetrics.stringWidth(text, frag.fontName, frag.fontSize) if text else 0
            continue
        scale = frag.fontSize / 1000
        pen = 0.0
        for char, glyph in zip(text, data, strict=True):
            found = lifted(frag.fontName, ord(char))
            if found is not None:
                mark, right, up = found
                yield x + (pen + right) * scale, frag, mark, up
            pen += glyph.x_advance
        x += pen * scale
