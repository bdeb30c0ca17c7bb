"""Profile + Theme -> Document: decide what goes on the page, in which order, in which role.

Sections come from the catalogue (`renderer/sections.py`): one composer per shape of section,
whatever the section is called, so a profile's own sections are laid out exactly like the
built-in ones. An entry's head keeps its parts apart (title, organisation, dates), so that
every format can set them where a parser will find each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Literal, TypeVar

from renderer.compose.document import DETAIL_SEPARATOR, Block, Document, Head, Role
from renderer.locale import Locale, load_locale
from renderer.profile.markup import Run, parse
from renderer.profile.model import (
    REORDERED,
    CustomSection,
    Dated,
    HighlightGroup,
    PartialDate,
    Profile,
    written_oldest_first,
)
from renderer.profile.sections import BY_NAME, HEADINGS, EntryView, SectionKind, custom_entry
from renderer.profile.values import dialable, display_width, is_same_person
from renderer.theme.model import Theme
from renderer.theme.slotforms import bare_url
from renderer.theme.slots import page_label, render_slot

Blocks = list[Block]
T = TypeVar("T")


class _Composer:
    def __init__(
        self,
        profile: Profile,
        theme: Theme,
        tags: frozenset[str],
        exclude: frozenset[str],
        locale: Locale,
    ) -> None:
        self.profile = profile
        self.theme = theme
        self.tags = tags
        self.exclude = exclude
        self.locale = locale
        self.keywords: dict[str, dict[str, None]] = {}  # shown words, by kind, for the metadata

    def selected(self, items: Iterable[T]) -> Iterator[tuple[int, T]]:
        """(index in the profile, item) for the items this variant of the resume shows:
        all of them without tags; otherwise the untagged ones and those sharing a tag; never
        one with an excluded tag."""
        for index, item in enumerate(items):
            item_tags = getattr(item, "tags", None) or ()
            if self.exclude.intersection(item_tags):
                continue
            if not self.tags or not item_tags or self.tags.intersection(item_tags):
                yield index, item

    # -- small helpers -------------------------------------------------------------------------

    def slot(self, slot_name: str, /, **values: object) -> tuple[Run, ...]:
        punctuation = {"comma": self.locale.comma, "colon": self.locale.colon}
        return parse(render_slot(self.theme, slot_name, **punctuation, **values))

    def date(self, value: PartialDate | Literal["present"]) -> str:
        """A date in the theme's format; in another language than English, month names and
        the order of day, month and year are the locale's (a numeric format stays as it is)."""
        dates, locale = self.theme.dates, self.locale
        if value == "present":
            return dates.present if locale.english else locale.word("present")
        assert isinstance(value, PartialDate)
        day = dt.date(value.year, value.month or 1, 1)
        fmt = dates.year if value.month is None else dates.month
        if locale.english or not any(d in fmt for d in ("%b", "%B", "%Y")):
            return day.strftime(fmt)
        if value.month is None:
            return locale.year(day)
        return locale.month(day, long="%B" in fmt)

    def dates(self, item: Dated | None) -> str:
        return self.theme.dates.separator.join(shown for shown, _ in self.when(item))

    def when(self, item: Dated | None) -> tuple[tuple[str, str], ...]:
        """(as printed, as a machine reads it: 2025-02, or '' for present) of each date."""
        if item is None:
            return ()
        ends = (item.start, item.end) if item.end != item.start else (item.start,)
        return tuple(  # one month that starts and ends is printed once, not as a range
            (self.date(d), "" if d == "present" else str(d)) for d in ends if d is not None
        )

    def bullets(self, items: Iterable[object], source: str) -> Blocks:
        return [
            Block(Role.BULLET, parse(item.text), source=f"{source}[{i}]")  # type: ignore[attr-defined]
            for i, item in self.selected(items)
        ]

    def paragraphs(self, text: str | None, source: str) -> Blocks:
        if not text:
            return []
        return [Block(Role.PARAGRAPH, parse(p), source=source) for p in text.split("\n\n")]

    def joined(self, items: Iterable[Iterable[Run]]) -> list[Run]:
        """Items of one line (contact details, languages), the theme's separator between."""
        runs: list[Run] = []
        for item in items:
            if runs:
                runs.append(Run(self.theme.separator))
            runs += item
        return runs

    def subline(self, slot: str, source: str, values: dict[str, object]) -> Blocks:
        if not slot:
            return []
        if values.get("kind"):  # an employment kind's key: the locale words it
            values = {**values, "kind": self.locale.word(str(values["kind"]))}
        score = values.get("score")
        if isinstance(score, str) and not any(c.isalpha() for c in score):
            # A bare "98" or "3.9/4.0" says nothing beside a city: it gets its label.
            colon = self.locale.colon + (" " if self.locale.colon == ":" else "")
            values = {**values, "score": f"{self.locale.word('score')}{colon}{score}"}
        runs = self.slot(slot, **values)
        return [Block(Role.SUBLINE, runs, source=source)] if runs else []

    def remember(self, words: Iterable[str], kind: str) -> None:
        """Words for the file's keywords metadata, from what is shown: skills first."""
        self.keywords.setdefault(kind, {}).update(dict.fromkeys(words))

    def metadata_keywords(self) -> tuple[str, ...]:
        ordered = [self.keywords.get(k, {}) for k in ("skills", "technologies", "keywords")]
        return tuple(dict.fromkeys(word for words in ordered for word in words))

    # -- header --------------------------------------------------------------------------------

    def header(self) -> Blocks:
        """Name, headline, contact details: stacked on lines of their own, or (a `split`
        header) the contact details flush right beside the name and the headline."""
        p = self.profile
        lines = [
            (role, text, source)
            for role, text, source in (
                (Role.NAME, p.name, "name"),
                (Role.HEADLINE, p.headline, "headline"),
            )
            if text
        ]
        items = self.contact_items()
        # The first line takes the first half of the details (e-mail, phone first).
        cut = (len(items) + 1) // 2 if len(lines) > 1 else len(items)
        halves = [items[:cut], items[cut:]]
        if self.theme.header == "split" and lines and items and self.beside(halves):
            blocks = []
            for (role, text, source), half in zip(lines, halves, strict=False):
                aside = tuple(self.joined(half))
                aside_text = "".join(run.text for run in aside)
                blocks.append(Block(role, (Run(text),), aside_text, source, aside_runs=aside))
            return blocks
        blocks = [Block(role, (Run(text),), source=source) for role, text, source in lines]
        for line in self.contact_lines(items):
            blocks.append(Block(Role.CONTACT, tuple(self.joined(line)), source="contact"))
        return blocks

    def beside(self, halves: list[list[tuple[Run, ...]]]) -> bool:
        """Whether each half of the contact details fits flush right beside the name or
        the headline; seven details do not, and go on lines of their own under them."""
        room = self.theme.characters_a_line(self.theme.styles.contact.size) * SPLIT_SHARE
        separator = display_width(self.theme.separator)
        for half in halves:
            widths = [display_width("".join(run.text for run in item)) for item in half]
            if sum(widths) + separator * max(0, len(widths) - 1) > room:
                return False
        return True

    def contact_lines(self, items: list[tuple[Run, ...]]) -> list[list[tuple[Run, ...]]]:
        """The contact details set on as many lines as they need, broken between items: a
        line a reader wrapped ended with a separator ('United States ·') or broke an
        address. Measured as a line's characters are (the type's mean width), with room to
        spare, and never wider than a plain-text line."""
        contact = self.theme.styles.contact.size
        room = min(self.theme.characters_a_line(contact) * CONTACT_FILL, PLAIN_TEXT_COLUMNS)
        separator = display_width(self.theme.separator)
        lines: list[list[tuple[Run, ...]]] = []
        used = 0.0
        for item in items:
            width = display_width("".join(run.text for run in item))
            if not lines or used + separator + width > room:
                lines.append([item])
                used = width
            else:
                lines[-1].append(item)
                used += separator + width
        return lines

    def contact_items(self) -> list[tuple[Run, ...]]:
        p = self.profile
        items: list[tuple[Run, ...]] = []
        if p.email:
            items.append((Run(p.email, href=f"mailto:{p.email}"),))
        if p.phone:
            number = dialable(p.phone)  # "+1 555 0100 / +44 20 7946": two numbers, no link
            items.append((Run(p.phone, href=f"tel:{number}" if number else None),))
        if p.location:
            items.append((Run(p.location),))
        # a site given twice (JSON Resume's url and a profile) once; the e-mail as a link too
        shown: set[str] = {_address(p.email)} if p.email else set()
        for link in p.links:
            address = _address(link.url)
            if address not in shown:
                shown.add(address)
                items.append(self.slot("link", label=link.label, url=link.url))
        return items

    # -- one composer per shape -----------------------------------------------------------------

    def text(self, text: str | None, items: Sequence[object], sources: tuple[str, str]) -> Blocks:
        """Paragraphs, then bullets (the summary and its highlights)."""
        return self.paragraphs(text, sources[0]) + self.bullets(items, sources[1])

    def entries(self, kind: SectionKind, items: Sequence[object], source: str) -> Blocks:
        assert kind.view is not None
        blocks: Blocks = []
        chosen = list(self.selected(items))
        reorder = kind.name in REORDERED and self.profile.entry_order == "newest-first"
        if reorder and written_oldest_first([item for _, item in chosen]):
            chosen.reverse()  # a reader looks for the latest first (lint says so)
        for i, item in chosen:
            blocks += self.entry(kind.view(item), f"{source}[{i}]", kind.name in LED_BY_PLACE)
        return listed(blocks)

    def entry(self, view: EntryView, source: str, led_by_place: bool = False) -> Blocks:
        dates = self.dates(view.dates)
        title = self.locale.comma.join(part for part in (view.title, view.title_detail) if part)
        head = Head(title, view.organisation or "", dates, self.when(view.dates))
        sub = self.subline(view.subline_slot, source, view.subline)
        over = self.theme.entry_head == "title-over-organisation"
        under = self.theme.entry_head == "organisation-over-title" and led_by_place
        two_lines = (over or under) and bool(head.title and head.organisation)
        if over and two_lines:
            sub = self.organisation_line(head.organisation, sub, source)
        if under and two_lines:
            blocks = self.organisation_over_title(head, sub, source)
        elif head.title or head.organisation or not sub:
            runs = self.head_runs(head, led_by_place)
            if led_by_place and not two_lines and self.beside_dates(view, runs, sub, dates):
                head, sub = replace(head, detail=sub[0].body), sub[1:]
            blocks = [Block(Role.ENTRY, runs, head.aside, source, head), *sub]
        else:  # nothing to title it by: its sub-line heads it, rather than an invented name
            blocks = [Block(Role.ENTRY, sub[0].runs, dates, source, head)]
        if view.byline:  # under the head, or under the organisation's line under a title
            at = 2 if two_lines else 1
            blocks.insert(
                at, Block(Role.SUBLINE, self.byline(view.byline), source=f"{source}.authors")
            )
        if view.technologies:
            self.remember(view.technologies, "technologies")
            label = self.locale.word("technologies")
            runs = self.slot("technologies", technologies=list(view.technologies), label=label)
            blocks.append(Block(Role.PARAGRAPH, runs, source=f"{source}.technologies"))
        blocks += self.paragraphs(view.description, f"{source}.description")
        blocks += self.bullets(view.highlights, f"{source}.highlights")
        for g, group in self.selected(view.groups):
            blocks += self.group(group, f"{source}.groups[{g}]")
        for p, position in self.selected(view.positions):
            blocks += self.entry(position, f"{source}.{view.positions_key}[{p}]", led_by_place)
        keywords = view.subline.get("keywords")
        if isinstance(keywords, list):
            self.remember(keywords, "keywords")
        return blocks

    def byline(self, authors: Sequence[str]) -> tuple[Run, ...]:
        """The authors, the person's own name in bold where they did not mark it."""
        name = self.profile.name or ""
        marked = [
            f"**{author}**"
            if name and "*" not in author and is_same_person(author, name)
            else author
            for author in authors
        ]
        return parse(", ".join(marked))

    def beside_dates(self, view: EntryView, runs: tuple[Run, ...], sub: Blocks, dates: str) -> bool:
        """Whether an entry's sub-line of kind and place ("Full-time · Remote") goes before
        its dates, flush right on the head's line, rather than on a line of its own (seven
        entries with a line each for "Full-time" waste seven lines a page): where the line
        has room to spare, and the sub-line names no team and links nothing. Not after the
        organisation: simple parsers read a line's text as one field, and took
        "Databricks · Full-time" for the company."""
        if not sub or sub[0].role is not Role.SUBLINE or view.subline.get("team"):
            return False
        if any(run.href for run in sub[0].runs):
            return False
        text = "".join(run.text for run in runs)
        aside = f"{sub[0].body}{DETAIL_SEPARATOR}{dates}"
        # bold type is wider than the running text a line's characters are counted in
        used = BOLD_WIDTH * display_width(text) + display_width(aside) + DATES_GAP
        return used <= self.theme.characters_a_line(self.theme.styles.entry.size)

    def head_runs(self, head: Head, led_by_place: bool = False) -> tuple[Run, ...]:
        """Title and organisation as separate runs in distinct styles (a parser can fill both
        fields): the title in bold, then the organisation after the theme's separator; or,
        as the theme says, the organisation in bold first and the title in italic (in the
        sections of places worked or studied at), or the title alone (the organisation opens
        the line under it). An entry with only one of
        them shows it in bold."""
        title, organisation = head.title, head.organisation
        if not (title and organisation):
            return (Run(title or organisation, bold=True),) if title or organisation else ()
        if self.theme.entry_head == "title-over-organisation":
            return (Run(title, bold=True),)
        if self.theme.entry_head == "organisation-title" and led_by_place:
            return (
                Run(organisation, bold=True),
                Run(self.theme.entry_separator),
                Run(title, italic=True),
            )
        return (Run(title, bold=True), Run(self.theme.entry_separator), Run(organisation))

    def organisation_line(self, organisation: str, sub: Blocks, source: str) -> Blocks:
        """The line under a title that stands alone: the organisation, with what the entry's
        sub-line says (its place, its link) set flush right beside it, as the dates are
        beside the title (where parsers of such resumes look for a place)."""
        line = Block(Role.SUBLINE, (Run(organisation),), source=source)
        if not sub:
            return [line]
        runs = sub[0].runs
        aside = "".join(run.text for run in runs)
        if len(aside) > ORGANISATION_ASIDE:  # a long address: on its own line, under it
            return [line, *sub]
        line = replace(line, aside=aside, aside_runs=runs if any(r.href for r in runs) else ())
        return [line, *sub[1:]]

    def organisation_over_title(self, head: Head, sub: Blocks, source: str) -> Blocks:
        """The traditional (Harvard) head of a place worked or studied at: the organisation
        in bold with what the sub-line says (its place) flush right, and under it the title
        with the dates flush right; a long sub-line stays a line of its own."""
        place: tuple[Run, ...] = ()
        if sub and len(sub[0].text) <= ORGANISATION_ASIDE:
            place, sub = sub[0].runs, sub[1:]
        aside = "".join(run.text for run in place)
        links = place if any(run.href for run in place) else ()
        organisation = (Run(head.organisation, bold=True),)
        # the title in the sub-line's style (italic in harvard), so Markdown's *…* around a
        # sub-line does not close an italic run of its own and make it bold
        title = Block(Role.SUBLINE, (Run(head.title),), head.dates, source=source)
        return [Block(Role.ENTRY, organisation, aside, source, head, aside_runs=links), title, *sub]

    def group(self, group: HighlightGroup, source: str) -> Blocks:
        heading = Block(Role.GROUP, (Run(group.heading),), source=f"{source}.heading")
        return [heading, *self.bullets(group.highlights, f"{source}.highlights")]

    def labelled(self, kind: SectionKind, items: Sequence[object], source: str) -> Blocks:
        (slot,) = kind.slots
        blocks = []
        for i, item in self.selected(items):
            values = {name: getattr(item, name) for name in kind.slots[slot].examples}
            self.remember(getattr(item, "keywords", ()), "skills")
            blocks.append(Block(Role.PARAGRAPH, self.slot(slot, **values), source=f"{source}[{i}]"))
        return blocks

    def inline(self, kind: SectionKind, items: Sequence[object], source: str) -> Blocks:
        (slot,) = kind.slots
        shown = [
            self.slot(slot, **{name: getattr(item, name) for name in kind.slots[slot].examples})
            for _, item in self.selected(items)
        ]
        return [Block(Role.PARAGRAPH, tuple(self.joined(shown)), source=source)] if shown else []

    def custom(self, section: CustomSection, source: str) -> Blocks:
        blocks = self.text(section.text, section.items, (f"{source}.text", f"{source}.items"))
        for i, entry in self.selected(section.entries):
            blocks += self.entry(custom_entry(entry), f"{source}.entries[{i}]")
        return blocks

    # -- sections ----------------------------------------------------------------------------

    def section(self, name: str) -> tuple[str, Blocks]:
        """(heading, blocks) of a section by name: a built-in kind or a custom section."""
        if name in BY_NAME:
            kind = BY_NAME[name]
            heading = self.theme.heading(name) or self.locale.headings.get(name, HEADINGS[name])
            if kind.shape == "text":
                profile = self.profile
                return heading, self.text(profile.summary, profile.highlights, (name, "highlights"))
            items = getattr(self.profile, name)
            shape = {"entries": self.entries, "labelled": self.labelled, "inline": self.inline}
            return heading, shape[kind.shape](kind, items, name)
        for i, section in self.selected(self.profile.sections):
            if section.key == name:
                heading = self.theme.heading(name) or section.heading
                return heading, self.custom(section, f"sections[{i}]")
        return "", []


