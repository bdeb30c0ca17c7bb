"""The `resume` command's Typer application and its own options (--version); each command
registers itself on it from its own module."""

from __future__ import annotations

from typing import Annotated

import typer

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


def _show_version(value: bool) -> None:
    if value:
        from renderer import __version__

        print(f"resume-renderer {__version__}")
        raise typer.Exit(0)


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
