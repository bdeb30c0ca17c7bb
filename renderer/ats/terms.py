"""The terms of a job advert that a recruiter screens for, each required or preferred.

Only the parts of the advert that describe the job count (advert.py). In them a term is
- a name the vocabulary knows (vocabulary.py): a product, a practice, a qualification, a
  language, in any of its forms (k8s is Kubernetes);
- a phrase of two to four words between the words that cannot be part of one (function
  words, verbs opening a clause, praise, everyday nouns): 'patient education', 'data
  pipelines', 'legal research'; a coordination gives each of its phrases ('written and oral
  advocacy' is written advocacy and oral advocacy);
- a word alone when it is shaped like a name (an acronym, GraphQL, C++, S3, Node.js), or
  written capitalised in a list beside known names ('Prometheus, Thanos, Loki').
Currency, numbers, places, the company's own name, and names of other roles never are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from babel import Locale

from renderer.ats.advert import Advert, Passage, read_advert
from renderer.ats.vocabulary import title_words, vocabulary, word_list
from renderer.ats.words import Token, clauses, phrase_key, tokens, word_key

MAX_PHRASE = 4  # words; a longer run is a sentence fragment, not a term
_CONJUNCTIONS = {"and", "or", "&", "/", "and/or"}
_SUFFIXES = {"based", "driven", "oriented", "focused", "centric", "powered", "enabled"}
# A degree or diploma, and its field: "Bachelor's degree in Accounting", "BA/BS in Design".
_DEGREE = re.compile(
    r"\b((?:Bachelor|Master|Associate|Doctor|Doctorate)(?:'s|s)?\b(?: of (?:Science|Arts))?"
    r"(?: degree| Degree)?|(?:BA|BS|BSc|MS|MSc|MA|MEng|PhD|Ph\.D\.?|MBA|JD)"
    r"(?:/(?:BA|BS|BSc|MS|MSc|MA|"
    r"PhD|Ph\.D\.?))*(?= degree| in )(?: degree)?|[Hh]igh [Ss]chool [Dd]iploma|[Ll]aw degree|GED)"
    r"(?: (?:in|of) ((?:[A-Z][a-z][\w&-]*|[a-z]+)(?: (?:and |& )?[A-Z][a-z][\w&-]*){0,3}))?"
)
_BARE_RANKS = {"Associate", "Doctor", "Master", "Bachelor", "Masters", "Associates"}
_LY_NOUNS = {"family", "supply", "assembly", "anomaly", "reply", "italy", "july", "apply"}


@dataclass
class AdvertTerm:
    name: str  # as the advert first writes it
    kind: str  # technology, practice, qualification, language, title, or '' (a phrase)
    required: bool
    times: int = 0
    forms: tuple[tuple[str, ...], ...] = ()  # the keys of every way of writing it
    written: list[str] = field(default_factory=list)  # each way the advert wrote it


@dataclass(frozen=True)
class _Words:
    stop: frozenset[str]
    generic: frozenset[str]
    verbs: frozenset[str]  # every form, lower case
    ing_nouns: frozenset[str]
    nonterms: frozenset[str]  # keys
    places: frozenset[tuple[str, ...]]  # keys of places of more than one word


def _verb_forms(base: str) -> set[str]:
    stem = base[:-1] if base.endswith("e") else base
    forms = {base, base + "s", base + "es", stem + "ing", stem + "ed", base + "d"}
    if re.search(r"[^aeiou]y$", base):
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", base):  # plan -> planning, planned
        forms |= {base + base[-1] + "ing", base + base[-1] + "ed"}
    return forms


@cache
def _words() -> _Words:
    verbs, nouns = set(), set()
    for word in word_list("verbs.txt"):
        if word.startswith("noun:"):
            nouns.add(word.removeprefix("noun:"))
        else:
            verbs |= _verb_forms(word.lower())
    places = set(Locale("en").territories.values()) | {"West Coast", "East Coast", "Midwest"}
    nonterms = {word_key(w) for w in [*word_list("nonterms.txt"), *places] if " " not in w}
    place_phrases = {phrase_key(p) for p in places if " " in p}
    return _Words(
        stop=frozenset(w.lower() for w in word_list("stopwords.txt")),
        generic=frozenset(w.lower() for w in word_list("generic.txt")),
        verbs=frozenset(verbs),
        ing_nouns=frozenset(nouns),
        nonterms=frozenset(nonterms),
        places=frozenset(place_phrases),
    )


def advert_terms(text: str, title: str = "", company: str = "") -> list[AdvertTerm]:
    """The advert's terms, the role's title first, then in the order the advert gives them."""
    advert = read_advert(text)
    company = company or advert.company
    collector = _Collector(_company_keys(company, advert), _names_outside(advert))
    role = _clean_title(title or advert.title, company)
    if role:
        collector.add(role, "title", phrase_key(role), True, forms=(phrase_key(role),))
    english = advert.in_english
    for passage in advert.counting():
        _scan(passage, collector, names_only=not english)
    return collector.terms()


def _names_outside(advert: Advert) -> frozenset[str]:
    """Names the advert uses about itself, its offer or the law (inside a sentence, so
    capitalised as names): its clients, investors, offices, programmes. Not the candidate's."""
    keys: set[str] = set()
    for passage in advert.passages:
        if passage.part.counts:
            continue
        for word in tokens(passage.text)[1:]:
            if word.text[:1].isupper() and word.text.lower() not in _words().stop:
                keys.add(word.key)
    return frozenset(keys)


