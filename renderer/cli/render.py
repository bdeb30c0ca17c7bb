"""`resume render`: profiles in their themes and formats, or applications (--for), with a
table of what was written and checked."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from renderer.cli import watching
from renderer.cli.app import app
from renderer.cli.common import (
    DEFAULT_THEME,
    PageSize,
    RenderRequest,
    TagsOption,
    application_files,
    complete_format,
    complete_theme,
    fail,
    format_names,
    human_size,
    print_warnings,
    profile_paths,
    say,
    split_list,
    stderr,
    theme_names,
)

if TYPE_CHECKING:
    from renderer.jobs.render import Result


# The options of `resume render`, declared once here so the command reads as a list.
Profiles = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Argument(
        help="Profile files or folders of them (default: ./profiles).", metavar="PROFILE"
    ),
]
ThemeChoice = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--theme",
        "-t",
        help="Theme name or folder; a,b for several; all (default: classic, or the application's).",
        metavar="THEME",
        autocompletion=complete_theme,
    ),
]
FormatChoice = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--format",
        "-f",
        help="pdf,docx,html,txt,md (any of them) or all (default: all; pdf,docx with --for).",
        metavar="FORMATS",
        autocompletion=complete_format,
    ),
]
Out = Annotated[
    Path,
    typer.Option(
        "--out", "-o", help="Output folder, or a file when one file is written.", metavar="PATH"
    ),
]
Check = Annotated[bool, typer.Option("--check", help="Read every written file back and verify it.")]
Jobs = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        help="Worker processes; 0 (the default): one per processor when the batch is "
        "large enough to gain from it.",
        metavar="N",
    ),
]
Exclude = Annotated[
    str,
    typer.Option(
        "--exclude-tags", help="Leave out items with any of these tags (a,b).", metavar="TAGS"
    ),
]
Applications = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--for",
        help="An application file (or a folder of them): its tailored resume, cover "
        "letter and keyword report, named for upload.",
        metavar="APPLICATION",
    ),
]
Pages = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--pages", min=1, max=10, help="Fit the resume to N pages.", metavar="N"),
]
Language = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--locale",
        help="The language (en, de, fr, zh-Hans, …) instead of the profile's.",
        metavar="LOCALE",
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No table, no warnings.")]
Scheduler = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--scheduler",
        help="Run the batch on a Dask cluster (tcp://host:8786; extra [dask]); files are "
        "written here, as a local run writes them.",
        metavar="ADDRESS",
    ),
]
PdfA = Annotated[
    bool,
    typer.Option(
        "--pdf-a",
        help="Archival PDF (PDF/A-2b). Every PDF already is, tagged PDF/UA-1 too: accepted "
        "for scripts and portals that ask for it, it changes nothing.",
    ),
]
Watch = Annotated[
    bool,
    typer.Option(
        "--watch",
        "-w",
        help="Render and check again whenever a profile, theme or application changes; "
        "one line per render. Ctrl-C stops.",
    ),
]


@app.command(short_help="Render profiles (or applications, with --for).")
def render(
    profiles: Profiles = None,
    theme: ThemeChoice = None,
    fmt: FormatChoice = None,
    out: Out = Path("output"),
    page_size: PageSize = None,
    run_check: Check = False,
    jobs: Jobs = 0,
    tags: Annotated[str, TagsOption] = "",
    exclude: Exclude = "",
    applications: Applications = None,
    pages: Pages = None,
    language: Language = None,
    quiet: Quiet = False,
    watch: Watch = False,
    scheduler: Scheduler = None,
    pdf_a: PdfA = False,
) -> None:
    """Render profiles to output/<who>/<who>-<theme>[-<tags>][-<page size>].<format>, or
    applications (--for) to output/<who>/<application>/<Name>-Resume.<format> and the rest."""
    if page_size not in (None, "letter", "a4"):
        raise fail(f"--page-size must be letter or a4, not {page_size!r}")
    if language is not None:
        from renderer.locale import resolve

        try:
            language = resolve(language)
        except ValueError as error:
            raise fail(str(error)) from None
    request = RenderRequest(
        profiles, theme, fmt, out, page_size, run_check, jobs, tags, exclude, applications, pages
    )
    request = request._replace(language=language, quiet=quiet, scheduler=scheduler)
    if scheduler and (watch or applications):
        raise fail("--scheduler runs a batch of profiles: not with --watch or --for")
    if watch:
        watching.watch(request._replace(run_check=True, quiet=True), _render_quietly)
    results = _render(request)
    check_failed = _report(results, quiet, out if not out.suffix else out.parent)
    for result in results:  # a bad profile stops itself, not the others: errors come last
        for message in result.errors:
            say("[bold red]error:[/]", message)
    codes = {result.exit_code for result in results} | {1 if check_failed else 0}
    raise typer.Exit(2 if 2 in codes else max(codes))


def _render(r: RenderRequest) -> list[Result]:
    if r.applications:
        return _render_applications(
            r.applications, r.profiles, r.theme, r.fmt, r.out, r.page_size, r.run_check, r.pages
        )
    return _render_profiles(
        r.profiles,
        r.theme,
        r.fmt,
        r.out,
        r.page_size,
        r.run_check,
        r.jobs,
        r.tags,
        r.exclude,
        r.pages,
        r.quiet,
        r.language,
        r.scheduler,
    )


def _render_quietly(request: RenderRequest) -> list[Result]:
    """One render of a watch, in its child: a usage error becomes the round's error."""
    from renderer.jobs.render import Result

    try:
        return _render(request)
    except typer.Exit:  # fail has said why, on standard error
        return [Result(Path("."), errors=["the render stopped on the error above"], exit_code=2)]


