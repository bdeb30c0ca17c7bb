"""Markdown for forms and profiles that take it (`writer.py`), read back as rendered text
(`renderer/formats/plaintext.py`)."""

from __future__ import annotations

from renderer.formats import Format, Reader, plaintext
from renderer.formats.md import writer

FORMAT = Format(
    name="md",
    suffix=".md",
    description="Markdown for forms and profiles that take it, every literal character escaped",
    render=writer.render,
    readers=(Reader("markdown", plaintext.read_markdown),),
    expected_text=lambda block: block.text_with_links(writer.destination),
    media_type="text/markdown; charset=utf-8",
)
