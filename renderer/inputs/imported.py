"""What an input format gives: a profile's plain values (not yet validated), where each came
from in the file it was read from, what it could not take (notes) and what it cannot read
(errors). The registry (`renderer/inputs/__init__.py`) validates the values and turns every
place into the file's line and column, so that an error names the line the person wrote."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from renderer.errors import FieldPath

Json = dict[str, Any]


@dataclass
class Imported:
    """A profile's values made from another format's document."""

    data: Json
    origins: dict[FieldPath, FieldPath] = field(default_factory=dict)  # profile <- source
    notes: list[tuple[FieldPath, str]] = field(default_factory=list)  # source path, text
    errors: list[tuple[FieldPath, str]] = field(default_factory=list)  # what cannot be read
    renamed: dict[FieldPath, FieldPath] = field(default_factory=dict)  # canonical <- as written
    # What the reading was unsure of, by the profile's value it is about: said as a warning
    # at the source's line, and as a comment at the value in the YAML `resume import` writes.
    guesses: list[tuple[FieldPath, str]] = field(default_factory=list)

    def source_of(self, path: FieldPath) -> FieldPath:
        """Where a profile value came from: its own origin, or its nearest parent's with the
        rest of the path (a list of highlights keeps its indices)."""
        found = path
        for end in range(len(path), -1, -1):
            if path[:end] in self.origins:
                found = self.origins[path[:end]] + path[end:]
                break
        for end in range(len(found), 0, -1):  # a field written under another name
            if found[:end] in self.renamed:
                return self.renamed[found[:end]] + found[end:]
        return found

    def note(self, source: FieldPath, message: str) -> None:
        self.notes.append((source, message))

    def put(self, target: Json, key: str, value: Any, at: FieldPath, source: FieldPath) -> None:
        """Set a profile value and remember where it came from."""
        target[key] = value
        self.origins[(*at, key)] = source


def kind_of(value: Any) -> str:
    """What a JSON or YAML value is, in words a person knows."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    names = {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


def present(value: Any) -> bool:
    """Files written by forms carry "", " ", [] and {} for fields left empty."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):  # [""] from a form's empty line is as empty as []
        return any(present(item) for item in value)
    return value is not None and value != {}


def one_line(value: Any) -> Any:
    """Line breaks inside a single-line field are wrapping, not content."""
    return " ".join(value.split()) if isinstance(value, str) else value
