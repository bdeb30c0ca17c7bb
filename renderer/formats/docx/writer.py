"""Document -> DOCX with python-docx, in Word's own styles restyled by the theme.

Nothing but this module knows python-docx. Roles map to built-in styles (Title, Subtitle,
Heading 1-3, List Bullet, Normal) so a Word user edits a familiar document; bullets are a real
`•` in the theme's font rather than Word's Symbol-font glyph; links are real hyperlinks; no
tables, text boxes, headers or footers. The zip is rewritten with fixed timestamps so the same
input always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import Counter
from collections.abc import Hashable
from dataclasses import replace
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from renderer.compose.document import (
    SMALL_CAPITALS,
    Block,
    Document,
    Role,
    keeps_with_next,
    small_capitals,
)
from renderer.formats import Options, Rendered
from renderer.formats.bidi import has_right_to_left, page_is_right_to_left
from renderer.formats.docx.zipwriter import Member, ZipWriter
from renderer.locale import load_locale
from renderer.profile.markup import Run
from renderer.theme.model import Style, Theme

STYLE_OF_ROLE = {
    Role.NAME: "Title",
    Role.HEADLINE: "Subtitle",
    Role.CONTACT: "Contact",
    Role.HEADING: "Heading 1",
    Role.ENTRY: "Heading 2",
    Role.SUBLINE: "Entry Details",
    Role.GROUP: "Heading 3",
    Role.PARAGRAPH: "Normal",
    Role.BULLET: "List Bullet",
    Role.LINE: "Plain Line",
}
STYLE_IDS = {name: name.replace(" ", "") for name in STYLE_OF_ROLE.values()}  # Word's ids
_FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def _set_font(rpr_owner: Any, family: str) -> None:
    """Name the font outright: Word's theme-font attributes would otherwise win."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del fonts.attrib[attribute]
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), family)


def _colour(theme: Theme, name: str) -> RGBColor:
    return RGBColor.from_string(getattr(theme.colours, name).lstrip("#").upper())


def _restyle(style: ParagraphStyle, spec: Style, theme: Theme, role: Role) -> None:
    _set_font(style.element, theme.docx_font)
    font = style.font
    font.size = Pt(spec.size)
    font.bold = font.cs_bold = spec.bold  # cs: Hebrew, Arabic and other complex scripts
    font.italic = font.cs_italic = spec.italic
    rpr = style.element.get_or_add_rPr()
    cs_size = rpr.find(qn("w:szCs"))
    if cs_size is None:
        cs_size = OxmlElement("w:szCs")
        rpr.find(qn("w:sz")).addnext(cs_size)
    cs_size.set(qn("w:val"), str(round(spec.size * 2)))
    font.color.rgb = _colour(theme, spec.colour)
    for attribute in ("w:caps", "w:smallCaps", "w:spacing"):  # Title/Heading defaults we undo
        rpr = style.element.rPr
        if rpr is not None and (node := rpr.find(qn(attribute))) is not None:
            rpr.remove(node)
    fmt = style.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if spec.align == "center" else WD_ALIGN_PARAGRAPH.LEFT
    fmt.space_before = Pt(spec.space_before)
    fmt.space_after = Pt(spec.space_after)
    # "At least" the PDF's leading: lines sit where reportlab puts them (Word's "single" is
    # the font's own line gap, 1.17-1.22 em, which ran a full page onto a second), yet a
    # user who enlarges the type in Word still gets lines that grow with it. A resume fitted
    # to its pages has lines tighter than the font's own gap: there, exactly the leading.
    exact = theme.line_spacing == "exact"
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY if exact else WD_LINE_SPACING.AT_LEAST
    fmt.line_spacing = Pt(spec.size * spec.leading)
    fmt.left_indent = Pt(spec.indent)
    fmt.widow_control = True
    ppr = style.element.get_or_add_pPr()
    for attribute in ("w:pBdr", "w:contextualSpacing"):  # Title's border, lists' squeezing
        if (node := ppr.find(qn(attribute))) is not None:
            ppr.remove(node)
    if spec.rule:
        border = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("val", "single"), ("sz", "5"), ("space", "1")):
            bottom.set(qn(f"w:{key}"), value)
        bottom.set(qn("w:color"), getattr(theme.colours, spec.colour).lstrip("#").upper())
        border.append(bottom)
        ppr.append(border)


