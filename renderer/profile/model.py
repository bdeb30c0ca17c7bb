"""The canonical profile: what a person's career is, with no layout and no I/O.

Every field carries its description, which also becomes the JSON Schema that editors use for
completion (`resume schema`). Unknown keys are errors; text is NFC-normalised and may not hold
control characters.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from renderer.locale import resolve
from renderer.profile.markup import check_url, parse
from renderer.profile.values import DATE_HINT, MAX_PHONE, is_phone_number, means_present, read_date

# --- text -----------------------------------------------------------------------------------

# C0 and C1 controls, DEL, and lone surrogates (half of a character, from a bad escape). Tab
# and newline are allowed only where a paragraph may hold them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _clean(value: str, *, multiline: bool) -> str:
    value = unicodedata.normalize("NFC", value)
    if not multiline:
        # a line written as a YAML block (`- >` folds it and ends it with a newline; `|`
        # keeps its line breaks) or with a tab: its breaks are spaces, as a wrap is
        value = re.sub(r"[ \t]*[\n\t][ \t\n]*", " ", value.strip(" \t\n"))
    bad = _CONTROL.search(value)
    if bad and 0xD800 <= ord(bad.group()) <= 0xDFFF:
        raise ValueError(
            f"U+{ord(bad.group()):04X} at position {bad.start()} is half of a character "
            "(a lone UTF-16 surrogate), not text"
        )
    if bad:
        raise ValueError(
            f"control character U+{ord(bad.group()):04X} at position {bad.start()} is not allowed"
            + ("" if multiline else " (this field is a single line)")
        )
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    if all(unicodedata.category(c) == "Cf" or c.isspace() for c in value):
        raise ValueError(
            "holds only invisible characters (a mark of direction, a zero-width space): "
            "nothing would be printed"
        )
    return value


def _line(value: str) -> str:
    return _clean(value, multiline=False)


def _paragraphs(value: str) -> str:
    value = _clean(value.replace("\t", " "), multiline=True)
    # Single newlines inside a paragraph are soft wraps of the source, not line breaks.
    paragraphs = re.split(r"\n\s*\n", value)
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


Line = Annotated[str, AfterValidator(_line)]
"""One line of literal text: no markup, no line breaks."""


def _markup(value: str) -> str:
    parse(value)  # a bad link fails here, where the error can name the field
    return value


def _markup_line(value: str) -> str:
    return _markup(_line(value))


def _markup_paragraphs(value: str) -> str:
    return _markup(_paragraphs(value))


Markup = Annotated[
    str,
    AfterValidator(_markup_line),
    Field(description="Text with inline markup: **bold**, *italic*, [label](https://url)."),
]
"""One line of text with inline markup (see renderer/markup.py)."""

Paragraphs = Annotated[
    str,
    AfterValidator(_markup_paragraphs),
    Field(description="One or more paragraphs (blank line between) with inline markup."),
]


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


Tag = Annotated[
    str, BeforeValidator(_lower), Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=40)
]
"""A word that puts an item in a variant; matched without regard to case (SRE is sre)."""

# --- links ----------------------------------------------------------------------------------


def _url(value: str) -> str:
    return check_url(_line(value))


Url = Annotated[str, AfterValidator(_url)]


# Each part of an address is matched once (no two quantifiers can take the same character),
# so a long run of dots or spaces is rejected in linear time; the lengths are the RFCs'.
_EMAIL = re.compile(r"[^@\s<>()\[\]\\,;:\"]+@[^@\s<>()\[\]\\,;:\".]+(?:\.[^@\s<>()\[\]\\,;:\".]+)+")
MAX_EMAIL = 254


def _email(value: str) -> str:
    value = _line(value)
    if value[:7].lower() == "mailto:":  # the address as a link writes it: the address
        value = value[7:].split("?")[0].strip()
    if len(value) > MAX_EMAIL or not _EMAIL.fullmatch(value):
        shown = value if len(value) <= 60 else value[:57] + "..."
        raise ValueError(f"{shown!r} is not an e-mail address")
    return value


def _phone(value: Any) -> Any:
    """A phone as written ("+44 20 7946 0000 (mobile)"); text with no number in it ("Upon
    request") is no phone, and is left out (the loader says so at its line)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is not a phone number")
    text = _line(str(value))
    if not is_phone_number(text):
        return None
    if len(text) > MAX_PHONE:
        raise ValueError(f"{text[:57]!r}... is too long for a phone number (at most {MAX_PHONE})")
    return text


