"""A JSON Resume document read into the profile's values, by the table in `fields.py`.

Each item is mapped field for field (`map_item`: unknown fields noted, earlier names read,
empty values skipped, every value's origin kept); what a section needs beyond the table is a
small function below it (roles at one organisation, a project's roles, skills given by name
alone, the custom sections). Then the whole is tidied once: HTML made the profile's markup,
`- ` lines made bullets, one-line fields joined, empty list items left out (and said).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

from pydantic import ValidationError

from renderer.errors import FieldPath, format_path
from renderer.inputs.foreign_text import has_html, html_to_markup, split_bullets
from renderer.inputs.imported import Imported, Json, kind_of, one_line, present
from renderer.inputs.jsonresume import fields as table
from renderer.inputs.jsonresume.export import export_resume
from renderer.inputs.jsonresume.fields import ALIASES, MAIN
from renderer.inputs.jsonresume.other import heading_of, other_section
from renderer.profile.model import Position, Profile
from renderer.profile.values import means_present, read_date, read_span


def looks_like_json_resume(data: dict[str, Any]) -> bool:
    """A JSON Resume document, not a profile: it has one of JSON Resume's own sections, its
    schema or its item fields (startDate…), and none of the profile's own header fields."""
    schema = str(data.get("$schema", ""))
    own = bool(table.ONLY_JSON_RESUME & data.keys()) or "jsonresume" in schema
    items = [
        item
        for section in ("projects", "education", "awards", "publications")
        if isinstance(data.get(section), list)
        for item in data[section]
    ]
    own = own or any(
        isinstance(item, dict) and bool(table.ONLY_JSON_RESUME_ITEMS & item.keys())
        for item in items
    )
    return own and not ({"name", "experience", "headline", "links"} & data.keys())


def import_resume(document: Json) -> Imported:
    """The profile's values for a JSON Resume document (not yet validated)."""
    embedded = _embedded(document)
    if isinstance(embedded, Imported):
        return embedded
    imported = _Reader(document).run()
    if embedded:
        imported.note(("meta", table.EMBED), embedded)
    return imported


_ONLY_IN_COPY = (
    "employment kinds, tags, highlight groups, the locale, the section order and custom "
    "sections other than volunteer, interests and references"
)


def _embedded(document: Json) -> Imported | str | None:
    """The profile export kept under meta, if JSON Resume's fields are still what export made
    of it; else why it is set aside (or None when there is none)."""
    meta = document.get("meta")
    copy = meta.get(table.EMBED) if isinstance(meta, dict) else None
    if copy is None:
        return None
    where = ("meta", table.EMBED, "profile")
    profile = copy.get("profile") if isinstance(copy, dict) else None
    if not isinstance(profile, dict):
        return "holds no profile; imported from JSON Resume's fields"
    try:
        model = Profile.model_validate(profile)
    except ValueError as error:
        first = error.errors()[0] if isinstance(error, ValidationError) else None
        why = f": {format_path(where + tuple(first['loc']))}: {first['msg']}" if first else ""
        return (
            f"set aside, not a valid profile{why}; imported from JSON Resume's fields, so "
            f"what only the copy holds is lost: {_ONLY_IN_COPY}"
        )
    if _standard(export_resume(model, embed=False)) != _standard(document):
        return (
            "set aside: JSON Resume's fields were edited after export, so they are imported "
            f"and what only the copy holds is lost: {_ONLY_IN_COPY}"
        )
    return Imported(profile, {(): where})


def _standard(document: Json) -> Json:
    return {k: v for k, v in document.items() if k not in ("meta", "$schema")}


