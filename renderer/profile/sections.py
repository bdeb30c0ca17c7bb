"""The catalogue of sections: each kind declared once, with its heading, its shape and its slots.

A section is made of one of four shapes, which the composer knows how to lay out:

- `text`: paragraphs, then bullets (the summary);
- `entries`: items with a head (title | organisation, then dates flush right), a sub-line,
  a description, bullets, bullets grouped under sub-headings, and further positions held at
  the same organisation (experience, projects, education, certifications, …);
- `labelled`: one line per item, a label and a list (skills);
- `inline`: all items on one line (languages).

An `entries` kind says how its items map onto an entry (`view`); a kind's `slots` are the
Jinja2 templates a theme may override, with the values each is given and examples to try
them on when the theme loads. Custom sections (a profile's `sections:`) reuse the same shapes.

Adding a kind of section: its item model and a field in `renderer/model.py`'s Profile (the
data), and one `SectionKind` below (how it looks). Nothing else names sections.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from renderer.profile import model
from renderer.profile.model import SECTION_FIELDS, Dated, Highlight, HighlightGroup, Position

Shape = Literal["text", "entries", "labelled", "inline"]


@dataclass(frozen=True)
class Slot:
    """A piece of a section a theme may word differently: a Jinja2 template that makes inline
    markup from the values it is given (the examples are what it is tried on at load)."""

    template: str
    examples: dict[str, object]


@dataclass
class EntryView:
    """An item of any `entries` section, as the composer lays it out."""

    title: str | None = None
    title_detail: str | None = None  # after the title and the locale's comma: a degree's field
    organisation: str | None = None
    dates: Dated | None = None  # start and end, or a single date as the start
    subline_slot: str = ""  # the slot that words the sub-line, given `subline` values
    subline: dict[str, object] = field(default_factory=dict)
    description: str | None = None  # paragraphs with markup
    technologies: Sequence[str] = ()
    highlights: Sequence[Highlight | str] = ()  # a bullet: plain text, or text with tags
    groups: Sequence[HighlightGroup] = ()
    positions: Sequence[EntryView] = ()  # several jobs at one organisation
    positions_key: str = "roles"  # the profile field that holds them
    byline: Sequence[str] = ()  # a publication's authors (markup), under its head
    tags: Sequence[str] = ()


@dataclass(frozen=True)
class SectionKind:
    name: str  # the profile field, and the key a theme orders and titles it by
    heading: str  # the heading in English (a theme or a locale may change it)
    shape: Shape
    slots: dict[str, Slot] = field(default_factory=dict)
    view: Callable[[Any], EntryView] | None = None  # for `entries`: item -> entry


# --- how each kind of item maps onto an entry -----------------------------------------------


def _kind_label(position: Position) -> str | None:
    """The employment kind's key in a locale's words (full_time); the composer words it."""
    return position.kind.value.replace("-", "_") if position.kind else None


def _position(position: Position, *, team: str | None = None, url: str | None = None) -> EntryView:
    return EntryView(
        title=position.title,
        dates=position,
        subline_slot="experience_subline",
        subline={
            "team": team,
            "kind": _kind_label(position),
            "location": position.location,
            "url": url,
        },
        description=position.description,
        technologies=position.technologies,
        highlights=position.highlights,
        groups=position.groups,
        tags=position.tags,
    )


def _experience(job: model.Experience) -> EntryView:
    if not job.roles:
        view = _position(job, team=job.team, url=job.url)
        view.organisation = job.company
        return view
    # Several positions at one company: the company once, with the whole span, then each.
    span = Dated(start=job.roles[-1].start, end=job.roles[0].end)
    return EntryView(
        organisation=job.company,
        dates=span,
        subline_slot="experience_subline",
        subline={"team": job.team, "kind": None, "location": job.location, "url": job.url},
        positions=[_position(role) for role in job.roles],
    )


def _project(project: model.Project) -> EntryView:
    return EntryView(
        title=project.name,
        organisation=project.role,
        dates=project,
        subline_slot="project_subline",
        subline={"url": project.url, "keywords": project.keywords},
        description=project.description,
        highlights=project.highlights,
    )


def _education(school: model.Education) -> EntryView:
    return EntryView(
        title=school.degree or school.field,
        title_detail=school.field if school.degree else None,
        organisation=school.institution,
        dates=school,
        subline_slot="education_subline",
        subline={"location": school.location, "score": school.score},
        highlights=school.highlights,
    )


def _dated(title: str, organisation: str | None, item: Any) -> EntryView:
    """Certifications, awards, publications: a title, who gave it, a date, a link, a line."""
    return EntryView(
        title=title,
        organisation=organisation,
        dates=Dated(start=item.date) if item.date else None,
        subline_slot="entry_subline",
        subline={"location": None, "url": getattr(item, "url", None), "keywords": []},
        description=getattr(item, "summary", None),
    )


def _publication(publication: model.Publication) -> EntryView:
    """A title and its venue, the authors under them, then where to read it (its DOI)."""
    view = _dated(publication.title, publication.publisher, publication)
    if publication.doi:
        view.subline = {**view.subline, "url": f"https://doi.org/{publication.doi}"}
    view.byline = publication.authors
    return view


def custom_entry(entry: model.Entry) -> EntryView:
    """An entry of a profile's own section."""
    dates = Dated(start=entry.date) if entry.date else entry
    return EntryView(
        title=entry.title,
        organisation=entry.organisation,
        dates=dates,
        subline_slot="entry_subline",
        subline={"location": entry.location, "url": entry.url, "keywords": entry.keywords},
        description=entry.description,
        highlights=entry.highlights,
    )


