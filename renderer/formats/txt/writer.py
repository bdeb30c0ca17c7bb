"""Document -> plain text (UTF-8), through the theme's or the built-in Jinja2 template."""

from __future__ import annotations

import re
import textwrap

from renderer.compose.document import Document
from renderer.formats import Options, Rendered
from renderer.profile.values import display_width
from renderer.theme.model import Theme
from renderer.theme.slots import render_output

WIDTH = 80


# Chinese and Japanese break between any two characters (and their full-width marks);
# Korean, like Latin, at spaces.
_ANYWHERE = (
    "\u2e80-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    "\U00020000-\U0003ffff"  # the ideographs beyond the first plane (𠮷, Extension B on)
)
_TOKENS = re.compile(rf"\s+|[{_ANYWHERE}]|[^\s{_ANYWHERE}]+")
_CLOSING = frozenset("、。，．・：；？！）」』】〕〉》〗〙〛｝］…‥々ゝゞ％")  # (as the PDF)
_OPENING = frozenset("「『（【〔〈《〖〘〚｛［")
_MOST_GLUED = 6


def _pieces(text: str) -> list[str]:
    """What a line may break between: spaces, each Chinese or Japanese character, each word
    of other letters (Latin, Korean); a closing mark (。、」) goes with what it closes and an
    opening one (「（) with what it opens, so no line starts with the one or ends with the
    other, as the PDF sets them."""
    pieces: list[str] = []
    for token in _TOKENS.findall(text):
        last = pieces[-1] if pieces else " "
        if (
            len(last) < _MOST_GLUED  # (a run of a hundred 。 is not kept on one line)
            and not last.isspace()
            and not token.isspace()
            and (token[0] in _CLOSING or last[-1] in _OPENING)
        ):
            pieces[-1] = last + token
        else:
            pieces.append(token)
    return pieces


def _wrap_wide(text: str, width: int, first: str, rest: str) -> str:
    """Wrap by display width, between any two Chinese or Japanese characters or at spaces
    (a word of Latin or Korean letters is never broken)."""
    lines: list[str] = []
    line, used = first, display_width(first)
    for piece in _pieces(text):
        size = display_width(piece)
        if piece.isspace():
            if used + 1 <= width and line.strip():
                line, used = line + " ", used + 1
            continue
        if used + size > width and line.strip():
            lines.append(line.rstrip())
            line, used = rest, display_width(rest)
        line, used = line + piece, used + size
    lines.append(line.rstrip())
    return "\n".join(lines)


_GLUE = "\x00"  # never in text: the model refuses control characters
_LONE_MARK = re.compile(r" ([·|•–—/*-](?= ))")


def wrap(text: str, width: int = WIDTH, first: str = "", rest: str = "") -> str:
    """Wrap at spaces only: a URL or a long word is never broken, so nothing reads back split
    (and between wide characters, where Chinese, Japanese and Korean allow it)."""
    if not 1 <= width <= 1000:
        raise ValueError(f"width {width} is not between 1 and 1000")
    # A separator or dash standing alone between words ends a line, never starts one:
    # "a · b ·" / "c", not "a · b" / "· c". It is glued to the word before while wrapping.
    text = _LONE_MARK.sub(lambda m: _GLUE + m.group(1), text)
    if display_width(text) != len(text):
        return _wrap_wide(text, width, first, rest).replace(_GLUE, " ")
    wrapped = textwrap.fill(
        text,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return wrapped.replace(_GLUE, " ") or first.rstrip()


def flush_right(text: str, aside: str, width: int = WIDTH) -> str:
    """Text with an aside flush right. A text too long for one line beside it wraps, and the
    aside closes its last line (or the line below), so that read in order the text comes
    whole, then the aside: a date never cuts an entry's head in two."""
    if not aside:
        return wrap(text, width)
    aside_width = display_width(aside)
    lines = wrap(text, width).splitlines() or [""]
    if aside_width > width // 2 or display_width(lines[-1]) + 2 + aside_width > width:
        lines.append("")
    gap = width - display_width(lines[-1]) - aside_width
    lines[-1] = f"{lines[-1]}{' ' * max(gap, 2 if lines[-1] else 0)}{aside}"
    return "\n".join(lines)


def render(document: Document, theme: Theme, options: Options = Options()) -> Rendered:
    blocks = [
        {
            "role": b.role.value,
            "body": b.body_with_links,
            "aside": b.aside_with_links(),
            "source": b.source,
            "gap": b.gap,
        }
        for b in document.blocks
    ]
    text = render_output(
        theme,
        "text.txt.j2",
        blocks=blocks,
        width=WIDTH,
        bullet=theme.bullet,
        wrap=wrap,
        flush_right=flush_right,
        display_width=display_width,
    )
    return Rendered((text.strip("\n") + "\n").encode("utf-8"))