class _Collector:
    def __init__(self, company: frozenset[str], outside: frozenset[str]) -> None:
        self.company = company
        self.outside = outside
        self.by_key: dict[tuple[str, ...], AdvertTerm] = {}

    def add(
        self,
        written: str,
        kind: str,
        key: tuple[str, ...],
        required: bool,
        forms: tuple[tuple[str, ...], ...] = (),
    ) -> None:
        if not key or (kind != "title" and set(phrase_key(written)) & self.company):
            return
        name_like = all(w[:1].isupper() for w in written.split())
        if not kind and name_like and set(key) & self.outside:
            return  # 'Google' among the company's clients, not a skill asked for
        if not kind and re.fullmatch(r"[A-Z][a-z]+(?: [a-z][\w'-]*)+", written):
            written = written[0].lower() + written[1:]  # 'Traffic management' opening a line
        term = self.by_key.get(key)
        if term is None:
            term = self.by_key[key] = AdvertTerm(written, kind, required, forms=forms or (key,))
        term.times += 1
        term.required = term.required or required
        if written not in term.written:
            term.written.append(written)

    def terms(self) -> list[AdvertTerm]:
        return list(self.by_key.values())


def _scan(passage: Passage, collector: _Collector, names_only: bool = False) -> None:
    required = not passage.preferred
    for degree in _DEGREE.finditer(passage.text):
        written = degree.group(0)
        if written in _BARE_RANKS:
            continue  # 'Partner Development Associate': a rank, not a degree
        collector.add(written, "qualification", phrase_key(written), required)
    shouting = passage.text.isupper()  # a line in capitals: its words are not acronyms
    pieces = clauses(passage.text)
    known = [_known_names(piece) for _, piece in pieces]
    known_total = sum(known)
    a_list = len(re.findall(r"[,;•·]", passage.text)) >= 2
    for index, (_, piece) in enumerate(pieces):
        words = tokens(piece)
        listed = len(words) <= 3 and known_total - known[index] > 0
        # an item of a list of things ('investigation, discovery, pleadings, briefs')
        itemised = len(words) <= 3 and a_list
        after_place = index > 0 and _ends_in_name(pieces[index - 1][1])
        for written, kind, key, forms in _clause_terms(
            piece, words, (listed, itemised), after_place
        ):
            named = kind in ("technology", "practice", "qualification", "language")
            only_names = shouting or names_only or passage.names_only
            # (in an advert in another language, a capitalised word among names is one too:
            # Hibernate, Eclipse, Tomcat beside Java and Spring)
            foreign_name = (  # (an item of its own: German writes every noun capitalised)
                names_only and len(words) == 1 and written[:1].isupper() and written.isascii()
            )
            if only_names and not (named or _name_shaped(written) or foreign_name):
                continue
            collector.add(written, kind, key, required, forms)