def _render_profiles(
    profiles: list[Path] | None,
    theme: str | None,
    fmt: str | None,
    out: Path,
    page_size: str | None,
    run_check: bool,
    jobs: int,
    tags: str,
    exclude: str,
    pages: int | None,
    quiet: bool,
    language: str | None = None,
    scheduler: str | None = None,
) -> list[Result]:
    from renderer.jobs.render import Job, prepare

    chosen_themes = theme_names(theme or DEFAULT_THEME, page_size)
    formats, variant = format_names(fmt or "all"), tuple(split_list(tags))
    left_out = tuple(split_list(exclude))
    paths = profile_paths(profiles)
    out, single = _single_file(out, len(paths) * len(chosen_themes) * len(formats), formats)
    jobs_list, failed = prepare(
        paths,
        lambda path, loaded: Job(
            path,
            chosen_themes,
            formats,
            out,
            page_size,
            run_check,
            variant,
            loaded,
            left_out,
            pages,
            single,
            language,
        ),
    )
    if scheduler:
        return _on_cluster(jobs_list, scheduler) + failed
    return _run_all(jobs_list, jobs, quiet) + failed


def _on_cluster(jobs_list: list, address: str) -> list[Result]:
    try:
        from renderer.jobs.cluster import run_on_cluster

        return run_on_cluster(jobs_list, address)
    except ImportError:
        raise fail(
            "--scheduler needs the dask extra: pip install 'resume-renderer[dask]'"
        ) from None
    except (OSError, ValueError, TimeoutError) as error:  # no scheduler there, or it went away
        raise fail(f"--scheduler {address}: {error}", 1) from None


def _single_file(out: Path, count: int, formats: tuple[str, ...]) -> tuple[Path, Path | None]:
    """`--out cv.pdf`: a file, when exactly one is written (and of its kind); else a folder."""
    from renderer.formats import by_suffix

    fmt = by_suffix(out.suffix) if out.suffix else None
    if fmt is None:
        return out, None
    if count != 1 or formats != (fmt.name,):
        raise fail(
            f"--out {out} names a {fmt.name} file, but {count} file(s) of "
            f"{', '.join(formats)} would be written; name a folder, or ask for one file "
            f"(one profile, one theme, -f {fmt.name})"
        )
    return out.parent, out


