"""`resume preview`: one picture of a person's first page in every theme, side by side, at a
size where the text can be read, for choosing a theme.

Each page is the PDF `resume render` makes, rasterised by PDFium (pypdfium2) and set on a grey
sheet with the theme's name above it, written in the theme's own font.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pypdfium2
from PIL import Image, ImageDraw, ImageFont

from renderer import formats as backends
from renderer.compose.resume import compose
from renderer.formats import Options
from renderer.theme.model import load_theme

if TYPE_CHECKING:
    from PIL import Image

    from renderer.profile.sourced import LoadedProfile

GAP = 32  # pixels between pages and around them
MAX_PIXELS = 24_000_000  # the whole sheet: 72 MB as RGB while it is made, a few MB as PNG
PAGE_INCHES = (8.5, 11.7)  # the larger of letter and A4 each way: a page at most this big
LABEL = 44  # pixels above each page for the theme's name
BACKDROP = (214, 214, 214)


@dataclass(frozen=True)
class Page:
    theme: str
    image: Image.Image
    label_font: str | None  # the theme's bold font file, to write its name in


def fitting_dpi(count: int, columns: int | None, dpi: int) -> int:
    """The dpi asked for, or less, so that the sheet of `count` pages stays under MAX_PIXELS
    (many themes at 300 dpi once took 1.7 GB)."""
    columns = max(1, min(columns or count, count))
    rows = -(-count // columns)
    for candidate in range(dpi, 19, -1):
        width = GAP + columns * (PAGE_INCHES[0] * candidate + GAP)
        height = GAP + rows * (PAGE_INCHES[1] * candidate + LABEL + GAP)
        if width * height <= MAX_PIXELS:
            return candidate
    return 20


def first_page(loaded: LoadedProfile, theme_name: str, dpi: int, page_size: str | None) -> Page:
    """The theme's first page of this profile, as pixels."""

    theme = load_theme(theme_name)
    document = compose(loaded.profile, theme)
    pdf = backends.paged().render(document, theme, Options(page_size=page_size)).data
    reader = pypdfium2.PdfDocument(pdf)
    try:
        image = reader[0].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        reader.close()
    font = theme.font_path(theme.fonts.bold)
    return Page(theme.name, image, str(font) if font else None)


def sheet(pages: list[Page], columns: int | None = None) -> bytes:
    """The pages side by side (in rows of `columns`), labelled, as a PNG."""

    columns = max(1, min(columns or len(pages), len(pages)))
    rows = -(-len(pages) // columns)
    cell_w = max(p.image.width for p in pages)
    cell_h = max(p.image.height for p in pages) + LABEL
    width = GAP + columns * (cell_w + GAP)
    height = GAP + rows * (cell_h + GAP)
    canvas = Image.new("RGB", (width, height), BACKDROP)
    draw = ImageDraw.Draw(canvas)
    for i, page in enumerate(pages):
        x = GAP + (i % columns) * (cell_w + GAP)
        y = GAP + (i // columns) * (cell_h + GAP)
        try:
            font = ImageFont.truetype(page.label_font, 26) if page.label_font else None
        except OSError:  # a font Pillow cannot read: its own
            font = None
        draw.text((x, y + 4), page.theme, fill=(40, 40, 40), font=font or ImageFont.load_default())
        canvas.paste(page.image, (x, y + LABEL))
        page.image.close()  # its pixels are on the sheet now: one page held at a time
    out = io.BytesIO()
    # Few colours suffice for black text on white: a quarter of the size of full colour.
    canvas.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(out, "PNG", optimize=True)
    return out.getvalue()
