"""RenderCV's sections and their entries, read into the profile's sections.

A section's entries are of one type (RenderCV tells it by their fields, `fields.entry_type`).
Where the section's name and type say it is one of the profile's own (experience of
ExperienceEntries, skills of OneLineEntries, …) its entries become those; the first section
of ExperienceEntries, EducationEntries or PublicationEntries is the profile's experience,
education or publications whatever its name. Any other section is kept as a section of the
profile's own with RenderCV's title: entries, one-line items or text.
"""

from __future__ import annotations

import re
from typing import Any

from renderer.errors import FieldPath
from renderer.inputs.headings import section_names, words
from renderer.inputs.imported import Imported, Json, kind_of, present
from renderer.inputs.rendercv import fields as table
from renderer.inputs.rendercv.text import cleaned, plain, read_when
from renderer.profile.values import split_items

# The profile's section each entry type may become, and the entry maker for it.
_BUILT_IN = {
    "ExperienceEntry": ("experience",),
    "EducationEntry": ("education", "certifications"),
    "PublicationEntry": ("publications",),
    "NormalEntry": ("projects", "awards", "certifications"),
    "OneLineEntry": ("skills", "languages"),
    "TextEntry": ("summary",),
    "BulletEntry": ("summary",),
}
# Taken by the first section of their type, whatever it is called.
_BY_TYPE = {"ExperienceEntry": "experience", "EducationEntry": "education"}
_BY_TYPE |= {"PublicationEntry": "publications"}


