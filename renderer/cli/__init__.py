"""The `resume` command: thin. It parses arguments, calls the pipeline, and reports.

Exit codes: 0 all good, 1 a render or a check failed, 2 bad usage or bad input.
Heavy modules (pydantic models, reportlab, python-docx, rich) are imported inside the commands
that need them, so `resume --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple, Optional

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from renderer.ats.check import Report
    from renderer.compose.document import Document
    from renderer.errors import Problem
    from renderer.jobs.render import Result
    from renderer.theme.model import Theme

app = typer.Typer(
    name="resume",
    help="Write your career once as a YAML profile (or bring your JSON Resume); render "
    "ATS-friendly PDF, DOCX, HTML, text and Markdown resumes from it.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DEFAULT_THEME = "classic"


def _show_version(value: bool) -> None:
    if value:
        from renderer import __version__

        print(f"resume-renderer {__version__}")
        raise typer.Exit(0)


def _complete_list(choices: list[str], incomplete: str) -> list[str]:
    """Shell completion of a comma-separated value: the last part is the one being typed."""
    done, _, typing_now = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    return [prefix + c for c in choices if c.startswith(typing_now)]


def _complete_theme(incomplete: str) -> list[str]:
    from renderer.theme.model import builtin_names

    return _complete_list([*builtin_names(), "all"], incomplete)


def _complete_format(incomplete: str) -> list[str]:
    from renderer import formats as backends

    return _complete_list([*backends.names(), "all"], incomplete)


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_show_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Options of `resume` itself (its help is the app's, above)."""


PROFILE_SUFFIXES = (".yaml", ".yml", ".json")


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _say(label: str, message: object) -> None:
    """One line to standard error: a coloured label (`[bold red]error:[/]`), then the message
    exactly as written."""
    from renderer.cli.terminal import say

    say(label, str(message))


def _fail(problems: list[Problem] | str, code: int = 2) -> typer.Exit:
    for problem in [problems] if isinstance(problems, str) else problems:
        _say("[bold red]error:[/]", problem)
    return typer.Exit(code)


def _print_warnings(warnings: list[Problem] | list[str]) -> None:
    for warning in warnings:
        _say("[yellow]warning:[/]", warning)


def _profiles(paths: list[Path] | None) -> list[Path]:
    """Files as given; folders expanded to the profiles inside; nothing means ./profiles."""
    if not paths:
        default = Path("profiles")
        if not default.is_dir():
            raise _fail("no profiles given, and no profiles/ folder here; name a profile file")
        paths = [default]
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix.lower() in PROFILE_SUFFIXES)
            if not inside:
                raise _fail(f"{path}: no .yaml, .yml or .json profiles in this folder")
            found += inside
        else:
            found.append(path)
    return found


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _themes(value: str, page_size: str | None = None) -> tuple[str, ...]:
    from renderer.errors import InputError
    from renderer.jobs.render import theme_part
    from renderer.theme.model import available, load_theme

    names = sorted(available()) if value.strip() == "all" else list(dict.fromkeys(_split(value)))
    if not names:
        raise _fail("--theme needs a theme name or folder (see: resume themes)")
    by_part: dict[str, str] = {}
    try:
        for name in names:
            theme = load_theme(name)  # every theme's errors before any rendering starts
            part = theme_part(theme, page_size)  # what it puts in file names
            if part in by_part:  # both would write <who>-<part>.<format>
                raise _fail(
                    f"themes {by_part[part]!r} and {name!r} would both write "
                    f"<who>-{part}.<format>; render them separately"
                )
            by_part[part] = name
    except InputError as error:
        raise _fail(error.problems) from None
    return tuple(names)


def _formats(value: str) -> tuple[str, ...]:
    from renderer.formats import names

    known = names()
    chosen = known if value.strip() == "all" else tuple(dict.fromkeys(_split(value)))
    unknown = [f for f in chosen if f not in known]
    if unknown or not chosen:
        raise _fail(f"unknown format {', '.join(unknown)!r}; choose from {', '.join(known)}")
    return chosen


