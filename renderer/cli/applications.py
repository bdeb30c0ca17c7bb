"""`resume applications`: every application and where it stands; `resume sent`: keep the
files of one as sent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from renderer.cli.app import app
from renderer.cli.common import application_files, fail, json_text, print_data, say

if TYPE_CHECKING:
    from renderer.errors import Problem


@app.command("applications", short_help="List applications: company, role, status, files.")
def applications_command(
    folders: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            help="Application files or folders (default: ./applications).", metavar="FOLDER"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the list as JSON.")] = False,
) -> None:
    """Every application: company, role, status, the day it was sent and the files sent (with
    whether they are still what was sent), or the files rendered so far."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from renderer.errors import InputError, Problem
    from renderer.inputs.application import load_application
    from renderer.jobs.sent import read_sent

    given = folders or [Path("applications")]
    files = application_files(given)
    if not files:
        raise fail(f"no application files in {', '.join(map(str, given))}")
    rows: list[dict[str, Any]] = []
    unread: list[Problem] = []  # said after the list of the others
    for path in files:
        try:
            loaded = load_application(path, read_job=False)
        except InputError as error:
            unread += error.problems
            continue
        a = loaded.application
        sent = read_sent(path)
        if a.status == "sent" and sent is None:
            unread.append(
                Problem(
                    str(path),
                    "marked sent, but the files sent are not kept beside it "
                    f"({path.with_suffix('.sent').name}/ is missing): run `resume sent` "
                    "when you send an application",
                )
            )
        day = sent.day if sent else a.sent
        rows.append(
            {
                "application": str(path),
                "company": a.company,
                "role": a.role,
                "status": "sent" if sent and a.status == "draft" else a.status,
                "sent": day.isoformat() if day else None,
                "deadline": a.deadline.isoformat() if a.deadline else None,
                "files": [f.name for f in sent.files] if sent else [],
                "kept_in": str(sent.folder) if sent else None,
                "changed": sent.changed() if sent else [],
            }
        )
    if as_json:
        print_data(json_text(rows))
        _said(unread)
        return
    table = Table(title=f"{len(rows)} applications", title_justify="left")
    for column in ("application", "company", "role", "status", "sent", "files sent"):
        table.add_column(column, overflow="fold")
    for row in rows:
        kept = escape("; ".join(row["files"]) or "—")
        if row["changed"]:
            kept += f" [red]({escape('; '.join(row['changed']))})[/]"
        cells = (Path(row["application"]).stem, row["company"], row["role"], row["status"])
        table.add_row(*map(escape, cells), row["sent"] or "—", kept)
    Console(highlight=False).print(table)
    _said(unread)


def _said(unread: list[Problem]) -> None:
    """The applications that could not be listed, after those that could; a non-zero exit."""
    if unread:
        raise fail(unread, 1)


@app.command("sent", short_help="Keep an application's files as sent, with their SHA-256.")
def sent_command(
    application: Annotated[
        Path, typer.Argument(help="The application file.", metavar="APPLICATION")
    ],
    on: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--on", help="The day it was sent, 2026-11-23 (default: today).", metavar="DAY"
        ),
    ] = None,
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Where it was rendered (default: output).", metavar="DIR"),
    ] = Path("output"),
) -> None:
    """Copy the files rendered for APPLICATION into APPLICATION.sent/ beside it, with each
    file's SHA-256, and mark it sent: those files are never rendered again, so what was sent
    can be told months later. Rendering it again afterwards writes to a new folder."""
    from renderer.errors import InputError
    from renderer.inputs import load_profile
    from renderer.inputs.application import load_application
    from renderer.jobs.applications import application_folder
    from renderer.jobs.sent import NotSent, freeze

    try:
        day = dt.date.fromisoformat(on) if on else dt.date.today()
    except ValueError:
        raise fail(f"--on {on}: write the day as 2026-11-23") from None
    try:
        loaded = load_application(application)
        profile_path = loaded.profile_path()
        profile = load_profile(profile_path)
        rendered = application_folder(out, loaded, profile, profile_path)
        a = loaded.application
        about = {"application": application.name, "company": a.company, "role": a.role}
        sent = freeze(application, rendered, day, about)
    except InputError as error:
        raise fail(error.problems) from None
    except NotSent as error:
        raise fail(str(error), 1) from None
    for file in sent.files:
        print(f"{file.sha256}  {sent.folder / file.name}")
    say(
        "[green]sent:[/]",
        f"{application.name} on {day}; {len(sent.files)} files kept in {sent.folder}",
    )
