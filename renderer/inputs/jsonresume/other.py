"""Sections a JSON Resume document holds that JSON Resume does not define (internships,
thesis, talks, hobbies): kept as sections of the profile's own, headed by their key, their
items read by the field names people give them (`fields.OTHER_FIELDS`); a labelled value
with no place (a supervisor, a grade) is kept as a bullet with its label."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from renderer.errors import FieldPath
from renderer.inputs.imported import Imported, Json, kind_of, present
from renderer.inputs.jsonresume.fields import OTHER_FIELDS
from renderer.profile.model import SECTION_FIELDS

FixUrl = Callable[[Any, FieldPath], Any]


def other_section(
    out: Imported, key: str, value: Any, sections: list[Json], fix_url: FixUrl
) -> None:
    source: FieldPath = (key,)
    if key.startswith(("_", "x-")) or not isinstance(value, (list, dict, str)):
        out.note(source, f"not imported: {key!r} is no section JSON Resume defines")
        return
    if _holds_sections(value):  # [{"title": "Talks", "items": [{…}, …]}, …]: each a section
        for i, part in enumerate(value):
            heading = next(str(part[k]) for k in _HEADING_KEYS if present(part.get(k)))
            content = next(part[k] for k in _CONTENT_KEYS if isinstance(part.get(k), list))
            _section(out, heading, (*source, i), content, sections, fix_url)
        return
    _section(out, key, source, value, sections, fix_url)


_HEADING_KEYS = ("title", "heading", "name", "label")
_CONTENT_KEYS = ("items", "entries", "content", "list")


def _holds_sections(value: Any) -> bool:
    """A list of sections: each item a heading and a list of items."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(
            isinstance(part, dict)
            and any(present(part.get(k)) for k in _HEADING_KEYS)
            and any(isinstance(part.get(k), list) for k in _CONTENT_KEYS)
            for part in value
        )
    )


def _section(
    out: Imported,
    key: str,
    source: FieldPath,
    value: Any,
    sections: list[Json],
    fix_url: FixUrl,
) -> None:
    at: FieldPath = ("sections", len(sections))
    section: Json = {"heading": heading_of(key), "id": _section_id(key, sections)}
    out.origins[at] = source
    if isinstance(value, str):
        out.put(section, "text", value, at, source)
    elif isinstance(value, dict):
        entry = _entry(out, value, source, (*at, "entries", 0), fix_url)
        if entry is None:
            return
        section["entries"] = [entry]
    elif all(isinstance(item, (str, int, float)) for item in value):
        section["items"] = [str(item) for item in value]
        for i in range(len(value)):
            out.origins[(*at, "items", i)] = (*source, i)
    else:
        entries: list[Json] = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                place = (*at, "entries", len(entries))
                entry = _entry(out, item, (*source, i), place, fix_url)
                if entry is not None:
                    entries.append(entry)
            elif present(item):
                out.note((*source, i), f"not imported: {kind_of(item)} among mappings")
        if not entries:
            return
        section["entries"] = entries
    heading = section["heading"]
    out.note(source, f"not a JSON Resume section: imported as a section headed {heading!r}")
    sections.append(section)


def _entry(
    out: Imported, item: Json, source: FieldPath, at: FieldPath, fix_url: FixUrl
) -> Json | None:
    entry: Json = {}
    out.origins[at] = source
    taken: set[str] = set()
    for target, names in OTHER_FIELDS:
        for name in names:
            value = item.get(name)
            if name in taken or not present(value) or target in entry:
                continue
            wants_list = target in ("highlights", "keywords")
            if wants_list != isinstance(value, list) or isinstance(value, dict):
                continue
            if isinstance(value, list) and not all(isinstance(v, (str, int, float)) for v in value):
                continue  # a list of mappings is no list of bullets
            if target in ("start", "end", "date") and isinstance(value, bool):
                continue
            value = fix_url(value, (*source, name)) if target == "url" else value
            if value is None:  # no address after all: said by fix_url
                continue
            out.put(entry, target, value, at, (*source, name))
            taken.add(name)
    if "date" in entry and ("start" in entry or "end" in entry):
        out.note((*source, "date"), "not imported: a date beside a start and end")
        del entry["date"]
    if "start" in entry and "end" not in entry:
        entry["end"] = "present"
    if not ("title" in entry or "organisation" in entry):
        loose = next(
            (k for k, v in item.items() if isinstance(v, str) and v.strip() and k not in taken),
            None,
        )
        if loose is None:
            out.note(source, "not imported: an item with nothing to head it")
            return None
        out.put(entry, "title", item[loose], at, (*source, loose))
        taken.add(loose)
    for key, value in item.items():
        if key in taken or not present(value):
            continue
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            label = f"{heading_of(key)}: {value}"
            bullets = list(entry.get("highlights", []))  # never the document's own list
            out.origins[(*at, "highlights", len(bullets))] = (*source, key)
            entry["highlights"] = [*bullets, label]
            out.note((*source, key), f"kept as a bullet: {label}")
        else:
            out.note((*source, key), f"not imported: {key!r} has no place in an entry")
    return entry


def heading_of(key: str) -> str:
    """internships -> Internships, peerReview -> Peer Review, side_projects -> Side Projects."""
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", key).replace("_", " ").replace("-", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or key


def _section_id(key: str, sections: list[Json]) -> str:
    """An id for the section that names no built-in one nor another custom one."""
    made = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")[:30]
    made = made if made[:1].isalpha() else f"section-{made}"
    taken = {s.get("id") for s in sections} | set(SECTION_FIELDS)
    candidate, n = made, 2
    while candidate in taken:
        candidate, n = f"{made}-{n}", n + 1
    return candidate
