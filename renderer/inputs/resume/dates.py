"""The dates in a line of a resume, as people write them: `Jan 2020 – Present`, `2019-2021`,
`09/2017 – Current`, `Sept. 2019 ⇀ Juil. 2021`, `2020/10至今`, `10/15-08/18`, `Feb – May 2022`,
`jul 2025 – Actualidad`, `Été 2015`, `Expected May 2024`, `since 2019`.

Month names are any the project reads (English, and each locale's through Babel); a word that
is no month is not a date. A two-digit year is read only in a range of month/year pairs
(`10/15-08/18`), a bare year only between 1950 and 2049 (so `2000 users` stays words).
"""

from __future__ import annotations

import re

from renderer.profile.values import Reading, means_present, read_date, readable

_WORD = r"[^\W\d_]{3,10}\.?"
_ONE = (
    rf"(?:{_WORD}\s*,?\s*\d{{4}}|\d{{1,2}}[/.]\d{{4}}|\d{{4}}[/.\-]\d{{1,2}}(?![\d])"
    r"|\d{4}\s*[年년](?:\s*\d{1,2}\s*[月월])?|(?:19[5-9]\d|20[0-4]\d))"
)
_NOW = (
    r"(?:present|current|currently|now|today|ongoing|to date|heute|aktuell|derzeit|jetzt"
    r"|actualidad|actualmente|presente|hoy|atual|atualmente|aujourd[’']hui|actuellement"
    r"|en cours|maintenant|oggi|heden|nu|obecnie|teraz|至今|现在|現在|今|현재)"
)
_TO = r"(?:–|—|-|−|~|～|→|⇀|·|to|till|until|through|thru|bis|à|au|al|a|hasta|do|至)"
_SPAN = re.compile(
    rf"(?<![\w/.])(?:(?P<open>{_ONE})\s*[-–—]\s*$"
    rf"|(?P<one>{_ONE})(?:\s*{_TO}\s*(?P<end>{_ONE}|{_NOW}))?"
    rf"|(?P<month>{_WORD})\s*{_TO}\s*(?P<later>{_WORD}\s*,?\s*\d{{4}})"
    rf"|(?P<m1>\d{{1,2}})/(?P<y1>\d{{2}})\s*[-–—]\s*(?P<m2>\d{{1,2}})/(?P<y2>\d{{2}}))(?![\w/])",
    re.I,
)
# Words that say how a date is meant, left out with it: `Expected May 2024`, `since 2019`.
_BEFORE = re.compile(
    r"\b(?:expected(?:\s+graduation)?(?:\s+date)?|anticipated|graduat(?:ed|ion)(?:\s+date)?"
    r"|class\s+of|erwartet|voraussichtlich|abgebrochen|abschluss|pr[ée]vu|obtenu|dipl[ôo]m[ée]"
    r"|certifi[ée]\s+depuis|esperado|since|seit|depuis|desde|od|from|du|von)\s*:?\s*$",
    re.I,
)
_SINCE = re.compile(r"\b(?:since|seit|depuis|desde|od)\s*:?\s*$", re.I)
# Seasons in the languages people write them in: read as the year alone.
_SEASONS = re.compile(
    r"^(?:été|hiver|printemps|automne|sommer|frühling|fruehling|herbst|verano|invierno"
    r"|primavera|otoño|lato|zima|wiosna|jesień|estate|inverno|autunno)\b",
    re.I,
)


def find_dates(text: str) -> tuple[dict[str, str], str]:
    """(the dates a text gives, the text without them): the last date or range in it, as
    {"start", "end"} or {"date"}; ({}, text) when it has none."""
    last: tuple[dict[str, str], int, int] | None = None
    position = 0
    while found := _SPAN.search(text, position):
        dates = _read(found)
        if dates is None:  # `Graduated 2021`: no month; the date may start further on
            position = found.start() + 1
            continue
        last = (dates, found.start(), found.end())
        position = found.end()
    if last is None:
        return {}, text
    dates, start, end = last
    before = text[:start]
    qualifier = _BEFORE.search(before)
    if qualifier:
        if _SINCE.match(qualifier.group(0)) and "date" in dates:
            dates = {"start": dates["date"], "end": "present"}
        before = before[: qualifier.start()]
    return dates, _tidy(before + " " + text[end:])


def _read(found: re.Match[str]) -> dict[str, str] | None:
    if found.group("m1"):  # 10/15-08/18: month/two-digit year, both ends
        began = _two_digit(found.group("m1"), found.group("y1"))
        ended = _two_digit(found.group("m2"), found.group("y2"))
        return {"start": began, "end": ended} if began and ended else None
    if found.group("month"):  # Feb – May 2022: the start's year is the end's
        later = _date(found.group("later"))
        first = _date(f"{found.group('month')} {later.year}") if later else None
        return {"start": str(first), "end": found.group("later")} if first and later else None
    if found.group("open"):  # `2022 –` at the end of a line: begun, end not said
        return {"start": found.group("open")} if _date(found.group("open")) else None
    one, end = found.group("one"), found.group("end")
    if _date(one) is None:
        return None
    if not end and one.isdigit() and re.match(r"\s+[a-z]", found.string[found.end() :]):
        return None  # `2000 servers`: a number in a sentence
    start = one if readable(one) else str(_date(one))
    if not end:
        return {"date": start}
    if re.fullmatch(_NOW, end, re.I) or means_present(end):
        return {"start": start, "end": "present"}
    if _date(end) is None:
        return None
    return {"start": start, "end": end if readable(end) else str(_date(end))}


def _date(text: str) -> Reading | None:
    """A date as read, a season in another language read as its year."""
    text = _SEASONS.sub("summer", text.strip())
    try:
        return read_date(text)
    except ValueError:
        return None


def _two_digit(month: str, year: str) -> str | None:
    """`09/14` as 2014-09: a two-digit year in this century up to ten years ahead, else the
    last."""
    number = int(year)
    if not 1 <= int(month) <= 12:
        return None
    return f"{2000 + number if number <= 40 else 1900 + number}-{int(month):02d}"


def _tidy(rest: str) -> str:
    rest = re.sub(r"\(\s*\)|\[\s*\]", "", rest)
    rest = re.sub(r"(?:\s*[,|·•—–\-.:;(]\s*)+$", "", rest.strip())
    rest = re.sub(r"^(?:[,|·•—–\-.:;)]\s*)+", "", rest.strip())
    return " ".join(rest.split())
