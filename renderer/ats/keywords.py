"""Keyword coverage: which of a job advert's terms a resume shows, where, and what is close.

The terms are what a recruiter screens for (terms.py): each required or preferred. A term is
shown when the resume writes it or one of its other forms (k8s for Kubernetes; plurals, verb
endings, hyphens and British spelling aside). A term of several words that the resume does
not write, but whose distinctive words it uses together in one place ('canary releases' and
'canary, blue-green'), is a near miss: the report quotes the resume's words and says where,
so the person can decide whether to say it the advert's way. For a term missing altogether
it says where in the profile it would go if the person has it; it never suggests inventing.
No scores beyond counts: required and preferred terms are counted apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from renderer.ats.terms import AdvertTerm, advert_terms
from renderer.ats.vocabulary import KINDS, vocabulary
from renderer.ats.words import name_key, tokens, word_key
from renderer.compose.document import Document, Role

# Words too common in terms to make a near miss on their own: 'incident response' is near
# 'incident recovery' through 'incident', never 'product response' through 'response'.
_WEAK_WORDS = (
    "management development engineering experience system service process support design "
    "analysis skill tool solution program practice release response operation automated "
    "automation application platform data work environment strategy technique method approach "
    "plan review report"
)
_WEAK = frozenset(map(word_key, _WEAK_WORDS.split()))
_STOP_WORDS = "and or with of for to in on at by the a an via"
_STOP = frozenset(map(word_key, _STOP_WORDS.split()))
_WINDOW = 4  # words apart at most, for words to be 'together'
MAX_TERMS = 300  # an advert asks for a hundred things at most; more is several adverts
_SECTION_FOR_KIND = {  # where a missing term of each kind belongs in a profile
    "technology": "skills",
    "language": "languages",
    "qualification": "education or certificates",
    "title": "headline",
}


@dataclass(frozen=True)
class Near:
    words: str  # the resume's own words
    where: str  # "Experience › Engineer | Acme"


@dataclass(frozen=True)
class TermResult:
    term: str
    required: bool
    kind: str  # technology, practice, qualification, language, title, or ''
    times: int  # in the advert
    where: tuple[str, ...] = ()  # where the resume shows it
    near: tuple[Near, ...] = ()  # where the resume says something close
    suggest: str = ""  # for a term not shown: where in the profile it would go

    @property
    def found(self) -> bool:
        return bool(self.where)

    def to_json(self) -> dict[str, object]:
        return {
            "term": self.term,
            "required": self.required,
            "kind": self.kind or "phrase",
            "found": self.found,
            "where": list(self.where),
            "near": [{"words": n.words, "where": n.where} for n in self.near],
            "suggest": self.suggest or None,
            "times": self.times,
        }


@dataclass(frozen=True)
class Coverage:
    terms: tuple[TermResult, ...]
    left_out: int = 0  # terms past MAX_TERMS, not reported

    @property
    def found(self) -> list[TermResult]:
        return [t for t in self.terms if t.found]

    @property
    def missing(self) -> list[TermResult]:
        return [t for t in self.terms if not t.found]

    @property
    def total(self) -> int:
        return len(self.terms)

    def counts(self, required: bool) -> tuple[int, int]:
        """(shown, all) of the required or of the preferred terms."""
        chosen = [t for t in self.terms if t.required is required]
        return sum(t.found for t in chosen), len(chosen)

    def summary(self) -> str:
        parts = []
        for required, label in ((True, "required"), (False, "preferred")):
            shown, total = self.counts(required)
            if total:
                parts.append(f"{shown} of {total} {label} terms ({shown / total:.0%})")
        near = sum(1 for t in self.missing if t.near)
        said = " and ".join(parts) or "no terms"
        more = (
            f"; {self.left_out} more terms left out (is the file several adverts?)"
            if self.left_out
            else ""
        )
        return f"the resume shows {said}" + (f"; {near} near misses" if near else "") + more

    def to_json(self) -> dict[str, object]:
        def share(required: bool) -> dict[str, object]:
            shown, total = self.counts(required)
            return {
                "found": shown,
                "total": total,
                "share": round(shown / total, 3) if total else None,
            }

        return {
            "terms": [t.to_json() for t in self.terms],
            "coverage": {"required": share(True), "preferred": share(False)},
        }


@dataclass
class _Place:
    keys: list[str]
    spans: list[tuple[int, int]]  # each key's word in text
    text: str
    where: str
    section: str
    names: frozenset[str]  # of the vocabulary's terms the block writes
    names_written: frozenset[str]  # its words' name keys (no stems)


def coverage(
    job_text: str, document: Document, ignore: tuple[str, ...] = (), title: str = ""
) -> Coverage:
    """Each term of the advert, shown (where), near (the resume's words) or missing (where
    it would go). `ignore`: the company's name; `title`: the role applied for."""
    company = next((name for name in ignore if name), "")
    places = _places(document)
    terms = advert_terms(job_text, title, company)
    # the most asked for first: a page of a job board's thread gives a thousand terms
    kept = sorted(terms, key=lambda t: (t.kind != "title", not t.required, -t.times))
    kept = kept[:MAX_TERMS]
    chosen = {id(t) for t in kept}
    results = [_result(term, places) for term in terms if id(term) in chosen]
    ordered = sorted(results, key=lambda r: (r.kind != "title", not r.required))
    return Coverage(tuple(ordered), max(0, len(terms) - MAX_TERMS))


