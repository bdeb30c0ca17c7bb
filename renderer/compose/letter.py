"""Application + Profile + Theme -> the cover letter's Document.

The letter opens with the resume's own header (the same blocks, so the two look like one
set), then the date, the recipient's address, the greeting, the body, the closing and the
name. Its paragraphs are the application's, with their placeholders filled in the bounded
sandbox: a value put in prints literally, as in a theme's slot templates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from jinja2 import TemplateError

from renderer.compose.document import Block, Document, Role
from renderer.compose.resume import header_blocks
from renderer.inputs.application import LoadedApplication, letter_values
from renderer.locale import Locale, load_locale
from renderer.profile.markup import MarkupError, Run, parse
from renderer.profile.sourced import LoadedProfile
from renderer.theme import sandbox
from renderer.theme.model import Theme
from renderer.theme.slots import slot_environment


def body_paragraphs(application: LoadedApplication, profile: LoadedProfile) -> list[list[str]]:
    """Each body item's paragraphs, placeholders filled in (as inline markup); a template
    that fails is an error naming the application's line."""
    letter = application.application.cover_letter
    assert letter is not None
    values = letter_values(application.application, profile)
    made = []
    for index, text in enumerate(letter.body):
        field = ("cover_letter", "body", index)
        try:
            filled = sandbox.render(slot_environment().from_string(text), values)
            parse(filled)  # a link the placeholders made must be a good one
        except (TemplateError, RecursionError) as error:
            message = getattr(error, "message", None) or str(error)
            raise application.problem(field, f"placeholder error: {message}") from None
        except MarkupError as error:
            raise application.problem(field, str(error)) from None
        made.append([p for p in filled.split("\n\n") if p.strip()])
    return made


SIGNATURE = 3.0  # lines between the closing and the typed name


def letter_date(when: dt.date, theme: Theme, locale: Locale, code: str) -> str:
    """The date as people write it in a letter: in the theme's format if it sets one; in
    English "5 December 2026", and "December 5, 2026" for a profile in American English
    (en-US); in another language as Babel's data writes a long date."""
    if theme.dates.day:
        return when.strftime(theme.dates.day)
    if not locale.english:
        return locale.day(when)
    if re.fullmatch(r"en[-_]us", code.strip(), re.IGNORECASE):
        return f"{when:%B} {when.day}, {when.year}"
    return f"{when.day} {when:%B %Y}"


def _greeting(recipient: list[str], company: str, locale: Locale) -> str:
    """To the one the address names first ("Hiring Team", "Ms Jane Doe"), where the
    language greets by name; else the language's general greeting. A first line that is the
    company itself or part of an address names no one."""
    if recipient and locale.greeting_to:
        first = recipient[0].strip()
        if first and first.casefold() != company.strip().casefold() and not re.search(r"\d", first):
            return locale.greeting_to.replace("{name}", first)
    return locale.word("greeting")


def _spaced(blocks: list[Block]) -> tuple[Block, ...]:
    """A letter's spacing: a line between paragraphs and before the address, two before the
    date under the header, none inside the address."""
    spaced = []
    for index, block in enumerate(blocks):
        gap = None
        if index and block.role in (Role.PARAGRAPH, Role.LINE):
            before = blocks[index - 1].role
            if before in (Role.NAME, Role.HEADLINE, Role.CONTACT):
                gap = 2.0
            elif not (before is Role.LINE and block.role is Role.LINE):
                gap = 1.0
        spaced.append(replace(block, gap=gap) if gap and block.gap is None else block)
    return tuple(spaced)


def compose_letter(
    application: LoadedApplication,
    profile: LoadedProfile,
    theme: Theme,
    today: dt.date,
    language: str | None = None,
) -> Document:
    app = application.application
    letter = app.cover_letter
    assert letter is not None
    person = profile.profile
    code = language or person.locale
    locale = load_locale(code)
    blocks = header_blocks(person, theme, locale)
    date = letter_date(letter.date or today, theme, locale, code)
    blocks.append(Block(Role.PARAGRAPH, (Run(date),), source="cover_letter.date"))
    for i, line in enumerate(letter.recipient):
        blocks.append(Block(Role.LINE, (Run(line),), source=f"cover_letter.recipient[{i}]"))
    greeting = letter.greeting or _greeting(letter.recipient, app.company, locale)
    blocks.append(Block(Role.PARAGRAPH, (Run(greeting),), source="cover_letter.greeting"))
    for i, paragraphs in enumerate(body_paragraphs(application, profile)):
        for text in paragraphs:
            blocks.append(Block(Role.PARAGRAPH, parse(text), source=f"cover_letter.body[{i}]"))
    closing = letter.closing or locale.word("closing")
    blocks.append(Block(Role.PARAGRAPH, (Run(closing),), source="cover_letter.closing"))
    if person.name:  # a nameless profile signs with nothing rather than an invented name
        # Room to sign by hand above the typed name, as a letter's signature block has.
        blocks.append(Block(Role.LINE, (Run(person.name),), source="name", gap=SIGNATURE))
    who = person.name or person.headline or "Applicant"
    return Document(
        title=f"{who} – Cover letter – {app.company}",
        author=person.name or "",
        subject=f"{app.role} at {app.company}",
        keywords=(app.role, app.company),
        blocks=_spaced(blocks),
        language=locale.written(code),
        kind="letter",
    )
