"""An entry's head as people write it: a title and an organisation, dates, a place, in the
orders people use (`Engineer — Acme`, `Acme | Engineer | 2019 – 2021`, `Engineer at Acme`,
`Acme, Berlin` over `Engineer   Jan 2020 – Present`, `Software Engineer, Robotics, Corvane
Labs`), read into their fields, with what was guessed said.

Which name is the title and which the organisation is told by their words (Engineer, Manager,
Intern… against Inc, GmbH, University, Labs…), else by the layout (in a head of two lines the
dates stand with the title, the place with the organisation), else it is a guess; the parser
then reads the guesses of a section the way its other entries were told.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from renderer.inputs.resume.dates import find_dates
from renderer.inputs.resume.header import looks_like_place
from renderer.profile.values import means_present

# Separators between the parts of a head, the strongest first: a tab or a wide space, a bar,
# a long dash, a dot, a hyphen with a space before it, a comma. A head is cut at the strongest
# it holds (`Líder de Desarrollo · Fullstack — Canal Meridiano` is two parts, not three); a
# part that is all its head's names is cut again at the next.
_RANKS = tuple(
    re.compile(f"({pattern})")
    for pattern in (
        r"\s*\t\s*|\s{3,}",
        r"\s*\|\s*",
        r"\s*—\s*|\s–\s*|\s*–\s|\s+@\s+",
        r"\s[·•]\s",
        r"\s-\s|\s-(?=[^\W\d_])",
        r",\s",
    )
)
_ADDRESS = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?", re.I)
_AT = re.compile(r"^(.+?)\s+(?:at|@|bei|chez|en|w)\s+(.+)$", re.I)

KINDS = {
    "full-time": "full-time", "full time": "full-time", "part-time": "part-time",
    "part time": "part-time", "internship": "internship", "intern": "internship",
    "contract": "contract", "contractor": "contract", "freelance": "freelance",
    "volunteer": "volunteer", "self-employed": "freelance", "cdi": "full-time",
    "cdd": "contract", "stage": "internship", "alternance": "internship",
    "praktikum": "internship", "teilzeit": "part-time", "vollzeit": "full-time",
}  # fmt: skip

_LEGAL_FORM = re.compile(
    r"(?:inc|llc|l\.l\.c|ltd|limited|gmbh|ag|plc|corp|co|s\.?a|sas|sarl|s\.?r\.?l|bv|b\.v|"
    r"ab|oy|pty(?: ltd)?|lp|llp|kg|se|nv|n\.v)\.?",
    re.I,
)

# Words that make a name an organisation's: anywhere (a legal form, a kind of institution), or
# as its last word (Acme Software, Northwind Labs).
_ORGANISATION = re.compile(
    r"\b(?:inc|ltd|llc|gmbh|ag|plc|corp|corporation|university|universit[äaé]t?|universidad|"
    r"universidade|universitet|uniwersytet|politechnika|université|università|college|school|"
    r"institute|institut|instituto|academy|akademie|hospital|clinic|bank|ministry|government|"
    r"foundation|fundacja|fundación|council|hochschule|polytechnic|faculty|gymnasium|lycée|"
    r"école|ecole|escuela|colegio|club|association|society|verein|s\.a|sp\. z o\.o|sarl|sas|"
    r"laboratory|laboratoire|labor|centre|center|church|agency|agentur|banque|banco|groupe|"
    r"grupo|société|sociedad|empresa|entreprise|ministère|ministerio|unternehmen)\b\.?",
    re.I,
)
_ORGANISATION_END = re.compile(
    r"\b(?:company|co\.|group|labs?|technologies|technology|tech|systems|solutions|software|"
    r"agency|studio|services|consulting|partners|associates|holdings|ventures|capital|media|"
    r"networks|center|centre|sa|bv|ab|as|oy|srl|pty|team|health|energy|power|logistics|"
    r"analytics|market|motors|insurance|retail|payments|conseil|advisors|"
    r"therapeutics|pharma|bank)\.?$",
    re.I,
)
_ROLE = re.compile(
    r"\b(?:engineer|developer|programmer|manager|director|intern|analyst|scientist|designer|"
    r"consultant|lead|head|officer|specialist|architect|administrator|assistant|associate|"
    r"teacher|professor|lecturer|researcher|nurse|accountant|technician|coordinator|"
    r"representative|executive|president|founder|co-founder|owner|editor|writer|advisor|"
    r"adviser|student|fellow|trainee|apprentice|sre|devops|cto|ceo|cfo|vp|principal|senior|"
    r"junior|staff|chief|member|volunteer|tutor|instructor|co-op|coop|journalist|driver|"
    r"mentor|tester|organi[sz]er|supervisor|clerk|cashier|worker|employee|agent|productowner|"
    r"product owner|postdoc|ta|ra|entwickler|ingenieur|werkstudent|praktikant|mitarbeiter|"
    r"leiter|berater|vorstand|développeur|ingénieur|stagiaire|responsable|chef|directeur|"
    r"technicien|chargé|assistant|desarrollador|ingeniero|gerente|líder|lider|analista|"
    r"programador|consultor|jefe|coordinador|asistente|becario|técnico|programista|"
    r"kierownik|specjalista|inżynier|stażysta|praktykant|internship)\b",
    re.I,
)
_DEGREE = re.compile(
    r"\b(?:bachelor|bachelors|master|masters|b\.?\s?s\.?c?|m\.?\s?s\.?c?|b\.?a|m\.?a|ph\.?\s?d|"
    r"doctor|doctorate|mba|diploma|degree|associate|certificate|licence|license|b\.?eng|m\.?eng|"
    r"b\.?tech|m\.?tech|b\.?a\.?sc|abitur|baccalaur[ée]at|licenciatura|laurea|hnd|a-levels?|"
    r"high school|diplom|bsc|msc|major|minor|grado|máster|master|ingeniero|licencjat|magister|"
    r"inżynier|bts|bac|dut|licence|hochschulreife|certificat|course|programme|semester|"
    r"专业|学士|硕士|博士)\b",
    re.I,
)
# Chinese and Japanese write no spaces: their words are found inside a name.
_ROLE_CJK = re.compile(
    r"工程师|开发者|开发|经理|助理|实习|主管|总监|研究员|设计师|分析师|顾问|负责人"
)
_ORGANISATION_CJK = re.compile(r"大学|学院|公司|集团|科技|医院|研究院|研究所|银行|中学|实验室")
_PLACE_CJK = re.compile(r"^(?:中国|美国|英国|日本|加拿大|德国|法国|新加坡|香港|台湾)|[州省市区县]")


# Kinds of work that also name the person (`Intern`) or the organisation (`Freelance`).
_KIND_NAMES = {"intern", "volunteer", "contractor", "freelance", "self-employed"}


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
    order: int = 0  # 1: the title written before the organisation, -1: after, 0: not both
    told: bool = True  # whether words or layout told the title from the organisation
    written: str = ""  # a one-line head's names as written, when cut at a weak separator


@dataclass
class _Part:
    text: str
    line: int  # which line of the head
    glue: str = ""  # the separator before it, as written
    place: bool = False  # known for a place by where it stands (`Acme, Berlin`)
    aside: bool = False  # set flush right


def read_head(lines: list[tuple[str, str]], *, education: bool = False) -> Head:
    """A head of one or two lines (each its text and what is set flush right beside it)
    read into its fields."""
    head = Head()
    dated: set[int] = set()  # the lines that hold the dates
    in_text: set[int] = set()  # the line whose text (not its aside) holds them
    texts: list[tuple[str, str]] = []
    for n, (text, aside) in enumerate(lines):
        for source in ("aside", "text"):
            value = aside if source == "aside" else text
            if value and not head.dates:
                found, rest = find_dates(value)
                if found:
                    head.dates = found
                    dated.add(n)
                    in_text |= {n} if source == "text" else set()
                    aside, text = (rest, text) if source == "aside" else (aside, rest)
        texts.append((text, aside))
    names = _place_pieces(head, texts, in_text)
    placed = {n for n, (text, aside) in enumerate(texts) if head.location in (text, aside)}
    _name(head, names, education, dated, placed)
    return head


def _pieces(text: str, line: int, ranks: tuple[re.Pattern[str], ...] = _RANKS[:-1]) -> list[_Part]:
    """A line's text cut at the strongest separator it holds, each part with the separator
    before it."""
    for rank in ranks:
        cut = _whole_brackets(rank.split(text))
        if len([p for p in cut[::2] if p.strip(" ,;:()")]) > 1:
            break
    else:
        cut = [text]
    found: list[_Part] = []
    glue = ""
    for i, piece in enumerate(cut):
        if i % 2:
            glue = piece
        elif piece.strip(" ,;:()"):
            found.append(_Part(piece.strip(" ,;:"), line, glue))
    for part in found:  # `(Tacoma WA` after a cut inside brackets
        if part.text.count("(") > part.text.count(")"):
            part.text = part.text.replace("(", "").strip()
    glued: list[_Part] = []
    for part in found:  # `Glow Cobalt, Inc`: a legal form is its company's, not a name
        if glued and _LEGAL_FORM.fullmatch(part.text):
            glued[-1].text += f"{part.glue or ' '}{part.text}"
        else:
            glued.append(part)
    return glued


def _whole_brackets(cut: list[str]) -> list[str]:
    """A text cut at a separator (its pieces and the separators between them) with no cut
    inside brackets: `Backend Engineer (Freelance, Remote)` is one name."""
    joined = [cut[0]]
    for i in range(1, len(cut), 2):
        if joined[-1].count("(") > joined[-1].count(")"):
            joined[-1] += cut[i] + cut[i + 1]
        else:
            joined += [cut[i], cut[i + 1]]
    return joined


def _strongest(text: str) -> re.Pattern[str]:
    """The strongest separator a text holds (a comma when it holds none)."""
    return next((rank for rank in _RANKS if rank.search(text)), _RANKS[-1])


def _place_pieces(head: Head, texts: list[tuple[str, str]], dated: set[int]) -> list[_Part]:
    """Take the kind, address and place among a head's parts; the names that are left (a
    town's name beside the dates, or set flush right, is its place)."""
    parts: list[_Part] = []
    for n, (text, aside) in enumerate(texts):
        parts += [p for piece in _pieces(text, n) for p in _place_tail(piece)]
        for piece in _pieces(aside, n):
            piece.aside = True
            parts += _place_tail(piece)
    named = [  # (a place's words after a name are its place; first, they are a name)
        p
        for i, p in enumerate(parts)
        if not (kind_of(p.text) or _ADDRESS.fullmatch(p.text) or p.place)
        and not (i and _is_place(p.text))
        and not (p.aside and _city(p.text))  # a town set flush right
    ]
    written = [p for p in named if not p.aside]
    if len(written) == 1:  # all the names in one part: `Title, Organisation, City`
        one = written[0]
        again = _pieces(one.text, one.line, _RANKS[_RANKS.index(_strongest(one.text)) :])
        if len(again) > 1 and (len(named) == 1 or _told(again[0].text, again[1].text)):
            again[0].glue = one.glue
            if len(again) >= 3 and (_city(again[-1].text) or _is_place(again[-1].text)):
                again[-1].place = True
            parts[parts.index(one) : parts.index(one) + 1] = again
    names: list[_Part] = []
    alone = {n for n in range(len(texts)) if len([p for p in parts if p.line == n]) == 1}
    for part in parts:
        kind = KINDS.get(part.text.lower())
        if kind and not head.kind:
            head.kind = kind
            if part.text.lower() in _KIND_NAMES:  # `Intern`, `Freelance`: a kind, and a name
                head.rest.append(part.text)
        elif _ADDRESS.fullmatch(part.text) and not head.url and "@" not in part.text:
            head.url = part.text if "://" in part.text else f"https://{part.text}"
        elif not head.location and (part.place or _is_place(part.text) and names):
            head.location = part.text
        else:
            names.append(part)
    town = next((p for p in names if _beside(p, dated & alone) and _city(p.text)), None)
    others = [p for p in names if p is not town]
    if town and not head.location and (len(others) >= 2 or others and _org(others[0].text)):
        head.location = town.text  # after an organisation; after a title, the organisation
        names.remove(town)
    return names


