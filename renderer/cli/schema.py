"""`resume schema`: the profile's (or an application's) JSON Schema."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from renderer.cli.app import app
from renderer.cli.common import (
    fail,
    takes_utf8,
    write_file,
)


@app.command(short_help="Print the profile's JSON Schema.")
def schema(
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output", "-o", help="Write to a file instead of standard output.", metavar="FILE"
        ),
    ] = None,
    application: Annotated[
        bool, typer.Option("--application", help="The application file's schema instead.")
    ] = False,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Print the profile's JSON Schema (for editor completion and CI validation)."""
    from renderer.inputs.application import Application
    from renderer.profile.model import Profile
    from renderer.profile.schema import schema_json

    model = Application if application else Profile
    if output is None:
        # A terminal or pipe that cannot take UTF-8 still gets valid JSON: \u escapes.
        text = schema_json(ascii_only=not takes_utf8(sys.stdout), model=model)
        sys.stdout.write(text)
    else:
        mine = output.is_file() and not output.is_symlink() and os.access(output, os.W_OK)
        if mine and not force:  # anything else: write_file says what it is and refuses
            raise fail(f"{output} exists; use --force to overwrite it")
        write_file(output, schema_json(model=model).encode("utf-8"))
