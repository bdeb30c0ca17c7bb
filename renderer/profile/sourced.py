"""A profile with where each of its values came from: the file, and the line and column of
every value and key, so that an error or a warning about a value can name its place.

Every input format produces one (`renderer/inputs/`); advice, composing and the jobs read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from renderer.errors import FieldPath, Problem
from renderer.profile.model import Profile

Mark = tuple[int, int]  # 1-based line, column


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document stood in its file."""

    values: dict[FieldPath, Mark] = field(default_factory=dict)
    keys: dict[FieldPath, Mark] = field(default_factory=dict)
    # Text YAML silently drops from a plain (unquoted) value: a comment after it on the same
    # line (`- Wrote C# #legacy` keeps only "Wrote C#"), an anchor before it (`- &co text`).
    # (path, where, what was dropped and what to do)
    dropped: list[tuple[FieldPath, Mark, str]] = field(default_factory=list)
    # Plain values YAML read as true, false or null, as they were written (`no`, `~`).
    taken_as: dict[FieldPath, str] = field(default_factory=dict)

    def of(self, path: FieldPath, *, key: bool = False) -> Mark | None:
        """The nearest known position: the value itself, else its closest parent."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            if path[:end] in self.values:
                return self.values[path[:end]]
        return None


@dataclass(frozen=True)
class LoadedProfile:
    profile: Profile
    path: Path
    positions: Positions
    notes: tuple[Problem, ...] = ()  # what reading it left out or changed (a JSON Resume import)
    guesses: tuple[tuple[FieldPath, str], ...] = ()  # profile value, what the reading guessed
