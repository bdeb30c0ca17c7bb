"""Read a written resume back as an applicant tracking system would, and prove nothing was lost.

PDF text comes out through pypdf and DOCX text straight from the file's XML: neither is the
code that wrote the file. Each line of the Document must come back, in order, character for
character (white space aside); anything an ATS would trip over is reported with where it is.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from renderer.document import Document, Role, shows_address

FORMATS = ("pdf", "docx", "txt", "md")


@dataclass
class Report:
    file: str
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    lines_total: int = 0
    lines_found: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# --- reading files back ---------------------------------------------------------------------


def pdf_text(data: bytes) -> tuple[list[str], list[str]]:
    """(text lines, problems with the file's fonts and metadata) from a PDF."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        lines = [ln for page in reader.pages for ln in page.extract_text().splitlines()]
    except Exception as error:  # noqa: BLE001 (any file may be handed to check)
        return [], [f"cannot be read as a PDF: {type(error).__name__}: {error}"]
    problems = []
    for name in sorted(_unembedded_fonts(reader)):
        problems.append(
            f"font {name} is not embedded: an ATS may not map its characters back to text"
        )
    meta: dict[str, object] = dict(reader.metadata or {})
    for key in ("/Title", "/Subject", "/Keywords"):
        if not str(meta.get(key) or "").strip():
            problems.append(f"PDF metadata {key[1:]} is empty")
    return lines, problems


def _unembedded_fonts(reader: object) -> set[str]:
    missing: set[str] = set()
    for page in reader.pages:  # type: ignore[attr-defined]
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            targets = [font]
            if font.get("/Subtype") == "/Type0":
                targets = [d.get_object() for d in font.get("/DescendantFonts", [])]
            for target in targets:
                descriptor = target.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor else {}
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                if not embedded:
                    missing.add(str(target.get("/BaseFont", "?")).lstrip("/"))
                elif "/ToUnicode" not in font and font.get("/Subtype") != "/Type3":
                    missing.add(str(target.get("/BaseFont", "?")).lstrip("/") + " (no ToUnicode)")
    return missing


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CORE = {
    "title": "{http://purl.org/dc/elements/1.1/}title",
    "author": "{http://purl.org/dc/elements/1.1/}creator",
    "subject": "{http://purl.org/dc/elements/1.1/}subject",
    "keywords": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords",
}


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            parts.append(" ")
    return "".join(parts)


def docx_text(data: bytes) -> tuple[list[str], list[str]]:
    """(body paragraphs, problems) from a DOCX: text an ATS skips is a problem, not text."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        body = ElementTree.fromstring(archive.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        return [], [f"cannot be read as a DOCX: {error}"]
    problems = []
    for name in archive.namelist():
        if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
            part = ElementTree.fromstring(archive.read(name))
            text = normalise(" ".join(_paragraph_text(p) for p in part.iter(f"{_W}p")))
            if text:
                kind = "header" if "header" in name else "footer"
                problems.append(f"text in a page {kind} ({name}), which many ATS skip: {text!r}")
    if any(True for _ in body.iter(f"{_W}tbl")):
        problems.append("the body holds a table; many ATS read tables out of order or not at all")
    if any(node.tag.endswith("txbxContent") for node in body.iter()):
        problems.append("the body holds a text box, which many ATS skip")
    try:
        core = ElementTree.fromstring(archive.read("docProps/core.xml"))
        for label in ("title", "subject", "keywords"):
            element = core.find(_CORE[label])
            if element is None or not (element.text or "").strip():
                problems.append(f"DOCX core property {label} is empty")
    except KeyError:
        problems.append("DOCX has no core properties (docProps/core.xml)")
    paragraphs = [
        _paragraph_text(p)
        for p in body.iter(f"{_W}p")
        if not any(True for _ in p.iter(f"{_W}txbxContent"))
    ]
    return paragraphs, problems


def read_back(path: Path, data: bytes | None = None) -> tuple[list[str], list[str]]:
    data = path.read_bytes() if data is None else data
    kind = path.suffix.lower().lstrip(".")
    if kind == "pdf":
        return pdf_text(data)
    if kind == "docx":
        return docx_text(data)
    if kind in ("txt", "md"):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            return [], [f"is not UTF-8 text (byte {error.start}): its characters cannot be trusted"]
        if kind == "txt":
            return text.splitlines(), []
        return [markdown_to_text(line) for line in text.splitlines()], []
    raise ValueError(f"cannot check {path.name}: only {', '.join(FORMATS)} files")


_MD_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(<([^>\s]*)>\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~&])")


def markdown_to_text(line: str) -> str:
    """What a reader of rendered Markdown sees: no emphasis marks, escapes or link syntax."""
    line = re.sub(r"^(#{1,6} |- |> )", "", line)
    line = _MD_LINK.sub(
        lambda m: (
            m.group(1) if shows_address(m.group(1), m.group(2)) else f"{m.group(1)} ({m.group(2)})"
        ),
        line,
    )
    line = re.sub(r"(?<!\\)(\*\*|\*)", "", line)
    return _MD_ESCAPE.sub(r"\1", line)


# --- comparing ------------------------------------------------------------------------------


def expected_lines(document: Document, kind: str) -> list[tuple[str, str]]:
    """(text, where it came from) for every block, as the given format writes it."""
    with_links = kind in ("txt", "md")
    return [
        (block.text_with_links() if with_links else block.text, block.source or block.role.value)
        for block in document.blocks
    ]


def check_lines(
    lines: list[str], document: Document, kind: str, page_label: re.Pattern[str] | None
) -> Report:
    report = Report("")
    if page_label is not None:
        lines = [ln for ln in lines if not page_label.fullmatch(ln.strip())]
    stream = normalise(" ".join(lines))
    bare = re.sub(r"\s", "", stream)
    bare_index = _bare_positions(stream)
    position = 0
    expected = expected_lines(document, kind)
    report.lines_total = len(expected)
    for number, (text, source) in enumerate(expected, 1):
        needle = normalise(text)
        found = stream.find(needle, position)
        if found >= 0:
            position = found + len(needle)
            report.lines_found += 1
            continue
        # Not there as written: is it there with white space changed (split or glued words)?
        squeezed = re.sub(r"\s", "", needle)
        start = bare.find(
            squeezed, bare_index[position] if position < len(bare_index) else len(bare)
        )
        if squeezed and start >= 0:
            end_in_stream = _stream_offset(stream, start + len(squeezed))
            got = stream[_stream_offset(stream, start) : end_in_stream]
            if got.count(" ") < needle.count(" "):
                report.problems.append(
                    f"line {number} ({source}): words glued together: expected {needle!r}, "
                    f"read {got!r}"
                )
            else:
                report.warnings.append(f"line {number} ({source}): a word is split across lines")
                report.lines_found += 1
            position = end_in_stream
            continue
        report.problems.append(
            f"line {number} ({source}) not found in order: {_clip(needle)!r}"
            + _nearest(stream, needle, position)
        )
    for bad, what in (("\ufffd", "replacement characters (�)"), ("\x7f", "DEL characters")):
        if bad in stream:
            report.problems.append(f"the text holds {what}: some characters did not survive")
    if re.search(r"[\ue000-\uf8ff]", stream):
        report.problems.append("the text holds private-use characters (a symbol-font glyph?)")
    _check_headings(lines, document, report)
    return report


def _bare_positions(stream: str) -> list[int]:
    """For each offset of the stream, the matching offset once white space is removed."""
    positions, count = [], 0
    for char in stream:
        positions.append(count)
        if not char.isspace():
            count += 1
    positions.append(count)
    return positions


def _stream_offset(stream: str, bare_offset: int) -> int:
    count = 0
    for index, char in enumerate(stream):
        if count == bare_offset:
            return index
        if not char.isspace():
            count += 1
    return len(stream)


def _check_headings(lines: list[str], document: Document, report: Report) -> None:
    own_lines = {normalise(ln) for ln in lines}
    for block in document.blocks:
        if block.role is Role.HEADING and normalise(block.text) not in own_lines:
            report.problems.append(f"section heading {block.text!r} is not on a line of its own")


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _nearest(stream: str, needle: str, position: int) -> str:
    """Say how far the line did match, so the loss can be found in the file."""
    low, high = 0, len(needle)
    while low < high:
        mid = (low + high + 1) // 2
        if stream.find(needle[:mid], position) >= 0:
            low = mid
        else:
            high = mid - 1
    if low < 8:
        return ""
    at = stream.find(needle[:low], position) + low
    return f"; it matches up to {needle[:low][-30:]!r}, then the file has {stream[at : at + 30]!r}"


def check_contact(lines: list[str], document: Document, report: Report) -> None:
    """Name, e-mail, phone and links must be recoverable as text, not only as annotations."""
    stream = normalise(" ".join(lines))
    for block in document.blocks:
        if block.role in (Role.NAME, Role.CONTACT):
            for run in block.runs:
                if run.text.strip() and normalise(run.text) not in stream:
                    report.problems.append(f"contact detail {run.text!r} cannot be read as text")


def check(
    path: Path,
    document: Document | None,
    page_label: re.Pattern[str] | None = None,
    data: bytes | None = None,
) -> Report:
    kind = path.suffix.lower().lstrip(".")
    lines, problems = read_back(path, data)
    if document is None:
        report = Report(str(path), problems)
        if not normalise(" ".join(lines)):
            report.problems.append("no text could be read from the file")
        report.warnings.append("no profile given: line-by-line comparison skipped")
        return report
    report = check_lines(lines, document, kind, page_label)
    report.file = str(path)
    if not document.keywords:  # nothing to fill them with: the profile's gap, not the file's
        empty = [p for p in problems if p.lower().endswith("keywords is empty")]
        problems = [p for p in problems if p not in empty]
        report.warnings += [f"{p} (the profile lists no skills or technologies)" for p in empty]
    report.problems[:0] = problems
    check_contact(lines, document, report)
    return report
