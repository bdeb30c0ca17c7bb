"""RenderCV's input format, as tables: its entry types (told apart by their fields, as
RenderCV does), the profile's field each of their fields becomes, the section names that are
the profile's own sections, and what RenderCV's `locale.language` means here."""

from __future__ import annotations

from typing import Any

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
# Every field an entry of RenderCV has: a mapping of one other field is a line YAML misread.
ALL_FIELDS = frozenset().union(*(own for _, own in ENTRY_TYPES), SHARED, {"area", "url"})

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
