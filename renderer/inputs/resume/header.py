"""The top of a resume: the name, a headline, and the contact details, which people write on
one line or several, between separators (`|`, `·`, `•`, `⋄`, tabs, wide spaces, commas): an
e-mail, a phone (with its label: `Mobile:`, `(cell)`), addresses of their pages, a place.

The name is the document's title, else its largest line, else its first line that holds no
contact details; a name set over two lines (first name, then family name) is joined."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from renderer.inputs.imported import Imported
from renderer.inputs.resume.lines import Line

_EMAIL = re.compile(r"(?:mailto:)?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)", re.I)
_PHONE = re.compile(r"(?:tel:)?((?:\(\+?\d{1,3}\)\s*|\+)?\(?\d[\d\s().\-/]{5,}\d)")
_AT = re.compile(r"\s*[\[({]\s*at\s*[\])}]\s*", re.I)
_DOT = re.compile(r"\s*[\[({]\s*dot\s*[\])}]\s*", re.I)
_YEARS = re.compile(r"\(?\d{4}\s*[-–/]\s*\d{4}\)?")
_URL = re.compile(
    r"((?:https?://|www\.)\S+|(?:[\w-]+\.)+(?:com|org|net|io|dev|me|ai|app|co|de|fr|uk|cn|in|"
    r"info|page|site|tech|xyz|eu|us|ca|au|nl|es|it|ch|se|no|jp|kr|br|pl|pt|nz|example)(?:/\S*)?)",
    re.I,
)
# A profile named by its site and handle: `GitHub: ana`, `linkedin @ana`.
_HANDLE = re.compile(r"\b(github|gitlab|linkedin|twitter)\s*[:|]?\s*@?([\w.-]{2,40})$", re.I)
_SITES = {
    "github": "https://github.com/", "gitlab": "https://gitlab.com/",
    "linkedin": "https://www.linkedin.com/in/", "twitter": "https://twitter.com/",
}  # fmt: skip
_SEPARATORS = re.compile(r"\s*(?:[|·•◆◇♦▪●⋅∙⋄◦‣★✦❖]|\t|\s{3,}| – | — | / )\s*")
_PLACE_WORDS = {"remote", "hybrid", "on-site", "onsite", "anywhere", "worldwide"}


@dataclass
class Contact:
    email: str = ""
    phone: str = ""
    location: str = ""
    links: list[str] = field(default_factory=list)
    rest: list[str] = field(default_factory=list)  # what is none of these

    @property
    def found(self) -> bool:
        return bool(self.email or self.phone or self.links)


def contact_of(lines: list[Line]) -> Contact:
    """The contact details in some lines of a resume's header."""
    contact = Contact()
    for line in lines:
        pieces = [*_SEPARATORS.split(line.words)]
        pieces += [line.aside] if line.aside else []
        for address in (a for _, a in line.links if a):
            if address.startswith("mailto:") and not contact.email:
                contact.email = address.removeprefix("mailto:")
            elif address.startswith(("http://", "https://")) and address not in contact.links:
                contact.links.append(address)
        for piece in pieces:
            _take(piece.strip(" ,;"), contact)
    return contact


def _take(piece: str, contact: Contact) -> None:
    """A piece of a contact line: its e-mail, addresses and phone taken out of it (a line
    may list them between commas), what is left a place or the rest."""
    if not piece:
        return
    piece = _AT.sub("@", _DOT.sub(".", piece))  # `ana {at} example {dot} org`
    for email in _EMAIL.finditer(piece):
        contact.email = contact.email or email.group(1)
    piece = _EMAIL.sub(" , ", piece)
    for url in _URL.finditer(piece):
        _link(url.group(1).rstrip(".,;)"), contact)
    piece = _URL.sub(" , ", piece)
    if re.fullmatch(r"/?in/[\w-]{3,100}/?", piece.strip()):  # LinkedIn's path after its icon
        _link("https://www.linkedin.com/" + piece.strip().strip("/"), contact)
        return
    handle = _HANDLE.search(piece)
    if handle:
        _link(_SITES[handle.group(1).lower()] + handle.group(2).lstrip("@"), contact)
        piece = piece[: handle.start()]
    phone = _PHONE.search(piece)
    if (
        phone
        and sum(c.isdigit() for c in phone.group(1)) >= 7
        and not _YEARS.fullmatch(phone.group(1).strip())
    ):
        contact.phone = contact.phone or phone.group(1).strip()
        piece = piece[: phone.start()] + " , " + _label(piece[phone.end() :])
        piece = _label(piece, before=True)
    for rest in _rest(piece):
        place = re.sub(r"\s*\([^)]*\)$", "", rest)  # `Roseville, MN (willing to relocate)`
        if looks_like_place(place) and not contact.location:
            contact.location = place
            contact.rest += [rest[len(place) :].strip(" ()")] if place != rest else []
        else:
            contact.rest.append(rest)


