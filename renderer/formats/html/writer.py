"""Document -> HTML: one self-contained, semantic page, good to print and to publish.

Headings are h1 (the name), h2 (sections), h3 (entries), h4 (groups of bullets); bullets are
lists; dates are `<time>`; links are links. The theme's colours, sizes and font families come
in an inline stylesheet with a print part (its page size and margins), so the file needs
nothing else. Every value is escaped: the page is made through Jinja2 with autoescaping, from
inline text built here with markupsafe. A theme may bring its own `page.html.j2`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from renderer.compose.document import (
    DETAIL_SEPARATOR,
    SMALL_CAPITALS,
    Block,
    Document,
    Head,
    Role,
    small_capitals,
)
from renderer.errors import RenderError
from renderer.formats import Options, Rendered
from renderer.formats.bidi import page_is_right_to_left
from renderer.formats.html.reader import read_back
from renderer.profile.markup import Run
from renderer.theme.model import PAGE_SIZES, Style, Theme
from renderer.theme.slots import render_output

GENERIC_FAMILY = {"Calibri": "sans-serif", "Arial": "sans-serif", "Cambria": "serif"}


def inline(runs: tuple[Run, ...], small_caps: bool = False) -> Markup:
    """Runs as HTML: escaped text in <strong>, <em> and <a href> (addresses were checked to
    be https, http, mailto or tel when the profile was read); in small capitals, the
    capitals after a word's first in <span class="sc">."""
    parts = []
    for run in runs:
        if small_caps:
            text = Markup("").join(
                Markup('<span class="sc">%s</span>') % piece if smaller else escape(piece)
                for piece, smaller in small_capitals(run.text)
            )
        else:
            text = escape(run.text)
        if run.italic:
            text = Markup("<em>%s</em>") % text
        if run.bold:
            text = Markup("<strong>%s</strong>") % text
        if run.href:
            text = Markup('<a href="%s">%s</a>') % (run.href, text)
        parts.append(text)
    return Markup("").join(parts)


@dataclass
class _Item:
    """Something in a section: an entry (a head and what belongs to it) or a lone block."""

    kind: str  # entry, p, subline, group, list
    html: Markup = Markup("")
    items: list[Markup] = field(default_factory=list)  # a list's items
    when: tuple[tuple[str, str], ...] = ()
    dates: str = ""
    detail: str = ""  # before the dates: an entry's kind and place
    separator: str = ""
    body: list[_Item] = field(default_factory=list)
    aside: Markup = Markup("")  # set flush right (the place beside an organisation's line)


@dataclass
class _Section:
    id: str
    heading: Markup
    items: list[_Item] = field(default_factory=list)


_HEADER = (Role.NAME, Role.HEADLINE, Role.CONTACT)


def _structure(document: Document, theme: Theme) -> tuple[list[Block], list[_Section]]:
    """The header's blocks, and the sections with their entries nested, bullets in lists
    (what comes before the first heading, as in a letter, is a section without one)."""
    header: list[Block] = []
    sections: list[_Section] = []
    entry: _Item | None = None
    entry_head: Head | None = None
    for block in document.blocks:
        if block.role in _HEADER and not sections:
            header.append(block)
            continue
        if block.role is Role.HEADING:
            sections.append(
                _Section(
                    block.section or f"section-{len(sections)}",
                    inline(block.runs, theme.styles.heading.small_caps),
                )
            )
            entry = None
            continue
        if not sections:
            sections.append(_Section("", Markup("")))
        if block.role is Role.ENTRY:
            head = entry_head = block.head
            # beside the head: its dates, or (a theme that sets them under it) its place
            dated = head is not None and bool(head.dates) and block.aside == head.aside
            entry = _Item(
                "entry",
                inline(block.runs),
                when=head.when if head and dated else (),
                dates=block.aside,
                detail=head.detail + DETAIL_SEPARATOR if head and dated and head.detail else "",
                aside=Markup("") if dated else _aside(block),
            )
            sections[-1].items.append(entry)
            continue
        into = entry.body if entry is not None else sections[-1].items
        if block.role is Role.BULLET:
            if not into or into[-1].kind != "list":
                into.append(_Item("list"))
            into[-1].items.append(inline(block.runs))
        else:
            kind = {Role.SUBLINE: "subline", Role.GROUP: "group", Role.LINE: "address"}
            when: tuple[tuple[str, str], ...] = ()
            if entry is not None and entry_head is not None and not entry.when:
                # the dates beside the title under its organisation (harvard): as <time>
                dated = block.role is Role.SUBLINE and block.aside == entry_head.dates
                when = entry_head.when if dated and block.aside else ()
            into.append(
                _Item(kind.get(block.role, "p"), inline(block.runs), when=when, aside=_aside(block))
            )
    return header, sections


