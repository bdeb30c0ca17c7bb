"""What an applicant tracking system fills in from a resume's text: per entry a title, an
organisation, dates and a number of bullets, as one reader of the file gives its lines.

A simple parser works from text lines alone: it finds the section headings, takes the line an
entry starts on as its head, splits the head into title and organisation at the separator,
reads the dates from the same line, and counts the bullets up to the next head. Here the
Document says which entries there should be, and the parse of each reader's lines must give
every entry its own head line, with its own title, organisation and dates on it, in that
order, and its bullets under it. What does not is a finding that names the entry and the
reader: dates read away from their title, title and organisation merged or swapped, a page
label inside an entry, entries merged or split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from renderer.compose.document import Block, Document, Role
from renderer.formats.plaintext import normalise

BULLETS = ("•", "-", "*", "–")


@dataclass
class ParsedEntry:
    section: str
    title: str = ""
    organisation: str = ""
    dates: str = ""
    bullets: int = 0
    line: int = -1  # where its head was read, in the reader's lines
    source: str = ""  # the profile field the entry came from
    body: int = -1  # the first line after its head (and the organisation under it)


@dataclass
class Parse:
    reader: str
    entries: list[ParsedEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _is_bullet(line: str) -> bool:
    return line[:1] in BULLETS and (len(line) == 1 or line[1] == " ")


def _heads(document: Document) -> list[tuple[str, Block]]:
    """(section, block) of every entry, in order."""
    section, found = "", []
    for block in document.blocks:
        if block.role is Role.HEADING:
            section = normalise(block.text)
        elif block.role is Role.ENTRY:
            found.append((section, block))
    return found


def parse(
    lines: list[str], document: Document, reader: str, label: re.Pattern[str] | None = None
) -> Parse:
    """The entries as a simple parser reads them from `lines`, checked against the Document."""
    text = [normalise(line) for line in lines]
    result = Parse(reader)
    headings = {normalise(b.text) for b in document.blocks if b.role is Role.HEADING}
    heads = _heads(document)
    position, section_now = 0, ""
    for section, block in heads:
        if section != section_now:  # an entry is looked for after its section's heading
            heading = next((i for i in range(position, len(text)) if text[i] == section), -1)
            position, section_now = (heading + 1 if heading >= 0 else position), section
        head = block.head
        shown = normalise(block.body)  # the head as printed: title, separator, organisation
        entry = ParsedEntry(section, source=block.source)
        where = f"entry {block.source} ({_clip(shown)}) as read by {reader}"
        found = _find_head(text, position, shown)
        if found is None:
            result.problems.append(f"{where}: its head does not start a line (split or lost)")
            result.entries.append(entry)
            continue
        line, last, rest = found
        entry.line, position = line, last + 1
        entry.title, entry.organisation = _split(
            shown, head.title if head else "", head.organisation if head else ""
        )
        if head and head.organisation and shown == normalise(head.title):  # a title alone
            organisation, dates = normalise(head.organisation), normalise(head.dates)
            below = _organisation_below(text, last, organisation, dates)
            if below is not None:  # read: the next entry is looked for after it
                entry.organisation, position = organisation, below + 1
                entry.body = below + 1
        if head and head.title and shown == normalise(head.organisation):  # over its title
            title = normalise(head.title)
            title_at = _title_below(text, last, title)
            if title_at is not None:  # the dates are read beside the title, under the head
                entry.title, entry.organisation = title, shown
                _, last, rest = title_at
                entry.body = position = last + 1
        if head and head.dates:
            entry.dates = _dates_near(text, last, rest, normalise(head.dates), head.detail)
            if not entry.dates:
                dates = normalise(head.dates)
                away = next((i for i, t in enumerate(text) if dates in t and i != line), -1)
                place = f"on line {away + 1}: {_clip(text[away])!r}" if away >= 0 else "nowhere"
                result.problems.append(
                    f"{where}: its dates {dates!r} are read away from it, {place}"
                )
        others = [s for _, b in heads if b is not block and (s := normalise(b.body))]
        if any(rest.startswith(other) or f" {other}" in rest for other in others if len(other) > 3):
            result.problems.append(f"{where}: merged with another entry on one line")
        result.entries.append(entry)
    _count_bullets(text, result, headings, label)
    return result


def _find_head(text: list[str], start: int, head: str) -> tuple[int, int, str] | None:
    """(first line, last line, what follows the head on its last line) of an entry's head:
    it starts a line, and goes on over the lines after when it is longer than one (a head
    wrapped in a narrow column is still read in one place)."""
    if not head:
        return None
    # A line that opens with the head, else one that does after a list marker (a reader that
    # put a bullet's mark before it): a bullet that says what a head does ("0") is no head.
    return _head_at(text, start, head, False) or _head_at(text, start, head, True)


_RULE = re.compile(r"[-=_~─━]+")


def _head_at(text: list[str], start: int, head: str, marked: bool) -> tuple[int, int, str] | None:
    opening = head[:40]
    for first in range(start, len(text)):
        line = text[first]
        if line != head and _RULE.fullmatch(line):
            continue  # a heading's underline in plain text is no head ("-" opens it)
        if marked and not line.startswith(opening) and _is_bullet(line):
            line = line[2:]
        # The head starts this line: the line holds its opening, or is all of its first part
        # (a head that wraps early, before a long address).
        if not (line.startswith(opening) or len(line) >= 8 and head.startswith(line)):
            continue
        joined, last = line, first
        while len(_bare(joined)) < len(_bare(head)) and last + 1 < len(text):
            last += 1
            joined = f"{joined} {text[last]}".strip()
        if joined.startswith(head):
            return first, last, joined[len(head) :]
        if _bare(joined).startswith(_bare(head)):  # a long address broken across lines
            return first, last, _after(joined, head)
    return None


def _bare(text: str) -> str:
    return "".join(text.split())


def _after(joined: str, head: str) -> str:
    """What follows the head in `joined`, which holds it with white space changed."""
    count, position = len(_bare(head)), 0
    while count and position < len(joined):
        count -= not joined[position].isspace()
        position += 1
    return joined[position:]


_HEAD_LINES = 3  # the lines holding text after a head that a parser reads as part of it


def _head_lines(text: list[str], last: int, expected: str = "") -> list[int]:
    """The lines holding text just after a head's last line, up to the first bullet: where
    a parser reads the rest of the head (its dates, its organisation) in a reader that puts
    flush-right text on lines of its own, or after the organisation's line (pdftotext)."""
    found: list[int] = []
    for i in range(last + 1, min(last + 1 + 2 * _HEAD_LINES, len(text))):
        if not text[i]:
            continue
        if (_is_bullet(text[i]) and text[i] != expected) or len(found) == _HEAD_LINES:
            break  # (an organisation called "-" is no bullet's mark)
        found.append(i)
    return found