def _name_shaped(written: str) -> bool:
    """Written like the name of a technology: GraphQL, C++, S3, Node.js (not a phrase)."""
    return " " not in written and bool(re.search(r"[a-z][A-Z]|[+#]|\d|\.\w", written))


def _known_names(piece: str) -> bool:
    words = tokens(piece)
    return any(vocabulary().match(words, i) for i in range(len(words)))


def _ends_in_name(piece: str) -> bool:
    words = piece.split()
    return bool(words) and words[-1][:1].isupper()


def _clause_terms(
    piece: str, words: Sequence[Token], context: tuple[bool, bool], after_place: bool
) -> list[tuple[str, str, tuple[str, ...], tuple[tuple[str, ...], ...]]]:
    """(as written, kind, key, forms) of each term of one clause."""
    found: list[tuple[str, str, tuple[str, ...], tuple[tuple[str, ...], ...]]] = []
    listed = context[0]
    run: list[Token] = []
    before: list[Token] = []  # the run before a conjunction: 'written' in 'written and oral'
    index = 0
    while index < len(words):
        named = vocabulary().match(words, index, piece)
        if named and _verb_use(named[0].name, words, index):
            named = None  # 'Excel in application development', 'Go beyond the brief'
        if named and _usable(named[0].name, words, index, listed):
            term, length = named
            span = piece[words[index].start : words[index + length - 1].end]
            _flush(piece, run, before, found, context, after_place)
            run, before = [], []
            shown = term.name if span.lower() == term.name.lower() else span  # On-call: on-call
            found.append((shown, term.kind, term.forms[0], term.forms))
            index += length
            continue
        word = words[index]
        if _breaks(word, run, at_start=index == 0):
            done = _flush(piece, run, before, found, context, after_place)
            before = done if word.text.lower() in _CONJUNCTIONS else []
            run = []
        else:
            run.append(word)
        index += 1
    _flush(piece, run, before, found, context, after_place)
    return found


_VERB_FOLLOWERS = {"in", "at", "to", "beyond", "into", "above", "ahead", "with", "on"}


def _verb_use(name: str, words: Sequence[Token], index: int) -> bool:
    """A name that is also a verb (Excel, Go, Spring), opening a clause and followed by a
    preposition: the verb, not the product."""
    following = words[index + 1].text if index + 1 < len(words) else ""
    return index == 0 and following in _VERB_FOLLOWERS and vocabulary().everyday(name)


def _usable(name: str, words: Sequence[Token], index: int, listed: bool) -> bool:
    """A one-letter name (C, R) counts only among names: in a list of them, alone in its
    clause (a bullet '- C'), or joined to another ('C and C++', 'R or SAS')."""
    if len(name) > 1 or listed or len(words) == 1:
        return True
    for step in (1, -1):
        joined, other = index + step, index + 2 * step
        beside = 0 <= other < len(words) and words[joined].text.lower() in _CONJUNCTIONS
        if beside and vocabulary().match(words, other) is not None:
            return True
    return False


def _breaks(word: Token, run: list[Token], at_start: bool) -> bool:
    """Whether the word cannot be part of a term (so ends the run before it)."""
    lower = word.text.lower()
    w = _words()
    if lower in w.stop or lower in w.generic or not re.search(r"[^\W\d_]", word.text):
        return True
    if re.search(r"\d", word.text) and not re.search(r"[A-Za-z].*\d|\d.*[A-Za-z]", word.text):
        return True
    if re.match(r"\d", word.text) and not re.fullmatch(r"\d[A-Za-z]{1,2}", word.text):
        return True  # 3-year, 11-month, 1st (but 3D, 5G)
    if len(lower) > 4 and lower.endswith("ly") and lower not in _LY_NOUNS:
        return True  # an adverb
    if lower in w.verbs and lower not in w.ing_nouns:
        opening = not run  # a verb opens a clause: 'Design, build and maintain'
        naming = lower.endswith(("ed", "en")) and not (at_start and word.text[:1].isupper())
        return opening and not naming
    return False


