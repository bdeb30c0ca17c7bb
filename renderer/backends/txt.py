"""Document -> plain text (UTF-8), through the theme's or the built-in Jinja2 template."""

from __future__ import annotations

import textwrap

from renderer.backends import Format, Options, ReadBack, Reader, Rendered
from renderer.document import Document
from renderer.text import render_output
from renderer.theme import Theme

WIDTH = 80


def wrap(text: str, width: int = WIDTH, first: str = "", rest: str = "") -> str:
    """Wrap at spaces only: a URL or a long word is never broken, so nothing reads back split."""
    return (
        textwrap.fill(
            text,
            width,
            initial_indent=first,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        or first.rstrip()
    )


def flush_right(text: str, aside: str, width: int = WIDTH) -> str:
    """Text with an aside flush right on its first line; an aside too long to sit beside the
    text goes on the line below (flush right when it fits, else as it is)."""
    if not aside:
        return wrap(text, width)
    if len(aside) > width // 2:
        below = aside.rjust(width) if len(aside) <= width else aside
        return f"{wrap(text, width)}\n{below}"
    lines = wrap(text, width - len(aside) - 2).splitlines() or [""]
    lines[0] = f"{lines[0]}  {aside.rjust(width - len(lines[0]) - 2)}"
    return "\n".join(lines)


def render(document: Document, theme: Theme, options: Options = Options()) -> Rendered:
    blocks = [
        {
            "role": b.role.value,
            "body": b.body_with_links,
            "aside": b.aside_with_links(),
            "source": b.source,
        }
        for b in document.blocks
    ]
    text = render_output(
        theme,
        "text.txt.j2",
        blocks=blocks,
        width=WIDTH,
        bullet=theme.bullet,
        wrap=wrap,
        flush_right=flush_right,
        letter=document.kind == "letter",
    )
    return Rendered((text.strip("\n") + "\n").encode("utf-8"))


def _read_back(data: bytes) -> ReadBack:
    from renderer.readers.text import read_text

    return read_text(data)


FORMAT = Format(
    name="txt",
    suffix=".txt",
    description="Plain text for pasting into application forms, links written out",
    render=render,
    readers=(Reader("text", _read_back),),
    expected_text=lambda block: block.text_with_links(),
)
