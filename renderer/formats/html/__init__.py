"""A self-contained web page (`writer.py`, through the theme's page template) and its text
as a browser's reader view gives it (`reader.py`)."""

from __future__ import annotations

from renderer.formats import Format, Reader
from renderer.formats.html import reader, writer

FORMAT = Format(
    name="html",
    suffix=".html",
    description="A self-contained web page: semantic headings and lists, <time>, a print style",
    render=writer.render,
    readers=(Reader("html", reader.read_back),),
    media_type="text/html; charset=utf-8",
)
