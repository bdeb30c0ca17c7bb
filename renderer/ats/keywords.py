"""Keyword coverage: which of a job advert's significant terms a resume shows, and where.

Honest by construction: no scores beyond a count. A term is significant when it is
- a phrase of two or three words with no stop-word between (`incident response`), or
- a word shaped like a technology (`gRPC`, `C++`, `CI/CD`, `k8s`, `AWS`), or
- a capitalised word inside a sentence (`Kubernetes`, `Terraform`), or
- a word of the table of terms (`renderer/data/terms.yaml`) in any case.
Terms are compared after lowering case, dropping plural endings and outer punctuation, and
through that table's synonyms (k8s is Kubernetes) and nothing else.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from renderer.compose.document import Document, Role

MAX_TERMS = 40
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#./&'-]*[A-Za-z0-9+#]|[A-Za-z0-9]")
_CLAUSE = re.compile(r"[,;:!?()\[\]{}•·|\n\t\"“”]+|\.(?:\s|$)|\s[-–—]\s")

DATA = Path(__file__).parent / "data"


@cache
def _words(name: str) -> frozenset[str]:
    text = (DATA / name).read_text("utf-8")
    return frozenset(w for line in text.splitlines() for w in line.split("#")[0].split())


@cache
def _terms_table() -> dict[str, str]:
    """Every written form in the table -> its term's canonical (normalised) form."""

    data = yaml.safe_load((DATA / "terms.yaml").read_text("utf-8"))
    table: dict[str, str] = {}
    for term, others in data.items():
        canonical = normalise_phrase(str(term))
        table[canonical] = canonical
        for other in others or ():
            table[normalise_phrase(str(other))] = canonical
    return table


def normalise_word(word: str) -> str:
    """Lower case, no possessive, no plural ending (systems, technologies, processes, SLOs)."""
    if re.fullmatch(r"[A-Z]{2,}s", word):  # an acronym's plural: SLOs, APIs, OKRs
        word = word[:-1]
    word = word.lower().strip("'.-&")
    word = word.removesuffix("'s")
    if len(word) > 4 and word.isalpha():
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith(("sses", "xes", "ches", "shes")):
            return word[:-2]
        if word.endswith("s") and not word.endswith(("ss", "us", "is", "os")):
            return word[:-1]
    return word


def normalise_phrase(text: str) -> str:
    return " ".join(normalise_word(t) for t in _TOKEN.findall(text))


def canonical(phrase: str) -> str:
    """A phrase's term: its table entry when it has one, else itself (normalised)."""
    normal = normalise_phrase(phrase)
    return _terms_table().get(normal, normal)


def _shaped_like_technology(word: str) -> bool:
    return bool(
        (re.search(r"[+#/]|\d", word) and re.search(r"[A-Za-z]", word))
        or (len(word) > 1 and word.isupper())
        or re.search(r"[a-z][A-Z]", word)
        or ("." in word and not word.endswith("."))
    )


