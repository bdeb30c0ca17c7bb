"""Fonts reportlab cannot embed as they are, made into single TrueType files once per machine.

reportlab embeds a TrueType font of one face. Debian's Chinese, Japanese and Korean fonts
(Noto Sans and Serif CJK) come as collections (`.ttc`) of faces with PostScript (CFF)
outlines, and many fonts are published as OpenType with CFF outlines (`.otf`). Such a face
is taken out of its file with fontTools, its outlines are turned into TrueType's quadratic
curves (within a thousandth of an em), and the result is kept in the font cache
(fontcache.py), named by the file, the face and what was kept of it.

A whole CJK face is 65,000 glyphs: converting it takes half a minute and 19 MB. A CJK face
used beside a theme's own font is cut to the characters of its region's national standard
(JIS X 0208 for Japan, GB 2312 for mainland China, Big5 for Taiwan, HKSCS for Hong Kong,
KS X 1001 for Korea), the characters nearly all writing uses: a few seconds,
once. A rarer character falls to the theme's next fallback font.
"""

from __future__ import annotations

import hashlib
import io
import re
from functools import cache
from pathlib import Path

from renderer.theme.fontcache import cache_dir, cached_font
from renderer.theme.fontfile import Face

FORMAT = 1  # bump when what is made changes
REGIONS = ("JP", "KR", "SC", "TC", "HK")
_CODECS = {"JP": "euc_jp", "KR": "euc_kr", "SC": "gb2312", "TC": "cp950", "HK": "big5hkscs"}
CJK_START = 0x2E80  # radicals, then punctuation, kana, Hangul, ideographs, full-width forms
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


def standalone(path: Path, face: Face, region: str | None = None) -> Path:
    """The face as a TrueType file of its own, from the cache, else made now (and cached);
    cut to `region`'s characters when given."""
    info = path.stat()
    key = f"{path.resolve()}|{info.st_size}|{info.st_mtime_ns}|{face.index}|{region}|{FORMAT}"
    digest = hashlib.sha256(key.encode()).hexdigest()
    stem = "".join(c for c in face.name if c.isascii() and c.isalnum())[:40] or "face"
    target = cache_dir() / f"{stem}-{region or 'all'}-{digest[:24]}.ttf"
    made = cached_font(target, digest, lambda: _converted(path, face, region))
    MADE.add(made.resolve())
    return made


MADE: set[Path] = set()  # files made here: already without hinting (nothing to strip)


def _converted(path: Path, face: Face, region: str | None) -> bytes:
    """The face as a TrueType font: the glyphs kept are drawn by HarfBuzz (in C: fontTools'
    own CFF interpreter takes ten times as long) and turned into quadratic curves; glyph ids
    stay as they were, so every table that names glyphs (metrics, substitutions) holds as it
    is. Cut to a region, the glyphs left out are empty and the Unicode map names only those
    kept, so a character beyond them goes to the next fallback font."""
    import uharfbuzz
    from fontTools.ttLib import TTFont as FontFile

    font = FontFile(str(path), fontNumber=face.index, lazy=True, recalcTimestamp=False)
    if not face.postscript_outlines and region is None:
        out = io.BytesIO()
        font.save(out)  # a TrueType face taken out of its collection, tables as they are
        return out.getvalue()
    drawn = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path)), face.index))
    order = font.getGlyphOrder()
    mapping = font.getBestCmap()
    if region is None:
        kept, chars = set(range(len(order))), mapping
    else:
        chars = {c: g for c, g in mapping.items() if chr(c) in national_characters(region)}
        kept = {0} | {font.getGlyphID(name) for name in chars.values()}
        for tag in ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea", "vmtx", "VORG"):
            if tag in font:
                del font[tag]  # they name glyphs no longer drawn; CJK is never shaped
        _replace_unicode_map(font, chars)
    _draw_truetype_outlines(font, drawn, order, kept)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _replace_unicode_map(font, chars: dict[int, str]) -> None:  # type: ignore[no-untyped-def]
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    table = newTable("cmap")
    table.tableVersion = 0
    table.tables = []
    for format_, encoding, mapping in (
        (4, 1, {c: g for c, g in chars.items() if c <= 0xFFFF}),
        (12, 10, chars),
    ):
        subtable = CmapSubtable.newSubtable(format_)
        subtable.platformID, subtable.platEncID, subtable.language = 3, encoding, 0
        subtable.cmap = mapping
        table.tables.append(subtable)
    font["cmap"] = table


def _draw_truetype_outlines(font, drawn, order: list[str], kept: set[int]) -> None:  # type: ignore[no-untyped-def]
    """Replace a font's outlines with TrueType ones (CFF's cubic curves approximated by
    quadratic ones) for the glyphs `kept`, and the tables that describe them."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for gid, name in enumerate(order):
        if gid not in kept:
            glyf.glyphs[name] = Glyph()
            continue
        pen = TTGlyphPen(None)
        # CFF draws outer contours counter-clockwise, TrueType clockwise
        drawn.draw_glyph_with_pen(gid, Cu2QuPen(pen, _MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
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
