"""What `resume render` prints: labelled lines and the table of files written, in colour on a
terminal that shows it. Written here rather than with rich, which the other commands use for
their tables: importing rich took a twentieth of every render's time, for four colours and one
table.

Colour follows the usual conventions: only on a terminal, never with NO_COLOR set or
TERM=dumb, always with FORCE_COLOR set.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
from typing import TextIO

_CODES = {"bold": "1", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
_LABEL = re.compile(r"(\s*)\[([a-z ]+)\](.*?)\[/\]")


def colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return os.environ.get("TERM") != "dumb" and bool(getattr(stream, "isatty", bool)())


def styled(text: str, style: str, stream: TextIO) -> str:
    """Text in a style ("bold red"), when the stream shows colour."""
    codes = [_CODES[word] for word in style.split() if word in _CODES]
    if not codes or not colour(stream):
        return text
    return f"\033[{';'.join(codes)}m{text}\033[0m"


def say(label: str, message: str, stream: TextIO | None = None) -> None:
    """One line: a label written `[bold red]error:[/]` (styled), then the message exactly as
    it is (a profile's own `[bold]` is shown as written)."""
    stream = stream or sys.stderr
    found = _LABEL.fullmatch(label)
    if found:
        indent, style, text = found.groups()
        label = indent + styled(text, style, stream)
    print(f"{label} {message}", file=stream, flush=True)


Cell = tuple[str, str]  # (text, style); "" for none


def table(
    title: str,
    headers: list[str],
    rows: list[list[Cell]],
    stream: TextIO | None = None,
) -> None:
    """Columns sized to their widest cell; the first column left-aligned and folded when the
    terminal is too narrow for it, the others right-aligned."""
    stream = stream or sys.stdout
    utf8 = (getattr(stream, "encoding", "") or "").lower().replace("-", "") == "utf8"
    bar, rule, cross = ("│", "─", "┼") if utf8 else ("|", "-", "+")  # LANG=C: plain ASCII
    width = shutil.get_terminal_size().columns
    sizes = [max([len(h), *(len(row[i][0]) for row in rows)]) for i, h in enumerate(headers)]
    others = sum(sizes[1:]) + 3 * (len(headers) - 1)
    sizes[0] = max(12, min(sizes[0], width - others))

    def line(cells: list[Cell], bold: bool = False) -> list[str]:
        text = cells[0][0]
        indent = text[: len(text) - len(text.lstrip())]  # a file under its folder
        first = [
            indent + part
            for part in textwrap.wrap(text.lstrip(), sizes[0] - len(indent), break_on_hyphens=False)
        ] or [""]
        lines = []
        for n, part in enumerate(first):
            shown = [part.ljust(sizes[0])]
            for i, (text, _) in enumerate(cells[1:], start=1):
                shown.append((text if n == 0 else "").rjust(sizes[i]))
            styles = [cells[0][1]] + [style for _, style in cells[1:]]
            painted = [
                styled(text, "bold" if bold else style, stream) if style or bold else text
                for text, style in zip(shown, styles, strict=True)
            ]
            lines.append(f" {bar} ".join(painted).rstrip())
        return lines

    out = [styled(title, "bold", stream)]
    out += line([(h, "") for h in headers], bold=True)
    out.append(f"{rule}{cross}{rule}".join(rule * size for size in sizes))
    for row in rows:
        out += line(row)
    print("\n".join(out), file=stream, flush=True)
