"""Text drawn as shapes, not as characters: for what belongs on the page but not in the text
a reader extracts (the page numbers of a resume, which a parser would otherwise read in the
middle of an entry that runs over a page).

The glyphs come from the theme's own TrueType files (through fontTools), so the label looks
exactly like text in the regular face; it is simply not text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import uharfbuzz
from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont

from renderer.formats.bidi import base_level, has_right_to_left, levels, visual_order


class _PathPen(BasePen):
    """Collects a glyph's outline as reportlab path calls, scaled and moved into place."""

    def __init__(self, glyphs: Any, path: Any, scale: float, x: float, y: float) -> None:
        super().__init__(glyphs)
        self.path, self.scale, self.x, self.y = path, scale, x, y

    def _at(self, point: tuple[float, float]) -> tuple[float, float]:
        return self.x + point[0] * self.scale, self.y + point[1] * self.scale

    def _moveTo(self, point: tuple[float, float]) -> None:  # noqa: N802 (fontTools' names)
        self.path.moveTo(*self._at(point))

    def _lineTo(self, point: tuple[float, float]) -> None:  # noqa: N802
        self.path.lineTo(*self._at(point))

    def _curveToOne(self, p1: Any, p2: Any, p3: Any) -> None:  # noqa: N802
        self.path.curveTo(*self._at(p1), *self._at(p2), *self._at(p3))

    def _closePath(self) -> None:  # noqa: N802
        self.path.close()


@cache
def _font(path: Path) -> tuple[Any, dict[int, str], Any, float]:
    font = TTFont(str(path), lazy=True)
    glyphs = font.getGlyphSet()
    return glyphs, font.getBestCmap() or {}, font["hmtx"], float(font["head"].unitsPerEm)


def width(text: str, fonts: list[Path], size: float) -> float:
    if _complex(text):
        return sum(advance for *_, advance in _shaped(text, fonts, size))
    return sum(_advance(char, fonts, size) for char in text)


def _glyph(char: str, fonts: list[Path]) -> tuple[Path, str] | None:
    for file in fonts:
        _, cmap, _, _ = _font(file)
        if ord(char) in cmap:
            return file, cmap[ord(char)]
    return None


def _advance(char: str, fonts: list[Path], size: float) -> float:
    found = _glyph(char, fonts)
    if found is None:
        return size / 2
    file, name = found
    _, _, metrics, units = _font(file)
    return float(metrics[name][0]) * size / units


def draw(canvas: Any, text: str, fonts: list[Path], size: float, x: float, y: float) -> None:
    """Draw `text` as filled outlines with its left end at (x, y) on the baseline."""
    path = canvas.beginPath()
    if _complex(text):  # a label in Arabic, Hebrew, Hindi...: shaped, in visual order
        for file, name, dx, dy, advance in _shaped(text, fonts, size):
            glyphs, _, _, units = _font(file)
            glyphs[name].draw(_PathPen(glyphs, path, size / units, x + dx, y + dy))
            x += advance
        canvas.drawPath(path, stroke=0, fill=1)
        return
    for char in text:
        found = _glyph(char, fonts)
        if found is not None:
            file, name = found
            glyphs, _, _, units = _font(file)
            glyphs[name].draw(_PathPen(glyphs, path, size / units, x, y))
        x += _advance(char, fonts, size)
    canvas.drawPath(path, stroke=0, fill=1)


def draw_glyph(path: Any, file: Path, glyph: int, size: float, x: float, y: float) -> None:
    """Add one glyph of a font file, by its id, to a path: its origin at (x, y)."""
    glyphs, _, _, units = _font(file)
    _, order, _ = _harfbuzz(file)
    glyphs[order[glyph]].draw(_PathPen(glyphs, path, size / units, x, y))


def _complex(text: str) -> bool:
    # shaping's script test: imported here, as the DOCX measures its tabs with this module
    # and has no use for reportlab, which shaping imports
    from renderer.formats.pdf.shaping import NEEDS_SHAPING

    return has_right_to_left(text) or NEEDS_SHAPING.search(text) is not None


def _shaped(
    text: str, fonts: list[Path], size: float
) -> list[tuple[Path, str, float, float, float]]:
    """The glyphs of a label that HarfBuzz shapes, left to right: (font file, glyph name,
    x and y offset, advance), runs of one font and direction in the bidirectional
    algorithm's order."""
    resolved = levels(text, base_level(text))
    runs: list[tuple[Path | None, int, str]] = []
    for char, level in zip(text, resolved, strict=True):
        found = _glyph(char, fonts)
        file = found[0] if found else None
        if runs and runs[-1][0] == file and runs[-1][1] == level:
            runs[-1] = (file, level, runs[-1][2] + char)
        else:
            runs.append((file, level, char))
    placed = []
    for index in visual_order([level for _, level, _ in runs]):
        file, level, piece = runs[index]
        if file is None:
            placed.append((fonts[0], ".notdef", 0.0, 0.0, size / 2 * len(piece)))
            continue
        buffer = uharfbuzz.Buffer()
        buffer.add_str(piece)
        buffer.direction = "rtl" if level % 2 else "ltr"
        buffer.guess_segment_properties()
        hb_font, order, units = _harfbuzz(file)
        uharfbuzz.shape(hb_font, buffer, {})
        scale = size / units
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
            placed.append(
                (
                    file,
                    order[info.codepoint],
                    position.x_offset * scale,
                    position.y_offset * scale,
                    position.x_advance * scale,
                )
            )
    return placed


@cache
def _harfbuzz(path: Path) -> tuple[Any, list[str], float]:
    face = uharfbuzz.Face(path.read_bytes())
    font = TTFont(str(path), lazy=True)
    return uharfbuzz.Font(face), font.getGlyphOrder(), float(face.upem)