# --- dates ----------------------------------------------------------------------------------


class PartialDate(BaseModel):
    """A year, or a year and month: resumes rarely need days."""

    model_config = ConfigDict(frozen=True)
    year: int
    month: int | None = None

    def __str__(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.year, self.month or 0)


def _parse_date(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value
    reading = read_date(value)  # 2025-02, 02/2025, Feb 2025, 2025年2月 (see renderer/values.py)
    return PartialDate(year=reading.year, month=reading.month)


_DATE_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": 1900, "maximum": 2100},
        {"type": "string", "pattern": r"\d{4}|'\d{2}"},
    ],
    "description": "A year (2025) or a year and month (2025-02); also read: 02/2025, "
    "2025/02, Feb 2025, February 14, 2025, 2025年2月, Summer 2025 (as 2025).",
}

Date = Annotated[
    PartialDate,
    BeforeValidator(_parse_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(_DATE_SCHEMA),
]


def _parse_end(value: Any) -> Any:
    if means_present(value):
        return "present"
    try:
        return _parse_date(value)
    except ValueError as error:  # an end may also be the present, which a start may not
        message = str(error)
        if DATE_HINT in message:
            message = message.replace(DATE_HINT, "write 2025, 2025-02 or present")
        raise ValueError(message) from None


EndDate = Annotated[
    PartialDate | Literal["present"],
    BeforeValidator(_parse_end),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {"anyOf": [_DATE_SCHEMA, {"const": "present"}], "description": "End date, or present."}
    ),
]

# --- building blocks ------------------------------------------------------------------------


def _tags() -> Any:
    return Field(
        default_factory=list,
        description="Tags (words; case does not matter) that put this item in a variant: "
        "`resume render --tags sre` shows untagged items and those tagged sre.",
    )


class Strict(BaseModel):
    # A YAML `1.0` or `2025` written where text belongs is meant as text, not an error.
    # defer_build: each model's validator is built when first used, and the profile's once
    # for all the models it holds, instead of once per model at import (50 ms of a render).
    model_config = ConfigDict(
        extra="forbid", frozen=True, coerce_numbers_to_str=True, defer_build=True
    )


class Link(Strict):
    label: Line | None = Field(
        default=None,
        description="What the link is (GitHub, Portfolio). The built-in themes print the "
        "address itself, which an ATS can read; a theme's `link` slot may print the label.",
    )
    url: Url = Field(description="https://, http://, mailto: or tel: address.")


def _as_link(value: str | Link) -> Link:
    return Link(url=value) if isinstance(value, str) else value


# A link is written as its address alone, or as {label, url}; either way it is a Link once
# read (what type checkers are told).
if TYPE_CHECKING:
    LinkItem = Link
else:
    LinkItem = Annotated[Url | Link, AfterValidator(_as_link)]


class Highlight(Strict):
    text: Markup = Field(description="The achievement, with inline markup.")
    tags: list[Tag] = _tags()


# A list mark typed at the start of a bullet (`- Built X`, `• Built X`): the bullet has one.
_TYPED_MARK = re.compile(r"^(?:[-–•·▪◦‣●]|\*(?!\*))\s+(?=\S)")


def _as_highlight(value: str | Highlight) -> Highlight:
    if isinstance(value, str):
        return Highlight(text=_TYPED_MARK.sub("", value))
    return value.model_copy(update={"text": _TYPED_MARK.sub("", value.text)})


# A bullet is written as plain text, or as {text, tags} when it belongs to a variant.
HighlightItem = Annotated[Markup | Highlight, AfterValidator(_as_highlight)]


class HighlightGroup(Strict):
    heading: Line = Field(description="Sub-heading over a group of bullets (a topic, a system).")
    highlights: list[HighlightItem] = Field(min_length=1, description="The group's bullets.")
    tags: list[Tag] = _tags()


class Dated(Strict):
    start: Date | None = Field(default=None, description="Year or year-month it began.")
    end: EndDate | None = Field(default=None, description="Year, year-month, or present.")


class EmploymentKind(str, Enum):
    full_time = "full-time"
    part_time = "part-time"
    internship = "internship"
    contract = "contract"
    freelance = "freelance"
    volunteer = "volunteer"


def _kind(value: Any) -> Any:
    return value.strip().lower().replace(" ", "-") if isinstance(value, str) else value