def _comma_parts(text: str) -> list[str]:
    """A text cut at its commas, a legal form kept with its company (`Glow Cobalt, Inc`),
    a bracket whole."""
    parts: list[str] = []
    for piece in text.split(", "):
        open_bracket = bool(parts) and parts[-1].count("(") > parts[-1].count(")")
        if parts and (_LEGAL_FORM.fullmatch(piece.strip()) or open_bracket):
            parts[-1] += f", {piece}"  # (and no cut inside brackets: `(Freelance, Remote)`)
        else:
            parts.append(piece)
    return parts


def _told(first: str, second: str) -> bool:
    """Whether words tell a title (or degree) from an organisation in two names."""
    return bool((_role(first, False) or _DEGREE.search(first)) and _org(second)) or bool(
        (_role(second, False) or _DEGREE.search(second)) and _org(first)
    )


def _beside(part: _Part, dated: set[int]) -> bool:
    """A part set flush right, or alone beside the dates on their own line."""
    return part.aside or part.line in dated


def _place_tail(part: _Part) -> list[_Part]:
    """`Acme Corp, Berlin, Germany` or `Wawel Systems S.A., Kraków`: an organisation and its
    place, as two parts."""
    pieces = part.text.split(", ")
    tail = ", ".join(pieces[-2:])
    named = _org(tail) or _role(tail, False)  # (not a degree's words: MA is a state too)
    if len(pieces) >= 3 and looks_like_place(tail) and not named:
        return [
            _Part(", ".join(pieces[:-2]), part.line, part.glue, aside=part.aside),
            _Part(tail, part.line, ", ", place=True, aside=part.aside),
        ]
    bracket = re.fullmatch(
        r"(.+?)\s*\(([^()]+)\)", part.text
    )  # `Puget Sound University (Tacoma WA)`
    # a town and its state or country in the brackets (`Tacoma WA`, `Lyon, France`), not a
    # name's acronym (`IAER`) or a part's (`Birchwood Hall`)
    where = bracket and re.search(r"(?:\s[A-Z]{2,3}|,\s.+)$", bracket.group(2))
    if bracket and where and _org(bracket.group(1)) and _city(bracket.group(2).replace(",", "")):
        return [
            _Part(bracket.group(1), part.line, part.glue, aside=part.aside),
            _Part(bracket.group(2), part.line, " ", place=True, aside=part.aside),
        ]
    if len(pieces) == 2 and _org(pieces[0]) and _city(pieces[1]):
        return [
            _Part(pieces[0], part.line, part.glue, aside=part.aside),
            _Part(pieces[1], part.line, ", ", place=True, aside=part.aside),
        ]
    return [part]


