"""What a profile cannot hold, taken out of an imported resume and listed for the person.

A real resume holds what the reading did not foresee (a school with no name the reading
found, a list item where an award's title should be). Rather than refuse the whole file over
one such value, the value (or the entry it stands in) is taken out and listed with the lines
the import could not place, where the person puts it right.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from renderer.errors import FieldPath
from renderer.inputs.imported import Imported
from renderer.profile.model import Profile

MAX_TRIES = 50  # each try takes one value out; a resume has far fewer bad ones


def fit(out: Imported) -> None:
    """Take out, one by one, the values the profile's validation refuses."""
    for _ in range(MAX_TRIES):
        try:
            Profile.model_validate(out.data)
        except ValidationError as error:
            problem = error.errors(include_url=False)[0]
            path = _within(out.data, tuple(problem["loc"]))
            if not path:
                return  # not a value of ours: validation says so, at its place
            why = problem["msg"].lower()
            if problem["type"] == "missing":
                why = f"no {problem['loc'][-1]} found for it, which a {path[0]} entry needs"
            _take_out(out, path, why)
        except RecursionError:
            return
        else:
            return


def _within(data: Any, loc: tuple[Any, ...]) -> FieldPath:
    """The part of an error's place that names values in the data (pydantic adds the names
    of the types it tried)."""
    found: list[Any] = []
    for key in loc:
        in_dict = isinstance(data, dict) and key in data
        if not (in_dict or isinstance(data, list) and isinstance(key, int) and key < len(data)):
            break
        data = data[key]
        found.append(key)
    return tuple(found)


def _take_out(out: Imported, path: FieldPath, why: str) -> None:
    """The entry (a list's item) holding a bad value taken out, or the value itself."""
    cut = max((i for i, key in enumerate(path) if isinstance(key, int)), default=-1)
    where = path[: cut + 1] if cut >= 0 else path[:1]
    source = out.source_of(where)
    holder: Any = out.data
    for key in where[:-1]:
        holder = holder[key]
    value = holder[where[-1]]
    out.note(source, f"not placed: {_shown(value)!r} ({why})")
    del holder[where[-1]]
    if isinstance(holder, list):
        _shift(out, where)
    parent = where[:-1]
    if parent and isinstance(holder, list) and not holder:  # an emptied list: none at all
        grand: Any = out.data
        for key in parent[:-1]:
            grand = grand[key]
        del grand[parent[-1]]


def _shift(out: Imported, removed: FieldPath) -> None:
    """The places of the items after a removed one, each one place up."""
    prefix, index = removed[:-1], int(removed[-1])
    moved = {}
    for path, source in out.origins.items():
        if path[: len(prefix)] == prefix and len(path) > len(prefix):
            at = path[len(prefix)]
            if at == index:
                continue
            if isinstance(at, int) and at > index:
                path = (*prefix, at - 1, *path[len(prefix) + 1 :])
        moved[path] = source
    out.origins = moved


def _shown(value: Any) -> str:
    """A value as a line of text: an entry's words, in the order they stand."""
    if isinstance(value, dict):
        return " | ".join(_shown(v) for v in value.values() if isinstance(v, (str, list)))
    if isinstance(value, list):
        return " | ".join(_shown(v) for v in value)
    return str(value)
