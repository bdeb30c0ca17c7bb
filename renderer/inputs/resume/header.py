"""The top of a resume: the name, a headline, and the contact details, which people write on
one line or several, between separators (`|`, `·`, `•`, tabs, wide spaces): an e-mail, a
phone, addresses of their pages, a place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from renderer.inputs.resume.lines import Line

_EMAIL = re.compile(r"(?:mailto:)?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)", re.I)
_PHONE = re.compile(r"(?:tel:)?(\+?\(?\d[\d\s().\-/]{5,}\d)")
_URL = re.compile(
    r"((?:https?://|www\.)\S+|(?:[\w-]+\.)+(?:com|org|net|io|dev|me|ai|app|co|de|fr|uk|cn|in|"
    r"info|page|site|tech|xyz|eu|us|ca|au|nl|es|it|ch|se|no|jp|kr|br)(?:/\S*)?)",
    re.I,
)
_SEPARATORS = re.compile(r"\s*(?:[|·•◆♦▪●⋅∙]|\t|\s{3,}| – | — | / )\s*")
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
    if not piece:
        return
    email = _EMAIL.search(piece)
    if email:
        contact.email = contact.email or email.group(1)
        piece = (piece[: email.start()] + piece[email.end() :]).strip(" ,;:")
        if not piece:
            return
    phone = _PHONE.fullmatch(piece.removeprefix("Phone:").removeprefix("Tel:").strip())
    if phone and sum(c.isdigit() for c in phone.group(1)) >= 7:
        contact.phone = contact.phone or phone.group(1).strip()
        return
    url = _URL.fullmatch(piece)
    if url:
        address = url.group(1).rstrip(".,;)")
        if not address.startswith(("http://", "https://")):
            address = "https://" + address
        if not any(_same(address, known) for known in contact.links):
            contact.links.append(address)
        return
    if looks_like_place(piece) and not contact.location:
        contact.location = piece
        return
    contact.rest.append(piece)


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
    if not 1 <= len(words) <= 6 or len(text) > 60 or text.endswith("."):
        return False
    if "," not in text and not text.lower().endswith(" area"):
        return False
    capitalised = [w for w in words if w[:1].isupper() or w.isupper() or w.isdigit()]
    return len(capitalised) >= len(words) - 1 and not any("@" in w for w in words)
