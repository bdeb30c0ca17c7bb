"""The inline markup that profile text may use, parsed here and nowhere else.

    **bold**   *italic*   [label](https://example.com)   \\* for a literal star

Everything else is literal: `<b>`, `&amp;`, `_`, `%`, `{{ x }}` or a lone `*` come out as
exactly those characters in every format. A star only opens emphasis when it touches a word
(`5 * 3` stays as written), and a link's address must be https, http, mailto or tel.
"""

from __future__ import annotations

import re

from renderer.document import Run

LINK_SCHEMES = ("https", "http", "mailto", "tel")
_ESCAPABLE = set("\\*[]()")
# [label](address); the address may hold one level of balanced parentheses (Wikipedia style).
_LINK = re.compile(r"\[((?:\\.|[^\]\\\n])+)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)")


class MarkupError(ValueError):
    """Profile text whose markup cannot be rendered as written."""


def check_url(value: str) -> str:
    """Only web, mail and phone links; `javascript:`, `file:` and the like are refused."""
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in LINK_SCHEMES:
        hint = f" ({scheme}: links are refused)" if scheme else ""
        raise MarkupError(
            f"link {value!r} must start with https://, http://, mailto: or tel:{hint}"
        )
    if re.search(r"\s", value):
        raise MarkupError(f"link {value!r} contains white space; write spaces as %20")
    return value


def parse(text: str) -> tuple[Run, ...]:
    """Split marked-up text into styled runs; the runs' texts joined are the visible text."""
    runs: list[Run] = []
    _parse(text, False, False, None, runs)
    return _merge(runs)


def plain(text: str) -> str:
    return "".join(run.text for run in parse(text))


def _parse(s: str, bold: bool, italic: bool, href: str | None, out: list[Run]) -> None:
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.append(Run("".join(buf), bold, italic, href))
            buf.clear()

    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s) and s[i + 1] in _ESCAPABLE:
            buf.append(s[i + 1])
            i += 2
            continue
        if c == "[" and href is None and (m := _LINK.match(s, i)):
            flush()
            address = re.sub(r"\\(.)", r"\1", m.group(2))  # templates escape what they print
            _parse(m.group(1), bold, italic, check_url(address), out)
            i = m.end()
            continue
        if s.startswith("**", i) and not bold and (j := _closing(s, i + 2, "**")) is not None:
            flush()
            _parse(s[i + 2 : j], True, italic, href, out)
            i = j + 2
            continue
        if c == "*" and not italic and (j := _closing(s, i + 1, "*")) is not None:
            flush()
            _parse(s[i + 1 : j], bold, True, href, out)
            i = j + 1
            continue
        buf.append(c)
        i += 1
    flush()


def _closing(s: str, start: int, delim: str) -> int | None:
    """Where emphasis opened at `start` closes, or None when the star is literal."""
    if start >= len(s) or s[start].isspace() or s[start] == "*" and delim == "*":
        return None
    j = start + 1
    while (j := s.find(delim, j)) != -1:
        escaped = s[j - 1] == "\\"
        touches_word = not s[j - 1].isspace()
        # Take the last star of a run of stars, so that ***both*** nests cleanly.
        if not escaped and touches_word and s[j + len(delim) : j + len(delim) + 1] != "*":
            return j
        j += 1
    return None


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in runs:
        if (
            merged
            and (p := merged[-1]).bold == run.bold
            and p.italic == run.italic
            and (p.href == run.href)
        ):
            merged[-1] = Run(p.text + run.text, p.bold, p.italic, p.href)
        else:
            merged.append(run)
    return tuple(merged)
