"""Values as people write them, read into the profile's forms.

Dates come as `2019-08`, `08/2019`, `2019/08`, `Aug 2019`, `August 15, 2019`, `2019年8月`,
`Summer 2019`; phones as `+44 20 7946 0000 (mobile)` or "Upon request"; links with any
scheme (`skype:`, `xmpp:`). Each is read here, once, by pure functions the model calls, and
each reading that changed or guessed something says so (`Reading.note`), so that the loader
can warn at the value's line: a season left out, a day/month order guessed. Nothing is
refused that a person could mean; what cannot be read is an error that says how to write it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from renderer.locale import available, load_locale


def display_width(text: str) -> int:
    """Columns a text takes in a terminal: Chinese, Japanese and Korean characters take two
    (as they take about twice a Latin letter's width on a page)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# --- dates ----------------------------------------------------------------------------------

DATE_HINT = "write 2025 or 2025-02"
YEARS = (1900, 2100)


@dataclass(frozen=True)
class Reading:
    """A date as read: its year, its month if it has one, and what the reading left out or
    guessed (None when it kept everything a resume shows)."""

    year: int
    month: int | None = None
    note: str | None = None

    def __str__(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"


_ENGLISH_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
_SEASONS = {"spring", "summer", "fall", "autumn", "winter"}
_CJK = re.compile(r"(\d{4})\s*[年년](?:\s*(\d{1,2})\s*[月월](?:\s*(\d{1,2})\s*[日일])?)?")
_NUMERIC = re.compile(r"(\d{1,4})([-/.])(\d{1,4})(?:\2(\d{1,4}))?")
_ISO_TIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
)


def read_date(value: Any) -> Reading:
    """The date a value means, or a ValueError that says how to write one."""
    if isinstance(value, dt.date):  # YAML turns 2025-02-14 into a date
        return _checked(value.year, value.month, None, str(value))
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"{value!r} is not a date; {DATE_HINT}")
    text = " ".join(str(value).split())
    reading = _read(text)
    if reading is None:
        raise ValueError(f"{text!r} is not a date; {DATE_HINT}")
    return reading


def _read(text: str) -> Reading | None:
    if re.fullmatch(r"\d{4}", text):
        return _checked(int(text), None, None, text)
    if found := _ISO_TIME.fullmatch(text):
        text = found.group(1)
    if found := _NUMERIC.fullmatch(text):
        return _numeric(text, *found.groups())
    if found := _CJK.fullmatch(text):
        year, month, day = found.groups()
        return _checked(int(year), int(month) if month else None, int(day) if day else None, text)
    return _worded(text)


def _numeric(text: str, first: str, separator: str, second: str, third: str | None) -> Reading:
    """2019-08, 2019/08/15, 08/2019, 15.08.2019, 08/15/2019 (a guess, said so)."""
    a, b = int(first), int(second)
    if third is None:
        if len(first) == 4 and len(second) <= 2:  # 2019-08, 2019/08, 2019.08
            return _checked(a, b, None, text)
        if len(second) == 4 and len(first) <= 2:  # 08/2019, 8.2019
            return _checked(b, a, None, text)
        raise ValueError(f"{text!r} is not a date; {DATE_HINT} (a year has four digits)")
    c = int(third)
    if len(first) == 4 and len(second) <= 2 and len(third) <= 2:  # 2019-08-15, 2019/08/15
        return _checked(a, b, c, text)
    if len(third) != 4 or len(first) > 2 or len(second) > 2:
        raise ValueError(f"{text!r} is not a date; {DATE_HINT} (a year has four digits)")
    note = None
    if a > 12 or separator != "/":  # 15/08/2019; 05.08.2019 and 05-08-2019 as Europe writes
        day, month = a, b
    elif b > 12 or a == b:  # 08/15/2019
        day, month = b, a
    else:  # 05/08/2019: May 8 in the US, 5 August elsewhere
        day, month = b, a
        note = f"read as month/day/year ({c}-{a:02d}); if {a} is the day, write {c}-{b:02d}"
    reading = _checked(c, month, day, text)
    return Reading(reading.year, reading.month, note)


