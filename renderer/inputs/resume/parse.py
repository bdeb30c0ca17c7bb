"""A resume's lines (from Word or PDF) read into the profile's values.

The header is what comes before the first section heading (`header.py`: the name, a
headline, the contact details). Sections begin at their headings (`sections.py`: known by
their words in many languages, or by their look). In a section of entries, an entry begins
at a head: a heading, a bold line, a line with dates, a line set as the section's other
heads; a head may take two or three lines (`heads.py` reads them). Its bullets and lines
follow. Each value keeps the line it came from; what the reading guessed is said at the
value, and a line it could not place is listed, never dropped in silence."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from renderer.errors import FieldPath
from renderer.inputs.headings import words
from renderer.inputs.imported import Imported, Json
from renderer.inputs.resume.dates import find_dates
from renderer.inputs.resume.header import contact_of, put_contact, read_header
from renderer.inputs.resume.heads import (
    Head,
    cut_at_comma,
    ends_in_legal_form,
    holds_place,
    kind_of,
    names_organisation,
    read_head,
)
from renderer.inputs.resume.lines import Line, shouting
from renderer.inputs.resume.sections import CONTACT, CUSTOM, Headings
from renderer.profile.model import SECTION_FIELDS
from renderer.profile.values import split_items

_ENTRIES = {"experience", "education", "projects", "awards", "certifications", "publications"}
_LABELLED = re.compile(r"^([^:：]{1,40})[:：]\s*(.+)$")


@dataclass
class Entry:
    head: Head
    lines: list[Line]  # the head's line first
    bullets: list[Line] = field(default_factory=list)
    details: list[Line] = field(default_factory=list)  # lines that are neither
    groups: list[tuple[Line, list[Line]]] = field(default_factory=list)  # sub-heading, bullets


def parse(lines: list[Line]) -> Imported:
    reader = _Reader(lines)
    reader.run()
    return reader.out


class _Reader:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = [line for line in lines if line.words or line.aside]
        self.out = Imported({})
        self.custom: list[Json] = []
        self.order: list[str] = []
        self.headings = Headings(self.lines)
        # the size most lines are set in, under the header (whose four short contact lines
        # outnumbered the few paragraphs of a resume of descriptions, and made them 'larger')
        first = next((i for i, line in enumerate(self.lines) if self.headings.section(line, i)), 0)
        sizes = Counter(round(line.size, 1) for line in self.lines[first:] if line.size)
        self.body_size = sizes.most_common(1)[0][0] if sizes else 0.0
        self.sub_sections: list[Line] = []  # headings set smaller inside a known section

    # -- the whole --------------------------------------------------------------------------

    def run(self) -> None:
        heads = [(i, self.headings.section(line, i)) for i, line in enumerate(self.lines)]
        starts: list[tuple[int, str]] = []
        for i, name in heads:
            if name and starts and self._sub_section(self.lines[starts[-1][0]], i, name):
                self.sub_sections.append(self.lines[i])
            elif name:
                starts.append((i, name))
        header = self.lines[: starts[0][0]] if starts else self.lines
        read_header(self.out, header, self.body_size)
        for n, (start, name) in enumerate(starts):
            end = starts[n + 1][0] if n + 1 < len(starts) else len(self.lines)
            self.section(name, self.lines[start], self.lines[start + 1 : end])
        if self.custom:
            self.out.data["sections"] = self.custom
        if len(self.order) > 1:
            self.out.data["section_order"] = list(dict.fromkeys(self.order))

    def _sub_section(self, heading: Line, index: int, name: str) -> bool:
        """A heading of its own inside a known section, set smaller than the section's
        (moderncv's `Scolaire` under `Formation`): a part of that section."""
        line = self.lines[index]
        known = self.headings.section(heading, self.lines.index(heading)) != CUSTOM
        return (
            bool(name == CUSTOM and known and line.size and line.size < heading.size - 1)
            and not line.heading
        )

    def note(self, line: Line, message: str) -> None:
        self.out.note(line.place, message)

    def unplaced(self, line: Line) -> None:
        shown = line.words if len(line.words) <= 300 else line.words[:299] + "…"
        self.note(line, f"not placed: {shown!r}")

    # -- a section --------------------------------------------------------------------------

    def section(self, name: str, heading: Line, lines: list[Line]) -> None:
        if not lines:
            return
        if name == CONTACT:  # a sidebar's contact details: the header's
            for line in lines:
                put_contact(self.out, line, contact_of([line]))
            return
        if name == "summary" and "summary" not in self.out.data:
            self.summary(lines)
        elif name == "skills" and "skills" not in self.out.data:
            self.skills(lines)
        elif name == "languages" and "languages" not in self.out.data:
            self.languages(lines)
        elif name in _ENTRIES and name not in self.out.data:
            entries = self.entries(lines, education=name == "education")
            _agree(entries)
            if name == "experience":
                _under_company(entries)
            made = [self.made(name, entry, (name, i)) for i, entry in enumerate(entries)]
            made = [m for m in made if m]
            if not made:
                return
            self.out.data[name] = made
            if name == "experience":
                _roles(self.out.data[name])
        else:
            name = self.custom_section(heading, lines)
        self.order.append(name)

    def summary(self, lines: list[Line]) -> None:
        prose = [line for line in lines if not line.bullet]
        bullets = [line for line in lines if line.bullet]
        if prose:
            text = "\n\n".join(line.words for line in prose)
            self.out.put(self.out.data, "summary", text, (), prose[0].place)
        if bullets:
            self.out.data["highlights"] = [line.words for line in bullets]
            for i, line in enumerate(bullets):
                self.out.origins[("highlights", i)] = line.place

    def skills(self, lines: list[Line]) -> None:
        groups: list[Json] = []
        loose: list[tuple[str, Line]] = []
        for line in lines:
            labelled = _LABELLED.match(line.words)
            if labelled:
                at: FieldPath = ("skills", len(groups))
                self.out.origins[at] = line.place
                groups.append(
                    {"name": labelled.group(1).strip(), "keywords": _items(labelled.group(2))}
                )
            elif all(len(item.split()) <= 5 for item in _items(line.words)):
                loose += [(item, line) for item in _items(line.words)]
            else:  # a sentence among the skills: not a list of them
                self.unplaced(line)
        if loose:
            at = ("skills", len(groups))
            self.out.origins[at] = loose[0][1].place
            groups.append({"name": "Skills", "keywords": [item for item, _ in loose]})
        if groups:
            self.out.data["skills"] = groups

    def languages(self, lines: list[Line]) -> None:
        found: list[Json] = []
        for line in lines:
            for item in _items(re.sub(r"\s+[·|•]\s+", ", ", line.words)):
                language, fluency = _language(item)
                self.out.origins[("languages", len(found))] = line.place
                found.append({"language": language, **({"fluency": fluency} if fluency else {})})
        if found:
            self.out.data["languages"] = found

    def custom_section(self, heading: Line, lines: list[Line]) -> str:
        at: FieldPath = ("sections", len(self.custom))
        title = heading.words.rstrip(":：").strip()
        key = re.sub(r"[^a-z0-9]+", "-", words(title)).strip("-")[:30] or "section"
        key = key if key[:1].isalpha() else f"section-{key}"
        while key in {s["id"] for s in self.custom} or key in SECTION_FIELDS:
            key += "-2"
        section: Json = {"heading": title.title() if shouting(title) else title, "id": key}
        self.out.origins[at] = heading.place
        heads = [line for line in lines if self.is_head(line, lines)]
        if heads and (any(line.bullet for line in lines) or any(_dated(h) for h in heads)):
            entries = self.entries(lines, education=False)
            section["entries"] = [
                self.custom_entry(e, (*at, "entries", i)) for i, e in enumerate(entries)
            ]
        elif all(len(line.words) <= 100 for line in lines) and len(lines) > 1:
            section["items"] = [line.words for line in lines]
            for i, line in enumerate(lines):
                self.out.origins[(*at, "items", i)] = line.place
        else:
            self.out.put(
                section, "text", "\n\n".join(line.words for line in lines), at, lines[0].place
            )
        self.custom.append(section)
        return key

    # -- entries ----------------------------------------------------------------------------

    def is_head(self, line: Line, lines: list[Line]) -> bool:
        """A line that starts an entry: a heading, a line with dates beside it or in it, a
        bold line, or one that starts bold and goes on after a separator (`**Title** —
        Company`)."""
        if line.broken:
            return False
        if line.bullet:  # a head set as a list item: bold, its place or dates at the right
            return bool(line.aside and line.bold and len(line.words) <= 100)
        if self.headings.is_entry_heading(line) or line.aside:
            return True
        found = find_dates(line.words)[0]
        # a sentence that names one year is no head ('GBAT was bought by Acme in 2007.')
        sentence = (
            _ends_sentence(line.words)
            and len(line.words.split()) >= 6
            and bool(
                re.search(r"\b(?:in|since|by|until|during) (?:[A-Za-z]+ )?\d{4}\b", line.words)
            )
        )
        dated = bool(found) and len(line.words) <= 120 and not (sentence and "date" in found)
        prefix = line.bold_prefix
        started = (
            bool(prefix)
            and len(prefix) < len(line.words)
            and not line.words[:1].islower()  # a sentence's next line, not a head
            and bool(re.match(r"\s*(?:[—–|·•,@]|-\s|at\s)", line.words[len(prefix) :]))
        )
        larger = bool(self.body_size) and line.size > self.body_size + 0.3
        return (line.bold or started or larger) and len(line.words) <= 150 or dated

    def entries(self, lines: list[Line], *, education: bool) -> list[Entry]:
        entries: list[Entry] = []
        looks = {line.look for line in lines if line.look and self.is_head(line, lines)}
        # A section of list items and nothing else (pandoc's `Degree — School (2011 – 2017)`
        # items): each item an entry.
        listed = not looks and all(line.bullet for line in lines)
        for line in lines:
            current = entries[-1] if entries else None
            if line in self.sub_sections:
                self.unplaced(line)
            elif current and self.second_head_line(current, line, education):
                self.merge_second_line(current, line, education)
            elif _set_as_head(line, looks) or listed:
                entries.append(Entry(_head(line, education), [line]))
            elif education and current and _degree_under_school(current, line):
                school = current.head.organisation
                if not (current.head.title or current.head.dates or current.bullets):
                    entries.pop()  # the school's own line: its degrees are the entries
                entries.append(Entry(_head(line, education, school), [line]))
            elif current and self.sub_head(current, line) and _sub_heading(line, lines):
                current.groups.append((line, []))
            elif self.is_head(line, lines):
                entries.append(Entry(_head(line, education), [line]))
            elif current is None:
                self.unplaced(line)
            elif line.bullet:
                (current.groups[-1][1] if current.groups else current.bullets).append(line)
            elif _sub_heading(line, lines):
                current.groups.append((line, []))
            else:
                current.details.append(line)
        return entries

    @staticmethod
    def sub_head(entry: Entry, line: Line) -> bool:
        """A line that looks like a head but is smaller, or set otherwise (italic), than the
        entry's own, with no dates: a group's heading inside the entry."""
        first = entry.lines[0]
        if line.bullet or line.aside or find_dates(line.words)[0]:
            return False
        if not (entry.head.dates or first.aside):
            return False
        return bool(first.size and line.size < first.size - 0.2 or line.italic and not first.italic)

    def second_head_line(self, entry: Entry | None, line: Line, education: bool = False) -> bool:
        """A line right under a head that finishes it: the title or place and dates under a
        company, or a company under a title (what a two-line head looks like)."""
        if entry is None or entry.bullets or entry.details or len(entry.lines) > 2:
            return False
        head = entry.head
        named = bool(head.title and head.organisation)
        if len(entry.lines) == 2 and not (
            not head.dates and _dated(line) or not named and len(line.words.split()) <= 10
        ):
            return False  # a third line: only what the two above left out
        if len(entry.lines) == 1 and cut_at_comma(head, entry.lines[0].words):
            short = len(line.words.split()) <= 8  # (a name may end in `L.L.C.`)
            named = line.italic or names_organisation(line.words, education)
            if short and named and not line.bullet and not line.words.endswith(":"):
                return True  # `Founder, Principal Consultant` over `Zenith`
        if line.bullet or len(line.words) > 100 or _ends_sentence(line.words):
            return False
        first = entry.lines[0]
        like_first = line.heading and line.heading == first.heading or line.bold and first.bold
        like_first = like_first or bool(line.bold_prefix and first.bold_prefix)
        if like_first and abs(line.size - first.size) < 0.5:
            return False  # a head like the one above: the next entry's
        missing = not (head.title and head.organisation) or not head.dates
        if not missing and not head.location and holds_place(line.words):
            return len(line.words.split()) <= 12  # `Acme Corp, Berlin, Germany` under a head
        return missing and (
            line.italic
            or line.bold
            or bool(line.aside)
            or bool(find_dates(line.words)[0])
            or len(line.words.split()) <= 8
        )

    @staticmethod
    def merge_second_line(entry: Entry, line: Line, education: bool) -> None:
        entry.lines.append(line)
        entry.head = read_head([(n.words, n.aside) for n in entry.lines], education=education)

    def made(self, name: str, entry: Entry, at: FieldPath) -> Json | None:
        head, first = entry.head, entry.lines[0]
        self.out.origins[at] = first.place
        fields = _FIELDS[name]
        item: Json = {}
        for key, value in (
            ("title", head.title),
            ("organisation", head.organisation),
            ("location", head.location),
            ("kind", head.kind),
            ("url", _address(head.url, entry)),
        ):
            target = fields.get(key)
            if value and target:
                self.out.put(item, target, value, at, first.place)
            elif value:
                self.note(first, f"not placed: {value!r} (a {name} entry has no {key})")
        self.put_dates(item, head.dates, name, at, first)
        if name == "education":
            _degree_and_field(item)
        self.put_body(item, entry, name, at)
        for guess in head.guesses:
            self.out.guesses.append((at, guess))
        for rest in head.rest:
            self.note(first, f"not placed: {rest!r} in the entry's head")
        if not any(item.get(k) for k in ("company", "title", "institution", "name")):
            self.unplaced(first)
            return None
        return item

    def put_dates(
        self, item: Json, dates: dict[str, str], name: str, at: FieldPath, line: Line
    ) -> None:
        single = name in ("awards", "certifications", "publications")
        if single and dates:
            when = dates.get("date") or (
                dates["end"] if dates.get("end") not in (None, "present") else dates.get("start")
            )
            self.out.put(item, "date", when, at, line.place)
            return
        if "date" in dates:
            dates = {"start": dates["date"], "end": dates["date"]}
        for key, value in dates.items():
            self.out.put(item, key, value, at, line.place)

    def put_body(self, item: Json, entry: Entry, name: str, at: FieldPath) -> None:
        bullets = [line.words for line in entry.bullets]
        details: list[str] = []
        for line in entry.details:
            kind = kind_of(line.words)
            if kind and name == "experience" and "kind" not in item:
                item["kind"] = kind
            elif line.words.lower().startswith(
                ("technologies:", "tech stack:", "tools:", "stack:")
            ) and name in ("experience", "projects"):
                listed = _items(line.words.split(":", 1)[1])
                item["technologies" if name == "experience" else "keywords"] = listed
            else:
                details.append(line.words)
        groups = [(heading.words, [b.words for b in found]) for heading, found in entry.groups]
        if groups and name == "experience":
            item["groups"] = [{"heading": h, "highlights": found} for h, found in groups if found]
        else:  # a kind of entry with no groups: each heading a bullet before its own
            for heading, found in groups:
                bullets += [heading, *found]
        target = _BODY[name]
        lines = [line.place for line in entry.bullets]
        if name not in _LISTS:  # an award's or a paper's lines: its summary
            details, bullets = details + bullets, []
        if bullets:
            item["highlights"] = bullets
            for i, place in enumerate(lines):
                self.out.origins[(*at, "highlights", i)] = place
        if details and target:
            first = (entry.details or entry.bullets or entry.lines)[0].place
            glue = "\n\n" if name in _LISTS else " "  # an award's summary is one line
            self.out.put(item, target, glue.join(details), at, first)
        elif details and name in _LISTS:
            item["highlights"] = details + item.get("highlights", [])
        elif details:
            for line in [*entry.details, *entry.bullets]:
                self.unplaced(line)

    def custom_entry(self, entry: Entry, at: FieldPath) -> Json:
        made = self.made("custom", entry, at) or {"title": entry.lines[0].words}
        return made


_FIELDS: dict[str, dict[str, str]] = {
    "experience": {"title": "title", "organisation": "company", "location": "location"}
    | {"kind": "kind", "url": "url"},
    "education": {"title": "degree", "organisation": "institution", "location": "location"},
    "projects": {"title": "role", "organisation": "name", "url": "url"},
    "awards": {"title": "title", "organisation": "awarder"},
    "certifications": {"title": "name", "organisation": "issuer", "url": "url"},
    "publications": {"title": "title", "organisation": "publisher", "url": "url"},
    "custom": {"title": "title", "organisation": "organisation", "location": "location"}
    | {"url": "url"},
}
# Kinds of entries that hold bullets (the others hold their lines as a summary, or none).
_LISTS = {"experience", "education", "projects", "custom"}
_BODY = {"experience": "description", "education": None, "projects": "description"}
_BODY |= {"awards": "summary", "certifications": None, "publications": "summary"}
_BODY |= {"custom": "description"}


def _head(line: Line, education: bool, school: str = "") -> Head:
    """A line's head; a degree's under its school (the school its organisation)."""
    head = read_head([(line.words, line.aside)], education=education)
    if school and not head.organisation:
        head.organisation = school
    elif school and not head.title:
        head.title, head.organisation = head.organisation, school
    return head


def _degree_under_school(entry: Entry, line: Line) -> bool:
    """A dated list item under a school's line that has no dates of its own, or under a
    degree given so: one of the school's degrees (`B.S. … 2016 – 2020`, `M.S. … 2020 –`)."""
    head = entry.head
    first = entry.lines[0]
    school = not head.dates or first.bullet and bool(head.title)
    return line.bullet and _dated(line) and bool(head.organisation) and school


def _dated(line: Line) -> bool:
    return bool(find_dates(line.aside)[0] or find_dates(line.words)[0])


def _set_as_head(line: Line, looks: set[str]) -> bool:
    """A short line in capitals or bold, set as the section's heads are (a second role under
    its company, written like the first's title)."""
    short = len(line.words.split()) <= 8 and not line.words.endswith(".")
    return bool(
        line.look in looks and short and not line.bullet and (line.bold or shouting(line.words))
    )


def _under_company(entries: list[Entry]) -> None:
    """Names that no word tells under a company's line that has nothing of its own: its
    roles' titles (a company's head, then a head for each role held there), a line cut in
    two names by a guess one title."""
    company = False
    for entry in entries:
        head = entry.head
        bare = not (entry.bullets or entry.details or entry.groups)
        if head.organisation and not head.title and bare:
            company = True
        elif company and head.organisation and not head.title and not head.told:
            head.title, head.organisation = head.organisation, ""
        elif company and not head.told and head.written:  # `Lead · Fullstack`: one title
            head.title, head.organisation, head.guesses = head.written, "", []
        else:
            company = company and bool(head.title and not head.organisation)


def _agree(entries: list[Entry]) -> None:
    """Heads whose words did not tell the title from the organisation read the way the
    section's other heads were told (a section writes its heads in one order)."""
    told = [e.head.order for e in entries if e.head.told and e.head.order]
    if len(set(told)) != 1 or len(told) < 2:  # (one head told is no section's order yet)
        return
    order = told[0]
    for entry in entries:
        head = entry.head
        if head.told or not head.order:
            continue
        if head.order != order:
            head.title, head.organisation = head.organisation, head.title
            head.order = order
        head.guesses = [g for g in head.guesses if "other way round" not in g]


def _sub_heading(line: Line, lines: list[Line]) -> bool:
    """A short line with bullets under it, inside an entry: the heading of a group of bullets
    (a system, a topic), not a sentence or a labelled line (`Technologies: …`)."""
    following = lines.index(line) + 1
    before_bullet = following < len(lines) and lines[following].bullet
    words = line.words
    return (
        before_bullet
        and len(words.split()) <= 10
        and not words.endswith((".", ":"))
        and not _LABELLED.match(words)
    )


def _address(shown: str, entry: Entry) -> str:
    """A link's address as the file holds it (a Word hyperlink, a PDF annotation) where its
    text was written shorter (github.com/ann), else the text made an address."""
    if not shown:
        return ""
    bare = shown.removeprefix("https://").removeprefix("http://")
    for line in entry.lines:
        for text, address in line.links:
            if bare.rstrip("/") in address or text.strip() == bare:
                return address
    return shown


def _items(text: str) -> list[str]:
    """`Python, Go (Gin, Echo); SQL` -> its items (a comma inside brackets kept)."""
    items = split_items(text, ",;，、")
    return [i.strip(" .•·") for i in items if i.strip(" .•·")]


def _language(item: str) -> tuple[str, str]:
    """`German (B2)`, `German – fluent`, `German: native` -> (language, fluency)."""
    found = re.match(r"^(.+?)\s*(?:\((.+)\)|[-–—:：]\s*(.+))$", item)
    if found:
        return found.group(1).strip(), (found.group(2) or found.group(3) or "").strip()
    return item.strip(), ""


def _ends_sentence(text: str) -> bool:
    """Whether a line ends as a sentence does: four words or more, not ending with an
    abbreviation (`Wildwood, Inc.`, `Harborview, L.L.C.`)."""
    abbreviated = ends_in_legal_form(text) or re.search(r"\b(?:jr|sr|dr|st|e\.v)\.$", text, re.I)
    return text.endswith(".") and not abbreviated and len(text.split()) >= 4


def _degree_and_field(item: Json) -> None:
    """`Master of Science, Computer Science` or `BSc in Physics`: a degree and its field."""
    degree = item.get("degree")
    if not isinstance(degree, str):
        return
    found = re.match(r"^(.+?),\s+(.+)$", degree) or (
        re.match(r"^(.+?)\s+in\s+(.+)$", degree) if "(" not in degree else None
    )
    if found and not item.get("field"):
        item["degree"], item["field"] = found.group(1), found.group(2)


def _roles(experience: list[Json]) -> None:
    """A company head with no title and nothing under it, followed by entries with a title
    and no company: its roles (a promotion), as the profile holds them."""
    i = 0
    while i < len(experience):
        job = experience[i]
        if job.get("company") and not job.get("title") and not job.get("highlights"):
            j = i + 1
            while (
                j < len(experience)
                and experience[j].get("title")
                and not experience[j].get("company")
            ):
                j += 1
            if j > i + 1:
                roles = experience[i + 1 : j]
                for key in ("start", "end"):
                    job.pop(key, None)
                job["roles"] = roles
                del experience[i + 1 : j]
        i += 1