# --- the catalogue ------------------------------------------------------------------------

KINDS: tuple[SectionKind, ...] = (
    SectionKind("summary", "Summary", "text"),
    SectionKind(
        "experience",
        "Experience",
        "entries",
        {
            "experience_subline": Slot(
                "{{ [team, kind, location] | select | join(' · ') }}"
                "{% if url %}{% if team or kind or location %} · {% endif %}"
                "[{{ url | bare_url }}]({{ url }}){% endif %}",
                {"team": "Team", "kind": "Full-time", "location": "City", "url": "https://x.io"},
            ),
            "technologies": Slot(
                "**{{ label }}{{ colon }}**{% if colon == ':' %} {% endif %}"
                "{{ technologies | join(comma) }}",
                {"technologies": ["Rust", "Tokio"], "label": "Technologies"},
            ),
        },
        _experience,
    ),
    SectionKind(
        "projects",
        "Projects",
        "entries",
        {
            "project_subline": Slot(
                "{% if url %}[{{ url | bare_url }}]({{ url }})"
                "{% if keywords %} · {% endif %}{% endif %}{{ keywords | join(comma) }}",
                {"url": "https://example.com/p", "keywords": ["Rust", "CLI"]},
            )
        },
        _project,
    ),
    SectionKind(
        "skills",
        "Skills",
        "labelled",
        {
            "skill": Slot(
                "**{{ name }}{{ colon }}**{% if colon == ':' %} {% endif %}"
                "{{ keywords | join(comma) }}",
                {"name": "Languages", "keywords": ["Python", "SQL"]},
            )
        },
    ),
    SectionKind(
        "education",
        "Education",
        "entries",
        {
            "education_subline": Slot(
                "{{ [location, score] | select | join(comma) }}",
                {"location": "City", "score": "4.0"},
            )
        },
        _education,
    ),
    SectionKind(
        "languages",
        "Languages",
        "inline",
        {
            "language": Slot(
                "{{ language }}{% if fluency %} ({{ fluency }}){% endif %}",
                {"language": "English", "fluency": "Native"},
            )
        },
    ),
    SectionKind(
        "certifications",
        "Certifications",
        "entries",
        {},
        lambda c: _dated(c.name, c.issuer, c),
    ),
    SectionKind("awards", "Awards", "entries", {}, lambda a: _dated(a.title, a.awarder, a)),
    SectionKind("publications", "Publications", "entries", {}, _publication),
)

BY_NAME = {kind.name: kind for kind in KINDS}
assert tuple(BY_NAME) == SECTION_FIELDS, "every section field of the Profile has a kind here"

GENERAL_SLOTS: dict[str, Slot] = {
    "heading": Slot("{{ title }}", {"title": "Experience"}),
    "link": Slot("[{{ url | bare_url }}]({{ url }})", {"label": "GitHub", "url": "https://x.io/a"}),
    "page_number": Slot(
        "{{ label }}", {"page": 1, "pages": 2, "label": "Page 1 of 2"}
    ),  # label: the locale's words, page and pages filled in
    # The sub-line of certifications, awards, publications and custom sections' entries.
    "entry_subline": Slot(
        "{% if location %}{{ location }}{% if url or keywords %} · {% endif %}{% endif %}"
        "{% if url %}[{{ url | bare_url }}]({{ url }}){% if keywords %} · {% endif %}{% endif %}"
        "{{ keywords | join(comma) }}",
        {"location": "City", "url": "https://example.com/x", "keywords": ["Rust", "CLI"]},
    ),
}

# Given to every slot besides its own values: the locale's punctuation (`、` and `：` in
# Japanese and Chinese, `، ` in Arabic script), for the lists and labels a slot makes (a
# full-width colon takes no space after it).
PUNCTUATION: dict[str, str] = {"comma": ", ", "colon": ":"}

SLOTS: dict[str, Slot] = {**GENERAL_SLOTS}
for _kind in KINDS:
    SLOTS.update(_kind.slots)

HEADINGS = {kind.name: kind.heading for kind in KINDS}