def _link(address: str, contact: Contact) -> None:
    if not address.startswith(("http://", "https://")):
        address = "https://" + address
    if not any(_same(address, known) for known in contact.links):
        contact.links.append(address)


def _label(text: str, *, before: bool = False) -> str:
    """Text beside a phone number without its label (`Mobile:`, `(cell)`, an icon's letter)."""
    if before:
        return re.sub(r"(?:\b[^\W\d_][\w.-]{0,13}\s*:?|\W)\s*,\s*$", " , ", text)
    return re.sub(r"^\s*(?:\(\w{1,12}\)|[^\W\d_]{1,8}\b)", "", text)


# The labels people put before their details (`email:`, `Tel.`), left once these are taken.
_LABELS = re.compile(
    r"(?:^|(?<=\s))(?:e-?mail|mail|phone|tel|mobile|cell|fax|web|website|site|linkedin|github|"
    r"portfolio|address|adresse|telefon|handy|téléphone|courriel|correo|teléfono)\s*[.:]?\s*"
    r"(?=,|$)",
    re.I,
)


def _rest(text: str) -> list[str]:
    """What is left of a contact piece once its details are taken out: the parts between
    them (a label left alone dropped)."""
    text = _LABELS.sub(" , ", text)
    return [p.strip(" ,;:") for p in text.split(" , ") if p.strip(" ,;:")]


def _same(one: str, other: str) -> bool:
    def bare(address: str) -> str:
        return re.sub(r"^https?://(www\.)?", "", address).rstrip("/").lower()

    return bare(one) == bare(other)


def looks_like_place(text: str) -> bool:
    """`Berlin, Germany`, `Austin, TX`, `Remote`, `San Francisco Bay Area`: a short text of
    capitalised words, one or two commas, no digits (but a postcode) and no sentence."""
    words = text.replace(",", " ").split()
    if text.strip().lower() in _PLACE_WORDS:
        return True
    numbered = any(c.isdigit() for c in text)  # a street and a postcode: a longer address
    if not 1 <= len(words) <= (8 if numbered else 6) or len(text) > 60 or text.endswith("."):
        return False
    if "," not in text and not text.lower().endswith(" area") or ":" in text:
        return False
    capitalised = [
        w
        for w in words
        if w[:1].isupper() or any(c.isdigit() for c in w) or w.endswith(".") and len(w) <= 4
    ]
    return len(capitalised) >= len(words) - 1 and not any("@" in w for w in words)


