"""The Document: what will be on the page, in order, styled by role and not by format.

Every backend renders this and nothing else, so the PDF, the DOCX and the text outputs cannot
disagree on content. `check` reads a written file back and compares it with `Block.text`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from urllib.parse import unquote

from renderer.profile.markup import Run


def shows_address(text: str, href: str) -> bool:
    """Whether a link's visible text already spells out where it goes: github.com/x for
    https://github.com/x, the number itself for a tel: link."""
    shown = text.strip()
    if not shown:
        return False
    if href.startswith("tel:"):
        digits = [c for c in shown if c.isdigit() or c == "+"]
        return digits == [c for c in href[4:] if c.isdigit() or c == "+"]
    return shown in href or shown in unquote(href)  # <a> as written, %3Ca> as a file has it


SMALL_CAPITALS = 0.8  # of the type size: a small capital's size, drawn from a capital


def small_capitals(text: str) -> list[tuple[str, bool]]:
    """Text set in small capitals as pieces, each marked whether it is drawn smaller: the
    capitals that follow a letter in a word (EXPERIENCE: E, then XPERIENCE smaller)."""
    pieces: list[tuple[str, bool]] = []
    previous = ""
    for char in text:
        small = char.isupper() and previous.isalpha()
        if pieces and pieces[-1][1] == small:
            pieces[-1] = (pieces[-1][0] + char, small)
        else:
            pieces.append((char, small))
        previous = char
    return pieces


class Role(str, Enum):
    NAME = "name"  # the person's name, the document title
    HEADLINE = "headline"  # one line under the name
    CONTACT = "contact"  # e-mail, phone, location, links: in the body, never a page header
    HEADING = "heading"  # a section heading: Experience, Skills, …
    ENTRY = "entry"  # an entry's title line, dates set flush right
    SUBLINE = "subline"  # an entry's second line: location, kind, role
    GROUP = "group"  # a sub-heading over a group of bullets inside an entry
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    LINE = "line"  # one of a block of lines with no space between (a letter's address)


KEEP_WITH_NEXT = frozenset({Role.HEADING, Role.ENTRY, Role.SUBLINE, Role.GROUP})
"""Roles that must never end a page: a heading stays with its entry, an entry with its bullet."""


DETAIL_SEPARATOR = " · "  # between an entry's kind or place and its dates


@dataclass(frozen=True)
class Head:
    """The parts of an entry's first line that an applicant tracking system fills fields
    with: each is a separate run on the page, in this order."""

    title: str = ""  # a job title, a degree, a project's name
    organisation: str = ""  # the employer, institution, issuer (on the title line)
    dates: str = ""  # as printed: "Feb 2025 – Present"
    when: tuple[tuple[str, str], ...] = ()  # each date as printed and as ISO ("" for present)
    # What the head's line says before the dates, flush right: the entry's kind and place
    # ("Full-time · Remote"), set there rather than on a line of its own where it has room.
    detail: str = ""

    @property
    def aside(self) -> str:
        """What is set flush right on the head's line: the detail, then the dates."""
        return DETAIL_SEPARATOR.join(part for part in (self.detail, self.dates) if part)


@dataclass(frozen=True)
class Block:
    role: Role
    runs: tuple[Run, ...]
    aside: str = ""  # set flush right on the same line (an entry's dates)
    source: str = ""  # the profile field it came from, for error messages
    head: Head | None = None  # an entry's parts (ENTRY blocks)
    section: str = ""  # the section a heading opens (HEADING blocks)
    aside_runs: tuple[Run, ...] = ()  # the aside with its links, when it has any
    # Space above the block in lines of its own leading, instead of its style's: how a kind
    # of document spaces itself (a letter's blank lines), so writers never ask what kind.
    gap: float | None = None

    @property
    def body(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def text(self) -> str:
        """The block's text as an ATS should read it: body, then the aside on the same line."""
        return f"{self.body} {self.aside}" if self.aside else self.body

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"role": self.role.value, "source": self.source}
        data["runs"] = [
            {"text": run.text}
            | ({"bold": True} if run.bold else {})
            | ({"italic": True} if run.italic else {})
            | ({"href": run.href} if run.href else {})
            for run in self.runs
        ]
        if self.aside:
            data["aside"] = self.aside
        if self.aside_runs:
            data["aside_links"] = [run.href for run in self.aside_runs if run.href]
        if self.head:
            data["head"] = {k: v for k, v in vars(self.head).items() if v and k != "when"}
        if self.section:
            data["section"] = self.section
        if self.gap is not None:
            data["gap"] = self.gap
        return data

    @property
    def body_with_links(self) -> str:
        """The body with each link's address written out, for formats without hyperlinks."""
        return self.links_written_out()

    def links_written_out(self, address: Callable[[str], str] | None = None) -> str:
        return _written_out(self.runs, address)

    def aside_with_links(self, address: Callable[[str], str] | None = None) -> str:
        return _written_out(self.aside_runs, address) if self.aside_runs else self.aside

    def text_with_links(self, address: Callable[[str], str] | None = None) -> str:
        body = self.links_written_out(address)
        return f"{body} {self.aside_with_links(address)}" if self.aside else body


def _written_out(runs: tuple[Run, ...], address: Callable[[str], str] | None) -> str:
    """Runs as text, each link's address written out after it unless its text shows it."""
    return "".join(
        f"{run.text} ({address(run.href) if address else run.href})"
        if run.href and not shows_address(run.text, run.href)
        else run.text
        for run in runs
    )


@dataclass(frozen=True)
class Document:
    title: str  # PDF Title / DOCX title
    author: str
    subject: str
    keywords: tuple[str, ...]
    blocks: tuple[Block, ...]
    language: str = "en"
    # What paged formats print at the foot of each page of a document of two pages or more,
    # with {page} and {pages} to fill in ("" for none).
    page_label: str = ""
    kind: str = "resume"  # or "letter": a cover letter, set as one
    # What paged formats print over the rest of an entry that runs onto the next page, with
    # {name} for its employer or title ("" for nothing).
    continued_label: str = ""

    def lines(self) -> list[str]:
        return [block.text for block in self.blocks]

    @property
    def characters(self) -> str:
        """Every character a paged format may draw: the blocks, and the labels it prints."""
        return "".join(
            {*"".join(self.lines()), *self.page_label, *self.continued_label, *"0123456789"}
        )

    def to_dict(self) -> dict[str, object]:
        """The Document as plain data (for golden files, the API and debugging)."""
        return {
            "title": self.title,
            "author": self.author,
            "subject": self.subject,
            "keywords": list(self.keywords),
            "language": self.language,
            "page_label": self.page_label,
            "continued_label": self.continued_label,
            "kind": self.kind,
            "blocks": [block.to_dict() for block in self.blocks],
        }


def keeps_with_next(blocks: tuple[Block, ...], index: int) -> bool:
    """Whether a block must share a page with the one after it.

    A heading holds on to its first entry; an entry, its sub-line or group heading hold on to
    their own content, but not to the next entry (else a section of body-less entries, such
    as a list of employers, would be glued into one unbreakable lump). The first bullet under
    a head holds on to the second: a head never ends a page with a single bullet under it.
    """
    block = blocks[index]
    if index + 1 >= len(blocks):
        return False
    following = blocks[index + 1].role
    if block.role is Role.BULLET:
        opens = index > 0 and blocks[index - 1].role in KEEP_WITH_NEXT - {Role.HEADING}
        return opens and following is Role.BULLET
    if block.role not in KEEP_WITH_NEXT:
        return False
    return block.role is Role.HEADING or following not in (Role.ENTRY, Role.HEADING)