def _worded(text: str) -> Reading | None:
    """Aug 2019, August 15, 2019, 15 August 2019, 2019 Aug, Sept. '19, Summer 2019, Q3 2019."""
    words = [w for w in re.split(r"[\s,./-]+", text.lower().replace("'", " '")) if w]
    year: int | None = None
    month: int | None = None
    day: int | None = None
    lost: str | None = None
    for word in words:
        if re.fullmatch(r"\d{4}", word) and year is None:
            year = int(word)
        elif re.fullmatch(r"'\d{2}", word) and year is None:
            short = int(word[1:])
            year = 2000 + short if 2000 + short <= dt.date.today().year + 10 else 1900 + short
            lost = lost or f"'{word[1:]} read as {year}"
        elif re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", word) and day is None:
            day = int(re.sub(r"\D", "", word))
        elif (number := month_number(word.rstrip("."))) is not None and month is None:
            month = number
        elif word in _SEASONS or re.fullmatch(r"q[1-4]|h[12]", word):
            part = "season" if word in _SEASONS else "quarter"
            lost = f"{text!r} read as the year alone (the {part} is left out)"
        else:
            return None
    if year is None or (day is not None and month is None):
        return None
    reading = _checked(year, month, day, text)
    return Reading(reading.year, reading.month, lost)


def _checked(year: int, month: int | None, day: int | None, text: str) -> Reading:
    if not YEARS[0] <= year <= YEARS[1]:
        raise ValueError(f"{text!r}: year {year} is out of range")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a valid month")
    if day is not None:
        try:
            dt.date(year, month or 1, day)  # the day is dropped, but it must exist
        except ValueError:
            raise ValueError(f"{text!r} is not a valid date") from None
    return Reading(year, month)


def month_number(word: str) -> int | None:
    """A month's number from its name in English or in a locale the project has (Januar,
    janvier, enero…); Babel is asked only for a word English does not know."""
    found = _ENGLISH_MONTHS.get(word.lower())
    return found if found is not None else _other_months().get(word.lower())


@cache
def _other_months() -> dict[str, int]:
    # Babel: only for a month name English does not know
    from babel import Locale as BabelLocale

    names: dict[str, int] = {}
    for code in available():
        babel = BabelLocale.parse(load_locale(code).babel)
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in babel.months[context][width].items():
                    names.setdefault(name.lower().rstrip("."), number)
    return names


def read_span(text: str) -> dict[str, str] | None:
    """A period written as text, as the profile's fields: {"date": …} for one date,
    {"start": …, "end": …} for a range (`Sep 2009 - June 2012`, `2019 to present`), None when
    it is neither."""
    text = " ".join(text.split())
    if readable(text):
        return {"date": text}
    years = re.fullmatch(r"(\d{4})\s*[-/–]\s*(\d{4})", text)
    if years:
        return {"start": years.group(1), "end": years.group(2)}
    for word in sorted(_PRESENT, key=len, reverse=True):  # 2020/10至今, 2019 - heute
        if text.lower().endswith(word) and len(text) > len(word):
            start = text[: -len(word)].strip(" -–—~～至:")
            if readable(start):
                return {"start": start, "end": "present"}
    parts = re.split(
        r"\s*(?:–|—|--|~|～)\s*|\s+(?:-|to|until|till|bis|a|à|au|al)\s+", text, maxsplit=1
    )
    if len(parts) == 2 and readable(parts[0]):
        end = parts[1].strip()
        if means_present(end):
            return {"start": parts[0], "end": "present"}
        if readable(end):
            return {"start": parts[0], "end": end}
    return None


def readable(text: str) -> bool:
    """Whether a date reads as written."""
    try:
        read_date(text)
    except ValueError:
        return False
    return True


# --- the present -------------------------------------------------------------------------------

_PRESENT = {"present", "now", "current", "currently", "ongoing", "today", "to date", "till date"}
_PRESENT |= {"till now", "until now", "to present", "presently", "actual", "present day"}
# The word in languages people write resumes in, beside the project's locales' own.
_PRESENT |= {"presente", "actualidad", "actualmente", "atualmente", "hoy", "hoje", "oggi"}
_PRESENT |= {"aujourd'hui", "aujourd’hui", "en cours", "maintenant", "heute", "jetzt", "bis heute"}
_PRESENT |= {"heden", "nu", "nå", "dziś", "obecnie", "сейчас", "настоящее время"}
_PRESENT |= {"至今", "现在", "現在", "현재", "今", "迄今"}


