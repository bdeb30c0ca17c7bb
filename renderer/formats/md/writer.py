"""Document -> Markdown (UTF-8): every literal character escaped, links as Markdown links."""

from __future__ import annotations

import re

from renderer.compose.document import Document, Role
from renderer.formats import Options, Rendered
from renderer.profile.markup import Run
from renderer.theme.model import Theme
from renderer.theme.slots import render_output

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([-+>=#]|\d+(?=[.)]))")


def md(text: str) -> str:
    """Escape text so that Markdown shows it literally (no emphasis, HTML, links or lists)."""
    return _line_start(_escape(text))


def _escape(text: str) -> str:
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def _line_start(text: str) -> str:
    """A paragraph that starts like a list item or heading must stay a paragraph (this is
    about the start of a line, so it is done once per line, not once per run)."""
    return _LINE_START.sub(
        lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2).isdigit() else "\\" + m.group(2)),
        text,
    )


_HEADINGS = {Role.NAME, Role.HEADING, Role.ENTRY, Role.GROUP}


def destination(href: str) -> str:
    """A link address as written between `<` and `>` in Markdown: a `>` would end it early and
    let what follows out as raw HTML (`https://a.example/><script>`), a `<`, backslash, space
    or control character would break it, so each is percent-encoded, as a URL may be."""
    return "".join(
        "".join(f"%{byte:02X}" for byte in c.encode())
        if c in '<>\\ "' or not c.isprintable()
        else c
        for c in href
    )


def _inline(runs: tuple[Run, ...], heading: bool = False) -> str:
    """Runs as Markdown; in a heading, bold is the heading's own and is not marked again."""
    parts = []
    for run in runs:
        text = _escape(run.text)
        # Emphasis marks must touch the words: keep the run's outer spaces outside them.
        core = text.strip()
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :] if core else ""
        if core and run.italic:
            core = f"*{core}*"
        if core and run.bold and not heading:
            core = f"**{core}**"
        if run.href:
            core = f"[{core}](<{destination(run.href)}>)"
        parts.append(lead + core + trail)
    return _line_start("".join(parts))


def render(document: Document, theme: Theme, options: Options = Options()) -> Rendered:
    blocks = [
        {
            "role": b.role.value,
            "inline": _inline(b.runs, b.role in _HEADINGS),
            "aside": b.aside,
            "aside_inline": _inline(b.aside_runs or (Run(b.aside),)),
        }
        for b in document.blocks
    ]
    text = render_output(theme, "markdown.md.j2", blocks=blocks, md=md)
    return Rendered((text.strip("\n") + "\n").encode("utf-8"))