def section_order(profile: Profile, theme: Theme, order: Sequence[str] = ()) -> list[str]:
    """The sections, in order: those an application or the profile names first, in that order;
    then the rest in the theme's order; then the profile's own sections the theme does not
    name, as the profile lists them."""
    names = [*order, *profile.section_order, *theme.sections]
    names += [section.key for section in profile.sections]
    return list(dict.fromkeys(names))


def compose(
    profile: Profile,
    theme: Theme,
    tags: Iterable[str] = (),
    order: Sequence[str] = (),
    *,
    exclude: Iterable[str] = (),
    omit: Iterable[str] = (),
    language: str | None = None,
) -> Document:
    """The Document for a profile in a theme; with tags, only the variant they select (items
    with an excluded tag never show); `order` puts sections first, `omit` leaves them out."""
    lower = lambda words: frozenset(w.strip().lower() for w in words)  # noqa: E731
    locale = load_locale(language or profile.locale)
    composer = _Composer(profile, theme, lower(tags), lower(exclude), locale)
    blocks = composer.header()
    left_out = set(omit)
    for name in section_order(profile, theme, order):
        if name in left_out:
            continue
        heading, content = composer.section(name)
        if content:  # an empty heading would tell an ATS the candidate has none
            runs = composer.slot("heading", title=heading)
            blocks += [Block(Role.HEADING, runs, source=name, section=name), *content]
    words = composer.metadata_keywords()
    if not words:  # no skills listed: the headline and employers still tell a search engine
        words = tuple(dict.fromkeys([*filter(None, [profile.headline])]))
        words += tuple(
            dict.fromkeys(
                job.company for _, job in composer.selected(profile.experience) if job.company
            )
        )
    blocks = [
        in_capitals(block) if theme.style(block.role.value).small_caps else block
        for block in blocks
    ]
    resume = locale.word("resume")  # the word for a resume, in the document's language
    return Document(
        title=" – ".join(
            filter(None, [profile.name, resume, None if profile.name else profile.headline])
        ),
        author=profile.name or "",
        subject=profile.headline or resume,
        keywords=tuple(dict.fromkeys(words)),
        blocks=tuple(blocks),
        language=locale.written(language or profile.locale),
        page_label=page_label(theme, locale.word("page")),
        continued_label=locale.word("continued"),
    )