def holds_place(text: str) -> bool:
    """Whether a line is or ends in a place (`Pioneer Valley University, Northfield, MA`)."""
    pieces = _pieces(text, 0)
    return any(part.place for piece in pieces for part in _place_tail(piece)) or (
        len(pieces) == 1 and _is_place(text)
    )


def _city(text: str) -> bool:
    """A town's name: a few capitalised words, no title's or organisation's word in them,
    a bracket after it (`Tarbes (65)`, `Munich (Allemagne)`)."""
    town = re.sub(r"\s*\([^)]*\)$", "", text)
    found = town.split()
    return (
        0 < len(found) <= 3
        and all(w[:1].isupper() for w in found)
        and not (_ROLE.search(text) or _org(text) or _DEGREE.search(text))
        and not any(c.isdigit() for c in town)
    )


def _is_place(text: str) -> bool:
    town = r"[^\W\d_][\w'’.-]*(?: [\w'’.-]+)?\s\((?:\d{2,5}|[^\W\d_][^\W\d_A-Z]+)\)"
    if re.fullmatch(town, text) and _city(text):
        return True  # `Tarbes (65)`, `Cork (Irlande)`; not `Oakridge (KSP)`
    if _org(text) or _role(text, False) or _DEGREE.search(text):
        # `Acme Labs, Berlin` is an organisation and its place, not a place; `Bachelor's
        # Degree, Computer Science` (after its school) is a degree and its field
        return False
    words = text.replace(",", " ").split()
    caseless = all(w[:1].isalpha() and w[:1].lower() == w[:1].upper() for w in words)
    if caseless and ", " in text and len(words) <= 4:
        return True  # `부산, 대한민국`: a script without capitals
    return looks_like_place(text) or bool(_PLACE_CJK.search(text)) and len(text) <= 12