def _human_size(size: int) -> str:
    return f"{size / 1024:.1f} KiB" if size >= 1024 else f"{size} B"


PageSize = Annotated[
    Optional[str],  # noqa: UP045 (typer reads the annotation at run time)
    typer.Option("--page-size", "-p", help="letter or a4 (default: the theme's).", metavar="SIZE"),
]


TagsOption = typer.Option(
    "--tags",
    help="A variant: only untagged entries and bullets, and those with one of these tags (a,b).",
    metavar="TAGS",
)


@app.command(short_help="Render profiles (or applications, with --for).")
def render(
    profiles: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            help="Profile files or folders of them (default: ./profiles).", metavar="PROFILE"
        ),
    ] = None,
    theme: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--theme",
            "-t",
            help="Theme name or folder; a,b for several; all (default: classic, or the "
            "application's).",
            metavar="THEME",
            autocompletion=_complete_theme,
        ),
    ] = None,
    fmt: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            help="pdf,docx,html,txt,md (any of them) or all (default: all; pdf,docx with --for).",
            metavar="FORMATS",
            autocompletion=_complete_format,
        ),
    ] = None,
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="Output folder, or a file when one file is written.", metavar="PATH"
        ),
    ] = Path("output"),
    page_size: PageSize = None,
    run_check: Annotated[
        bool, typer.Option("--check", help="Read every written file back and verify it.")
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="Worker processes; 0 (the default): one per processor when the batch is "
            "large enough to gain from it.",
            metavar="N",
        ),
    ] = 0,
    tags: Annotated[str, TagsOption] = "",
    exclude: Annotated[
        str,
        typer.Option(
            "--exclude-tags", help="Leave out items with any of these tags (a,b).", metavar="TAGS"
        ),
    ] = "",
    applications: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option(
            "--for",
            help="An application file (or a folder of them): its tailored resume, cover "
            "letter and keyword report, named for upload.",
            metavar="APPLICATION",
        ),
    ] = None,
    pages: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--pages", min=1, max=10, help="Fit the resume to N pages.", metavar="N"),
    ] = None,
    language: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--locale",
            help="The language (en, de, fr, zh-Hans, …) instead of the profile's.",
            metavar="LOCALE",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No table, no warnings.")] = False,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            "-w",
            help="Render and check again whenever a profile, theme or application changes; "
            "one line per render. Ctrl-C stops.",
        ),
    ] = False,
) -> None:
    """Render profiles to output/<who>/<who>-<theme>[-<tags>][-<page size>].<format>, or
    applications (--for) to output/<who>/<application>/<Name>-Resume.<format> and the rest."""
    if page_size not in (None, "letter", "a4"):
        raise _fail(f"--page-size must be letter or a4, not {page_size!r}")
    if language is not None:
        from renderer.locale import resolve

        try:
            language = resolve(language)
        except ValueError as error:
            raise _fail(str(error)) from None
    request = _RenderRequest(
        profiles, theme, fmt, out, page_size, run_check, jobs, tags, exclude, applications, pages
    )
    request = request._replace(language=language, quiet=quiet)
    if watch:
        _watch(request._replace(run_check=True, quiet=True))
    results = _render(request)
    check_failed = _report(results, quiet, out if not out.suffix else out.parent)
    for result in results:  # a bad profile stops itself, not the others: errors come last
        for message in result.errors:
            _say("[bold red]error:[/]", message)
    codes = {result.exit_code for result in results} | {1 if check_failed else 0}
    raise typer.Exit(2 if 2 in codes else max(codes))


class _RenderRequest(NamedTuple):
    """What `resume render` was asked to do (picklable: a watch renders in a child)."""

    profiles: list[Path] | None
    theme: str | None
    fmt: str | None
    out: Path
    page_size: str | None
    run_check: bool
    jobs: int
    tags: str
    exclude: str
    applications: list[Path] | None
    pages: int | None
    language: str | None = None
    quiet: bool = False


def _render(r: _RenderRequest) -> list[Result]:
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
    )


