"""Warnings about a profile that do not block rendering but cost the candidate replies."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from renderer.errors import FieldPath, Problem
from renderer.files import yaml_data
from renderer.locale import load_locale
from renderer.profile.model import REORDERED, Dated, PartialDate, written_oldest_first
from renderer.profile.schema import scaffold
from renderer.profile.sourced import LoadedProfile

# Characters that UTF-8 text turns into when it is read as Windows-1252 or Latin-1.
_MOJIBAKE_LEADS = ("Ã", "Â", "â€", "ðŸ", "Å", "Ä")


def repair_mojibake(text: str) -> str | None:
    """The text as it was meant to be, if it is UTF-8 that was decoded as Windows-1252."""
    if not any(lead in text for lead in _MOJIBAKE_LEADS):
        return None
    for codec in ("cp1252", "latin-1"):
        try:
            repaired = text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if repaired != text:
            return repaired
    return None


def lint(loaded: LoadedProfile, language: str | None = None) -> list[Problem]:
    profile, file = loaded.profile, str(loaded.path)
    warnings: list[Problem] = list(loaded.notes)

    locale = load_locale(language or profile.locale)
    if locale.missing:
        missing = ", ".join(locale.missing)
        warnings.append(
            Problem(file, f"locale {locale.code!r} lacks {missing}; those words print in English")
        )

    def warn(message: str, path: FieldPath = ()) -> None:
        line, column = loaded.positions.of(path) or (None, None)
        warnings.append(Problem(file, message, line, column, path))

    if not profile.name:
        warn("no name: an applicant tracking system cannot tell whose resume this is")
    if not profile.email and not profile.phone:
        warn("no e-mail or phone: an applicant tracking system cannot contact the candidate")
    if "locale" not in profile.model_fields_set and language is None:
        suggested = east_asian_language(" ".join(text for _, text in _strings(profile, ())))
        if suggested:
            code, name = suggested
            warn(
                f"the text is mostly {name}, but no locale is given: add `locale: {code}` "
                f"(or render with --locale {code}) for {name} headings and dates"
            )
    examples = _examples()
    for path, text in _strings(profile, ()):
        repaired = repair_mojibake(text)
        if repaired is not None:
            warn(f"text looks mis-decoded (mojibake); did you mean {repaired!r}?", path)
        if text in examples:
            warn(f"still the example of `resume new` ({text!r}): replace it or delete it", path)
    for path, (line, column), message in loaded.positions.dropped:
        warnings.append(Problem(file, message, line, column, path))
    if profile.entry_order == "newest-first":
        for name in REORDERED:
            if written_oldest_first(getattr(profile, name)):
                warn(
                    f"{name} is written oldest first; shown newest first, as readers expect "
                    "(entry_order: as-written keeps the written order)",
                    (name,),
                )
    for path, node in _models(profile, ()):
        if isinstance(node, Dated) and isinstance(node.start, PartialDate):
            end = node.end
            # a year alone is any month of it: 2019-02 to 2019 is not backwards
            if isinstance(end, PartialDate) and _latest(end) < node.start.sort_key:
                warn(f"ends ({end}) before it starts ({node.start})", (*path, "end"))
    return warnings


def _latest(date: PartialDate) -> tuple[int, int]:
    return (date.year, date.month or 12)


# Values of `resume new`'s profile that a real one may well hold too.
_PLAUSIBLE = {"GitHub", "Languages", "Python", "SQL", "Computer Science", "Bachelor of Science"}
_PLAUSIBLE |= {"City", "full-time", "present", "Maintainer", "Rust", "CLI", "Kubernetes"}


@cache
def _examples() -> frozenset[str]:
    """The example values `resume new` writes, which a profile left unfilled still holds."""

    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.add(value.strip())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(yaml_data(scaffold()))
    return frozenset(found - _PLAUSIBLE)


def east_asian_language(text: str) -> tuple[str, str] | None:
    """(locale, language name) when most of the letters are Chinese, Japanese or Korean."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    han = sum("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in letters)
    kana = sum("\u3040" <= c <= "\u30ff" for c in letters)
    hangul = sum("\uac00" <= c <= "\ud7af" or "\u1100" <= c <= "\u11ff" for c in letters)
    if (han + kana + hangul) * 2 < len(letters):
        return None
    if hangul >= han + kana:
        return "ko", "Korean"
    if kana:
        return "ja", "Japanese"
    traditional = sum(c in _TRADITIONAL for c in letters)
    return ("zh-Hant", "Chinese") if traditional * 20 > han else ("zh-Hans", "Chinese")


# Common characters written only in traditional Chinese (their simplified forms differ).
_TRADITIONAL = set("們個為來時說國學會這對們與經發開業產動點體們過關當從還進實現長問們見務電們機")


def _strings(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


def _models(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, BaseModel]]:
    if isinstance(value, BaseModel):
        yield path, value
        for name in type(value).model_fields:
            yield from _models(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _models(item, (*path, i))
