"""`resume render --watch`: render, then render again on every change to a profile, theme or
application, one line per render."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from renderer.cli.common import (
    DEFAULT_THEME,
    RenderRequest,
    application_files,
    fail,
    format_names,
    profile_paths,
    say,
    split_list,
)

if TYPE_CHECKING:
    from renderer.jobs.render import Result


def watched_paths(request: RenderRequest) -> list[Path]:
    """Every file a render reads that a person edits: profiles (and the folders they are
    listed from), applications and their folders, themes and the themes they extend."""
    from renderer.errors import InputError
    from renderer.inputs.application import load_application
    from renderer.jobs.watch import theme_folders

    given = [*(request.profiles or [Path("profiles")]), *(request.applications or [])]
    names = split_list(request.theme or DEFAULT_THEME)
    for path in application_files(request.applications or []):
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


def watch(request: RenderRequest, render: Callable[[RenderRequest], list[Result]]) -> None:
    """Render, then render again on every change, one line each, until Ctrl-C; each render
    runs `render` (a module's function: it is called in a fresh child process)."""
    import time

    # What the command line gets wrong is said once, now, not on every change. (Themes are
    # only found here, not loaded: one loaded here would be inherited, unchanged, by each
    # child.) A theme folder may be broken now and mended later; a name cannot change.
    from renderer.errors import InputError
    from renderer.jobs.watch import clock, in_child, snapshot, wait_for_change
    from renderer.theme.model import find

    for name in split_list(request.theme or DEFAULT_THEME):
        if name != "all" and "/" not in name and not name.startswith("."):
            try:
                find(name)
            except InputError as error:
                raise fail(error.problems) from None
    if request.fmt:
        format_names(request.fmt)
    if not request.applications:
        profile_paths(request.profiles)
    output = request.out if not request.out.suffix else request.out.parent  # -o cv.pdf: its folder
    before = snapshot(watched_paths(request), (output,))
    print(f"watching {len(before)} files (profiles, themes); Ctrl-C stops", file=sys.stderr)
    shown: list[str] = []
    try:
        while True:
            start = time.perf_counter()
            try:
                results = in_child(render, request)
            except Exception as error:  # noqa: BLE001 (a crashed render must not end the watch)
                results = []
                say("[bold red]error:[/]", f"the render stopped: {type(error).__name__}: {error}")
            shown = watch_line(results, time.perf_counter() - start, shown, clock())
            before = wait_for_change(lambda: watched_paths(request), before, (output,))
    except KeyboardInterrupt:
        print(f"\n{clock()}  stopped watching", file=sys.stderr)
        raise typer.Exit(0) from None


def watch_line(results: list[Result], seconds: float, shown: list[str], now: str) -> list[str]:
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
        say("  [bold red]error:[/]", message)
    for message in failed:
        say("  [red]check:[/]", message)
    if warnings and warnings != shown:
        for message in warnings:
            say("  [yellow]warning:[/]", message)
    return warnings if warnings or not errors else shown  # a profile that failed to load