def read_header(out: Imported, lines: list[Line], body: float) -> None:
    """The header's lines read into the profile's name, headline and contact details."""
    if not lines:
        return
    data = out.data
    names = _name_lines(lines, body)
    if names:
        out.put(data, "name", " ".join(line.words for line in names), (), names[0].place)
        for line in (n for n in names if n.aside):  # contact details beside the name
            aside = Line(line.aside, line.place, line.mark)
            put_contact(out, aside, contact_of([aside]))
    else:  # `Ana Example · ana@example.org · …`: the name opens the contact line
        rest = contact_of(lines[:1]).rest
        if rest and short_name(rest[0]) and len(rest[0].split()) <= 4:
            out.put(data, "name", rest[0], (), lines[0].place)
    for line in lines:
        if line in names:
            continue
        found = contact_of([line])
        if found.found or found.location and not found.rest:
            put_contact(out, line, found)
        elif "location" in data and _POSTCODE.match(line.words) and len(line.words) <= 40:
            data["location"] += ", " + line.words  # the street over the town
        elif "summary" in data and not data["summary"].endswith((".", "!", "?", ":")):
            data["summary"] += " " + line.words  # the summary's next line
        elif "headline" not in data and len(line.words) <= 120:
            out.put(data, "headline", line.words, (), line.place)
        elif "location" not in data and short_name(line.words):  # Shanghai and Singapore
            out.put(data, "location", line.words, (), line.place)
        elif "summary" not in data and len(line.words) > 120:
            out.put(data, "summary", line.words, (), line.place)
        else:
            out.note(line.place, f"not placed: {line.words!r}")


# A town after its postcode (`38100 Grenoble`, `30-001 Kraków`): an address's second line.
_POSTCODE = re.compile(r"^\d{2}[\d -]{2,5}\s+[^\W\d_]")


def _name_lines(lines: list[Line], body: float) -> list[Line]:
    """The line (or two) that give the name: the title, else the largest line set larger
    than the text, else the first without contact details."""
    titles = [line for line in lines if line.title]
    largest = max(lines, key=lambda line: line.size)
    if titles:
        first = titles[0]
    elif body and largest.size >= body * 1.3 and not _contact_in(largest):
        first = largest
    elif not _contact_in(lines[0]):
        first = lines[0]
    else:
        return []
    found = [first]
    after = lines.index(first) + 1
    following = [line for line in lines[after : after + 2] if line.title] or lines[after:][:1]
    if following and _more_name(first, following[0]):
        found.append(following[0])
    return found


def _contact_in(line: Line) -> bool:
    """Whether a line's own text (not what is set beside it) holds contact details."""
    return contact_of([Line(line.text, line.place, line.mark)]).found


def _more_name(first: Line, line: Line) -> bool:
    """A line that goes on with the name above it: set like it, a word or two, no digits."""
    alike = (
        line.title
        or abs(line.size - first.size) < 0.5
        and line.size > 0
        and line.bold == first.bold
    )
    words = line.words.split()
    return bool(
        alike
        and first.size
        and 0 < len(words) <= 2
        and len(first.words.split()) <= 2
        and not any(c.isdigit() or c == "@" for c in line.words)
        and all(w[:1].isupper() for w in words)
    )


def put_contact(out: Imported, line: Line, contact: Contact) -> None:
    data = out.data
    for key in ("email", "phone", "location"):
        value = getattr(contact, key)
        if value and key not in data:
            out.put(data, key, value, (), line.place)
    links = data.setdefault("links", [])
    for address in contact.links:
        if all(link["url"] != address for link in links):
            out.origins[("links", len(links))] = line.place
            links.append({"url": address})
    if not links:
        del data["links"]
    for rest in contact.rest:
        if rest == data.get("name"):
            continue
        if "location" not in data and short_name(rest) and not _ROLE_WORDS.search(rest):
            out.put(data, "location", rest, (), line.place)  # Shanghai and Singapore
        elif "headline" not in data and len(rest.split()) >= 2 and short_name(rest):
            out.put(data, "headline", rest, (), line.place)
        else:
            out.note(line.place, f"not placed: {rest!r} in the contact details")


# Words of a headline, not of a place (`PhD in Energy Systems Analysis`).
_ROLE_WORDS = re.compile(
    r"\b(?:phd|msc|bsc|mba|engineer|developer|student|scientist|manager|designer|analyst|"
    r"consultant|researcher|physicist|ingenieur|entwickler|ingénieur|développeur|in|of|and)\b",
    re.I,
)


def short_name(text: str) -> bool:
    """A few capitalised words (a place, a name), not a sentence."""
    found = text.split()
    capitalised = [w for w in found if w[:1].isupper()]
    return (
        0 < len(found) <= 6
        and len(capitalised) >= max(1, len(found) - 1)
        and not text.endswith(".")
        and any(c.isalpha() for c in text)
    )
