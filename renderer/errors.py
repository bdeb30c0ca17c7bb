"""Errors and warnings for people: each names the file, the line and column, and the field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

FieldPath = tuple[str | int, ...]


def format_path(path: FieldPath) -> str:
    """('experience', 1, 'start') -> experience[1].start"""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
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
        return f"{where}{field}: {self.message}"


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


class RenderError(Exception):
    """A render that cannot be done faithfully (a glyph the fonts lack, a template that fails)."""