def _render_quietly(request: _RenderRequest) -> list[Result]:
    """One render of a watch, in its child: a usage error becomes the round's error."""
    from renderer.jobs.render import Result

    try:
        return _render(request)
    except typer.Exit:  # _fail has said why, on standard error
        return [Result(Path("."), errors=["the render stopped on the error above"], exit_code=2)]


def _watched_paths(request: _RenderRequest) -> list[Path]:
    """Every file a render reads that a person edits: profiles (and the folders they are
    listed from), applications and their folders, themes and the themes they extend."""
    from renderer.errors import InputError
    from renderer.inputs.application import load_application
    from renderer.jobs.watch import theme_folders

    given = [*(request.profiles or [Path("profiles")]), *(request.applications or [])]
    names = _split(request.theme or DEFAULT_THEME)
    for path in _application_files(request.applications or []):
        try:  # the profile and theme an application names
            loaded = load_application(path)
        except InputError:  # the render says what is wrong with it
            continue
        if not request.profiles:
            given.append(loaded.profile_path())
        if loaded.application.theme and not request.theme:
            names.append(loaded.application.theme)  # found as render finds it
    if names == ["all"]:
        from renderer.theme.model import builtin_names

        names = builtin_names()
    return [*given, *theme_folders(names)]


def _watch(request: _RenderRequest) -> None:
    """Render, then render again on every change, one line each, until Ctrl-C."""
    import time

    # What the command line gets wrong is said once, now, not on every change. (Themes are
    # only found here, not loaded: one loaded here would be inherited, unchanged, by each
    # child.) A theme folder may be broken now and mended later; a name cannot change.
    from renderer.errors import InputError
    from renderer.jobs.watch import clock, in_child, snapshot, wait_for_change
    from renderer.theme.model import find

    for name in _split(request.theme or DEFAULT_THEME):
        if name != "all" and "/" not in name and not name.startswith("."):
            try:
                find(name)
            except InputError as error:
                raise _fail(error.problems) from None
    if request.fmt:
        _formats(request.fmt)
    if not request.applications:
        _profiles(request.profiles)
    before = snapshot(_watched_paths(request))
    print(f"watching {len(before)} files (profiles, themes); Ctrl-C stops", file=sys.stderr)
    shown: list[str] = []
    try:
        while True:
            start = time.perf_counter()
            try:
                results = in_child(_render_quietly, request)
            except Exception as error:  # noqa: BLE001 (a crashed render must not end the watch)
                results = []
                _say("[bold red]error:[/]", f"the render stopped: {type(error).__name__}: {error}")
            shown = _watch_line(results, time.perf_counter() - start, shown, clock())
            before = wait_for_change(lambda: _watched_paths(request), before)
    except KeyboardInterrupt:
        print(f"\n{clock()}  stopped watching", file=sys.stderr)
        raise typer.Exit(0) from None


def _watch_line(results: list[Result], seconds: float, shown: list[str], now: str) -> list[str]:
    """One line for a render (its time, its files, its problems); warnings only when they
    differ from the last render's. Returns the warnings shown."""
    written = [w for r in results for w in r.written]
    errors = [e for r in results for e in r.errors]
    failed = [
        f"{w.path}: {p}" for w in written if w.report and not w.report.ok for p in w.report.problems
    ]
    warnings = [str(p) for r in results for p in r.warnings]
    warnings += [f"{w.path.name}: {note}" for w in written for note in w.warnings]
    files = f"{len(written)} file{'s' if len(written) != 1 else ''}"
    if errors or failed:
        problems = len(errors) + len(failed)
        line = f"{now}  {problems} problem{'s' if problems > 1 else ''} ({files} written) "
        line += f"in {seconds:.2f} s"
    else:
        line = f"{now}  rendered {files} in {seconds:.2f} s, all checked ok"
    if warnings:
        line += f", {len(warnings)} warning{'s' if len(warnings) > 1 else ''}"
    print(line, flush=True)
    for message in errors:
        _say("  [bold red]error:[/]", message)
    for message in failed:
        _say("  [red]check:[/]", message)
    if warnings and warnings != shown:
        for message in warnings:
            _say("  [yellow]warning:[/]", message)
    return warnings if warnings or not errors else shown  # a profile that failed to load


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
) -> list[Result]:
    from renderer.jobs.render import Job, prepare

    chosen_themes = _themes(theme or DEFAULT_THEME, page_size)
    formats, variant = _formats(fmt or "all"), tuple(_split(tags))
    left_out = tuple(_split(exclude))
    paths = _profiles(profiles)
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
    return _run_all(jobs_list, jobs, quiet) + failed