class SectionReader:
    def __init__(self, out: Imported, sections: Json) -> None:
        self.out = out
        self.sections = sections
        self.used: set[str] = set()
        self.custom: list[Json] = []

    def run(self) -> None:
        order: list[str] = []
        for key, value in self.sections.items():
            where: FieldPath = ("cv", "sections", key)
            entries = self.entries_of(value, where)
            if not entries:
                continue
            kind = table.entry_type(entries)
            target = self.target(str(key), kind)
            if target:
                self.used.add(target)
                getattr(self, f"to_{target}")(entries, where)
                order.append(target)
            else:
                order.append(self.to_custom(str(key), entries, kind, where))
        if self.custom:
            self.out.data["sections"] = self.custom
        if len(order) > 1:
            self.out.data["section_order"] = list(dict.fromkeys(order))

    def entries_of(self, value: Any, where: FieldPath) -> list[Any]:
        if not present(value):
            self.out.note(where, "left out: an empty section")
            return []
        if isinstance(value, (dict, str)):
            self.out.note(where, "a single entry where RenderCV has a list: read as one entry")
            return [value]
        if not isinstance(value, list):
            self.out.errors.append((where, f"a list of entries, not {kind_of(value)}"))
            return []
        return [self.as_written(item, (*where, i)) for i, item in enumerate(value)]

    def as_written(self, item: Any, where: FieldPath) -> Any:
        """An item YAML read as something other than the line the person wrote: `- Focus:
        reliable systems` is a mapping of one field no entry has, `- [a, b]` a list, `- 2024`
        a number. Each is taken as the text it was written as (and said), rather than
        printed as {'Focus': ...} or dropped."""
        if isinstance(item, dict) and len(item) == 1:
            ((key, value),) = item.items()
            known = str(key) in table.ALL_FIELDS
            if not known and (value is None or isinstance(value, (str, int, float))):
                line = f"{key}: {value}" if value is not None else f"{key}:"
                self.out.note(
                    where,
                    f"YAML read {line!r} as a field: taken as that line "
                    "(put it in quotes to say so)",
                )
                return line
        if isinstance(item, list) and all(isinstance(v, (str, int, float)) for v in item):
            line = ", ".join(str(v) for v in item)
            self.out.note(where, f"YAML read [{line}] as a list: taken as the line {line!r}")
            return line
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            return str(item)
        return item

    def target(self, key: str, kind: str) -> str | None:
        """The profile's own section a RenderCV section is, if it is one."""
        named = section_names().get(words(key))
        if named in _BUILT_IN.get(kind, ()) and named not in self.used:
            return named
        taken_by_type = _BY_TYPE.get(kind)
        if named is not None or taken_by_type is None or taken_by_type in self.used:
            return None
        names = section_names()
        named_elsewhere = any(names.get(words(str(k))) == taken_by_type for k in self.sections)
        return None if named_elsewhere else taken_by_type

    # -- one entry --------------------------------------------------------------------------

    def entry(
        self, item: Any, where: FieldPath, at: FieldPath, mapping: dict[str, str], *, one: bool
    ) -> Json | None:
        """An entry's fields mapped onto a profile item at `at`; its dates as the item takes
        them (`one`: a single date, else a start and an end); a field with no place noted."""
        if not isinstance(item, dict):
            self.out.errors.append((where, f"an entry of fields, not {kind_of(item)}"))
            return None
        self.out.origins[at] = where
        made: Json = {}
        link: str | None = None
        for key, value in item.items():
            source = (*where, key)
            if key in table.DATES or not present(value):
                continue
            if key == "author" and "authors" in mapping and "authors" not in item:
                key = "authors"  # RenderCV would refuse the section; the intent is plain
                self.out.note(source, "read as authors")
            target = mapping.get(key)
            if target is None:
                self.out.note(source, f"not imported: {key!r} has no place in this entry")
                continue
            value, href = self.value(value, target, source)
            link = link or href
            if value is not None:
                self.out.put(made, target, value, at, source)
        self.dates(item, where, at, made, one=one)
        if link:  # a name written as a link: the entry's address (if its kind has one)
            made.setdefault("url", link)
        return made

    def value(self, value: Any, target: str, source: FieldPath) -> tuple[Any, str | None]:
        """A value as the profile's field takes it: markup kept where the field takes it, plain
        text (and the address it linked to) where not; lists item by item."""
        if isinstance(value, list):
            items = [cleaned(v) if isinstance(v, str) else v for v in value if present(v)]
            if target not in table.MARKUP:
                items = [plain(v)[0] if isinstance(v, str) else v for v in items]
            return items, None
        if target == "authors":  # one text of several authors: a list of one
            return [cleaned(value)], None
        value = cleaned(value) if isinstance(value, str) else value
        if target in table.MARKUP or not isinstance(value, str):
            return value, None
        text, href = plain(value)
        return text, href

    def dates(self, item: Json, where: FieldPath, at: FieldPath, made: Json, *, one: bool) -> None:
        """RenderCV's dates: a free `date` (read where it can be, a link taken as the entry's
        address) over start_date and end_date; a start with no end is current."""
        when: dict[str, Any] = {}
        if present(item.get("date")):
            read = read_when(item["date"])
            if isinstance(read, str):
                self.out.note((*where, "date"), f"not imported: {read!r} is not a date")
            else:
                when = read
            if "url" in when:
                made.setdefault("url", when.pop("url"))
        if not when:
            start, end = item.get("start_date"), item.get("end_date")
            if present(start):
                when = {"start": start, "end": end if present(end) else "present"}
            elif present(end):
                when = {"date": end}
        if "date" in when and not one:  # experience and education have a start and an end
            when = {"start": when["date"], "end": when["date"]}
        if "start" in when and one:  # awards and publications have one date: the latest
            when = {"date": when["end"] if when["end"] != "present" else when["start"]}
        for key, value in when.items():
            field = {"start": "start_date", "end": "end_date"}.get(key, "date")
            self.out.put(made, key, value, at, (*where, field if field in item else "date"))

    # -- the profile's own sections ---------------------------------------------------------

    def listed(
        self,
        entries: list[Any],
        where: FieldPath,
        name: str,
        mapping: dict[str, str],
        *,
        one: bool = False,
    ) -> None:
        made: list[Json] = []
        for i, item in enumerate(entries):
            entry = self.entry(item, (*where, i), (name, len(made)), mapping, one=one)
            if entry:
                made.append(entry)
        if made:
            self.out.data[name] = made

    def to_experience(self, entries: list[Any], where: FieldPath) -> None:
        self.listed(entries, where, "experience", table.EXPERIENCE)

    def to_education(self, entries: list[Any], where: FieldPath) -> None:
        self.listed(entries, where, "education", table.EDUCATION | {"summary": "summary"})
        for school in self.out.data.get("education", []):
            summary = school.pop("summary", None)  # the profile's education has bullets
            if summary:
                school["highlights"] = [summary, *school.get("highlights", [])]
            school.pop("url", None)

    def to_publications(self, entries: list[Any], where: FieldPath) -> None:
        self.listed(entries, where, "publications", table.PUBLICATION, one=True)

    def to_projects(self, entries: list[Any], where: FieldPath) -> None:
        self.listed(entries, where, "projects", table.PROJECT | {"url": "url"})

    def to_awards(self, entries: list[Any], where: FieldPath) -> None:
        self.listed(entries, where, "awards", table.AWARD | {"highlights": "summary"}, one=True)
        for award in self.out.data.get("awards", []):
            award.pop("url", None)
            if isinstance(award.get("summary"), list):
                award["summary"] = "; ".join(str(h) for h in award["summary"])

    def to_certifications(self, entries: list[Any], where: FieldPath) -> None:
        mapping = table.CERTIFICATION | {"institution": "name", "area": "issuer", "url": "url"}
        self.listed(entries, where, "certifications", mapping, one=True)

    def to_skills(self, entries: list[Any], where: FieldPath) -> None:
        groups: list[Json] = []
        for i, item in enumerate(entries):
            label, details = _label_and_details(item)
            if not (label and details):
                self.out.note((*where, i), "not imported: a skill line without a label and details")
                continue
            at = ("skills", len(groups))
            self.out.origins[at] = (*where, i)
            self.out.origins[(*at, "name")] = (*where, i, "label")
            self.out.origins[(*at, "keywords")] = (*where, i, "details")
            groups.append({"name": plain(label)[0], "keywords": _split_list(details)})
        if groups:
            self.out.data["skills"] = groups

    def to_languages(self, entries: list[Any], where: FieldPath) -> None:
        languages: list[Json] = []
        for i, item in enumerate(entries):
            label, details = _label_and_details(item)
            if label:
                self.out.origins[("languages", len(languages))] = (*where, i)
                entry = {"language": plain(label)[0]}
                if details:
                    entry["fluency"] = plain(details)[0]
                languages.append(entry)
        if languages:
            self.out.data["languages"] = languages

    def to_summary(self, entries: list[Any], where: FieldPath) -> None:
        for i, entry in enumerate(entries):
            if not isinstance(entry, str) and not (isinstance(entry, dict) and "bullet" in entry):
                self.out.errors.append(
                    ((*where, i), f"a summary holds lines of text or bullets, not {kind_of(entry)}")
                )
        texts = [cleaned(e) for e in entries if isinstance(e, str)]
        bullets = [
            cleaned(e.get("bullet")) for e in entries if isinstance(e, dict) and e.get("bullet")
        ]
        if texts:
            self.out.put(self.out.data, "summary", "\n\n".join(texts), (), where)
        if bullets:
            self.out.data["highlights"] = bullets
            self.out.origins[("highlights",)] = where

    # -- a section of the profile's own ------------------------------------------------------

    def to_custom(self, key: str, entries: list[Any], kind: str, where: FieldPath) -> str:
        at: FieldPath = ("sections", len(self.custom))
        section: Json = {"heading": table.title_of(key), "id": _section_id(key, self.custom)}
        self.out.origins[at] = where
        if kind == "TextEntry":
            texts = [cleaned(str(e)) for e in entries if present(e)]
            self.out.put(section, "text", "\n\n".join(texts), at, where)
        elif kind in ("OneLineEntry", "BulletEntry", "NumberedEntry", "ReversedNumberedEntry"):
            if kind != "OneLineEntry" and kind != "BulletEntry":
                order = "newest first" if kind.startswith("Reversed") else "in order"
                self.out.note(where, f"numbered entries: kept {order}, as a list without numbers")
            items: list[str] = []
            for i, item in enumerate(entries):
                text = _one_line_item(item)
                if text:
                    self.out.origins[(*at, "items", len(items))] = (*where, i)
                    items.append(cleaned(text))
            section["items"] = items
        else:
            mapping = _CUSTOM_FIELDS[kind]
            made: list[Json] = []
            for i, item in enumerate(entries):
                place = (*at, "entries", len(made))
                entry = self.entry(item, (*where, i), place, mapping, one=False)
                if entry is not None:
                    _title_from(entry, kind)
                    made.append(entry)
            section["entries"] = made
        self.custom.append(section)
        return str(section["id"])