def _flush(
    piece: str,
    run: list[Token],
    before: list[Token],
    found: list,
    context: tuple[bool, bool],
    after_place: bool,
) -> list[Token]:
    """The terms a run of words makes; returns the run (for a coordination after it)."""
    if not run:
        return run
    verb = next((i for i, t in enumerate(run[:-1]) if _acting(t)), None)
    if verb is not None:  # 'installation using industry tools': a verb inside, two phrases
        _flush(piece, run[:verb], [], found, context, after_place)
        return _flush(piece, run[verb + 1 :], [], found, context, after_place)
    if len(run) == 1 and "/" in run[0].text and not vocabulary().term(run[0].text):
        parts = run[0].text.split("/")
        named = [vocabulary().match([Token(p, word_key(p), 0, len(p))], 0, p) for p in parts]
        for part, name in zip(parts, named, strict=True):  # 'ASP/PHP': each a name of its own
            if name and (len(part) > 1 or any(named)):  # 'C/C++': C among names
                term = name[0]
                shown = term.name if part.lower() == term.name.lower() else part
                found.append((shown, term.kind, term.forms[0], term.forms))
                continue
            _flush(
                piece,
                [Token(part, word_key(part), run[0].start, run[0].end)],
                [],
                found,
                context,
                after_place,
            )
        return run
    if len(run) == 1:
        single = _single(run[0], context, after_place)
        if single:
            found.append(single)
        if before and len(before) >= 2:  # 'legal research and writing': legal writing
            _phrase(piece, [*before[:-1], run[0]], found)
        return run
    if len(run) <= MAX_PHRASE:
        _phrase(piece, run, found)
        if len(before) == 1:  # 'written and oral advocacy': written advocacy
            _phrase(piece, [before[0], run[-1]], found)
    return run


def _acting(word: Token) -> bool:
    """An -ing form of a verb with words after it is acting on them ('using tools'), where
    one at the end is the name of a practice ('lesson planning')."""
    lower = word.text.lower()
    return lower.endswith("ing") and lower in _words().verbs and lower not in _words().ing_nouns


def _phrase(piece: str, run: list[Token], found: list) -> None:
    w = _words()
    keys = tuple(t.key for t in run)
    if keys in w.places or any(keys[i : i + 2] in w.places for i in range(len(keys))):
        return  # 'United States', 'Midwest region of the United States'
    if any(k in w.nonterms for k in keys) and all(t.text[:1].isupper() for t in run):
        return  # a place: 'San Antonio', 'New Mexico'
    if run[0].text.lower() == "greater" and all(t.text[:1].isupper() for t in run[1:]):
        return  # a metropolitan area: 'greater Tampa'
    titled = all(t.text[:1].isupper() for t in run) and not all(t.text.isupper() for t in run)
    if titled and run[-1].text in title_words():
        return  # another role: 'Health Center Manager'
    head = run[-1].text.lower()
    if head.endswith("ed") and head in w.verbs and head not in w.ing_nouns:
        return  # 'patients seen', 'skills required': not a term
    based = next((i for i, t in enumerate(run[1:], 1) if t.text.lower() in _SUFFIXES), None)
    if based is not None and piece[run[based].start - 1] == "-":  # 'lucene-based systems'
        _phrase(piece, run[:based], found) if based > 1 else found.append(
            (run[0].text, "", (run[0].key,), ((run[0].key,),))
        )
        return
    slashed = [i for i in range(len(run) - 1) if piece[run[i].end : run[i + 1].start] == "/"]
    if slashed and len(run) - 1 not in slashed and slashed[-1] + 1 < len(run) - 1:
        # 'interaction/graphic/industrial design': each alternative with what follows
        first, last = slashed[0], slashed[-1] + 1
        for choice in run[first : last + 1]:
            _phrase(piece, [*run[:first], choice, *run[last + 1 :]], found)
        return
    written = " ".join(t.text for t in run) if _apart(run) else piece[run[0].start : run[-1].end]
    found.append((written, "", keys, (keys,)))


def _apart(run: list[Token]) -> bool:
    return any(b.start - a.end > 1 for a, b in zip(run, run[1:], strict=False))


