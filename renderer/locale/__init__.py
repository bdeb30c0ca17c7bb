"""Locales: the words of a resume in one language (headings, labels, employment kinds, a
letter's greeting and closing), one file each in `renderer/locales/`, and its dates, from
Babel's data (imported only for a language other than English).

Themes keep the look; locales keep the words. A word a translation lacks is printed in
English, with a warning. Adding a language is adding a file: copy `en.yaml`, translate, and
name Babel's locale for its dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from renderer.errors import InputError
from renderer.files import yaml_data

FOLDER = Path(__file__).parent / "languages"
DEFAULT = "en"
_ALIASES = {
    "zh": "zh-Hans", "zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-hans": "zh-Hans",
    "zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-mo": "zh-Hant", "zh-hant": "zh-Hant",
}  # fmt: skip


def available() -> list[str]:
    return sorted(p.stem for p in FOLDER.glob("*.yaml"))


def resolve(code: str) -> str:
    """A locale's file name for a code as people write it (de, de-DE, zh-CN, pt_BR), or a
    ValueError listing the locales there are."""
    wanted = code.strip().replace("_", "-")
    known = {name.lower(): name for name in available()}
    for candidate in (
        wanted.lower(),
        _ALIASES.get(wanted.lower(), ""),
        "-".join(wanted.split("-")[:2]).lower(),  # zh-Hant-HK: zh-Hant
        wanted.split("-")[0].lower(),
    ):
        if candidate.lower() in known:
            return known[candidate.lower()]
    raise ValueError(f"no locale {code!r}; locales: {', '.join(available())}")


@dataclass(frozen=True)
class Locale:
    code: str  # as in the file's name: de, zh-Hans
    babel: str  # Babel's name for it: de, zh_Hans
    headings: dict[str, str]
    words: dict[str, str]
    east_asian_font: str | None = None  # what a DOCX names for Chinese, Japanese, Korean
    missing: tuple[str, ...] = ()  # words the translation lacks (English is used)
    greeting_to: str | None = None  # a letter's greeting by name, "Dear {name},": no fallback
    # What generated lists and labels are punctuated with (a degree and its field, skills):
    # the ideographic comma in Chinese and Japanese, the Arabic comma in Arabic script.
    comma: str = ", "
    colon: str = ":"

    @property
    def english(self) -> bool:
        return self.code == DEFAULT

    def word(self, key: str) -> str:
        return self.words[key]

    def written(self, asked: str) -> str:
        """A document's language: this locale's, or Hong Kong's or Macao's Chinese where the
        profile asks for it (zh-Hant-HK: its forms of the characters, in its fonts)."""
        return asked if self.code == "zh-Hant" and asked.startswith("zh-Hant-") else self.code

    def month(self, value: dt.date, long: bool = False) -> str:
        # Babel: only for a language other than English (80 ms of a cold start)
        from babel.dates import format_skeleton

        return format_skeleton("yMMMM" if long else "yMMM", value, locale=self.babel)

    def year(self, value: dt.date) -> str:
        from babel.dates import format_skeleton  # Babel, as above

        return format_skeleton("y", value, locale=self.babel)

    def day(self, value: dt.date) -> str:
        # Babel, as above
        from babel.dates import format_date

        return format_date(value, "long", locale=self.babel)


@cache
def load_locale(code: str = DEFAULT) -> Locale:

    try:
        name = resolve(code)
    except ValueError as error:
        raise InputError(str(error), "--locale") from None
    english = yaml_data((FOLDER / f"{DEFAULT}.yaml").read_text("utf-8"))
    data = english if name == DEFAULT else yaml_data((FOLDER / f"{name}.yaml").read_text("utf-8"))
    missing = [f"headings.{k}" for k in english["headings"] if k not in data.get("headings", {})]
    missing += [f"words.{k}" for k in english["words"] if k not in data.get("words", {})]
    return Locale(
        name,
        data.get("babel", name.replace("-", "_")),
        {**english["headings"], **data.get("headings", {})},
        {**english["words"], **data.get("words", {})},
        data.get("east_asian_font"),
        tuple(missing),
        data.get("greeting_to"),
        **data.get("punctuation", {}),
    )
