"""Document -> PDF with reportlab: embedded subset TrueType fonts, real text, one column.

Nothing outside this folder knows reportlab. The story of flowables is made here from the
Document's blocks (`flowables.py` holds the kinds beyond reportlab's paragraphs, `runs.py`
turns runs into paragraph markup, `fonts.py` registers and checks the fonts), then laid out
with page numbers drawn as shapes and the layout measured for fitting.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from renderer.compose.document import Block, Document, Role, keeps_with_next
from renderer.errors import RenderError
from renderer.formats import Layout, Options, Rendered
from renderer.formats.bidi import has_right_to_left, page_is_right_to_left, paragraph_level
from renderer.formats.pdf import metadata, packing
from renderer.formats.pdf.continued import ContinuedLine, entry_of
from renderer.formats.pdf.direction import mirrored_style
from renderer.formats.pdf.flowables import (
    BROKEN_ANYWHERE,
    AsideLine,
    Centred,
    MarkedParagraph,
    Rule,
    SpacedText,
    east_asian_style,
    mostly_korean,
    paragraph_style,
)
from renderer.formats.pdf.fonts import FontSet, drawable, theme_fonts
from renderer.formats.pdf.runs import chunks, markup
from renderer.formats.pdf.shaping import NEEDS_SHAPING, shaped_style
from renderer.formats.pdf.tags import Marks, Structure, link_entries, page_keys, plan
from renderer.profile.markup import Run
from renderer.theme.model import Theme

rl_config.useA85 = 0  # ASCII85 makes streams a quarter larger for 7-bit safety no one needs


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
        self.continuing = ""  # the entry the last flowable belonged to
        self.pending = ""  # that entry, at the top of a new page
        self.continued: Callable[[str], Flowable | None] = lambda name: None

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
        self.continuing = getattr(flowable, "opens", "") or entry_of(flowable)

    def handle_pageBegin(self) -> None:  # noqa: N802 (reportlab's name)
        self.pending = self.continuing
        super().handle_pageBegin()

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """At the top of a page whose first flowable goes on with an entry of the page
        before, the entry's name first."""
        if self.pending and flowables and entry_of(flowables[0]) == self.pending:
            line = self.continued(self.pending)
            if line is not None:
                flowables.insert(0, line)
        self.pending = ""
        super().handle_flowable(flowables)

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
    structure: Structure,
    identify: Callable[[Any], None],
    label: str,
    fonts: list[Path],
    size: float,
    colour: Any,
    bottom: float,
) -> type:
    """A canvas that numbers pages once it knows how many there are, and only if > 1, and
    writes the structure tree once the pages exist. The numbers are drawn as shapes, not
    text: they are for the eye; a parser reading the text would find them inside whatever
    entry runs over the page. Tagged readers are told they are the pages' artifacts."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.structure = structure

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> Any:  # noqa: N802
            text = SpacedText(self, x, y, direction)
            text.breaks, self.line_breaks = getattr(self, "line_breaks", 0), 0
            text.source, self.line_source = getattr(self, "line_source", ""), ""
            return text

        def linkURL(self, url: str, rect: Any, relative: int = 0, **kw: Any) -> None:  # noqa: N802
            key = structure.link(self)
            super().linkURL(url, rect, relative, **kw, **link_entries(url, key))
            key.annotation = self._doc.annotationName(f"NUMBER{self._annotationCount}")

        def _setAnnotations(self, page: Any) -> None:  # noqa: N802 (reportlab's name)
            super()._setAnnotations(page)
            page_keys(page, self._pageNumber)

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                if total > 1 and label:
                    # fontTools: only for long resumes
                    import renderer.formats.pdf.outlines as _outlines

                    text = label.replace("{page}", str(number)).replace("{pages}", str(total))
                    x = (self._pagesize[0] - _outlines.width(text, fonts, size)) / 2
                    with structure.artifact(self, "Pagination"):
                        self.setFillColor(colour)
                        _outlines.draw(self, text, fonts, size, x, bottom)
                super().showPage()
            structure.write(self._doc, total)
            identify(self._doc)
            self._doc.format = partial(packing.packed, self._doc)  # this document's only
            super().save()

    return NumberedCanvas


def _aside_styles(theme: Theme, fonts: FontSet) -> dict[Role, ParagraphStyle]:
    """How asides look: an entry's dates in its own size, never bold; the contact details
    beside a name or headline in the contact style. All are set flush right."""
    styles = {}
    for role in Role:
        owner = "contact" if role in (Role.NAME, Role.HEADLINE) else role.value
        spec = theme.style(owner).model_copy(update={"bold": False, "italic": False})
        style = paragraph_style(Role.CONTACT, spec, fonts, theme)
        style.name = f"{role.value}-aside"
        style.alignment = TA_RIGHT
        style.spaceBefore = style.spaceAfter = style.leftIndent = 0
        styles[role] = style
    return styles


def _frame_size(theme: Theme, page_size: str | None) -> tuple[float, float]:
    width, height = theme.page_size(page_size)
    top, right, bottom, left = theme.page.margins
    return width - left - right, height - top - bottom


def _flowables(
    document: Document,
    theme: Theme,
    fonts: FontSet,
    page_size: str | None,
    marks: list[Marks],
) -> list[Flowable]:
    styles = {role: paragraph_style(role, theme.style(role.value), fonts, theme) for role in Role}
    if theme.styles.heading.rule:  # the rule under the heading carries the space instead
        styles[Role.HEADING].spaceAfter = 0
    aside_styles = _aside_styles(theme, fonts)
    regular = fonts.regular
    width, height = _frame_size(theme, page_size)
    variants: dict[str, ParagraphStyle] = {}
    story: list[Flowable] = []
    rtl_page = page_is_right_to_left(document.language, " ".join(document.lines()))
    entry = ""  # the entry the blocks belong to, as a page that goes on with it names it
    for index, block in enumerate(document.blocks):
        first = len(story)
        if block.role in (Role.HEADING, Role.ENTRY):
            entry = _entry_label(document, block) if block.role is Role.ENTRY else ""
        style = _variant(styles[block.role], block.text, rtl_page, variants, block.role)
        # Half a frame of text at one em a character, the widest a character is drawn.
        limit = max(200, int(width / style.fontSize * height / 2 / style.leading))
        pieces = [markup(block, runs, fonts, theme) for runs in chunks(block.runs, limit)]
        text, rest = pieces[0], pieces[1:]
        if block.role is Role.BULLET:
            item = _paragraph(text, style, block.text, rtl_page)
            item.bullet = theme.bullet
            story.append(item)
        elif block.aside:
            aside_style = _variant(aside_styles[block.role], block.aside, rtl_page, variants)
            runs = block.aside_runs or (Run(block.aside),)
            aside_markup = markup(block, runs, fonts, theme, plain=True)
            aside = _paragraph(aside_markup, aside_style, block.aside, rtl_page)
            space = (regular.fontName, aside_style.fontSize)
            story.append(AsideLine(_paragraph(text, style, block.text, rtl_page), aside, space))
        else:
            paragraph = _paragraph(text, style, block.text, rtl_page)
            if block.role is Role.HEADING:
                paragraph.outline_title = block.text  # type: ignore[attr-defined]
                paragraph.section_id = block.section  # type: ignore[attr-defined]
            if style.alignment == TA_CENTER and not rest:
                story.append(Centred(paragraph, (regular.fontName, style.fontSize)))
            else:
                story.append(paragraph)
        if block.gap is not None:  # the document's own spacing (a letter's)
            story[-1].spaceBefore = block.gap * style.leading
            if isinstance(story[-1], MarkedParagraph):
                story[-1].style = ParagraphStyle(
                    f"{style.name}-spaced", parent=style, spaceBefore=block.gap * style.leading
                )
        if rest:  # the further pieces of a very long block, set on as one paragraph
            continued = ParagraphStyle(f"{style.name}-continued", parent=style, spaceBefore=0)
            head = story[-1]
            if isinstance(head, MarkedParagraph):  # styles are shared: the head gets its own
                head.style = ParagraphStyle(f"{style.name}-head", parent=style, spaceAfter=0)
            head.spaceAfter = 0
            story += [_paragraph(piece, continued, block.text, rtl_page) for piece in rest]
            story[-1].style = ParagraphStyle(
                f"{style.name}-last", parent=continued, spaceAfter=style.spaceAfter
            )
        story[-1].keepWithNext = int(keeps_with_next(document.blocks, index))
        for flowable in story[first:]:  # and the paragraphs inside them, for their parts
            flowable.marks = marks[index]
            if block.role is Role.ENTRY:
                flowable.opens = entry
            else:
                flowable.continues = entry
            for inner in ("body", "paragraph"):
                if hasattr(flowable, inner):
                    getattr(flowable, inner).marks = marks[index]
                    getattr(flowable, inner).continues = (
                        flowable.continues if block.role is not Role.ENTRY else ""
                    )
        if block.role is Role.HEADING and theme.styles.heading.rule:
            rule = Rule(
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


def _variant(
    style: ParagraphStyle,
    text: str,
    rtl_page: bool,
    made: dict[str, ParagraphStyle],
    role: Role | None = None,
) -> ParagraphStyle:
    """The style a block's text (or, without `role`, an aside's) is set in: Chinese, Japanese
    and Korean broken between characters; on a page right to left, mirrored (an aside then
    on the left); Hindi, Thai, Hebrew, Arabic shaped. Each variant made once a render."""
    # (a line of Arabic with a Japanese word in it breaks at spaces, measured shaped: broken
    # between characters, its Arabic was measured unjoined and the line ended short; Korean
    # with a word in hanja breaks at its spaces, as all Korean: 확인하기 위 / 해 was broken)
    broken_anywhere = BROKEN_ANYWHERE.search(text) and not mostly_korean(text)
    if role is not None and broken_anywhere and not has_right_to_left(text):
        if f"{style.name}-cjk" not in made:
            made[f"{style.name}-cjk"] = east_asian_style(style, role)
        style = made[f"{style.name}-cjk"]
    if rtl_page:
        if f"{style.name}-rtl" not in made:
            made[f"{style.name}-rtl"] = mirrored_style(style, None if role else TA_LEFT)
        return made[f"{style.name}-rtl"]
    if NEEDS_SHAPING.search(text) or has_right_to_left(text):
        if f"{style.name}-shaped" not in made:
            made[f"{style.name}-shaped"] = shaped_style(style)
        return made[f"{style.name}-shaped"]
    return style


def _paragraph(markup: str, style: ParagraphStyle, text: str, rtl_page: bool) -> MarkedParagraph:
    """A paragraph; with right-to-left text (or on a page set right to left), the level its
    lines are ordered from (bidi.paragraph_level) and its bullet on the right."""
    paragraph = MarkedParagraph(markup, style)
    paragraph.mirrored = rtl_page
    paragraph.level = paragraph_level(text, rtl_page)
    return paragraph


def _entry_label(document: Document, block: Block) -> str:
    """What a page that goes on with this entry says over it: "Datavisor, continued"."""
    head = block.head
    name = (head.organisation or head.title) if head else ""
    if not name or not document.continued_label or document.kind != "resume":
        return ""
    return document.continued_label.replace("{name}", name)


def render(document: Document, theme: Theme, options: Options = Options()) -> Rendered:
    fonts = FontSet.of(theme, document.characters, document.language)
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
    drawable(theme.bullet, fonts, theme, "bullet", own=True)
    label_fonts = [theme.font_path(theme.fonts.regular), *fonts.fallback_files]
    root, marks = plan(document)
    structure = Structure(root)
    canvasmaker = _numbered_canvas(
        structure,
        lambda doc: metadata.identify(doc, document),
        drawable(
            document.page_label, fonts, theme, "templates.page_number", own=True, fallback=True
        ),
        label_fonts,
        8.5,
        muted,
        bottom / 2,
    )
    subline = theme.styles.subline
    italic = [theme.font_path(theme.fonts.italic), *fonts.fallback_files]
    doc.continued = lambda name: ContinuedLine(name, italic, subline.size, muted)
    try:
        story = _flowables(document, theme, fonts, page_size, marks)
        doc.build(story, canvasmaker=canvasmaker)
    except RenderError:
        raise
    except Exception as error:  # noqa: BLE001 (see below)
        # A font whose table directory is sound but whose tables are not (garbage outlines,
        # zero metrics) fails deep in reportlab or fontTools, with any kind of exception.
        if os.environ.get("RESUME_DEBUG"):
            raise
        files = ", ".join(sorted({Path(f).name for f in theme_fonts(theme)}))
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
    document: Document, theme: Theme, fonts: FontSet, page_size: str | None = None
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
