"""Profile + Theme -> Document: decide what goes on the page, in which order, in which role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Literal, TypeVar

from renderer.document import Block, Document, Role, Run
from renderer.markup import parse
from renderer.model import (
    Dated,
    HighlightGroup,
    PartialDate,
    Profile,
)
from renderer.model import Role as JobRole
from renderer.text import bare_url, page_label, render_slot
from renderer.theme import SLOT_EXAMPLES, Theme

Blocks = list[Block]
T = TypeVar("T")


class _Composer:
    def __init__(self, profile: Profile, theme: Theme, tags: frozenset[str]) -> None:
        self.profile = profile
        self.theme = theme
        self.tags = tags

    def selected(self, items: Iterable[T]) -> Iterator[tuple[int, T]]:
        """(index in the profile, item) for the items this variant of the resume shows:
        all of them without --tags; otherwise the untagged ones and those sharing a tag."""
        for index, item in enumerate(items):
            item_tags = getattr(item, "tags", None)
            if not self.tags or not item_tags or self.tags.intersection(item_tags):
                yield index, item

    # -- small helpers -------------------------------------------------------------------------

    def slot(self, slot_name: str, /, **values: object) -> tuple[Run, ...]:
        return parse(render_slot(self.theme, slot_name, **values))

    def block(self, role: Role, runs: Iterable[Run], source: str, aside: str = "") -> Block:
        return Block(role, tuple(runs), aside, source)

    def date(self, value: PartialDate | Literal["present"]) -> str:
        if value == "present":
            return self.theme.dates.present
        assert isinstance(value, PartialDate)
        fmt = self.theme.dates.year if value.month is None else self.theme.dates.month
        return dt.date(value.year, value.month or 1, 1).strftime(fmt)

    def dates(self, item: Dated) -> str:
        parts = [self.date(d) for d in (item.start, item.end) if d is not None]
        return self.theme.dates.separator.join(parts)

    def bullets(self, items: Iterable[object], source: str) -> Blocks:
        return [
            self.block(Role.BULLET, parse(item.text), f"{source}[{i}]")  # type: ignore[attr-defined]
            for i, item in self.selected(items)
        ]

    def paragraphs(self, text: str | None, source: str) -> Blocks:
        if not text:
            return []
        return [self.block(Role.PARAGRAPH, parse(p), source) for p in text.split("\n\n")]

    def joined(self, items: Iterable[Iterable[Run]]) -> list[Run]:
        """Items of one line (contact details, languages), the theme's separator between."""
        runs: list[Run] = []
        for item in items:
            if runs:
                runs.append(Run(self.theme.separator))
            runs += item
        return runs

    def subline(self, slot: str, source: str, **values: object) -> Blocks:
        runs = self.slot(slot, **values)
        return [self.block(Role.SUBLINE, runs, source)] if runs else []

    # -- header --------------------------------------------------------------------------------

    def header(self) -> Blocks:
        p, blocks = self.profile, []
        if p.name:
            blocks.append(self.block(Role.NAME, [Run(p.name)], "name"))
        if p.headline:
            blocks.append(self.block(Role.HEADLINE, [Run(p.headline)], "headline"))
        items: list[Iterable[Run]] = []
        if p.email:
            items.append([Run(p.email, href=f"mailto:{p.email}")])
        if p.phone:
            digits = "".join(c for c in p.phone if c in "+0123456789")
            items.append([Run(p.phone, href=f"tel:{digits}")])
        if p.location:
            items.append([Run(p.location)])
        items += [self.slot("link", label=link.label, url=link.url) for link in p.links]
        if items:
            blocks.append(self.block(Role.CONTACT, self.joined(items), "contact"))
        return blocks

    # -- sections ------------------------------------------------------------------------------

    def summary(self) -> Blocks:
        return self.paragraphs(self.profile.summary, "summary") + self.bullets(
            self.profile.highlights, "highlights"
        )

    def role_body(self, role: JobRole, source: str) -> Blocks:
        blocks: Blocks = []
        if role.technologies:
            runs = self.slot("technologies", technologies=role.technologies)
            blocks.append(self.block(Role.PARAGRAPH, runs, f"{source}.technologies"))
        blocks += self.paragraphs(role.description, f"{source}.description")
        blocks += self.bullets(role.highlights, f"{source}.highlights")
        for g, group in self.selected(role.groups):
            blocks += self.group(group, f"{source}.groups[{g}]")
        return blocks

    def group(self, group: HighlightGroup, source: str) -> Blocks:
        heading = self.block(Role.GROUP, [Run(group.heading)], f"{source}.heading")
        return [heading, *self.bullets(group.highlights, f"{source}.highlights")]

    def experience(self) -> Blocks:
        blocks: Blocks = []
        for e, job in self.selected(self.profile.experience):
            source = f"experience[{e}]"
            kind = lambda r: r.kind.value.capitalize() if r.kind else None  # noqa: E731
            if not job.roles:
                title = self.slot("experience_title", title=job.title, company=job.company)
                blocks.append(self.block(Role.ENTRY, title, source, self.dates(job)))
                blocks += self.subline(
                    "experience_subline",
                    source,
                    team=job.team,
                    kind=kind(job),
                    location=job.location,
                )
                blocks += self.role_body(job, source)
                continue
            # Several roles at one company: the company once, then each role with its dates.
            span = Dated(start=job.roles[-1].start, end=job.roles[0].end)
            company = self.slot("experience_title", title=None, company=job.company)
            blocks.append(self.block(Role.ENTRY, company, source, self.dates(span)))
            blocks += self.subline(
                "experience_subline", source, team=job.team, kind=None, location=job.location
            )
            for r, role in self.selected(job.roles):
                role_source = f"{source}.roles[{r}]"
                role_title = [Run(role.title or "", bold=True)]
                blocks.append(self.block(Role.ENTRY, role_title, role_source, self.dates(role)))
                blocks += self.subline(
                    "experience_subline",
                    role_source,
                    team=None,
                    kind=kind(role),
                    location=role.location,
                )
                blocks += self.role_body(role, role_source)
        return blocks

    def projects(self) -> Blocks:
        blocks: Blocks = []
        for i, project in self.selected(self.profile.projects):
            source = f"projects[{i}]"
            title = self.slot("project_title", name=project.name, role=project.role)
            blocks.append(self.block(Role.ENTRY, title, source, self.dates(project)))
            blocks += self.subline(
                "project_subline", source, url=project.url, keywords=project.keywords
            )
            blocks += self.paragraphs(project.description, f"{source}.description")
            blocks += self.bullets(project.highlights, f"{source}.highlights")
        return blocks

    def skills(self) -> Blocks:
        return [
            self.block(
                Role.PARAGRAPH,
                self.slot("skill", name=g.name, keywords=g.keywords),
                f"skills[{i}]",
            )
            for i, g in self.selected(self.profile.skills)
        ]

    def education(self) -> Blocks:
        blocks: Blocks = []
        for i, school in self.selected(self.profile.education):
            source = f"education[{i}]"
            title = self.slot("education_title", institution=school.institution)
            blocks.append(self.block(Role.ENTRY, title, source, self.dates(school)))
            blocks += self.subline(
                "education_subline",
                source,
                degree=school.degree,
                field=school.field,
                location=school.location,
                score=school.score,
            )
            blocks += self.bullets(school.highlights, f"{source}.highlights")
        return blocks

    def languages(self) -> Blocks:
        if not self.profile.languages:
            return []
        items = [
            self.slot("language", language=item.language, fluency=item.fluency)
            for item in self.profile.languages
        ]
        return [self.block(Role.PARAGRAPH, self.joined(items), "languages")]

    def dated_entries(self, field: str, slot: str) -> Blocks:
        """Certifications, awards, publications: a title line with its date, then the
        item's link and summary when it has them."""
        blocks: Blocks = []
        for i, item in self.selected(getattr(self.profile, field)):
            source = f"{field}[{i}]"
            values = {name: getattr(item, name) for name in SLOT_EXAMPLES[slot]}
            date = self.date(item.date) if item.date else ""
            blocks.append(self.block(Role.ENTRY, self.slot(slot, **values), source, date))
            if url := getattr(item, "url", None):
                link = Run(bare_url(url), href=url)
                blocks.append(self.block(Role.SUBLINE, [link], f"{source}.url"))
            blocks += self.paragraphs(getattr(item, "summary", None), f"{source}.summary")
        return blocks


