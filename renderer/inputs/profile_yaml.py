"""A profile written as YAML a person goes on editing: fields in the model's order, bullets as
plain text when they carry no tags, paragraphs as `|` blocks, and nothing YAML would read back
differently (PyYAML quotes `2025`, `yes`, `null` where they are text)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from renderer.errors import FieldPath
from renderer.inputs.reading import parse_document
from renderer.profile.model import Profile
from renderer.profile.schema import SCHEMA_FILE


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # lists indented under their key, as people write


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


# The order a person reads an entry in: what and where, then when, then the detail. (The
# model's own order puts inherited fields, start and end, first.)
_ORDER = [
    "company",
    "team",
    "title",
    "organisation",
    "institution",
    "degree",
    "field",
    "name",
    "role",
    "language",
    "fluency",
    "heading",
    "id",
    "label",
    "kind",
    "issuer",
    "awarder",
    "publisher",
    "location",
    "url",
    "date",
    "start",
    "end",
    "score",
    "summary",
    "description",
    "text",
    "highlights",
    "groups",
    "technologies",
    "keywords",
    "items",
    "entries",
    "tags",
    "roles",
]


def _simplify(value: Any, top: bool = False) -> Any:
    """{text: x} with no tags is written as the bullet x; an item's fields in reading order
    (the profile's own, at the top, in the model's)."""
    if isinstance(value, dict):
        if set(value) == {"text"}:
            return value["text"]
        rank = {key: _ORDER.index(key) if key in _ORDER else len(_ORDER) for key in value}
        ordered = list(value) if top else sorted(value, key=rank.__getitem__)
        return {key: _simplify(value[key]) for key in ordered}
    if isinstance(value, list):
        return [_simplify(item) for item in value]
    return value


def schema_line(written_to: Path | None) -> str:
    """The line that points an editor at the profile's JSON Schema: the schema installed with
    this package, by a path from where the profile is written (absolute when unknown)."""

    target = SCHEMA_FILE.resolve()
    if written_to is not None:
        try:
            path = os.path.relpath(target, written_to.resolve().parent)
            return f"# yaml-language-server: $schema={path}\n"
        except ValueError:  # another drive, on Windows
            pass
    return f"# yaml-language-server: $schema={target.as_uri()}\n"


def dump_profile(
    profile: Profile,
    comments: Sequence[str] = (),
    written_to: Path | None = None,
    *,
    guesses: Sequence[tuple[FieldPath, str]] = (),
    closing: Sequence[str] = (),
) -> str:
    """The profile as YAML, after a schema line (for editor completion) and the comments;
    what an import guessed as a comment at the value it is about (`# check: …`), and the
    closing comments (what it could not place) at the end."""
    data = _simplify(profile.model_dump(mode="json", exclude_defaults=True), top=True)
    width = 100 if not guesses else 1_000_000  # a value with a comment stays on its line
    body = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=width, indent=2
    )
    if guesses:
        body = _with_guesses(body, guesses)
    return schema_line(written_to) + _comments(comments) + body + _comments(closing)


def _comments(lines: Sequence[str]) -> str:
    # A comment holds what a file said (its keys, its name): any line break in it would end
    # the comment and start a line of YAML, so each becomes a space.
    return "".join(f"# {' '.join(line.splitlines())}".rstrip() + "\n" for line in lines)


def _with_guesses(body: str, guesses: Sequence[tuple[FieldPath, str]]) -> str:
    """The YAML with `# check: …` at the end of each guessed value's line (its key's, or its
    item's): read back to find where each value was written."""
    _, positions = parse_document(body, Path("profile.yaml"))
    lines = body.split("\n")
    for path, message in guesses:
        mark = positions.keys.get(path) or positions.of(path)
        if mark is None or mark[0] > len(lines):
            continue
        said = " ".join(message.splitlines())
        lines[mark[0] - 1] += f"  # check: {said}"
    return "\n".join(lines)
