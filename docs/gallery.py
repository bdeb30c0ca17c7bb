"""Make docs/gallery-<theme>.png: the first page of each of the four people, side by side.

    .venv/bin/python docs/gallery.py      (needs pdftoppm, from Debian's poppler-utils)

The pages are rendered by the project itself, set 4-up on one PDF page with pypdf, and turned
into a PNG by pdftoppm, so the pictures in the README are what `resume render` makes.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from renderer import backends  # noqa: E402
from renderer.compose import compose  # noqa: E402
from renderer.loader import load_profile  # noqa: E402
from renderer.theme import builtin_names, load_theme  # noqa: E402

GAP = 18  # points between pages on the sheet


def _backdrop(width: float, height: float) -> bytes:
    """A grey page to set the white resumes on, so each page's edge shows."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1)
    canvas.setFillGray(0.82)
    canvas.rect(0, 0, width, height, stroke=0, fill=1)
    canvas.save()
    return buffer.getvalue()


def sheet(theme_name: str) -> bytes:
    theme = load_theme(theme_name)
    pages = []
    for profile in sorted((ROOT / "profiles").glob("*.yaml")):
        document = compose(load_profile(profile).profile, theme)
        pdf = backends.get("pdf").render(document, theme).data
        pages.append(PdfReader(io.BytesIO(pdf)).pages[0])
    width = float(pages[0].mediabox.width)
    height = float(pages[0].mediabox.height)
    backdrop = _backdrop(len(pages) * width + (len(pages) + 1) * GAP, height + 2 * GAP)
    out = PdfWriter(clone_from=io.BytesIO(backdrop))
    canvas = out.pages[0]
    for index, page in enumerate(pages):
        offset = GAP + index * (width + GAP)
        canvas.merge_transformed_page(page, Transformation().translate(offset, GAP))
    buffer = io.BytesIO()
    out.write(buffer)
    return buffer.getvalue()


def main() -> None:
    for name in builtin_names():
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "sheet.pdf"
            pdf.write_bytes(sheet(name))
            target = ROOT / "docs" / f"gallery-{name}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "28", "-singlefile", str(pdf), str(target)],
                check=True,
            )
            print(f"wrote {target}.png")


if __name__ == "__main__":
    main()
