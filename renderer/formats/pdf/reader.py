"""Read a PDF back as an applicant tracking system would: its text, through pypdf (a library
that did not write it), and what is wrong with the file itself (fonts without a Unicode map,
empty metadata). Any file may be handed to check, so whatever pypdf cannot make of it is a
finding about the file, never a crash; pypdf's own limits bound decompression.
"""

from __future__ import annotations

import io
import logging
import warnings
from typing import Any

from renderer.formats import ReadBack
from renderer.formats.bidi import logical, page_is_right_to_left

MAX_PDF_PAGES = 200


def read_back(data: bytes) -> ReadBack:
    """The text lines of a PDF, and problems with its fonts and metadata. pypdf's log lines
    (it talks about every malformed object) are kept out of the user's terminal."""

    # pypdf: imported when a file is read back (--check), never for a render
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    problems: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data))
            pages = reader.pages
            count = len(pages)
            if count > MAX_PDF_PAGES:
                problems.append(f"has {count} pages; only the first {MAX_PDF_PAGES} were read")
            lines = [
                line
                for page in list(pages)[:MAX_PDF_PAGES]
                for line in page.extract_text().splitlines()
            ]
        except Exception as error:  # noqa: BLE001 (a malformed file can break pypdf anywhere)
            return ReadBack([], [f"cannot be read as a PDF: {_reason(error)}"])
        for step in (_pdf_active_content, _pdf_font_problems, _pdf_metadata_problems):
            try:
                problems += step(reader)
            except Exception as error:  # noqa: BLE001
                problems.append(f"its fonts or metadata cannot be read: {_reason(error)}")
        try:
            structure = _structure(reader)
        except Exception:  # noqa: BLE001 (a broken tree reads as none)
            structure = None
        try:
            links = tuple(_links(pages[:MAX_PDF_PAGES]))
        except Exception:  # noqa: BLE001
            links = ()
    tree = tuple(structure or ())
    return ReadBack(lines, problems, count, structure is not None, tree, links)


def _links(pages: Any) -> list[str]:
    """Where the pages' link annotations go (their /URI), as the file writes them."""
    found = []
    for page in pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            uri = action.get_object().get("/URI") if action is not None else None
            if uri is not None:
                found.append(str(uri))
    return found


MAX_ELEMENTS = 20_000  # a resume's tree has a few hundred


def _structure(reader: Any) -> list[str] | None:
    """The outline of a tagged PDF's structure tree (None if it has none): an element a
    line, indented by depth; a list's items are counted rather than listed."""
    catalog = _dict(reader.trailer.get("/Root"))
    root = _dict(catalog.get("/StructTreeRoot"))
    if not root or not _dict(catalog.get("/MarkInfo")).get("/Marked"):
        return None
    outline: list[str] = []
    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(kid, 0) for kid in reversed(_kids(root))]
    while stack and len(outline) < MAX_ELEMENTS:
        item, depth = stack.pop()
        reference = getattr(item, "idnum", None)
        if reference is not None:
            if reference in seen:  # a loop in a malformed tree
                continue
            seen.add(reference)
        element = _dict(item)
        kind = str(element.get("/S", "")).lstrip("/")
        if not kind:
            continue
        kids = [k for k in _kids(element) if _dict(k).get("/S")]
        if kind == "L":
            outline.append(f"{'  ' * depth}L ({len(kids)} item{'' if len(kids) == 1 else 's'})")
            continue
        outline.append("  " * depth + kind)
        stack += [(kid, depth + 1) for kid in reversed(kids)]
    return outline


def _kids(element: dict) -> list[Any]:
    kids: Any = element.get("/K")
    kids = kids.get_object() if hasattr(kids, "get_object") else kids
    return list(kids) if isinstance(kids, list) else [kids] if kids is not None else []


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:200]}" if text else type(error).__name__


def _pdf_metadata_problems(reader: object) -> list[str]:
    meta: dict[str, object] = dict(reader.metadata or {})  # type: ignore[attr-defined]
    return [
        f"PDF metadata {key[1:]} is empty"
        for key in ("/Title", "/Subject", "/Keywords")
        if not str(meta.get(key) or "").strip()
    ]


