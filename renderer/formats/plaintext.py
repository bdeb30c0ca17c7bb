"""Read plain text and Markdown back: as a person sees them (Markdown rendered: no emphasis
marks, escapes or link syntax), with the characters that carry no text set aside."""

from __future__ import annotations

import re
import unicodedata

from renderer.compose.document import shows_address
from renderer.formats import ReadBack

# Characters that carry no text: a soft hyphen (shown only where a line breaks), zero-width
# spaces and joiners, the word joiner, a stray byte-order mark, bidirectional marks and
# embeddings. Readers keep or drop them at will (reportlab drops a soft hyphen; pypdf would
# read it), so neither side counts them.
_IGNORABLE = dict.fromkeys(
    [
        *map(
            ord,
            "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c"
            "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
        ),
        *range(0xFE00, 0xFE10),  # variation selectors: a glyph's choice, not text
        *range(0xE0100, 0xE01F0),
    ]
)


def normalise(text: str) -> str:
    """Text as compared: NFC, characters that carry no text dropped, white space collapsed,
    Thai and Lao ำ/ຳ written in its two drawn parts taken for itself."""
    text = unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33")
    return " ".join(text.replace("\u0ecd\u0eb2", "\u0eb3").translate(_IGNORABLE).split())


def decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def read_text(data: bytes) -> ReadBack:
    text = decode(data)
    if text is None:
        return ReadBack([], ["is not UTF-8 text: its characters cannot be trusted"])
    return ReadBack(text.splitlines())


def read_markdown(data: bytes) -> ReadBack:
    text = decode(data)
    if text is None:
        return ReadBack([], ["is not UTF-8 text: its characters cannot be trusted"])
    return ReadBack([markdown_to_text(line) for line in text.splitlines()])


_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: any ASCII punctuation


def markdown_to_text(line: str) -> str:
    """What a reader of rendered Markdown sees: no emphasis marks, escapes or link syntax.

    Links are found in one pass (each `[` is matched with the next unescaped `]` from a table
    made once), so a line of 40,000 `\\[` takes linear time, not quadratic.
    """
    line = re.sub(r"^(#{1,6} |> )", "", line)
    if (len(line) - len(line.rstrip("\\"))) % 2:  # an odd backslash at the end: a line break
        line = line[:-1]
    line = re.sub(r"^- ", "• ", line)  # a list item reads as a bullet
    closing = _next_unescaped(line, "]")
    ends = _next_pair(line, ">)")  # where each link's address ends: one table, not a search each
    out: list[str] = []
    i = 0
    while i < len(line):
        c = line[i]
        if c == "\\" and i + 1 < len(line):
            out.append(line[i : i + 2])
            i += 2
            continue
        end = closing[i + 1] if c == "[" and i + 1 < len(line) else -1
        if end >= 0 and line.startswith("(<", end + 1):
            stop = ends[min(end + 3, len(line))]
            if stop >= 0:
                label, href = line[i + 1 : end], line[end + 3 : stop]
                shown = _MD_ESCAPE.sub(r"\1", label.replace("*", ""))
                out.append(label if shows_address(shown, href) else f"{label} ({href})")
                i = stop + 2
                continue
        out.append(c)
        i += 1
    text = re.sub(r"(?<!\\)(\*\*|\*)", "", "".join(out))
    return _MD_ESCAPE.sub(r"\1", text)


def _next_pair(line: str, pair: str) -> list[int]:
    """For each offset, where `pair` next starts at or after it (or -1)."""
    found = [-1] * (len(line) + 1)
    for i in range(len(line) - len(pair), -1, -1):
        found[i] = i if line.startswith(pair, i) else found[i + 1]
    return found


def _next_unescaped(line: str, char: str) -> list[int]:
    """For each offset, where the next `char` not escaped by a backslash is (or -1)."""
    escaped = [False] * len(line)
    for i in range(1, len(line)):
        escaped[i] = line[i - 1] == "\\" and not escaped[i - 1]
    found = [-1] * (len(line) + 1)
    for i in range(len(line) - 1, -1, -1):
        found[i] = i if line[i] == char and not escaped[i] else found[i + 1]
    return found
