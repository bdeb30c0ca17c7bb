"""Scripts whose letters change shape with their neighbours (Devanagari, Bengali, Tamil and the
other Indic scripts, Thai, Lao, Khmer, Myanmar): set with HarfBuzz, through reportlab's own
support (`uharfbuzz`), so that conjuncts join, vowel signs sit where they belong and lines are
measured as drawn. Without it a Hindi name comes out as broken letters.

A shaped glyph that no character maps to (a conjunct such as क्ष) gets a private code from
reportlab; readers would read that code, or nothing. Here each such glyph is remembered with
the characters it was made from, and the font's ToUnicode map (fonts.py) gives readers those
characters: क्षेत्र reads back as क्षेत्र, not as its consonants' halves or blanks.
"""

from __future__ import annotations

import re
import threading
import unicodedata

import uharfbuzz
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import paragraph as _paragraph

from renderer.formats.bidi import RIGHT_TO_LEFT

# Indic scripts (Devanagari to Sinhala), Thai, Lao, Tibetan, Myanmar, Khmer.
NEEDS_SHAPING = re.compile(r"[\u0900-\u0dff\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff]")

# A glyph drawn with no advance (a vowel sign or tone mark over its consonant) is written with a
# width of a twentieth of an em instead, made up in the text's positioning: pdfminer.six puts
# two zero-width characters in a row (Thai ที่: a vowel and a tone mark) on different lines,
# and two marks of a thousandth of an em too where the second is set left of the first
# (Thai ซึ่ง: ่ after ึ), as it takes characters that far apart, in their widths, for two lines.
MARK_WIDTH = 50

_PRIVATE = range(0xE000, 0xF900)  # where reportlab puts glyphs no character maps to
# reportlab's shaper gives a font's unmapped glyphs codes as it meets them, in the font shared by
# every render of the process: one word is shaped at a time, so threads get the same codes.
_lock = threading.RLock()
_made_from: dict[tuple[str, int], str] = {}  # (PDF font name, private code): the characters


def shaped_style(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)


def made_from(base_font: str, code: int) -> str | None:
    """The characters a private code of a font's shaped glyph was made from; the font by its
    name in the PDF (a subset's, `AAAAAB+NotoSansDevanagari-Regular`)."""
    return _made_from.get((base_font.partition("+")[2] or base_font, code))


def _pdf_name(font) -> str:  # type: ignore[no-untyped-def]
    """A font's name in the PDF, as its subsets are named after the `+`."""
    return (font.face.name + font.face.subfontNameX).decode("latin-1")


def _remembering(shape):  # type: ignore[no-untyped-def]
    """reportlab's word shaper, one font at a time (it shapes a whole word with its first
    piece's font, so a Hindi word with a Latin comma drawn in another face came out as wrong
    glyphs), and only the pieces in a script that needs it; each private glyph remembered
    with what it was made from."""

    def shape_word(word, *args, **kwargs):  # type: ignore[no-untyped-def]
        if any(isinstance(s, ttfonts.ShapedStr) for _, s in word[1:]):
            return word  # shaped already (a line split again)
        pieces = _by_font(word[1:])
        if RIGHT_TO_LEFT.search("".join(s for f, s in word[1:] if not hasattr(f, "cbDefn"))):
            # Hebrew, Arabic: kept in logical order until its line is drawn (direction.py),
            # and measured as it will be drawn, joined letters and all.
            width = sum(
                _width(f, s) if hasattr(f, "cbDefn") else shaped_width(s, f.fontName, f.fontSize)
                for piece in pieces
                for f, s in piece
            )
            return word.__class__([width, *word[1:]])
        if not NEEDS_SHAPING.search("".join(s for f, s in word[1:] if not hasattr(f, "cbDefn"))):
            return word  # Latin, numbers: set as in every other paragraph
        if len(pieces) == 1:
            with _lock:
                shaped = shape(word, *args, **kwargs)
                _remember(word, shaped)
            return shaped
        width, items, changed = 0.0, [], False
        for piece in pieces:
            part = [sum(_width(f, s) for f, s in piece), *piece]
            if NEEDS_SHAPING.search("".join(s for f, s in piece if not hasattr(f, "cbDefn"))):
                with _lock:
                    shaped = shape(part, *args, **kwargs)
                    _remember(part, shaped)
                changed = changed or shaped is not part
                part = shaped
            width += part[0]
            items += part[1:]
        return ttfonts.makeShapedFragWord(word)([width, *items]) if changed else word

    shape_word.__wrapped__ = shape  # type: ignore[attr-defined]
    return shape_word