def _name(
    head: Head, names: list[_Part], education: bool, dated: set[int], placed: set[int]
) -> None:
    """The title and the organisation among a head's names."""
    if len(names) == 1 and not education:
        at = _AT.match(names[0].text)
        if at:  # Engineer at Acme: the words say which is which
            head.title, head.organisation = at.group(1), at.group(2)
            return
    lines = sorted({part.line for part in names})
    if len(lines) >= 2:  # a name on each line: each line one name
        names = [_joined([p for p in names if p.line == n]) for n in lines[:2]]
    elif len(names) == 1 and len(_comma_parts(names[0].text)) > 1:  # `Title, Organisation`
        lead, *more = _comma_parts(names[0].text)
        names = [_Part(lead, 0), *(_Part(t, 0, ", ") for t in more)]
    if len(names) <= 1 and head.rest and not education:  # `Intern`, `Freelance`: a name too
        kind = head.rest.pop()
        if _ROLE.fullmatch(kind):
            head.title = kind
        else:
            head.organisation = kind
            head.title = names.pop().text if names else ""
    if len(names) == 1:
        one = names[0].text
        if head.title:  # the kind gave the title: the name is the organisation
            head.organisation = one
        elif _role(one, education) > _org(one):
            head.title = one
        else:
            head.organisation = one
            head.told = bool(_org(one))  # (no word tells: a role's title, under a company)
    if len(names) <= 1:
        return
    head.rest.clear()  # a kind word (`Intern`) beside a title: the kind alone
    written = _joined(names).text
    if len({p.line for p in names}) == 1 and _RANKS.index(_strongest(written)) >= 3:
        head.written = written  # cut at a dot or a hyphen: maybe one title
    first, second = _comma(*_pair(names, education, head.rest), education)
    score = _score(first.text, second.text, education)
    if score == 0 and first.line != second.line:  # the dates stand with the title
        score = _layout(first.line, second.line, dated, placed)
    if score < 0:
        first, second = second, first
    head.told = score != 0
    head.order = -1 if score < 0 else 1
    if not head.told:
        head.guesses.append(
            f"read {first.text!r} as the {'degree' if education else 'title'} and "
            f"{second.text!r} as the {'school' if education else 'organisation'}; they may be "
            "the other way round"
        )
    head.title, head.organisation = first.text, second.text