class Position(Dated):
    """A job held: its title, dates and bullets (one of several at a company, or the only)."""

    title: Line | None = Field(default=None, description="Job title, if the source gives one.")
    kind: Annotated[EmploymentKind | None, BeforeValidator(_kind)] = Field(
        default=None, description="full-time, part-time, internship, contract, …"
    )
    location: Line | None = Field(default=None, description="City, country, or Remote.")
    description: Paragraphs | None = Field(default=None, description="A line on the role.")
    highlights: list[HighlightItem] = Field(default_factory=list, description="Bullets.")
    groups: list[HighlightGroup] = Field(
        default_factory=list, description="Bullets grouped under sub-headings."
    )
    technologies: list[Line] = Field(default_factory=list, description="Tools used in the role.")
    tags: list[Tag] = _tags()


class Experience(Position):
    company: Line | None = Field(
        default=None,
        description="Employer or company (a job may go without one, freelance work, say, "
        "but then it needs a title).",
    )
    team: Line | None = Field(default=None, description="Team or division, e.g. Bedrock.")
    url: Url | None = Field(default=None, description="The company's web site.")
    roles: list[Position] = Field(
        default_factory=list,
        description="Several roles at one company (a promotion): give these instead of "
        "title, dates and bullets on the company itself.",
    )

    @model_validator(mode="after")
    def _roles_or_inline(self) -> Experience:
        shared = ("location", "tags")  # these describe the company as a whole
        inline = [
            f for f in Position.model_fields if f not in shared and f in self.model_fields_set
        ]
        if self.roles and inline:
            raise ValueError(f"give either roles or {', '.join(inline)} on the company, not both")
        if not (self.company or self.title or self.roles):
            raise ValueError("a job needs a company or a title")
        return self

    def positions(self) -> list[Position]:
        """The positions held here, most recent first as written; one for a simple entry."""
        if self.roles:
            return list(self.roles)
        return [Position(**{f: getattr(self, f) for f in Position.model_fields})]


class Project(Dated):
    name: Line | None = Field(default=None, description="Project name (omit if unknown).")
    url: Url | None = Field(default=None, description="Where the project lives.")
    role: Line | None = Field(default=None, description="Your role, e.g. Back-end Developer.")
    description: Paragraphs | None = Field(default=None, description="What the project is.")
    highlights: list[HighlightItem] = Field(default_factory=list, description="Your work on it.")
    keywords: list[Line] = Field(default_factory=list, description="Topics and technologies.")
    tags: list[Tag] = _tags()


class SkillGroup(Strict):
    name: Line = Field(description="Group label, e.g. Languages.")
    keywords: list[Line] = Field(min_length=1, description="The skills in this group.")
    tags: list[Tag] = _tags()


class Education(Dated):
    institution: Line = Field(description="University or school.")
    degree: Line | None = Field(default=None, description="e.g. Master of Science (MS).")
    field: Line | None = Field(default=None, description="Field of study.")
    location: Line | None = Field(default=None, description="City, country.")
    score: Line | None = Field(default=None, description="GPA or grade, if you wish to show it.")
    highlights: list[HighlightItem] = Field(
        default_factory=list, description="Thesis, honours, courses: bullets."
    )
    tags: list[Tag] = _tags()


class Language(Strict):
    language: Line = Field(description="A human language.")
    fluency: Line | None = Field(default=None, description="e.g. Native, Fluent, B2.")


class Certification(Strict):
    name: Line = Field(description="The certification, e.g. Certified Kubernetes Administrator.")
    issuer: Line | None = Field(default=None, description="Who issued it.")
    date: Date | None = Field(default=None, description="When it was earned.")
    url: Url | None = Field(default=None, description="Where it can be verified.")
    tags: list[Tag] = _tags()


class Award(Strict):
    title: Line = Field(description="The award.")
    awarder: Line | None = Field(default=None, description="Who gave it.")
    date: Date | None = Field(default=None, description="When.")
    summary: Markup | None = Field(default=None, description="What it was for, in a line.")
    tags: list[Tag] = _tags()


_DOI = re.compile(r"10\.\d{4,9}/\S+")


def _doi(value: str) -> str:
    """A DOI as written alone (10.1145/3290605), also taken from a doi.org address."""
    text = _line(value)
    found = _DOI.search(text)
    if not found or not re.fullmatch(
        r"(?:(?:https?://)?(?:dx\.)?doi\.org/|doi:\s*)?", text[: found.start()], re.I
    ):
        raise ValueError(f"{text!r} is not a DOI; write it as 10.1234/abcd")
    return found.group()


