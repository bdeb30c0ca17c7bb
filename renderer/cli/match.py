"""`resume match`: which of a job advert's terms the resume shows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from renderer.cli.app import app
from renderer.cli.common import (
    DEFAULT_THEME,
    TagsOption,
    fail,
    json_text,
    print_data,
    split_list,
)


@app.command(short_help="The job advert's terms the resume shows.")
def match(
    profile: Annotated[Path, typer.Argument(help="The profile.", metavar="PROFILE")],
    job: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(help="The job advert as a text file.", metavar="JOB"),
    ] = None,
    application: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--for",
            help="Measure the application's tailored resume (and its advert).",
            metavar="APPLICATION",
        ),
    ] = None,
    tags: Annotated[str, TagsOption] = "",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON (terms, coverage).")
    ] = False,
) -> None:
    """The advert's terms a recruiter screens for (required first), which the resume shows and
    where, which it comes near in other words, and where a missing one would go."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from renderer.ats.keywords import coverage
    from renderer.compose.resume import compose
    from renderer.errors import InputError
    from renderer.inputs import load_profile
    from renderer.inputs.application import load_application, read_job_file
    from renderer.jobs.render import check_tags
    from renderer.theme.model import load_theme

    try:
        loaded = load_profile(profile)
        company, role, chosen_tags, exclude, order, omit, text = (
            "",
            "",
            split_list(tags),
            [],
            [],
            [],
            "",
        )
        if application is not None:
            app = load_application(application)
            a = app.application
            company, role, text = a.company, a.role, app.job_text
            chosen_tags, exclude = [*chosen_tags, *a.tags], a.exclude_tags
            order, omit = a.sections.order, a.sections.omit
        if job is not None:
            text = read_job_file(job)
        if not text.strip():
            raise fail("give the job advert: a text file, or --for an application with a job")
        check_tags(loaded, (*chosen_tags, *exclude))
        document = compose(
            loaded.profile,
            load_theme(DEFAULT_THEME),
            chosen_tags,
            order,
            exclude=exclude,
            omit=omit,
        )
    except InputError as error:
        raise fail(error.problems) from None
    result = coverage(text, document, ignore=(company,) if company else (), title=role)
    if as_json:
        print_data(json_text(result.to_json()))
        return
    table = Table(title=result.summary(), title_justify="left")
    for column in ("term", "", "shown", "where, or what is close"):
        table.add_column(column, overflow="fold")
    for term in result.terms:
        need = "required" if term.required else "preferred"
        if term.found:
            shown, said = "[green]yes[/]", "; ".join(term.where)
        elif term.near:
            shown = "[yellow]near[/]"
            said = "; ".join(f"'{n.words}' ({n.where})" for n in term.near)
        else:
            shown, said = "[red]no[/]", term.suggest
        table.add_row(escape(term.term), need, shown, escape(said))
    Console(highlight=False).print(table)
