"""Read a DOCX back as an applicant tracking system would: the body's paragraphs straight from
the file's XML (not through python-docx, which wrote it), and text an ATS would skip or
misread (page headers and footers, tables, text boxes) as problems.

The package is read within bounds: the sizes its zip directory declares, and the bytes each
part really unpacks to, are capped (a zip bomb stops at the cap, not in swap), and XML is
parsed without DTDs or entities (no "billion laughs").
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from renderer.formats import ReadBack
from renderer.formats.plaintext import normalise

MAX_UNZIPPED_BYTES = 64 * 1024 * 1024  # a DOCX's parts, unpacked
MAX_ELEMENTS = 200_000  # XML elements in one part: ten times a long resume's


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CORE = {
    "title": "{http://purl.org/dc/elements/1.1/}title",
    "author": "{http://purl.org/dc/elements/1.1/}creator",
    "subject": "{http://purl.org/dc/elements/1.1/}subject",
    "keywords": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords",
}


_SPACES = (f"{_W}tab", f"{_W}br", f"{_W}cr")


_LIST_STYLES = {"ListBullet", "ListParagraph", "ListNumber"}


def _is_list_item(paragraph: ElementTree.Element) -> bool:
    properties = paragraph.find(f"{_W}pPr")
    if properties is None:
        return False
    style = properties.find(f"{_W}pStyle")
    named = style is not None and style.get(f"{_W}val") in _LIST_STYLES
    return named or properties.find(f"{_W}numPr") is not None


def _paragraphs(root: ElementTree.Element) -> list[str]:
    """The text of every paragraph under `root`, in document order, in one walk of the tree
    (a paragraph nested in another, as in a text box, has its own text; a paragraph holding a
    text box is left out, its box's paragraphs are not). Walking each paragraph's subtree
    again for every paragraph took quadratic time on a crafted file."""
    found: list[str | None] = []
    open_paragraphs: list[tuple[int, list[str]]] = []  # (its place in found, its text)
    boxes: set[int] = set()  # places of paragraphs that hold a text box
    stack: list[tuple[ElementTree.Element, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            place, parts = open_paragraphs.pop()
            found[place] = None if place in boxes else "".join(parts)
            continue
        if node.tag == f"{_W}p":
            # A list paragraph reads as a bullet, as Word shows it (its marker is numbering).
            marker = ["• "] if _is_list_item(node) else []
            open_paragraphs.append((len(found), marker))
            found.append(None)
            stack.append((node, True))
        elif node.tag == f"{_W}txbxContent" and open_paragraphs:
            boxes.update(place for place, _ in open_paragraphs)
        elif open_paragraphs and node.tag == f"{_W}t" and node.text:
            open_paragraphs[-1][1].append(node.text)
        elif open_paragraphs and node.tag in _SPACES:
            open_paragraphs[-1][1].append(" ")
        stack.extend((child, False) for child in reversed(node))
    return [text for text in found if text is not None]


class _Unreadable(Exception):
    """A part of a DOCX that cannot be read safely."""


class _Package:
    """A DOCX's zip, read within the bounds above."""

    def __init__(self, data: bytes) -> None:
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            declared = sum(info.file_size for info in self.archive.infolist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
            raise _Unreadable(f"it is not a valid zip: {error}") from None
        if declared > MAX_UNZIPPED_BYTES:
            raise _Unreadable(f"its parts unpack to {declared:,} bytes (a zip bomb?)")
        self.unpacked = 0

    def names(self) -> list[str]:
        return self.archive.namelist()

    def xml(self, name: str) -> ElementTree.Element:

        try:
            with self.archive.open(name) as member:
                data = member.read(MAX_UNZIPPED_BYTES - self.unpacked + 1)
        except KeyError:
            raise
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError) as e:
            raise _Unreadable(f"its part {name} cannot be unpacked: {e}") from None
        self.unpacked += len(data)
        if self.unpacked > MAX_UNZIPPED_BYTES:
            raise _Unreadable(f"its parts unpack to more than {MAX_UNZIPPED_BYTES:,} bytes")
        if data.count(b"<") > MAX_ELEMENTS:  # counted before a tree of them is built
            raise _Unreadable(
                f"its part {name} holds more than {MAX_ELEMENTS:,} elements; a resume holds a "
                "few thousand"
            )
        try:
            return fromstring(data, forbid_dtd=True)
        except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
            raise _Unreadable(f"its part {name} is not well-formed XML: {error}") from None


def _active_content(package: _Package) -> list[str]:
    """Macros, and parts fetched from elsewhere when the file opens (a remote template, an
    external object): mail scanners and ATS uploads reject such files."""
    problems = []
    names = set(package.names())
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        problems.append("holds macros (vbaProject.bin), which ATS and mail scanners reject")
    for name in sorted(n for n in names if n.endswith(".rels")):
        try:
            rels = package.xml(name)
        except (KeyError, _Unreadable):
            continue
        for rel in rels:
            if rel.get("TargetMode") == "External" and not str(rel.get("Type", "")).endswith(
                "/hyperlink"
            ):
                kind = str(rel.get("Type", "")).rsplit("/", 1)[-1] or "part"
                problems.append(
                    f"fetches its {kind} from {rel.get('Target', '')!r} when opened, which ATS "
                    "and mail scanners reject"
                )
    return problems


def read_back(data: bytes) -> ReadBack:
    """The body's paragraphs, and problems: text an ATS skips is a problem, not text."""
    try:
        package = _Package(data)
        body = package.xml("word/document.xml")
    except KeyError:
        return ReadBack([], ["cannot be read as a DOCX: it has no word/document.xml"])
    except _Unreadable as error:
        return ReadBack([], [f"cannot be read as a DOCX: {error}"])
    problems = []
    for name in package.names():
        if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
            kind = "header" if "header" in name else "footer"
            try:
                part = package.xml(name)
            except _Unreadable as error:
                problems.append(f"its page {kind} cannot be read: {error}")
                continue
            text = normalise(" ".join(_paragraphs(part)))
            if text:
                problems.append(f"text in a page {kind} ({name}), which many ATS skip: {text!r}")
    problems += _active_content(package)
    if any(True for _ in body.iter(f"{_W}tbl")):
        problems.append("the body holds a table; many ATS read tables out of order or not at all")
    if any(str(node.tag).endswith("txbxContent") for node in body.iter()):
        problems.append("the body holds a text box, which many ATS skip")
    try:
        core = package.xml("docProps/core.xml")
        for label in ("title", "subject", "keywords"):
            element = core.find(_CORE[label])
            if element is None or not (element.text or "").strip():
                problems.append(f"DOCX core property {label} is empty")
    except KeyError:
        problems.append("DOCX has no core properties (docProps/core.xml)")
    except _Unreadable as error:
        problems.append(f"DOCX core properties cannot be read: {error}")
    return ReadBack(_paragraphs(body), problems)
