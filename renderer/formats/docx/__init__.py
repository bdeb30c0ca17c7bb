"""Word, written with python-docx on a template of Word's own styles (`writer.py`, with
`zipwriter.py` for a deterministic package) and read back from its XML (`reader.py`)."""

from __future__ import annotations

from renderer.formats import Format, Reader
from renderer.formats.docx import reader, writer

FORMAT = Format(
    name="docx",
    suffix=".docx",
    description="Word: Word's own styles restyled by the theme, real hyperlinks",
    render=writer.render,
    readers=(Reader("docx-xml", reader.read_back),),
    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