def significant_terms(text: str) -> Counter[str]:
    """The advert's significant terms (as written the first time) and how often each comes."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    table = _terms_table()
    for clause in _CLAUSE.split(text):
        words = _TOKEN.findall(clause)
        run: list[str] = []
        stops, actions = _words("stopwords.txt"), _words("actions.txt")
        for position, word in enumerate(words + ["the"]):  # a stop-word closes the last run
            # An action verb is no term: in lower case anywhere, or opening a line or clause
            # ("- Lead incident processes"); capitalised inside a title it is ("Tech Lead").
            action = word.lower() in actions and (word.islower() or position == 0)
            stop = word.lower() in stops or action
            if stop or not re.search(r"[A-Za-z]", word):
                _take(run, position - len(run), counts, shown, table)
                run = []
            else:
                run.append(word)
    return Counter({shown[key]: n for key, n in counts.items()})


def _take(
    run: list[str], start: int, counts: Counter[str], shown: dict[str, str], table: dict
) -> None:
    """Terms from a run of words between stop-words: a capitalised run of two to five words
    (a title, a name); a run of two or three words (`canary releases`), unless one of its
    words is a term by itself (`Kubernetes clusters` is Kubernetes); and each word that is
    significant on its own."""
    phrase = " ".join(run)
    alone = [w for w in run if _standalone(w, table)]
    named = 2 <= len(run) <= 5 and all(w[:1].isupper() for w in run)
    in_table = normalise_phrase(phrase) in table
    picks = []
    if named or in_table or (2 <= len(run) <= 3 and not alone):
        picks.append(phrase)
    if not in_table:
        for index, word in enumerate(run):
            if word in alone and not (named and not _shaped_like_technology(word)):
                picks.append(word)  # AWS in 'AWS Lambda'; not Cloud in 'Google Cloud'
            elif len(run) == 1 and word[:1].isupper() and start + index > 0:
                picks.append(word)  # a name inside a sentence: Terraform
    for pick in picks:
        key = canonical(pick)
        if len(key) > 1:
            counts[key] += 1
            shown.setdefault(key, pick)


def _standalone(word: str, table: dict[str, str]) -> bool:
    """A word that is a term by itself: shaped like a technology, or in the table."""
    return _shaped_like_technology(word) or normalise_phrase(word) in table


@dataclass
class Found:
    term: str
    times: int  # in the advert
    where: list[str] = field(default_factory=list)  # "Experience › Engineer | Acme"


@dataclass
class Coverage:
    found: list[Found]
    missing: list[Found]

    @property
    def total(self) -> int:
        return len(self.found) + len(self.missing)

    def summary(self) -> str:
        share = f" ({len(self.found) / self.total:.0%})" if self.total else ""
        return f"{len(self.found)} of {self.total} terms of the advert appear in the resume{share}"


def _places(document: Document) -> list[tuple[str, str]]:
    """(normalised text, where) of every block of the resume."""
    places, section, entry = [], "", ""
    for block in document.blocks:
        if block.role is Role.HEADING:
            section, entry = block.text, ""
            continue
        if block.role is Role.ENTRY:
            entry = block.body
        where = " › ".join(part for part in (section or "Header", entry) if part)
        places.append((f" {normalise_phrase(block.text)} ", where))
    return places


def coverage(
    job_text: str, document: Document, ignore: tuple[str, ...] = (), title: str = ""
) -> Coverage:
    """Each significant term of the advert, found (where) or missing; `ignore`: terms that
    say nothing of the candidate (the company's own name); `title`: the role applied for,
    the first term of all."""
    skip = {canonical(word) for word in ignore}
    counted = significant_terms(job_text)
    if title and canonical(title) not in {canonical(t) for t in counted}:
        counted[title] = job_text.lower().count(title.lower()) or 1
    ordered = sorted(
        counted.items(), key=lambda item: (canonical(item[0]) != canonical(title), -item[1])
    )
    terms = [(term, n) for term, n in ordered if canonical(term) not in skip][:MAX_TERMS]
    places = _places(document)
    forms: dict[str, set[str]] = {}
    for written, term in _terms_table().items():
        forms.setdefault(term, set()).add(written)
    found: list[Found] = []
    missing: list[Found] = []
    for term, times in terms:
        key = canonical(term)
        spellings = forms.get(key, set()) | {key}
        where = [place for text, place in places if any(f" {form} " in text for form in spellings)]
        item = Found(term, times, list(dict.fromkeys(where)))
        (found if where else missing).append(item)
    return Coverage(found, missing)


def report_markdown(title: str, result: Coverage) -> str:
    """The coverage as a Markdown file, for the application's folder."""
    lines = [f"# {title}", "", f"{result.summary()}.", ""]
    if result.found:
        lines += ["## Found", "", "| term | in the advert | where in the resume |", "|---|---|---|"]
        lines += [
            f"| {_cell(f.term)} | {f.times}× | {_cell('; '.join(f.where))} |" for f in result.found
        ]
        lines.append("")
    if result.missing:
        lines += ["## Missing", "", "| term | in the advert |", "|---|---|"]
        lines += [f"| {_cell(f.term)} | {f.times}× |" for f in result.missing]
        lines.append("")
    lines.append(
        "Terms are the advert's phrases of two or three words, words shaped like "
        "technologies, capitalised names and the words of the table of terms; compared "
        "without case or plural endings, and through that table's synonyms."
    )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
