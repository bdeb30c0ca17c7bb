"""A job advert read into its parts: what the job asks for, apart from what it offers.

Adverts come as plain text, Markdown, HTML, text a scraper flattened into one paragraph, and
pages with front matter. They are cut at their headings ('Requirements:', '## What you'll
do', '<h3>Benefits</h3>', 'NICE TO HAVE'), and each part is named by its heading's words:
duties and requirements are what a recruiter screens for (required), nice-to-haves are
preferred, and the company, benefits, pay, legal text, how to apply and the job's logistics
(place, schedule) are not about the candidate at all. Inside the parts that count, a sentence
that says 'a plus' or 'preferred' is preferred; one about pay, benefits or equal opportunity
is dropped wherever it stands.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from functools import cache

from renderer.ats.vocabulary import opening_verbs, title_words, vocabulary, word_list
from renderer.inputs.foreign_text import has_html, html_to_markup


class Part(enum.Enum):
    SUMMARY = "summary"  # before any heading: usually the role, often the company too
    DUTIES = "duties"
    REQUIRED = "required"
    PREFERRED = "preferred"
    COMPANY = "company"
    BENEFITS = "benefits"
    PAY = "pay"
    LEGAL = "legal"
    APPLY = "apply"
    LOGISTICS = "logistics"  # place, schedule, travel, physical demands

    @property
    def counts(self) -> bool:
        """Whether the part says what the candidate should bring."""
        return self in _COUNTING


_COUNTING = {Part.SUMMARY, Part.DUTIES, Part.REQUIRED, Part.PREFERRED}

# A heading's words -> its part; the first that matches wins ('Preferred qualifications' is
# preferred, 'Qualifications' required).
_HEADINGS = (
    (Part.PREFERRED, r"nice[- ]to[- ]have|bonus|\bplus(es)?\b|prefer|desir|ideally|extra credit|"
     r"deseable|valorar|wünschenswert|von vorteil|souhait|apprécié|\batout|"
     r"great if|not required|optional|would be (great|nice)|advantage|stand out|even better|"
     r"good to have|wish ?list|(tech|our|the) stack|tools we use|technolog(y|ies) we use"),
    (Part.LEGAL, r"equal (employment )?opportunit|\beeo|divers|inclusi|accommodat|disclaimer|"
     r"scam|phishing|notice to (applicants|candidates)|fair chance|pay transparency|"
     r"terms\s+(?:(?:&|and)\s+)?conditions|\bat[- ]will\b|"
     r"privacy|e-verify|affirmative|discriminat|fraud|background check|vaccin|legal (notice|"
     r"disclaimer|information)"),
    (Part.PAY, r"salary|compensation|\bpay\b|wage|remuneration|\brate\b"),
    (Part.BENEFITS, r"benefit|perks|we offer|what'?s in it|in return|our offer|life at|culture|"
     r"wir bieten|was wir bieten|deine vorteile|unser angebot|avantages|nous offrons|"
     r"ce que nous|ofrecemos|beneficios|lo que ofrecemos|"
     r"why (join|work|you)|time off|wellness|rewards|package"),
    (Part.APPLY, r"how to apply|to apply\b|apply now|application process|next steps|"
     r"interview process|"
     r"hiring process|recruit(ment|ing) process"),
    (Part.COMPANY, r"about (us|the company|the team|our)|who we are|^our |company|mission|"
     r"unternehmen|über uns|wer wir sind|entreprise|qui sommes|sobre nosotros|empresa|"
     r"\bvalues\b|"
     r"^about (?!you|the (role|job|position|opportunity)|this (role|job|position))"),
    (Part.REQUIRED, r"requir|qualif|must|need|you (have|bring|are)|who you are|about you|profile|"
     r"anforderung|dein profil|ihr profil|profil|kenntnisse|compétences|requisitos|perfil|"
     r"skills|experience|looking for|ideal|competenc|knowledge|abilit|education|certif|"
     r"licen[cs]|credential|minimum|essential|criteria|what you bring|expertise|background"),
    (Part.DUTIES, r"responsib|what you('ll| will)? (do|work|own|build)|role|duties|"
     r"aufgaben|stellenbeschreibung|missions?\b|descriptif|funciones|responsabilidades|"
     r"day[- ]to[- ]day|"
     r"expect|you will|you'll|tasks|description|the job|position|summary|overview|impact|"
     r"opportunity|accountab|functions|projects|challenges|your work|the work|in this"),
    (Part.LOGISTICS, r"location|schedule|shift|hours|job type|employment type|contact|"
     r"physical (demand|requirement|activit)|"
     r"working conditions|work environment|travel|reports to|start date|job details|remote"),
)  # fmt: skip
_HEADING_PATTERNS = [(part, re.compile(words, re.I)) for part, words in _HEADINGS]

# Sentences that are about pay, benefits or the law wherever they stand, and ones that make
# what they ask for preferred.
_OFF_TOPIC = re.compile(
    r"[$€£¥₹]\s?\d|\d\s?(?:USD|EUR|GBP|k\b)|\bsalary|\bper (hour|year|annum)|\b401 ?\(?k|"
    r"\b403 ?\(?b|health insurance|dental|vision insurance|paid time off|\bPTO\b|parental leave|"
    r"equal (employment )?opportunity|\bEEO\b|without regard to|discriminat|reasonable "
    r"accommodation|e-verify|visa sponsorship|background (check|investigation)|drug (test|screen)|"
    r"sexual orientation|national origin|veteran status|gender identity|"
    r"protected (veteran )?status|"
    r"marital status|genetic information|applicable (law|laws)|if selected|questionnaire|"
    r"probationary|security clearance|must (be able to )?pass|reference checks|work authori[sz]|"
    r"authori[sz]ed to work|relocat|immigration|sponsorship|cover letter|recruiters? (will|never)|"
    r"social security|\breside\b|headquartered|\boffices? in\b|time ?zones?|core values|"
    r"our values|terms of employment|union (dues|membership)|bargaining unit|closing date|"
    r"insurance|disability|\bleave\b|loan forgiveness|wellness|bonuses|sign-on bonus|"
    r"signing bonus|\bequity\b|stock options|retirement|pension|vesting|\bperks\b|"
    r"paid holidays|vacation|reimbursement|stipend|employee discount|"
    r"\blift(ing)? (up to )?\d|\bpounds\b|\blbs\b|vision abilities|physical demands|"
    r"stand(ing)? for (long|extended)|visual acuity|family income|direct deposit|"
    r"paper check|unabhängig von|geschlecht|herkunft|urlaub|sans distinction|"
    r"télétravail|sin distinción|vacaciones",
    re.I,
)
# Sentences of the law or of a warning, dropped in every part (a scam warning after the
# preferred skills gave 'bank account' and 'law enforcement' as preferred terms).
_LEGAL_SENTENCE = re.compile(
    r"criminal (record|histor|conviction|background)|sex offender|arrest record|"
    r"credit (check|histor)|bank account|law enforcement|job fraud|fraudster|scam|phishing|"
    r"never ask (you |candidates )?(for|to)|\bat[- ]will\b|americans with disabilities|"
    r"employment application|termination of employment|"
    r"employment termination|equal (employment )?opportunity|without regard to",
    re.I,
)
_PREFERRED = re.compile(
    r"\b(a plus|is a bonus|are a bonus|bonus points|nice[- ]to[- ]have|preferred|preferably|"
    r"desirable|desired|ideally|advantage(ous)?|would be great|is helpful|are helpful|"
    r"not required|not essential|an asset)\b",
    re.I,
)
_EMPLOYER_LINE = re.compile(
    r"^([A-Z][\w&.,' ]{1,60}?)\s+[-–—|]\s+[A-Z][\w .']+(?:,\s*[A-Z]{2}\b.*)?$"
)
_FIRST_PERSON = re.compile(r"\b(we|we're|we've)\b", re.I)
_ABOUT_YOU = re.compile(r"\b(you|your|candidate|looking for|seeking|hiring|expect|require)", re.I)
_FRONT_MATTER = re.compile(r"\A\s*(\+\+\+|---)\s*\n(.*?)\n\1\s*\n", re.S)
_FIELD = re.compile(r"^\s*([A-Za-z_]+)\s*[:=]\s*(.*?)\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣●○–o]|\d{1,2}[.)])\s+")
_SENTENCE = re.compile(
    r"(?<!\b[JS]r\.)(?<!\b(?:Dr|Mr|Ms|St|No|vs)\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bInc\.)"
    r"(?<=[.!?])\s+(?=[A-Z(\"“])|\n"
)
# A sentence of the summary about the company, not the job: 'We help teams...', 'Our
# mission...', 'Acme Labs was founded in 2017', 'At Acme, we...'.
_ABOUT_COMPANY = re.compile(
    r"^(?:We|We're|We've|Our|Us|At [A-Z][\w&' -]*,|(?:[A-Z][\w&'-]+ ){1,4}(?:is|was|has|have|"
    r"were|'s|helps|provides|builds|offers|believes|serves|works)\b(?! (?:seeking|looking|hiring)))"
)


@dataclass(frozen=True)
class Passage:
    text: str
    part: Part
    preferred: bool  # the part, or the sentence itself, makes it preferred
    names_only: bool = False  # about the company: only names of things it uses count


@dataclass
class Advert:
    title: str = ""  # the role, from front matter or the first line
    company: str = ""  # from front matter, to leave the company's own name out
    passages: list[Passage] = field(default_factory=list)

    def counting(self) -> list[Passage]:
        return [p for p in self.passages if p.part.counts]

    @property
    def in_english(self) -> bool:
        """Whether the advert is written in English: its phrases are found by English
        grammar (function words, verbs), which reads German or Spanish as sentence
        fragments ('die Zukunft unserer', 'te encargarás de'); an advert in another
        language gives the names it asks for (Java, Spring Boot, SQL) and no phrases."""
        words = re.findall(r"[^\W\d_]+", " ".join(p.text for p in self.passages).lower())
        english = sum(1 for w in words if w in _function_words("en"))
        other = sum(1 for w in words if w in _function_words("other"))
        wide = sum(1 for w in words if re.match(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", w))
        return english >= other and wide * 4 < len(words) + 1


def heading_part(line: str) -> Part | None:
    """The part a heading opens, from its words; None when they say nothing known."""
    words = re.sub(r"[^\w'’ -]", " ", line).replace("’", "'").strip()
    for part, pattern in _HEADING_PATTERNS:
        if pattern.search(words):
            return part
    return None


def read_advert(text: str) -> Advert:
    """The advert's title, company and passages, each in the part its heading opens."""
    advert = Advert()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("’", "'")
    front = _FRONT_MATTER.match(text)
    if front:
        matches = (_FIELD.match(line) for line in front.group(2).splitlines())
        fields = {m.group(1): m.group(2) for m in matches if m}
        title = _unquote(fields.get("title", ""))
        advert.title = "" if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", title) else title  # a slug
        advert.company = _unquote(fields.get("organization") or fields.get("company", ""))
        # a long value is the advert's text a scraper put in a field ('link = "We are ..."')
        prose = [v for v in fields.values() if len(v) > 300 and v.count(" ") > 40]
        text = "\n".join([*map(_unquote, prose), text[front.end() :]])
    if has_html(text):
        text = html_to_markup(_page_text(text)).text
    text = re.sub(r"\[([^\]\n]*)\]\([^)\s]*\)", r"\1", text)  # [label](url) -> label
    text = re.sub(r"(?<=[\w,])[ \t]*\n[ \t]*(?=[a-z(])", " ", text)  # a line wrapped mid-sentence
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text)  # a template's placeholders
    text = _unglue(text)
    text = re.sub(r"https?://\S+|www\.\S+|\S+@\S+\.\w+", " ", text)
    lines = [line for raw in text.split("\n") for line in _split_flattened(raw)]
    part = Part.SUMMARY
    for number, line in enumerate(lines):
        plain = _plain(line)
        if not plain:
            continue
        if not advert.title and not advert.passages and _could_be_title(plain):
            advert.title = plain  # the first line names the role: '# Data Engineer (Remote)'
            _add(advert, plain, Part.SUMMARY)
            continue
        employer = _EMPLOYER_LINE.match(plain) if len(advert.passages) == 1 else None
        if employer and not advert.company:
            advert.company = employer.group(1)  # 'Wellbrook Hospital - San Antonio, TX'
            continue
        if len(advert.passages) == 1 and not advert.company and _employer_heading(line):
            advert.company = plain  # a job board's '### ALTEN' under the title
            continue
        heading, rest = _heading(line, lines[number + 1 : number + 2])
        if heading is not None:
            part = heading
            if not rest:
                continue
            plain = _plain(rest)
        elif _marked(line):
            part = Part.SUMMARY  # a heading of no known words ('**Full Stack Developer**')
            continue
        elif part is Part.COMPANY and _duty_line(plain):
            part = Part.DUTIES  # duties after the company's story, under no heading
        _add(advert, plain, part)
    return advert


