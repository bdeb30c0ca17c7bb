"""The Unicode bidirectional algorithm (UAX #9), for one line of text: which characters run
right to left, and the order they are drawn in.

A PDF draws glyphs where it is told, so a line that mixes Hebrew or Arabic with Latin words
and numbers has to be put in visual order before it is drawn: `levels` resolves each
character's embedding level (rules W1-W7, N0-N2, I1-I2 and L1) and `visual_order` gives the
order to draw them in (L2). reportlab leaves this to `rlbidi`, which is not on PyPI, and
python-bidi gives only the reordered string, not where each character went, which the PDF
writer needs to keep each character's font, colour and link.

Left out, as no resume needs them: explicit embeddings, overrides and isolates (LRE, RLO,
LRI... and PDF/PDI are taken as boundary neutrals and removed, as rule X9 removes them);
each line is one paragraph of one level. Tested against python-bidi, which implements the
whole algorithm, on strings of every class mixed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from babel import Locale, UnknownLocaleError

# Letters written right to left: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan... and their
# presentation forms. A paragraph without any is set as it always was.
RIGHT_TO_LEFT = re.compile(
    r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)

# Paired brackets (Unicode's BidiBrackets.txt): rule N0 sets a pair in one direction.
_PAIRS = "()[]{}\u0f3a\u0f3b\u0f3c\u0f3d\u169b\u169c\u2045\u2046\u207d\u207e\u208d\u208e"
_PAIRS += "\u2308\u2309\u230a\u230b\u2329\u232a\u2768\u2769\u276a\u276b\u276c\u276d\u276e\u276f"
_PAIRS += "\u2770\u2771\u2772\u2773\u2774\u2775\u27c5\u27c6\u27e6\u27e7\u27e8\u27e9\u27ea\u27eb"
_PAIRS += "\u27ec\u27ed\u27ee\u27ef\u2983\u2984\u2985\u2986\u2987\u2988\u2989\u298a\u298b\u298c"
_PAIRS += "\u2991\u2992\u2993\u2994\u2995\u2996\u2997\u2998\u29d8\u29d9\u29da\u29db\u29fc\u29fd"
_PAIRS += "\u3008\u3009\u300a\u300b\u300c\u300d\u300e\u300f\u3010\u3011\u3014\u3015\u3016\u3017"
_PAIRS += "\u3018\u3019\u301a\u301b\ufe59\ufe5a\ufe5b\ufe5c\ufe5d\ufe5e\uff08\uff09\uff3b\uff3d"
_PAIRS += "\uff5b\uff5d\uff5f\uff60\uff62\uff63"
OPENING = {_PAIRS[i]: _PAIRS[i + 1] for i in range(0, len(_PAIRS), 2)}
CLOSING = {close: open_ for open_, close in OPENING.items()}
# 〈 and 〉 (U+2329, U+232A) are canonically the CJK angle brackets: either closes the other.
_CANONICAL = {"\u2329": "\u3008", "\u232a": "\u3009"}

_STRONG = {"L": "L", "R": "R", "AL": "R", "EN": "R", "AN": "R"}  # for rules N0 and N1
_NEUTRAL = {"B", "S", "WS", "ON"}
_REMOVED = {"BN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


@cache
def _class(char: str) -> str:
    return unicodedata.bidirectional(char) or "L"


# Marks, embeddings and isolates of direction: they order a line, and are never drawn (a font
# that has a glyph for them draws a hook).
CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NO_CONTROLS = str.maketrans("", "", CONTROLS)


def without_controls(text: str) -> str:
    return text.translate(_NO_CONTROLS) if any(c in text for c in CONTROLS) else text


def has_right_to_left(text: str) -> bool:
    return RIGHT_TO_LEFT.search(text) is not None


def base_level(text: str, default: int = 0) -> int:
    """The paragraph's level by its first strong character (rule P2): 1 for Hebrew or
    Arabic, 0 for Latin; `default` when it has none (a line of numbers)."""
    for char in text:
        kind = _class(char)
        if kind == "L":
            return 0
        if kind in ("R", "AL"):
            return 1
    return default


def levels(text: str, base: int) -> list[int]:
    """Each character's embedding level in a line of a paragraph at level `base` (0 or 1):
    odd levels run right to left."""
    kept = [i for i, c in enumerate(text) if _class(c) not in _REMOVED]
    types = [_class(text[i]) for i in kept]
    chars = [text[i] for i in kept]
    edge = "R" if base % 2 else "L"  # sos and eos: one level run, the paragraph's
    _weak(types, edge)
    _brackets(chars, types, edge)
    _neutrals(types, edge)
    resolved = [base] * len(text)
    for i, kind in zip(kept, types, strict=True):
        if base % 2 == 0:
            resolved[i] = base + (1 if kind == "R" else 2 if kind in ("AN", "EN") else 0)
        else:
            resolved[i] = base + (1 if kind in ("L", "EN", "AN") else 0)
    # X9: a removed character (a joiner, a mark of direction) goes with the one before it.
    previous = base
    for i, char in enumerate(text):
        if _class(char) in _REMOVED:
            resolved[i] = previous
        previous = resolved[i]
    # L1: separators, and white space before them or at the line's end, at the paragraph's
    # level.
    trailing = True
    for i in range(len(text) - 1, -1, -1):
        kind = _class(text[i])
        if kind in _REMOVED:
            continue  # invisible: the white space around it decides
        if kind in ("S", "B"):
            resolved[i], trailing = base, True
        elif trailing and kind == "WS":
            resolved[i] = base
        else:
            trailing = False
    return resolved


def _weak(types: list[str], edge: str) -> None:
    """Rules W1-W7: marks, numbers and separators take their part from their neighbours."""
    count = len(types)
    for i in range(count):  # W1: a mark is what it is on
        if types[i] == "NSM":
            types[i] = types[i - 1] if i else edge
    strong = edge
    for i in range(count):  # W2: European digits after Arabic letters are Arabic
        if types[i] in ("L", "R", "AL"):
            strong = types[i]
        elif types[i] == "EN" and strong == "AL":
            types[i] = "AN"
    for i in range(count):  # W3
        if types[i] == "AL":
            types[i] = "R"
    for i in range(1, count - 1):  # W4: one separator between two numbers joins them
        before, kind, after = types[i - 1], types[i], types[i + 1]
        if kind == "ES" and before == after == "EN":
            types[i] = "EN"
        elif kind == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    i = 0
    while i < count:  # W5: terminators (%, $, °) beside a European number are part of it
        if types[i] != "ET":
            i += 1
            continue
        end = i
        while end < count and types[end] == "ET":
            end += 1
        if (i and types[i - 1] == "EN") or (end < count and types[end] == "EN"):
            types[i:end] = ["EN"] * (end - i)
        i = end
    for i in range(count):  # W6
        if types[i] in ("ES", "ET", "CS"):
            types[i] = "ON"
    strong = edge
    for i in range(count):  # W7: European digits in Latin text are Latin
        if types[i] in ("L", "R"):
            strong = types[i]
        elif types[i] == "EN" and strong == "L":
            types[i] = "L"


def _brackets(chars: list[str], types: list[str], edge: str) -> None:
    """Rule N0: a pair of brackets takes the direction of what it encloses, so that
    "(Tel Aviv)" in Hebrew keeps its brackets around the words."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, char in enumerate(chars):
        if types[i] != "ON":
            continue
        char = _CANONICAL.get(char, char)
        if char in OPENING:
            if len(stack) == 63:
                break
            stack.append((OPENING[char], i))
        elif char in CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if _CANONICAL.get(stack[depth][0], stack[depth][0]) == char:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    opposite = "L" if edge == "R" else "R"
    for start, end in sorted(pairs):
        inside = {_STRONG.get(t) for t in types[start + 1 : end]}
        if edge in inside:
            direction = edge
        elif opposite in inside:
            before = next((_STRONG[t] for t in reversed(types[:start]) if t in _STRONG), edge)
            direction = opposite if before == opposite else edge
        else:
            continue
        for at in (start, end):
            types[at] = direction
            after = at + 1  # marks on a bracket go with it
            while after < len(types) and _class(chars[after]) == "NSM":
                types[after] = direction
                after += 1


