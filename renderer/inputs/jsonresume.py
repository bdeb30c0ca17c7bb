"""JSON Resume (jsonresume.org, schema v1): read one as a profile, write a profile as one.

Import maps every JSON Resume section onto the profile. Beside the profile's values it keeps
where each came from, so that an error names the line of resume.json and the JSON Resume
field, and a note for everything the profile cannot hold (a photo, a street address, a skill
level, a key JSON Resume does not define): reported by field, never dropped silently.

Export writes JSON Resume's own fields, filled so that its themes show everything they can:

- several roles at one organisation become one `work` item per role with the same `name`;
  import merges consecutive items of one name back into roles;
- highlight groups become highlights written `Heading: bullet`; technologies a last
  highlight `Technologies: a, b` (import reads that one back);
- the profile's key strengths become `- ` bullet lines closing `basics.summary`;
- a team is `work.description`; education highlights are `courses`; custom sections with the
  ids volunteer, interests and references become those sections.

What JSON Resume has no field for (employment kind, tags, groups, locale, section order,
other custom sections) travels in a copy of the profile under `meta.x-resume-renderer`.
Import takes that copy only while JSON Resume's fields are still exactly what export wrote
from it; once they were edited elsewhere, they win and the copy is set aside with a note.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from pydantic import ValidationError

from renderer.errors import FieldPath, format_path
from renderer.inputs.foreign_text import has_html, html_to_markup, split_bullets
from renderer.profile.model import SECTION_FIELDS, Experience, Position, Profile

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
EMBED = "x-resume-renderer"  # the key under `meta` that holds the profile itself
TECHNOLOGIES = "Technologies: "

# Top-level keys only JSON Resume has; a profile never does.
_ONLY_JSON_RESUME = {"basics", "work", "volunteer", "certificates", "interests", "references"}
_SECTIONS = (
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
)
# Custom sections that JSON Resume has a section for, by the id import gives them.
_CUSTOM = {"volunteer": "Volunteering", "interests": "Interests", "references": "References"}

Json = dict[str, Any]

# JSON Resume before v1 (0.0.x, still written by older tools) named some fields otherwise.
_EARLIER_NAMES = {"company": "name", "website": "url", "gpa": "score", "picture": "image"}


# Keys of items that only JSON Resume writes, in the sections both have (projects, education…).
_ONLY_JSON_RESUME_ITEMS = {"startDate", "endDate", "releaseDate", "studyType", "area", "courses"}


def looks_like_json_resume(data: dict[str, Any]) -> bool:
    """A JSON Resume document, not a profile: it has one of JSON Resume's own sections, its
    schema or its item fields (startDate…), and none of the profile's own header fields."""
    schema = str(data.get("$schema", ""))
    own = bool(_ONLY_JSON_RESUME & data.keys()) or "jsonresume" in schema
    items = [
        item
        for section in ("projects", "education", "awards", "publications")
        if isinstance(data.get(section), list)
        for item in data[section]
    ]
    own = own or any(
        isinstance(item, dict) and bool(_ONLY_JSON_RESUME_ITEMS & item.keys()) for item in items
    )
    return own and not ({"name", "experience", "headline", "links"} & data.keys())


# --- import -----------------------------------------------------------------------------------


@dataclass
class Imported:
    """A profile's values made from a JSON Resume document."""

    data: Json
    origins: dict[FieldPath, FieldPath] = field(default_factory=dict)  # profile <- JSON Resume
    notes: list[tuple[FieldPath, str]] = field(default_factory=list)  # JSON Resume path, text
    errors: list[tuple[FieldPath, str]] = field(default_factory=list)  # what cannot be read
    renamed: dict[FieldPath, FieldPath] = field(default_factory=dict)  # v1 name <- as written

    def source_of(self, path: FieldPath) -> FieldPath:
        """Where a profile value came from: its own origin, or its nearest parent's with the
        rest of the path (a list of highlights keeps its indices)."""
        found = path
        for end in range(len(path), -1, -1):
            if path[:end] in self.origins:
                found = self.origins[path[:end]] + path[end:]
                break
        for end in range(len(found), 0, -1):  # a field written by its name before v1
            if found[:end] in self.renamed:
                return self.renamed[found[:end]] + found[end:]
        return found


def import_resume(document: Json) -> Imported:
    """The profile's values for a JSON Resume document (not yet validated)."""
    embedded = _embedded(document)
    if isinstance(embedded, Imported):
        return embedded
    imported = _Import().run(document)
    if embedded:
        imported.notes.append((("meta", EMBED), embedded))
    return imported


def _embedded(document: Json) -> Imported | str | None:
    """The profile export kept under meta, if JSON Resume's fields are still what export made
    of it; else why it is set aside (or None when there is none)."""
    meta = document.get("meta")
    copy = meta.get(EMBED) if isinstance(meta, dict) else None
    if copy is None:
        return None
    where = ("meta", EMBED, "profile")
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