def _result(term: AdvertTerm, places: list[_Place]) -> TermResult:
    known = vocabulary().term(term.name) if term.kind in KINDS else None
    if known is not None:  # a name: read in the resume as in the advert, in any of its forms
        where = [p.where for p in places if known.name in p.names]
        if not where and not vocabulary().everyday(known.name):
            where = [p.where for p in places if any(_contains(p.keys, f) for f in known.forms)]
    elif len(term.forms[0]) == 1 and term.name[:1].isupper():
        # a name the table does not know ('Thanos' in a list of names): as written, not by
        # stem ('Mercury' is not 'mercurial')
        where = [p.where for p in places if name_key(term.name) in p.names_written]
    else:
        where = [p.where for p in places if any(_contains(p.keys, f) for f in term.forms)]
    near: list[Near] = []
    if not where:
        near = _near(term, places)
    suggest = "" if where else _suggest(term, near, places)
    return TermResult(
        term.name,
        term.required,
        term.kind,
        term.times,
        tuple(dict.fromkeys(where)),
        tuple(near),
        suggest,
    )


def _contains(keys: list[str], form: tuple[str, ...]) -> bool:
    n = len(form)
    return n > 0 and any(tuple(keys[i : i + n]) == form for i in range(len(keys) - n + 1))


def _near(term: AdvertTerm, places: list[_Place]) -> list[Near]:
    """Places that use the term's distinctive words together, in other words around them."""
    key = term.forms[0]
    strong = [k for k in key if k not in _WEAK and len(k) > 2]
    if len(key) < 2 or not strong:
        return []
    found: list[Near] = []
    for place in places:
        for start, hit in enumerate(place.keys):
            if hit not in strong:
                continue
            window = range(max(0, start - _WINDOW), min(len(place.keys), start + _WINDOW + 1))
            together = [i for i in window if place.keys[i] in strong]
            if {place.keys[i] for i in together} == set(strong):
                found.append(Near(_quote(place, min(together), max(together)), place.where))
                break
    return list({n.words: n for n in found}.values())[:3]


def _quote(place: _Place, first: int, last: int) -> str:
    """The resume's words from the first to the last hit, and the words that go on the same
    phrase after it (at most two): 'canary, blue-green', 'incident recovery'."""
    for step in range(2):
        following = last + 1
        if following >= len(place.keys) or place.keys[following] in _STOP:
            break
        gap = place.text[place.spans[last][1] : place.spans[following][0]].strip()
        if gap not in ("", "-", "/") and not (gap == "," and step == 0):
            break  # 'canary, blue-green' goes on; 'traffic control, observability' stops
        last = following
    return " ".join(place.text[place.spans[first][0] : place.spans[last][1]].split())


def _suggest(term: AdvertTerm, near: list[Near], places: list[_Place]) -> str:
    if near:
        return f"say '{term.name}' where the resume says '{near[0].words}', if it is the same"
    section = _SECTION_FOR_KIND.get(term.kind)
    if section:
        return f"{section}, if you have it"
    shown = {p.section for p in places}
    home = "an experience bullet" if "experience" in shown else "the summary"
    return f"{home} that shows it, if you have done it"


def _places(document: Document) -> list[_Place]:
    """Every block of the resume, as keys, with where it is."""
    places: list[_Place] = []
    section_id, section, entry = "", "", ""
    for block in document.blocks:
        if block.role is Role.HEADING:
            section_id, section, entry = block.section, block.text, ""
            continue
        if block.role is Role.ENTRY:
            entry = block.body
        words = tokens(block.text)
        where = " › ".join(part for part in (section or "Header", entry) if part)
        spans = [(w.start, w.end) for w in words]
        names = vocabulary().names_in(block.text)
        written = frozenset(w.name for w in words)
        keys = [w.key for w in words]
        places.append(_Place(keys, spans, block.text, where, section_id, names, written))
    return places


def report_markdown(title: str, result: Coverage) -> str:
    """The report as Markdown, for the application's folder: required terms first."""
    lines = [f"# {title}", "", f"In short: {result.summary()}.", ""]
    for required, heading in ((True, "Required"), (False, "Preferred")):
        chosen = [t for t in result.terms if t.required is required]
        if not chosen:
            continue
        lines += [
            f"## {heading}",
            "",
            "| term | shown | where, or what is close |",
            "|---|---|---|",
        ]
        lines += [_row(t) for t in sorted(chosen, key=lambda t: (t.found, not t.near))]
        lines.append("")
    lines.append(
        "Terms come from the parts of the advert that describe the job (not the company, "
        "benefits, pay or legal text). A term is shown when the resume writes it or another "
        "form of it (k8s, Postgres; plurals and spelling aside). 'Near' quotes the resume's "
        "own words that come close: change them only if they mean the same."
    )
    return "\n".join(lines) + "\n"


def _row(term: TermResult) -> str:
    if term.found:
        return f"| {_cell(term.term)} | yes | {_cell('; '.join(term.where))} |"
    if term.near:
        said = "; ".join(f"'{n.words}' ({n.where})" for n in term.near)
        return f"| {_cell(term.term)} | near | {_cell(said)} |"
    return f"| {_cell(term.term)} | no | {_cell(term.suggest)} |"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def terms_of(text: str) -> list[str]:
    """The advert's terms as written, for a quick look (tests, the API)."""
    return [t.name for t in advert_terms(text)]
