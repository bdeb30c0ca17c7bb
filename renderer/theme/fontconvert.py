"""Fonts reportlab cannot embed as they are, made into single TrueType files once per machine.

reportlab embeds a TrueType font of one face. Debian's Chinese, Japanese and Korean fonts
(Noto Sans and Serif CJK) come as collections (`.ttc`) of faces with PostScript (CFF)
outlines, and many fonts are published as OpenType with CFF outlines (`.otf`). Such a face's
glyphs are drawn by HarfBuzz, turned into TrueType's quadratic curves (within a thousandth of
an em) and written as a font of their own with fontTools; the result is kept in the font
cache (fontcache.py), named by the file, the face and what was kept of it.

A whole CJK face is 65,000 glyphs: converting it takes half a minute and 19 MB. A CJK face
used beside a theme's own font is cut to the characters of its region's national standard
(JIS X 0208 for Japan, GB 2312 for mainland China, Big5 for Taiwan, HKSCS for Hong Kong,
KS X 1001 for Korea), the characters nearly all writing uses: a few seconds, once. A
document's rarer characters that the face has are a small font of their own beside it.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from pathlib import Path

from renderer.theme.fontcache import cache_dir, cached_font
from renderer.theme.fontfile import Face

FORMAT = 2  # bump when what is made changes
REGIONS = ("JP", "KR", "SC", "TC", "HK")
_CODECS = {"JP": "euc_jp", "KR": "euc_kr", "SC": "gb2312", "TC": "cp950", "HK": "big5hkscs"}
CJK_START = 0x2E80  # radicals, then punctuation, kana, Hangul, ideographs, full-width forms
# Marks Chinese and Japanese text writes with, drawn in its CJK face where it has them: ‥ …
# ※, enclosed numbers (① ⑴ ⒈), arrows and shapes (→ ○ ◎ ■ ★)
CJK_SYMBOLS = re.compile("[\u2025\u2026\u203b\u2190-\u21ff\u2460-\u24ff\u25a0-\u25ff\u2605\u2606]")
LARGE_FACE = 20_000  # glyphs: a face this large is a CJK face, cut to its region's characters
_MAX_ERROR = 1.0  # font units (a thousandth of Noto's em): how far a converted curve may stray


def region_of(language: str, text: str) -> str:
    """The region whose glyph forms a document's Chinese characters take: from its language
    (ja, ko, zh-Hant, zh-HK, zh), else from its letters (kana: Japanese; Hangul: Korean),
    else simplified Chinese."""
    parts = re.split(r"[-_]", language.lower())
    if parts[0] == "ja":
        return "JP"
    if parts[0] == "ko":
        return "KR"
    if parts[0] in ("zh", "yue"):
        if "hk" in parts or "mo" in parts:
            return "HK"
        return "TC" if "hant" in parts or "tw" in parts or parts[0] == "yue" else "SC"
    if re.search(r"[\u3040-\u30ff]", text):
        return "JP"
    if re.search(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]", text):
        return "KR"
    return "SC"


def face_region(face: Face) -> str | None:
    """The region a CJK face is made for, from its name ("Noto Sans CJK JP": JP)."""
    for name in face.names:
        for word in re.split(r"[\s-]+", name.upper()):
            if word in REGIONS:
                return word
    return None


@cache
def national_characters(region: str) -> frozenset[str]:
    """The characters of a region's national standard, with Latin, punctuation, kana and
    the full-width forms (each face keeps its own, which match its CJK in weight)."""
    chars = {chr(c) for c in range(0x20, 0x250)}
    chars |= {chr(c) for c in range(0x2000, 0x2070)}  # general punctuation
    chars |= {chr(c) for c in range(0x3000, 0x3100)}  # CJK symbols and punctuation, kana
    chars |= {chr(c) for c in range(0xFF00, 0xFFF0)}  # full-width and half-width forms
    codec = _CODECS[region]
    leads = range(0xA1, 0xFF) if codec in ("euc_jp", "euc_kr", "gb2312") else range(0x81, 0xFF)
    trails = range(0xA1, 0xFF) if codec in ("euc_jp", "euc_kr", "gb2312") else range(0x40, 0xFF)
    for lead in leads:
        for trail in trails:
            try:
                decoded = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(decoded) == 1:
                chars.add(decoded)
    return frozenset(chars)


def needs_converting(face: Face) -> bool:
    """Whether reportlab can embed the face only once made a TrueType file of its own."""
    return face.postscript_outlines or face.in_collection


def standalone(path: Path, face: Face) -> Path:
    """The whole face as a TrueType file of its own (a theme's own face from a collection,
    or with CFF outlines), from the cache, else made now (and cached)."""
    return _cached(path, face, "all", lambda: _whole(path, face))


def national(path: Path, face: Face, region: str) -> Path:
    """A CJK face cut to the characters of `region`'s national standard, as a compact
    TrueType file (glyphs renumbered, no layout tables: CJK is set glyph by glyph)."""
    return _cached(
        path, face, region, lambda: _compact(path, face, national_characters(region), "")
    )


def beyond(path: Path, face: Face, chars: frozenset[str]) -> Path:
    """The few characters of a document beyond the national standard that the face has (a
    name's rare character: 喆, 𠮷), as a compact TrueType file of their own, so that they are
    drawn in the same typeface, not in another font or not at all."""
    digest = hashlib.sha256("".join(sorted(chars)).encode()).hexdigest()[:16]
    # named for its characters: reportlab takes a second font of a PostScript name it has
    # registered for the first, whose characters are others
    suffix = f"Extra{digest[:8]}"
    return _cached(path, face, f"x{digest}", lambda: _compact(path, face, chars, suffix))


def covers(path: Path, face: Face, char: str) -> bool:
    """Whether the face has a glyph for `char` (HarfBuzz's look-up: no font parsed)."""
    return _harfbuzz(path, face.index).get_nominal_glyph(ord(char)) is not None


MADE: set[Path] = set()  # files made here: already without hinting (nothing to strip)


_found: dict[tuple[Path, str], Path] = {}  # made or checked in this process: by cache, source


def _cached(path: Path, face: Face, what: str, make: Callable[[], bytes]) -> Path:
    info = path.stat()
    key = f"{path.resolve()}|{info.st_size}|{info.st_mtime_ns}|{face.index}|{what}|{FORMAT}"
    digest = hashlib.sha256(key.encode()).hexdigest()
    folder = cache_dir()
    if (folder, digest) in _found:  # its seal checked once a process, not at every render
        return _found[folder, digest]
    stem = "".join(c for c in face.name if c.isascii() and c.isalnum())[:40] or "face"
    made = cached_font(folder / f"{stem}-{what}-{digest[:24]}.ttf", digest, make)
    MADE.add(made.resolve())
    _found[folder, digest] = made
    return made


@lru_cache(maxsize=8)  # a face's HarfBuzz font is asked of each character of a document
def _harfbuzz(path: Path, index: int):  # type: ignore[no-untyped-def]
    import uharfbuzz  # HarfBuzz's bindings: imported for a collection or CFF face only

    return uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path)), index))