def _bullets_in_font(document: Any, theme: Theme, spec: Style) -> None:
    """Make List Bullet's numbering draw the theme's bullet in the theme's font, not Symbol's."""
    numbering = document.part.numbering_part.element
    style = document.styles["List Bullet"].element
    num_id = style.pPr.numPr.numId.val
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == abstract_id
    )
    level = next(lv for lv in abstract.findall(qn("w:lvl")) if lv.get(qn("w:ilvl")) == "0")
    level.find(qn("w:lvlText")).set(qn("w:val"), theme.bullet)
    rpr = level.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        level.append(rpr)
    for child in list(rpr):
        rpr.remove(child)
    fonts = OxmlElement("w:rFonts")
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), theme.docx_font)
    rpr.append(fonts)
    indent = level.find(qn("w:pPr")).find(qn("w:ind"))
    hanging = max(spec.indent - 2, 6)
    indent.set(qn("w:left"), str(int(spec.indent * 20)))
    indent.set(qn("w:hanging"), str(int(hanging * 20)))


def _styles(document: Any, theme: Theme) -> None:
    styles = document.styles
    for name in ("Contact", "Entry Details", "Plain Line"):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.quick_style = True
    for role, name in STYLE_OF_ROLE.items():
        _restyle(styles[name], theme.style(role.value), theme, role)
    _bullets_in_font(document, theme, theme.styles.bullet)
    # The defaults every style inherits: the theme's font, not Word's theme fonts.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr_default.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), theme.docx_font)


def _add_runs(
    paragraph: Paragraph,
    runs: tuple[Run, ...],
    theme: Theme,
    look: Style | None = None,
    role: Role | None = None,
) -> None:
    """Runs into the paragraph; `look`: a size and colour of their own (an aside in a larger
    line), else the paragraph style's. The run elements are made directly: python-docx's
    run and font setters search the XML for every property, 100 µs a run."""
    spec = look or (theme.style(role.value) if role else None)
    for whole in runs:
        if spec is not None and spec.small_caps:  # capitals after a word's first, smaller
            small = spec.size * SMALL_CAPITALS
            pieces = [
                (replace(whole, text=t), small if s else None)
                for t, s in small_capitals(whole.text)
            ]
        else:
            pieces = [(whole, None)]
        for run, size in pieces:
            _add_run(paragraph, run, theme, look, size)


