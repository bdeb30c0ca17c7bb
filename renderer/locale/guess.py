"""The language a resume is written in, guessed from its text, for files that cannot say
(JSON Resume has no field for it): a Spanish resume.json rendered with English headings
("Experience", "Jan 2022 – Present") read as two languages at once.

Scripts name most languages (Hangul is Korean, kana Japanese; Arabic script is Persian
with پ چ ژ گ, Urdu with ٹ ڈ ڑ ں ے, else Arabic). Latin-script languages are told apart by
their commonest words, which every paragraph uses; a guess needs many of them and a clear
lead, else it is English (the default), so a resume in English with a German company name
stays English.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# The commonest words of each Latin-script language with a locale, that the others seldom
# write (no 'de', 'la', 'en': French, Spanish and Dutch share them).
_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        {"the", "and", "of", "to", "with", "for", "in", "on", "my", "as", "by", "from", "at"}
    ),
    "de": frozenset(
        {"und", "der", "die", "das", "mit", "für", "von", "zu", "den", "im", "bei", "auf", "ein"}
    ),
    "fr": frozenset(
        {"et", "les", "des", "du", "pour", "avec", "une", "dans", "sur", "au", "aux", "le", "est"}
    ),
    "es": frozenset(
        {"y", "los", "las", "el", "con", "para", "del", "una", "por", "como", "al", "que", "su"}
    ),
    "pt": frozenset(
        {"e", "os", "as", "do", "da", "dos", "das", "com", "para", "uma", "em", "no", "na"}
    ),
    "it": frozenset(
        {"e", "il", "di", "della", "delle", "con", "per", "una", "nel", "nella", "che", "gli"}
    ),
    "nl": frozenset(
        {"en", "het", "een", "van", "met", "voor", "op", "bij", "naar", "zijn", "aan", "ook"}
    ),
}
MIN_WORDS = 12  # of a language's words, before a text is said to be in it
LEAD = 2.0  # times English's count of its own words

# Characters only Traditional Chinese writes (and their Simplified forms), the commonest in
# resumes: work, experience, study, company, development, management.
_TRADITIONAL = set("們這個經歷學業發體會與開關說為國從對時專項務與計劃係員實驗")
_SIMPLIFIED = set("们这个经历学业发体会与开关说为国从对时专项务与计划系员实验")


def guess_language(text: str) -> str | None:
    """The locale a text is written in, when it is clearly not English; else None."""
    scripts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            scripts[_script(char)] += 1
    letters = sum(scripts.values())
    if not letters:
        return None
    script, count = scripts.most_common(1)[0]
    if script != "latin" and count >= max(20, letters * 0.3):
        return _by_script(script, text)
    words = re.findall(r"[^\W\d_]+", text.lower())
    counts = {code: sum(1 for w in words if w in own) for code, own in _WORDS.items()}
    best = max((c for c in counts if c != "en"), key=lambda c: counts[c])
    if counts[best] >= MIN_WORDS and counts[best] >= LEAD * counts["en"]:
        return best
    return None


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    for script, marker in (
        ("hangul", "HANGUL"),
        ("kana", "HIRAGANA"),
        ("kana", "KATAKANA"),
        ("han", "CJK"),
        ("arabic", "ARABIC"),
        ("hebrew", "HEBREW"),
        ("devanagari", "DEVANAGARI"),
        ("thai", "THAI"),
    ):
        if name.startswith(marker):
            return script
    return "latin"


def _by_script(script: str, text: str) -> str | None:
    if script == "hangul":
        return "ko"
    if script == "kana" or (script == "han" and re.search(r"[\u3040-\u30ff]", text)):
        return "ja"
    if script == "han":
        traditional = sum(1 for c in text if c in _TRADITIONAL)
        simplified = sum(1 for c in text if c in _SIMPLIFIED)
        return "zh-Hant" if traditional > simplified else "zh-Hans"
    if script == "arabic":
        if re.search(r"[ٹڈڑںے]", text):
            return "ur"
        return "fa" if re.search(r"[پچژگ]", text) else "ar"
    return {"hebrew": "he", "devanagari": "hi", "thai": "th"}.get(script)