def _by_font(items: list) -> list[list]:  # type: ignore[type-arg]
    """A word's (frag, text) pieces in runs of one font."""
    runs: list[list] = []  # type: ignore[type-arg]
    for item in items:
        if runs and runs[-1][0][0].fontName == item[0].fontName:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _width(frag, text: str) -> float:  # type: ignore[no-untyped-def]
    if hasattr(frag, "cbDefn"):
        return float(getattr(frag, "width", 0))
    return float(pdfmetrics.stringWidth(text, frag.fontName, frag.fontSize))


def _harfbuzz(text: str, font_name: str, size: float, rtl: bool):  # type: ignore[no-untyped-def]
    """HarfBuzz's glyphs and positions for a run of one font and one direction: right to left,
    its glyphs come in visual order, and brackets mirrored."""
    font = pdfmetrics.getFont(font_name)
    hb_font = font.hbFont(size)
    buffer = uharfbuzz.Buffer()
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.add_str(text)
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.guess_segment_properties()  # the script and language, the direction being set
    uharfbuzz.shape(hb_font, buffer, {"kern": True, "liga": True})
    return font, hb_font, buffer.glyph_infos, buffer.glyph_positions


def shaped_width(text: str, font_name: str, size: float) -> float:
    """How wide a run is drawn, shaped (Arabic letters joined are narrower than alone)."""
    font = pdfmetrics.getFont(font_name)
    if not getattr(font, "shapable", False):
        return float(pdfmetrics.stringWidth(text, font_name, size))
    with _lock:
        rtl = RIGHT_TO_LEFT.search(text) is not None
        _, _, _, positions = _harfbuzz(text, font_name, size, rtl)
    return sum(font.pdfScale(p.x_advance) for p in positions) * size / 1000


def shape_run(frag, text: str, rtl: bool):  # type: ignore[no-untyped-def]
    """A run of one font drawn in one direction, as the ShapedStr reportlab draws: right to
    left, its glyphs in visual order; each glyph readable as what it was made from."""
    name, size = frag.fontName, frag.fontSize
    with _lock:
        font, hb_font, infos, positions = _harfbuzz(text, name, size, rtl)
        glyphs, data = [], []
        for info, position in zip(infos, positions, strict=True):
            code = font.face.glyphToChar.get(info.codepoint)
            if code:
                char = code[0]
            else:  # a glyph no character maps to (a joined Arabic letter): a private code
                glyph_name = hb_font.glyph_to_string(info.codepoint)
                char = font.hbAddPrivate(glyph_name, info.codepoint, position.x_advance)
            glyphs.append(chr(char))
            data.append(
                ttfonts.ShapeData(
                    info.cluster,
                    font.pdfScale(position.x_advance),
                    font.pdfScale(position.y_advance),
                    font.pdfScale(position.x_offset),
                    font.pdfScale(position.y_offset),
                    font.face.charWidths.get(char, 0),
                )
            )
        drawn = ttfonts.ShapedStr("".join(glyphs), shapeData=data)
        shaped: list = [0.0, (frag, drawn)]  # type: ignore[type-arg]
        _remember([0.0, (frag, text)], shaped, rtl)
    return shaped[1][1]