def _comma(first: _Part, second: _Part, education: bool) -> tuple[_Part, _Part]:
    """Two names of one line cut at a comma instead, where the words tell them apart better
    that way (`Senior Technician - Team Lead, BRL`, `Bachelor X, Hochschule Y - Z`)."""
    whole = first.text + (second.glue or " ") + second.text
    if first.line != second.line or first.aside or second.aside or ", " not in whole:
        return first, second
    if _RANKS.index(_strongest(second.glue or ",")) < 3:
        return first, second  # cut at a dash or a bar: stronger than a comma
    score = abs(_score(first.text, second.text, education))
    if score > 1:  # the words tell them apart as they are
        return first, second
    for cut in (whole.index(", "), whole.rindex(", ")):
        one, other = whole[:cut], whole[cut + 2 :]
        if abs(_score(one, other, education)) > score:
            score, first, second = (
                abs(_score(one, other, education)),
                _Part(one, first.line, first.glue),
                _Part(other, first.line, ", "),
            )
    return first, second


def _pair(names: list[_Part], education: bool, rest: list[str]) -> tuple[_Part, _Part]:
    """Of three or more names, the title and the organisation: the name most a title's and
    the name most an organisation's, each other name joined to the one before it (a title's
    field, an organisation's division); of two, both."""
    if len(names) == 2:
        return names[0], names[1]
    titles = [_role(p.text, education) - _org(p.text) for p in names]
    best = max(range(len(names)), key=lambda i: titles[i])
    worst = min(range(len(names)), key=lambda i: titles[i])
    if titles[best] <= 0 or titles[worst] >= 0:  # the words do not tell: the first two
        best, worst = 0, 1
    keep = sorted((best, worst))
    groups: dict[int, list[_Part]] = {i: [names[i]] for i in keep}
    for i, part in enumerate(names):
        if i not in keep and part.aside and not names[keep[-1]].aside:
            rest.append(part.text)  # set flush right beside the names: not theirs
        elif i not in keep:
            owner = max((k for k in keep if k < i), default=keep[0])
            groups[owner].append(part)
    first, second = (_joined(groups[k]) for k in keep)
    return first, second


