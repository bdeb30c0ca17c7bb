"""Read a profile from YAML or JSON, keeping where every value stood so errors can say so."""

from __future__ import annotations

import difflib
import json
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from renderer.errors import FieldPath, InputError, Problem
from renderer.model import Profile

MAX_BYTES = 1024 * 1024  # a resume is a few KiB; anything near this is a mistake or an attack
MAX_NODES = 100_000  # caps alias expansion ("billion laughs") long before memory suffers

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Mark = tuple[int, int]  # 1-based line, column


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document stood in its file."""

    values: dict[FieldPath, Mark] = field(default_factory=dict)
    keys: dict[FieldPath, Mark] = field(default_factory=dict)

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


def read_text(path: Path, *, what: str = "profile") -> str:
    """The file's text, or an InputError that says why it cannot be a profile."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file is {size:,} bytes; a {what} may be at most 1 MiB", path)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file (looked for {what} at {path})", path) from None
    except IsADirectoryError:
        raise InputError(f"is a folder, not a {what} file", path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path) from None
    if b"\x00" in data:
        raise InputError(f"is a binary file, not a YAML or JSON {what}", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            Problem(
                str(path),
                f"byte 0x{data[error.start]:02X} is not UTF-8; save the file as UTF-8 "
                "(it looks like Latin-1 or Windows-1252)",
                line,
                column,
            )
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise InputError(f"file is empty: a {what} needs at least a name or a section", path)
    return text


def parse_document(text: str, path: Path) -> tuple[Any, Positions]:
    """YAML or JSON to plain Python values, with the position of every value."""
    if path.suffix.lower() == ".json":
        try:
            json.loads(text)  # strict JSON syntax first: YAML would accept some non-JSON
        except json.JSONDecodeError as error:
            raise InputError(
                Problem(str(path), f"not valid JSON: {error.msg}", error.lineno, error.colno)
            ) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or "not valid YAML").strip()
        context = f" ({error.context.strip()})" if error.context else ""
        raise InputError(
            Problem(
                str(path),
                f"not valid YAML: {problem}{context}",
                mark.line + 1 if mark else None,
                mark.column + 1 if mark else None,
            )
        ) from None
    except yaml.YAMLError as error:
        raise InputError(f"not valid YAML: {error}", path) from None
    finally:
        loader.dispose()
    if node is None:
        raise InputError("file is empty: a profile needs at least a name or a section", path)
    positions = Positions()
    budget = [MAX_NODES]
    value = _build(node, (), positions, budget, loader, path)
    return value, positions


def _mark(node: yaml.Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _build(
    node: yaml.Node,
    path: FieldPath,
    positions: Positions,
    budget: list[int],
    loader: Any,
    file: Path,
) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise InputError(
            Problem(str(file), "too many values (is this an alias bomb?)", *_mark(node))
        )
    positions.values.setdefault(path, _mark(node))
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag == "tag:yaml.org,2002:merge"
            ):
                raise InputError(
                    Problem(str(file), "keys must be plain words", *_mark(key_node), path)
                )
            key = str(loader.construct_object(key_node))
            if key in result:
                raise InputError(
                    Problem(
                        str(file),
                        f"key {key!r} is given twice; the first would be silently lost",
                        *_mark(key_node),
                        path,
                    )
                )
            positions.keys[(*path, key)] = _mark(key_node)
            result[key] = _build(value_node, (*path, key), positions, budget, loader, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*path, i), positions, budget, loader, file)
            for i, item in enumerate(node.value)
        ]
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # a date stays text: the model reads and checks it (2025-02-30)
    try:
        return loader.construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError) as error:
        problem = Problem(str(file), f"cannot read value: {error}", *_mark(node), path)
        raise InputError(problem) from None


def load_profile(path: Path | str) -> LoadedProfile:
    path = Path(path)
    data, positions = parse_document(read_text(path), path)
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
        raise InputError(
            Problem(
                str(path),
                f"a profile is a mapping of fields (name:, experience:, …), but this is {found}",
                *(positions.of(()) or (None, None)),
            )
        )
    try:
        profile = Profile.model_validate(data)
    except ValidationError as error:
        raise InputError(_problems(error, path, positions)) from None
    return LoadedProfile(profile, path, positions)


def _problems(error: ValidationError, path: Path, positions: Positions) -> list[Problem]:
    problems = []
    suggested: set[FieldPath] = set()  # fields a did-you-mean already points the reader to
    for item in error.errors(include_url=False):
        loc = tuple(p for p in item["loc"] if isinstance(p, int) or not _is_branch(p))
        kind = item["type"]
        message = item["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if kind == "extra_forbidden":
            key = str(loc[-1])
            message = f"unknown field {key!r}"
            near = difflib.get_close_matches(key, _fields_at(loc[:-1]), n=1, cutoff=0.6)
            message += f"; did you mean {near[0]!r}?" if near else ""
            suggested.update((*loc[:-1], n) for n in near)
            allowed = ", ".join(_fields_at(loc[:-1]))
            message += f" (allowed here: {allowed})" if not near and allowed else ""
        elif kind == "missing":
            message = f"required field {loc[-1]!r} is missing"
        elif "input" in item and kind not in ("value_error", "assertion_error"):
            message = f"{message} (found {item['input']!r})"
        mark = positions.of(loc, key=kind == "extra_forbidden")
        line, column = mark if mark else (None, None)
        problems.append(Problem(str(path), message, line, column, loc))
    # A misspelt required key shows up twice (unknown + missing): the hint says it all.
    return [p for p in problems if not (p.path in suggested and "is missing" in p.message)]


def _is_branch(part: Any) -> bool:
    """pydantic names union branches in error locations; a person never wrote those."""
    return isinstance(part, str) and (
        part.startswith(("function-", "literal[", "union[", "lax-", "json-"))
        or part in ("PartialDate", "Highlight", "str", "int")
    )


def _fields_at(loc: FieldPath) -> list[str]:
    """The field names allowed at a location of the profile, for did-you-mean hints."""
    model: Any = Profile
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        info = model.model_fields.get(part)
        if info is None:
            return []
        model = _model_in(info.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside list[X], X | None, Annotated[X, …]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
