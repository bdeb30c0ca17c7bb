"""The flowables the PDF is built of, beyond reportlab's own paragraphs: paragraph styles
from the theme, a line with an aside set flush right (an entry's dates), a centred paragraph
readers take in order, and the way Chinese, Japanese and Korean lines break."""

from __future__ import annotations

import re
from typing import Any

from reportlab import rl_config
from reportlab.lib import textsplit as _textsplit
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus import paragraph as _paragraph
from reportlab.platypus.flowables import HRFlowable

from renderer.compose.document import Role
from renderer.formats.pdf.direction import visual_lines
from renderer.formats.pdf.fonts import SYNTHETIC_BOLD, FontSet
from renderer.formats.pdf.marks import draw_lifted_marks
from renderer.formats.pdf.tags import Marks, Structure
from renderer.theme.model import Style, Theme

# reportlab's marks that may not open a line are Japanese; Chinese full-width punctuation
# (，；：！？》〉) joins them, so a CJK line never starts with a comma. Set once, at import, in
# both of reportlab's line breakers: a paragraph of several fonts, and one of a single font
# (textsplit's, which keeps its own copy).
_paragraph.ALL_CANNOT_START += "".join(
    c for c in "，；：！？）》〉」』】〕" if c not in _paragraph.ALL_CANNOT_START
)
_textsplit.ALL_CANNOT_START += "".join(
    c for c in "，；：！？）》〉」』】〕" if c not in _textsplit.ALL_CANNOT_START
)
# Small kana and the long-vowel mark may open a line, as CSS's `line-break: normal` lets them
# for Japanese: held back, reportlab hung them past the right margin, by up to an em (ッ).
_MAY_OPEN = frozenset("ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮーヵヶ")
_paragraph.ALL_CANNOT_START = "".join(c for c in _paragraph.ALL_CANNOT_START if c not in _MAY_OPEN)
_textsplit.ALL_CANNOT_START = "".join(c for c in _textsplit.ALL_CANNOT_START if c not in _MAY_OPEN)

# Nor may an opening mark end a line (「（『【《〈〔): textsplit's breaker keeps it with what
# it opens; the paragraph's own (several fonts) does not, and ended a line with 。「.
_OPENING = "「『（【《〈〔［｛〘〚“‘"


def _openings_carried(split):  # type: ignore[no-untyped-def]
    def split_lines(frags, max_widths, calc_bounds, encoding="utf8"):  # type: ignore[no-untyped-def]
        result = split(frags, max_widths, calc_bounds, encoding)
        lines = result.lines
        for number in range(len(lines) - 1):
            line = lines[number]
            if getattr(line, "lineBreak", False) or not line.words:
                continue
            text = getattr(line.words[-1], "text", "")
            if len(text) < 2 or text[-1] not in _OPENING:
                continue
            _move_last_down(line, lines[number + 1])
            # the next lines, now a character longer, pass their last one on in turn
            for this, after in zip(lines[number + 1 :], lines[number + 2 :], strict=False):
                if this.extraSpace >= 0 or getattr(this, "lineBreak", False):
                    break
                _move_last_down(this, after)
                if after.words[0].text[:1] in _paragraph.ALL_CANNOT_START:  # ー, 」: with
                    _move_last_down(this, after)  # the character before it
        return result

    split_lines.__wrapped__ = split  # type: ignore[attr-defined]
    return split_lines


def _move_last_down(line: Any, following: Any) -> None:
    """The last character of a broken CJK line moved to the start of the next."""
    last = line.words[-1]
    char = last.text[-1]
    width = pdfmetrics.stringWidth(char, last.fontName, last.fontSize)
    first = following.words[0] if following.words else None
    if first is not None and hasattr(first, "text") and _paragraph.sameFrag(first, last):
        first.text = char + first.text
    else:
        following.words.insert(0, last.clone(text=char))
    last.text = last.text[:-1]
    if not last.text:
        line.words.pop()
    line.extraSpace += width
    following.extraSpace -= width


_paragraph.cjkFragSplit = _openings_carried(
    getattr(_paragraph.cjkFragSplit, "__wrapped__", _paragraph.cjkFragSplit)
)


def paragraph_style(role: Role, style: Style, fonts: FontSet, theme: Theme) -> ParagraphStyle:
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


# Han, kana, Hangul and their punctuation.
EAST_ASIAN = re.compile(
    r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)
