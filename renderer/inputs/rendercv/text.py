"""RenderCV's values made the profile's: its markdown is the profile's markup already; what
other typesetters left in it goes (LaTeX escapes such as `\\$`, Typst commands such as
`#underline[…]`, math between `$$`), `--` becomes a dash, and a one-line field keeps its text
without markup (and gives up the address of a link it was written as)."""

from __future__ import annotations

import re
from typing import Any

from renderer.profile.markup import MarkupError, parse
from renderer.profile.values import read_span

_LATEX_ESCAPE = re.compile(r"\\([$%#&_{}])")
_TYPST_CALL = re.compile(r"#(underline|strong|emph|sub|super|smallcaps|text|link)\[([^\[\]]*)\]")
_MATH = re.compile(r"\$\$(.+?)\$\$")
_LINK_ADDRESS = re.compile(r"(\]\([^()\s]*\))")


def cleaned(value: Any) -> Any:
    """A text value with other typesetters' syntax taken out; other values as they are."""
    if not isinstance(value, str):
        return value
    text = _MATH.sub(lambda m: m.group(1), value)
    text = _TYPST_CALL.sub(_typst, text)
    text = _LATEX_ESCAPE.sub(r"\1", text)
    text = text.replace("`", "")
    # Dashes outside link addresses: --- is an em dash, -- an en dash (LaTeX's and Typst's).
    pieces = _LINK_ADDRESS.split(text)
    for i in range(0, len(pieces), 2):
        pieces[i] = pieces[i].replace("---", "—").replace("--", "–")
    return "".join(pieces)


def _typst(match: re.Match[str]) -> str:
    command, inner = match.groups()
    return {"strong": f"**{inner}**", "emph": f"*{inner}*"}.get(command, inner)


def plain(value: str) -> tuple[str, str | None]:
    """(the text, the address it links to) of a value that takes no markup: a company written
    as a markdown link is the company, and its address."""
    try:
        runs = parse(value)
    except MarkupError:
        return value, None
    text = "".join(run.text for run in runs).strip()
    href = next((run.href for run in runs if run.href), None)
    return text or value, href


def read_when(value: Any) -> dict[str, Any] | str:
    """RenderCV's free `date` as the profile's fields: {date}, {start, end}, {url} (a link
    written where the date goes), or the text when it is none of these (said by the caller)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return {"date": value}
    if not isinstance(value, str) or not value.strip():
        return {}
    text = cleaned(value).strip()
    shown, href = plain(text)
    span = read_span(shown if href else text)
    if href and shown and span is None:
        return {"url": href}
    if span is None:
        return text
    # a date written as a link ('[2020](https://…)'): the date, and the link the entry's
    return {**span, "url": href} if href else dict(span)