class Publication(Strict):
    title: Line = Field(description="The paper, article or book.")
    authors: list[Markup] = Field(
        default_factory=list,
        description="The authors as they should be printed; yours is set in bold (write it as "
        "in your name, or mark it yourself: **A. Lovelace**).",
    )
    publisher: Line | None = Field(
        default=None, description="Where it appeared: a journal, a conference, a publisher."
    )
    date: Date | None = Field(default=None, description="When it was published.")
    doi: Annotated[str, AfterValidator(_doi)] | None = Field(
        default=None, description="Its DOI (10.1145/3290605.3300233); it links to doi.org."
    )
    url: Url | None = Field(default=None, description="Where to read it, when it has no DOI.")
    summary: Markup | None = Field(default=None, description="What it is about, in a line.")
    tags: list[Tag] = _tags()


class Entry(Dated):
    """An entry of a section of your own: a talk, a patent, a volunteering role, …"""

    title: Line | None = Field(default=None, description="What it is: a role, a talk's title.")
    organisation: Line | None = Field(
        default=None,
        description="Where or for whom: an organisation, a conference, a patent office.",
    )
    location: Line | None = Field(default=None, description="City, country, or Remote.")
    date: Date | None = Field(default=None, description="A single date, instead of start and end.")
    url: Url | None = Field(default=None, description="Where to see it.")
    description: Paragraphs | None = Field(default=None, description="A line or two on it.")
    highlights: list[HighlightItem] = Field(default_factory=list, description="Bullets.")
    keywords: list[Line] = Field(default_factory=list, description="Topics and technologies.")
    tags: list[Tag] = _tags()

    @model_validator(mode="after")
    def _named(self) -> Entry:
        if not (self.title or self.organisation):
            raise ValueError("an entry needs a title or an organisation")
        if self.date and (self.start or self.end):
            raise ValueError("give either date, or start and end, not both")
        return self


SectionId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]{0,39}$")]


class CustomSection(Strict):
    """A section of your own (Volunteering, Talks, Patents, Interests…), made of entries
    shaped like the built-in ones, of one-line items, or of text."""

    heading: Line = Field(description="The section's heading, as printed.")
    id: SectionId | None = Field(
        default=None,
        description="A short name for section_order and themes (default: from the heading, "
        "e.g. 'Open Source' -> open-source).",
    )
    entries: list[Entry] = Field(default_factory=list, description="Entries with dates.")
    items: list[HighlightItem] = Field(default_factory=list, description="One-line items.")
    text: Paragraphs | None = Field(default=None, description="Paragraphs of text.")
    tags: list[Tag] = _tags()

    @model_validator(mode="after")
    def _content(self) -> CustomSection:
        if not (self.entries or self.items or self.text):
            raise ValueError("a section needs entries, items or text")
        return self

    @property
    def key(self) -> str:
        """The id, or one made from the heading."""
        if self.id:
            return self.id
        made = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", self.heading).lower())
        made = made.encode("ascii", "ignore").decode().strip("-")
        if not made:  # a heading in another script (登壇, مؤتمرات): one id per heading
            return f"section-{hashlib.sha256(self.heading.encode()).hexdigest()[:8]}"
        return made[:40] if made[0].isalpha() else f"section-{made}"[:40]


def _locale(value: str) -> str:
    """The locale's name (de, zh-Hans); a region given with a language the project has is
    kept (en-US), for what the region changes: how a letter writes its date."""
    name = resolve(value)
    language, _, region = value.strip().replace("_", "-").partition("-")
    if name == language.lower() and re.fullmatch(r"[A-Za-z]{2}", region):
        return f"{name}-{region.upper()}"
    place = region.rpartition("-")[2].upper()
    if name == "zh-Hant" and place in ("HK", "MO"):
        return f"zh-Hant-{place}"  # Hong Kong's forms of the characters (and its fonts)
    return name