# Han and kana: text set without spaces between words, broken between any two characters.
# Korean is written with spaces and breaks at them, keeping words whole (a line that ended
# 운영했습 and went on 니다 read as two words), whatever brackets (「」) it uses.
BROKEN_ANYWHERE = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003ffff]"
)
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")  # Korean: broken at spaces


def mostly_korean(text: str) -> bool:
    """Korean, broken at its spaces (with a word in hanja, 金融, in it), rather than Chinese
    or Japanese with a Korean word in it, broken anywhere with their line-start rules."""
    return len(HANGUL.findall(text)) >= len(BROKEN_ANYWHERE.findall(text))


def east_asian_style(style: ParagraphStyle, role: Role) -> ParagraphStyle:
    """Chinese and Japanese lines break between any two characters, never before a closing
    mark (。、」）), and body text is justified, as these languages are set: breaking only at
    spaces left lines ragged and let a line open with a comma."""
    justify = role in (Role.PARAGRAPH, Role.BULLET) and style.alignment == TA_LEFT
    return ParagraphStyle(
        f"{style.name}-cjk",
        parent=style,
        wordWrap="CJK",
        alignment=TA_JUSTIFY if justify else style.alignment,
    )


def _structure(canvas: Any) -> Structure | None:
    return getattr(canvas, "structure", None)


class MarkedParagraph(Paragraph):
    """A paragraph whose text is the marked content of its structure element (`marks`), in
    every part it is split into; a bullet's mark is drawn here, as the list item's label,
    and the text as its body."""

    marks: Marks | None = None
    bullet = ""  # drawn on the first line, at the style's bullet indent
    # With right-to-left text: the paragraph's level (1: set right to left, its bullet on the
    # right), its lines drawn in visual order.
    level: int | None = None
    mirrored = False  # on a right-to-left page: the bullet on the right

    def draw(self) -> None:
        if self.level is None and not self.mirrored:
            self._draw()
            draw_lifted_marks(self.canv, self, self.blPara.lines)
            return
        lines = self.blPara.lines
        level = self.level if self.level is not None else 0
        filled = self.mirrored and self.style.alignment == TA_RIGHT
        self.blPara.lines = visual_lines(lines, level, filled)
        if self.mirrored and self.blPara.lines:
            self.blPara.lines[0] = self._bullet_in_line(self.blPara.lines[0])
        try:
            self._draw()
            draw_lifted_marks(self.canv, self, self.blPara.lines)
        finally:
            self.blPara.lines = lines  # a paragraph split later splits its logical lines

    def _draw(self) -> None:
        structure = _structure(self.canv)
        if structure is None or self.marks is None:
            if not self.mirrored:
                self._draw_bullet()
            super().draw()
            return
        canvas = self.canv
        if self.bullet and self.marks.label is not None and not self.mirrored:
            began = structure.begin(canvas, self.marks.label)
            self._draw_bullet()
            structure.end(canvas, began)
        began = structure.begin(canvas, self.marks.body or self.marks.element)
        # for its text object, which follows the text to keep the spaces lines break at (not
        # in visual order)
        canvas.line_breaks = len(self.blPara.lines) - 1 if self.level is None else 0
        canvas.line_source = self.getPlainText()
        super().draw()
        structure.end(canvas, began)

    def _bullet_in_line(self, line: Any) -> Any:
        """On a right-to-left page the bullet ends the first line, as its last characters,
        spaces to its place and the mark: the line is drawn left to right, so a reader that
        follows the drawing meets the mark beside the line's text (drawn apart, after the
        paragraph, pdfminer.six read it as a line of its own, after the paragraph's last)."""
        words = getattr(line, "words", None)
        if not self.bullet or not words or not hasattr(words[-1], "text"):
            return line
        style = self.style
        font, size = style.bulletFontName, style.bulletFontSize
        mark = pdfmetrics.stringWidth(self.bullet, font, size)
        gap = style.rightIndent - style.bulletIndent - mark
        count = max(round(gap / pdfmetrics.stringWidth(" ", font, size)), 1)
        last = words[-1]
        bullet = last.clone(
            text=" " * count + self.bullet,
            fontName=font,
            fontSize=size,
            textColor=style.bulletColor,
            link=[],
            us_lines=[],
        )
        copy = line.__class__.__new__(line.__class__)
        copy.__dict__.update(line.__dict__)
        copy.words = [*words, bullet]
        return copy

    def _draw_bullet(self) -> None:
        if not self.bullet:
            return
        style = self.style
        offset = style.fontSize if rl_config.paraFontSizeHeightOffset else style.fontSize * 0.8
        x = style.bulletIndent
        if self.mirrored:  # the bullet right of the text
            width = pdfmetrics.stringWidth(self.bullet, style.bulletFontName, style.bulletFontSize)
            x = self.width - style.bulletIndent - width
        text = self.canv.beginText(x, self.height - offset)
        text.setFont(style.bulletFontName, style.bulletFontSize)
        text.setFillColor(style.bulletColor)
        text.textOut(self.bullet)
        self.canv.drawText(text)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = super().split(available_width, available_height)
        for number, part in enumerate(parts):
            part.marks = self.marks
            part.level, part.mirrored = self.level, self.mirrored
            part.bullet = self.bullet if number == 0 else ""
            part.continues = getattr(self, "continues", "")
        return parts