def compose(profile: Profile, theme: Theme, tags: Iterable[str] = ()) -> Document:
    """The Document for a profile in a theme; with tags, only the variant they select."""
    composer = _Composer(profile, theme, frozenset(tags))
    sections: dict[str, Callable[[], Blocks]] = {
        "summary": composer.summary,
        "experience": composer.experience,
        "projects": composer.projects,
        "skills": composer.skills,
        "education": composer.education,
        "languages": composer.languages,
        "certifications": lambda: composer.dated_entries("certifications", "certification"),
        "awards": lambda: composer.dated_entries("awards", "award"),
        "publications": lambda: composer.dated_entries("publications", "publication"),
    }
    blocks = composer.header()
    for name in theme.sections:
        content = sections[name]()
        if content:  # an empty heading would tell an ATS the candidate has none
            heading = composer.slot("heading", title=theme.headings.get(name, name.title()))
            blocks += [composer.block(Role.HEADING, heading, name), *content]
    return Document(
        title=f"{profile.name} – Resume" if profile.name else f"Resume – {profile.headline or ''}",
        author=profile.name or "",
        subject=profile.headline or "Resume",
        keywords=_keywords(profile),
        blocks=tuple(blocks),
        page_label=page_label(theme),
    )


def _keywords(profile: Profile) -> tuple[str, ...]:
    words: dict[str, None] = {}
    for group in profile.skills:
        words.update(dict.fromkeys(group.keywords))
    for job in profile.experience:
        for role in job.all_roles():
            words.update(dict.fromkeys(role.technologies))
    for project in profile.projects:
        words.update(dict.fromkeys(project.keywords))
    if not words:  # no skills listed: the headline and employers still tell a search engine
        words.update(
            dict.fromkeys(
                [*filter(None, [profile.headline])],
            )
        )
        words.update(dict.fromkeys(job.company for job in profile.experience))
    return tuple(words)
