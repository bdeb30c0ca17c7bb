"""The inline markup that profile text may use, parsed here and nowhere else.

    **bold**   *italic*   [label](https://example.com)   \\* for a literal star

Everything else is literal: `<b>`, `&amp;`, `_`, `%`, `{{ x }}` or a lone `*` come out as
exactly those characters in every format. A star only opens emphasis when it touches a word
(`5 * 3` stays as written); a link's address is https, http, mailto or tel, or another
scheme printed as text (never javascript:, data:, file:).
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from renderer.profile.values import REFUSED_SCHEMES, is_web_link, scheme_of


@dataclass(frozen=True)
class Run:
    """A piece of inline text with one style: what markup parses into, and what every
    format draws."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


_ESCAPABLE = set("\\*[]()")
_MARKS = re.compile(r"[\\*\[]")  # what can start markup: an escape, emphasis, a link


class MarkupError(ValueError):
    """Profile text whose markup cannot be rendered as written."""


def check_url(value: str) -> str:
    """Any address with a scheme, but those that run code or open the reader's own files
    (`javascript:`, `data:`, `file:`…). Web, mail and phone addresses become links; others
    (`skype:live:ana`, `xmpp:`) are printed as text (see `renderer/values.py`)."""
    scheme = scheme_of(value)
    if not scheme:
        raise MarkupError(
            f"link {value!r} must start with https://, http://, mailto: or tel: "
            "(or another scheme, printed as text)"
        )
    if scheme in REFUSED_SCHEMES:
        raise MarkupError(f"link {value!r}: {scheme}: links are refused (they can run code)")
    if re.search(r"\s", value):
        raise MarkupError(f"link {value!r} contains white space; write spaces as %20")
    try:  # what every reader (and the JSON Resume export) parses it with must take it
        parts = urllib.parse.urlsplit(value)
        parts.port  # noqa: B018 (raises for a port that is not a number)
    except ValueError as error:
        raise MarkupError(f"link {value!r} is not a valid address: {error}") from None
    return value


def parse(text: str) -> tuple[Run, ...]:
    """Split marked-up text into styled runs; the runs' texts joined are the visible text."""
    if not _MARKS.search(text):  # most lines have no markup: one run, found in one scan
        return (Run(text),) if text else ()
    runs: list[Run] = []
    _parse(text, False, False, None, runs)
    return _merge(runs)


def plain(text: str) -> str:
    return "".join(run.text for run in parse(text))


def _parse(s: str, bold: bool, italic: bool, href: str | None, out: list[Run]) -> None:
    """Runs of `s`, in one pass: where each emphasis could close and where each link label
    ends are looked up in tables made once per call (searching ahead from every star or
    bracket made 40 KB of `[` or `*a ` take tens of seconds)."""
    buf: list[str] = []
    double, single = _closers(s, "**"), _closers(s, "*")
    links = _LinkFinder(s) if href is None and "[" in s else None

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
        if c == "[" and links is not None and (link := links.at(i)):
            label, address, end = link
            flush()
            address = re.sub(r"\\(.)", r"\1", address)  # templates escape what they print
            address = check_url(address)
            _parse(label, bold, italic, address if is_web_link(address) else None, out)
            i = end
            continue
        if s.startswith("**", i) and not bold and (j := _opens(s, i + 2, double)):
            flush()
            _parse(s[i + 2 : j], True, italic, href, out)
            i = j + 2
            continue
        if c == "*" and not italic and (j := _opens(s, i + 1, single, single=True)):
            flush()
            _parse(s[i + 1 : j], bold, True, href, out)
            i = j + 1
            continue
        buf.append(c)
        i += 1
    flush()


def _closers(s: str, delim: str) -> list[int]:
    """For each offset k, the first j >= k where `delim` can close emphasis (0 if none): the
    mark is not escaped, touches the word before it, and is the last of a run of stars, so
    that ***both*** nests cleanly."""
    size = len(delim)
    table = [0] * (len(s) + 2)
    for j in range(len(s) - 1, 0, -1):
        can_close = (
            s.startswith(delim, j)
            and s[j - 1] != "\\"
            and not s[j - 1].isspace()
            and s[j + size : j + size + 1] != "*"
        )
        table[j] = j if can_close else table[j + 1]
    return table


def _opens(s: str, start: int, closers: list[int], single: bool = False) -> int:
    """Where emphasis opened just before `start` closes, or 0 when the star is literal."""
    if start >= len(s) or s[start].isspace() or (single and s[start] == "*"):
        return 0
    return closers[start + 1]


class _LinkFinder:
    """[label](address) at a given offset, from tables made once: a label runs to the next
    unescaped `]` on its line; the address holds no white space and at most one level of
    balanced parentheses (Wikipedia style), or escaped ones (`\\(`) as templates write it."""

    def __init__(self, s: str) -> None:
        self.s = s
        n = len(s)
        escaped = [False] * n
        for k in range(1, n):
            escaped[k] = s[k - 1] == "\\" and not escaped[k - 1]
        self.close = [-1] * (n + 1)  # the next unescaped ']' at or after k
        self.newline = [n] * (n + 1)  # the next line break at or after k
        for k in range(n - 1, -1, -1):
            self.close[k] = k if s[k] == "]" and not escaped[k] else self.close[k + 1]
            self.newline[k] = k if s[k] == "\n" else self.newline[k + 1]
        self.addresses: dict[int, int] = {}

    def at(self, i: int) -> tuple[str, str, int] | None:
        """(label, address, offset after the link) for a link opening at i, else None."""
        s = self.s
        end = self.close[i + 1]
        if end <= i + 1 or end > self.newline[i + 1] or not s.startswith("(", end + 1):
            return None
        stop = self.address_end(end + 2)
        if stop < 0:
            return None
        return s[i + 1 : end], s[end + 2 : stop], stop + 1

    def address_end(self, start: int) -> int:
        """The offset of the `)` that ends an address starting at `start`, or -1."""
        if start not in self.addresses:
            s, k, depth, result = self.s, start, 0, -1
            while k < len(s) and not s[k].isspace():
                if s[k] == "\\" and k + 1 < len(s) and s[k + 1] in _ESCAPABLE:
                    k += 2  # an escaped parenthesis is part of the address
                    continue
                if s[k] == "(":
                    if depth:
                        break
                    depth = 1
                elif s[k] == ")":
                    if not depth:
                        result = k
                        break
                    depth = 0
                k += 1
            self.addresses[start] = result
        return self.addresses[start]


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