def _aside(block: Block) -> Markup:
    return inline(block.aside_runs or (Run(block.aside),)) if block.aside else Markup("")


def _css(theme: Theme, page_size: str | None, rtl: bool = False) -> Markup:
    """The theme's look as a stylesheet: sizes in points, as in the PDF and the DOCX; on a
    page right to left (`rtl`), mirrored as the PDF is: text aligned right, indents on the
    right, asides (dates) on the left."""
    colours = theme.colours
    start, end = ("right", "left") if rtl else ("left", "right")
    family = f"{_css_string(theme.docx_font)}, {GENERIC_FAMILY.get(theme.docx_font, 'sans-serif')}"
    width, height = PAGE_SIZES[page_size or theme.page.size]
    top, right, bottom, left = theme.page.margins

    def rule(selector: str, style: Style, extra: str = "") -> str:
        colour = getattr(colours, style.colour)
        indent = style.indent if selector != "li" else 0
        return (
            f"{selector}{{font-size:{style.size}pt;line-height:{style.leading};"
            f"font-weight:{'bold' if style.bold else 'normal'};"
            f"font-style:{'italic' if style.italic else 'normal'};color:{colour};"
            f"text-align:{style.align if style.align == 'center' else start};"
            f"margin:{style.space_before}pt {f'{indent}pt' if rtl else 0} {style.space_after}pt "
            f"{0 if rtl else f'{indent}pt'};{extra}}}"
        )

    s = theme.styles
    bullet = f"{s.bullet.indent}pt"
    heading_rule = f"border-bottom:0.6pt solid {colours.accent};" if s.heading.rule else ""
    css = "".join(
        [
            f":root{{color:{colours.text};font-family:{family}}}",
            "body{margin:0;background:#fff}",
            f".resume{{max-width:{width - left - right}pt;margin:{top}pt auto;padding:0 1rem}}",
            rule("h1", s.name),
            rule(".headline", s.headline),
            rule(".contact,.aside", s.contact),
            f".aside{{text-align:{end}}}",
            rule("h2", s.heading, heading_rule),
            f".sc{{font-size:{SMALL_CAPITALS:.0%}}}" if s.heading.small_caps else "",
            rule("h3", s.entry),
            ".head{display:flex;justify-content:space-between;align-items:baseline;gap:1em}",
            f".dates{{font-size:{s.entry.size}pt;margin:0;white-space:nowrap}}",
            ".line{display:flex;justify-content:space-between;align-items:baseline;gap:1em}",
            rule(".subline", s.subline),
            rule("h4", s.group),
            rule("p", s.paragraph),
            ".address{margin:0}",
            ".letter>p:not(.address){margin-top:1.2em}.letter{margin-top:2.4em}",
            f"ul{{margin:0 {bullet if rtl else 0} 0 {0 if rtl else bullet};padding:0}}",
            rule("li", s.bullet, f"list-style:{_css_string(theme.bullet + '  ')}"),
            f"a{{color:{colours.accent};text-decoration:none}}",
            f"@media print{{@page{{size:{width}pt {height}pt;margin:{top}pt {right}pt "
            f"{bottom}pt {left}pt}}.resume{{margin:0;padding:0;max-width:none}}"
            "a{color:inherit}section,article{break-inside:avoid-page}}",
        ]
    )
    return Markup(css.replace("</", "<\\/"))  # nothing in a theme can close the <style>


def _css_string(value: str) -> str:
    """A CSS string: every character that could end it, or the <style>, escaped by its code."""
    return (
        '"' + "".join(c if c.isalnum() or c in " .-_•·" else f"\\{ord(c):x} " for c in value) + '"'
    )


def render(document: Document, theme: Theme, options: Options = Options()) -> Rendered:
    header, sections = _structure(document, theme)
    rtl = page_is_right_to_left(document.language, " ".join(document.lines()))
    text = render_output(
        theme,
        "page.html.j2",
        document=document,
        direction="rtl" if rtl else "ltr",
        header=header,
        sections=sections,
        inline=inline,
        css=_css(theme, options.page_size, rtl),
        separator=theme.dates.separator,
    )
    if "page.html.j2" in theme.own_templates:  # a theme's own page may hold anything
        found = read_back(text.encode("utf-8")).problems
        if found:
            path = theme.own_templates["page.html.j2"]
            raise RenderError(f"{found[0]}; a theme's page may not", file=str(path))
    return Rendered(text.encode("utf-8"))