@cache
def _function_words(which: str) -> frozenset[str]:
    return frozenset(word_list(f"function-words-{which}.txt"))


# What a saved page holds that is not its text: code, styles, the head (its title is the
# page's <h1> again), and what a server runs before it sends the page (<?php ... ?>).
_HIDDEN_ELEMENTS = ("script", "style", "head", "noscript", "template", "svg", "iframe", "object")
_DECLARATION = re.compile(r"<\?.*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[.*?\]\]>", re.S)


def _page_text(html: str) -> str:
    """A page without what a browser does not show as text. Found by scanning forward for
    each element's end (str.find), never by a pattern that could try every start again."""
    html = _DECLARATION.sub(" ", html)
    lower = html.lower()
    kept: list[str] = []
    position = 0
    following = {name: _opening(lower, name, 0) for name in _HIDDEN_ELEMENTS}
    while True:
        for name, start in following.items():  # each name's search only ever moves on
            if 0 <= start < position:
                following[name] = _opening(lower, name, position)
        found = [(start, name) for name, start in following.items() if start >= 0]
        if not found:
            break
        start, name = min(found)
        kept.append(html[position:start])
        close = lower.find(f"</{name}", start)
        if close < 0:  # never closed: the rest is the element's
            position = len(html)
            break
        end = lower.find(">", close)
        position = len(html) if end < 0 else end + 1
    kept.append(html[position:])
    return " ".join(kept)