def _remember(word: list, shaped: list, rtl: bool = False) -> None:  # type: ignore[type-arg]
    """Settle a shaped word for readers: marks given a trace of width; each private glyph
    remembered with the characters it stands for; and the glyphs of each cluster written in
    the order of its characters, each still drawn where HarfBuzz put it (Hindi's ि is drawn
    before its consonant but written after it, so readers get कि, not िक)."""
    if shaped is word:
        return
    text = "".join(s for f, s in word[1:] if not hasattr(f, "cbDefn"))
    clusters = sorted(
        {
            d.cluster
            for _, s in shaped[1:]
            if isinstance(s, ttfonts.ShapedStr)
            for d in s.__shapeData__
        }
        | {len(text)}
    )
    for index, item in enumerate(shaped):
        if index == 0 or not isinstance(item[1], ttfonts.ShapedStr):
            continue
        frag, glyphs = item
        font = pdfmetrics.getFont(frag.fontName)
        data = [d if d.width else d._replace(width=MARK_WIDTH) for d in glyphs.__shapeData__]
        with _lock:
            for char in glyphs:
                if not font.face.charWidths.get(ord(char)):
                    font.face.charWidths[ord(char)] = MARK_WIDTH
        chars, settled = [], []
        start = 0
        while start < len(data):
            end = start
            while end < len(data) and data[end].cluster == data[start].cluster:
                end += 1
            cluster = data[start].cluster
            after = next((c for c in clusters if c > cluster), len(text))
            written = text[cluster:after]
            blank = 32 in font.face.charToGlyph
            if rtl and end - start == 1 and len(written) > 1 and blank:
                members = _spread(font, glyphs[start], data[start], written)
            elif rtl and len(written) > end - start and blank:
                members = _one_each(font, glyphs[start:end], data[start:end], written)
            elif rtl:  # drawn right to left: the cluster's characters shared out that way
                members = _in_order(font, glyphs[start:end][::-1], data[start:end][::-1], written)[
                    ::-1
                ]
            else:
                members = _in_order(font, glyphs[start:end], data[start:end], text[cluster:after])
            chars += [c for c, _ in members]
            settled += [d for _, d in members]
            start = end
        _reaching(font, chars, settled)
        _lift(font, chars, settled, rtl)
        if rtl:  # after _lift, which moves blanks: the boxes as readers will see them
            _covering(font, chars, settled)
        shaped[index] = (frag, ttfonts.ShapedStr("".join(chars), shapeData=settled))


def _covering(font, chars: list[str], data: list) -> None:  # type: ignore[no-untyped-def,type-arg]
    """In right-to-left text a letter's marks come before it, each drawn where it sits (Hebrew
    ֵ, then ּ further left, over ד; a raised mark's blank at the letter's start): a mark
    followed by another gets a box that reaches it, or is wide enough to be joined to one
    drawn further left, where pdfminer.six broke the line between two marks a few hundredths
    of an em apart (it joins characters closer than twice the wider's width)."""
    name = _pdf_name(font)
    for k in range(len(data) - 1):
        d, after = data[k], data[k + 1]
        if d.x_advance or after.x_advance:
            continue  # only between two marks
        gap = d.x_offset - after.x_offset  # how far left the next one is drawn
        # reaching it where it is drawn further right; else wide enough to be joined to it
        cover = round(-gap) if gap < 0 else round(gap / 2) + 1
        if cover > d.width:
            meaning = _made_from.get((name, ord(chars[k])), chars[k])
            lift = _lifted.get((name, ord(chars[k])))  # a raised mark's blank stays one
            chars[k] = _alias(font, name, chars[k], meaning, cover, lift)
            data[k] = d._replace(width=cover)


