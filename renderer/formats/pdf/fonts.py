"""The PDF's fonts: each TrueType file registered once per process (parsing one is most of a
warm render's cost), a theme's four faces and its declared fallbacks, and the check that
every character can be drawn before anything is, so a missing glyph is an error naming the
character and the field, never a blank box."""

from __future__ import annotations

import io
import logging
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from renderer.errors import RenderError
from renderer.formats.pdf.shaping import MARK_WIDTH, NEEDS_SHAPING, made_from
from renderer.theme.fontcache import unhinted
from renderer.theme.fontconvert import (
    CJK_START,
    CJK_SYMBOLS,
    LARGE_FACE,
    MADE,
    beyond,
    covers,
    face_region,
    national,
    national_characters,
    needs_converting,
    region_of,
    standalone,
)
from renderer.theme.fontfile import Face, FontFileProblem, faces, split_reference
from renderer.theme.model import Theme, system_font


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with characters beyond U+FFFF (emoji, rare Chinese) written
    as PDF wants them, in UTF-16 (<D83DDE80>), not as five hex digits (<1F680>) that readers
    cut to a wrong character (U+1F68) or drop."""
    made = _reportlab_cmap(fontname, subset)

    def utf16(match: re.Match[str]) -> str:
        code = int(match.group(2), 16)
        return f"<{match.group(1)}> <{chr(code).encode('utf-16-be').hex().upper()}>"

    def characters(match: re.Match[str]) -> str:
        # a shaped glyph no character maps to (a conjunct), or one of a cluster written under
        # a code of its own: what it stands for (see shaping.py), which may be nothing
        text = made_from(fontname, int(match.group(2), 16))
        if text is None:
            return match.group(0)
        return f"<{match.group(1)}> <{text.encode('utf-16-be').hex().upper()}>"

    made = re.sub(r"<([0-9A-F]{2,})> <([EF][0-9A-F]{3}|F[0-9A-F]{4})>", characters, made)
    return re.sub(r"<([0-9A-F]{2,})> <([0-9A-F]{5,6})>", utf16, made)


# Set once, at import (reportlab < 6); a second import keeps reportlab's own as the one wrapped.
_reportlab_cmap = getattr(ttfonts.makeToUnicodeCMap, "__wrapped__", ttfonts.makeToUnicodeCMap)
_to_unicode_cmap.__wrapped__ = _reportlab_cmap  # type: ignore[attr-defined]
ttfonts.makeToUnicodeCMap = _to_unicode_cmap

# Font files' and subsets' odd dates make fontTools log warnings a person cannot act on.
logging.getLogger("fontTools").setLevel(logging.ERROR)

FONT_REGISTRATIONS: Counter[Path] = Counter()  # work count, so tests can prove fonts load once
_registered: dict[Path, TTFont] = {}
MAX_DESCENT = 500  # thousandths of an em
_paths: dict[str, Path] = {}  # a registered font's file, by its name


def register_font(path: Path) -> TTFont:
    """Register a TrueType file once per process; parsing it is most of a warm render's cost."""
    path = path.resolve()
    if path not in _registered:
        # The name goes into paragraph markup and the PDF: only letters and digits of the
        # file name, so that `My "Font".ttf` cannot break either.
        stem = "".join(c for c in path.stem if c.isascii() and c.isalnum())
        name = f"F{len(_registered)}-{stem}"
        try:
            font = TTFont(name[:40], io.BytesIO(_unhinted(path)))
            font.face.filename = str(path)  # for reportlab's messages, not "(ttf)"
        except Exception as error:  # noqa: BLE001 (reportlab raises many kinds for a bad font)
            message = f"font file {path.name!r} cannot be read: {error}"
            raise RenderError(message, file=str(path)) from None
        _settle(font)
        pdfmetrics.registerFont(font)
        _registered[path] = font
        _paths[font.fontName] = path
        FONT_REGISTRATIONS[path] += 1
    return _registered[path]


def _settle(font: TTFont) -> None:
    """What readers are told of a font's boxes, before it is registered: marks a trace of
    width (see shaping.MARK_WIDTH); the descent at most half an em (readers' character
    boxes; nothing drawn uses it): pdfminer.six boxes each character from it, and Noto Sans
    Myanmar's 0.86 em put every Burmese word on a line of its own beside the main font's
    spaces."""
    for code, advance in list(font.face.charWidths.items()):
        if not advance:
            font.face.charWidths[code] = MARK_WIDTH
    font.face.descent = max(font.face.descent, -MAX_DESCENT)


def _unhinted(path: Path) -> bytes:
    """The font file without its hinting (see renderer/fontcache.py); as it is if fontTools
    cannot take it apart (reportlab may still manage, or say what is wrong)."""
    data = path.read_bytes()
    if path in MADE:
        return data
    try:
        return unhinted(data)
    except Exception:  # noqa: BLE001 (fontTools raises many kinds for a damaged font)
        return data


