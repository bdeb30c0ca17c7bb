"""Read a written resume back as an applicant tracking system would, and prove nothing was lost.

Each format's reader (`renderer/readers/`, named in the format's declaration) gives the file's
text as an ATS gets it, from a library that did not write the file; here every line of the
Document must come back, in order, character for character (white space aside), and anything
an ATS would trip over is reported with where it is. Nothing here knows a format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from renderer.backends import Format
from renderer.document import Document, Role
from renderer.readers.text import normalise

MAX_FILE_BYTES = 32 * 1024 * 1024  # a resume is well under 1 MiB in every format


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


def check_lines(lines: list[str], document: Document, fmt: Format) -> Report:
    report = Report("")
    label = page_label_pattern(document) if fmt.paged else None
    if label is not None:
        lines = [ln for ln in lines if not label.fullmatch(ln.strip())]
    stream = normalise(" ".join(lines))
    bare = re.sub(r"\s", "", stream)
    bare_index = _bare_positions(stream)
    position = 0
    expected = expected_lines(document, fmt)
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


def check(fmt: Format, data: bytes, document: Document | None, name: str = "") -> Report:
    """Read `data`, written in `fmt`, back; with a Document, prove every line survived."""
    read = fmt.read_back(data)
    lines, problems = read.lines, list(read.problems)
    if document is None:
        report = Report(name, problems)
        if not normalise(" ".join(lines)):
            report.problems.append("no text could be read from the file")
        report.warnings.append("no profile given: line-by-line comparison skipped")
        return report
    report = check_lines(lines, document, fmt)
    report.file = name
    if not document.keywords:  # nothing to fill them with: the profile's gap, not the file's
        empty = [p for p in problems if p.lower().endswith("keywords is empty")]
        problems = [p for p in problems if p not in empty]
        report.warnings += [f"{p} (the profile lists no skills or technologies)" for p in empty]
    report.problems[:0] = problems
    check_contact(lines, document, report)
    return report