def _neutrals(types: list[str], edge: str) -> None:
    """Rules N1 and N2: neutrals between two runs of one direction take it; others take the
    paragraph's."""
    count, i = len(types), 0
    while i < count:
        if types[i] not in _NEUTRAL:
            i += 1
            continue
        end = i
        while end < count and types[end] in _NEUTRAL:
            end += 1
        before = _STRONG.get(types[i - 1], edge) if i else edge
        after = _STRONG.get(types[end], edge) if end < count else edge
        types[i:end] = [before if before == after else edge] * (end - i)
        i = end


def visual_order(resolved: list[int]) -> list[int]:
    """Rule L2: the logical indices in the order they are drawn, left to right."""
    order = list(range(len(resolved)))
    if not resolved:
        return order
    highest = max(resolved)
    lowest_odd = min((lv for lv in resolved if lv % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if resolved[order[i]] < level:
                i += 1
                continue
            end = i
            while end < len(order) and resolved[order[end]] >= level:
                end += 1
            order[i:end] = order[i:end][::-1]
            i = end
    return order


def display(text: str, base: int) -> str:
    """A line's characters in the order they are drawn, left to right: what a reader that
    does not reorder (pdfminer.six) gives back. A bracket drawn mirrored in right-to-left
    text still reads as the one written (the PDF maps its glyph to it)."""
    return "".join(text[i] for i in visual_order(levels(text, base)))


def paragraph_level(text: str, rtl_page: bool) -> int | None:
    """The level a paragraph with Hebrew or Arabic letters is set at: the page's (1 right to
    left, 0 left to right: "الرياض, Saudi Arabia" in an English resume reads as written, each
    word in its own direction). None for a paragraph without them, set left to right as it
    always was (a contact line, a date range, a list of tools: each reads the same in every
    reader)."""
    if has_right_to_left(text):
        return 1 if rtl_page else 0
    return None


# The spaces that fill the gap between two paragraphs set side by side (a head and its dates).
_GAP = re.compile(r"( {3,})")


def logical(line: str, rtl_page: bool) -> str:
    """A line read from a PDF in the order its glyphs are drawn (pdfminer.six gives Hebrew
    and Arabic reversed) put back in the order it was written, by the rules it was set by.
    Paragraphs set side by side, with spaces between (a head and its dates), are each put
    back on their own, and on a page right to left the rightmost is read first, as is the
    list marker right of a line of Latin. For the lines a resume holds (runs of words,
    numbers and brackets) the algorithm undoes itself."""
    if not rtl_page and not has_right_to_left(line):
        return line
    parts = _GAP.split(line)  # text, gap, text, gap, ...
    for index in range(0, len(parts), 2):
        level = paragraph_level(parts[index], rtl_page)
        if level is not None:
            parts[index] = display(parts[index], level)
        elif rtl_page:
            parts[index] = _MARKER_LAST.sub(r"\3 \1", parts[index])
    if rtl_page:
        parts.reverse()
    return "".join(parts)


# A line of Latin ending in a list marker drawn right of it (on a page right to left).
_MARKER_LAST = re.compile(r"^(.*\S)(\s+)([^\w\s])\s*$")


def mostly_right_to_left(text: str) -> bool:
    """Whether most of a text's letters are Hebrew or Arabic (a page set right to left)."""
    rtl = len(RIGHT_TO_LEFT.findall(text))
    return rtl > 0 and rtl * 2 > sum(1 for c in text if c.isalpha())


def page_is_right_to_left(language: str, text: str) -> bool:
    """A page's direction: its language's (Arabic, Hebrew, Persian, Urdu...), or its letters'
    where most are Hebrew or Arabic (a Hebrew resume whose language was left unset)."""
    try:
        if Locale.parse(language.replace("-", "_")).text_direction == "rtl":
            return True
    except (UnknownLocaleError, ValueError, TypeError):
        pass
    return mostly_right_to_left(text)