def _spread(font, glyph: str, data, written: str) -> list:  # type: ignore[no-untyped-def,type-arg]
    """A ligature in right-to-left text (Arabic lam-alef, لا) as one glyph per character: the
    ligature for the last, then blank glyphs right of it for the others, sharing its width.
    Readers reverse a right-to-left run glyph by glyph, and some reverse a glyph's characters
    too (pdfium) while others keep them (poppler, pypdf): one character a glyph reads the same
    in all."""
    name, count = _pdf_name(font), len(written)
    share = round(data.x_advance / count)
    advances = [data.x_advance - share * (count - 1), *[share] * (count - 1)]
    # A mark ligature (shadda with fatha) advances nothing: each part a trace of width, drawn
    # where the ligature is.
    widths = [max(advance, MARK_WIDTH) for advance in advances]
    members = [
        (
            _alias(font, name, glyph, written[-1], widths[0]),
            data._replace(x_advance=advances[0], width=widths[0]),
        )
    ]
    for advance, width, char in zip(advances[1:], widths[1:], reversed(written[:-1]), strict=True):
        offset = 0 if data.x_advance else data.x_offset
        blank = ttfonts.ShapeData(data.cluster, advance, 0, offset, 0, width)
        members.append((_alias(font, name, " ", char, width), blank))
    return members


_APART = 150  # thousandths of an em


def _one_each(font, glyphs: str, data: list, written: str) -> list:  # type: ignore[no-untyped-def,type-arg]
    """A right-to-left cluster of more characters than glyphs (the ligature of الله with its
    marks): one character a glyph, right to left, and the characters left over on blank
    glyphs of no advance at the cluster's right end, where it is read from."""
    name = _pdf_name(font)
    extra = len(written) - len(glyphs)
    members = [
        (_alias(font, name, glyph, written[-1 - i], d.width), d)
        for i, (glyph, d) in enumerate(zip(glyphs, data, strict=True))
    ]
    for j in range(extra):
        # a tenth of an em and more apart: poppler drops a character drawn where the same one
        # was just drawn, taking it for a copy (the second lam of الله)
        offset = -(extra - j) * _APART
        blank = ttfonts.ShapeData(data[-1].cluster, 0, 0, offset, 0, MARK_WIDTH)
        members.append((_alias(font, name, " ", written[extra - 1 - j], MARK_WIDTH), blank))
    return members


def _reaching(font, chars: list[str], data: list) -> None:  # type: ignore[no-untyped-def,type-arg]
    """Each glyph's box reaching where the next is drawn: a vowel sign drawn under the
    consonant before it (कु) or a glyph standing for nothing otherwise leaves a gap that
    pdfminer.six and pdftotext read as a space in the middle of a word (कु मार)."""
    name = _pdf_name(font)
    drawn, pen = [], 0.0
    for d in data:
        drawn.append(pen + d.x_offset)
        pen += d.x_advance
    for k, d in enumerate(data):
        reach = (drawn[k + 1] if k + 1 < len(data) else pen) - drawn[k]
        if reach - d.width > _GAP:
            meaning = _made_from.get((name, ord(chars[k])), chars[k])
            chars[k] = _alias(font, name, chars[k], meaning, round(reach))
            data[k] = d._replace(width=round(reach))


_GAP = 1  # thousandths of an em: poppler reads a gap of 0.04 em after a vowel sign as a space


def _in_order(font, glyphs: str, data: list, written: str) -> list:  # type: ignore[no-untyped-def,type-arg]
    """One cluster's glyphs, each under a code that gives readers the cluster's characters.
    A glyph that is its cluster's one character keeps its own code; a private glyph alone
    (a conjunct, क्ष) stands for its cluster. A cluster of several glyphs that do not spell
    it in order (Hindi's ि is drawn before its consonant: िक for कि; a half form, a reph)
    is written under codes of our own that share its characters out in the order the glyphs
    are drawn (ि's glyph stands for क, क's for ि): every reader gets कि, and the page is
    unchanged."""
    name = _pdf_name(font)
    private = [ord(c) in _PRIVATE for c in glyphs]
    if len(glyphs) == 1:
        if private[0]:
            with _lock:
                meaning = _made_from.setdefault((name, ord(glyphs)), written)
        else:
            meaning = glyphs
        if meaning == written:
            return [(glyphs, data[0])]
    elif not any(private) and glyphs == written:
        return list(zip(glyphs, data, strict=True))
    shares = _shares(written, [d.x_advance for d in data])
    codes = [
        _alias(font, name, char, share, d.width)
        for char, share, d in zip(glyphs, shares, data, strict=True)
    ]
    return list(zip(codes, data, strict=True))


