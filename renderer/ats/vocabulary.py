"""The terms `resume match` recognises by name: O*NET's products and the project's own table.

Two sources, read once and never changed afterwards (safe to share between threads):
- `data/onet-technology.tsv`: the software of O*NET's Technology Skills (CC BY 4.0), each
  product with the shorter names adverts use (made by scripts/refresh_onet.py);
- `data/terms.yaml`: technologies, practices, qualifications and languages, each with the
  other ways it is written (k8s is Kubernetes), and the kind that says where it belongs.
A name is looked up by its words' keys (words.py), so case, plurals and spelling do not
matter, except for names that are everyday words (Go, Spring) or capitals (AWS, AP): those
count only as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from renderer.ats.words import Token, phrase_key, phrase_name, tokens
from renderer.files import yaml_data

DATA = Path(__file__).parent / "data"
KINDS = ("technology", "practice", "qualification", "language")


@dataclass(frozen=True)
class Term:
    name: str  # as the table writes it: PostgreSQL
    kind: str  # one of KINDS
    forms: tuple[tuple[str, ...], ...]  # the keys of every way it is written


@dataclass(frozen=True)
class _Form:
    term: Term
    written: str  # the form as the source writes it
    exact: bool  # count only when the text writes it the same way (Go, AWS)


class Vocabulary:
    """Names by the keys of their words; the longest name wins."""

    def __init__(self, terms: Sequence[tuple[str, str, Sequence[str]]], exact: set[str]) -> None:
        self._forms: dict[tuple[str, ...], list[_Form]] = {}
        self._everyday: set[str] = set()
        self.longest = 1
        for name, kind, others in terms:
            written = [name, *others]
            keys = tuple(dict.fromkeys(k for k in map(phrase_key, written) if k))  # to compare
            term = Term(name, kind, keys)
            for form in written:
                key = phrase_name(form)
                if not key:
                    continue
                strict = (
                    form in exact
                    # C, R, Go, IT: short names are words in other cases (but an abbreviation
                    # the table writes in lower case, js or k8s, is one in any case: JS)
                    or (len(form) <= 3 and not form.islower())
                    or (form.isupper() and len(form) <= 5 and " " not in form)
                )
                self._forms.setdefault(key, []).append(_Form(term, form, strict))
                self.longest = max(self.longest, len(key))
                if strict:
                    self._everyday.add(name)

    def match(self, words: Sequence[Token], start: int, text: str = "") -> tuple[Term, int] | None:
        """The longest name starting at words[start], and how many words it takes. A name
        that is also a word (Go, C, Excel) counts only as written, and not as part of a
        hyphenated word of `text`, which the words' offsets point into (go-to-market,
        Go-getter, C-level)."""
        for length in range(min(self.longest, len(words) - start), 0, -1):
            span = words[start : start + length]
            pairs = zip(span, span[1:], strict=False)
            if text and any(text[a.end : b.start] == "/" for a, b in pairs):
                continue  # names a slash parts are each a name: C#/.NET is C# and .NET
            for form in self._forms.get(tuple(t.name for t in span), ()):
                if not form.exact:
                    return form.term, length
                if _as_written(span) == form.written and not _compounded(span, text):
                    return form.term, length
        return None

    def names_in(self, text: str) -> frozenset[str]:
        """The names of the terms a text writes, read as an advert's are (a resume's words:
        'expressions' is no Express, 'excellent' no Excel, 'go-to-market' no Go)."""
        words = tokens(text)
        found: set[str] = set()
        index = 0
        while index < len(words):
            named = self.match(words, index, text)
            if named:
                found.add(named[0].name)
            index += named[1] if named else 1
        return frozenset(found)

    def everyday(self, name: str) -> bool:
        """Whether a term has a form that is also an everyday word or letter (Go, R, AWS):
        a text shows it only where it writes that form as the table does."""
        return name in self._everyday

    def term(self, text: str) -> Term | None:
        """The term a phrase names, if it is one (in any of its forms, case aside)."""
        forms = self._forms.get(phrase_name(text))
        return forms[0].term if forms else None


def _compounded(span: Sequence[Token], text: str) -> bool:
    """Whether the words are part of a hyphenated word of the text they come from."""
    if not text:
        return False
    start, end = span[0].start, span[-1].end
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    return bool(re.fullmatch(r"\w-", before) or re.fullmatch(r"-\w", after))


def _as_written(span: Sequence[Token]) -> str:
    """The words as written, an acronym's plural as its singular (SQLs is SQL)."""
    return " ".join(t.text[:-1] if re.fullmatch(r"[A-Z]{2,}s", t.text) else t.text for t in span)


def _own_table() -> tuple[list[tuple[str, str, list[str]]], set[str]]:
    data = yaml_data((DATA / "terms.yaml").read_text("utf-8"))
    exact = {str(word) for word in data.pop("written as here", ())}
    terms = [
        (str(name), kind, [str(o) for o in others or ()])
        for kind in KINDS
        for name, others in (data.get(kind) or {}).items()
    ]
    return terms, exact


def _onet() -> tuple[list[tuple[str, str, list[str]]], set[str]]:
    terms, exact = [], set()
    # a short name O*NET gives a product that is a place ('FLorida', of a simulator's name)
    # names the place far more often: an advert for a job in Florida asked for 'FLorida'
    places = {w.lower() for w in word_list("nonterms.txt")}
    for line in (DATA / "onet-technology.tsv").read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        names = [n.removeprefix("~") for n in line.split("\t")]
        names = [n for n in names if n.lower() not in places]
        if not names:
            continue
        exact |= {n.removeprefix("~") for n in line.split("\t") if n.startswith("~")}
        terms.append((names[0], "technology", names[1:]))
    return terms, exact


@cache
def vocabulary() -> Vocabulary:
    """The shared vocabulary: the own table first, so its names and kinds win."""
    own, own_exact = _own_table()
    onet, onet_exact = _onet()
    return Vocabulary([*own, *onet], own_exact | onet_exact)


@cache
def title_words() -> frozenset[str]:
    """Words job titles end in (Engineer, Nurse, Accountant), from O*NET's titles."""
    text = (DATA / "onet-title-words.txt").read_text("utf-8")
    return frozenset(
        w for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )


def word_list(name: str) -> list[str]:
    """The words of one of data/'s lists: one or more per line, '#' starts a comment."""
    text = (DATA / name).read_text("utf-8")
    return [w for line in text.splitlines() for w in line.split("#")[0].split()]


@cache
def opening_verbs() -> frozenset[str]:
    """Verbs as a bullet opens with them: Support, Conducts (verbs.txt, capitalised)."""
    bases = [w for w in word_list("verbs.txt") if not w.startswith("noun:") and len(w) > 2]
    return frozenset(f for b in bases for f in (b.capitalize(), b.capitalize() + "s"))