def _opening(lower: str, name: str, position: int) -> int:
    """Where the next <name ...> or <name> opens, from `position`; -1 if none."""
    start = lower.find(f"<{name}", position)
    while start >= 0:
        following = lower[start + len(name) + 1 : start + len(name) + 2]
        if following in (">", "/", " ", "\t", "\n", "\r"):
            return start
        start = lower.find(f"<{name}", start + 1)
    return -1


# What scrapers glue together when they drop the markup between list items and sentences:
# 'deposition.● Send', 'Directory.Extensive knowledge', 'protocolsSoftware', 'Meraki4-year'.
_GLUED_BULLET = re.compile(r"(?<=\S)[ \t]*[●•▪◦■][ \t]*")
_GLUED_SENTENCE = re.compile(r"(?<=[a-z)]{2}[.!?:])(?=[A-Z][a-z])")
_GLUED_WORDS = re.compile(r"\b([A-Za-z]*[a-z]{4})([A-Z][a-z]{2,}\w*)")
_GLUED_NUMBER = re.compile(r"(?<=[A-Za-z])(?=\d+(?:[-+ ]|\s?-?\s?)(?:years?|yrs?|months?)\b)")


def _unglue(text: str) -> str:
    text = _GLUED_BULLET.sub("\n- ", text)
    text = _GLUED_SENTENCE.sub("\n", text)
    text = _GLUED_NUMBER.sub(" ", text)
    return _GLUED_WORDS.sub(_split_glued, text)


