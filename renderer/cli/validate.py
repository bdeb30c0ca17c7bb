"""`resume validate`: a profile's errors and warnings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from renderer.cli.app import app
from renderer.cli.common import (
    DEFAULT_THEME,
    fail,
    print_warnings,
    profile_paths,
)
from renderer.errors import Problem, parse_path

if TYPE_CHECKING:
    from renderer.profile.sourced import LoadedProfile


@app.command(short_help="Check profiles; print errors and warnings.")
def validate(
    profiles: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(help="Profile files or folders (default: ./profiles).", metavar="PROFILE"),
    ] = None,
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors.")] = False,
) -> None:
    """Check profiles against the schema; print errors (exit 2) and warnings."""
    from renderer.errors import InputError
    from renderer.inputs import load_profile
    from renderer.profile.advice import lint

    problems, warned = [], False
    for path in profile_paths(profiles):
        try:
            loaded = load_profile(path)
            warnings = lint(loaded)
        except InputError as error:
            problems += error.problems
            continue
        warnings += _undrawable(loaded)
        print_warnings(warnings)
        warned = warned or bool(warnings)
        if not warnings:
            print(f"{path}: ok")
    if problems:
        raise fail(problems)
    raise typer.Exit(2 if strict and warned else 0)


def _undrawable(loaded: LoadedProfile) -> list[Problem]:
    """What the default theme's fonts cannot draw, said as render would say it: a profile
    'ok' here stopped at render with a character no font has (Cherokee, Mongolian). Only a
    profile with characters beyond Latin is drawn to find out."""
    from renderer.compose.resume import compose
    from renderer.errors import RenderError
    from renderer.formats import Options, paged
    from renderer.theme.model import load_theme

    text = loaded.profile.model_dump_json()
    if all(ord(c) < 0x250 for c in text):
        return []
    theme = load_theme(DEFAULT_THEME)
    try:
        paged().render(compose(loaded.profile, theme), theme, Options())
    except RenderError as error:
        mark = loaded.positions.of(parse_path(error.source)) if error.source else None
        line = mark[0] if mark else None
        return [Problem(str(loaded.path), f"theme {theme.name!r}: {error.message}", line)]
    return []
