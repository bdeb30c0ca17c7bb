"""A Word resume's paragraphs as lines: in document order (the page header first, where many
resumes keep their contact details; tables and text boxes where they stand), each with its
style (Title, Heading 1 and 2, a list), its emphasis, the text after its last tab (dates set
flush right) and its links."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from renderer.errors import InputError
from renderer.inputs.resume.heads import find_dates
from renderer.inputs.resume.lines import Line, strip_bullet

MAX_PARAGRAPHS = 5_000  # a resume has a few hundred; more is not one


def docx_lines(data: bytes, name: str) -> list[Line]:
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(f"is not a Word document that can be read ({error})", name) from None
    lines: list[Line] = []
    headers = [s.header for s in document.sections[:1] if not s.header.is_linked_to_previous]
    elements = [
        *(p for header in headers for p in _paragraphs(header._element)),
        *_paragraphs(document.element.body),
    ]
    for number, element in enumerate(elements[:MAX_PARAGRAPHS], 1):
        line = _line(Paragraph(element, document), number)
        if line is not None:
            lines.append(line)
    return lines


def _paragraphs(root: Any) -> list[Any]:
    """Every paragraph under an element, in document order: table cells and text boxes too
    (a text box's paragraphs where its anchor stands, once)."""
    found, seen = [], set()
    for element in root.iter(qn("w:p")):
        if id(element) in seen:
            continue
        seen.add(id(element))
        found.append(element)
    return found


def _line(paragraph: Paragraph, number: int) -> Line | None:
    text = paragraph.text.replace("\u00a0", " ")
    if not text.strip():
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    aside = ""
    if "\t" in text.strip():
        body, _, last = text.strip().rpartition("\t")
        if last.strip() and (find_dates(last)[0] or len(last.split()) <= 4):
            text, aside = body, last.strip()
    text = " ".join(text.replace("\t", "   ").split("  ")).strip()
    text, marked = strip_bullet(text)
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    bold, italic, size = _emphasis(paragraph)
    prefix = ""
    for run in paragraph.runs:  # the bold start of a line (a title before its company)
        if not (
            run.bold
            or run.bold is None
            and paragraph.style is not None
            and paragraph.style.font.bold
        ):
            break
        prefix += run.text
    level = 1 if style.startswith("Heading 1") else 2 if style.startswith("Heading 2") else 0
    links = [(link.text, link.address) for link in paragraph.hyperlinks if link.address]
    return Line(
        text=text,
        place=("paragraph", number),
        mark=(number, 1),
        bold=bold,
        italic=italic,
        size=size,
        heading=level,
        title=style == "Title",
        bullet=marked or numbered or "List" in style,
        aside=aside,
        links=links,
        bold_prefix=strip_bullet(prefix.strip())[0] if prefix.strip() else "",
    )


def _emphasis(paragraph: Paragraph) -> tuple[bool, bool, float]:
    """Whether (nearly) all its letters are bold, italic, and its largest type size."""
    font = paragraph.style.font if paragraph.style is not None else None
    bold_letters = italic_letters = total = 0
    size = 0.0
    for run in paragraph.runs:
        count = sum(c.isalpha() for c in run.text)
        total += count
        bold = run.bold if run.bold is not None else bool(font and font.bold)
        italic = run.italic if run.italic is not None else bool(font and font.italic)
        bold_letters += count * bool(bold)
        italic_letters += count * bool(italic)
        run_size = run.font.size or (font.size if font is not None else None)
        if run_size is not None:
            size = max(size, run_size.pt)
    if not total:
        return False, False, size
    return bold_letters >= total * 0.8, italic_letters >= total * 0.8, size
