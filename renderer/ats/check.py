"""Read a written resume back as an applicant tracking system would, and prove nothing was lost.

Each format's reader (`renderer/readers/`, named in the format's declaration) gives the file's
text as an ATS gets it, from a library that did not write the file; here every line of the
Document must come back, in order, character for character (white space aside), and anything
an ATS would trip over is reported with where it is. Nothing here knows a format.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field

from renderer.ats.fields import Parse, compare, parse
from renderer.compose.document import Document, Role
from renderer.formats import Format
from renderer.formats.bidi import has_right_to_left
from renderer.formats.plaintext import normalise
from renderer.profile.uri import as_uri

MAX_FILE_BYTES = 16 * 1024 * 1024  # a resume is well under 1 MiB in every format


@dataclass
class Report:
    file: str
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    lines_total: int = 0
    lines_found: int = 0
    parses: list[Parse] = field(default_factory=list)  # what each reader's ATS would fill in
    tagged: bool | None = None  # a PDF with a structure tree, for screen readers
    structure: tuple[str, ...] = ()  # its outline

    @property
    def ok(self) -> bool:
        return not self.problems


def page_label_pattern(document: Document) -> re.Pattern[str] | None:
    """The page-number line the Document's pages carry, so a check can tell it from text."""
    if not document.page_label:
        return None
    label = re.escape(" ".join(document.page_label.split()))
    return re.compile(
        label.replace(re.escape("{page}"), r"\d+").replace(re.escape("{pages}"), r"\d+")
    )


# --- comparing ------------------------------------------------------------------------------


def expected_lines(document: Document, fmt: Format) -> list[tuple[str, str]]:
    """(text, where it came from) for every block, as the given format writes it."""
    return [
        (fmt.expected_text(block), block.source or block.role.value) for block in document.blocks
    ]


MAX_EXPLAINED = 5  # missing lines whose nearest match is searched for (each scans the file)


class _Stream:
    """The file's text as one line, and the same without white space, with the offsets that
    map one onto the other (made only when a line has to be looked for without spaces)."""

    def __init__(self, lines: list[str]) -> None:
        self.text = normalise(" ".join(lines))
        self._index: array[int] | None = None

    def bare(self) -> tuple[str, array[int]]:
        if self._index is None:
            self._bare = re.sub(r"\s", "", self.text)
            self._index = array("q", [0]) * (len(self.text) + 1)
            count = 0
            for offset, char in enumerate(self.text):
                self._index[offset] = count
                count += not char.isspace()
            self._index[len(self.text)] = count
        return self._bare, self._index

    def offset(self, bare_offset: int) -> int:
        """The text's offset of the character at `bare_offset` in the text without spaces."""
        return bisect_left(self.bare()[1], bare_offset)


def check_lines(lines: list[str], document: Document, fmt: Format) -> Report:
    report = Report("")
    label = page_label_pattern(document) if fmt.paged else None
    if label is not None:
        lines = [ln for ln in lines if not label.fullmatch(ln.strip())]
    stream = _Stream(lines)
    text = stream.text
    position = 0
    expected = expected_lines(document, fmt)
    report.lines_total = len(expected)
    explained = shuffled = 0
    for number, (line, source) in enumerate(expected, 1):
        needle = normalise(line)
        found = text.find(needle, position)
        if found >= 0:
            position = found + len(needle)
            report.lines_found += 1
            continue
        # Not there as written: is it there with white space changed (split or glued words)?
        squeezed = re.sub(r"\s", "", needle)
        bare, index = stream.bare()
        start = bare.find(squeezed, index[min(position, len(text))])
        if squeezed and start >= 0:
            end_in_text = stream.offset(start + len(squeezed))
            got = text[stream.offset(start) : end_in_text]
            if got.count(" ") < needle.count(" "):
                report.problems.append(
                    f"line {number} ({source}): words glued together: expected {needle!r}, "
                    f"read {got!r}"
                )
            else:
                report.warnings.append(f"line {number} ({source}): a word is split across lines")
                report.lines_found += 1
            position = end_in_text
            continue
        reordered = _runs_near(text, needle, position) if has_right_to_left(needle) else None
        if reordered is not None:
            position = reordered
            report.lines_found += 1
            shuffled += 1
            continue
        explained += 1
        nearest = _nearest(text, needle, position) if explained <= MAX_EXPLAINED else ""
        report.problems.append(
            f"line {number} ({source}) not found in order: {_clip(needle)!r}{nearest}"
        )
    if shuffled:
        report.warnings.append(
            f"{shuffled} line(s) with Hebrew or Arabic read with their words whole but in "
            "another order around brackets, numbers or dashes (readers apply the bidirectional "
            "algorithm's rules for these in their own ways)"
        )
    _check_characters(text, document, report)
    _check_headings(lines, document, report)
    return report