def _render_applications(
    applications: list[Path],
    profiles: list[Path] | None,
    theme: str | None,
    fmt: str | None,
    out: Path,
    page_size: str | None,
    run_check: bool,
    pages: int | None,
) -> list[Result]:
    from renderer.jobs.applications import Request, run_application_safely

    for path in applications:
        if path.is_dir() and not application_files([path]):
            raise fail(f"{path}: no application files (.yaml, .yml, .json) in this folder")
    files = list(dict.fromkeys(application_files(applications)))
    by_name: dict[str, list[Path]] = {}
    for file in files:  # output/<who>/<application name>/: one name, one folder
        by_name.setdefault(file.stem.lower(), []).append(file)
    for same in (paths for paths in by_name.values() if len(paths) > 1):
        raise fail(
            f"{', '.join(map(str, same))}: applications of one name would write into one "
            "folder, the second replacing the first; rename one"
        )
    if profiles and (len(profiles) > 1 or len(files) > 1):
        raise fail("with --for, give at most one profile, for one application")
    if out.suffix:
        raise fail(
            f"--out {out}: with --for, name a folder (each application writes several files)"
        )
    if theme:
        theme_names(theme, page_size)  # its errors now, before anything is written
    formats = format_names(fmt) if fmt else None
    return [
        run_application_safely(
            Request(
                file,
                profiles[0] if profiles else None,
                theme,
                formats,
                out,
                pages,
                page_size,
                run_check,
            )
        )
        for file in files
    ]


def _run_all(jobs_list: list, jobs: int, quiet: bool) -> list[Result]:
    from renderer.jobs.parallel import run_all

    if quiet or len(jobs_list) <= 3:  # no progress bar: spare the import of rich
        return run_all(jobs_list, jobs)
    from rich.progress import Progress

    # No refresh thread: workers are forked from this process, and a fork copies no thread.
    with Progress(console=stderr(), transient=True, auto_refresh=False) as progress:
        task = progress.add_task("Rendering", total=len(jobs_list))

        def advance() -> None:
            progress.advance(task)
            progress.refresh()

        return run_all(jobs_list, jobs, advance)


def _report(results: list[Result], quiet: bool, out: Path) -> bool:
    failed = any(w.report and not w.report.ok for r in results for w in r.written)
    if quiet and not failed:
        return False
    from renderer.cli.terminal import table

    # Files are listed under their folder, relative to the output folder, so that a line
    # fits an 80-column terminal: the folder once, then each file by its name.
    rows: list[list[tuple[str, str]]] = []
    folder = None
    for result in results:
        if not quiet:
            print_warnings(result.warnings)
            for note in result.notes:
                say("[cyan]note:[/]", note)
        for written in result.written:
            if not quiet:
                print_warnings(written.warnings)
            status = ("—", "")
            if written.report is not None:
                status = ("ok", "green") if written.report.ok else ("FAILED", "red")
                for problem in written.report.problems:
                    say("[red]check:[/]", f"{written.path}: {problem}")
            where = _relative(written.path.parent, out)
            if where != folder:
                folder = where
                if where:
                    rows.append([(where + os.sep, "bold"), ("", ""), ("", ""), ("", "")])
            name = ("  " if where else "") + written.path.name
            pages = str(written.pages or "—")
            rows.append([(name, ""), (pages, ""), (human_size(written.size), ""), status])
    if not quiet and rows:
        table(f"Written to {out}{os.sep}", ["file", "pages", "size", "check"], rows)
    return failed


def _relative(folder: Path, out: Path) -> str:
    """A folder inside the output folder, as a path from it ('' for the folder itself)."""
    try:
        inside = folder.relative_to(out)
    except ValueError:
        return str(folder)
    return "" if str(inside) == "." else str(inside)