def _split_glued(match: re.Match[str]) -> str:
    """'protocolsSoftware' is two words; 'CloudFormation', 'SharePoint' are one name."""
    word = match.group(0)
    return word if vocabulary().term(word) else f"{match.group(1)}\n{match.group(2)}"


def _duty_line(line: str) -> bool:
    """A line that opens with a verb of work, as duties do: 'Develops and implements work
    schedules', 'Ensure compliance' (not 'Join us', 'Learn more')."""
    first = line.split(maxsplit=1)[0] if line.split() else ""
    return first in opening_verbs() and first not in {"Join", "Learn", "Visit", "Apply", "Find"}


def _could_be_title(line: str) -> bool:
    words = line.split()
    if words and re.sub(r"\W", "", words[-1]) in title_words():
        return len(words) <= 14  # 'Physical Therapist Assistant', 'Education Coordinator'
    opens_part = heading_part(line) is not None and len(words) <= 4
    return 0 < len(words) <= 14 and not opens_part and not re.search(r"[.!?:;]$", line)


def _employer_heading(line: str) -> bool:
    """A heading of a name alone (one to four capitalised words, no heading's words), as job
    boards set the employer under the role's title."""
    found = re.fullmatch(r"\s*#{1,6}\s*(.+?)\s*#*\s*", line)
    words = found.group(1).split() if found else []
    return (
        0 < len(words) <= 4
        and all(w[:1].isupper() or w[:1].isdigit() for w in words)
        and heading_part(found.group(1) if found else "") is None
    )