def _shares(written: str, advances: list[float]) -> list[str]:
    """A cluster's characters shared out among its glyphs in the order they are drawn: one
    each, the last glyph the rest. A character drawn as two glyphs is shared out as Unicode
    decomposes it (Thai ทำ: ท, ํ, า; readers give ทํา, which check and NFKC take for ทำ);
    failing that the glyphs that advance carry the characters and the marks over them stand
    for nothing (pdfium and MuPDF print a stray letter for such a glyph)."""
    count = len(advances)
    if len(written) < count:  # Thai ำ is ํ and า: each glyph its part, as Unicode spells it
        parts = unicodedata.normalize("NFKD", written)
        written = parts if len(parts) == count else written
    if len(written) >= count:
        return [*written[: count - 1], written[count - 1 :]]
    carriers = [n for n, advance in enumerate(advances) if advance][: len(written)]
    if len(carriers) < len(written):
        carriers = list(range(len(written)))
    shares = [""] * count
    for n, char in zip(carriers, written, strict=True):
        shares[n] = char
    return shares


_ALIASES = (
    0xF0000  # Supplementary Private Use Area-A: codes no font maps, one per glyph and meaning
)


def _alias(  # type: ignore[no-untyped-def]
    font,
    name: str,
    char: str,
    meaning: str,
    width: float,
    lifted: tuple[int, float, float] | None = None,
) -> str:
    """A code of our own for a glyph that stands for `meaning` (possibly nothing), with the
    width its box is given; `lifted`: the code is a blank standing in for that glyph (its id)
    drawn that far (thousandths of an em) right of the pen and above the baseline, as a shape
    (_lift)."""
    face = font.face
    glyph = face.charToGlyph[ord(char)]
    key = (name, glyph, meaning, width, lifted)
    with _lock:
        code = _alias_codes.get(key)
        if code is None:
            code = _ALIASES + _alias_counts.get(name, 0)
            _alias_counts[name] = _alias_counts.get(name, 0) + 1
            _alias_codes[key] = code
            face.charToGlyph[code] = glyph
            face.charWidths[code] = width
            _made_from[(name, code)] = meaning
            if lifted is not None:
                _lifted[(name, code)] = lifted
    return chr(code)


_alias_codes: dict[tuple[str, int, str, float, tuple[int, float, float] | None], int] = {}
_alias_counts: dict[str, int] = {}
_lifted: dict[tuple[str, int], tuple[int, float, float]] = {}  # (font, code): glyph, x, y


def _lift(font, chars: list[str], data: list, rtl: bool) -> None:  # type: ignore[no-untyped-def,type-arg]
    """A mark HarfBuzz moves up or down (ً over alef, Hebrew dagesh, fatha over shadda, a Thai
    tone mark over a vowel) is written on the baseline as a blank glyph that reads as the
    mark, at the pen, and the mark itself is drawn as a shape where HarfBuzz put it
    (marks.py). Drawn as text with a rise, it moved its box off the line: pdfminer.six and
    pdftotext broke the line there, or read the word on another line."""
    if 32 not in font.face.charToGlyph:
        return
    name = _pdf_name(font)
    for k, d in enumerate(data):
        if not d.y_offset:
            continue
        meaning = _made_from.get((name, ord(chars[k])), chars[k])
        glyph = font.face.charToGlyph[ord(chars[k])]
        chars[k] = _alias(font, name, " ", meaning, d.width, (glyph, d.x_offset, d.y_offset))
        # the blank at the pen: right to left, drawn further in, it left a gap pdfminer.six
        # read as a space before a full stop ending the line
        data[k] = d._replace(x_offset=0 if rtl else d.x_offset, y_offset=0)


def lifted(font_name: str, code: int) -> tuple[int, float, float] | None:
    """The glyph a blank code of a font stands in for, and where it is drawn from the pen
    (right of it, above the baseline, in thousandths of an em); None for any other code."""
    if not _lifted:
        return None
    font = pdfmetrics.getFont(font_name)
    return _lifted.get((_pdf_name(font), code))