class SpacedText(PDFTextObject):
    """A paragraph's text object that keeps the space a line was broken at, at the end of
    the line: readers that follow tags (screen readers, `pdfinfo -struct-text`) join a
    paragraph's lines as they are drawn, and read `career` + `that` as `careerthat`. Where
    a line broke inside a word (a long address split to fit) or between two characters of
    Chinese, Japanese or Korean, the paragraph's text has no space there, and none is added:
    the text drawn is followed through the paragraph's own text to tell."""

    breaks = 0  # how many of the line ends to come are the paragraph's
    _stroked = False  # in a font made bold by stroking its glyphs (fonts.SYNTHETIC_BOLD)

    def _setFont(self, psfontname: str, size: float) -> None:  # noqa: N802 (reportlab's name)
        super()._setFont(psfontname, size)
        self._stroke_for(psfontname, size)

    def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:  # noqa: N802
        super().setFont(psfontname, size, leading)
        self._stroke_for(psfontname, size)

    def _stroke_for(self, psfontname: str, size: float) -> None:
        stroked = psfontname in SYNTHETIC_BOLD
        if stroked and not self._stroked:  # fill, then stroke a thirtieth of an em wide
            self._code.append(f"{fp_str(size / 30)} w 2 Tr")
            self._stroke_like_fill()
        elif self._stroked and not stroked:
            self._code.append("0 Tr")
        self._stroked = stroked

    def setFillColor(self, aColor: Any, alpha: Any = None) -> None:  # noqa: N802, N803
        super().setFillColor(aColor, alpha)
        if self._stroked:
            self._stroke_like_fill()

    def _stroke_like_fill(self) -> None:
        # the text object's own fill, else the canvas's (a paragraph of one font sets that)
        colour = getattr(self, "_fillColorObj", None) or getattr(
            self._canvas, "_fillColorObj", None
        )
        if colour is not None and not isinstance(colour, tuple):
            self.setStrokeColor(colour)

    def getCode(self) -> str:  # noqa: N802 (reportlab's name)
        if self._stroked:  # the next text object starts unstroked
            self._code.append("0 Tr")
            self._stroked = False
        return str(super().getCode())

    def setRise(self, rise: float) -> None:  # noqa: N802 (reportlab's name)
        """reportlab's reads the last operator of a text object that has none yet (a line that
        opens with a raised Arabic mark: an IndexError) and, merging two rises, forgets the
        new one; here the baseline moves by exactly the rise asked for."""
        self._y += self._rise  # type: ignore[has-type]
        code = f"{fp_str(rise)} Ts"
        if self._code and self._code[-1].endswith(" Ts"):
            self._code[-1] = code
        else:
            self._code.append(code)
        self._rise = rise
        self._y -= rise

    source = ""  # the paragraph's text
    at = 0  # how far through it the text drawn has come

    def _textOut(self, text: str, TStar: int = 0) -> None:  # noqa: N803 (reportlab's name)
        source, at = self.source, self.at
        for char in text:
            if char.isspace():
                while at < len(source) and source[at].isspace():
                    at += 1
            else:
                found = source.find(char, at, at + 8)  # a soft hyphen or the like skipped
                at = found + 1 if found >= 0 else at
        if TStar and self.breaks > 0:
            self.breaks -= 1
            if at < len(source) and source[at].isspace() and not text[-1:].isspace():
                text += " "
            while at < len(source) and source[at].isspace():
                at += 1
        self.at = at
        super()._textOut(text, TStar)