_ONLY_IN_COPY = (
    "employment kinds, tags, highlight groups, the locale, the section order and custom "
    "sections other than volunteer, interests and references"
)


def _standard(document: Json) -> Json:
    return {k: v for k, v in document.items() if k not in ("meta", "$schema")}


def _kind(value: Any) -> str:
    """What a JSON value is, in JSON's words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    names = {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


def _present(value: Any) -> bool:
    """JSON Resume files written by forms carry "" and [] for fields left empty."""
    return value is not None and value != "" and value != [] and value != {}


def _is_paragraphs(path: FieldPath) -> bool:
    """The profile's fields that hold paragraphs (summaries, descriptions, a section's text)."""
    section_text = len(path) == 3 and path[0] == "sections" and path[2] == "text"
    return path == ("summary",) or path[-1:] == ("description",) or section_text


def _is_markup(path: FieldPath) -> bool:
    """The profile's fields that take inline markup: paragraphs, bullets, one-line summaries."""
    bullets = len(path) >= 2 and path[-2] in ("highlights", "items") and isinstance(path[-1], int)
    return _is_paragraphs(path) or bullets or path[-1:] == ("summary",)


def _one_line(value: Any) -> Any:
    """Line breaks inside a single-line field are wrapping, not content."""
    return " ".join(value.split()) if isinstance(value, str) else value