@dataclass(frozen=True)
class FontSet:
    regular: TTFont
    bold: TTFont
    italic: TTFont
    bold_italic: TTFont
    fallback_files: tuple[Path, ...]

    @classmethod
    def of(cls, theme: Theme, text: str = "", language: str = "") -> FontSet:
        """The theme's faces, and its fallbacks for a document of `text` in `language`: a
        face of a CJK collection is the one for the document's region (Japanese or Chinese
        forms of the same characters), left out where the document has none of its
        characters (making it costs seconds, once per machine)."""
        f = theme.fonts
        region = region_of(language, text)
        covered: set[str] = set()  # the document's CJK characters a fallback before has
        fonts = cls(
            register_font(theme.font_path(f.regular)),
            register_font(theme.font_path(f.bold)),
            register_font(theme.font_path(f.italic)),
            register_font(theme.font_path(f.bold_italic)),
            tuple(
                file
                for reference in f.fallback
                for file in _fallback_files(reference, text, region, covered)
            ),
        )
        # <b> and <i> in paragraph markup pick the family's faces.
        pdfmetrics.registerFontFamily(
            fonts.regular.fontName,
            normal=fonts.regular.fontName,
            bold=fonts.bold.fontName,
            italic=fonts.italic.fontName,
            boldItalic=fonts.bold_italic.fontName,
        )
        return fonts

    def face(self, bold: bool, italic: bool) -> TTFont:
        return [[self.regular, self.italic], [self.bold, self.bold_italic]][bold][italic]

    def loaded_fallbacks(self) -> list[TTFont]:
        return [_registered[p.resolve()] for p in self.fallback_files if p.resolve() in _registered]

    def fallback_for(self, char: str) -> TTFont | None:
        """The first declared fallback font that draws `char`; each is loaded only when a
        character first needs it (most resumes never do, and parsing one costs ~15 ms)."""
        for path in self.fallback_files:
            font = register_font(path)
            if draws(font, char):
                name = font.fontName  # <b> around its span: the family's bold, if beside it
                bold = _bold_beside(path)
                pdfmetrics.registerFontFamily(
                    name, normal=name, bold=bold, italic=name, boldItalic=bold
                )
                return font
        return None


def _fallback_files(reference: str, text: str, region: str, covered: set[str]) -> list[Path]:
    """The TrueType files a fallback reference stands for: the file itself, or the face it
    names (or, in a collection of regional faces, the region's) made a file of its own; a
    CJK face, only where the document has characters of it that no CJK face before it has
    (`covered`, added to): cut to its region's national standard, and the document's
    characters beyond the standard that the face has (Noto Sans CJK after Noto Serif CJK:
    only the few the serif lacks, 鿫 𠀤)."""
    name, wanted = split_reference(reference)
    path = Path(name)
    try:
        faces = font_faces(path)
    except (OSError, FontFileProblem):
        return [path]  # checked when the theme was loaded; reportlab will say what is wrong
    face = _face_for(faces, wanted, region)
    if not needs_converting(face):
        return [path]
    bold = _bold_sibling(path, face)
    if face.glyphs <= LARGE_FACE or (cut := face_region(face)) is None:
        made = _made(standalone, path, face)
        if bold:
            _made_bolds[made] = (standalone, bold[0], bold[1])
        return [made]
    # Latin and punctuation are the theme's own fonts' to draw
    ideographic = {c for c in text if ord(c) >= CJK_START}
    if ideographic:  # and the marks CJK text writes with (※ ① ‥), in its weight
        ideographic |= {c for c in text if CJK_SYMBOLS.match(c)}
    ideographic -= covered
    standard = national_characters(cut)
    files = []
    if ideographic & standard:
        files.append(_made(national, path, face, cut))
    rare = frozenset(c for c in ideographic - standard if covers(path, face, c))
    if rare:
        files.append(_made(beyond, path, face, rare))
    covered |= (ideographic & standard) | rare
    if bold and ideographic & standard:
        _made_bolds[files[0]] = (national, bold[0], bold[1], cut)
    if bold and rare:
        _made_bolds[files[-1]] = (beyond, bold[0], bold[1], rare)
    return files


def _face_for(faces: list[Face], wanted: str, region: str) -> Face:
    if wanted:
        return next(face for face in faces if face.called(wanted))
    return next((face for face in faces if face_region(face) == region), faces[0])


@cache
def font_faces(path: Path) -> list[Face]:
    return faces(path)


def _made(make: Callable[..., Path], path: Path, face: Face, *more: object) -> Path:
    try:
        return make(path, face, *more)
    except Exception as error:  # noqa: BLE001 (fontTools and HarfBuzz raise many kinds)
        message = f"font file {path.name!r} ({face.name}) cannot be converted: {error}"
        raise RenderError(message, file=str(path)) from None


def _bold_sibling(path: Path, face: Face) -> tuple[Path, Face] | None:
    """The bold of a face of a collection, where its family installs one beside it
    (NotoSansCJK-Bold.ttc by NotoSansCJK-Regular.ttc): the face of the same place in it."""
    if "Regular" not in path.name:
        return None
    bold = path.with_name(path.name.replace("Regular", "Bold"))
    try:
        found = font_faces(bold) if bold.is_file() else []
    except (OSError, FontFileProblem):
        return None
    same = [f for f in found if f.index == face.index and face_region(f) == face_region(face)]
    return (bold, same[0]) if same else None


