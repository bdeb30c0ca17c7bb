"""`resume new`: a commented profile to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from renderer.cli.app import app
from renderer.cli.common import (
    fail,
    write_file,
)


@app.command(short_help="Write a commented profile to fill in.")
def new(
    path: Annotated[
        Path, typer.Argument(help="Where to write the new profile.", metavar="PATH")
    ] = Path("profile.yaml"),
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a profile to fill in, with every section shown and commented."""
    from renderer.profile.schema import scaffold

    if path.is_dir():
        raise fail(f"{path} is a folder; give the path of the profile file to write")
    if (path.exists() or path.is_symlink()) and not force:
        raise fail(f"{path} exists; use --force to overwrite it")
    text = scaffold()
    if path.suffix.lower() == ".json":  # JSON has no comments: the example values alone
        import json

        import yaml

        text = json.dumps(yaml.safe_load(text), indent=2, ensure_ascii=False) + "\n"
    write_file(path, text.encode("utf-8"))
    print(f"wrote {path}; fill it in, then: resume validate {path}")