def _dates_near(text: list[str], line: int, rest: str, dates: str, detail: str = "") -> str:
    """The entry's dates, read where a parser looks for them: after the head on its line, or
    opening one of the lines of text after it (after the kind or place set before them),
    before its bullets."""
    if dates in rest:
        return dates
    opening = normalise(detail) or dates
    lines = (text[i] for i in _head_lines(text, line))
    return dates if any(t.startswith(opening) and dates in t for t in lines) else ""


def _split(shown: str, title: str, organisation: str) -> tuple[str, str]:
    """Title and organisation as a parser splits the head at its separator (the organisation
    first where the theme sets it first, in bold, the title after it in italic)."""
    if not (title and organisation):
        return ("", shown) if organisation and not title else (shown, "")
    title, organisation = normalise(title), normalise(organisation)
    for first, second, swapped in ((title, organisation, False), (organisation, title, True)):
        separator = normalise(shown[len(first) : len(shown) - len(second)])
        if separator and shown.startswith(first) and shown.endswith(second):
            one, _, other = shown.partition(separator)
            return (other.strip(), one.strip()) if swapped else (one.strip(), other.strip())
    return shown, ""


def _organisation_below(text: list[str], last: int, organisation: str, dates: str) -> int | None:
    """The line the organisation opens, where the theme sets it under a title alone: the first
    line of text after the title that is not the title's dates (a reader puts a flush-right
    date on a line of its own, before or after it); the line may hold only the organisation's
    opening, as a long one wraps."""
    following = _head_lines(text, last, organisation)
    if dates:
        following = [i for i in following if not text[i].startswith(dates)]
    if not following:
        return None
    line = text[following[0]]
    opens = line.startswith(organisation[:40]) or len(line) >= 8 and organisation.startswith(line)
    return following[0] if opens else None


def _title_below(text: list[str], last: int, title: str) -> tuple[int, int, str] | None:
    """(first line, last line, what follows it) of the title, where the theme sets it under
    the organisation: on one of the lines of text after it (the organisation's flush-right
    place may come first, on a line of its own), over more than one line when it wraps."""
    following = _head_lines(text, last, title)
    found = _find_head(text, following[0], title) if following else None
    return found if found is not None and found[0] in following else None


def _count_bullets(
    text: list[str], result: Parse, headings: set[str], label: re.Pattern[str] | None
) -> None:
    """Each entry's bullets: the bullet lines from its head to the next head or heading; a
    page label met before the entry's last line is inside it."""
    starts = [e.line for e in result.entries if e.line >= 0]
    for entry in result.entries:
        if entry.line < 0:
            continue
        later = [s for s in starts if s > entry.line]
        end = min(later) if later else len(text)
        for i in range(entry.line + 1, end):
            if text[i] in headings:
                end = i
                break
        body = text[max(entry.line + 1, entry.body) : end]
        entry.bullets = sum(_is_bullet(t) for t in body)
        if label is not None:
            last = max((i for i, t in enumerate(body) if t and not label.fullmatch(t)), default=-1)
            if any(label.fullmatch(t) for t in body[:last]):
                result.problems.append(
                    f"entry {entry.source} as read by {result.reader}: a page label falls inside it"
                )


def expected_bullets(document: Document) -> dict[str, int]:
    """How many bullets each entry has, by the entry's source."""
    counts: dict[str, int] = {}
    current = ""
    for block in document.blocks:
        if block.role is Role.ENTRY:
            current = block.source
            counts[current] = 0
        elif block.role is Role.HEADING:
            current = ""
        elif block.role is Role.BULLET and current:
            counts[current] += 1
    return counts


def compare(parsed: Parse, document: Document) -> list[str]:
    """Where the parsed entries differ from the Document's: the fields an ATS would fill."""
    problems = list(parsed.problems)
    bullets = expected_bullets(document)
    for entry, (_, block) in zip(parsed.entries, _heads(document), strict=False):
        if entry.line < 0 or block.head is None:
            continue
        head = block.head
        where = f"entry {entry.source} as read by {parsed.reader}"
        if head.title and head.organisation and head.title != head.organisation:
            if (entry.title, entry.organisation) == (head.organisation, head.title):
                problems.append(f"{where}: title and organisation come back swapped")
            elif not entry.organisation:
                problems.append(
                    f"{where}: title and organisation come back merged: {entry.title!r}"
                )
        if entry.bullets != bullets.get(entry.source, 0):
            problems.append(
                f"{where}: {entry.bullets} bullets read under it, "
                f"{bullets.get(entry.source, 0)} written"
            )
    return problems


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
