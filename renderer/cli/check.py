"""`resume check`: files read back as an applicant tracking system would, compared with the
profile (or the application) they were made from."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from renderer.cli.app import app
from renderer.cli.common import (
    DEFAULT_THEME,
    TagsOption,
    fail,
    print_warnings,
    say,
    split_list,
)

if TYPE_CHECKING:
    from renderer.ats.check import Report
    from renderer.compose.document import Document
    from renderer.theme.model import Theme


# The options of `resume check`.
Files = Annotated[
    list[Path],
    typer.Argument(help="PDF, DOCX, HTML, TXT or MD files to verify.", metavar="FILE"),
]
ProfileOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--profile", help="The profile the files were made from.", metavar="PROFILE"),
]
ThemeOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--theme",
        "-t",
        help="The theme they used (default: the one in the file's name, else classic).",
        metavar="THEME",
    ),
]
Explain = Annotated[
    bool,
    typer.Option(
        "--explain",
        help="Show, per reader, what an ATS would fill in: each entry's title, "
        "organisation, dates and bullets (needs --profile).",
    ),
]
ForApplication = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--for",
        help="The application the files were made for (its resume and cover letter; a "
        "letter without a date of its own is checked against today's).",
        metavar="APPLICATION",
    ),
]


@app.command("check", short_help="Read files back as an ATS would.")
def check_command(
    files: Files,
    profile: ProfileOption = None,
    theme: ThemeOption = None,
    tags: Annotated[str, TagsOption] = "",
    explain: Explain = False,
    application: ForApplication = None,
) -> None:
    """Read files back as an ATS would and prove every line of the resume survived."""
    from renderer.ats.check import MAX_FILE_BYTES
    from renderer.compose.resume import compose
    from renderer.errors import InputError, RenderError
    from renderer.files import read_bytes
    from renderer.inputs import load_profile
    from renderer.jobs.render import check_file, describe
    from renderer.profile.advice import lint
    from renderer.theme.model import load_theme

    document, chosen, letter = None, None, None
    composed: dict[str, tuple[Document, Theme]] = {}
    if application is not None:
        document, letter, chosen = _application_documents(application, profile, theme)
    elif profile is not None:
        try:
            loaded = load_profile(profile)
            print_warnings(lint(loaded))
        except InputError as error:
            raise fail(error.problems) from None
    code = 0
    for file in files:
        guessed = ""
        if application is None and profile is not None:
            # The theme a file was made with is in its name (rui-shao-modern.pdf), as render
            # names it; --theme says it for files named otherwise.
            named = _theme_in_name(file, split_list(tags))
            name = theme or named or DEFAULT_THEME
            guessed = (
                ""
                if theme
                else f"{name!r} " + ("(in the file's name)" if named else "(the default)")
            )
            try:
                if name not in composed:
                    made = load_theme(name)
                    composed[name] = (compose(loaded.profile, made, split_list(tags)), made)
                document, chosen = composed[name]
            except InputError as error:
                raise fail(error.problems) from None
            except RenderError as error:
                raise fail(describe(error, loaded), 1) from None
        try:
            data = read_bytes(file, MAX_FILE_BYTES, "resume")
            is_letter = letter is not None and "cover-letter" in file.name.lower()
            report = check_file(file, data, letter if is_letter else document, chosen)
        except InputError as error:  # not a format we read, missing, a folder, a FIFO, …
            for problem in error.problems:
                say("[bold red]error:[/]", problem)
            code = 2
            continue
        print_warnings(report.warnings)
        if explain:
            _explain(file, report)
        if report.ok:
            found = [f"{report.lines_found}/{report.lines_total} lines"] if document else []
            found += ["tagged"] if report.tagged else []
            print(f"{file}: ok" + (f" ({', '.join(found)})" if found else ""))
        else:
            code = max(code, 1)
            for finding in report.problems:
                say("[red]check:[/]", f"{file}: {finding}")
            if guessed:
                say(
                    "[cyan]note:[/]",
                    f"{file}: compared with the profile in theme {guessed}; give --theme "
                    "if it was made with another",
                )
    raise typer.Exit(code)


def _theme_in_name(file: Path, tags: list[str]) -> str | None:
    """The theme named in a file name render wrote: <who>-<theme>[-<tags>][-<page size>]."""
    from renderer.jobs.render import slug
    from renderer.theme.model import builtin_names

    parts = file.stem.lower().split("-")
    if parts and parts[-1] in ("a4", "letter"):
        parts.pop()
    for tag in reversed(sorted(slug(t) for t in tags)):
        if parts and parts[-1] == tag:
            parts.pop()
    return parts[-1] if len(parts) > 1 and parts[-1] in builtin_names() else None


def _application_documents(
    application: Path, profile: Path | None, theme: str | None
) -> tuple[Document, Document | None, Theme]:
    """The resume and cover letter an application makes, for `check --for`."""
    import datetime as dt

    from renderer.errors import InputError, RenderError
    from renderer.inputs import load_profile
    from renderer.inputs.application import load_application
    from renderer.jobs.applications import compose_application
    from renderer.theme.model import load_theme

    try:
        app = load_application(application)
        loaded = load_profile(profile or app.profile_path())
        chosen = load_theme(app.application.theme or theme or DEFAULT_THEME)
        document, letter = compose_application(app, loaded, chosen, dt.date.today())
    except InputError as error:
        raise fail(error.problems) from None
    except RenderError as error:
        raise fail(str(error), 1) from None
    return document, letter, chosen


def _explain(file: Path, report: Report) -> None:
    """The parsed form, per reader: what an applicant tracking system would put in its fields."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    if report.structure:  # what a screen reader or an accessibility check walks
        print(f"{file}: structure tree (tagged PDF)")
        print("\n".join(f"  {line}" for line in report.structure))
    elif report.tagged is False:
        print(f"{file}: no structure tree (the PDF is not tagged)")
    if not report.parses:
        say("[yellow]warning:[/]", f"{file}: --explain needs --profile to know the entries")
    for parsed in report.parses:
        table = Table(title=f"{file.name} as read by {parsed.reader}", title_justify="left")
        for column in ("section", "title", "organisation", "dates", "bullets"):
            table.add_column(column, overflow="fold")
        for entry in parsed.entries:
            fields = (entry.section, entry.title, entry.organisation, entry.dates)
            cells = [escape(value) or "—" for value in fields]
            table.add_row(*cells, str(entry.bullets) if entry.line >= 0 else "[red]not found[/]")
        Console(highlight=False).print(table)