# The most characters set flush right beside an organisation under its title (a place, a short
# link): a longer sub-line would squeeze the organisation into a narrow column that wraps.
ORGANISATION_ASIDE = 32

# Of a line's characters, how many the contact details fill before the next goes on a line
# of its own (addresses run wider than prose), and the width of a plain-text line (txt).
CONTACT_FILL = 0.9
SPLIT_SHARE = 0.55  # of a line, the most contact details set beside a name or headline
PLAIN_TEXT_COLUMNS = 78

# Room kept between a head and what is flush right beside it, and how much wider bold
# letters run than the running text a line's characters are counted in.
DATES_GAP = 4
BOLD_WIDTH = 1.1

# Sections whose entries a theme may lead with the organisation (where one worked or studied);
# a project, an award, a paper or a certificate leads with its own name in every theme.
LED_BY_PLACE = frozenset({"experience", "education"})


def in_capitals(block: Block) -> Block:
    """A block set in small capitals reads as capitals in every format (each writer draws the
    letters after a word's first smaller): the text a reader gets is what the page shows."""
    return replace(block, runs=tuple(replace(run, text=run.text.upper()) for run in block.runs))


def _address(url: str) -> str:
    """A link's address as a reader compares two: the address as printed, its host in
    lower case (https://www.LinkedIn.com/in/dana/ is linkedin.com/in/dana; mailto:Ann@x.io
    is ann@x.io, as the e-mail is)."""
    host, _, path = bare_url(url.strip()).partition("/")
    return f"{host.lower()}/{path}".rstrip("/")


def listed(blocks: Blocks) -> Blocks:
    """Entries with nothing under them (an employer named alone, a title alone) set one under
    another as a list, without the space that parts entries with bullets: four bold names
    with gaps between them read as four empty entries."""
    bare = {
        i
        for i, block in enumerate(blocks)
        if block.role is Role.ENTRY and (i + 1 == len(blocks) or blocks[i + 1].role is Role.ENTRY)
    }
    return [replace(b, gap=0.0) if i in bare and i - 1 in bare else b for i, b in enumerate(blocks)]


def header_blocks(profile: Profile, theme: Theme, locale: Locale) -> list[Block]:
    """The name, headline and contact details as the resume sets them (a cover letter in the
    same theme opens with the same header)."""
    return _Composer(profile, theme, frozenset(), frozenset(), locale).header()