class _Import:
    """One JSON Resume document read into profile values: a method per section, each noting
    where every value came from (`put`) and what it could not take (`note`)."""

    def __init__(self) -> None:
        self.out = Imported({})

    def note(self, source: FieldPath, message: str) -> None:
        self.out.notes.append((source, message))

    def fields(self, item: Any, source: FieldPath, known: tuple[str, ...]) -> Json:
        """An item's fields that hold something; unknown keys noted."""
        if not isinstance(item, dict):
            self.out.errors.append((source, f"a mapping of fields, not {_kind(item)}"))
            return {}
        given: Json = {}
        for key, value in item.items():
            name = _EARLIER_NAMES.get(key, key)
            if name not in known or (name != key and name in item):
                if _present(value):
                    message = f"not imported: JSON Resume defines no {key!r} here"
                    self.note((*source, key), message)
                continue
            if name != key:
                self.out.renamed[(*source, name)] = (*source, key)
            if _present(value):
                given[name] = value
        return given

    def text(self, value: Any, source: FieldPath) -> str | None:
        """A value printed as text: a string or a number; anything else is an error."""
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
        self.out.errors.append((source, f"text, not {_kind(value)}"))
        return None

    def put(self, target: Json, key: str, value: Any, at: FieldPath, source: FieldPath) -> None:
        target[key] = value
        self.out.origins[(*at, key)] = source

    def items(
        self, document: Json, section: str, parent: FieldPath = ()
    ) -> list[tuple[FieldPath, Json]]:
        """A section's items with their paths; what is not a list of mappings is an error."""
        value = document.get(section)
        if not _present(value):
            return []
        if not isinstance(value, list):
            self.out.errors.append(((*parent, section), f"a list, not {_kind(value)}"))
            return []
        found = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                found.append(((*parent, section, i), item))
            else:
                message = f"a mapping of fields, not {_kind(item)}"
                self.out.errors.append(((*parent, section, i), message))
        return found

    def run(self, document: Json) -> Imported:
        self.basics(document.get("basics"))
        self.work(document)
        self.education(document)
        self.simple(document)
        self.skills(document)
        self.projects(document)
        self.custom(document)
        self.out.data = self.tidy(self.out.data, ())
        self.bullets_from_text(self.out.data, ())
        self.drop_empty_items(self.out.data, ())
        return self.out

    def tidy(self, value: Any, path: FieldPath) -> Any:
        """Line ends as the profile writes them (\\r\\n from Windows tools is \\n); HTML
        made the profile's markup (plain text where a field takes none); the line breaks
        inside a one-line field joined with spaces: they are wrapping, not content."""
        if isinstance(value, dict):
            return {key: self.tidy(item, (*path, key)) for key, item in value.items()}
        if isinstance(value, list):
            return [self.tidy(item, (*path, i)) for i, item in enumerate(value)]
        if not isinstance(value, str):
            return value
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if has_html(value):
            converted = html_to_markup(value, plain=not _is_markup(path))
            if converted.removed:
                removed = ", ".join(converted.removed)
                self.note(self.out.source_of(path), f"HTML left out: {removed} (its text kept)")
            value = converted.text
        return value if _is_paragraphs(path) else _one_line(value)

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
        text = value.get("description") if path else value.get("summary")
        if (
            not isinstance(text, str)
            or "highlights" in value
            and not isinstance(value["highlights"], list)
        ):
            return
        prose, bullets = split_bullets(text)
        if not bullets:
            return
        field_name = "description" if path else "summary"
        source = self.out.source_of((*path, field_name))
        older = value.get("highlights", [])
        sources = [self.out.source_of((*path, "highlights", i)) for i in range(len(older))]
        if prose:
            value[field_name] = prose
        else:
            del value[field_name]
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
                if isinstance(value[i], str) and not value[i].strip():
                    self.note(self.out.source_of((*path, i)), "left out: an empty item")
                    for j in range(i, len(value) - 1):  # the rest keep their own lines
                        self.out.origins[(*path, j)] = self.out.source_of((*path, j + 1))
                    del value[i]
                else:
                    self.drop_empty_items(value[i], (*path, i))

    # Each section: JSON Resume's fields, mapped onto the profile's.

    def basics(self, basics: Any) -> None:
        source: FieldPath = ("basics",)
        known = ("name", "label", "image", "email", "phone", "url", "summary", "location")
        given = self.fields(basics, source, (*known, "profiles")) if basics is not None else {}
        out = self.out.data
        for key, target in (("name", "name"), ("label", "headline"), ("email", "email")):
            if key in given:
                self.put(out, target, _one_line(given[key]), (), (*source, key))
        if "phone" in given:
            self.put(out, "phone", given["phone"], (), (*source, "phone"))
        if "image" in given:
            self.note((*source, "image"), "not imported: the built-in themes print no photo")
        if "summary" in given:
            self.summary(given["summary"], (*source, "summary"))
        if "location" in given:
            self.location(given["location"], (*source, "location"))
        links: list[Json] = []
        if "url" in given:
            links.append({"url": self.url(given["url"], (*source, "url"))})
            self.out.origins[("links", 0)] = (*source, "url")
            self.out.origins[("links", 0, "url")] = (*source, "url")
        for at, item in self.items(given, "profiles", source):
            link = self.link(item, at)
            if link:
                self.out.origins[("links", len(links))] = at
                links.append(link)
        if links:
            out["links"] = links

    def summary(self, text: Any, source: FieldPath) -> None:
        """A closing run of `- ` lines is the profile's highlights (export writes them so)."""
        if not isinstance(text, str):
            self.put(self.out.data, "summary", text, (), source)
            return
        lines = text.rstrip().split("\n")
        start = len(lines)
        while start > 0 and re.match(r"\s*[-*•] \S", lines[start - 1]):
            start -= 1
        bullets = [re.sub(r"^\s*[-*•] ", "", line).strip() for line in lines[start:]]
        prose = "\n".join(lines[:start]).strip()
        if prose:
            self.put(self.out.data, "summary", prose, (), source)
        if bullets:
            self.out.data["highlights"] = bullets
            for i in range(len(bullets)):
                self.out.origins[("highlights", i)] = source

    def location(self, value: Any, source: FieldPath) -> None:
        if isinstance(value, str):  # some tools write the location as one line
            self.put(self.out.data, "location", _one_line(value), (), source)
            return
        known = ("address", "postalCode", "city", "region", "countryCode")
        given = self.fields(value, source, known)
        for key in ("address", "postalCode"):
            if key in given:
                self.note(
                    (*source, key),
                    "not imported: a resume gives a city and country, not a street address",
                )
        keys = [k for k in ("city", "region", "countryCode") if k in given]
        parts = [self.text(given[k], (*source, k)) for k in keys]
        if parts and None not in parts:
            joined = ", ".join(p for p in parts if p)
            self.put(self.out.data, "location", _one_line(joined), (), source)

    def url(self, value: Any, source: FieldPath) -> Any:
        """An address written without https:// (example.com) gets it, with a note."""
        if isinstance(value, str) and re.fullmatch(r"[\w-]+(\.[\w-]+)+(/\S*)?", value.strip()):
            fixed = "https://" + value.strip()
            self.note(source, f"{value!r} has no scheme; imported as {fixed}")
            return fixed
        return value

    def link(self, item: Any, source: FieldPath) -> Json | None:
        given = self.fields(item, source, ("network", "username", "url"))
        network, username = given.get("network"), given.get("username")
        url = self.url(given["url"], (*source, "url")) if "url" in given else None
        if isinstance(url, str) and username and urlsplit(url).path in ("", "/"):
            # A site's home page with a username beside it means the person's page there.
            url = f"{url.rstrip('/')}/{username}"
        elif username and isinstance(url, str) and str(username) not in url:
            self.note((*source, "username"), f"not imported: {username!r} (the url names a page)")
        if url is None:
            self.note(source, "not imported: a profile without a url cannot be a link")
            return None
        return {"label": _one_line(network), "url": url} if network else {"url": url}

    def work(self, document: Json) -> None:
        experience: list[Json] = []
        known: tuple[str, ...] = ("name", "location", "description", "position", "url")
        known += ("startDate", "endDate", "summary", "highlights")
        for source, item in self.items(document, "work"):
            given = self.fields(item, source, known)
            role = self.position(given, source)
            company = {"company": _one_line(given.get("name"))} if "name" in given else {}
            last = experience[-1] if experience else None
            if last and company and last.get("company") == company["company"]:
                self.add_role(last, role, given, source, len(experience) - 1)
                continue
            at: FieldPath = ("experience", len(experience))
            self.out.origins[at] = source
            self.out.origins[(*at, "company")] = (*source, "name")
            entry: Json = {**company, **role}
            if "url" in given:
                entry["url"] = self.url(given["url"], (*source, "url"))
            if "description" in given:
                team = _one_line(given["description"])
                self.put(entry, "team", team, at, (*source, "description"))
            self.remember(at, source, role)
            experience.append(entry)
        if experience:
            self.out.data["experience"] = experience

    def position(self, given: Json, source: FieldPath) -> Json:
        role: Json = {}
        for key, target in (("position", "title"), ("location", "location")):
            if key in given:
                role[target] = _one_line(given[key])
        for key, target in (("startDate", "start"), ("endDate", "end")):
            if key in given:
                role[target] = given[key]
        if "start" in role and "end" not in role:
            role["end"] = "present"  # JSON Resume's way to say so: no endDate
        if "summary" in given:
            role["description"] = given["summary"]
        highlights = given.get("highlights")
        if isinstance(highlights, list):
            texts = [_one_line(h) for h in highlights]
            if texts and isinstance(texts[-1], str) and texts[-1].startswith(TECHNOLOGIES):
                listed = texts.pop().removeprefix(TECHNOLOGIES).split(",")
                role["technologies"] = [t.strip() for t in listed if t.strip()]
                if not role["technologies"]:
                    del role["technologies"]
            if texts:
                role["highlights"] = texts
        elif highlights is not None:
            role["highlights"] = highlights  # validation reports it at its line
        return role

    def remember(self, at: FieldPath, source: FieldPath, role: Json) -> None:
        names = {"title": "position", "start": "startDate", "end": "endDate"}
        names |= {"description": "summary", "technologies": "highlights"}
        for key in role:
            self.out.origins[(*at, key)] = (*source, names.get(key, key))

    def add_role(self, entry: Json, role: Json, given: Json, source: FieldPath, index: int) -> None:
        """A second consecutive item of one organisation: a role there (a promotion)."""
        at: FieldPath = ("experience", index)
        if "roles" not in entry:
            first = {k: entry.pop(k) for k in list(entry) if k in Position.model_fields}
            entry["roles"] = [first]
            for key in first:
                self.out.origins[(*at, "roles", 0, key)] = self.out.origins.get(
                    (*at, key), self.out.origins[at]
                )
            self.out.origins[(*at, "roles", 0)] = self.out.origins[at]
        place: FieldPath = (*at, "roles", len(entry["roles"]))
        self.out.origins[place] = source
        self.remember(place, source, role)
        entry["roles"].append(role)
        for key, target in (("url", "url"), ("description", "team")):
            if key not in given:
                continue
            value = self.url(given[key], (*source, key)) if key == "url" else given[key]
            if target in entry and value != entry[target]:
                self.note((*source, key), f"not imported: {entry['company']} has one {key}")
            elif target not in entry:
                self.put(entry, target, value, at, (*source, key))
        # A location shared by every role is the organisation's.
        places = [r.get("location") for r in entry["roles"]]
        if places[0] and all(p == places[0] for p in places):
            for r in entry["roles"]:
                r.pop("location")
            entry["location"] = places[0]

    def education(self, document: Json) -> None:
        known = ("institution", "url", "area", "studyType", "startDate", "endDate", "score")
        rename = {"area": "field", "studyType": "degree", "startDate": "start", "endDate": "end"}
        rename |= {"courses": "highlights"}
        entries: list[Any] = []
        for source, item in self.items(document, "education"):
            given = self.fields(item, source, (*known, "courses"))
            at: FieldPath = ("education", len(entries))
            self.out.origins[at] = source
            if "url" in given:
                self.note((*source, "url"), "not imported: an education entry has no address")
            entry: Json = {}
            for key, value in given.items():
                if key != "url":
                    one = value if key in ("courses", "startDate", "endDate") else _one_line(value)
                    self.put(entry, rename.get(key, key), one, at, (*source, key))
            entries.append(entry)
        if entries:
            self.out.data["education"] = entries

    def simple(self, document: Json) -> None:
        """Sections whose items map field for field."""
        date = {"date": "date"}
        plan: dict[str, tuple[str, dict[str, str]]] = {
            "awards": ("awards", {"title": "title", "awarder": "awarder", "summary": "summary"}),
            "certificates": ("certifications", {"name": "name", "issuer": "issuer", "url": "url"}),
            "publications": (
                "publications",
                {"name": "title", "publisher": "publisher", "releaseDate": "date"}
                | {"url": "url", "summary": "summary"},
            ),
            "languages": ("languages", {"language": "language", "fluency": "fluency"}),
        }
        # Certificates kept under the profile's own name, as some tools write them.
        plan["certifications"] = plan["certificates"]
        for section, (target, names) in plan.items():
            if section in ("awards", "certificates", "certifications"):
                names = names | date
            entries: list[Any] = self.out.data.get(target, [])
            for source, item in self.items(document, section):
                given = self.fields(item, source, tuple(names))
                at: FieldPath = (target, len(entries))
                self.out.origins[at] = source
                entry: Json = {}
                for key, value in given.items():
                    value = self.url(value, (*source, key)) if key == "url" else _one_line(value)
                    self.put(entry, names[key], value, at, (*source, key))
                entries.append(entry)
            if entries:
                self.out.data[target] = entries

    def skills(self, document: Json) -> None:
        groups: list[Json] = []
        loose: list[tuple[str, FieldPath]] = []  # skills given by name alone
        for source, item in self.items(document, "skills"):
            given = self.fields(item, source, ("name", "level", "keywords"))
            if isinstance(given.get("keywords"), list) and not any(
                not isinstance(k, str) or k.strip() for k in given["keywords"]
            ):
                del given["keywords"]  # only empty words: a skill given by its name
            if "level" in given:
                self.note(
                    (*source, "level"),
                    f"not imported: skill level {given['level']!r} (a resume lists skills; "
                    "an ATS reads no levels)",
                )
            if "keywords" not in given and isinstance(given.get("name"), str):
                loose.append((_one_line(given["name"]), source))
                continue
            at: FieldPath = ("skills", len(groups))
            self.out.origins[at] = source
            group: Json = {}
            for key in ("name", "keywords"):
                if key in given:
                    value = given[key]
                    value = [_one_line(v) for v in value] if isinstance(value, list) else value
                    self.put(group, key, _one_line(value), at, (*source, key))
            groups.append(group)
        if loose:
            at = ("skills", len(groups))
            self.out.origins[at] = loose[0][1]
            for i, (_, source) in enumerate(loose):
                self.out.origins[(*at, "keywords", i)] = (*source, "name")
            groups.append({"name": "Skills", "keywords": [name for name, _ in loose]})
        if groups:
            self.out.data["skills"] = groups

    def projects(self, document: Json) -> None:
        known = ("name", "description", "highlights", "keywords", "startDate", "endDate", "url")
        rename = {"startDate": "start", "endDate": "end"}
        entries: list[Any] = []
        for source, item in self.items(document, "projects"):
            given = self.fields(item, source, (*known, "roles", "entity", "type"))
            at: FieldPath = ("projects", len(entries))
            self.out.origins[at] = source
            entry: Json = {}
            for key, value in given.items():
                if key in ("entity", "type"):
                    self.note((*source, key), f"not imported: a project's {key} ({value!r})")
                elif key == "roles":
                    roles = value if isinstance(value, list) else [value]
                    named = [self.text(r, (*source, key, i)) for i, r in enumerate(roles)]
                    if None not in named:
                        self.put(entry, "role", ", ".join(map(str, named)), at, (*source, key))
                elif key == "url":
                    self.put(entry, "url", self.url(value, (*source, key)), at, (*source, key))
                else:
                    if key in ("name",):
                        value = _one_line(value)
                    self.put(entry, rename.get(key, key), value, at, (*source, key))
            entries.append(entry)
        if entries:
            self.out.data["projects"] = entries

    def custom(self, document: Json) -> None:
        """Volunteering, interests and references: sections of the profile's own."""
        sections: list[Any] = []
        volunteer: list[Any] = []
        known = ("organization", "position", "url", "startDate", "endDate", "summary")
        rename = {"organization": "organisation", "position": "title", "startDate": "start"}
        rename |= {"endDate": "end", "summary": "description"}
        at: FieldPath
        for source, item in self.items(document, "volunteer"):
            given = self.fields(item, source, (*known, "highlights"))
            at = ("sections", len(sections), "entries", len(volunteer))
            self.out.origins[at] = source
            entry: Json = {}
            for key, value in given.items():
                value = self.url(value, (*source, key)) if key == "url" else value
                if key in ("organization", "position"):
                    value = _one_line(value)
                self.put(entry, rename.get(key, key), value, at, (*source, key))
            if "start" in entry and entry.get("end", entry["start"]) == entry["start"]:
                if "end" in entry:  # one day or month: a date, not a range
                    entry["date"] = entry.pop("start")
                    entry.pop("end")
                else:
                    entry["end"] = "present"
            volunteer.append(entry)
        if volunteer:
            sections.append(self.section("volunteer", "entries", volunteer))
        interests: list[Any] = []
        for source, item in self.items(document, "interests"):
            given = self.fields(item, source, ("name", "keywords"))
            words = given.get("keywords", [])
            words = words if isinstance(words, list) else [words]
            listed = [self.text(w, (*source, "keywords", i)) for i, w in enumerate(words)]
            name = self.text(given["name"], (*source, "name")) if "name" in given else None
            if None in listed:
                continue
            text = ": ".join(p for p in (name, ", ".join(w for w in listed if w)) if p)
            if text:
                self.out.origins[("sections", len(sections), "items", len(interests))] = source
                interests.append(_one_line(text))
        if interests:
            sections.append(self.section("interests", "items", interests))
        references: list[Any] = []
        quoted: list[Any] = []  # a reference with no name: its words alone
        for source, item in self.items(document, "references"):
            given = self.fields(item, source, ("name", "reference"))
            if "name" not in given:
                if "reference" in given:
                    where = ("sections", len(sections), "items", len(quoted))
                    self.out.origins[where] = (*source, "reference")
                    quoted.append(given["reference"])
                continue
            at = ("sections", len(sections), "entries", len(references))
            self.out.origins[at] = source
            entry = {}
            self.put(entry, "title", given["name"], at, (*source, "name"))
            if "reference" in given:
                self.put(entry, "description", given["reference"], at, (*source, "reference"))
            references.append(entry)
        if references or quoted:
            section = self.section("references", "entries", references)
            if quoted:
                section["items"] = quoted
            sections.append(section)
        for key, value in document.items():
            if key not in (*_SECTIONS, "certifications", "meta", "$schema") and _present(value):
                self.other_section(key, value, sections)
        if sections:
            self.out.data["sections"] = sections

    def other_section(self, key: str, value: Any, sections: list[Any]) -> None:
        """A section JSON Resume does not define (internships, thesis, talks): kept as a
        section of the profile's own, headed by its key, its items read by the names people
        give their fields."""
        source: FieldPath = (key,)
        if key.startswith(("_", "x-")) or not isinstance(value, (list, dict, str)):
            self.note(source, f"not imported: {key!r} is no section JSON Resume defines")
            return
        at: FieldPath = ("sections", len(sections))
        section: Json = {"heading": _heading_of(key), "id": _section_id(key, sections)}
        self.out.origins[at] = source
        if isinstance(value, str):
            self.put(section, "text", value, at, source)
        elif isinstance(value, dict):
            entry = self.other_entry(value, source, (*at, "entries", 0))
            if entry is None:
                return
            section["entries"] = [entry]
        elif all(isinstance(item, (str, int, float)) for item in value):
            section["items"] = [str(item) for item in value]
            for i in range(len(value)):
                self.out.origins[(*at, "items", i)] = (*source, i)
        else:
            entries: list[Json] = []
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    entry = self.other_entry(item, (*source, i), (*at, "entries", len(entries)))
                    if entry is not None:
                        entries.append(entry)
                elif _present(item):
                    self.note((*source, i), f"not imported: {_kind(item)} among mappings")
            if not entries:
                return
            section["entries"] = entries
        self.note(
            source,
            f"not a JSON Resume section: imported as a section headed {section['heading']!r}",
        )
        sections.append(section)

    def other_entry(self, item: Json, source: FieldPath, at: FieldPath) -> Json | None:
        """An item of a section JSON Resume lacks, by the field names people use."""
        entry: Json = {}
        self.out.origins[at] = source
        taken: set[str] = set()
        for target, names in _OTHER_FIELDS:
            for name in names:
                value = item.get(name)
                if name in taken or not _present(value) or target in entry:
                    continue
                wants_list = target in ("highlights", "keywords")
                if wants_list != isinstance(value, list) or isinstance(value, dict):
                    continue
                if target in ("start", "end", "date") and isinstance(value, bool):
                    continue
                value = self.url(value, (*source, name)) if target == "url" else value
                self.put(entry, target, value, at, (*source, name))
                taken.add(name)
        if "date" in entry and ("start" in entry or "end" in entry):
            self.note((*source, "date"), "not imported: a date beside a start and end")
            del entry["date"]
        if "start" in entry and "end" not in entry:
            entry["end"] = "present"
        if not ("title" in entry or "organisation" in entry):
            loose = next(
                (k for k, v in item.items() if isinstance(v, str) and v.strip() and k not in taken),
                None,
            )
            if loose is None:
                self.note(source, "not imported: an item with nothing to head it")
                return None
            self.put(entry, "title", item[loose], at, (*source, loose))
            taken.add(loose)
        for key, value in item.items():
            if key in taken or not _present(value):
                continue
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                # A labelled value (supervisor, grade): kept, with its label, as a bullet.
                bullets = list(entry.get("highlights", []))  # never the document's own list
                self.out.origins[(*at, "highlights", len(bullets))] = (*source, key)
                entry["highlights"] = [*bullets, f"{_heading_of(key)}: {value}"]
                self.note((*source, key), f"kept as a bullet: {_heading_of(key)}: {value}")
            else:
                self.note((*source, key), f"not imported: {key!r} has no place in an entry")
        return entry

    @staticmethod
    def section(key: str, kind: str, content: list[Any]) -> Json:
        return {"heading": _CUSTOM[key], "id": key, kind: content}


