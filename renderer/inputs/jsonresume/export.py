"""A profile written as JSON Resume (`resume export`), valid against JSON Resume's schema and
filled so that its themes show everything they can:

- several roles at one organisation become one `work` item per role with the same `name`
  (import merges consecutive items of one name back into roles);
- highlight groups become highlights written `Heading: bullet`; technologies a last
  highlight `Technologies: a, b` (import reads that one back);
- the profile's key strengths become `- ` bullet lines closing `basics.summary`;
- a team is `work.description`; education highlights are `courses`; custom sections with the
  ids volunteer, interests and references become those sections.

What JSON Resume has no field for (employment kind, tags, groups, locale, section order,
other custom sections) travels in a copy of the profile under `meta.x-resume-renderer`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from renderer.inputs.imported import Json, present
from renderer.inputs.jsonresume.fields import EMBED, SCHEMA_URL, TECHNOLOGIES
from renderer.profile.model import Experience, Profile
from renderer.profile.uri import as_uri

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
    out = _uris({key: value for key, value in out.items() if present(value)})
    if embed:
        copy = profile.model_dump(mode="json", exclude_defaults=True)
        out["meta"] = {EMBED: {"version": 1, "profile": copy}}
    return out


def _text(item: Any) -> str:
    """A bullet's text (the model makes every bullet a Highlight; its type says str too)."""
    return item if isinstance(item, str) else str(item.text)


def _drop_empty(item: Json) -> Json:
    return {k: v for k, v in item.items() if present(v)}


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
    return None if url is None else as_uri(url)


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
