"""What a round trip through JSON Resume's own fields changes: for the notes of `resume
export` and for the tests that hold docs/json-resume.md to its word."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from renderer.errors import FieldPath, format_path
from renderer.inputs.jsonresume.export import export_resume
from renderer.inputs.jsonresume.importer import import_resume
from renderer.profile.model import Profile


def differences(before: Profile, after: Profile) -> list[str]:
    """Each field whose value differs, as `path: before -> after` (for notes and tests)."""
    found: list[str] = []
    _diff(
        before.model_dump(mode="json", exclude_defaults=True),
        after.model_dump(mode="json", exclude_defaults=True),
        (),
        found.append,
    )
    return found


def _diff(a: Any, b: Any, path: FieldPath, say: Callable[[str], None]) -> None:
    if a == b:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in dict.fromkeys([*a, *b]):
            _diff(a.get(key), b.get(key), (*path, key), say)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _diff(x, y, (*path, i), say)
    else:
        say(f"{format_path(path)}: {_short(a)} -> {_short(b)}")


def _short(value: Any) -> str:
    text = "(none)" if value is None else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def lost_in_json_resume(profile: Profile) -> list[str]:
    """The profile's fields that JSON Resume's own fields cannot give back (by path)."""
    back = import_resume(export_resume(profile, embed=False))
    try:
        again = Profile.model_validate(back.data)
    except ValueError:  # not expected: export writes what import reads
        return ["(the whole profile)"]
    return [line.split(":", 1)[0] for line in differences(profile, again)]
