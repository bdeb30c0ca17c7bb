"""Fit a resume to a number of pages: narrow the side margins, then lower the line height,
then the type size, and only then the space between paragraphs and sections, each no further
than the theme's floors (`fit:` in theme.yaml), and say what does not fit. Space goes last:
cut first, it merged a summary's paragraphs and crowded the headings of a full page.

The fitted settings are a Theme like any other, so the PDF and the DOCX get the same ones
(and LibreOffice lays the DOCX out on as many pages as the PDF).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from renderer.compose.document import Document
from renderer.formats import Layout, Options, Rendered, paged
from renderer.theme.model import Theme

SPACINGS = (0.8, 0.6, 0.45)  # of the theme's spacing, down to its floor
MARGIN_STEPS = 3  # the side margins reach their floor in this many steps
LEADING_STEP = 0.04
FEW_LINES = 8  # a last page with no more than this is worth saying so
SIZE_STEP = 0.25  # points off the body size
WORD_RESERVE = 6.0  # points kept free at the foot of a fitted page (half a line)


@dataclass(frozen=True)
class Fit:
    """How much a theme is tightened: side margins narrowed, line height lowered, type
    scaled, spacing scaled."""

    space: float = 1.0
    leading: float = 0.0  # taken off every style's line height (no lower than the floor)
    size: float = 1.0
    margin: float = 0.0  # points taken off each side margin (no lower than the floor)

    @property
    def tightened(self) -> bool:
        return self != Fit()

    def describe(self) -> str:
        parts = []
        if self.margin:
            parts.append(f"side margins narrower by {self.margin:.0f} pt")
        if self.leading:
            parts.append(f"line height less by {self.leading:.0%} of the type size")
        if self.size < 1:
            parts.append(f"type at {self.size:.0%} of its size")
        if self.space < 1:
            parts.append(f"space between paragraphs at {self.space:.0%} of the theme's")
        return ", ".join(parts) or "as designed"


def fitted(theme: Theme, fit: Fit) -> Theme:
    """The theme with its margins, line heights, sizes and spacing tightened by `fit`."""
    if not fit.tightened:
        return theme
    floors = theme.fit
    styles = {}
    for role, style in theme.styles:
        styles[role] = style.model_copy(
            update={
                "size": round(style.size * fit.size, 2),
                "leading": max(min(style.leading, floors.min_leading), style.leading - fit.leading),
                "space_before": round(style.space_before * fit.space, 3),
                "space_after": round(style.space_after * fit.space, 3),
            }
        )
    styled = theme.styles.model_copy(update=styles)
    top, right, bottom, left = theme.page.margins
    right, left = (max(min(side, floors.min_margin), side - fit.margin) for side in (right, left))
    # a tightened page is filled to its foot: the reserve keeps what Word and LibreOffice lay
    # out from the DOCX (a point lower here and there) on as many pages
    bottom += WORD_RESERVE
    page = theme.page.model_copy(update={"margins": (top, right, bottom, left)})
    return theme.model_copy(update={"styles": styled, "line_spacing": "exact", "page": page})


def steps(theme: Theme) -> Iterator[Fit]:
    """Ever tighter settings, in the order a designer would give ground: the margins, the
    line height, the type size, and last the space that lets a full page breathe."""
    floors = theme.fit
    _, right, _, left = theme.page.margins
    room = max(0.0, max(right, left) - floors.min_margin)
    margin = 0.0
    for step in range(1, MARGIN_STEPS + 1) if room else ():
        margin = round(room * step / MARGIN_STEPS, 1)
        yield Fit(margin=margin)
    body = min(theme.styles.paragraph.size, theme.styles.bullet.size)
    leadings = [s.leading for _, s in theme.styles]
    most = max(0.0, max(leadings) - floors.min_leading)
    leading = LEADING_STEP
    while leading < most + 1e-9:
        yield Fit(margin=margin, leading=round(leading, 2))
        leading += LEADING_STEP
    size, scale = body - SIZE_STEP, 1.0
    while size >= floors.min_size - 1e-9:
        scale = round(size / body, 4)
        yield Fit(margin=margin, leading=round(most, 2), size=scale)
        size -= SIZE_STEP
    for space in [s for s in SPACINGS if s > floors.min_space] + [floors.min_space]:
        yield Fit(space=space, margin=margin, leading=round(most, 2), size=scale)


@dataclass
class Fitting:
    """The outcome: the settings chosen, the render made with them, and if it still runs
    over, by how much."""

    fit: Fit
    theme: Theme
    rendered: Rendered
    pages: int
    over_lines: float = 0.0  # lines past the target, at the tightest settings

    @property
    def fits(self) -> bool:
        return self.over_lines == 0


def fit_to_pages(document: Document, theme: Theme, pages: int, options: Options) -> Fitting:
    """The loosest settings at which the PDF takes `pages` pages or fewer; or, when none
    does, the tightest, with how far it runs over."""
    pdf = paged()
    rendered = pdf.render(document, theme, options)
    if (rendered.pages or 0) <= pages:
        return Fitting(Fit(), theme, rendered, rendered.pages or 0)
    chosen = fitted(theme, Fit())
    for fit in steps(theme):
        chosen = fitted(theme, fit)
        rendered = pdf.render(document, chosen, options)
        if (rendered.pages or 0) <= pages:
            return Fitting(fit, chosen, rendered, rendered.pages or 0)
    layout = rendered.layout
    over = sum(layout.lines_per_page[pages:]) if layout else 0.0
    return Fitting(fit, chosen, rendered, rendered.pages or 0, round(max(over, 0.1), 1))


def longest_sections(rendered: Rendered, document: Document, count: int = 3) -> list[str]:
    """The longest sections, by heading, with their length in lines."""
    headings = {b.section: b.text for b in document.blocks if b.section}
    lines = rendered.layout.section_lines if rendered.layout else {}
    ranked = sorted(lines.items(), key=lambda item: -item[1])[:count]
    return [f"{headings.get(name, name)} ({length:.0f} lines)" for name, length in ranked]


def last_page_hint(
    document: Document, theme: Theme, layout: Layout | None, pages: int | None, options: Options
) -> str:
    """When the last page holds only a few lines, say what is on it and whether one page
    fewer fits: 'page 2 holds only Languages; --pages 1 fits it'."""
    pages = pages or 0
    if layout is None or pages < 2 or layout.lines_per_page[-1] > FEW_LINES:
        return ""
    headings = {b.section: b.text for b in document.blocks if b.section}
    held = [headings.get(s, s) for s in layout.sections_per_page[-1]]
    attempt = fit_to_pages(document, theme, pages - 1, options)
    if not attempt.fits:
        return ""
    what = ", ".join(held) if held else "a few lines"
    return (
        f"page {pages} holds only {what} ({layout.lines_per_page[-1]:.0f} lines); "
        f"--pages {pages - 1} fits it ({attempt.fit.describe()})"
    )


def centred_letter(document: Document, theme: Theme, options: Options) -> Document:
    """A one-page letter set lower on its page: the space before its first spaced block
    after the header (the date) grows until the letter stands in the middle of the page's
    upper two thirds, rather than crowding the top and leaving the rest bare. The header
    keeps its place at the top, as a letterhead does."""
    rendered = paged().render(document, theme, options)
    if rendered.pages != 1 or rendered.layout is None:
        return document
    unit = theme.styles.bullet.size * theme.styles.bullet.leading  # the layout's lines
    used = rendered.layout.lines_per_page[0] * unit
    _, height = theme.page_size(options.page_size)
    top, _, bottom, _ = theme.page.margins
    extra = ((height - top - bottom) * 2 / 3 - used) / 2
    spaced = [i for i, block in enumerate(document.blocks) if block.gap is not None]
    if extra < unit or not spaced:
        return document
    first = document.blocks[spaced[0]]
    spec = theme.style(first.role.value)
    gap = (first.gap or 0) + extra / (spec.size * spec.leading)
    blocks = list(document.blocks)
    blocks[spaced[0]] = replace(first, gap=round(gap, 2))
    return replace(document, blocks=tuple(blocks))
