"""A Word resume's paragraphs as lines: in document order (the page header first, where many
resumes keep their contact details; tables and text boxes where they stand), each with its
style (Title, a heading's level, a list), its emphasis, the text after its last tab (dates set
flush right) and its links.

The text is read from the paragraph's XML, not python-docx's `paragraph.text`, which leaves
out the runs inside content controls (Google Docs wraps every paragraph in one), tracked
insertions and fields. A text box's paragraphs are read once: Word writes each twice, the
second time as a fallback for old readers. In a table, a cell that holds nothing but dates
gives them to the first line of the cell before it (a title beside its dates).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from renderer.errors import InputError
from renderer.inputs.resume.dates import find_dates
from renderer.inputs.resume.lines import Line, shouting, strip_bullet, tidy

MAX_PARAGRAPHS = 5_000  # a resume has a few hundred; more is not one
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIPPED = {qn("w:txbxContent"), _FALLBACK, qn("w:del"), qn("w:instrText")}
# A heading's level from its style's name, in the languages Word names them in.
_LEVEL = re.compile(
    r"(?:heading|berschrift|titre|t[ií]tulo|titolo|kop|nag[łl][óo]wek)\s*(\d)", re.I
)
_TITLES = {"title", "titel", "titre", "título", "titolo", "tytuł"}


def docx_lines(data: bytes, name: str) -> list[Line]:
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(f"is not a Word document that can be read ({error})", name) from None
    roots = []
    for section in document.sections[:1]:
        if section.different_first_page_header_footer:
            roots.append(section.first_page_header._element)
        if not section.header.is_linked_to_previous:
            roots.append(section.header._element)
    roots.append(document.element.body)
    elements = [p for root in roots for p in _paragraphs(root)][:MAX_PARAGRAPHS]
    dates = _dates_in_cells(elements)
    lines: list[Line] = []
    for number, element in enumerate(elements, 1):
        if id(element) in dates and dates[id(element)] == "":
            continue  # dates given to the cell before
        paragraph = Paragraph(element, document)
        lines += _lines(paragraph, number, dates.get(id(element), ""), document)
    return lines


def _paragraphs(root: Any) -> list[Any]:
    """Every paragraph under an element, in document order: table cells and text boxes too
    (a text box's paragraphs where its anchor stands, once: not its fallback copy)."""
    return [p for p in root.iter(qn("w:p")) if not _inside(p, {_FALLBACK}, root)]


def _inside(element: Any, tags: set[str], root: Any = None) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not root:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _dates_in_cells(paragraphs: list[Any]) -> dict[int, str]:
    """For a table row whose cell holds only dates: the dates, by the first paragraph of the
    cell before it with text (or after it); "" by the dates' own paragraph (left out)."""
    found: dict[int, str] = {}
    rows = {id(_row(p)): _row(p) for p in paragraphs if _row(p) is not None}
    for row in rows.values():
        cells = [
            [p for p in cell.iter(qn("w:p")) if _text(p).strip()] for cell in row.iter(qn("w:tc"))
        ]
        for i, cell in enumerate(cells):
            text = " ".join(_text(p).strip() for p in cell)
            beside = [c for c in cells[:i] if c][-1:] or [c for c in cells[i + 1 :] if c][:1]
            dates, rest = find_dates(text)
            if cell and dates and not rest.strip() and beside and id(beside[0][0]) not in found:
                found[id(beside[0][0])] = text
                for p in cell:
                    found[id(p)] = ""
    return found


def _row(paragraph: Any) -> Any:
    parent = paragraph.getparent()
    while parent is not None and parent.tag != qn("w:tr"):
        parent = parent.getparent()
    return parent


def _text(element: Any) -> str:
    """A paragraph's text as shown: its runs' text wherever they stand (content controls,
    hyperlinks, insertions, fields), tabs and line breaks kept; not a text box's in it."""
    out: list[str] = []
    for node in element.iter():
        if node is not element and node.tag in _SKIPPED | {qn("w:p")}:
            continue
        if _inside(node, _SKIPPED | {qn("w:p")}, element):
            continue
        tag = node.tag
        if tag == qn("w:t"):
            out.append(node.text or "")
        elif tag == qn("w:tab"):
            out.append("\t")
        elif tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            out.append("-")
    return "".join(out).replace("\u00a0", " ")


def _runs(paragraph: Paragraph) -> list[Run]:
    """A paragraph's runs wherever they stand in it (not a text box's)."""
    element = paragraph._p
    return [
        Run(r, paragraph)
        for r in element.iter(qn("w:r"))
        if not _inside(r, _SKIPPED | {qn("w:p")}, element)
    ]


def _lines(paragraph: Paragraph, number: int, dates: str, document: Any) -> list[Line]:
    """A paragraph's lines: one, or one for each of its line breaks (not in a list item)."""
    text = _text(paragraph._p)
    style = paragraph.style
    name = (style.name if style is not None else "") or ""
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    listed = numbered or "List" in name
    parts = [text] if listed else [part for part in text.split("\n") if part.strip()]
    runs = _runs(paragraph)
    bold, italic, size, capitals = _emphasis(runs, style)
    found: list[Line] = []
    for part in parts:
        if not part.strip():
            continue
        line = _line(part.replace("\n", " "), number, dates if not found else "")
        line.bullet = line.bullet or listed
        line.bold, line.italic, line.size = bold, italic, size
        line.heading = _level(paragraph, name)
        line.title = name.lower() in _TITLES
        line.links = _links(paragraph, document) if not found else []
        line.bold_prefix = _bold_prefix(runs, style) if not found else ""
        line.look = f"{name}|{bold}|{size}|{capitals or shouting(part)}"
        line.capitals = capitals
        line.broken = bool(found)
        found.append(line)
    return found


def _line(text: str, number: int, dates: str) -> Line:
    aside = dates
    if "\t" in text.strip() and not aside:
        body, _, last = text.strip().rpartition("\t")
        if last.strip() and (find_dates(last)[0] or len(last.split()) <= 4):
            text, aside = body, last.strip()
    text = " ".join(text.replace("\t", "   ").split("  ")).strip()
    text, marked = strip_bullet(text)
    return Line(
        text=tidy(text),
        place=("paragraph", number),
        mark=(number, 1),
        bullet=marked,
        aside=tidy(" ".join(aside.split())),
    )


def _level(paragraph: Paragraph, name: str) -> int:
    """The heading level its style (or its outline level) gives, else 0."""
    found = _LEVEL.search(name)
    if found:
        return int(found.group(1))
    for ppr in (paragraph._p.pPr, getattr(paragraph.style, "_element", None)):
        outline = ppr.find(f".//{qn('w:outlineLvl')}") if ppr is not None else None
        if outline is not None and (outline.get(qn("w:val")) or "").isdigit():
            level = int(outline.get(qn("w:val")) or 9) + 1
            return level if level <= 6 else 0
    return 0


def _links(paragraph: Paragraph, document: Any) -> list[tuple[str, str]]:
    """(text, address) of its hyperlinks: Word's own, and HYPERLINK fields."""
    found = []
    rels = document.part.rels
    for link in paragraph._p.iter(qn("w:hyperlink")):
        target = rels.get(link.get(qn("r:id")) or "")
        if target is not None and target.is_external:
            found.append((_text(link), target.target_ref))
    for code in paragraph._p.iter(qn("w:instrText")):
        field = re.search(r'HYPERLINK\s+"([^"]+)"', code.text or "")
        if field:
            found.append(("", field.group(1)))
    return found


def _bold_prefix(runs: list[Run], style: Any) -> str:
    """The bold start of a line (a title before its company, `Languages:`)."""
    prefix = ""
    for run in runs:
        if not _set(run.bold, style, "bold"):
            break
        prefix += run.text
    return strip_bullet(prefix.strip())[0] if prefix.strip() else ""


def _set(value: bool | None, style: Any, name: str) -> bool:
    """A run's bold or italic: its own, else its paragraph style's."""
    if value is not None:
        return value
    return bool(style is not None and getattr(style.font, name))


def _emphasis(runs: list[Run], style: Any) -> tuple[bool, bool, float, bool]:
    """Whether (nearly) all its letters are bold, italic, its largest type size, and
    whether its letters are set in capitals (Word's All caps)."""
    font = style.font if style is not None else None
    bold_letters = italic_letters = capital_letters = total = 0
    size = 0.0
    for run in runs:
        count = sum(c.isalpha() for c in run.text)
        total += count
        bold_letters += count * _set(run.bold, style, "bold")
        italic_letters += count * _set(run.italic, style, "italic")
        capital_letters += count * _set(run.font.all_caps, style, "all_caps")
        run_size = run.font.size or (font.size if font is not None else None)
        if run_size is not None:
            size = max(size, run_size.pt)
    if not total:
        return False, False, size, False
    share = total * 0.8
    return bold_letters >= share, italic_letters >= share, size, capital_letters >= share
