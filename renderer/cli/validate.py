"""`resume validate`: a profile's errors and warnings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from renderer.cli.app import app
from renderer.cli.common import (
    fail,
    print_warnings,
    profile_paths,
)


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
            warnings = lint(load_profile(path))
        except InputError as error:
            problems += error.problems
            continue
        print_warnings(warnings)
        warned = warned or bool(warnings)
        if not warnings:
            print(f"{path}: ok")
    if problems:
        raise fail(problems)
    raise typer.Exit(2 if strict and warned else 0)