def _single(word: Token, context: tuple[bool, bool], after_place: bool):
    w = _words()
    text = word.text
    listed, itemised = context
    if word.key in w.nonterms or (after_place and re.fullmatch(r"[A-Z]{2}", text)):
        return None
    letters = sum(c.isalpha() for c in text)
    digits = sum(c.isdigit() for c in text)
    acronym = (
        re.fullmatch(r"[A-Z][A-Z0-9&+#/.-]*[A-Z0-9+#]s?", text)
        and 2 <= letters <= 5  # longer capitals are words shouted: SAFETY, INNOVATION
        and letters >= digits
        and not re.fullmatch(r"[A-Z]{1,3}-\d+", text)  # a form's number: SF-15, DD-214
    )
    shaped = (
        re.search(r"[a-z][A-Z]", text)  # GraphQL, iOS
        or (re.search(r"[+#]", text) and letters)  # C++, C#
        or (re.search(r"\d", text) and letters >= sum(c.isdigit() for c in text))  # S3
        or re.fullmatch(r"\.?[A-Za-z]+\.[A-Za-z]{2,}", text)  # Node.js
    )
    named = listed and text[:1].isupper() and letters >= 2
    item = itemised and text.islower() and len(text) > 3 and text not in w.verbs
    if not (acronym or shaped or named or item or (itemised and text.lower() in w.ing_nouns)):
        return None
    return (text, "", (word.key,), ((word.key,),))


def _company_keys(company: str, advert: Advert) -> frozenset[str]:
    """The keys of the company's name and its initials, never terms of the candidate."""
    names = [company] if company else []
    for passage in advert.passages:
        found = re.match(
            r"^(?:At |About )((?:[A-Z][\w&'-]+ ?){1,5}),|"
            r"^((?:[A-Z][\w&'-]+ ?){1,5}) (?:is|are|was) ",
            passage.text,
        )
        if found and passage.part.value in ("company", "summary"):
            names.append(found.group(1) or found.group(2))
    for found in _ORGANISATION.finditer(" ".join(p.text for p in advert.passages)):
        if _ORGANISATION_WORDS.search(found.group(1)):
            names += [found.group(1), found.group(2)]  # 'National Institute of X (NIX)'
    keys: set[str] = set()
    for name in names:
        words = [t for t in tokens(name) if t.text[:1].isupper() and t.key not in _words().stop]
        # not the words that say what it does: 'JHQ CPAs' leaves CPA a term, 'Acme Cloud' cloud
        keys |= {t.key for t in words if t.key not in _words().generic and not _is_term(t)}
        if len(words) >= 2:
            keys.add("".join(t.text[0] for t in words).lower())
    if company and len(own := tokens(company)) == 1:
        keys.add(own[0].key)  # a name of one word is the company's, even a term's (ASI)
    return frozenset(keys)


_ORGANISATION = re.compile(
    r"((?:[A-Z][\w&'-]+ (?:(?:of|for|and|the|&) )*){1,8}[A-Z][\w&'-]+) \(([A-Z]{2,8})\)"
)
_ORGANISATION_WORDS = re.compile(
    r"\b(Institutes?|Department|Office|Division|Branch|Agency|Center|Centre|Council|Association|"
    r"Union|Services|Administration|Board|Committee|University|College|School|Hospital|"
    r"Foundation|Corporation|Company|Group|Bureau|Authority|Commission|Ministry|Alliance)\b"
)


def _is_term(word: Token) -> bool:
    return vocabulary().match([word], 0) is not None


def _clean_title(title: str, company: str) -> str:
    """The role as a term: no emoji, gender marks, places or company ('Senior Backend
    Engineer (f/m/d) - Berlin' is Senior Backend Engineer; 'Acme | Data Engineer' is Data
    Engineer): of the title's parts, the first that ends in a job's word."""
    if company:
        title = title.replace(company, " ")
    title = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", title)
    title = re.sub(r"[^\w\s&/+#.,'-]", " ", title)

    def pieces(pattern: str) -> list[str]:
        cut = (" ".join(p.split()).strip(" -,.") for p in re.split(pattern, title))
        return [p for p in cut if p]

    def roles(parts: list[str]) -> list[str]:
        return [p for p in parts if p.split()[-1] in title_words() or p.split()[-1].endswith("er")]

    parts = pieces(r"\s[-–—,]\s|\||\s@\s|\sat\s")
    # 'Partner Development Associate, Florida': a role, then its place, after a comma
    return (roles(parts) or roles(pieces(r",\s")) or parts or [""])[0]
