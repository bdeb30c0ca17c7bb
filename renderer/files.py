"""Every file this project reads or writes goes through here, bounded and without surprises.

Reading: only regular files (a FIFO would block for ever, `/dev/zero` would never end), at most
a stated number of bytes (the size a file claims is not trusted: the read stops at the limit).
Writing: via a temp file, fsync and rename, so a failed or interrupted write never leaves a
half-written or lost file; only a regular file (or nothing) is ever replaced, so a device, a
FIFO, a folder or a symbolic link at the target is refused, not swapped for a file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from renderer.errors import InputError, OutputError


def kind_of(mode: int) -> str:
    """What a file system entry is, in words, for messages."""
    for test, words in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
    ):
        if test(mode):
            return words
    return "not a regular file"


def read_bytes(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or an InputError saying why not.

    Symbolic links are followed (their target must be a regular file). The file is opened
    without blocking, so a FIFO that appears between the check and the open cannot hang us.
    """
    data, size = read_head(path, limit + 1, what, limit=limit)
    if len(data) > limit:  # it grew, or claimed less than it holds
        raise InputError(f"file is over {_size(limit)}; a {what} may be at most that", path)
    return data


def read_head(path: Path, count: int, what: str, limit: int | None = None) -> tuple[bytes, int]:
    """The first `count` bytes of a regular file, and the file's size."""
    try:
        info = path.stat()
    except FileNotFoundError:
        article = "an" if what[:1] in "aeiou" else "a"
        raise InputError(f"no such file (looked for {article} {what} at {path})", path) from None
    except OSError as error:  # a loop of symbolic links, a name too long, no permission
        raise InputError(f"cannot read: {error.strerror}", path) from None
    except ValueError:  # a NUL in the path
        raise InputError(f"{str(path)!r} is not a possible file name", path) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"is {kind_of(info.st_mode)}, not a {what} file", path)
    if limit is not None and info.st_size > limit:
        raise InputError(
            f"file is {info.st_size:,} bytes; a {what} may be at most {_size(limit)}", path
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path) from None
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):  # swapped after the stat
            raise InputError(f"is not a regular file, not a {what} file", path)
        try:
            return stream.read(count), info.st_size
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror}", path) from None


def _size(limit: int) -> str:
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if limit >= factor and limit % factor == 0:
            return f"{limit // factor} {unit}"
    return f"{limit:,} bytes"


def inside(folder: Path, relative: str | Path, what: str) -> Path:
    """`folder/relative`, symlinks followed, refused unless it stays inside `folder`."""
    if "\0" in str(relative):
        raise InputError(f"{what} {str(relative)!r} holds a NUL character", folder)
    try:
        root = folder.resolve()
        target = (root / relative).resolve()
    except (RuntimeError, OSError):  # a loop of symbolic links
        raise InputError(f"{what} {str(relative)!r} is a loop of symbolic links", folder) from None
    if not target.is_relative_to(root):
        raise InputError(f"{what} {str(relative)!r} points outside its folder {root}", root)
    return target


def check_target(path: Path) -> None:
    """Refuse to replace anything but a regular file (or nothing) at `path`."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise OutputError(path, error.strerror or str(error)) from None
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(
            path, f"it is {kind_of(info.st_mode)}; only a regular file is ever replaced", 2
        )


def _new_file_mode() -> int:
    """What open() would give a new file: 0o666 less the umask (mkstemp's 0o600 is private)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temp file and rename; errors name `path`, never the temp file."""
    check_target(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError(path, "a part of its folder path is a file, not a folder") from None
    except OSError as error:
        raise OutputError(path, f"cannot make its folder: {error.strerror}") from None
    try:
        mode = path.stat().st_mode & 0o777  # replacing a file keeps its permissions
    except FileNotFoundError:
        mode = _new_file_mode()
    try:
        handle, temp = tempfile.mkstemp(
            prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent
        )
    except OSError as error:
        raise OutputError(path, error.strerror or str(error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        check_target(path)  # something else may have appeared there meanwhile
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise OutputError(path, error.strerror or str(error)) from None
    except BaseException:  # KeyboardInterrupt too: never leave the temp file behind
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def yaml_data(text: str) -> Any:
    """The values of a YAML text we ship (a locale, a table): with libyaml's parser when it
    is there, ten times faster than PyYAML's own on every render's start."""
    import yaml  # the loader alone: files people write are read with positions (inputs/)

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