# Field names people give the items of sections JSON Resume lacks, by the entry field they
# fill (the first one present wins).
_OTHER_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("title", ("title", "name", "position", "role", "degree", "label", "subject", "topic")),
    (
        "organisation",
        ("organization", "organisation", "company", "institution", "employer", "school")
        + ("university", "publisher", "awarder", "issuer", "venue", "conference", "event"),
    ),
    ("location", ("location", "city", "place")),
    ("start", ("startDate", "start", "from", "start_date")),
    ("end", ("endDate", "end", "to", "end_date")),
    ("date", ("date", "releaseDate", "year", "awardedDate")),
    ("url", ("url", "website", "link", "href", "doi")),
    ("description", ("summary", "description", "details", "text", "abstract", "note")),
    ("highlights", ("highlights", "bullets", "items", "achievements", "courses", "details")),
    ("keywords", ("keywords", "tags", "skills", "technologies", "tools")),
)


def _heading_of(key: str) -> str:
    """internships -> Internships, peerReview -> Peer Review, side_projects -> Side Projects."""
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", key).replace("_", " ").replace("-", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or key


def _section_id(key: str, sections: list[Any]) -> str:
    """An id for the section that names no built-in one nor another custom one."""
    made = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")[:30]
    made = made if made[:1].isalpha() else f"section-{made}"
    taken = {s.get("id") for s in sections} | set(SECTION_FIELDS)
    candidate, n = made, 2
    while candidate in taken:
        candidate, n = f"{made}-{n}", n + 1
    return candidate


