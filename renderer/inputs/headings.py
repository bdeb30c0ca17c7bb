"""Section headings as people write them (Experience, Work History, Berufserfahrung, 工作经历)
and the profile's section each names: in English, and in each of the project's languages from
its locale files. Used wherever a file's own headings must be read (RenderCV's section names,
an existing resume's headings)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from renderer.locale import available, load_locale

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