# An entry of a section of the profile's own, from each entry type.
_CUSTOM_FIELDS: dict[str, dict[str, str]] = {
    "NormalEntry": table.ENTRY,
    "ExperienceEntry": {"position": "title", "company": "organisation"} | table.ENTRY,
    "EducationEntry": {"degree": "title", "area": "area", "institution": "organisation"}
    | table.ENTRY,
    "PublicationEntry": {"title": "title", "journal": "organisation", "authors": "authors"}
    | {"url": "url", "doi": "doi", "summary": "description"},
}


def _title_from(entry: Json, kind: str) -> None:
    """The fields an entry of the profile's own does not have, folded into those it has."""
    area = entry.pop("area", None)
    if area:
        entry["title"] = ", ".join(p for p in (entry.get("title"), area) if p)
    authors = entry.pop("authors", None)
    if authors:
        line = ", ".join(str(a) for a in authors)
        entry["description"] = (
            f"{line}\n\n{entry['description']}" if entry.get("description") else line
        )
    doi = entry.pop("doi", None)
    if doi and "url" not in entry:
        entry["url"] = doi if str(doi).startswith("http") else f"https://doi.org/{doi}"
    if not (entry.get("title") or entry.get("organisation")):
        entry["title"] = kind.removesuffix("Entry")


def _label_and_details(item: Any) -> tuple[str, str]:
    if isinstance(item, dict):
        return str(item.get("label") or item.get("name") or ""), str(item.get("details") or "")
    if isinstance(item, str) and ":" in item:
        label, _, details = item.partition(":")
        return label.strip(" *"), details.strip()
    return "", ""


def _one_line_item(item: Any) -> str:
    if isinstance(item, str):
        return item
    if not isinstance(item, dict):
        return ""
    for key in ("bullet", "number", "reversed_number"):
        if present(item.get(key)):
            return str(item[key])
    label, details = _label_and_details(item)
    return f"**{label}:** {details}" if label and details else label or details


def _split_list(text: str) -> list[str]:
    """`Python, Go (Gin, Echo), SQL` -> its items, a comma inside brackets kept."""
    return [plain(i.strip())[0] for i in split_items(cleaned(text)) if i.strip()]


def _section_id(key: str, sections: list[Json]) -> str:
    made = re.sub(r"[^a-z0-9]+", "-", words(key)).strip("-")[:30] or "section"
    made = made if made[:1].isalpha() else f"section-{made}"
    taken = {s.get("id") for s in sections} | set(section_names().values())
    candidate, n = made, 2
    while candidate in taken:
        candidate, n = f"{made}-{n}", n + 1
    return candidate
