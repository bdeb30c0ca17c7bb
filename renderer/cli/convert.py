"""`resume import` and `resume export`: a profile from another format, and a profile as JSON
Resume."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from renderer.cli.app import app
from renderer.cli.common import (
    fail,
    print_data,
    print_warnings,
    say,
    where,
    write_file,
)


@app.command("import", short_help="Turn a JSON Resume or RenderCV file into a profile.")
def import_command(
    source: Annotated[
        Path,
        typer.Argument(
            help="A resume in another format: JSON Resume (resume.json), RenderCV (…_CV.yaml).",
            metavar="FILE",
        ),
    ],
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            help="The profile to write (default: standard output).",
            metavar="FILE",
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Turn a resume in another format into a profile (YAML), listing what it could not hold."""
    from renderer.errors import InputError
    from renderer.inputs import PROFILE, read
    from renderer.inputs.profile_yaml import dump_profile

    if output is not None and (output.exists() or output.is_symlink()) and not force:
        raise fail(f"{output} exists; use --force to overwrite it")
    try:
        fmt, loaded = read(source)
    except InputError as error:
        raise fail(error.problems) from None
    if fmt is PROFILE:
        raise fail(
            f"{source}: is a profile already (not JSON Resume or RenderCV); render it as it is"
        )
    print_warnings(list(loaded.notes))
    comments = [f"Imported from {source.name} ({fmt.name}) by `resume import`."]
    unplaced = [p for p in loaded.notes if p.message.startswith("not placed")]
    changed = [p for p in loaded.notes if p not in unplaced and not p.message.startswith("check:")]
    if changed:
        comments += ["What the import left out or changed:"]
        comments += [f"  {p.message}{where(p)}" for p in changed]
    if loaded.guesses:
        comments += ["Values marked `# check:` are guesses: confirm or correct them."]
    closing = ["Lines the import could not place (add them where they belong):"] if unplaced else []
    closing += [f"  {p.message.removeprefix('not placed: ')}{where(p)}" for p in unplaced]
    text = dump_profile(loaded.profile, comments, output, guesses=loaded.guesses, closing=closing)
    if output is None:
        print_data(text)
        return
    write_file(output, text.encode("utf-8"))
    print(f"wrote {output}; next: resume render {output}", file=sys.stderr)


@app.command("export", short_help="Write a profile as JSON Resume.")
def export_command(
    profile: Annotated[Path, typer.Argument(help="The profile.", metavar="PROFILE")],
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output", "-o", help="Where to write (default: standard output).", metavar="FILE"
        ),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Only JSON Resume's own fields: no copy of the profile under meta, so an "
            "import gives back only what they hold.",
        ),
    ] = False,
) -> None:
    """Write a profile as JSON Resume (resume.json) for its themes and tools."""
    import json

    from renderer.errors import InputError
    from renderer.inputs import load_profile
    from renderer.inputs.jsonresume import export_resume, lost_in_json_resume

    try:
        loaded = load_profile(profile)
    except InputError as error:
        raise fail(error.problems) from None
    lost = lost_in_json_resume(loaded.profile)
    if lost:
        kept = "lost (--plain)" if plain else "kept only in meta.x-resume-renderer"
        shown = ", ".join(lost[:4]) + (f" and {len(lost) - 4} more" if len(lost) > 4 else "")
        say("[cyan]note:[/]", f"JSON Resume has no field for {shown}: {kept}")
    document = export_resume(loaded.profile, embed=not plain)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        print_data(text)
    else:
        write_file(output, text.encode("utf-8"))
        print(f"wrote {output}", file=sys.stderr)
