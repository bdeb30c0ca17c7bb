"""JSON Resume's fields, section by section, and the profile's field each becomes: the table
the importer reads (and docs/json-resume.md tells in words).

A field JSON Resume defines that the profile has no place for is listed with why, and noted
when a file holds it; a field JSON Resume does not define is noted as such. Names written
before JSON Resume v1 (`company`, `website`, `gpa`, `picture`) are read as their v1 names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
EMBED = "x-resume-renderer"  # the key under `meta` that holds the profile itself
TECHNOLOGIES = "Technologies: "  # a last highlight that lists a role's technologies

EARLIER_NAMES = {"company": "name", "website": "url", "gpa": "score", "picture": "image"}

# Other names tools give JSON Resume's fields, by section: read as the field they name.
ALIASES: dict[str, dict[str, str]] = {
    "basics": {"fullName": "name", "full_name": "name", "title": "label", "intro": "summary"}
    | {"about": "summary", "mobile": "phone", "website": "url", "photo": "image"},
    "work": {"organization": "name", "employer": "name", "title": "position", "role": "position"}
    | {"start": "startDate", "end": "endDate", "date": "period", "dates": "period"}
    | {"period": "period", "activities": "summary"},
    "volunteer": {"organisation": "organization", "name": "organization"}
    | {"company": "organization", "start": "startDate", "end": "endDate", "date": "period"},
    "education": {"school": "institution", "university": "institution", "degree": "studyType"}
    | {"name": "institution", "college": "institution"}
    | {"major": "area", "field": "area", "grade": "score", "start": "startDate"}
    | {"end": "endDate", "date": "period"},
    "awards": {"name": "title", "institution": "awarder", "organization": "awarder"}
    | {"issuer": "awarder", "description": "summary"},
    "certificates": {"title": "name", "authority": "issuer", "organization": "issuer"},
    "publications": {"title": "name", "journal": "publisher", "venue": "publisher"}
    | {"date": "releaseDate", "description": "summary"},
    "projects": {"title": "name", "summary": "description", "role": "roles"}
    | {"start": "startDate", "end": "endDate", "date": "period"},
    "skills": {"title": "name", "items": "keywords", "skills": "keywords"},
    "languages": {"name": "language", "level": "fluency"},
    "interests": {"title": "name"},
    "references": {"text": "reference", "quote": "reference"},
}

# The field a bare value stands for, where a section's item is written as text.
MAIN = {"work": "name", "volunteer": "organization", "education": "institution"}
MAIN |= {"awards": "title", "certificates": "name", "certifications": "name"}
MAIN |= {"publications": "name", "skills": "name", "languages": "language"}
MAIN |= {"interests": "name", "references": "reference", "projects": "name"}


@dataclass(frozen=True)
class Section:
    """How the items of one JSON Resume section map onto the profile."""

    name: str  # JSON Resume's key
    fields: dict[str, str]  # JSON Resume's field -> the profile's
    left_out: dict[str, str] = field(default_factory=dict)  # fields it has no place for: why


BASICS = Section(
    "basics",
    {"name": "name", "label": "headline", "email": "email", "phone": "phone"}
    | {"summary": "summary", "location": "location", "url": "links", "profiles": "links"},
    {"image": "the built-in themes print no photo"},
)
LOCATION = Section(
    "location",
    {"city": "city", "region": "region", "countryCode": "countryCode"},
    {
        "address": "a resume gives a city and country, not a street address",
        "postalCode": "a resume gives a city and country, not a street address",
    },
)
PROFILE_LINK = Section("profiles", {"network": "label", "username": "username", "url": "url"})

WORK = Section(
    "work",
    {"name": "company", "position": "title", "location": "location", "url": "url"}
    | {"startDate": "start", "endDate": "end", "summary": "description"}
    | {"highlights": "highlights", "description": "team", "period": "period"}
    | {"keywords": "technologies"},
)
VOLUNTEER = Section(
    "volunteer",
    {"organization": "organisation", "position": "title", "url": "url", "startDate": "start"}
    | {"endDate": "end", "summary": "description", "highlights": "highlights"}
    | {"period": "period"},
)
EDUCATION = Section(
    "education",
    {"institution": "institution", "area": "field", "studyType": "degree", "score": "score"}
    | {"startDate": "start", "endDate": "end", "courses": "highlights", "period": "period"},
    {"url": "an education entry has no address"},
)
AWARDS = Section(
    "awards", {"title": "title", "date": "date", "awarder": "awarder", "summary": "summary"}
)
CERTIFICATES = Section(
    "certificates", {"name": "name", "date": "date", "issuer": "issuer", "url": "url"}
)
PUBLICATIONS = Section(
    "publications",
    {"name": "title", "publisher": "publisher", "releaseDate": "date", "url": "url"}
    | {"summary": "summary"},
)
SKILLS = Section(
    "skills",
    {"name": "name", "keywords": "keywords"},
    {"level": "a resume lists skills; an ATS reads no levels"},
)
LANGUAGES = Section("languages", {"language": "language", "fluency": "fluency"})
INTERESTS = Section("interests", {"name": "name", "keywords": "keywords"})
REFERENCES = Section("references", {"name": "title", "reference": "description"})
PROJECTS = Section(
    "projects",
    {"name": "name", "description": "description", "highlights": "highlights"}
    | {"keywords": "keywords", "startDate": "start", "endDate": "end", "url": "url"}
    | {"roles": "role", "period": "period"},
    {"entity": "a project's entity", "type": "a project's type"},
)

# The sections of a JSON Resume document, by their key, in the order they are read.
SECTIONS = {
    s.name: s
    for s in (WORK, VOLUNTEER, EDUCATION, AWARDS, CERTIFICATES, PUBLICATIONS, SKILLS)
    + (LANGUAGES, INTERESTS, REFERENCES, PROJECTS)
}
# Keys that are JSON Resume's (not sections of a person's own): `certifications` is how
# several tools write `certificates`.
KNOWN_KEYS = {"basics", *SECTIONS, "certifications", "meta", "$schema"}

# Custom sections of the profile that JSON Resume has a section for, by the id they get.
CUSTOM = {"volunteer": "Volunteering", "interests": "Interests", "references": "References"}

# Field names people give the items of sections JSON Resume lacks (internships, talks,
# thesis), by the entry field they fill: the first one present wins.
OTHER_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
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

# Keys only JSON Resume has at the top, and only its items have, which tell its documents
# from profiles.
ONLY_JSON_RESUME = {"basics", "work", "volunteer", "certificates", "interests", "references"}
ONLY_JSON_RESUME_ITEMS = {"startDate", "endDate", "releaseDate", "studyType", "area", "courses"}