def _marked(line: str) -> bool:
    stripped = line.strip()
    return bool(re.fullmatch(r"#{1,6}\s*\S.*|(?:\*\*|__)\S.*?(?:\*\*|__)\s*:?", stripped))


def _add(advert: Advert, line: str, part: Part) -> None:
    label = re.match(r"^([A-Z][\w '&/-]{2,40}):\s+(\S.*)$", line)
    if label and (labelled := heading_part(label.group(1))) and not labelled.counts:
        part, line = labelled, label.group(2)  # 'Schedule: Monday to Friday'
    for sentence in _SENTENCE.split(line):
        if not sentence.strip():
            continue
        if _LEGAL_SENTENCE.search(sentence) and part.counts:
            advert.passages.append(Passage(sentence.strip(), Part.LEGAL, False))
            continue
        off_topic = _OFF_TOPIC.search(sentence) and part is not Part.PREFERRED
        shown = Part.BENEFITS if off_topic and part.counts else part
        about_you = _ABOUT_YOU.search(sentence)
        about_us = _ABOUT_COMPANY.match(sentence.strip()) or _FIRST_PERSON.search(sentence)
        names_only = bool(about_us and not about_you and shown.counts)
        preferred = part is Part.PREFERRED or bool(_PREFERRED.search(sentence))
        advert.passages.append(Passage(sentence.strip(), shown, preferred, names_only))


def _heading(line: str, following: list[str]) -> tuple[Part | None, str]:
    """(the part a heading line opens, what follows it on the line); (None, '') otherwise.

    A heading is marked (Markdown #, a line in bold, capitals), or short and ending in a
    colon, or short with heading words and no sentence's end. 'Label: text' opens nothing
    unless its label is a heading by itself ('Requirements: Python, Go')."""
    stripped = _BULLET.sub("", line).strip()
    if not stripped:
        return None, ""
    marked = re.fullmatch(r"#{1,6}\s*(.+?)\s*#*", stripped) or re.fullmatch(
        r"(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?", stripped
    )
    inner = marked.group(1).strip() if marked else stripped
    words = inner.rstrip(":").split()
    part = heading_part(inner) if words else None
    if marked or (inner.isupper() and len(words) <= 6 and re.search(r"[A-Z]{3}", inner)):
        return part, ""  # a marked line with no heading words (a title in bold) is text
    if inner.endswith(":") and len(words) <= 8:
        return part, ""
    label = re.match(r"^(?:\*\*)?([A-Z][\w '&/-]{2,40}?)(?:\*\*)?:\s*(\S.*)$", stripped)
    if label and (labelled := heading_part(label.group(1))) and labelled.counts:
        return labelled, label.group(2)
    ends = re.search(r"[.!?,;]$", inner)
    opening = heading_part(" ".join(words[:3]))  # 'Preferred skills', not 'CPA preferred'
    if opening and len(words) <= 6 and not ends and not _BULLET.match(line) and following:
        return opening, ""
    return None, ""