class Marked(Flowable):
    """A flowable of several paragraphs drawn as one element's marked content."""

    marks: Marks | None = None

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        structure = _structure(canvas)
        if structure is None or self.marks is None or self.marks.aside is not None:
            super().drawOn(canvas, x, y, _sW)  # (an aside of its own is marked in `draw`)
            return
        began = structure.begin(canvas, self.marks.element)
        super().drawOn(canvas, x, y, _sW)
        structure.end(canvas, began)


class Rule(HRFlowable):
    """The rule under a heading: decoration, an artifact to readers that follow tags."""

    def draw(self) -> None:
        with Structure.artifact(self.canv):
            super().draw()


class AsideLine(Marked):
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
        self.aside_width = min(line_width(self.aside, room) + 1, room)  # +1: no rounding wrap
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
        # In this order, which is the order readers take characters in: body, spaces, aside;
        # right to left, the order they are drawn in (aside, spaces, body), which readers
        # that reorder a line themselves turn round.
        structure, marks = _structure(self.canv), self.marks
        if structure is None or marks is None or marks.aside is None:
            if self.mirrored:
                self._draw_aside()
            self._draw_body()
            if not self.mirrored:
                self._draw_aside()
            return
        if self.mirrored:
            began = structure.begin(self.canv, marks.aside)
            self._draw_aside()
            structure.end(self.canv, began)
        began = structure.begin(self.canv, marks.element)  # the name, and the spaces after it
        self._draw_body()
        structure.end(self.canv, began)
        if not self.mirrored:
            began = structure.begin(self.canv, marks.aside)  # the contact details
            self._draw_aside()
            structure.end(self.canv, began)

    @property
    def mirrored(self) -> bool:
        """Set right to left: the body on the right, the aside (dates) on the left."""
        return bool(getattr(self.body, "mirrored", False))

    def _draw_body(self) -> None:
        top = self.height_
        lines = self.body.blPara.lines
        font, size = self.space
        if self.mirrored:  # the spaces first, from the aside to the body, which fills its own
            body_x = self.width_ - self.body.width
            start = first_line_width(self.aside)  # the aside, left-aligned, ends here
            end = body_x
        else:
            self.body.drawOn(self.canv, 0, top - self.body.height)
            x = self.width_ - self.aside_width
            start = line_end(self.body, len(lines) - 1) if lines else 0.0
            end = x + self.aside_width - first_line_width(self.aside)
        count = int((end - start) / pdfmetrics.stringWidth(" ", font, size))
        if count > 1:  # textOut: no line break after them, for readers that honour T*
            baseline = (
                top - self.body.style.fontSize - max(len(lines) - 1, 0) * self.body.style.leading
            )
            spaces = self.canv.beginText(start, baseline)
            spaces.setFont(font, size)
            spaces.textOut(" " * count)
            self.canv.drawText(spaces)
        if self.mirrored:
            self.body.drawOn(self.canv, body_x, top - self.body.height)

    def _draw_aside(self) -> None:
        x = 0 if self.mirrored else self.width_ - self.aside_width
        self.aside.drawOn(self.canv, x, self.height_ - self.drop - self.aside.height)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """A body taller than the page (a title of thousands of words) breaks; the aside stays
        with its first part."""
        parts = self.body.split(available_width - self.aside_width, available_height)
        if len(parts) < 2:
            return []
        head = AsideLine(parts[0], self.aside, self.space)
        head.marks = self.marks
        return [head, *parts[1:]]


class Centred(Marked):
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


def line_width(paragraph: Paragraph, room: float) -> float:
    """How wide a paragraph's text is when set on one line (at most `room`)."""
    paragraph.wrap(room, 10_000)
    return max(first_line_width(paragraph), 1.0)


def first_line_width(paragraph: Paragraph) -> float:
    """Where the first line of a wrapped paragraph ends, from its left edge."""
    return line_end(paragraph, 0)


def line_end(paragraph: Paragraph, number: int) -> float:
    """Where a line of a wrapped (left-aligned) paragraph ends, from its left edge."""
    lines = paragraph.blPara.lines
    if not lines:
        return 0.0
    line = lines[number]
    extra = line[0] if isinstance(line, tuple) else getattr(line, "extraSpace", 0)
    indent = paragraph.style.leftIndent + (paragraph.style.firstLineIndent if number == 0 else 0)
    widths = paragraph._wrapWidths
    return float(widths[min(number, len(widths) - 1)] - extra + indent)
