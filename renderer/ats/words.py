"""Words as keyword matching compares them: the advert's and the resume's alike.

A word's key is what stays when spelling choices are taken away: case, possessives, plural
and verb endings (a Snowball stem: planning ~ plan, audits ~ audit), British or American
spelling (optimisation ~ optimization, counselling ~ counseling), and hyphens (on-call ~ on
call). Words that are names of technologies keep their shape: C++, CI/CD, Node.js, .NET, S3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# A word: letters and digits, with + # . / & ' - inside (C++, CI/CD, Node.js, R&D, on-call),
# or .NET; any script's letters.
WORD = re.compile(r"\.NET\b|[^\W_](?:[\w+#./&'’-]*[\w+#])?")
# Where a phrase cannot run on: punctuation between list items and sentences.
CLAUSE_BREAK = re.compile(
    r"[,;:!?()\[\]{}•·|\"“”*<>=，、；：（）「」『』【】！？。]+|\.(?:\s|$)|\s[-–—/]\s|\n|\t"
)

_SPELLING = (  # British spellings, as the American ones (both sides of a comparison)
    (re.compile(r"is(ation|ations|e|ed|es|ing|er|ers)$"), r"iz\1"),
    (re.compile(r"([iblvnm])our(s|ed|ing|al)?$"), r"\1or\2"),
    (re.compile(r"([nt])re(s|d)?$"), r"\1er\2"),
    (re.compile(r"^(counsel|model|travel|label|cancel|fuel|signal|channel|level|total)l"), r"\1"),
    (re.compile(r"^(program)me(s)?$"), r"\1\2"),
    (re.compile(r"^(catalog|dialog)ue(s)?$"), r"\1\2"),
    (re.compile(r"^(analy)s(e|ed|es|ing)$"), r"\1z\2"),
    (re.compile(r"^(licen|defen|offen)ce(s|d)?$"), r"\1se\2"),
    (re.compile(r"^practis"), "practic"),
    (re.compile(r"^(paed|anaes|orthopaed|haem|oesoph)"), lambda m: m.group(1).replace("a", "", 1)),
    (re.compile(r"^judgement"), "judgment"),
    (re.compile(r"^enrol(s|ment)?$"), r"enroll\1"),
)
_STEMMER = snowballstemmer.stemmer("english")  # immutable rules; stemWord holds no state


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """One word as a name is looked up: lower case, no possessive or plural ending, American
    spelling (Kubernetes, budgets ~ budget; but monitor is not monitoring)."""
    if re.fullmatch(r"[A-Z]{2,}s", word):  # an acronym's plural: SDKs, RCAs, APIs
        word = word[:-1]
    word = word.replace("’", "'").lower()
    word = re.sub(r"'s$|'$", "", word).replace("'", "")
    if not word.isalpha():
        return word.rstrip(".&-!?") if word.startswith(".") else word.strip(".&-!?")
    if len(word) > 5:  # shorter words have no British form: rise, tour, genre
        for pattern, replacement in _SPELLING:
            word = pattern.sub(replacement, word)  # type: ignore[arg-type]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ics")):
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        return word[:-2] if word.endswith(("sses", "xes", "ches", "shes")) else word[:-1]
    return word


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """One word's key for comparing texts: its name key, stemmed (planning ~ plan)."""
    name = name_key(word)
    return _STEMMER.stemWord(name) if name.isalpha() and len(name) > 3 else name


_WIDE = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
# Where Chinese, Japanese or Korean meets another script: those languages write no spaces,
# so 'Java架构师' and '熟悉Java' hold the name Java.
_SCRIPT_CHANGE = re.compile(rf"(?<=[{_WIDE}])(?=[^{_WIDE}])|(?<=[^{_WIDE}])(?=[{_WIDE}])")


def split_word(word: str) -> list[str]:
    """A written word as the words it joins: on-call -> on, call; Postgres/MySQL -> both;
    熟悉Java -> 熟悉, Java; but CI/CD, A/B, TCP/IP, R&D and Node.js stay whole."""
    if _SCRIPT_CHANGE.search(word):
        return [p for piece in _SCRIPT_CHANGE.split(word) for p in split_word(piece) if p]
    parts = (
        [p for p in re.split(r"[-‐]", word) if p]
        if re.search(r"[A-Za-z]-[A-Za-z]", word)
        else [word]
    )
    out: list[str] = []
    for part in parts:
        pieces = part.split("/")
        if len(pieces) > 1 and any(len(p) > 3 for p in pieces) and all(pieces):
            out += pieces
        else:
            out.append(part)
    return out


def phrase_key(text: str) -> tuple[str, ...]:
    """A phrase's key: its words' keys in order."""
    return tuple(word_key(part) for word in WORD.findall(text) for part in split_word(word))


def phrase_name(text: str) -> tuple[str, ...]:
    """A phrase as a name is looked up: its words' name keys in order."""
    return tuple(name_key(part) for word in WORD.findall(text) for part in split_word(word))


@dataclass(frozen=True)
class Token:
    text: str  # as written
    key: str  # word_key
    start: int  # offsets in the text it came from
    end: int

    @property
    def name(self) -> str:
        return name_key(self.text)


def tokens(text: str) -> list[Token]:
    """The words of a text with their keys and places; a hyphenated word is its parts."""
    out: list[Token] = []
    for match in WORD.finditer(text):
        offset = match.start()
        for part in split_word(match.group()):
            start = text.index(part, offset)
            out.append(Token(part, word_key(part), start, start + len(part)))
            offset = start + len(part)
    return out


def clauses(text: str) -> list[tuple[int, str]]:
    """The text cut where a phrase cannot run on, with each piece's offset."""
    pieces, position = [], 0
    for match in CLAUSE_BREAK.finditer(text):
        pieces.append((position, text[position : match.start()]))
        position = match.end()
    pieces.append((position, text[position:]))
    return [(offset, piece) for offset, piece in pieces if piece.strip()]