# --- export -----------------------------------------------------------------------------------


def export_resume(profile: Profile, *, embed: bool = True) -> Json:
    """A JSON Resume document for the profile, valid against JSON Resume's schema; with
    `embed`, a copy of the profile under meta for a lossless import back."""
    out: Json = {"$schema": SCHEMA_URL, "basics": _basics(profile)}
    out["work"] = [w for job in profile.experience for w in _work(job)]
    custom = {section.key: section for section in profile.sections}
    if "volunteer" in custom:
        out["volunteer"] = [_volunteer(e) for e in custom["volunteer"].entries]
    out["education"] = [
        _drop_empty(
            {
                "institution": e.institution,
                "area": e.field,
                "studyType": e.degree,
                "startDate": _date(e.start),
                "endDate": _date(e.end),
                "score": e.score,
                "courses": [_text(h) for h in e.highlights],
            }
        )
        for e in profile.education
    ]
    out["awards"] = [
        _drop_empty(
            {"title": a.title, "date": _date(a.date), "awarder": a.awarder, "summary": a.summary}
        )
        for a in profile.awards
    ]
    out["certificates"] = [
        _drop_empty({"name": c.name, "date": _date(c.date), "url": c.url, "issuer": c.issuer})
        for c in profile.certifications
    ]
    out["publications"] = [
        _drop_empty(
            {
                "name": p.title,
                "publisher": p.publisher,
                "releaseDate": _date(p.date),
                "url": p.url,
                "summary": p.summary,
            }
        )
        for p in profile.publications
    ]
    out["skills"] = [{"name": s.name, "keywords": list(s.keywords)} for s in profile.skills]
    out["languages"] = [
        _drop_empty({"language": x.language, "fluency": x.fluency}) for x in profile.languages
    ]
    if "interests" in custom:
        out["interests"] = [{"name": _text(item)} for item in custom["interests"].items]
    if "references" in custom:
        references = custom["references"]
        out["references"] = [
            _drop_empty({"name": e.title or e.organisation, "reference": e.description})
            for e in references.entries
        ] + [{"reference": _text(item)} for item in references.items]
    out["projects"] = [
        _drop_empty(
            {
                "name": p.name,
                "description": p.description,
                "highlights": [_text(h) for h in p.highlights],
                "keywords": list(p.keywords),
                "startDate": _date(p.start),
                "endDate": _date(p.end),
                "url": p.url,
                "roles": [p.role] if p.role else [],
            }
        )
        for p in profile.projects
    ]
    out = _uris({key: value for key, value in out.items() if _present(value)})
    if embed:
        copy = profile.model_dump(mode="json", exclude_defaults=True)
        out["meta"] = {EMBED: {"version": 1, "profile": copy}}
    return out