def _split_shaped(split):  # type: ignore[no-untyped-def]
    """reportlab's splitting of a word longer than a line, for a shaped word too: it went
    character by character through the glyphs as plain text, losing their positions (a Thai
    sentence, written without spaces, came out as boxes and private codes). Here a shaped
    word is split between its clusters, a cluster being a glyph that advances with the marks
    drawn over it, kept whole."""

    def split_word(word, max_width, max_widths, line):  # type: ignore[no-untyped-def]
        if not any(isinstance(s, ttfonts.ShapedStr) for _, s in word[1:]):
            return split(word, max_width, max_widths, line)
        last = len(max_widths) - 1
        next_width = max_widths[min(last, line + 1)]
        pieces: list = []  # type: ignore[type-arg]
        current: list = []  # type: ignore[type-arg]
        line_width = word_width = 0.0
        frag, text = word[1][0], ""
        for unit_frag, width, unit in _units(word):
            too_long = line_width + width > max_width and bool(word_width or width <= next_width)
            if unit_frag is not frag or too_long:
                current.append((_with_text(frag, text), text))
                if too_long:
                    pieces.append(_paragraph._SplitFrag([word_width, *current]))
                    line += 1
                    max_width, next_width = next_width, max_widths[min(last, line + 1)]
                    current, line_width, word_width = [], 0.0, 0.0
                frag, text = unit_frag, ""
            word_width += width
            line_width += width
            text = text + unit
        current.append((_with_text(frag, text), text))
        kind = _paragraph._SplitFragHS if isinstance(word, _paragraph._HSFrag) else None
        pieces.append((kind or _paragraph._SplitFragH)([word_width, *current]))
        return pieces

    split_word.__wrapped__ = split  # type: ignore[attr-defined]
    return split_word


def _with_text(frag, text):  # type: ignore[no-untyped-def]
    frag = frag.clone()
    if hasattr(frag, "text"):
        frag.text = text
    return frag


def _units(word):  # type: ignore[no-untyped-def]
    """(frag, width, text) of a word's pieces: a shaped piece by clusters (a glyph that
    advances, with the glyphs of its cluster and the marks after it), any other by Latin
    words and other characters."""
    for frag, text in word[1:]:
        if hasattr(frag, "cbDefn"):
            yield frag, getattr(frag.cbDefn, "width", 0), text
            continue
        if not isinstance(text, ttfonts.ShapedStr):
            # a Latin word stays whole (ใช้Kubernetes was split K / ubernetes); other
            # characters one by one
            for piece in _LATIN_WORDS.findall(text):
                yield frag, pdfmetrics.stringWidth(piece, frag.fontName, frag.fontSize), piece
            continue
        data, scale, start = text.__shapeData__, frag.fontSize / 1000, 0
        for end in range(1, len(text) + 1):
            if end < len(text) and not _starts_unit(data, end):
                continue
            unit = text[start:end]
            if data[start].cluster == _PLAIN:  # a character added to shaped text unshaped
                width = pdfmetrics.stringWidth(str(unit), frag.fontName, frag.fontSize)
            else:
                width = sum(d.x_advance for d in data[start:end]) * scale
            yield frag, width, unit
            start = end


_PLAIN = 0x7FFFFFFF  # reportlab's cluster for a character joined to shaped text unshaped
_LATIN_WORDS = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+|.", re.DOTALL)


def _starts_unit(data: list, at: int) -> bool:  # type: ignore[type-arg]
    here, before = data[at], data[at - 1]
    if here.cluster == _PLAIN or before.cluster == _PLAIN:
        return True
    return bool(here.x_advance) and here.cluster != before.cluster


# Set once, at import (reportlab < 6): the paragraph module holds its own reference.
_original = getattr(_paragraph.shapeFragWord, "__wrapped__", _paragraph.shapeFragWord)
_paragraph.shapeFragWord = _remembering(_original)
_original_split = getattr(_paragraph._splitFragWord, "__wrapped__", _paragraph._splitFragWord)
_paragraph._splitFragWord = _split_shaped(_original_split)