def _single_file(out: Path, count: int, formats: tuple[str, ...]) -> tuple[Path, Path | None]:
    """`--out cv.pdf`: a file, when exactly one is written (and of its kind); else a folder."""
    from renderer.formats import by_suffix

    fmt = by_suffix(out.suffix) if out.suffix else None
    if fmt is None:
        return out, None
    if count != 1 or formats != (fmt.name,):
        raise _fail(
            f"--out {out} names a {fmt.name} file, but {count} file(s) of "
            f"{', '.join(formats)} would be written; name a folder, or ask for one file "
            f"(one profile, one theme, -f {fmt.name})"
        )
    return out.parent, out


def _application_files(paths: list[Path]) -> list[Path]:
    """Files as given; folders expanded to the application files inside."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(path.glob("*.y*ml")) + sorted(path.glob("*.json"))
        else:
            files.append(path)
    return files


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
        if path.is_dir() and not _application_files([path]):
            raise _fail(f"{path}: no application files (.yaml, .yml, .json) in this folder")
    files = _application_files(applications)
    if profiles and (len(profiles) > 1 or len(files) > 1):
        raise _fail("with --for, give at most one profile, for one application")
    if out.suffix:
        raise _fail(
            f"--out {out}: with --for, name a folder (each application writes several files)"
        )
    if theme:
        _themes(theme, page_size)  # its errors now, before anything is written
    formats = _formats(fmt) if fmt else None
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
    with Progress(console=_stderr(), transient=True, auto_refresh=False) as progress:
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
            _print_warnings(result.warnings)
            for note in result.notes:
                _say("[cyan]note:[/]", note)
        for written in result.written:
            if not quiet:
                _print_warnings(written.warnings)
            status = ("—", "")
            if written.report is not None:
                status = ("ok", "green") if written.report.ok else ("FAILED", "red")
                for problem in written.report.problems:
                    _say("[red]check:[/]", f"{written.path}: {problem}")
            where = _relative(written.path.parent, out)
            if where != folder:
                folder = where
                if where:
                    rows.append([(where + os.sep, "bold"), ("", ""), ("", ""), ("", "")])
            name = ("  " if where else "") + written.path.name
            pages = str(written.pages or "—")
            rows.append([(name, ""), (pages, ""), (_human_size(written.size), ""), status])
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
    from renderer.inputs.reading import load_profile
    from renderer.profile.advice import lint

    problems, warned = [], False
    for path in _profiles(profiles):
        try:
            warnings = lint(load_profile(path))
        except InputError as error:
            problems += error.problems
            continue
        _print_warnings(warnings)
        warned = warned or bool(warnings)
        if not warnings:
            print(f"{path}: ok")
    if problems:
        raise _fail(problems)
    raise typer.Exit(2 if strict and warned else 0)


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
) -> None:
    """Print the profile's JSON Schema (for editor completion and CI validation)."""
    from renderer.profile.schema import schema_json

    kind = "application" if application else "profile"
    if output is None:
        # A terminal or pipe that cannot take UTF-8 still gets valid JSON: \u escapes.
        text = schema_json(ascii_only=not _takes_utf8(sys.stdout), kind=kind)
        sys.stdout.write(text)
    else:
        _write(output, schema_json(kind=kind).encode("utf-8"))


def _takes_utf8(stream: object) -> bool:
    return (getattr(stream, "encoding", "") or "").lower().replace("-", "") in ("utf8", "utf8sig")


def _write(path: Path, data: bytes) -> None:
    """Write a file the way renders are written (atomically; only over a regular file)."""
    from renderer.errors import OutputError
    from renderer.files import write_atomic

    try:
        write_atomic(path, data)
    except OutputError as error:
        raise _fail(str(error), error.exit_code) from None