class _Reader:
    """One document being read: the mapping engine and the sections' own steps."""

    def __init__(self, document: Json) -> None:
        self.document = document
        self.out = Imported({})

    # -- the engine -------------------------------------------------------------------------

    def items(self, name: str, parent: Json | None = None) -> list[tuple[FieldPath, Json]]:
        """A section's items with their paths. A mapping where a list belongs is read as its
        one item (with a note); what is not a mapping is an error."""
        container = self.document if parent is None else parent
        value = container.get(name)
        where: FieldPath = (name,) if parent is None else ("basics", name)
        if not present(value):
            return []
        if isinstance(value, (dict, str)):
            self.out.note(where, "a single item where JSON Resume has a list: read as one item")
            value = [value]
        if not isinstance(value, list):
            self.out.note(where, f"not imported: {kind_of(value)} ({value!r}), not a list")
            return []
        found = []
        for i, item in enumerate(value):
            at = (*where, i) if len(where) < 3 else where
            if isinstance(item, (str, int, float)) and not isinstance(item, bool) and name in MAIN:
                if present(item):  # "Dean's List" where a mapping belongs: its main field
                    found.append((at, {MAIN[name]: item}))
            elif isinstance(item, dict) and not any(present(v) for v in item.values()):
                if item:
                    self.out.note(at, "left out: an item with every field empty")
            elif isinstance(item, dict):
                found.append((at, item))
            elif present(item):
                self.out.errors.append((at, f"a mapping of fields, not {kind_of(item)}"))
        return found

    def given(self, item: Any, source: FieldPath, section: table.Section) -> Json:
        """An item's fields that hold something, by their v1 names; unknown ones noted, and
        those JSON Resume defines that the profile cannot hold."""
        if not isinstance(item, dict):
            self.out.errors.append((source, f"a mapping of fields, not {kind_of(item)}"))
            return {}
        found: Json = {}
        aliases = ALIASES.get(section.name) or ALIASES.get(_SAME.get(section.name, ""), {})
        item = self.one_language(item, source, section)
        for key, value in item.items():
            name: str = aliases.get(str(key)) or table.EARLIER_NAMES.get(str(key), str(key))
            known = name in section.fields or name in section.left_out
            if not known or (name != key and name in item):
                if present(value):
                    self.out.note(
                        (*source, key), f"not imported: JSON Resume defines no {key!r} here"
                    )
                continue
            if name != key:
                self.out.renamed[(*source, name)] = (*source, key)
            if not present(value):
                continue
            if name in section.left_out:
                shown = f" {value!r}" if isinstance(value, (str, int, float)) else ""
                why = section.left_out[name]
                self.out.note((*source, name), f"not imported: {name}{shown} ({why})")
                continue
            found[name] = value
        return found

    def one_language(self, item: Json, source: FieldPath, section: table.Section) -> Json:
        """Fields written once per language (`en_name`, `fr_name`): English's read as the
        field, else the first language's; the others noted."""
        known = {*section.fields, *section.left_out}
        chosen: dict[str, str] = {}  # field -> the key read for it
        for key in item:
            field = _in_language(str(key), known)
            if field and field not in item and (field not in chosen or key.startswith("en_")):
                chosen[field] = key
        if not chosen:
            return item
        kept: Json = {}
        for key, value in item.items():
            field = _in_language(str(key), known)
            if field not in chosen:
                kept[key] = value
            elif chosen[field] == key:
                kept[field] = value
                self.out.renamed[(*source, field)] = (*source, key)
            else:
                self.out.note((*source, key), f"not imported: {key} (the field in one language)")
        return kept

    def map_item(
        self, item: Json, source: FieldPath, section: table.Section, at: FieldPath
    ) -> Json:
        """An item mapped field for field onto a profile entry at `at`."""
        self.out.origins[at] = source
        for name, target in section.fields.items():  # a missing field is named as written
            self.out.origins[(*at, target)] = (*source, name)
        entry: Json = {}
        for name, value in self.given(item, source, section).items():
            if name == "url":
                value = self.url(value, (*source, name))
                if value is None:
                    continue
            self.out.put(entry, section.fields[name], value, at, (*source, name))
        if "period" in entry:  # one text for both dates: `September 2009 - June 2012`
            self.period(entry, at)
        return entry

    def period(self, entry: Json, at: FieldPath) -> None:
        text = entry.pop("period")
        source = self.out.origins[(*at, "period")]
        span = read_span(str(text)) if isinstance(text, (str, int)) else None
        if span is None:
            self.out.note(source, f"not imported: {text!r} is not a date or a range of dates")
            return
        if "date" in span:
            span = {"start": span["date"], "end": span["date"]}
        for key, value in span.items():
            if key not in entry:
                self.out.put(entry, key, value, at, source)

    def mapped(self, section: table.Section, target: FieldPath) -> list[tuple[FieldPath, Json]]:
        """(source, entry) for each item of a section, entries placed at target[i]."""
        made: list[tuple[FieldPath, Json]] = []
        for source, item in self.items(section.name):
            made.append((source, self.map_item(item, source, section, (*target, len(made)))))
        return made

    def text(self, value: Any, source: FieldPath) -> str | None:
        """A value printed as text: a string or a number; anything else is an error."""
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
        self.out.errors.append((source, f"text, not {kind_of(value)}"))
        return None

    def url(self, value: Any, source: FieldPath) -> Any:
        """An address as the profile takes it: one written without https:// (example.com)
        gets it, spaces inside are written %20, each with a note; text that is no address
        ("GitHub", "coming soon") is left out, with a note."""
        if not isinstance(value, str):
            return value
        text = value.strip()
        if re.search(r"\s", text) and re.match(r"[a-zA-Z][\w+.-]*:", text):
            fixed = re.sub(r"\s", "%20", text)
            self.out.note(source, f"spaces in {text!r}: imported as {fixed}")
            return fixed
        if re.match(r"[a-zA-Z][\w+.-]*:", text):
            return text
        if re.fullmatch(r"[\w-]+(\.[\w-]+)+(/\S*)?", text):
            fixed = "https://" + text
            self.out.note(source, f"{value!r} has no scheme; imported as {fixed}")
            return fixed
        self.out.note(source, f"not imported: {value!r} is not a web address")
        return None

    # -- the document -----------------------------------------------------------------------

    def run(self) -> Imported:
        basics = self.document.get("basics")
        flat = [] if basics is not None else _flat_basics(self.document)
        if flat:  # written before JSON Resume had basics: name, email… at the top
            self.out.note((flat[0],), f"read as basics: {', '.join(flat)}")
            self.document = {**self.document, "basics": {k: self.document[k] for k in flat}}
            self.document = {k: v for k, v in self.document.items() if k not in flat}
            for key in flat:
                self.out.renamed[("basics", key)] = (key,)
            basics = self.document["basics"]
        self.basics(basics)
        self.work()
        self.simple_sections()
        self.skills()
        self.projects()
        sections: list[Json] = []
        for made in (self.volunteer, self.interests, self.references):
            sections += made(len(sections))
        for key, value in self.document.items():
            if key not in table.KNOWN_KEYS and present(value):
                other_section(self.out, key, value, sections, self.url)
        if sections:
            self.out.data["sections"] = sections
        self.out.data = self.tidy(self.out.data, ())
        self.bullets_from_text(self.out.data, ())
        self.drop_empty_items(self.out.data, ())
        return self.out

    def basics(self, basics: Any) -> None:
        if basics is None:
            return
        source: FieldPath = ("basics",)
        given = self.given(basics, source, table.BASICS)
        out = self.out.data
        if "email" in given:
            given["email"] = self.email(given["email"], (*source, "email"))
        for key in ("name", "label", "email", "phone"):
            if given.get(key) is not None:
                self.out.put(out, table.BASICS.fields[key], given[key], (), (*source, key))
        if "summary" in given:
            self.summary(given["summary"], (*source, "summary"))
        if "location" in given:
            self.location(given["location"], (*source, "location"))
        links: list[Json] = []
        site = self.url(given["url"], (*source, "url")) if "url" in given else None
        if site is not None:
            links.append({"url": site})
            self.out.origins[("links", 0)] = self.out.origins[("links", 0, "url")] = (
                *source,
                "url",
            )
        for at, item in self.items("profiles", given):
            link = self.link(item, at)
            if link:
                self.out.origins[("links", len(links))] = at
                links.append(link)
        if links:
            out["links"] = links

    def email(self, value: Any, source: FieldPath) -> Any:
        """An address written to fool robots (ann {at} example {dot} com) as it is meant; one
        that is still no address (`[403 Forbidden]`, `###EMAIL###`) is left out, and said."""
        if not isinstance(value, str):
            return value
        text = re.sub(r"\s*[\[{(<]\s*at\s*[\]})>]\s*|\s+at\s+", "@", value.strip(), flags=re.I)
        text = re.sub(r"\s*[\[{(<]\s*dot\s*[\]})>]\s*|\s+dot\s+", ".", text, flags=re.I)
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
            self.out.note(source, f"not imported: {value!r} is not an e-mail address")
            return None
        if text != value.strip():
            self.out.note(source, f"{value!r} read as {text}")
        return text

    def summary(self, text: Any, source: FieldPath) -> None:
        """A closing run of `- ` lines is the profile's key strengths (export writes them so)."""
        if not isinstance(text, str):
            self.out.put(self.out.data, "summary", text, (), source)
            return
        prose, bullets = split_bullets(text.rstrip())
        if prose:
            self.out.put(self.out.data, "summary", prose, (), source)
        if bullets:
            self.out.data["highlights"] = bullets
            for i in range(len(bullets)):
                self.out.origins[("highlights", i)] = source

    def location(self, value: Any, source: FieldPath) -> None:
        if isinstance(value, str):  # some tools write the location as one line
            self.out.put(self.out.data, "location", value, (), source)
            return
        given = self.given(value, source, table.LOCATION)
        parts = [self.text(given[k], (*source, k)) for k in table.LOCATION.fields if k in given]
        if parts and None not in parts:
            joined = ", ".join(p.strip() for p in parts if p and p.strip())
            if joined:
                self.out.put(self.out.data, "location", joined, (), source)

    def link(self, item: Json, source: FieldPath) -> Json | None:
        given = self.given(item, source, table.PROFILE_LINK)
        network, username = given.get("network"), given.get("username")
        url = self.url(given["url"], (*source, "url")) if "url" in given else None
        if isinstance(url, str) and username and urlsplit(url).path in ("", "/"):
            # A site's home page with a username beside it means the person's page there.
            url = f"{url.rstrip('/')}/{quote(str(username).strip(), safe='@._-~')}"
        elif username and isinstance(url, str) and str(username) not in url:
            self.out.note(
                (*source, "username"), f"not imported: {username!r} (the url names a page)"
            )
        if url is None:
            self.out.note(source, "not imported: a profile without a url cannot be a link")
            return None
        return {"label": network, "url": url} if network else {"url": url}

    def work(self) -> None:
        experience: list[Json] = []
        for source, item in self.items("work"):
            at: FieldPath = ("experience", len(experience))
            entry = self.map_item(item, source, table.WORK, at)
            self.role_details(entry)
            last = experience[-1] if experience else None
            company = one_line(entry.get("company"))
            if last and company and one_line(last.get("company")) == company:
                self.add_role(last, entry, source, len(experience) - 1)
                continue
            experience.append(entry)
        if experience:
            self.out.data["experience"] = experience

    @staticmethod
    def role_details(entry: Json) -> None:
        """A start with no end is current (JSON Resume's way to say so); a last highlight
        `Technologies: a, b` is the role's technologies (export writes them so)."""
        if "start" in entry and "end" not in entry:
            entry["end"] = "present"
        highlights = entry.get("highlights")
        if isinstance(highlights, list) and highlights:
            last = highlights[-1]
            if isinstance(last, str) and last.startswith(table.TECHNOLOGIES):
                listed = last.removeprefix(table.TECHNOLOGIES).split(",")
                entry["highlights"] = highlights[:-1]
                technologies = [t.strip() for t in listed if t.strip()]
                if technologies:
                    entry["technologies"] = technologies
                if not entry["highlights"]:
                    del entry["highlights"]

    def add_role(self, company: Json, entry: Json, source: FieldPath, index: int) -> None:
        """A second consecutive item of one organisation: a role there (a promotion)."""
        at: FieldPath = ("experience", index)
        origins = self.out.origins
        if "roles" not in company:
            first = {k: company.pop(k) for k in list(company) if k in Position.model_fields}
            company["roles"] = [first]
            origins[(*at, "roles", 0)] = origins[at]
            for key in first:
                origins[(*at, "roles", 0, key)] = origins.get((*at, key), origins[at])
        place: FieldPath = (*at, "roles", len(company["roles"]))
        origins[place] = source
        role = {k: v for k, v in entry.items() if k in Position.model_fields}
        for key in role:
            origins[(*place, key)] = origins.get((*at[:1], index + 1, key), source)
        company["roles"].append(role)
        for key in ("url", "team"):
            if key not in entry:
                continue
            written = (*source, "description" if key == "team" else key)
            if key in company and entry[key] != company[key]:
                self.out.note(written, f"not imported: {company['company']} has one {written[-1]}")
            elif key not in company:
                self.out.put(company, key, entry[key], at, written)
        places = [r.get("location") for r in company["roles"]]
        if places[0] and all(p == places[0] for p in places):  # the organisation's, then
            for r in company["roles"]:
                r.pop("location")
            company["location"] = places[0]

    def simple_sections(self) -> None:
        """Sections whose items map field for field (certificates also under `certifications`)."""
        plan = (
            ("education", table.EDUCATION),
            ("awards", table.AWARDS),
            ("certifications", table.CERTIFICATES),
            ("certifications", _renamed(table.CERTIFICATES, "certifications")),
            ("publications", table.PUBLICATIONS),
            ("languages", table.LANGUAGES),
        )
        for target, section in plan:
            entries = self.out.data.setdefault(target, [])
            for source, item in self.items(section.name):
                entries.append(self.map_item(item, source, section, (target, len(entries))))
            if not entries:
                del self.out.data[target]

    def skills(self) -> None:
        groups: list[Json] = []
        loose: list[tuple[str, FieldPath]] = []  # skills given by name alone
        given = self.document.get("skills")
        if isinstance(given, dict) and not ({"name", "keywords"} & given.keys()):
            self.skill_map(given, groups)  # {"Languages": ["Go", …], "Tools": […]}
        for source, item in self.items("skills") if not groups else []:
            if not present(item.get("name")) and present(item.get("keywords")):
                item = {**item, "name": "Skills"}
                self.out.note(source, "a group of skills without a name: named 'Skills'")
            words = item.get("keywords")
            if isinstance(words, list) and any(isinstance(w, (dict, list)) for w in words):
                item = {**item, "keywords": _flattened(words)}  # [{"name": "Go", "level": 4}]
            words = item.get("keywords")
            only_blank = isinstance(words, list) and all(
                isinstance(k, str) and not k.strip() for k in words
            )
            if (not present(words) or only_blank) and isinstance(item.get("name"), str):
                self.given(item, source, table.SKILLS)  # notes a level, unknown fields
                loose.append((item["name"], source))
                continue
            groups.append(self.map_item(item, source, table.SKILLS, ("skills", len(groups))))
        if loose:
            at: FieldPath = ("skills", len(groups))
            self.out.origins[at] = loose[0][1]
            for i, (_, source) in enumerate(loose):
                self.out.origins[(*at, "keywords", i)] = (*source, "name")
            groups.append({"name": "Skills", "keywords": [name for name, _ in loose]})
        if groups:
            self.out.data["skills"] = groups

    def skill_map(self, given: Json, groups: list[Json]) -> None:
        """Skills written as a mapping of group names to skills (lists, or mappings of lists,
        or items with names): a group per key."""
        self.out.note(("skills",), "skills as a mapping of groups: a group per key")
        for key, value in given.items():
            words = [w for w in _flattened(value) if w.strip()]
            if not words:
                continue
            at: FieldPath = ("skills", len(groups))
            self.out.origins[at] = ("skills", key)
            groups.append({"name": heading_of(str(key)), "keywords": words})

    def projects(self) -> None:
        entries = []
        for source, entry in self.mapped(table.PROJECTS, ("projects",)):
            roles = entry.get("role")
            if roles is not None:
                listed = roles if isinstance(roles, list) else [roles]
                named = [self.text(r, (*source, "roles", i)) for i, r in enumerate(listed)]
                if None in named:
                    del entry["role"]
                else:
                    entry["role"] = ", ".join(n for n in named if n)
            entries.append(entry)
        if entries:
            self.out.data["projects"] = entries

    # -- the profile's own sections that JSON Resume has --------------------------------------

    def volunteer(self, index: int) -> list[Json]:
        at: FieldPath = ("sections", index, "entries")
        entries = []
        for _, entry in self.mapped(table.VOLUNTEER, at):
            if "start" in entry and entry.get("end", entry["start"]) == entry["start"]:
                if "end" in entry:  # one day or month: a date, not a range
                    entry["date"] = entry.pop("start")
                    entry.pop("end")
                else:
                    entry["end"] = "present"
            entries.append(entry)
        return [_custom("volunteer", "entries", entries)] if entries else []

    def interests(self, index: int) -> list[Json]:
        items: list[str] = []
        for source, item in self.items("interests"):
            given = self.given(item, source, table.INTERESTS)
            words = given.get("keywords", [])
            words = words if isinstance(words, list) else [words]
            listed = [self.text(w, (*source, "keywords", i)) for i, w in enumerate(words)]
            name = self.text(given["name"], (*source, "name")) if "name" in given else None
            if None in listed:
                continue
            text = ": ".join(p for p in (name, ", ".join(w for w in listed if w)) if p)
            if text:
                self.out.origins[("sections", index, "items", len(items))] = source
                items.append(text)
        return [_custom("interests", "items", items)] if items else []

    def references(self, index: int) -> list[Json]:
        at: FieldPath = ("sections", index)
        entries: list[Json] = []
        quoted: list[Any] = []  # a reference with no name: its words alone
        for source, item in self.items("references"):
            given = self.given(item, source, table.REFERENCES)
            if "name" in given:
                place = (*at, "entries", len(entries))
                entries.append(self.map_item(item, source, table.REFERENCES, place))
            elif "reference" in given:
                self.out.origins[(*at, "items", len(quoted))] = (*source, "reference")
                quoted.append(given["reference"])
        if not (entries or quoted):
            return []
        section = _custom("references", "entries", entries)
        if quoted:
            section["items"] = quoted
        return [section]

    # -- once the whole is mapped -----------------------------------------------------------

    def tidy(self, value: Any, path: FieldPath) -> Any:
        """Line ends as the profile writes them (\\r\\n from Windows tools is \\n); HTML
        made the profile's markup (plain text where a field takes none); the line breaks
        inside a one-line field joined with spaces: they are wrapping, not content."""
        if isinstance(value, dict):
            tidied = {key: self.tidy(item, (*path, key)) for key, item in value.items()}
            return {key: item for key, item in tidied.items() if item is not _LEFT_OUT}
        if isinstance(value, list):
            return [self.tidy(item, (*path, i)) for i, item in enumerate(value)]
        if path[-1:] in (("start",), ("end",), ("date",)) and path[:1] != ("meta",):
            return self.date(value, path)
        if not isinstance(value, str):
            return value
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if has_html(value):
            converted = html_to_markup(value, plain=not _is_markup(path))
            if converted.removed:
                removed = ", ".join(converted.removed)
                self.out.note(self.out.source_of(path), f"HTML left out: {removed} (its text kept)")
            value = converted.text
        return value if _is_paragraphs(path) else one_line(value)

    def date(self, value: Any, path: FieldPath) -> Any:
        """A date as the profile reads it: a day that does not exist (2018-11-31) is left out
        of a date a resume shows by its month anyway; text that is no date is left out, and
        both are said."""
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            return value
        if means_present(value):
            if path[-1] == "end":
                return value
            self.out.note(self.out.source_of(path), f"not imported: {value!r} is no date it began")
            return _LEFT_OUT
        try:
            read_date(value)
        except ValueError as error:
            source = self.out.source_of(path)
            found = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", str(value))
            if found and "not a valid date" in str(error) and 1 <= int(found.group(2)) <= 12:
                month = f"{found.group(1)}-{int(found.group(2)):02d}"
                self.out.note(source, f"{value!r} has no such day: read as {month}")
                return month
            year = re.match(r"\s*((?:19|20)\d\d)-\d{1,2}(?:-\d{1,2})?\s*$", str(value))
            if year:  # 2019-13: the year is certain (left out, 'Jan 2020' read as a month)
                self.out.note(source, f"{value!r} has no such month: read as {year.group(1)}")
                return year.group(1)
            self.out.note(source, f"not imported: {value!r} is not a date ({error})")
            return _LEFT_OUT
        return value

    def bullets_from_text(self, value: Any, path: FieldPath) -> None:
        """`- ` lines (and HTML lists) inside a description become the entry's first bullets;
        inside the summary, the profile's key strengths."""
        if isinstance(value, list):
            for i, item in enumerate(value):
                self.bullets_from_text(item, (*path, i))
            return
        if not isinstance(value, dict):
            return
        for key in list(value):
            self.bullets_from_text(value[key], (*path, key))
        name = "description" if path else "summary"
        text = value.get(name)
        older = value.get("highlights", [])
        if not isinstance(text, str) or not isinstance(older, list):
            return
        prose, bullets = split_bullets(text)
        if not bullets:
            return
        source = self.out.source_of((*path, name))
        sources = [self.out.source_of((*path, "highlights", i)) for i in range(len(older))]
        if prose:
            value[name] = prose
        else:
            del value[name]
        value["highlights"] = [*bullets, *older]
        for i, origin in enumerate([source] * len(bullets) + sources):
            self.out.origins[(*path, "highlights", i)] = origin

    def drop_empty_items(self, value: Any, path: FieldPath) -> None:
        """Empty lines in lists ("highlights": ["", "Led…"]), as forms write them: left out,
        and said."""
        if isinstance(value, dict):
            for key, item in value.items():
                self.drop_empty_items(item, (*path, key))
        elif isinstance(value, list):
            for i in reversed(range(len(value))):
                if value[i] is None or isinstance(value[i], str) and not value[i].strip():
                    self.out.note(self.out.source_of((*path, i)), "left out: an empty item")
                    for j in range(i, len(value) - 1):  # the rest keep their own lines
                        self.out.origins[(*path, j)] = self.out.source_of((*path, j + 1))
                    del value[i]
                else:
                    self.drop_empty_items(value[i], (*path, i))


