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


# Characters that carry no text: a soft hyphen (shown only where a line breaks), zero-width
# spaces and joiners, the word joiner, a stray byte-order mark. Readers keep or drop them at
# will (reportlab drops a soft hyphen; pypdf would read it), so neither side counts them.
_IGNORABLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).translate(_IGNORABLE).split())


# --- reading files back ---------------------------------------------------------------------


MAX_FILE_BYTES = 32 * 1024 * 1024  # a resume is well under 1 MiB in every format
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024  # a DOCX's parts, unpacked (zip bombs stop here)
MAX_PDF_PAGES = 200


def pdf_text(data: bytes) -> tuple[list[str], list[str]]:
    """(text lines, problems with the file's fonts and metadata) from a PDF.

    Any file may be handed to check, so whatever pypdf cannot make of it is a finding about
    the file, not a crash; pypdf's own limits bound decompression, and its log lines (it
    talks about every malformed object) are kept out of the user's terminal.
    """
    import logging
    import warnings

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
            return [], [f"cannot be read as a PDF: {_reason(error)}"]
        for step in (_pdf_font_problems, _pdf_metadata_problems):
            try:
                problems += step(reader)
            except Exception as error:  # noqa: BLE001
                problems.append(f"its fonts or metadata cannot be read: {_reason(error)}")
    return lines, problems


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


class _Unreadable(Exception):
    """A part of a DOCX that cannot be read safely."""


class _Package:
    """A DOCX's zip, read within bounds: the sizes its directory declares, and the bytes each
    part really unpacks to, are capped (a zip bomb stops at the cap, not in swap); XML is
    parsed without DTDs or entities (no "billion laughs")."""

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
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import fromstring

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
        try:
            return fromstring(data, forbid_dtd=True)
        except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
            raise _Unreadable(f"its part {name} is not well-formed XML: {error}") from None


def docx_text(data: bytes) -> tuple[list[str], list[str]]:
    """(body paragraphs, problems) from a DOCX: text an ATS skips is a problem, not text."""
    try:
        package = _Package(data)
        body = package.xml("word/document.xml")
    except KeyError:
        return [], ["cannot be read as a DOCX: it has no word/document.xml"]
    except _Unreadable as error:
        return [], [f"cannot be read as a DOCX: {error}"]
    problems = []
    for name in package.names():
        if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
            kind = "header" if "header" in name else "footer"
            try:
                part = package.xml(name)
            except _Unreadable as error:
                problems.append(f"its page {kind} cannot be read: {error}")
                continue
            text = normalise(" ".join(_paragraph_text(p) for p in part.iter(f"{_W}p")))
            if text:
                problems.append(f"text in a page {kind} ({name}), which many ATS skip: {text!r}")
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
    paragraphs = [
        _paragraph_text(p)
        for p in body.iter(f"{_W}p")
        if not any(True for _ in p.iter(f"{_W}txbxContent"))
    ]
    return paragraphs, problems


def read_back(path: Path, data: bytes | None = None) -> tuple[list[str], list[str]]:
    """What an ATS reads from a file: its lines, and problems with it. A file that cannot be
    read (missing, a folder, a FIFO, too large) raises InputError saying what it is."""
    if data is None:
        from renderer.files import read_bytes

        data = read_bytes(path, MAX_FILE_BYTES, "resume")
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


_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: any ASCII punctuation


def markdown_to_text(line: str) -> str:
    """What a reader of rendered Markdown sees: no emphasis marks, escapes or link syntax.

    Links are found in one pass (each `[` is matched with the next unescaped `]` from a table
    made once), so a line of 40,000 `\\[` takes linear time, not quadratic.
    """
    line = re.sub(r"^(#{1,6} |- |> )", "", line)
    closing = _next_unescaped(line, "]")
    out: list[str] = []
    i = 0
    while i < len(line):
        c = line[i]
        if c == "\\" and i + 1 < len(line):
            out.append(line[i : i + 2])
            i += 2
            continue
        end = closing[i + 1] if c == "[" and i + 1 < len(line) else -1
        if end >= 0 and line.startswith("(<", end + 1):
            stop = line.find(">)", end + 3)
            if stop >= 0:
                label, href = line[i + 1 : end], line[end + 3 : stop]
                shown = _MD_ESCAPE.sub(r"\1", label.replace("*", ""))
                out.append(label if shows_address(shown, href) else f"{label} ({href})")
                i = stop + 2
                continue
        out.append(c)
        i += 1
    text = re.sub(r"(?<!\\)(\*\*|\*)", "", "".join(out))
    return _MD_ESCAPE.sub(r"\1", text)


def _next_unescaped(line: str, char: str) -> list[int]:
    """For each offset, where the next `char` not escaped by a backslash is (or -1)."""
    escaped = [False] * len(line)
    for i in range(1, len(line)):
        escaped[i] = line[i - 1] == "\\" and not escaped[i - 1]
    found = [-1] * (len(line) + 1)
    for i in range(len(line) - 1, -1, -1):
        found[i] = i if line[i] == char and not escaped[i] else found[i + 1]
    return found


# --- comparing ------------------------------------------------------------------------------


def expected_lines(document: Document, kind: str) -> list[tuple[str, str]]:
    """(text, where it came from) for every block, as the given format writes it."""
    if kind in ("txt", "md"):
        from renderer.backends.md import destination

        address = destination if kind == "md" else None
        return [
            (block.text_with_links(address), block.source or block.role.value)
            for block in document.blocks
        ]
    return [(block.text, block.source or block.role.value) for block in document.blocks]


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
    bare = "".join(stream.split())
    for block in document.blocks:
        if block.role in (Role.NAME, Role.CONTACT):
            for run in block.runs:
                text = normalise(run.text)
                if not text or text in stream:
                    continue
                if "".join(text.split()) in bare:  # a long address broken across lines
                    report.warnings.append(f"contact detail {run.text!r} is split across lines")
                else:
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
