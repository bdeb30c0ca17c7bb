"""`resume render --watch`: render again whenever a file it depends on changes.

Files are compared by polling their modification time and size twice a second: a resume
depends on a handful of files, so polling costs nothing measurable, needs no dependency, and
works where change notification does not (network drives, containers, editors that replace a
file instead of writing it).

Each render runs in a new child process (forked where the system can: the parent has
imported the libraries but loaded no theme or profile), so nothing read in one render, a theme
or a template cached by path, survives into the next: every render is the one the command
would make if typed again.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import yaml

from renderer.theme.model import MAX_EXTENDS, find

T = TypeVar("T")
POLL = 0.5  # seconds between looks at the files
SETTLE = 0.2  # an editor saving in steps: wait until the files stop changing
MAX_FILES = 2000  # a theme folder holds a few dozen files; more means a wrong folder

Snapshot = dict[Path, tuple[int, int]]


def theme_folders(names: Iterable[str]) -> list[Path]:
    """The folders of these themes and of every theme they extend."""
    folders: list[Path] = []
    for name in names:
        try:
            folder = find(name)[0]
        except Exception:  # noqa: BLE001 (a bad name is the render's to report)
            continue
        for _ in range(MAX_EXTENDS):
            folders.append(folder)
            parent = _extends(folder)
            if parent is None:
                break
            relative = parent.startswith(".") or "/" in parent
            try:
                folder = (folder / parent).resolve() if relative else find(parent)[0]
            except Exception:  # noqa: BLE001
                break
    return list(dict.fromkeys(folders))


def _extends(folder: Path) -> str | None:
    try:
        data = yaml.safe_load((folder / "theme.yaml").read_text("utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return None
    parent = data.get("extends") if isinstance(data, dict) else None
    return parent if isinstance(parent, str) else None


def snapshot(paths: Iterable[Path], skip: Iterable[Path] = ()) -> Snapshot:
    """Modification time and size of each file (folders: of the files inside), but none
    under `skip`: the render's own output, when it lies inside a watched folder, would
    otherwise start the next render, for ever."""
    seen: Snapshot = {}
    skipped = [s.resolve() for s in skip]
    for path in paths:
        files = sorted(path.rglob("*"))[:MAX_FILES] if path.is_dir() else [path]
        for file in files:
            if skipped and any(file.resolve().is_relative_to(s) for s in skipped):
                continue
            try:
                info = file.stat()
            except OSError:  # deleted, or mid-save: a change all the same
                seen[file] = (-1, -1)
                continue
            if not file.is_dir():
                seen[file] = (info.st_mtime_ns, info.st_size)
    return seen


def wait_for_change(
    paths: Callable[[], list[Path]], before: Snapshot, skip: Iterable[Path] = ()
) -> Snapshot:
    """Block until the files differ from `before` and have settled; the new snapshot."""
    skip = tuple(skip)
    while True:
        time.sleep(POLL)
        now = snapshot(paths(), skip)
        if now != before:
            while True:
                time.sleep(SETTLE)
                settled = snapshot(paths(), skip)
                if settled == now:
                    return now
                now = settled


def _ignore_interrupts() -> None:

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the watch, once


def in_child(work: Callable[..., T], *args: Any) -> T:
    """`work(*args)` in a new process (its exceptions raised here)."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(1, mp_context=context, initializer=_ignore_interrupts) as pool:
        return pool.submit(work, *args).result()


def clock() -> str:
    return time.strftime("%H:%M:%S")