def _add_run(
    paragraph: Paragraph, run: Run, theme: Theme, look: Style | None, size: float | None
) -> None:
    element = _run_element(run, theme, look, size)
    if run.href:
        link = OxmlElement("w:hyperlink")
        rel = paragraph.part.relate_to(run.href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link.set(qn("r:id"), rel)
        link.append(element)
        element = link
    paragraph._p.append(element)


def _run_element(run: Run, theme: Theme, look: Style | None, size: float | None = None) -> Any:
    """<w:r> with its properties in the schema's order (b, i, color, sz), then its text."""
    element = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    for flag, on in (("w:b", run.bold), ("w:i", run.italic)):
        if on or look is not None:  # beside a name, the name's bold must not reach the aside
            for name in (flag, flag + "Cs"):  # and in complex scripts (Hebrew, Arabic)
                node = OxmlElement(name)
                if not on:
                    node.set(qn("w:val"), "0")
                properties.append(node)
    colour = theme.colours.accent if run.href else (look and getattr(theme.colours, look.colour))
    if colour:
        node = OxmlElement("w:color")
        node.set(qn("w:val"), colour.lstrip("#").upper())
        properties.append(node)
    if size is not None or look is not None:
        for name in ("w:sz", "w:szCs"):
            node = OxmlElement(name)
            node.set(qn("w:val"), str(round((size or look.size) * 2)))  # type: ignore[union-attr]
            properties.append(node)
    if has_right_to_left(run.text):
        properties.append(OxmlElement("w:rtl"))
    if len(properties):
        element.append(properties)
    text = OxmlElement("w:t")
    text.text = run.text
    text.set(qn("xml:space"), "preserve")
    element.append(text)
    return element


_EAST_ASIAN_FONTS = {"zh-Hant": "Microsoft JhengHei", "ja": "Yu Gothic", "ko": "Malgun Gothic"}


def _language(word: Any, document: Document, theme: Theme) -> Hashable:
    """The document's language on every run (w:lang), and the font Word uses for Chinese,
    Japanese and Korean (w:eastAsia): the locale's, else one for the script the text holds.
    Set on the shared template for each render, so nothing of one resume reaches the next;
    what was set is returned, the key of the styles part it makes."""

    text = " ".join(document.lines())
    locale = load_locale(document.language)
    east_asian = locale.east_asian_font
    east_asian_language = "zh-CN"
    if east_asian is None and _has_east_asian(text):
        script = (
            "ko"
            if re.search(r"[\uac00-\ud7af]", text)
            else ("ja" if re.search(r"[\u3040-\u30ff]", text) else "zh-Hans")
        )
        east_asian = _EAST_ASIAN_FONTS.get(script, "Microsoft YaHei")
        east_asian_language = {"ko": "ko-KR", "ja": "ja-JP"}.get(script, "zh-CN")
    defaults = word.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    fonts.set(qn("w:eastAsia"), east_asian or theme.docx_font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    tag = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW"}.get(document.language, document.language)
    tag = tag.replace("zh-Hant-", "zh-")  # zh-Hant-HK: Word's zh-HK
    lang.set(qn("w:val"), tag)
    lang.set(
        qn("w:eastAsia"), tag if east_asian and locale.east_asian_font else east_asian_language
    )
    lang.set(qn("w:bidi"), _BIDI_LANGUAGES.get(document.language.split("-")[0], "ar-SA"))
    return (fonts.get(qn("w:eastAsia")), tag, lang.get(qn("w:eastAsia")))  # all it changes


# The language Word shapes and sorts right-to-left text by (w:lang w:bidi).
_BIDI_LANGUAGES = {"ar": "ar-SA", "he": "he-IL", "fa": "fa-IR", "ur": "ur-PK", "yi": "yi-001"}


def _has_east_asian(text: str) -> bool:
    return bool(re.search(r"[\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff]", text))


def _with_aside(paragraph: Paragraph, block: Block, text_width: Any, theme: Theme) -> None:
    """The block's runs, then its aside after a right-aligned tab stop at the margin: an
    entry's dates in the entry's size, not bold; the contact details beside a name or a
    headline in the contact style."""
    _add_runs(paragraph, block.runs, theme)
    paragraph.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    owner = "contact" if block.role in (Role.NAME, Role.HEADLINE) else block.role.value
    look = theme.style(owner).model_copy(update={"bold": False, "italic": False})
    spaces = _filling_spaces(block, text_width.pt, theme, look.size)
    whole, part = int(spaces), spaces - int(spaces)
    if whole:
        filler = paragraph.add_run(" " * whole)
        filler.font.size = Pt(look.size)
    if whole and part >= SMALLEST_SPACE:
        # the rest of the gap as one smaller space: what is left must be narrower than the
        # letters beside it, or pdfminer.six reads an aside opening with a narrow letter
        # ("Internship · May 2023") on a line of its own
        filler = paragraph.add_run(" ")
        filler.font.size = Pt(round(look.size * part * 2) / 2)
    tab = paragraph.add_run("\t")
    tab.font.size = Pt(look.size)
    _add_runs(paragraph, block.aside_runs or (Run(block.aside),), theme, look)


SMALLEST_SPACE = (
    0.25  # of a space: a run of type smaller than a quarter of the size is not worth it
)


def _filling_spaces(block: Block, width: float, theme: Theme, size: float) -> float:
    """Spaces that fill most of the gap before a flush-right aside, as the PDF's are: Word
    and LibreOffice draw a tab as empty room, and a PDF made from the DOCX (LibreOffice's
    export, a print to PDF) then reads in pdfminer.six and the parsers built on it with the
    dates apart from their job, in the middle of its bullets. Measured with the theme's own
    fonts (the DOCX names their metric twins); none when the head would wrap."""
    # fontTools metrics of the theme's files, as the PDF's page numbers use them
    from renderer.formats.pdf.outlines import width as text_width

    spec = theme.style(block.role.value)
    f = theme.fonts
    faces = [[f.regular, f.italic], [f.bold, f.bold_italic]]
    regular = [theme.font_path(f.regular)]
    body = sum(
        text_width(
            run.text,
            [theme.font_path(faces[run.bold or spec.bold][run.italic or spec.italic])],
            spec.size,
        )
        for run in block.runs
    )
    if has_right_to_left(block.text) or _has_east_asian(block.text):
        # drawn in a font the theme does not name (Word's East Asian font): no measure to fill
        # it by (measured without its Japanese, the dates of 職務経歴 wrapped: 2 / 013年)
        return 0
    aside = text_width(block.aside, regular, size)
    space = text_width(" ", regular, size)
    room = width - body - aside - 0.3 * size  # to spare: the DOCX font is a metric twin
    return room / space if space and room > 2 * space else 0.0


# The parts a resume writes anew each time; every other part is the theme's, compressed once
# per process (the styles: once per language, which they name).
_PER_RESUME = {"/word/document.xml", "/docProps/core.xml", "/docProps/app.xml"}
_STYLES = "/word/styles.xml"
MEMBERS_COMPRESSED: Counter[str] = Counter()  # work count: tests prove the theme's are reused


class _PackageZip(ZipWriter):
    """The zip as python-docx's PackageWriter writes to it: by part name (a PackURI)."""

    def write(self, name: Any, blob: bytes) -> None:
        super().write(name.membername, blob)


def _save(word: Any, members: dict[tuple[str, Hashable], Member], language: Hashable) -> bytes:
    """Document.save, in python-docx's PackageWriter's order, into a zip with fixed dates;
    the theme's unchanging parts come from `members`, compressed on first use."""
    package = word.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    writer = _PackageZip()
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    for part in parts:
        name = str(part.partname)
        if name in _PER_RESUME:
            writer.write(part.partname, part.blob)
        else:
            key = (name, language if name == _STYLES else None)
            if key not in members:
                members[key] = Member.of(part.partname.membername, part.blob)
                MEMBERS_COMPRESSED[name] += 1
            writer.add(members[key])
        if len(part.rels):
            writer.write(part.partname.rels_uri, part.rels.xml)
    return writer.close()


# Parts of python-docx's template that Word and LibreOffice open the same without: a
# bibliography store (customXml); Word 2010's copy of every style with its text effects
# (438 KB, which Word 2013 and later and LibreOffice ignore; tests/test_docx.py shows
# LibreOffice's pages and styles unchanged); settings for saving as a web page.
_LEFT_OUT = {
    RELATIONSHIP_TYPE.CUSTOM_XML,
    RELATIONSHIP_TYPE.WEB_SETTINGS,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
}


def _drop_template_leftovers(document: Any) -> None:
    """python-docx's template carries a thumbnail of another page (a stale thumbnail
    misleads previews) and parts a resume does not need (above)."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[rel_id]
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in _LEFT_OUT:
            del document.part.rels[rel_id]


_APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Application>resume-renderer</Application><Words>{words}</Words>\
<Characters>{characters}</Characters><CharactersWithSpaces>{with_spaces}</CharactersWithSpaces>\
<Paragraphs>{paragraphs}</Paragraphs></Properties>"""


_CORE_LIMIT = 255


def _cut(text: str, limit: int) -> str:
    """The text, or as many of its words as fit with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;–—-")
    return (cut or text[: limit - 1]) + "…"


def _whole_keywords(words: tuple[str, ...], limit: int) -> str:
    """Keywords joined by commas, leaving out whole words past the limit (never half one)."""
    kept = ""
    for word in words:
        joined = f"{kept}, {word}" if kept else word
        if len(joined) > limit:
            continue  # a shorter word further on may still fit
        kept = joined
    return kept


def _extended_properties(word: Any, document: Document) -> None:
    """docProps/app.xml as it is for this resume (the template's claims Word for Mac wrote
    an empty document)."""
    text = " ".join(document.lines())
    counts = {
        "words": len(text.split()),
        "characters": sum(not c.isspace() for c in text),
        "with_spaces": len(text),
        "paragraphs": len(document.blocks),
    }
    for part in word.part.package.parts:
        if part.partname == "/docProps/app.xml":
            part._blob = _APP_XML.format(**counts).encode("utf-8")


# The styled, empty document of each theme, made once per thread: a render fills it and
# empties it again, so it must never be shared between threads (two renders at once would
# write one person's paragraphs into another's file).
_per_thread = threading.local()
TEMPLATE_LOADS = [0]  # work count, so tests can prove the template is parsed once per theme


def _template(theme: Theme) -> tuple[Any, dict[tuple[str, Hashable], Member]]:
    """The styled, empty document for a theme: parsed and restyled once per thread."""
    prepared: dict[int, tuple[Theme, Any, dict[tuple[str, Hashable], Member]]]
    prepared = _per_thread.__dict__.setdefault("prepared", {})
    if id(theme) not in prepared:
        word = docx.Document()
        _drop_template_leftovers(word)
        _styles(word, theme)
        prepared[id(theme)] = (theme, word, {})  # holding the theme keeps its id from reuse
        TEMPLATE_LOADS[0] += 1
    _, word, members = prepared[id(theme)]
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for rel_id, rel in list(word.part.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK:  # the previous resume's links
            del word.part.rels[rel_id]
    return word, members


def render(document: Document, theme: Theme, options: Options = Options()) -> Rendered:
    word, members = _template(theme)
    width, height = theme.page_size(options.page_size)
    top, right, bottom, left = theme.page.margins
    section = word.sections[0]
    section.page_width, section.page_height = Pt(width), Pt(height)
    section.top_margin, section.right_margin = Pt(top), Pt(right)
    section.bottom_margin, section.left_margin = Pt(bottom), Pt(left)
    section.header_distance = section.footer_distance = Pt(bottom / 2)
    text_width = Pt(width - left - right)
    rtl_page = page_is_right_to_left(document.language, " ".join(document.lines()))

    # Set each paragraph's style id directly: python-docx's own setter scans every style of
    # the document for each paragraph, which was half of the render time.
    style_id = {role: STYLE_IDS[name] for role, name in STYLE_OF_ROLE.items()}
    # New paragraphs go before the body's section properties, found once: python-docx's
    # add_paragraph searches the body for them on every call (time grew with the square).
    body = word.element.body
    section_properties = body.find(qn("w:sectPr"))
    for index, block in enumerate(document.blocks):
        p = OxmlElement("w:p")
        if section_properties is not None:
            section_properties.addprevious(p)
        else:
            body.append(p)
        paragraph = Paragraph(p, word._body)
        paragraph._p.get_or_add_pPr().style = style_id[block.role]
        if keeps_with_next(document.blocks, index):
            paragraph.paragraph_format.keep_with_next = True
        if block.gap is not None:  # the document's own spacing (a letter's)
            spec = theme.style(block.role.value)
            paragraph.paragraph_format.space_before = Pt(block.gap * spec.size * spec.leading)
        # On a page right to left, Hebrew and Arabic paragraphs run right to left (aligned
        # right by their style's "left", which is their start) and the others are aligned
        # right, as in the PDF; on a page left to right each keeps the page's direction, its
        # Hebrew and Arabic runs marked w:rtl.
        if rtl_page and has_right_to_left(block.text):
            paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
        elif rtl_page and theme.style(block.role.value).align != "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if block.aside:
            _with_aside(paragraph, block, text_width, theme)
        else:
            _add_runs(paragraph, block.runs, theme, role=block.role)

    core = word.core_properties
    # Word's core properties hold at most 255 characters each (python-docx refuses more): a
    # long title is cut at a word, and keywords keep as many whole words as fit.
    core.title = _cut(document.title, _CORE_LIMIT)
    core.author = _cut(document.author, _CORE_LIMIT)
    core.subject = _cut(document.subject, _CORE_LIMIT)
    core.keywords = _whole_keywords(document.keywords, _CORE_LIMIT)
    core.comments = ""
    core.last_modified_by = document.author
    core.created = core.modified = _FIXED_TIME
    core.revision = 1
    core.language = document.language
    language = _language(word, document, theme)
    _extended_properties(word, document)
    return Rendered(_save(word, members, language))