def _joined(parts: list[_Part]) -> _Part:
    text = parts[0].text + "".join(f"{p.glue or ' '}{p.text}" for p in parts[1:])
    return _Part(text, parts[0].line, parts[0].glue)


def _layout(first: int, second: int, dated: set[int], placed: set[int]) -> int:
    """In a head of two lines, the title's line is the one with the dates, the
    organisation's the one with the place: 1 when that makes the first name the title."""
    if first in dated and second not in dated or second in placed and first not in placed:
        return 1
    if second in dated and first not in dated or first in placed and second not in placed:
        return -1
    return 0


def _score(first: str, second: str, education: bool) -> int:
    """Above zero: `first` is the title (or degree) and `second` the organisation; below:
    the other way round; zero: the words do not tell."""
    one, other = _role(first, education), _role(second, education)
    # a name that ends in a degree's word is one, a school's word in it or not
    # (`High School Diploma`)
    first_org = 0 if education and one == 2 else _org(first)
    second_org = 0 if education and other == 2 else _org(second)
    return one - other + second_org - first_org


def _role(text: str, education: bool) -> int:
    """How much a text reads as a job title (or a degree): its last word one (Software
    Engineer) more than a role word anywhere (Head of Platform)."""
    words = _DEGREE if education else _ROLE
    if (_ROLE_CJK if not education else _DEGREE).search(text) and not text.isascii():
        return 2
    last = text.split()[-1] if text.split() else ""
    return 2 if words.fullmatch(last.strip(".,()")) else int(bool(words.search(text)))


def _org(text: str) -> int:
    if _ORGANISATION.search(text) or _ORGANISATION_CJK.search(text):
        return 2
    return int(bool(_ORGANISATION_END.search(text)))


def cut_at_comma(head: Head, first: str) -> bool:
    """Whether a head of one line had its title and organisation cut at a comma from one
    name, the part after it no organisation's by its words (`Founder, Principal
    Consultant`, `Bachelor of Science, Computer Science`): the line under it may be the
    organisation, as themes that set the title over the organisation write it."""
    pairs = (f"{head.title}, {head.organisation}", f"{head.organisation}, {head.title}")
    return bool(
        head.title
        and head.organisation
        and any(pair in first for pair in pairs)
        and not (_org(head.organisation) or _org(head.title))
    )


def names_organisation(line: str, education: bool) -> bool:
    """Whether a line's words say it names an organisation (a school, in education)."""
    return _org(line) == 2 if education else _org(line) > 0


def ends_in_legal_form(text: str) -> bool:
    """Whether a text ends with a company's legal form (`Wildwood, Inc.`, `Acme GmbH`)."""
    return bool(re.search(rf"\b{_LEGAL_FORM.pattern}$", text, re.I))


def kind_of(text: str) -> str:
    return KINDS.get(text.strip().lower(), "")


def is_now(text: str) -> bool:
    return means_present(text)


__all__ = ["KINDS", "Head", "find_dates", "kind_of", "read_head"]
