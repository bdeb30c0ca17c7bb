"""`resume preview`: the first page in every theme, side by side."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from renderer.cli.app import app
from renderer.cli.common import (
    PageSize,
    complete_theme,
    fail,
    print_warnings,
    say,
    theme_names,
    write_file,
)


@app.command(short_help="One picture of a profile in every theme.")
def preview(
    profile: Annotated[Path, typer.Argument(help="The profile.", metavar="PROFILE")],
    theme: Annotated[
        str,
        typer.Option(
            "--theme",
            "-t",
            help="Themes to show (a,b or all).",
            metavar="THEMES",
            autocompletion=complete_theme,
        ),
    ] = "all",
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            help="The PNG to write (default: output/<who>/<who>-preview.png).",
            metavar="FILE",
        ),
    ] = None,
    dpi: Annotated[
        int, typer.Option(min=40, max=300, help="Pixels per inch of each page.", metavar="N")
    ] = 100,
    columns: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(min=1, help="Pages per row (default: all in one row).", metavar="N"),
    ] = None,
    page_size: PageSize = None,
) -> None:
    """Write one PNG with the first page of this profile in every theme, side by side, at a
    size where the text can be read: to choose a theme."""
    from renderer.errors import InputError, RenderError
    from renderer.inputs import load_profile
    from renderer.jobs.preview import first_page, fitting_dpi, sheet
    from renderer.jobs.render import describe, person_slug

    if page_size not in (None, "letter", "a4"):
        raise fail(f"--page-size must be letter or a4, not {page_size!r}")
    from renderer.profile.advice import lint

    try:
        loaded = load_profile(profile)
        names = theme_names(theme, page_size)
    except InputError as error:
        raise fail(error.problems) from None
    print_warnings(lint(loaded))
    asked, dpi = dpi, fitting_dpi(len(names), columns, dpi)
    if dpi < asked:
        say(
            "[cyan]note:[/]",
            f"{len(names)} pages at {asked} dpi would make a sheet too large; at {dpi} dpi",
        )
    pages, failed = [], False
    for name in names:  # a theme that cannot draw this profile is said, the others shown
        try:
            pages.append(first_page(loaded, name, dpi, page_size))
        except InputError as error:
            for problem in error.problems:
                say("[bold red]error:[/]", problem)
            failed = True
        except RenderError as error:
            say("[bold red]error:[/]", f"theme {name!r}: {describe(error, loaded)}")
            failed = True
    if not pages:
        raise typer.Exit(1)
    who = person_slug(loaded.profile.name, profile, loaded.profile.locale)
    path = output or Path("output") / who / f"{who}-preview.png"
    write_file(path, sheet(pages, columns))
    shown = ", ".join(page.theme for page in pages)
    print(f"wrote {path} ({shown}; first pages at {dpi} dpi)")
    raise typer.Exit(1 if failed else 0)
