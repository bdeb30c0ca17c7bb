"""What the commands share: their options, how they speak (one line per message on standard
error, errors as exit codes), and how they read lists of profiles, themes and formats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple, Optional

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from renderer.errors import Problem

DEFAULT_THEME = "classic"


def _complete_list(choices: list[str], incomplete: str) -> list[str]:
    """Shell completion of a comma-separated value: the last part is the one being typed."""
    done, _, typing_now = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    return [prefix + c for c in choices if c.startswith(typing_now)]


def complete_theme(incomplete: str) -> list[str]:
    from renderer.theme.model import builtin_names

    return _complete_list([*builtin_names(), "all"], incomplete)


def complete_format(incomplete: str) -> list[str]:
    from renderer import formats as backends

    return _complete_list([*backends.names(), "all"], incomplete)


PROFILE_SUFFIXES = (".yaml", ".yml", ".json")


def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def say(label: str, message: object) -> None:
    """One line to standard error: a coloured label (`[bold red]error:[/]`), then the message
    exactly as written."""
    from renderer.cli.terminal import say

    say(label, str(message))


def fail(problems: list[Problem] | str, code: int = 2) -> typer.Exit:
    for problem in [problems] if isinstance(problems, str) else problems:
        say("[bold red]error:[/]", problem)
    return typer.Exit(code)


def print_warnings(warnings: list[Problem] | list[str]) -> None:
    for warning in warnings:
        say("[yellow]warning:[/]", warning)


def profile_paths(paths: list[Path] | None) -> list[Path]:
    """Files as given; folders expanded to the profiles inside; nothing means ./profiles."""
    if not paths:
        default = Path("profiles")
        if not default.is_dir():
            raise fail("no profiles given, and no profiles/ folder here; name a profile file")
        paths = [default]
    from renderer.inputs import is_input_folder

    found: list[Path] = []
    for path in paths:
        if path.is_dir() and not is_input_folder(path):  # an unpacked export is one input
            inside = sorted(p for p in path.iterdir() if p.suffix.lower() in PROFILE_SUFFIXES)
            if not inside:
                raise fail(f"{path}: no .yaml, .yml or .json profiles in this folder")
            found += inside
        else:
            found.append(path)
    return found


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def theme_names(value: str, page_size: str | None = None) -> tuple[str, ...]:
    from renderer.errors import InputError
    from renderer.jobs.render import theme_part
    from renderer.theme.model import available, load_theme

    names = (
        sorted(available()) if value.strip() == "all" else list(dict.fromkeys(split_list(value)))
    )
    if not names:
        raise fail("--theme needs a theme name or folder (see: resume themes)")
    by_part: dict[str, str] = {}
    try:
        for name in names:
            theme = load_theme(name)  # every theme's errors before any rendering starts
            part = theme_part(theme, page_size)  # what it puts in file names
            if part in by_part:  # both would write <who>-<part>.<format>
                raise fail(
                    f"themes {by_part[part]!r} and {name!r} would both write "
                    f"<who>-{part}.<format>; render them separately"
                )
            by_part[part] = name
    except InputError as error:
        raise fail(error.problems) from None
    return tuple(names)


def format_names(value: str) -> tuple[str, ...]:
    from renderer.formats import names

    known = names()
    chosen = known if value.strip() == "all" else tuple(dict.fromkeys(split_list(value)))
    unknown = [f for f in chosen if f not in known]
    if unknown or not chosen:
        raise fail(f"unknown format {', '.join(unknown)!r}; choose from {', '.join(known)}")
    return chosen


def human_size(size: int) -> str:
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


def print_data(text: str) -> None:
    """A file's content on standard output (a profile, JSON): as UTF-8 bytes whatever the
    terminal's encoding, so that `> file` is the same file as `-o file` (a terminal's
    escapes would change the data: \\xc1lvaro for Álvaro)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def json_text(data: object) -> str:
    """JSON for standard output: plain ASCII (\\u escapes) when it cannot take UTF-8."""
    import json

    return json.dumps(data, indent=2, ensure_ascii=not takes_utf8(sys.stdout)) + "\n"


def takes_utf8(stream: object) -> bool:
    return (getattr(stream, "encoding", "") or "").lower().replace("-", "") in ("utf8", "utf8sig")


def write_file(path: Path, data: bytes) -> None:
    """Write a file the way renders are written (atomically; only over a regular file)."""
    from renderer.errors import OutputError
    from renderer.files import write_atomic

    try:
        write_atomic(path, data)
    except OutputError as error:
        raise fail(str(error), error.exit_code) from None


def where(problem: Problem) -> str:
    """` (work[2].name, line 14)`, where a problem says where it is; else nothing."""
    from renderer.errors import format_path

    place = format_path(problem.path) if problem.path else ""
    line = f"line {problem.line}" if problem.line else ""
    said = ", ".join(part for part in (place, line) if part)
    return f" ({said})" if said else ""


def application_files(paths: list[Path]) -> list[Path]:
    """Files as given; folders expanded to the application files inside."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(path.glob("*.y*ml")) + sorted(path.glob("*.json"))
        else:
            files.append(path)
    return files


class RenderRequest(NamedTuple):
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
    scheduler: str | None = None  # a Dask scheduler's address: the batch runs there