def _whole(path: Path, face: Face) -> bytes:
    """The face with TrueType outlines: taken out of its collection as it is, or with its
    CFF outlines drawn by HarfBuzz and made quadratic; glyph ids, and so every table that
    names glyphs (metrics, substitutions for shaping), stay as they were."""
    from fontTools.ttLib import TTFont as FontFile  # only when a face is made, once

    font = FontFile(str(path), fontNumber=face.index, lazy=True, recalcTimestamp=False)
    if face.postscript_outlines:
        order = font.getGlyphOrder()
        glyphs = {name: _quadratic(path, face, gid) for gid, name in enumerate(order)}
        _replace_outlines(font, order, glyphs)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _quadratic(path: Path, face: Face, gid: int):  # type: ignore[no-untyped-def]
    """A glyph drawn by HarfBuzz (in C: fontTools' own CFF interpreter takes ten times as
    long), its cubic curves made quadratic within _MAX_ERROR."""
    # fontTools' pens: only when a face is made, once
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(None)
    # CFF draws outer contours counter-clockwise, TrueType clockwise
    _harfbuzz(path, face.index).draw_glyph_with_pen(
        gid, Cu2QuPen(pen, _MAX_ERROR, reverse_direction=True)
    )
    return pen.glyph()


def _compact(path: Path, face: Face, chars: Iterable[str], suffix: str) -> bytes:
    """A TrueType font of the face's glyphs for `chars` alone (and .notdef), its metrics and
    names those of the face (the PostScript name with `suffix`, so that two files made from
    one face are two fonts in a PDF)."""
    # fontTools: only when a face is made, once
    from fontTools.fontBuilder import FontBuilder
    from fontTools.ttLib import OPTIMIZE_FONT_SPEED
    from fontTools.ttLib import TTFont as FontFile

    drawn = _harfbuzz(path, face.index)
    source = FontFile(str(path), fontNumber=face.index, lazy=True, recalcTimestamp=False)
    mapping: dict[int, str] = {}
    for char in sorted(chars):
        gid = drawn.get_nominal_glyph(ord(char))
        if gid:
            mapping[ord(char)] = f"g{gid}"
    gids = [0, *sorted({int(name[1:]) for name in mapping.values()})]
    order = [".notdef", *(f"g{gid}" for gid in gids[1:])]
    glyphs = {name: _quadratic(path, face, gid) for gid, name in zip(gids, order, strict=True)}
    head, hhea, os2 = source["head"], source["hhea"], source["OS/2"]
    builder = FontBuilder(head.unitsPerEm, isTTF=True)
    # glyph flags packed for speed: a few per cent larger before the PDF's own subset
    builder.font.cfg[OPTIMIZE_FONT_SPEED] = True
    builder.updateHead(
        created=head.created,
        modified=head.modified,
        macStyle=head.macStyle,
        fontRevision=head.fontRevision,
    )
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(mapping)
    builder.setupGlyf(glyphs)
    glyf = builder.font["glyf"]
    builder.setupHorizontalMetrics(
        {
            name: (drawn.get_glyph_h_advance(gid), getattr(glyf[name], "xMin", 0))
            for gid, name in zip(gids, order, strict=True)
        }
    )
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
    names = source["name"]
    family = str(names.getDebugName(1) or face.name)
    style = str(names.getDebugName(2) or "Regular")
    postscript = str(names.getDebugName(6) or family.replace(" ", ""))
    builder.setupNameTable(
        {
            "familyName": family,
            "styleName": style,
            "fullName": f"{family} {style}",
            "psName": f"{postscript}{'-' + suffix if suffix else ''}"[:63],
        }
    )
    builder.setupOS2(
        **{
            field: getattr(os2, field)
            for field in (
                "usWeightClass", "usWidthClass", "fsType", "fsSelection", "sTypoAscender",
                "sTypoDescender", "sTypoLineGap", "usWinAscent", "usWinDescent", "sxHeight",
                "sCapHeight", "achVendID",
            )
            if hasattr(os2, field)
        }
    )  # fmt: skip
    builder.setupPost(keepGlyphNames=False)
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


def _replace_outlines(font, order: list[str], glyphs: dict) -> None:  # type: ignore[no-untyped-def]
    """Put TrueType outlines in a font in place of its CFF ones, and the tables that say
    how they are stored."""
    from fontTools.ttLib import newTable  # only when a face is made, once

    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for field in (
        "maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours",
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
        "maxComponentDepth",
    ):  # fmt: skip
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp  # its point and contour counts are worked out when it is saved
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names: a PDF does not need them
    font.sfntVersion = "\x00\x01\x00\x00"