def _in_language(key: str, known: set[str]) -> str | None:
    """The field a key like `fr_summary` is, in one language, if it is one of `known`."""
    found = re.fullmatch(r"([a-z]{2})_(\w+)", key)
    return found.group(2) if found and found.group(2) in known else None


def _flat_basics(document: Json) -> list[str]:
    """Top-level keys that are basics' fields (or their other names), when there are two."""
    known = {*table.BASICS.fields, *table.BASICS.left_out, *ALIASES["basics"]}
    found = [key for key in document if key in known]
    return found if len(found) >= 2 else []


def _flattened(value: Any) -> list[str]:
    """The words of a value: itself, a list's items, a mapping's values, an item's name."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [str(value)]
    if isinstance(value, list):
        return [word for item in value for word in _flattened(item)]
    if isinstance(value, dict):
        if present(value.get("name")):
            return _flattened(value["name"])
        return [word for item in value.values() for word in _flattened(item)]
    return []


_LEFT_OUT = object()  # what tidy leaves out of a mapping
_SAME = {"certifications": "certificates"}  # sections read by another's table


def _renamed(section: table.Section, name: str) -> table.Section:
    return table.Section(name, section.fields, section.left_out)


def _custom(key: str, kind: str, content: list[Any]) -> Json:
    return {"heading": table.CUSTOM[key], "id": key, kind: content}


def _is_paragraphs(path: FieldPath) -> bool:
    """The profile's fields that hold paragraphs (summaries, descriptions, a section's text)."""
    section_text = len(path) == 3 and path[0] == "sections" and path[2] == "text"
    return path == ("summary",) or path[-1:] == ("description",) or section_text


def _is_markup(path: FieldPath) -> bool:
    """The profile's fields that take inline markup: paragraphs, bullets, one-line summaries."""
    bullets = len(path) >= 2 and path[-2] in ("highlights", "items") and isinstance(path[-1], int)
    return _is_paragraphs(path) or bullets or path[-1:] == ("summary",)
