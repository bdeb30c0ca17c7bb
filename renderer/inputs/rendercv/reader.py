"""A RenderCV file (`cv:` with its `sections:`, and `design`, `locale`, `settings`) read into
the profile's values, every value's origin kept so errors name RenderCV's own fields.

Sections become the profile's own where their entries and name say so (an `experience`
section of ExperienceEntries is the profile's experience; `skills` of OneLineEntries its
skill groups); any other section is kept as a section of the profile's own, with RenderCV's
title. The order of the sections is RenderCV's. What has no place here is noted: the design
(the look is a theme's), the locale's own words, RenderCV's settings.
"""

from __future__ import annotations

from typing import Any

from renderer.errors import FieldPath
from renderer.inputs.imported import Imported, Json, kind_of, one_line, present
from renderer.inputs.networks import page_of
from renderer.inputs.rendercv import fields as table
from renderer.inputs.rendercv.entries import SectionReader
from renderer.inputs.rendercv.text import cleaned, plain
from renderer.locale import available
from renderer.profile.model import SECTION_FIELDS

TOP_LEVEL = ("cv", "design", "locale", "locale_catalog", "rendercv_settings", "settings")


def looks_like_rendercv(data: dict[str, Any]) -> bool:
    """A RenderCV file: a `cv` mapping at the top, beside nothing but RenderCV's own keys."""
    return isinstance(data.get("cv"), dict) and not (set(data) - set(TOP_LEVEL))


def import_rendercv(document: Json) -> Imported:
    out = Imported({})
    cv: Json = document["cv"]
    _header(out, cv)
    sections = cv.get("sections")
    if isinstance(sections, dict):
        SectionReader(out, sections).run()
    elif present(sections):
        out.errors.append((("cv", "sections"), f"a mapping of sections, not {kind_of(sections)}"))
    _locale(out, document)
    _left_out(out, document)
    return out


_HEADER = ("name", "headline", "label", "subtitle", "location", "email", "phone", "website")
_HEADER_LISTS = ("photo", "social_networks", "custom_connections", "sections")


def _header(out: Imported, cv: Json) -> None:
    data = out.data
    for key in ("name", "location"):
        if present(cv.get(key)):
            out.put(data, key, one_line(plain(cleaned(str(cv[key])))[0]), (), ("cv", key))
    for key in ("headline", "label", "subtitle"):  # v2.4's headline; v1's label
        if present(cv.get(key)) and "headline" not in data:
            out.put(data, "headline", plain(cleaned(str(cv[key])))[0], (), ("cv", key))
        elif present(cv.get(key)):
            out.note(("cv", key), f"not imported: {key} (the headline is {data['headline']!r})")
    for key, target in (("email", "email"), ("phone", "phone")):
        _first(out, cv, key, target)
    links: list[Json] = []
    websites = cv.get("website")
    for i, site in enumerate(websites if isinstance(websites, list) else [websites]):
        if present(site):
            where: FieldPath = (
                ("cv", "website", i) if isinstance(websites, list) else ("cv", "website")
            )
            out.origins[("links", len(links))] = where
            links.append({"url": site})
    for i, item in enumerate(_listed(out, cv, "social_networks")):
        link = _network(out, item, ("cv", "social_networks", i))
        if link:
            out.origins[("links", len(links))] = ("cv", "social_networks", i)
            links.append(link)
    for i, item in enumerate(_listed(out, cv, "custom_connections")):
        where = ("cv", "custom_connections", i)
        url = item.get("url") if isinstance(item, dict) else None
        if isinstance(url, str) and url.strip():
            out.origins[("links", len(links))] = where
            label = item.get("placeholder")
            links.append({"label": label, "url": url} if isinstance(label, str) else {"url": url})
        elif present(item):
            out.note(where, "not imported: a connection without a url")
    if links:
        data["links"] = links
    if present(cv.get("photo")):
        out.note(("cv", "photo"), "not imported: the built-in themes print no photo")
    for key, value in cv.items():
        if key not in (*_HEADER, *_HEADER_LISTS) and present(value):
            out.note(("cv", key), f"not imported: RenderCV's cv has no {key!r}")


def _first(out: Imported, cv: Json, key: str, target: str) -> None:
    """E-mail and phone: a list (RenderCV 2.4) gives its first, the rest noted."""
    value = cv.get(key)
    values = value if isinstance(value, list) else [value]
    for i, item in enumerate(values):
        if not present(item):
            continue
        where: FieldPath = ("cv", key, i) if isinstance(value, list) else ("cv", key)
        if target in out.data:
            out.note(where, f"not imported: a second {key} ({item!r})")
            continue
        text = str(item).removeprefix("tel:") if key == "phone" else item
        out.put(out.data, target, text, (), where)


def _listed(out: Imported, cv: Json, key: str) -> list[Any]:
    value = cv.get(key)
    if not present(value):
        return []
    if not isinstance(value, list):
        out.errors.append((("cv", key), f"a list, not {kind_of(value)}"))
        return []
    return value


def _network(out: Imported, item: Any, where: FieldPath) -> Json | None:
    """A social network and a username: the address of the person's page there."""
    if not isinstance(item, dict):
        out.errors.append((where, f"a mapping of network and username, not {kind_of(item)}"))
        return None
    network, username = str(item.get("network") or ""), str(item.get("username") or "")
    url = page_of(network, username)
    if url is None:
        out.note(where, f"not imported: {network} {username!r} (no address can be made of it)")
        return None
    return {"label": network, "url": url}


def _locale(out: Imported, document: Json) -> None:
    """RenderCV's language is the profile's locale where the project has it; its own words
    (month names, "present") are the locale's here."""
    for key in ("locale", "locale_catalog"):
        locale = document.get(key)
        if not isinstance(locale, dict):
            continue
        language = locale.get("language")
        code = table.LANGUAGES.get(str(language).lower(), str(language)) if language else ""
        if code in available():
            out.put(out.data, "locale", code, (), (key, "language"))
        elif language:
            out.note((key, "language"), f"not imported: no locale {language!r} here (English)")
        words = [k for k in locale if k != "language"]
        if words:
            out.note((key,), f"not imported: {', '.join(words)} (the locale gives its own words)")


def _left_out(out: Imported, document: Json) -> None:
    design = document.get("design")
    if isinstance(design, dict):
        theme = str(design.get("theme") or "")
        closest = table.THEMES.get(theme)
        hint = f"; the closest theme here: -t {closest}" if closest else ""
        out.note(("design",), f"not imported: RenderCV's design (a theme sets the look{hint})")
    for key in ("rendercv_settings", "settings"):
        if present(document.get(key)):
            out.note((key,), f"not imported: RenderCV's {key} (output paths, bold keywords, dates)")


__all__ = ["SECTION_FIELDS", "import_rendercv", "looks_like_rendercv"]
