"""The inline markup subset, tested directly: what it parses, what stays literal, and that
escaping any text makes it print as itself."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renderer.profile.markup import MarkupError, Run, parse, plain
from renderer.theme.slots import escape_markup


@pytest.mark.parametrize(
    "text,runs",
    [
        ("plain", [Run("plain")]),
        ("**bold** and *it*", [Run("bold", bold=True), Run(" and "), Run("it", italic=True)]),
        ("***both***", [Run("both", bold=True, italic=True)]),
        ("[site](https://x.io)", [Run("site", href="https://x.io")]),
        ("**[bold link](https://x.io)**", [Run("bold link", bold=True, href="https://x.io")]),
        (
            "[w](https://en.wikipedia.org/wiki/A_(b))",
            [Run("w", href="https://en.wikipedia.org/wiki/A_(b)")],
        ),
        ("5 * 3 = 15", [Run("5 * 3 = 15")]),
        ("a * b *c", [Run("a * b *c")]),
        ("\\*not italic\\*", [Run("*not italic*")]),
        ("[not a link] (x)", [Run("[not a link] (x)")]),
        ("<b>&amp;</b> {{ x }} _u_ `c`", [Run("<b>&amp;</b> {{ x }} _u_ `c`")]),
        ("**unclosed", [Run("**unclosed")]),
        ("[a](https://x.io", [Run("[a](https://x.io")]),
    ],
)
def test_parse(text, runs):
    assert list(parse(text)) == runs


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:x", "x.com"])
def test_refused_link_schemes(url):
    with pytest.raises(MarkupError, match="must start with https://|links are refused"):
        parse(f"[a]({url})")


PRINTABLE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=80)
MARKUPISH = st.lists(
    st.sampled_from(list("ab *[]()\\\n") + ["**", "](", "https://x.io"]), max_size=40
).map("".join)


@settings(max_examples=400, deadline=None)
@given(PRINTABLE)
def test_escaped_text_prints_as_itself(text):
    assert plain(escape_markup(text)) == text


@settings(max_examples=400, deadline=None)
@given(PRINTABLE | MARKUPISH)
def test_runs_join_to_the_visible_text_and_never_hold_markup_of_their_own(text):
    try:
        runs = parse(text)
    except MarkupError:
        return  # a link to a refused scheme
    assert "".join(run.text for run in runs) == plain(text)
    assert all(run.text for run in runs)
    styles = [(run.bold, run.italic, run.href) for run in runs]
    assert all(a != b for a, b in zip(styles, styles[1:], strict=False))  # merged when equal


# The parser before it was made linear (issue #13), kept as the reference: the fast one must
# agree with it on every input. (Since then an address may hold escaped parentheses, which
# the link slots write for a URL with a lone parenthesis.)
_ADDRESS_PART = r"(?:\\[\\*\[\]()]|[^()\s\\]|\\(?![\\*\[\]()]))*"
_LINK = re.compile(
    r"\[((?:\\.|[^\]\\\n])+)\]\("
    rf"({_ADDRESS_PART}(?:\({_ADDRESS_PART}\){_ADDRESS_PART})*)\)"
)


def _reference(s: str, bold: bool = False, italic: bool = False, href=None, out=None) -> list:
    out = [] if out is None else out
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.append(Run("".join(buf), bold, italic, href))
            buf.clear()

    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s) and s[i + 1] in "\\*[]()":
            buf.append(s[i + 1])
            i += 2
            continue
        if c == "[" and href is None and (m := _LINK.match(s, i)):
            flush()
            _reference(m.group(1), bold, italic, re.sub(r"\\(.)", r"\1", m.group(2)), out)
            i = m.end()
            continue
        if s.startswith("**", i) and not bold and (j := _closing(s, i + 2, "**")) is not None:
            flush()
            _reference(s[i + 2 : j], True, italic, href, out)
            i = j + 2
            continue
        if c == "*" and not italic and (j := _closing(s, i + 1, "*")) is not None:
            flush()
            _reference(s[i + 1 : j], bold, True, href, out)
            i = j + 1
            continue
        buf.append(c)
        i += 1
    flush()
    return out


def _closing(s: str, start: int, delim: str) -> int | None:
    if start >= len(s) or s[start].isspace() or s[start] == "*" and delim == "*":
        return None
    j = start + 1
    while (j := s.find(delim, j)) != -1:
        if (
            s[j - 1] != "\\"
            and not s[j - 1].isspace()
            and s[j + len(delim) : j + len(delim) + 1] != "*"
        ):
            return j
        j += 1
    return None


def _merged(runs: list[Run]) -> list[tuple]:
    out: list[tuple] = []
    for run in runs:
        key = (run.bold, run.italic, run.href)
        if out and out[-1][1:] == key:
            out[-1] = (out[-1][0] + run.text, *key)
        else:
            out.append((run.text, *key))
    return out


@settings(max_examples=1000, deadline=None)
@given(MARKUPISH | PRINTABLE)
def test_the_linear_parser_agrees_with_the_reference(text):
    try:
        fast = [(r.text, r.bold, r.italic, r.href) for r in parse(text)]
    except MarkupError:
        return
    assert fast == _merged(_reference(text))
