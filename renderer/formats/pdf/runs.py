"""Runs of the Document as reportlab's paragraph markup: every character XML-escaped here and
nowhere else, characters a face lacks set in a fallback font, and a very long block cut into
pieces reportlab lays out in linear time."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import cache

from reportlab.lib import textsplit
from reportlab.pdfbase.ttfonts import TTFont

from renderer.compose.document import SMALL_CAPITALS, Block, small_capitals
from renderer.formats.bidi import RIGHT_TO_LEFT, has_right_to_left, without_controls
from renderer.formats.pdf.flowables import BROKEN_ANYWHERE, EAST_ASIAN
from renderer.formats.pdf.fonts import FontSet, bold_of, draws, missing_glyph
from renderer.profile.markup import Run
from renderer.profile.uri import as_uri
from renderer.theme.model import Style, Theme


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(value: str) -> str:
    return '"' + escape(value).replace('"', "&quot;") + '"'


@cache
def _ordinary(char: str) -> bool:
    """Neither an invisible format character nor a mark (which goes with its letter's font):
    drawn as it is, if the font has it."""
    return unicodedata.category(char)[0] not in "CM"


# A dash set between spaces (`delivery - with`, `models — using`): the space before it does not
# break, so that the dash ends a line rather than opening the next, where every parser reads a
# line that starts with a dash as a list item of its own.
_DASH_AFTER_SPACE = re.compile(r" (?=[-–—] )")


def _run_markup(
    run: Run, style: Style, fonts: FontSet, theme: Theme, source: str, keep_dashes: bool
) -> str:
    """One run as reportlab paragraph markup: escaped text, fallback fonts where needed."""
    # The face reportlab will draw with: the role's style, plus the run's own emphasis.
    main = fonts.face(style.bold or run.bold, style.italic or run.italic)
    glyphs = main.face.charToGlyph
    if keep_dashes and " " in run.text and 0xA0 in glyphs:
        run = replace(run, text=_DASH_AFTER_SPACE.sub("\u00a0", run.text))
    if style.small_caps:
        small = f'<font size="{style.size * SMALL_CAPITALS:g}">'
        text = "".join(
            f"{small}{_run_text(replace(run, text=piece), main, fonts, theme, source)}</font>"
            if smaller
            else _run_text(replace(run, text=piece), main, fonts, theme, source)
            for piece, smaller in small_capitals(run.text)
        )
    else:
        text = _run_text(run, main, fonts, theme, source)
    # <b>/<i> pick the family's faces (registered below), so fallback spans nest inside them.
    if run.bold:
        text = f"<b>{text}</b>"
    if run.italic:
        text = f"<i>{text}</i>"
    if run.href:
        colour = theme.colours.accent
        # a PDF's /URI is ASCII: an address written with other characters, as a URI
        href = as_uri(run.href)
        text = f"<a href={attribute(href)} color={attribute(colour)}>{text}</a>"
    return text


def _run_text(run: Run, main: TTFont, fonts: FontSet, theme: Theme, source: str) -> str:
    if all(ord(c) in main.face.charToGlyph and _ordinary(c) for c in set(run.text)):
        return escape(run.text)  # the usual case: every character in the run's own face
    return _run_with_fallbacks(run, main, fonts, theme, source)


def _run_with_fallbacks(run: Run, main: TTFont, fonts: FontSet, theme: Theme, source: str) -> str:
    """A run's escaped text with spans in fallback fonts for characters its face lacks, and
    invisible characters no font has dropped."""
    pieces: list[str] = []
    current: TTFont | None = None
    chunk: list[str] = []

    def flush() -> None:
        if chunk and current is not None:
            text = escape("".join(chunk))
            # a fallback in a bold line (a name, a heading): its family's bold, where it has one
            bold = main is fonts.bold or main is fonts.bold_italic
            face = bold_of(current) if bold else current.fontName
            pieces.append(text if current is main else f'<font face="{face}">{text}</font>')
            chunk.clear()

    text = run.text
    for at, char in enumerate(text):
        # An invisible format character (a bidi mark, a zero-width joiner) that no font has a
        # glyph for has no width and nothing to draw; the text formats keep it.
        if (
            (unicodedata.category(char) == "Cf" or VARIATION_SELECTOR.match(char))
            and not draws(main, char)
            and not any(draws(f, char) for f in fonts.loaded_fallbacks())
        ):
            continue
        if unicodedata.category(char)[0] == "M" and current is not None and draws(current, char):
            font = current  # a mark goes with its letter's font, which places it over it
        elif current not in (None, main) and _inside_right_to_left(text, at, current):
            font = current  # type: ignore[assignment]
        elif char == " " or draws(main, char):
            font = main
        else:
            font = fonts.fallback_for(char)
            if font is None:
                error = missing_glyph(char, source, theme)
                error.text = run.text
                raise error
        if font is not current:
            flush()
            current = font
        chunk.append(char)
    flush()
    return "".join(pieces)


def _inside_right_to_left(text: str, at: int, font: TTFont) -> bool:
    """A space or punctuation mark between two Hebrew or Arabic letters of one font stays in
    it: the phrase is one run of text in the PDF, which readers that reverse right-to-left
    runs one at a time (pypdf) then read in order, word after word."""
    char = text[at]
    if unicodedata.bidirectional(char) not in ("WS", "ON", "CS", "ES", "BN") or not draws(
        font, char
    ):
        return False
    before = text[at - 1] if at else ""
    after = next((c for c in text[at + 1 :] if unicodedata.bidirectional(c) not in _NEUTRAL), "")
    return bool(
        RIGHT_TO_LEFT.match(before)
        and RIGHT_TO_LEFT.match(after)
        and draws(font, before)
        and draws(font, after)
    )


_NEUTRAL = {"WS", "ON", "CS", "ES", "NSM", "BN"}
# Choose a glyph of the character before them (葛󠄀: the Japanese form of 葛): where no font
# has the sequence, the character is drawn in its usual form, as Unicode asks of a
# renderer that does not support it.
VARIATION_SELECTOR = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def markup(
    block: Block, runs: tuple[Run, ...], fonts: FontSet, theme: Theme, plain: bool = False
) -> str:
    """Runs as reportlab markup, in the faces of the block's style (`plain`: an aside, never
    bold or italic but for its own runs)."""
    style = theme.style(block.role.value)
    if plain:
        style = style.model_copy(update={"bold": False, "italic": False})
    # Chinese, Japanese and Korean lines break between any two characters (reportlab's CJK
    # wrapping), which a no-break space does not hold: those blocks are left as they are.
    keep = not EAST_ASIAN.search(block.text)
    if not has_right_to_left(block.text):  # marks of direction order nothing here: not drawn
        runs = tuple(replace(run, text=without_controls(run.text)) for run in runs)
    if BROKEN_ANYWHERE.search(block.text):
        # reportlab's Chinese and Japanese wrapping draws a soft hyphen as a hyphen (曾-任職):
        # lines break anywhere there, so it marks nothing and is left out
        runs = tuple(replace(run, text=run.text.replace("\u00ad", "")) for run in runs)
    return "".join(_run_markup(run, style, fonts, theme, block.source, keep) for run in runs)


def chunks(runs: tuple[Run, ...], limit: int) -> list[tuple[Run, ...]]:
    """A block's runs cut, at spaces, into pieces of at most about `limit` characters.

    reportlab lays out a paragraph in time quadratic in its length (it re-wraps the rest of
    the paragraph at every page and pops words off the front of a list), so a 300 KB
    paragraph took minutes. Pieces of about half a page each keep the work linear; a piece
    ends at a sentence where it can, so the only trace is a line that ends early, and only in
    text no resume has (a normal paragraph is one piece).
    """
    if sum(len(run.text) for run in runs) <= limit:
        return [runs]
    chunks: list[tuple[Run, ...]] = []
    current: list[Run] = []
    room = limit
    for run in runs:
        text = run.text
        while len(text) > room:
            cut = _cut(text, room)
            if cut is None and current:  # no space in this run before the room ends
                chunks.append(tuple(current))
                current, room = [], limit
                continue
            cut = cut or room  # one word longer than a piece: reportlab splits it anyway
            current.append(replace(run, text=text[:cut]))
            chunks.append(tuple(current))
            current, room, text = [], limit, text[cut:]
        if text:
            current.append(replace(run, text=text))
            room -= len(text)
    if current:
        chunks.append(tuple(current))
    return chunks


def _cut(text: str, room: int) -> int | None:
    """Where to end a piece within text[:room]: after a sentence (". ", or 。！？ in Chinese
    and Japanese, which have no spaces), else after any space, else between two Chinese or
    Japanese characters where a line may break (a mark stays with what it closes or opens)."""
    ends = [text.rfind(". ", room // 2, room) + 2]
    ends += [text.rfind(mark, room // 2, room) + 1 for mark in "。！？"]
    if max(ends) > 1:
        return max(ends)
    space = text.rfind(" ", 0, room)
    if space >= room // 2:
        return space + 1
    for at in range(room - 1, room // 2, -1):  # not back at an early space (熟悉 alone)
        if (
            BROKEN_ANYWHERE.match(text[at])
            and text[at] not in textsplit.ALL_CANNOT_START
            and text[at - 1] not in textsplit.ALL_CANNOT_END
        ):
            return at
    return space + 1 if space > 0 else None
