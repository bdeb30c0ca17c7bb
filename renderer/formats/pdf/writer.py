"""Document -> PDF with reportlab: embedded subset TrueType fonts, real text, one column.

Nothing but this module knows reportlab. Text goes through reportlab's paragraph markup, so
every character of the Document is XML-escaped here and nowhere else; each character is
checked against the fonts before anything is drawn, so a missing glyph is an error naming the
character and the field, never a blank box.
"""

from __future__ import annotations

import io
import logging
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus import paragraph as _paragraph
from reportlab.platypus.flowables import HRFlowable

from renderer.compose.document import Block, Document, Role, keeps_with_next, letter_gap
from renderer.errors import RenderError
from renderer.formats import Layout, Options, Rendered
from renderer.profile.markup import Run
from renderer.theme.fontcache import unhinted
from renderer.theme.model import Style, Theme

rl_config.useA85 = 0  # ASCII85 makes streams a quarter larger for 7-bit safety no one needs
# reportlab's marks that may not open a line are Japanese; Chinese full-width punctuation
# (，；：！？》〉) joins them, so a CJK line never starts with a comma. Set once, at import.
_paragraph.ALL_CANNOT_START += "".join(
    c for c in "，；：！？）》〉」』】〕" if c not in _paragraph.ALL_CANNOT_START
)
# Font files' and subsets' odd dates make fontTools log warnings a person cannot act on.
logging.getLogger("fontTools").setLevel(logging.ERROR)

FONT_REGISTRATIONS: Counter[Path] = Counter()  # work count, so tests can prove fonts load once
_fonts: dict[Path, TTFont] = {}


def _font(path: Path) -> TTFont:
    """Register a TrueType file once per process; parsing it is most of a warm render's cost."""
    path = path.resolve()
    if path not in _fonts:
        # The name goes into paragraph markup and the PDF: only letters and digits of the
        # file name, so that `My "Font".ttf` cannot break either.
        name = f"F{len(_fonts)}-" + "".join(c for c in path.stem if c.isascii() and c.isalnum())
        try:
            font = TTFont(name[:40], io.BytesIO(_unhinted(path)))
            font.face.filename = str(path)  # for reportlab's messages, not "(ttf)"
        except Exception as error:  # noqa: BLE001 (reportlab raises many kinds for a bad font)
            message = f"font file {path.name!r} cannot be read: {error}"
            raise RenderError(message, file=str(path)) from None
        pdfmetrics.registerFont(font)
        _fonts[path] = font
        FONT_REGISTRATIONS[path] += 1
    return _fonts[path]


def _unhinted(path: Path) -> bytes:
    """The font file without its hinting (see renderer/fontcache.py); as it is if fontTools
    cannot take it apart (reportlab may still manage, or say what is wrong)."""
    data = path.read_bytes()
    try:
        return unhinted(data)
    except Exception:  # noqa: BLE001 (fontTools raises many kinds for a damaged font)
        return data