# What makes a PDF run something when opened: mail scanners and ATS uploads reject it.
_ACTIVE = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/Launch": "an action that launches a program",
    "/EmbeddedFiles": "embedded files",
    "/EmbeddedFile": "an embedded file",
    "/RichMedia": "rich media (Flash or video)",
    "/XFA": "an XFA form",
    "/SubmitForm": "a form that submits data",
    "/ImportData": "an action that imports data",
}


def _pdf_active_content(reader: Any) -> list[str]:
    """Active content anywhere in the file's objects, each kind named once."""
    found: dict[str, None] = {}
    seen: set[int] = set()
    stack: list[Any] = [reader.trailer]
    while stack and len(seen) < 200_000:  # a bound: a resume has a few thousand objects
        item = stack.pop()
        if hasattr(item, "get_object"):
            reference = getattr(item, "idnum", None)
            if reference is not None:
                if reference in seen:
                    continue
                seen.add(reference)
            item = item.get_object()
        if isinstance(item, dict):
            for key, value in item.items():
                if key in _ACTIVE:
                    found[_ACTIVE[key]] = None
                if key == "/S" and value in _ACTIVE:
                    found[_ACTIVE[value]] = None
                if key != "/Parent":
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return [f"holds {what}, which ATS and mail scanners reject" for what in found]


def _pdf_font_problems(reader: object) -> list[str]:
    return [
        f"font {name} is not embedded: an ATS may not map its characters back to text"
        for name in sorted(_unembedded_fonts(reader))
    ]


def _dict(value: object) -> dict:
    """A PDF object as a dictionary; a malformed file may put anything where one belongs."""
    value = value.get_object() if hasattr(value, "get_object") else value
    return value if isinstance(value, dict) else {}


def _unembedded_fonts(reader: object) -> set[str]:
    missing: set[str] = set()
    for page in list(reader.pages)[:MAX_PDF_PAGES]:  # type: ignore[attr-defined]
        fonts = _dict(_dict(page.get("/Resources")).get("/Font"))
        for ref in fonts.values():
            font = _dict(ref)
            targets = [font]
            if font.get("/Subtype") == "/Type0":
                descendants = font.get("/DescendantFonts", [])
                descendants = (
                    descendants.get_object() if hasattr(descendants, "get_object") else descendants
                )
                targets = [_dict(d) for d in descendants] if isinstance(descendants, list) else []
            for target in targets:
                descriptor = _dict(target.get("/FontDescriptor"))
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                if not embedded:
                    missing.add(str(target.get("/BaseFont", "?")).lstrip("/"))
                elif "/ToUnicode" not in font and font.get("/Subtype") != "/Type3":
                    missing.add(str(target.get("/BaseFont", "?")).lstrip("/") + " (no ToUnicode)")
    return missing


def read_with_pdfminer(data: bytes) -> ReadBack:
    """The text lines as pdfminer.six lays them out with its default settings (the text layer
    under many parsing pipelines): characters grouped into lines and boxes by their distance,
    a blank line between boxes. pdfminer has no limits of its own on decompression, so it
    reads only what pypdf (which has them) read without trouble."""

    checked = read_back(data)
    if not checked.lines and checked.problems:
        return ReadBack([], checked.problems)
    # pdfminer.six: likewise, only when reading back
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
    try:
        text = extract_text(io.BytesIO(data), laparams=LAParams(), maxpages=MAX_PDF_PAGES)
    except Exception as error:  # noqa: BLE001 (a malformed file can break pdfminer anywhere)
        return ReadBack([], [f"cannot be read by pdfminer.six: {_reason(error)}"])
    # pdfminer.six gives each line in the order its glyphs are drawn, Hebrew and Arabic
    # reversed: put back in the order they are read, as pdftotext and MuPDF do themselves.
    rtl_page = page_is_right_to_left(_language(data), text)  # as the writer decided it
    lines = [logical(line, rtl_page) for line in text.replace("\f", "\n").splitlines()]
    return ReadBack(lines, [], checked.pages)


def _language(data: bytes) -> str:
    """The document's language (the catalog's /Lang), "" when it has none."""
    from pypdf import PdfReader  # read back only, never for a render

    try:
        return str(PdfReader(io.BytesIO(data)).root_object.get("/Lang", ""))
    except Exception:  # noqa: BLE001 (a malformed file can break pypdf anywhere)
        return ""