# Headings scrapers glue into the text ('...our community. Position Overview Assist with').
_GLUED_HEADINGS = (
    "About Us|About the (?:Role|Job|Position|Company|Team)|About You|Position (?:Overview|Summary)|"
    "Job (?:Description|Summary|Duties|Type|Requirements)|Description|Overview|Summary|"
    "(?:Key |Main |Primary )?Responsibilities|(?:Essential )?Duties(?: and Responsibilities)?|"
    "Essential Functions|(?:Minimum |Basic |Preferred |Required )?Qualifications|"
    "Requirements|Required Skills|Skills(?: and Abilities)?|Knowledge, Skills,? and Abilities|"
    "Education(?: and Experience)?|Experience|Licen[cs]es?(?: and Certifications?)?|"
    "Certifications?|Benefits|What We Offer|Compensation|Salary|Schedule|Work Location|"
    "Physical (?:Demands|Requirements)|Working Conditions|Work Environment|Nice to Have|Perks|"
    "Why Join Us|How to Apply|Equal (?:Employment )?Opportunity(?: Employer)?|"
    "About (?:[A-Z][\\w&'-]+ ?){1,3}(?= [A-Z][\\w&'-]+ (?:is|was|has)\\b)"
)
_GLUED = re.compile(
    rf"(?:(?<=[A-Za-z0-9.!?)])|^)\s*\b((?:{_GLUED_HEADINGS})(?: (?:&|and) [A-Z][a-z]+)?)\b:?\s+"
    r"(?=[A-Z0-9$])"
)
# Where a scraper lost the end of a sentence or bullet: 'equipment Conduct hands-on testing'.
_LOST_END = re.compile(
    r"(?<=[a-z0-9)%])\s+(?=(?:You|We|Our|Ability|Must|Strong|Excellent|Minimum|Proficiency|"
    r"Proficient|Experience|Knowledge|Familiarity|Bachelor's|Master's|Degree|Certification)\b)|"
    r"(?:(?<=\bpreferred)|(?<=\brequired)|(?<=\bdesired))\s+(?=[A-Z])"
)


def _split_flattened(line: str) -> list[str]:
    """A long line a scraper made of a whole advert (or of a list), cut at its headings, which
    become lines of their own ('Qualifications:'), and where its sentences lost their end."""
    if len(line) < 300:
        return [line]
    pieces: list[str] = []
    position = 0
    for match in _GLUED.finditer(line):
        pieces.append(line[position : match.start()])
        pieces.append(match.group(1) + ":")
        position = match.end()
    pieces.append(line[position:])
    out: list[str] = []
    for piece in pieces:
        for sentence in _LOST_END.split(piece):
            out += _verb_starts(sentence) if len(sentence) >= 200 else [sentence]
    return [p for p in out if p.strip()]


def _verb_starts(piece: str) -> list[str]:
    """A long piece cut before capitalised verbs that open a bullet mid-line."""
    return _opening_verb().split(piece)


@cache
def _opening_verb() -> re.Pattern[str]:
    verbs = "|".join(sorted(opening_verbs(), key=len, reverse=True))
    return re.compile(rf"(?<=[a-z0-9)%])\s+(?=(?:{verbs})\s+[a-z])")


def _plain(line: str) -> str:
    line = _BULLET.sub("", line)
    line = re.sub(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`|^#+\s*", "", line)
    return " ".join(line.split())


def _unquote(value: str) -> str:
    return value.strip().strip("'\"")