_WORD = re.compile(r"\w+")


def _runs_near(text: str, needle: str, position: int) -> int | None:
    """Where a line with right-to-left text ends when its words (runs of letters and digits)
    are all there, each whole, just after `position` but in another order: a reader ordered
    the neutral characters between them its own way ("C++ (C++17)", "1.0.0-beta.2")."""
    words = _WORD.findall(needle)
    if not words:
        return None
    window = text[position : position + len(needle) + 40]
    found = [(m.group(), m.end()) for m in _WORD.finditer(window)]
    end = 0
    for word in words:
        at = next((i for i, (w, _) in enumerate(found) if w == word), None)
        if at is None:
            return None
        end = max(end, found.pop(at)[1])
    return position + end


def _check_characters(text: str, document: Document, report: Report) -> None:
    """Characters that mean something did not survive: more of them than the resume has."""
    written = normalise(" ".join(document.lines()))
    for pattern, what in (
        ("\ufffd", "replacement characters (�)"),
        ("\x7f", "DEL characters"),
        ("[\ue000-\uf8ff]", "private-use characters (a symbol-font glyph?)"),
    ):
        if len(re.findall(pattern, text)) > len(re.findall(pattern, written)):
            report.problems.append(f"the text holds {what}: some characters did not survive")


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


def check(fmt: Format, data: bytes, document: Document | None, name: str = "") -> Report:
    """Read `data`, written in `fmt`, back with each of the format's readers; with a
    Document, prove every line survived for each, and that each reader's parse gives every
    entry its own title, organisation, dates and bullets."""
    read = fmt.readers[0].read(data)
    lines, problems = read.lines, list(read.problems)
    if document is None:
        report = Report(name, problems)
        if not normalise(" ".join(lines)):
            report.problems.append("no text could be read from the file")
        report.warnings.append("no profile given: line-by-line comparison skipped")
    else:
        report = _check_against(fmt, data, document, lines, problems)
        report.file = name
        if read.links is not None:
            _check_links(read.links, document, report)
    report.tagged, report.structure = read.tagged, read.structure
    if read.tagged is False and lines:
        report.warnings.append(
            "the PDF is not tagged: screen readers and accessibility checks find no "
            "structure (headings, lists) in it"
        )
    return report


def _check_links(links: tuple[str, ...], document: Document, report: Report) -> None:
    """Every link of the Document goes where it says, written as a URI (ASCII: a PDF's
    /URI written otherwise reads as 'þÿ' in poppler)."""
    for link in links:
        if not link.isascii():
            report.problems.append(f"a link's address is not written as a URI: {link!r}")
    written = set(links)
    for block in document.blocks:
        for run in (*block.runs, *block.aside_runs):
            if run.href and as_uri(run.href) not in written:
                report.problems.append(f"the link of {run.text!r} to {run.href!r} is lost")


def _check_against(
    fmt: Format, data: bytes, document: Document, lines: list[str], problems: list[str]
) -> Report:
    first, *others = fmt.readers
    unordered: list[str] = []
    if has_right_to_left(" ".join(document.lines())) and not first.orders_right_to_left:
        # Its lines cannot be compared; its problems with fonts and metadata still count.
        ordering = [r for r in others if r.orders_right_to_left]
        if ordering:
            unordered = [first.name]
            first, others = ordering[0], [r for r in others if r is not ordering[0]]
            lines = first.read(data).lines
    report = check_lines(lines, document, fmt)
    report.warnings += [
        f"{name} gives Hebrew and Arabic lines in the order they are drawn, not read: "
        f"lines compared as {first.name} reads them"
        for name in unordered
    ]
    if report.lines_total >= 5 and report.lines_found * 4 < report.lines_total:
        # Not a file that lost lines: another resume. One line says so before the details.
        report.problems.insert(
            0,
            f"only {report.lines_found} of {report.lines_total} lines of the profile were "
            "found: is this file made from another profile, or with other tags or locale?",
        )
    if not document.keywords:  # nothing to fill them with: the profile's gap, not the file's
        empty = [p for p in problems if p.lower().endswith("keywords is empty")]
        problems = [p for p in problems if p not in empty]
        report.warnings += [f"{p} (the profile lists no skills or technologies)" for p in empty]
    report.problems[:0] = problems
    check_contact(lines, document, report)
    label = page_label_pattern(document) if fmt.paged else None
    report.parses.append(parse(lines, document, first.name, label))
    for reader in others:  # a second reader: its lines and its parse must hold up too
        more = reader.read(data)
        again = check_lines(more.lines, document, fmt)
        report.problems += [f"{p} (read by {reader.name})" for p in again.problems]
        report.parses.append(parse(more.lines, document, reader.name, label))
    for parsed in report.parses:
        report.problems += compare(parsed, document)
    return report
