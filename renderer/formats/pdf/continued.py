"""An entry that runs over a page says whose it is at the top of the next: "Datavisor,
continued" over its remaining bullets, so a reader never meets bullets without an employer.

The line is for the eye: drawn as shapes (glyph outlines, as the page numbers are), not text,
so an applicant tracking system never reads it as a new job; tagged readers are told it is a
page header artifact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable

from renderer.formats.bidi import has_right_to_left
from renderer.formats.pdf.tags import Structure


def entry_of(flowable: Any) -> str:
    """The entry a flowable goes on with (its label), looking into a group kept together."""
    label = getattr(flowable, "continues", "")
    if not label and getattr(flowable, "_content", None):
        return entry_of(flowable._content[0])
    return str(label)


class ContinuedLine(Flowable):
    """ "<name>, continued" in the theme's muted colour, at the top of a page."""

    def __init__(self, text: str, fonts: list[Path], size: float, colour: Any) -> None:
        super().__init__()
        self.text, self.fonts, self.size, self.colour = text, fonts, size, colour
        self.spaceAfter = size * 0.3

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.size * 1.3

    def draw(self) -> None:
        import renderer.formats.pdf.outlines as outlines  # fontTools: only when a page breaks

        x = 0.0
        if has_right_to_left(self.text):  # "(تابع) …": on the right, where its page starts
            x = self.width - outlines.width(self.text, self.fonts, self.size)
        with Structure.artifact(self.canv, "Pagination", "Header"):
            self.canv.setFillColor(self.colour)
            outlines.draw(self.canv, self.text, self.fonts, self.size, x, self.size * 0.3)
