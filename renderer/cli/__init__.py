"""The `resume` command: thin. Each command is a module here that parses its arguments, calls
the pipeline (`renderer/jobs/`, `renderer/inputs/`, …) and reports; `common.py` holds what
they share and `app.py` the Typer application they register on.

Exit codes: 0 all good, 1 a render or a check failed, 2 bad usage or bad input. Heavy modules
(pydantic models, reportlab, python-docx, rich) are imported inside the commands that need
them, so `resume --help` and completion stay fast.
"""

from __future__ import annotations

import errno
import os
import sys

import typer

from renderer.cli.app import app

# Each command registers itself on the app when its module is imported: in this order, which
# is the order of `resume --help`.
# isort: off
from renderer.cli import render  # noqa: F401, E402
from renderer.cli import validate  # noqa: F401, E402
from renderer.cli import schema  # noqa: F401, E402
from renderer.cli import themes  # noqa: F401, E402
from renderer.cli import new  # noqa: F401, E402
from renderer.cli import preview  # noqa: F401, E402
from renderer.cli import convert  # noqa: F401, E402
from renderer.cli import match  # noqa: F401, E402
from renderer.cli import applications  # noqa: F401, E402
from renderer.cli import serve  # noqa: F401, E402
from renderer.cli import check  # noqa: F401, E402

# isort: on
__all__ = ["app", "main"]


def _tolerant_streams() -> None:
    """A terminal that cannot show a character (PYTHONIOENCODING=ascii, LANG=C) gets an
    escape for it, never an error halfway through a message."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


INTERRUPTED = 130  # what shells report for Ctrl-C


_UNUSABLE_PATH = {errno.ENAMETOOLONG, errno.ELOOP, errno.ENOTDIR, errno.EACCES, errno.EPERM}


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
        if isinstance(error, OSError) and error.errno in _UNUSABLE_PATH:
            # a path given that no file can have: too long, a loop of links, not a folder
            print(f"error: {error.filename}: {error.strerror}", file=sys.stderr)
            raise SystemExit(2) from None
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