# A made face's bold, made when a bold span first needs it: how, from which file and face
_made_bolds: dict[Path, tuple] = {}  # type: ignore[type-arg]


def font_file(name: str) -> Path:
    """The file a registered font was read from."""
    return _paths[name]


def bold_of(font: TTFont) -> str:
    """The name of a registered font's bold face (itself where it has none beside it)."""
    path = _paths.get(font.fontName)
    return _bold_beside(path) if path else font.fontName


@cache  # asked for each span drawn in a fallback font: the folder is looked in once
def _bold_beside(path: Path) -> str:
    """The bold face of a fallback font where its family installs one beside it
    (NotoSansDevanagari-Bold.ttf by NotoSansDevanagari-Regular.ttf, NanumGothicBold.ttf by
    NanumGothic.ttf), else the font made bold by stroking it."""
    if path in _made_bolds:
        return register_font(_made(*_made_bolds[path])).fontName
    names = [f"{path.stem}Bold{path.suffix}", f"{path.stem}-Bold{path.suffix}"]
    if "Regular" in path.name:
        names.insert(0, path.name.replace("Regular", "Bold"))
    for name in names:
        if (bold := path.with_name(name)).is_file():
            return register_font(bold).fontName
    return _synthetic_bold(path)


SYNTHETIC_BOLD: set[str] = set()  # fonts drawn filled and stroked: bold where none is installed


_synthetic: dict[Path, str] = {}
_synthetic_lock = threading.Lock()  # made once, whichever thread first needs it


def _synthetic_bold(path: Path) -> str:
    """A font with no bold beside it (Droid Sans Fallback, for Chinese and Japanese) as a
    bold made the way Word and browsers make one: the same glyphs, filled and stroked
    (flowables.SpacedText); named `…,Bold` in the PDF, as PDF names a simulated bold."""
    with _synthetic_lock:
        if path not in _synthetic:
            _synthetic[path] = _make_synthetic_bold(path)
        return _synthetic[path]


def _make_synthetic_bold(path: Path) -> str:
    regular = register_font(path)
    name = f"{regular.fontName[:34]}-SB"
    font = TTFont(name, io.BytesIO(_unhinted(path)))
    font.face.filename = str(path)
    font.face.name = regular.face.name + b",Bold"
    _settle(font)
    pdfmetrics.registerFont(font)
    # markup's <font face> resolves a face through its family: this one is bold in every style
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    _paths[name] = path
    SYNTHETIC_BOLD.add(name)
    return name


def draws(font: TTFont, char: str) -> bool:
    return ord(char) in font.face.charToGlyph


def missing_glyph(char: str, source: str, theme: Theme) -> RenderError:
    name = unicodedata.name(char, "unnamed")
    hint = ""
    if any(word in name for word in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPH")):
        hint = (
            " (the built-in themes use Noto CJK, Droid Sans Fallback and Nanum Gothic for "
            "Chinese, Japanese and Korean where they are installed: on Debian or Ubuntu, "
            "apt-get install fonts-noto-cjk fonts-droid-fallback fonts-nanum)"
        )
        if system_font("NotoSansCJK-Regular.ttc") and system_font("DroidSansFallbackFull.ttf"):
            hint = " (no font installed here has it: Noto CJK and Droid Sans Fallback do not)"
    elif NEEDS_SHAPING.match(char):
        hint = (
            " (the built-in themes draw the Indic scripts, Thai, Lao, Khmer and Myanmar with "
            "Noto Sans where it is installed: on Debian or Ubuntu, apt-get install "
            "fonts-noto-core)"
        )
    elif unicodedata.category(char) == "So" or 0x1F000 <= ord(char) <= 0x1FAFF:
        hint = (
            " (the built-in themes draw emoji and pictographs with Symbola where it is "
            "installed: on Debian or Ubuntu, apt-get install fonts-symbola)"
        )
    return RenderError(
        f"character {char!r} (U+{ord(char):04X} {name}) cannot be drawn by the fonts "
        f"of theme {theme.name!r}; remove it, or use a theme whose fonts (or declared "
        f"fallback fonts) have it{hint}",
        source,
    )


def drawable(
    text: str, fonts: FontSet, theme: Theme, where: str, *, own: bool = False, fallback=False
) -> str:
    """Text the backend draws itself (the bullet in the regular face; page numbers with the
    fallbacks too); `own`: the text is the theme's, so an error names the theme's file."""
    for char in text:
        if char == " " or draws(fonts.regular, char):
            continue
        if not (fallback and fonts.fallback_for(char)):
            error = missing_glyph(char, "" if own else where, theme)
            if own:
                error = RenderError(
                    f"{where}: {error.message}", file=str(theme.folder / "theme.yaml")
                )
            raise error
    return text


def theme_fonts(theme: Theme) -> list[str]:
    f = theme.fonts
    return [f.regular, f.bold, f.italic, f.bold_italic, *f.fallback]