def means_present(value: Any) -> bool:
    """`present`, `Now`, `Current`, or the word for it in a locale the project has (heute,
    至今)."""
    if not isinstance(value, str) or any(c.isdigit() for c in value):
        return False  # a date: the locales' words are not read for it
    word = " ".join(value.strip().lower().split()).rstrip(".")
    return word in _PRESENT or word in _present_words()


@cache
def _present_words() -> frozenset[str]:

    return frozenset(load_locale(code).word("present").lower() for code in available())


# --- phones ----------------------------------------------------------------------------------

MAX_PHONE = 60
_DIALABLE = re.compile(r"\+?[0-9()./ -]+?(?: *(?:ext\.?|x) *[0-9]+)?")


def is_phone_number(text: str) -> bool:
    """Enough digits to be dialled (five or more); words around them are the person's."""
    return sum(c.isdigit() for c in text) >= 5


def dialable(text: str) -> str | None:
    """The tel: address of a phone written as one number, else None (two numbers, words);
    full-width digits (０３-１２３４) read as the digits they are."""
    text = unicodedata.normalize("NFKC", text)
    if not _DIALABLE.fullmatch(text.strip()) or text.count("+") > 1:
        return None
    return "".join(c for c in text.split("x")[0].split("ext")[0] if c in "+0123456789")


# --- links -----------------------------------------------------------------------------------

WEB_SCHEMES = ("https", "http", "mailto", "tel")
# Schemes that run code or read the reader's own machine: never a link, never shown as one.
REFUSED_SCHEMES = ("javascript", "vbscript", "data", "file", "blob", "about", "jar")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]{0,30}):")


def scheme_of(url: str) -> str:
    found = _SCHEME.match(url)
    return found.group(1).lower() if found else ""


def is_web_link(url: str) -> bool:
    """A link every reader can follow: web, mail and phone; other schemes (skype:, xmpp:) are
    shown as text."""
    return scheme_of(url) in WEB_SCHEMES


# --- names ----------------------------------------------------------------------------------


def _name_words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return [w for w in re.split(r"[\s,.*]+", plain) if w]


def is_same_person(author: str, name: str) -> bool:
    """Whether an author as a publication lists them (Lovelace A, A. Lovelace, Ada Lovelace,
    Lovelace, Ada) is the person named `name`: the family name, and the given names or their
    initials, without accents or case."""
    words, mine = _name_words(author), _name_words(name)
    if not words or len(mine) < 2:
        return words == mine and bool(words)
    family = mine[-1]
    if family not in words:
        return False
    rest = [w for w in words if w != family]
    initials = "".join(w[0] for w in mine[:-1])
    given = mine[:-1]
    return all(w in given or (len(w) <= 3 and w in initials) for w in rest) and bool(rest)


# --- what a reading changed, for the loader's warnings ----------------------------------------

DATE_KEYS = ("start", "end", "date")


def reading_notes(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path, note) for each value of a profile's plain values whose reading changes it: a
    date read with a guess or a loss, a phone with no number in it (left out)."""
    if isinstance(data, dict):
        for key, value in data.items():
            here = (*path, key)
            if key in DATE_KEYS and isinstance(value, str) and not means_present(value):
                try:
                    note = read_date(value).note
                except ValueError:
                    continue  # the model reports it, at its line
                if note:
                    yield here, note
            elif key == "phone" and path == () and isinstance(value, str):
                if value.strip() and not is_phone_number(value):
                    yield here, f"{value.strip()!r} is not a phone number; left out"
            else:
                yield from reading_notes(value, here)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from reading_notes(item, (*path, i))


def split_items(text: str, separators: str = ",;") -> list[str]:
    """`Python, Go (Gin, Echo); SQL` -> its items, unstripped: a separator inside brackets
    (a list inside an item) does not split."""
    items, depth, current = [], 0, ""
    for char in text:
        depth += char in "([{"
        depth -= char in ")]}"
        if char in separators and depth <= 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    return items
