"""RenderCV's input format, as tables: its entry types (told apart by their fields, as
RenderCV does), the profile's field each of their fields becomes, the section names that are
the profile's own sections, and what RenderCV's `locale.language` means here."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from renderer.locale import available, load_locale

# Each entry type's own fields (any one of them tells the type), in the order RenderCV asks.
ENTRY_TYPES: tuple[tuple[str, frozenset[str]], ...] = (
    ("OneLineEntry", frozenset({"label", "details"})),
    ("NormalEntry", frozenset({"name"})),
    ("ExperienceEntry", frozenset({"company", "position"})),
    ("EducationEntry", frozenset({"institution", "area", "degree"})),
    ("PublicationEntry", frozenset({"title", "authors", "doi", "url", "journal"})),
    ("BulletEntry", frozenset({"bullet"})),
    ("NumberedEntry", frozenset({"number"})),
    ("ReversedNumberedEntry", frozenset({"reversed_number"})),
)
DATES = ("date", "start_date", "end_date")
SHARED = ("location", "summary", "highlights", *DATES)

# RenderCV's field -> the profile's, per kind of profile entry an entry type becomes.
EXPERIENCE = {"company": "company", "position": "title", "location": "location"}
EXPERIENCE |= {"summary": "description", "highlights": "highlights"}
EDUCATION = {"institution": "institution", "area": "field", "degree": "degree"}
EDUCATION |= {"location": "location", "highlights": "highlights", "grade": "score"}
PUBLICATION = {"title": "title", "authors": "authors", "journal": "publisher", "doi": "doi"}
PUBLICATION |= {"url": "url", "summary": "summary"}
PROJECT = {"name": "name", "summary": "description", "highlights": "highlights"}
AWARD = {"name": "title", "summary": "summary"}
CERTIFICATION = {"name": "name"}
ENTRY = {"name": "title", "location": "location", "summary": "description"}
ENTRY |= {"highlights": "highlights"}
# Fields whose text takes the profile's markup; every other text field is plain.
MARKUP = {"description", "highlights", "summary", "authors", "text", "items"}

# The profile's sections, by the words people head them with (in English and in each of the
# project's languages, from its locale files).
_SYNONYMS = {
    "summary": {"summary", "about", "about me", "profile", "objective", "overview", "bio"},
    "experience": {
        "experience", "work experience", "professional experience", "employment",
        "work history", "work", "career", "employment history", "relevant experience",
    },
    "education": {"education", "education and training", "academic background", "studies"},
    "projects": {"projects", "personal projects", "selected projects", "side projects"},
    "skills": {"skills", "technical skills", "technologies", "tools", "skills and tools"},
    "publications": {"publications", "selected publications", "papers", "journal articles"},
    "awards": {"awards", "honors", "honours", "awards and honors", "awards and honours"},
    "certifications": {"certifications", "certificates", "licenses and certifications"},
    "languages": {"languages", "language skills", "spoken languages"},
}  # fmt: skip


def words(key: str) -> str:
    """A section key as words: lower case, no accents, no punctuation."""
    plain = unicodedata.normalize("NFKD", key)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", plain).replace("_", " ").split())


@cache
def section_names() -> dict[str, str]:
    """Words of a heading -> the profile's section it names."""
    names = {words(w): section for section, found in _SYNONYMS.items() for w in found}
    for code in available():
        for section, heading in load_locale(code).headings.items():
            names.setdefault(words(heading), section)
    return names


_SMALL = set(
    [
        "a",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "if",
        "in",
        "into",
        "like",
        "near",
        "nor",
        "of",
        "off",
        "on",
        "onto",
        "or",
        "over",
    ]
)
_SMALL |= set(["so", "than", "that", "to", "upon", "when", "with", "yet"])


def title_of(key: str) -> str:
    """A section's title as RenderCV prints it: a key with a space or a capital as written;
    snake_case as words with capitals, small words in lower case."""
    if " " in key or any(c.isupper() for c in key):
        return key
    parts = key.split("_")
    return " ".join(
        p if i and p in _SMALL else p[:1].upper() + p[1:] for i, p in enumerate(parts) if p
    )


def entry_type(entries: list[Any]) -> str:
    """The type of a section's entries, from the first entry whose fields tell it."""
    for entry in entries:
        if isinstance(entry, str):
            return "TextEntry"
        if isinstance(entry, dict):
            for name, own in ENTRY_TYPES:
                if own & entry.keys():
                    return name
    return "TextEntry"


# RenderCV's locale.language (an ISO code before v2.4, a name since) -> the profile's locale.
LANGUAGES = {
    "english": "en", "german": "de", "french": "fr", "spanish": "es", "portuguese": "pt",
    "italian": "it", "dutch": "nl", "japanese": "ja", "korean": "ko",
    "mandarin_chinese": "zh-Hans", "chinese": "zh-Hans",
}  # fmt: skip

# Where RenderCV's themes look most alike the built-in ones.
THEMES = {"classic": "classic", "harvard": "classic", "engineeringclassic": "classic"}
THEMES |= {"engineeringresumes": "compact", "sb2nov": "compact", "moderncv": "modern"}
