"""An entry's head as people write it: a title and an organisation, dates, a place, in the
orders people use (`Engineer — Acme`, `Acme | Engineer | 2019 – 2021`, `Engineer at Acme`,
`Acme, Berlin` over `Engineer   Jan 2020 – Present`), read into their fields, with what was
guessed said."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from renderer.inputs.resume.header import looks_like_place
from renderer.profile.values import means_present, read_span

_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"|(?:januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin"
    r"|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio"
    r"|julio|agosto|septiembre|octubre|noviembre|diciembre)"
)
_DATE = (
    rf"(?:(?:{_MONTH})\s*,?\s*\d{{4}}|\d{{1,2}}[/.]\d{{4}}|\d{{4}}[/.\-]\d{{1,2}}(?![\d])"
    r"|(?:spring|summer|fall|autumn|winter)\s+\d{4}|\d{4}年\d{1,2}月|\d{4}(?![\d/.-]\d))"
)
_NOW = (
    r"(?:present|current|now|today|ongoing|heute|aktuell|actualidad|presente|atual"
    r"|aujourd'hui|aujourd’hui|en cours|oggi|heden|至今|现在|現在|현재)"
)
_SPAN = re.compile(
    rf"(?<![\w/.])(?:{_DATE})(?:\s*(?:–|—|-|~|to|until|bis|à|au|a)\s*(?:{_DATE}|{_NOW}))?(?![\w/])",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:\s[—–|·•]\s|\s-\s|\t|\s{3,}|\s+@\s+|\s*\|\s*)\s*")
_ADDRESS = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?", re.I)
_AT = re.compile(r"^(.+?)\s+(?:at|@|bei|chez|en)\s+(.+)$", re.I)

KINDS = {
    "full-time": "full-time", "full time": "full-time", "part-time": "part-time",
    "part time": "part-time", "internship": "internship", "intern": "internship",
    "contract": "contract", "contractor": "contract", "freelance": "freelance",
    "volunteer": "volunteer", "self-employed": "freelance",
}  # fmt: skip

# Words that make a name an organisation's: anywhere (a legal form, a kind of institution), or
# as its last word (Acme Software, Northwind Labs).
_ORGANISATION = re.compile(
    r"\b(?:inc|ltd|llc|gmbh|ag|plc|corp|corporation|university|universit[äaé]t?|universidad|"
    r"université|università|college|school|institute|institut|academy|hospital|clinic|bank|"
    r"ministry|department|government|foundation|council|hochschule|polytechnic|faculty|"
    r"gymnasium)\b\.?",
    re.I,
)
_ORGANISATION_END = re.compile(
    r"\b(?:company|co|group|labs?|technologies|technology|systems|solutions|software|agency|"
    r"studio|services|consulting|partners|associates|holdings|ventures|capital|media|"
    r"networks|center|centre|sa|bv|ab|as|oy|srl|pty)\.?$",
    re.I,
)
_ROLE = re.compile(
    r"\b(?:engineer|developer|programmer|manager|director|intern|analyst|scientist|designer|"
    r"consultant|lead|head|officer|specialist|architect|administrator|assistant|associate|"
    r"teacher|professor|lecturer|researcher|nurse|accountant|technician|coordinator|"
    r"representative|executive|president|founder|co-founder|owner|editor|writer|advisor|"
    r"adviser|student|fellow|trainee|apprentice|sre|devops|cto|ceo|cfo|vp|principal|senior|"
    r"junior|staff|chief|member|volunteer|tutor|instructor|entwickler|ingenieur|"
    r"développeur|ingénieur|desarrollador|ingeniero|werkstudent|praktikant|internship)\b",
    re.I,
)
_DEGREE = re.compile(
    r"\b(?:bachelor|master|b\.?\s?s\.?c?|m\.?\s?s\.?c?|b\.?a|m\.?a|ph\.?\s?d|doctor|mba|"
    r"diploma|degree|associate|certificate|licence|license|b\.?eng|m\.?eng|b\.?tech|m\.?tech|"
    r"abitur|baccalaur[ée]at|licenciatura|laurea|hnd|a-levels?|high school|diplom|bsc|msc)\b",
    re.I,
)


@dataclass
class Head:
    title: str = ""
    organisation: str = ""
    location: str = ""
    kind: str = ""
    url: str = ""
    dates: dict[str, str] = field(default_factory=dict)  # start, end or date
    guesses: list[str] = field(default_factory=list)
    rest: list[str] = field(default_factory=list)  # pieces it could not place


def find_dates(text: str) -> tuple[dict[str, str], str]:
    """(the dates a text gives, the text without them): the last date or range in it."""
    spans = list(_SPAN.finditer(text))
    if not spans:
        return {}, text
    found = spans[-1]
    span = read_span(found.group(0))
    if span is None:
        return {}, text
    rest = (text[: found.start()] + " " + text[found.end() :]).strip()
    rest = re.sub(r"\(\s*\)|\[\s*\]", "", rest)
    rest = re.sub(r"(?:\s*[,|·•—–-]\s*)+$", "", rest).strip()
    rest = re.sub(r"^(?:[,|·•—–-]\s*)+", "", rest).strip()
    return dict(span), rest


def read_head(text: str, aside: str = "", *, education: bool = False) -> Head:
    """A head line (and what is set flush right beside it) read into its fields."""
    head = Head()
    for source in (aside, text):
        if source and not head.dates:
            head.dates, rest = find_dates(source)
            if source is aside:
                aside = rest
            else:
                text = rest
    pieces = [p.strip(" ,;:()") for p in _SPLIT.split(text)]
    if aside.strip():
        pieces.append(aside.strip())
    _place_pieces(head, _with_commas(p for p in pieces if p), education)
    return head


def _with_commas(pieces: Iterable[str]) -> list[str]:
    """Pieces split at commas where they hold two things: `Acme Corp, Berlin, Germany` is an
    organisation and a place; `Engineer, Acme` alone on a line is a title and a company."""
    given = list(pieces)
    found: list[str] = []
    for piece in given:
        parts = piece.split(", ")
        tail = ", ".join(parts[-2:])
        if len(parts) >= 3 and looks_like_place(tail):
            found += [", ".join(parts[:-2]), tail]
        elif (
            len(parts) == 2
            and len(given) == 1
            and (_ROLE.search(parts[0]) or _DEGREE.search(parts[0]) or not looks_like_place(piece))
        ):
            found += parts
        else:
            found.append(piece)
    return found


def _place_pieces(head: Head, pieces: list[str], education: bool) -> None:
    named: list[str] = []
    for piece in pieces:
        kind = KINDS.get(piece.lower())
        if kind and not head.kind:
            head.kind = kind
        elif _ADDRESS.fullmatch(piece) and not head.url:
            head.url = piece if "://" in piece else f"https://{piece}"
        elif looks_like_place(piece) and not head.location and (named or len(pieces) > 2):
            head.location = piece
        else:
            named.append(piece)
    if len(named) == 1:
        at = _AT.match(named[0])
        if at and not education:  # Engineer at Acme: the words say which is which
            head.title, head.organisation = at.group(1), at.group(2)
            return
    if not named:
        return
    if len(named) == 1:
        one = named[0]
        if _role(one, education) > _org(one):
            head.title = one
        else:
            head.organisation = one
        return
    first, second, *more = named
    head.rest = more
    score = _score(first, second, education)
    if score < 0:
        first, second = second, first
    if score == 0:
        head.guesses.append(
            f"read {first!r} as the {'degree' if education else 'title'} and {second!r} as the "
            f"{'school' if education else 'organisation'}; they may be the other way round"
        )
    head.title, head.organisation = first, second


def _score(first: str, second: str, education: bool) -> int:
    """Above zero: `first` is the title (or degree) and `second` the organisation; below:
    the other way round; zero: the words do not tell."""
    return _role(first, education) - _role(second, education) + _org(second) - _org(first)


def _role(text: str, education: bool) -> int:
    """How much a text reads as a job title (or a degree): its last word one (Software
    Engineer) more than a role word anywhere (Head of Platform)."""
    words = _DEGREE if education else _ROLE
    last = text.split()[-1] if text.split() else ""
    return 2 if words.fullmatch(last.strip(".,")) else int(bool(words.search(text)))


def _org(text: str) -> int:
    return 2 if _ORGANISATION.search(text) else int(bool(_ORGANISATION_END.search(text)))


def kind_of(text: str) -> str:
    return KINDS.get(text.strip().lower(), "")


def is_now(text: str) -> bool:
    return means_present(text)
