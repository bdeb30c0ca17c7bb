"""Errors and warnings for people: each names the file, the line and column, and the field."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

FieldPath = tuple[str | int, ...]


def format_path(path: FieldPath) -> str:
    """('experience', 1, 'start') -> experience[1].start"""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not re.fullmatch(r"[\w$-]+", part):  # a key with spaces, dots or line breaks
            out += f"[{part!r}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in one place of one file."""

    file: str
    message: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    path: FieldPath = ()

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        field = f" {format_path(self.path)}" if self.path else ""
        where = f"{where}{field}".strip()
        return f"{where}: {self.message}" if where else self.message


class InputError(Exception):
    """Bad input from a person (a profile, a theme, an argument): reported, never a traceback."""

    def __init__(self, problems: Sequence[Problem] | Problem | str, file: Path | str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem(str(file), problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:  # crosses process pools intact
        return (type(self), (self.problems,))


def parse_path(text: str) -> FieldPath:
    """experience[1].start -> ('experience', 1, 'start'): the inverse of format_path."""
    parts: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", text):
        parts.append(int(index) if index else name)
    return tuple(parts)


class RenderError(Exception):
    """A render that cannot be done faithfully (a glyph the fonts lack, a template that fails).

    `source` is the profile field the trouble came from (`experience[1].highlights[0]`), so
    that the message can name the profile's file and line; `file` is a theme file to name
    instead when the trouble is the theme's.
    """

    def __init__(
        self,
        message: str,
        source: str = "",
        file: str = "",
        line: int | None = None,
        text: str = "",
    ):
        self.message, self.source, self.file, self.line = message, source, file, line
        self.text = text  # the text the trouble is in, to find its field in a joined line
        super().__init__(f"{source}: {message}" if source else message)

    def __reduce__(self) -> tuple[type, tuple[str, str, str, int | None, str]]:
        return (type(self), (self.message, self.source, self.file, self.line, self.text))


class OutputError(Exception):
    """A file that cannot be written; the message names the target, never a temp file."""

    def __init__(self, path: Path | str, reason: str, exit_code: int = 1) -> None:
        self.path, self.reason, self.exit_code = Path(path), reason, exit_code
        super().__init__(f"{path}: cannot write: {reason}")

    def __reduce__(self) -> tuple[type, tuple[Path, str, int]]:
        return (type(self), (self.path, self.reason, self.exit_code))