@dataclass(frozen=True)
class _FontSet:
    regular: TTFont
    bold: TTFont
    italic: TTFont
    bold_italic: TTFont
    fallback_files: tuple[Path, ...]

    @classmethod
    def of(cls, theme: Theme) -> _FontSet:
        f = theme.fonts
        fonts = cls(
            _font(theme.font_path(f.regular)),
            _font(theme.font_path(f.bold)),
            _font(theme.font_path(f.italic)),
            _font(theme.font_path(f.bold_italic)),
            tuple(theme.font_path(p) for p in f.fallback),
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
        return [_fonts[p.resolve()] for p in self.fallback_files if p.resolve() in _fonts]

    def fallback_for(self, char: str) -> TTFont | None:
        """The first declared fallback font that draws `char`; each is loaded only when a
        character first needs it (most resumes never do, and parsing one costs ~15 ms)."""
        for path in self.fallback_files:
            font = _font(path)
            name = font.fontName  # <b> around a fallback span keeps the fallback face
            pdfmetrics.registerFontFamily(
                name, normal=name, bold=name, italic=name, boldItalic=name
            )
            if _draws(font, char):
                return font
        return None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    return '"' + _escape(value).replace('"', "&quot;") + '"'


def _draws(font: TTFont, char: str) -> bool:
    return ord(char) in font.face.charToGlyph


def _missing(char: str, source: str, theme: Theme) -> RenderError:
    name = unicodedata.name(char, "unnamed")
    hint = ""
    if any(word in name for word in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPH")):
        hint = (
            " (the built-in themes use Droid Sans Fallback for Chinese and Japanese and Nanum "
            "Gothic for Korean where they are installed: on Debian or Ubuntu, apt-get install "
            "fonts-droid-fallback fonts-nanum)"
        )
    return RenderError(
        f"character {char!r} (U+{ord(char):04X} {name}) cannot be drawn by the fonts "
        f"of theme {theme.name!r}; remove it, or use a theme whose fonts (or declared "
        f"fallback fonts) have it{hint}",
        source,
    )


@cache
def _ordinary(char: str) -> bool:
    """Neither an invisible format character nor right-to-left: drawn as it is, if the font
    has it."""
    category, direction = unicodedata.category(char), unicodedata.bidirectional(char)
    return category != "Cf" and direction not in ("R", "AL")


def _run_markup(run: Run, style: Style, fonts: _FontSet, theme: Theme, source: str) -> str:
    """One run as reportlab paragraph markup: escaped text, fallback fonts where needed."""
    # The face reportlab will draw with: the role's style, plus the run's own emphasis.
    main = fonts.face(style.bold or run.bold, style.italic or run.italic)
    glyphs = main.face.charToGlyph
    if all(ord(c) in glyphs and _ordinary(c) for c in set(run.text)):
        text = _escape(run.text)  # the usual case: every character in the run's own face
    else:
        text = _run_with_fallbacks(run, main, fonts, theme, source)
    # <b>/<i> pick the family's faces (registered below), so fallback spans nest inside them.
    if run.bold:
        text = f"<b>{text}</b>"
    if run.italic:
        text = f"<i>{text}</i>"
    if run.href:
        colour = theme.colours.accent
        text = f"<a href={_attribute(run.href)} color={_attribute(colour)}>{text}</a>"
    return text


def _run_with_fallbacks(run: Run, main: TTFont, fonts: _FontSet, theme: Theme, source: str) -> str:
    """A run's escaped text with spans in fallback fonts for characters its face lacks,
    invisible characters no font has dropped, right-to-left text refused."""
    pieces: list[str] = []
    current: TTFont | None = None
    chunk: list[str] = []

    def flush() -> None:
        if chunk and current is not None:
            text = _escape("".join(chunk))
            face = current.fontName
            pieces.append(text if current is main else f'<font face="{face}">{text}</font>')
            chunk.clear()

    for char in run.text:
        # An invisible format character (a bidi mark, a zero-width joiner) that no font has a
        # glyph for has no width and nothing to draw; the text formats keep it.
        if (
            unicodedata.category(char) == "Cf"
            and not _draws(main, char)
            and not any(_draws(f, char) for f in fonts.loaded_fallbacks())
        ):
            continue
        if unicodedata.bidirectional(char) in ("R", "AL") and unicodedata.category(char) != "Cf":
            raise RenderError(
                f"right-to-left text ({char!r}, U+{ord(char):04X}) is not supported in "
                "PDF output yet: reportlab would draw it in reverse. DOCX, txt and md carry it.",
                source,
                text=run.text,
            )
        if char == " " or _draws(main, char):
            font = main
        else:
            font = fonts.fallback_for(char)
            if font is None:
                error = _missing(char, source, theme)
                error.text = run.text
                raise error
        if font is not current:
            flush()
            current = font
        chunk.append(char)
    flush()
    return "".join(pieces)


def _markup(
    block: Block, runs: tuple[Run, ...], fonts: _FontSet, theme: Theme, plain: bool = False
) -> str:
    """Runs as reportlab markup, in the faces of the block's style (`plain`: an aside, never
    bold or italic but for its own runs)."""
    style = theme.style(block.role.value)
    if plain:
        style = style.model_copy(update={"bold": False, "italic": False})
    return "".join(_run_markup(run, style, fonts, theme, block.source) for run in runs)


def _chunks(runs: tuple[Run, ...], limit: int) -> list[tuple[Run, ...]]:
    """A block's runs cut, at spaces, into pieces of at most about `limit` characters.

    reportlab lays out a paragraph in time quadratic in its length (it re-wraps the rest of
    the paragraph at every page and pops words off the front of a list), so a 300 KB
    paragraph took minutes. Pieces of about half a page each keep the work linear; a piece
    ends at a sentence where it can, so the only trace is a line that ends early, and only in
    text no resume has (a normal paragraph is one piece).
    """
    if sum(len(run.text) for run in runs) <= limit:
        return [runs]
    chunks: list[tuple[Run, ...]] = []
    current: list[Run] = []
    room = limit
    for run in runs:
        text = run.text
        while len(text) > room:
            cut = _cut(text, room)
            if cut is None and current:  # no space in this run before the room ends
                chunks.append(tuple(current))
                current, room = [], limit
                continue
            cut = cut or room  # one word longer than a piece: reportlab splits it anyway
            current.append(replace(run, text=text[:cut]))
            chunks.append(tuple(current))
            current, room, text = [], limit, text[cut:]
        if text:
            current.append(replace(run, text=text))
            room -= len(text)
    if current:
        chunks.append(tuple(current))
    return chunks


def _cut(text: str, room: int) -> int | None:
    """Where to end a piece within text[:room]: after a sentence, else after any space."""
    sentence = text.rfind(". ", room // 2, room)
    if sentence >= 0:
        return sentence + 2
    space = text.rfind(" ", 0, room)
    return space + 1 if space > 0 else None


def _paragraph_style(role: Role, style: Style, fonts: _FontSet, theme: Theme) -> ParagraphStyle:
    colour = HexColor(getattr(theme.colours, style.colour))
    face = fonts.face(style.bold, style.italic)
    bullet_width = pdfmetrics.stringWidth(theme.bullet, fonts.regular.fontName, style.size)
    is_bullet = role is Role.BULLET
    return ParagraphStyle(
        role.value,
        fontName=face.fontName,
        fontSize=style.size,
        leading=style.size * style.leading,
        textColor=colour,
        alignment=TA_CENTER if style.align == "center" else TA_LEFT,
        spaceBefore=style.space_before,
        spaceAfter=style.space_after,
        leftIndent=style.indent,
        # reportlab leaves 0.6 em after the bullet and pushes the first line right if the
        # bullet would end past the indent: place it so every line starts at the indent.
        bulletIndent=max(style.indent - bullet_width - style.size * 0.6, 0) if is_bullet else 0,
        bulletFontName=fonts.regular.fontName,
        bulletFontSize=style.size,
        bulletColor=colour,
        allowWidows=0,
        allowOrphans=0,
        splitLongWords=1,
        spaceShrinkage=0,  # Word never squeezes spaces: lines break where the DOCX's do
        hyphenationLang="",  # never hyphenate: an ATS would read half-words
    )


# Han, kana, Hangul and their punctuation: text set without spaces between words.
_EAST_ASIAN = re.compile(
    r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)


def _east_asian_style(style: ParagraphStyle, role: Role) -> ParagraphStyle:
    """Chinese, Japanese and Korean lines break between any two characters, never before a
    closing mark (。、」）), and body text is justified, as these languages are set: breaking
    only at spaces left lines ragged and let a line open with a comma."""
    justify = role in (Role.PARAGRAPH, Role.BULLET) and style.alignment == TA_LEFT
    return ParagraphStyle(
        f"{style.name}-cjk",
        parent=style,
        wordWrap="CJK",
        alignment=TA_JUSTIFY if justify else style.alignment,
    )


class _AsideLine(Flowable):
    """A block with text set flush right on its last line: an entry's dates, or the contact
    details beside the name (on its only line, mostly).

    Both are real text in reading order (the block, then the aside), never a table. Between
    them the gap is filled with spaces of the aside's size: readers that group characters
    into lines by their distance (pdfminer.six, and the parsers built on it) otherwise take a
    flush-right date for a column of its own and read it in the middle of the bullets below,
    or give it to the next job. On a head that wraps, the aside goes on the head's last line,
    so that a reader meets the whole title and organisation, then the dates: beside the
    first line it would be read in the middle of the title.
    """

    ASIDE_SHARE = 0.65  # the most of the line an aside may take before it wraps

    def __init__(self, body: Paragraph, aside: Paragraph, space: tuple[str, float]) -> None:
        super().__init__()
        self.body, self.aside, self.space = body, aside, space
        self.spaceBefore = body.style.spaceBefore
        self.spaceAfter = body.style.spaceAfter

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width_ = available_width
        room = available_width * self.ASIDE_SHARE
        self.aside_width = min(_line_width(self.aside, room) + 1, room)  # +1: no rounding wrap
        _, aside_height = self.aside.wrap(self.aside_width, available_height)
        gap = self.aside.style.fontSize * 1.5
        _, body_height = self.body.wrap(available_width - self.aside_width - gap, available_height)
        # Baselines meet: reportlab sets a first baseline one font size below a paragraph's top;
        # the aside's first baseline is the body's last.
        last = max(len(self.body.blPara.lines) - 1, 0)
        self.drop = max(self.body.style.fontSize - self.aside.style.fontSize, 0)
        self.drop += last * self.body.style.leading
        self.height_ = max(body_height, self.drop + aside_height)
        return available_width, self.height_

    def draw(self) -> None:
        # In this order, which is the order readers take characters in: body, spaces, aside.
        top = self.height_
        self.body.drawOn(self.canv, 0, top - self.body.height)
        x = self.width_ - self.aside_width
        lines = self.body.blPara.lines
        last_line_end = _line_end(self.body, len(lines) - 1) if lines else 0.0
        aside_start = x + self.aside_width - _first_line_width(self.aside)
        font, size = self.space
        count = int((aside_start - last_line_end) / pdfmetrics.stringWidth(" ", font, size))
        if count > 1:  # textOut: no line break after them, for readers that honour T*
            baseline = (
                top - self.body.style.fontSize - max(len(lines) - 1, 0) * self.body.style.leading
            )
            spaces = self.canv.beginText(last_line_end, baseline)
            spaces.setFont(font, size)
            spaces.textOut(" " * count)
            self.canv.drawText(spaces)
        self.aside.drawOn(self.canv, x, top - self.drop - self.aside.height)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """A body taller than the page (a title of thousands of words) breaks; the aside stays
        with its first part."""
        parts = self.body.split(available_width - self.aside_width, available_height)
        if len(parts) < 2:
            return []
        return [_AsideLine(parts[0], self.aside, self.space), *parts[1:]]


class _Centred(Flowable):
    """A centred paragraph, with the gap before its first line filled with spaces: readers
    that group characters into boxes by position (pdfminer.six) otherwise order a short
    centred line (a headline over a section) after the left-aligned heading below it."""

    def __init__(self, paragraph: Paragraph, space: tuple[str, float]) -> None:
        super().__init__()
        self.paragraph, self.space = paragraph, space
        for name in ("outline_title", "section_id"):  # a centred heading is still a heading
            if hasattr(paragraph, name):
                setattr(self, name, getattr(paragraph, name))
        self.spaceBefore = paragraph.style.spaceBefore
        self.spaceAfter = paragraph.style.spaceAfter
        self.keepWithNext = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width_ = available_width
        return self.paragraph.wrap(available_width, available_height)

    def draw(self) -> None:
        # Every line of the paragraph, not only the first: the second line of a wrapped name
        # or headline otherwise starts mid-page and is read after the contact line below it.
        font, size = self.space
        space = pdfmetrics.stringWidth(" ", font, size)
        style = self.paragraph.style
        for number, line in enumerate(self.paragraph.blPara.lines):
            extra = line[0] if isinstance(line, tuple) else line.extraSpace
            count = int(extra / 2 / space)
            if count > 1:  # first, so that they come before the text in reading order
                baseline = self.paragraph.height - style.fontSize - number * style.leading
                text = self.canv.beginText(0, baseline)
                text.setFont(font, size)
                text.textOut(" " * count)
                self.canv.drawText(text)
        self.paragraph.drawOn(self.canv, 0, 0)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return self.paragraph.split(available_width, available_height)


def _line_width(paragraph: Paragraph, room: float) -> float:
    """How wide a paragraph's text is when set on one line (at most `room`)."""
    paragraph.wrap(room, 10_000)
    return max(_first_line_width(paragraph), 1.0)


def _first_line_width(paragraph: Paragraph) -> float:
    """Where the first line of a wrapped paragraph ends, from its left edge."""
    return _line_end(paragraph, 0)


def _line_end(paragraph: Paragraph, number: int) -> float:
    """Where a line of a wrapped (left-aligned) paragraph ends, from its left edge."""
    lines = paragraph.blPara.lines
    if not lines:
        return 0.0
    line = lines[number]
    extra = line[0] if isinstance(line, tuple) else getattr(line, "extraSpace", 0)
    indent = paragraph.style.leftIndent + (paragraph.style.firstLineIndent if number == 0 else 0)
    widths = paragraph._wrapWidths
    return float(widths[min(number, len(widths) - 1)] - extra + indent)


class _Document(BaseDocTemplate):
    """Adds a PDF outline entry for every section heading, and measures where the content
    went (how full each page is, which sections each holds, how long each section is), so
    that a resume can be fitted to a number of pages and told what runs over."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sections = 0
        self.section = ""  # the section being laid out ("" for the header)
        self.used: list[float] = []  # points of each page's frame filled
        self.on_page: list[dict[str, None]] = [{}]
        self.section_height: dict[str, float] = {}
        self._top = 0.0

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        title = getattr(flowable, "outline_title", None)
        if title:
            self.sections += 1
            key = f"section-{self.sections}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=0, closed=False)
            self.section = getattr(flowable, "section_id", "") or title
        self.on_page[-1][self.section] = None
        size = getattr(flowable, "height_", 0) or getattr(flowable, "height", 0)
        self.section_height[self.section] = self.section_height.get(self.section, 0) + size

    def handle_pageEnd(self) -> None:  # noqa: N802 (reportlab's name)
        frame = self.frame
        self.used.append(frame._y2 - frame._topPadding - frame._y)  # type: ignore[attr-defined]
        self.on_page.append({})
        super().handle_pageEnd()

    def layout(self, leading: float) -> Layout:
        pages = [tuple(s for s in names if s) for names in self.on_page[: len(self.used)]]
        return Layout(
            tuple(round(u / leading, 1) for u in self.used),
            tuple(pages),
            {name: round(h / leading, 1) for name, h in self.section_height.items() if name},
        )


def _numbered_canvas(
    label: str, fonts: list[Path], size: float, colour: Any, bottom: float
) -> type:
    """A canvas that numbers pages once it knows how many there are, and only if > 1. The
    numbers are drawn as shapes, not text: they are for the eye; a parser reading the text
    would find them inside whatever entry runs over the page."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                if total > 1 and label:
                    # fontTools: only for long resumes
                    import renderer.formats.pdf.outlines as _outlines

                    self.setFillColor(colour)
                    text = label.replace("{page}", str(number)).replace("{pages}", str(total))
                    x = (self._pagesize[0] - _outlines.width(text, fonts, size)) / 2
                    _outlines.draw(self, text, fonts, size, x, bottom)
                super().showPage()
            super().save()

    return NumberedCanvas


def _aside_styles(theme: Theme, fonts: _FontSet) -> dict[Role, ParagraphStyle]:
    """How asides look: an entry's dates in its own size, never bold; the contact details
    beside a name or headline in the contact style. All are set flush right."""
    styles = {}
    for role in Role:
        owner = "contact" if role in (Role.NAME, Role.HEADLINE) else role.value
        spec = theme.style(owner).model_copy(update={"bold": False, "italic": False})
        style = _paragraph_style(Role.CONTACT, spec, fonts, theme)
        style.name = f"{role.value}-aside"
        style.alignment = TA_RIGHT
        style.spaceBefore = style.spaceAfter = style.leftIndent = 0
        styles[role] = style
    return styles


def _theme_fonts(theme: Theme) -> list[str]:
    f = theme.fonts
    return [f.regular, f.bold, f.italic, f.bold_italic, *f.fallback]


def _frame_size(theme: Theme, page_size: str | None) -> tuple[float, float]:
    width, height = theme.page_size(page_size)
    top, right, bottom, left = theme.page.margins
    return width - left - right, height - top - bottom


def _flowables(
    document: Document, theme: Theme, fonts: _FontSet, page_size: str | None
) -> list[Flowable]:
    styles = {role: _paragraph_style(role, theme.style(role.value), fonts, theme) for role in Role}
    if theme.styles.heading.rule:  # the rule under the heading carries the space instead
        styles[Role.HEADING].spaceAfter = 0
    aside_styles = _aside_styles(theme, fonts)
    regular = fonts.regular
    width, height = _frame_size(theme, page_size)
    east_asian: dict[Role, ParagraphStyle] = {}
    story: list[Flowable] = []
    for index, block in enumerate(document.blocks):
        style = styles[block.role]
        if _EAST_ASIAN.search(block.text):
            if block.role not in east_asian:
                east_asian[block.role] = _east_asian_style(style, block.role)
            style = east_asian[block.role]
        # Half a frame of text at one em a character, the widest a character is drawn.
        limit = max(200, int(width / style.fontSize * height / 2 / style.leading))
        pieces = [_markup(block, runs, fonts, theme) for runs in _chunks(block.runs, limit)]
        text, rest = pieces[0], pieces[1:]
        if block.role is Role.BULLET:
            story.append(Paragraph(text, style, bulletText=theme.bullet))
        elif block.aside:
            aside_style = aside_styles[block.role]
            runs = block.aside_runs or (Run(block.aside),)
            aside = Paragraph(_markup(block, runs, fonts, theme, plain=True), aside_style)
            space = (regular.fontName, aside_style.fontSize)
            story.append(_AsideLine(Paragraph(text, style), aside, space))
        else:
            paragraph = Paragraph(text, style)
            if block.role is Role.HEADING:
                paragraph.outline_title = block.text  # type: ignore[attr-defined]
                paragraph.section_id = block.section  # type: ignore[attr-defined]
            if style.alignment == TA_CENTER and not rest:
                story.append(_Centred(paragraph, (regular.fontName, style.fontSize)))
            else:
                story.append(paragraph)
        if document.kind == "letter" and (gap := letter_gap(document.blocks, index)):
            story[-1].spaceBefore = gap * style.leading
            if isinstance(story[-1], Paragraph):
                story[-1].style = ParagraphStyle(
                    f"{style.name}-letter", parent=style, spaceBefore=gap * style.leading
                )
        if rest:  # the further pieces of a very long block, set on as one paragraph
            continued = ParagraphStyle(f"{style.name}-continued", parent=style, spaceBefore=0)
            head = story[-1]
            if isinstance(head, Paragraph):  # styles are shared: the head gets its own
                head.style = ParagraphStyle(f"{style.name}-head", parent=style, spaceAfter=0)
            head.spaceAfter = 0
            story += [Paragraph(piece, continued) for piece in rest]
            story[-1].style = ParagraphStyle(
                f"{style.name}-last", parent=continued, spaceAfter=style.spaceAfter
            )
        story[-1].keepWithNext = int(keeps_with_next(document.blocks, index))
        if block.role is Role.HEADING and theme.styles.heading.rule:
            rule = HRFlowable(
                width="100%",
                thickness=0.6,
                color=style.textColor,
                spaceBefore=1.5,
                spaceAfter=theme.styles.heading.space_after,
                hAlign="LEFT",
            )
            rule.keepWithNext = 1
            story.append(rule)
    return story


def _drawable(
    text: str, fonts: _FontSet, theme: Theme, where: str, *, own: bool = False, fallback=False
) -> str:
    """Text the backend draws itself (the bullet in the regular face; page numbers with the
    fallbacks too); `own`: the text is the theme's, so an error names the theme's file."""
    for char in text:
        if char == " " or _draws(fonts.regular, char):
            continue
        if not (fallback and fonts.fallback_for(char)):
            error = _missing(char, "" if own else where, theme)
            if own:
                error = RenderError(
                    f"{where}: {error.message}", file=str(theme.folder / "theme.yaml")
                )
            raise error
    return text


def render(document: Document, theme: Theme, options: Options = Options()) -> Rendered:
    fonts = _FontSet.of(theme)
    page_size = options.page_size
    width, height = theme.page_size(page_size)
    top, right, bottom, left = theme.page.margins
    buffer = io.BytesIO()
    doc = _Document(
        buffer,
        pagesize=(width, height),
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=document.title,
        author=document.author,
        subject=document.subject,
        keywords=list(document.keywords),
        creator="resume-renderer",
        producer="resume-renderer",
        invariant=1,
        lang=document.language,
        displayDocTitle=1,
        initialFontName=fonts.regular.fontName,  # else every page names Helvetica, unembedded
    )
    frame = Frame(
        left,
        bottom,
        width - left - right,
        height - top - bottom,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    muted = HexColor(theme.colours.muted)
    _drawable(theme.bullet, fonts, theme, "bullet", own=True)
    label_fonts = [theme.font_path(theme.fonts.regular), *fonts.fallback_files]
    canvasmaker = _numbered_canvas(
        _drawable(
            document.page_label, fonts, theme, "templates.page_number", own=True, fallback=True
        ),
        label_fonts,
        8.5,
        muted,
        bottom / 2,
    )
    try:
        doc.build(_flowables(document, theme, fonts, page_size), canvasmaker=canvasmaker)
    except RenderError:
        raise
    except Exception as error:  # noqa: BLE001 (see below)
        # A font whose table directory is sound but whose tables are not (garbage outlines,
        # zero metrics) fails deep in reportlab or fontTools, with any kind of exception.
        if os.environ.get("RESUME_DEBUG"):
            raise
        files = ", ".join(sorted({Path(f).name for f in _theme_fonts(theme)}))
        raise RenderError(
            f"the PDF could not be made ({type(error).__name__}: {error}); is one of the "
            f"theme's font files damaged? ({files})",
            file=str(theme.folder / "theme.yaml"),
        ) from None
    pages = doc.page
    notes = long_bullets(document, theme, fonts, page_size)
    if pages > theme.page.target_pages:
        notes.append(
            f"{pages} pages; theme {theme.name!r} aims at {theme.page.target_pages} at most"
        )
    leading = theme.styles.bullet.size * theme.styles.bullet.leading
    return Rendered(buffer.getvalue(), pages, tuple(notes), doc.layout(leading))


LONG_BULLET_LINES = 4


def long_bullets(
    document: Document, theme: Theme, fonts: _FontSet, page_size: str | None = None
) -> list[str]:
    """Bullets too long to be read at a glance (estimated from the font's real widths)."""
    width, _ = theme.page_size(page_size)
    _, right, _, left = theme.page.margins
    style = theme.styles.bullet
    available = width - left - right - style.indent
    font = fonts.regular.fontName
    warnings = []
    for block in document.blocks:
        if block.role is Role.BULLET:
            lines = pdfmetrics.stringWidth(block.text, font, style.size) / available
            if lines > LONG_BULLET_LINES:
                warnings.append(
                    f"{block.source}: bullet runs to about {int(lines) + 1} lines; "
                    f"more than {LONG_BULLET_LINES} is hard to scan"
                )
    return warnings