def _text(item: Any) -> str:
    """A bullet's text (the model makes every bullet a Highlight; its type says str too)."""
    return item if isinstance(item, str) else str(item.text)


def _drop_empty(item: Json) -> Json:
    return {k: v for k, v in item.items() if _present(v)}


def _date(value: Any) -> str | None:
    return None if value is None or value == "present" else str(value)


def _basics(profile: Profile) -> Json:
    summary = profile.summary or ""
    if profile.highlights:
        bullets = "\n".join(f"- {_text(h)}" for h in profile.highlights)
        summary = f"{summary}\n\n{bullets}" if summary else bullets
    location: Json = {}
    if profile.location:
        city, _, region = profile.location.partition(", ")
        location = _drop_empty({"city": city, "region": region})
    links = list(profile.links)
    site = links.pop(0).url if links and not links[0].label else None
    return _drop_empty(
        {
            "name": profile.name,
            "label": profile.headline,
            "email": profile.email,
            "phone": profile.phone,
            "url": site,
            "summary": summary,
            "location": location,
            "profiles": [
                _drop_empty({"network": link.label or _network(link.url), "url": link.url})
                for link in links
            ],
        }
    )


def _uris(value: Any) -> Any:
    """Every `url` of a document as an RFC 3986 URI."""
    if isinstance(value, dict):
        return {k: _uri(v) if k == "url" else _uris(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_uris(item) for item in value]
    return value


def _uri(url: str | None) -> str | None:
    """An address as JSON Resume's schema wants it (format "uri", RFC 3986): a host in IDNA
    (exämple.com -> xn--exmple-cua.com) and other characters percent-encoded."""
    if url is None:
        return None
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        ascii_host = host.encode("idna").decode("ascii") if host else host
    except UnicodeError:
        ascii_host = quote(host, safe="")
    netloc = parts.netloc.replace(host, ascii_host) if host else parts.netloc
    safe = "/:@!$&'()*+,;=%~-._"
    return urlunsplit(
        (
            parts.scheme,
            quote(netloc, safe=safe + "[]"),
            quote(parts.path, safe=safe),
            quote(parts.query, safe=safe + "?"),
            quote(parts.fragment, safe=safe + "?#"),
        )
    )


def _network(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _work(job: Experience) -> list[Json]:
    """One item per role: JSON Resume has no roles, and its themes list items in order."""
    items = []
    for role in job.positions():
        highlights = [_text(h) for h in role.highlights]
        highlights += [f"{g.heading}: {_text(h)}" for g in role.groups for h in g.highlights]
        if role.technologies:
            highlights.append(TECHNOLOGIES + ", ".join(role.technologies))
        items.append(
            _drop_empty(
                {
                    "name": job.company,
                    "location": role.location or job.location,
                    "description": job.team,
                    "position": role.title,
                    "url": job.url,
                    "startDate": _date(role.start),
                    "endDate": _date(role.end),
                    "summary": role.description,
                    "highlights": highlights,
                }
            )
        )
    return items


def _volunteer(entry: Any) -> Json:
    return _drop_empty(
        {
            "organization": entry.organisation,
            "position": entry.title,
            "url": entry.url,
            "startDate": _date(entry.start or entry.date),
            "endDate": _date(entry.end or entry.date),
            "summary": entry.description,
            "highlights": [_text(h) for h in entry.highlights],
        }
    )


# --- what a round trip through JSON Resume's own fields changes --------------------------------


def differences(before: Profile, after: Profile) -> list[str]:
    """Each field whose value differs, as `path: before -> after` (for notes and tests)."""
    found: list[str] = []
    _diff(
        before.model_dump(mode="json", exclude_defaults=True),
        after.model_dump(mode="json", exclude_defaults=True),
        (),
        found.append,
    )
    return found


def _diff(a: Any, b: Any, path: FieldPath, say: Callable[[str], None]) -> None:
    if a == b:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in dict.fromkeys([*a, *b]):
            _diff(a.get(key), b.get(key), (*path, key), say)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _diff(x, y, (*path, i), say)
    else:
        say(f"{format_path(path)}: {_short(a)} -> {_short(b)}")


def _short(value: Any) -> str:
    text = "(none)" if value is None else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def lost_in_json_resume(profile: Profile) -> list[str]:
    """The profile's fields that JSON Resume's own fields cannot give back (by path)."""
    back = import_resume(export_resume(profile, embed=False))
    try:
        again = Profile.model_validate(back.data)
    except ValueError:  # not expected: export writes what import reads
        return ["(the whole profile)"]
    return [line.split(":", 1)[0] for line in differences(profile, again)]