class Profile(Strict):
    """A person's career, written once."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        coerce_numbers_to_str=True,
        title="Resume profile",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    locale: Annotated[str, AfterValidator(_locale)] = Field(
        default="en",
        description="The resume's language: en, de, fr, es, pt, it, nl, zh-Hans, zh-Hant, ja, "
        "ko (headings, labels and dates; --locale overrides).",
    )
    name: Line | None = Field(default=None, description="Full name as it should be printed.")
    headline: Line | None = Field(default=None, description="One line under the name.")
    email: Annotated[str, AfterValidator(_email)] | None = Field(
        default=None, description="E-mail address; an ATS needs it (or a phone) to reach you."
    )
    phone: Annotated[str | None, BeforeValidator(_phone)] = Field(
        default=None, description='Phone number, e.g. "+44 20 7946 0000" (quote it in YAML).'
    )
    location: Line | None = Field(default=None, description="Where you are based.")
    links: list[LinkItem] = Field(
        default_factory=list,
        description="Web site, GitHub, LinkedIn, …: each an address, or {label, url}.",
    )
    summary: Paragraphs | None = Field(default=None, description="Who you are, in a paragraph.")
    highlights: list[HighlightItem] = Field(
        default_factory=list, description="Key strengths, shown as bullets under the summary."
    )
    experience: list[Experience] = Field(
        default_factory=list, description="Jobs, most recent first."
    )
    projects: list[Project] = Field(
        default_factory=list, description="Projects and open-source contributions."
    )
    skills: list[SkillGroup] = Field(
        default_factory=list, description="Named groups of skills (Languages, Tools, …)."
    )
    education: list[Education] = Field(
        default_factory=list, description="Degrees and schools, most recent first."
    )
    languages: list[Language] = Field(default_factory=list, description="Human languages.")
    certifications: list[Certification] = Field(default_factory=list, description="Certificates.")
    awards: list[Award] = Field(default_factory=list, description="Awards and honours.")
    publications: list[Publication] = Field(
        default_factory=list, description="Papers, articles, books."
    )
    sections: list[CustomSection] = Field(
        default_factory=list,
        description="Sections of your own (Volunteering, Talks, Patents…), each with a heading.",
    )
    entry_order: Literal["newest-first", "as-written"] = Field(
        default="newest-first",
        description="newest-first: experience and education written oldest first are shown "
        "newest first (with a warning); as-written: always in the order written.",
    )
    section_order: list[SectionId] = Field(
        default_factory=list,
        description="The order of sections, by name (experience, skills, …) or a custom "
        "section's id; sections not named follow in the theme's order.",
    )

    @field_validator("sections")
    @classmethod
    def _distinct_sections(cls, sections: list[CustomSection]) -> list[CustomSection]:
        keys = [section.key for section in sections]
        clash = sorted({k for k in keys if keys.count(k) > 1 or k in SECTION_FIELDS})
        if clash:
            raise ValueError(
                f"custom section id {clash[0]!r} is used twice or names a built-in section; "
                "give the section an id of its own"
            )
        return sections

    @model_validator(mode="after")
    def _known_sections(self) -> Profile:
        keys = [section.key for section in self.sections]
        known = [*SECTION_FIELDS, *keys]
        for name in self.section_order:
            if name not in known:
                near = difflib.get_close_matches(name, known, n=1)
                hint = f"; did you mean {near[0]!r}?" if near else f" (known: {', '.join(known)})"
                raise ValueError(f"section_order names {name!r}, which is no section{hint}")
        if len(set(self.section_order)) < len(self.section_order):
            raise ValueError("section_order names a section twice")
        return self


SECTION_FIELDS = (
    "summary",
    "experience",
    "projects",
    "skills",
    "education",
    "languages",
    "certifications",
    "awards",
    "publications",
)
"""Profile fields that become sections; a theme orders and titles them."""


REORDERED = ("experience", "education")
"""Sections shown newest first when they are written oldest first (see Profile.entry_order)."""


def _when(item: Any) -> tuple[int, int] | None:
    date = getattr(item, "start", None) or getattr(item, "date", None) or getattr(item, "end", None)
    if isinstance(item, Experience) and item.roles:  # the company's newest role
        date = item.roles[0].start or item.roles[0].end
    return date.sort_key if isinstance(date, PartialDate) else None


def written_oldest_first(items: list[Any]) -> bool:
    """Whether dated items run from the oldest to the newest (two or more, each later)."""
    dates = [when for item in items if (when := _when(item)) is not None]
    return len(dates) >= 2 and all(a < b for a, b in zip(dates, dates[1:], strict=False))


def tags_of(value: Any) -> set[str]:
    """Every tag used anywhere in a profile (or any part of one)."""
    found: set[str] = set()
    if isinstance(value, BaseModel):
        found.update(getattr(value, "tags", None) or ())
        for name in type(value).model_fields:
            found |= tags_of(getattr(value, name))
    elif isinstance(value, list):
        for item in value:
            found |= tags_of(item)
    return found
