"""Plain text for pasting into application forms (`writer.py`), read back as it is
(`renderer/formats/plaintext.py`)."""

from __future__ import annotations

from renderer.formats import Format, Reader, plaintext
from renderer.formats.txt import writer

FORMAT = Format(
    name="txt",
    suffix=".txt",
    description="Plain text for pasting into application forms, links written out",
    render=writer.render,
    readers=(Reader("text", plaintext.read_text),),
    expected_text=lambda block: block.text_with_links(),
    media_type="text/plain; charset=utf-8",
)
