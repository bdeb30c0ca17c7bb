"""The library floor: reportlab and python-docx called directly on a resume's content.

    python benchmarks/floor.py pdf content.json out.pdf
    python benchmarks/floor.py docx content.json out.docx

`content.json` is a Document as plain data (`Document.to_dict()`) plus the theme's font files,
page and sizes, written by `paired.py` before anything is timed. This is what a bare script
that knows its content already would do: no profile to validate, no theme to load, no
templates, no checks; the same fonts embedded, the same paragraphs, bold, italic and links.
It imports nothing of the project, so a cold run costs the interpreter, the library and the
work only. `paired.py` times the project against it.
"""

from __future__ import annotations

import io
import json
import sys
from typing import Any

_FACES = ("regular", "bold", "italic", "bold_italic")
_registered: dict[str, str] = {}


def _markup(runs: list[dict[str, Any]]) -> str:
    parts = []
    for run in runs:
        text = run["text"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if run.get("bold"):
            text = f"<b>{text}</b>"
        if run.get("italic"):
            text = f"<i>{text}</i>"
        if run.get("href"):
            text = f'<a href="{run["href"]}">{text}</a>'
        parts.append(text)
    return "".join(parts)


def pdf(content: dict[str, Any]) -> bytes:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    if not _registered:
        for face in _FACES:
            name = f"floor-{face}"
            pdfmetrics.registerFont(TTFont(name, content["fonts"][face]))
            _registered[face] = name
        pdfmetrics.registerFontFamily(
            _registered["regular"],
            normal=_registered["regular"],
            bold=_registered["bold"],
            italic=_registered["italic"],
            boldItalic=_registered["bold_italic"],
        )
    styles = {}
    for role, spec in content["styles"].items():
        face = ("bold_" if spec["bold"] else "") + ("italic" if spec["italic"] else "")
        styles[role] = ParagraphStyle(
            role,
            fontName=_registered[face.rstrip("_") or "regular"],
            fontSize=spec["size"],
            leading=spec["size"] * spec["leading"],
            spaceBefore=spec["space_before"],
            spaceAfter=spec["space_after"],
            leftIndent=spec["indent"],
        )
    story = []
    for block in content["document"]["blocks"]:
        text = _markup(block["runs"])
        if block.get("aside"):
            text += " " + block["aside"]
        style = styles.get(block["role"], styles["paragraph"])
        bullet = "•" if block["role"] == "bullet" else None
        story.append(Paragraph(text, style, bulletText=bullet))
    top, right, bottom, left = content["margins"]
    buffer = io.BytesIO()
    document = content["document"]
    SimpleDocTemplate(
        buffer,
        pagesize=tuple(content["page"]),
        topMargin=top,
        rightMargin=right,
        bottomMargin=bottom,
        leftMargin=left,
        title=document["title"],
        author=document["author"],
        invariant=1,
    ).build(story)
    return buffer.getvalue()


_STYLE_OF_ROLE = {
    "name": "Title",
    "headline": "Subtitle",
    "heading": "Heading 1",
    "entry": "Heading 2",
    "group": "Heading 3",
    "bullet": "List Bullet",
}


def docx(content: dict[str, Any]) -> bytes:
    import docx as python_docx

    word = python_docx.Document()
    for block in content["document"]["blocks"]:
        paragraph = word.add_paragraph(style=_STYLE_OF_ROLE.get(block["role"], "Normal"))
        for run in block["runs"]:
            made = paragraph.add_run(run["text"])
            made.bold, made.italic = run.get("bold") or None, run.get("italic") or None
        if block.get("aside"):
            paragraph.add_run("\t" + block["aside"])
    word.core_properties.title = content["document"]["title"]
    word.core_properties.author = content["document"]["author"]
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def main() -> None:
    kind, source, target = sys.argv[1:4]
    with open(source, encoding="utf-8") as stream:
        content = json.load(stream)
    data = pdf(content) if kind == "pdf" else docx(content)
    with open(target, "wb") as stream:
        stream.write(data)


if __name__ == "__main__":
    main()
