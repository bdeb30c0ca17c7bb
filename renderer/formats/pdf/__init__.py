"""PDF, drawn by reportlab (`writer.py`) and read back by pypdf and by pdfminer.six with its
default settings, the text layer under many parsing pipelines (`reader.py`); `outlines.py`
draws page numbers as shapes."""

from __future__ import annotations

from renderer.formats import Format, Reader
from renderer.formats.pdf import reader, writer

FORMAT = Format(
    name="pdf",
    suffix=".pdf",
    description="PDF: embedded subset TrueType fonts, real text, one column",
    render=writer.render,
    readers=(Reader("pypdf", reader.read_back), Reader("pdfminer", reader.read_with_pdfminer)),
    paged=True,
)
