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

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont


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
    for char in text:
        found = _glyph(char, fonts)
        if found is not None:
            file, name = found
            glyphs, _, _, units = _font(file)
            glyphs[name].draw(_PathPen(glyphs, path, size / units, x, y))
        x += _advance(char, fonts, size)
    canvas.drawPath(path, stroke=0, fill=1)