@app.command(short_help="List the themes and where they come from.")
def themes() -> None:
    """List the themes: name, description, and where each came from."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from renderer.errors import InputError
    from renderer.theme.model import available, load_theme

    table = Table(show_edge=False, pad_edge=False)
    for column in ("theme", "description", "from"):
        table.add_column(column)
    for name, (_folder, origin) in sorted(available().items()):
        try:
            description = escape(load_theme(name).description)
        except InputError as error:
            description = f"[red]broken: {escape(error.problems[0].message)}[/]"
        table.add_row(name, description, escape(origin))
    Console(highlight=False).print(table)


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
        raise _fail(f"{path} is a folder; give the path of the profile file to write")
    if (path.exists() or path.is_symlink()) and not force:
        raise _fail(f"{path} exists; use --force to overwrite it")
    text = scaffold()
    if path.suffix.lower() == ".json":  # JSON has no comments: the example values alone
        import json

        import yaml

        text = json.dumps(yaml.safe_load(text), indent=2, ensure_ascii=False) + "\n"
    _write(path, text.encode("utf-8"))
    print(f"wrote {path}; fill it in, then: resume validate {path}")


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
            autocompletion=_complete_theme,
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
    from renderer.inputs.reading import load_profile
    from renderer.jobs.preview import first_page, sheet
    from renderer.jobs.render import describe, person_slug

    if page_size not in (None, "letter", "a4"):
        raise _fail(f"--page-size must be letter or a4, not {page_size!r}")
    from renderer.profile.advice import lint

    try:
        loaded = load_profile(profile)
        names = _themes(theme, page_size)
    except InputError as error:
        raise _fail(error.problems) from None
    _print_warnings(lint(loaded))
    pages, failed = [], False
    for name in names:  # a theme that cannot draw this profile is said, the others shown
        try:
            pages.append(first_page(loaded, name, dpi, page_size))
        except InputError as error:
            for problem in error.problems:
                _say("[bold red]error:[/]", problem)
            failed = True
        except RenderError as error:
            _say("[bold red]error:[/]", f"theme {name!r}: {describe(error, loaded)}")
            failed = True
    if not pages:
        raise typer.Exit(1)
    who = person_slug(loaded.profile.name, profile)
    path = output or Path("output") / who / f"{who}-preview.png"
    _write(path, sheet(pages, columns))
    shown = ", ".join(page.theme for page in pages)
    print(f"wrote {path} ({shown}; first pages at {dpi} dpi)")
    raise typer.Exit(1 if failed else 0)


@app.command("import", short_help="Turn a JSON Resume file into a profile.")
def import_command(
    source: Annotated[
        Path, typer.Argument(help="A JSON Resume file (resume.json).", metavar="RESUME_JSON")
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
    """Turn a JSON Resume file into a profile (YAML), listing what it could not hold."""
    from renderer.errors import InputError
    from renderer.inputs.jsonresume import looks_like_json_resume
    from renderer.inputs.profile_yaml import dump_profile
    from renderer.inputs.reading import load_document, load_profile

    if output is not None and (output.exists() or output.is_symlink()) and not force:
        raise _fail(f"{output} exists; use --force to overwrite it")
    try:
        data, _ = load_document(source, "JSON Resume file")
        if not looks_like_json_resume(data):
            raise InputError("is not a JSON Resume document (it has no basics, work, …)", source)
        loaded = load_profile(source)
    except InputError as error:
        raise _fail(error.problems) from None
    _print_warnings(list(loaded.notes))
    comments = [f"Imported from {source.name} (JSON Resume) by `resume import`."]
    if loaded.notes:
        comments += ["What the import left out or changed:"] + [
            f"  {p.message} ({_where(p)})" for p in loaded.notes
        ]
    text = dump_profile(loaded.profile, comments, output)
    if output is None:
        sys.stdout.write(text)
        return
    _write(output, text.encode("utf-8"))
    print(f"wrote {output}; next: resume render {output}", file=sys.stderr)


def _where(problem: Problem) -> str:
    from renderer.errors import format_path

    return f"{format_path(problem.path)}, line {problem.line}" if problem.line else ""


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
    from renderer.inputs.jsonresume import export_resume, lost_in_json_resume
    from renderer.inputs.reading import load_profile

    try:
        loaded = load_profile(profile)
    except InputError as error:
        raise _fail(error.problems) from None
    lost = lost_in_json_resume(loaded.profile)
    if lost:
        kept = "lost (--plain)" if plain else "kept only in meta.x-resume-renderer"
        shown = ", ".join(lost[:4]) + (f" and {len(lost) - 4} more" if len(lost) > 4 else "")
        _say("[cyan]note:[/]", f"JSON Resume has no field for {shown}: {kept}")
    document = export_resume(loaded.profile, embed=not plain)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        _write(output, text.encode("utf-8"))
        print(f"wrote {output}", file=sys.stderr)


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
) -> None:
    """Which of a job advert's significant terms the resume shows, where, and which it lacks."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from renderer.ats.keywords import coverage
    from renderer.compose.resume import compose
    from renderer.errors import InputError
    from renderer.files import read_bytes
    from renderer.inputs.application import load_application
    from renderer.inputs.reading import load_profile
    from renderer.jobs.render import check_tags
    from renderer.theme.model import load_theme

    try:
        loaded = load_profile(profile)
        company, role, chosen_tags, exclude, order, omit, text = (
            "",
            "",
            _split(tags),
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
            text = read_bytes(job, 1_000_000, "job advert").decode("utf-8", "replace")
        if not text.strip():
            raise _fail("give the job advert: a text file, or --for an application with a job")
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
        raise _fail(error.problems) from None
    result = coverage(text, document, ignore=(company,) if company else (), title=role)
    table = Table(title=result.summary(), title_justify="left")
    for column in ("term", "advert", "where in the resume"):
        table.add_column(column, overflow="fold")
    for found in result.found:
        table.add_row(escape(found.term), f"{found.times}×", escape("; ".join(found.where)))
    for missing in result.missing:
        table.add_row(escape(missing.term), f"{missing.times}×", "[red]missing[/]")
    Console(highlight=False).print(table)


@app.command("check", short_help="Read files back as an ATS would.")
def check_command(
    files: Annotated[
        list[Path],
        typer.Argument(help="PDF, DOCX, HTML, TXT or MD files to verify.", metavar="FILE"),
    ],
    profile: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--profile", help="The profile the files were made from.", metavar="PROFILE"),
    ] = None,
    theme: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--theme",
            "-t",
            help="The theme they used (default: the one in the file's name, else classic).",
            metavar="THEME",
        ),
    ] = None,
    tags: Annotated[str, TagsOption] = "",
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Show, per reader, what an ATS would fill in: each entry's title, "
            "organisation, dates and bullets (needs --profile).",
        ),
    ] = False,
    application: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--for",
            help="The application the files were made for (its resume and cover letter; a "
            "letter without a date of its own is checked against today's).",
            metavar="APPLICATION",
        ),
    ] = None,
) -> None:
    """Read files back as an ATS would and prove every line of the resume survived."""
    from renderer.ats.check import MAX_FILE_BYTES
    from renderer.compose.resume import compose
    from renderer.errors import InputError, RenderError
    from renderer.files import read_bytes
    from renderer.inputs.reading import load_profile
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
            _print_warnings(lint(loaded))
        except InputError as error:
            raise _fail(error.problems) from None
    code = 0
    for file in files:
        guessed = ""
        if application is None and profile is not None:
            # The theme a file was made with is in its name (rui-shao-modern.pdf), as render
            # names it; --theme says it for files named otherwise.
            named = _theme_in_name(file, _split(tags))
            name = theme or named or DEFAULT_THEME
            guessed = (
                ""
                if theme
                else f"{name!r} " + ("(in the file's name)" if named else "(the default)")
            )
            try:
                if name not in composed:
                    made = load_theme(name)
                    composed[name] = (compose(loaded.profile, made, _split(tags)), made)
                document, chosen = composed[name]
            except InputError as error:
                raise _fail(error.problems) from None
            except RenderError as error:
                raise _fail(describe(error, loaded), 1) from None
        try:
            data = read_bytes(file, MAX_FILE_BYTES, "resume")
            is_letter = letter is not None and "cover-letter" in file.name.lower()
            report = check_file(file, data, letter if is_letter else document, chosen)
        except InputError as error:  # not a format we read, missing, a folder, a FIFO, …
            for problem in error.problems:
                _say("[bold red]error:[/]", problem)
            code = 2
            continue
        _print_warnings(report.warnings)
        if explain:
            _explain(file, report)
        if report.ok:
            found = f" ({report.lines_found}/{report.lines_total} lines)" if document else ""
            print(f"{file}: ok{found}")
        else:
            code = max(code, 1)
            for finding in report.problems:
                _say("[red]check:[/]", f"{file}: {finding}")
            if guessed:
                _say(
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

    from renderer.compose.letter import compose_letter
    from renderer.compose.resume import compose
    from renderer.errors import InputError, RenderError
    from renderer.inputs.application import load_application
    from renderer.inputs.reading import load_profile
    from renderer.theme.model import load_theme

    try:
        app = load_application(application)
        a = app.application
        loaded = load_profile(profile or app.profile_path())
        chosen = load_theme(a.theme or theme or DEFAULT_THEME)
        document = compose(
            loaded.profile,
            chosen,
            a.tags,
            a.sections.order,
            exclude=a.exclude_tags,
            omit=a.sections.omit,
        )
        letter = compose_letter(app, loaded, chosen, dt.date.today()) if a.cover_letter else None
    except InputError as error:
        raise _fail(error.problems) from None
    except RenderError as error:
        raise _fail(str(error), 1) from None
    return document, letter, chosen


def _explain(file: Path, report: Report) -> None:
    """The parsed form, per reader: what an applicant tracking system would put in its fields."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    if not report.parses:
        _say("[yellow]warning:[/]", f"{file}: --explain needs --profile to know the entries")
    for parsed in report.parses:
        table = Table(title=f"{file.name} as read by {parsed.reader}", title_justify="left")
        for column in ("section", "title", "organisation", "dates", "bullets"):
            table.add_column(column, overflow="fold")
        for entry in parsed.entries:
            fields = (entry.section, entry.title, entry.organisation, entry.dates)
            cells = [escape(value) or "—" for value in fields]
            table.add_row(*cells, str(entry.bullets) if entry.line >= 0 else "[red]not found[/]")
        Console(highlight=False).print(table)


def _tolerant_streams() -> None:
    """A terminal that cannot show a character (PYTHONIOENCODING=ascii, LANG=C) gets an
    escape for it, never an error halfway through a message."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


INTERRUPTED = 130  # what shells report for Ctrl-C


def main() -> None:
    """Entry point: a person never sees a traceback, even for a bug of ours."""
    _tolerant_streams()
    # Pydantic looks for plugins (observers of validation) among the installed packages'
    # entry points when it builds its first model: 10 ms of every command, for none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        os.getcwd()
    except FileNotFoundError:  # every relative path would fail, each with a puzzling message
        print("error: the current folder no longer exists; cd to one that does", file=sys.stderr)
        raise SystemExit(2) from None
    try:
        code = app(standalone_mode=False)  # typer turns Ctrl-C into exit code 130
    except typer.Abort:
        code = INTERRUPTED
    except typer.TyperException as error:  # usage errors: typer's own message, exit 2
        error.show()  # type: ignore[attr-defined]
        code = getattr(error, "exit_code", 2)
    except KeyboardInterrupt:
        code = INTERRUPTED
    except Exception as error:  # noqa: BLE001 (the last line of defence)
        if os.environ.get("RESUME_DEBUG"):
            raise
        print(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in resume-renderer, not in your files; please report it with the "
            "output of the same command run with RESUME_DEBUG=1.",
            file=sys.stderr,
        )
        code = 1
    if code == INTERRUPTED:
        print("interrupted; no file was left half-written", file=sys.stderr)
    raise SystemExit(code or 0)


if __name__ == "__main__":
    main()
