"""The whole job for one profile: load, compose per theme, render per format, write, check.

The CLI and the benchmarks call this; it knows where files go and how they are written, and
nothing about any output format (backends are imported only when first used).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from renderer.compose import compose
from renderer.document import Document
from renderer.errors import InputError, Problem, RenderError
from renderer.lint import lint
from renderer.loader import load_profile
from renderer.text import page_label
from renderer.theme import Theme, load_theme

if TYPE_CHECKING:
    from renderer.check import Report

FORMATS = ("pdf", "docx", "txt", "md")


def backend(fmt: str) -> ModuleType:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return importlib.import_module(f"renderer.backends.{fmt}")


def slug(text: str) -> str:
    """A safe ASCII file name part: no path separators, dots-only names or control characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:60].strip("-") or "resume"


def person_slug(name: str | None, source: Path) -> str:
    return slug(name) if name and slug(name) != "resume" else slug(source.stem)


def output_path(out_dir: Path, who: str, theme: str, fmt: str, *variant: str) -> Path:
    """output/<who>/<who>-<theme>[-<variant>…].<fmt>: variants are tags and a page size."""
    parts = [who, slug(theme), *(slug(v) for v in variant if v)]
    return out_dir / who / f"{'-'.join(parts)}.{fmt}"


def _new_file_mode() -> int:
    """What open() would give a new file: 0o666 less the umask (mkstemp's 0o600 is private)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temp file and rename: a failure never leaves a half-written or lost file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777  # replacing a file keeps its permissions
    except FileNotFoundError:
        mode = _new_file_mode()
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:  # KeyboardInterrupt too: never leave the temp file behind
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def page_label_pattern(theme: Theme) -> re.Pattern[str]:
    """The page-number line the theme prints, so a check can tell it from resume text."""
    label = re.escape(" ".join(page_label(theme).split()))
    return re.compile(
        label.replace(re.escape("{page}"), r"\d+").replace(re.escape("{pages}"), r"\d+")
    )


def count_pages(data: bytes, fmt: str) -> int | None:
    if fmt != "pdf":
        return None
    return len(re.findall(rb"/Type /Page\b", data))


@dataclass
class Written:
    path: Path
    fmt: str
    theme: str
    size: int
    pages: int | None
    report: Report | None = None
    warnings: list[str] = field(default_factory=list)


def render_document(
    document: Document,
    theme: Theme,
    fmt: str,
    path: Path,
    *,
    page_size: str | None = None,
    run_check: bool = False,
) -> Written:
    data = backend(fmt).render(document, theme, page_size)
    report = None
    if run_check:
        from renderer.check import check  # reading files back costs imports only --check needs

        report = check(path, document, page_label_pattern(theme), data)
    write_atomic(path, data)
    written = Written(path, fmt, theme.name, len(data), count_pages(data, fmt), report)
    if fmt == "pdf":
        written.warnings = layout_warnings(document, theme, data, page_size)
    return written


def layout_warnings(
    document: Document, theme: Theme, pdf: bytes, page_size: str | None = None
) -> list[str]:
    """What a reader would find hard going: bullets of many lines, more pages than planned."""
    warnings = backend("pdf").long_bullets(document, theme, page_size)
    pages = count_pages(pdf, "pdf") or 0
    if pages > theme.page.target_pages:
        warnings.append(
            f"{pages} pages; theme {theme.name!r} aims at {theme.page.target_pages} at most"
        )
    return warnings


@dataclass
class Job:
    """One profile to render: picklable, so a process pool can take it."""

    profile: Path
    themes: tuple[str, ...]
    formats: tuple[str, ...]
    out_dir: Path
    page_size: str | None = None
    run_check: bool = False
    tags: tuple[str, ...] = ()


@dataclass
class Result:
    profile: Path
    written: list[Written] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # what stopped this profile
    exit_code: int = 0  # 2: its input is bad; 1: it could not be rendered or written


def run(job: Job) -> Result:
    """Load, lint, compose and render one profile in every theme and format asked for."""
    loaded = load_profile(job.profile)
    who = person_slug(loaded.profile.name, job.profile)
    written = []
    for theme_name in job.themes:
        theme = load_theme(theme_name)
        document = compose(loaded.profile, theme, job.tags)
        size = job.page_size if job.page_size != theme.page.size else None
        for fmt in job.formats:
            path = output_path(job.out_dir, who, theme.name, fmt, *sorted(job.tags), size or "")
            written.append(
                render_document(
                    document, theme, fmt, path, page_size=job.page_size, run_check=job.run_check
                )
            )
    return Result(job.profile, written, lint(loaded))


def run_safely(job: Job) -> Result:
    """run(), with a bad profile reported in its Result so that the others still render."""
    try:
        return run(job)
    except InputError as error:
        return Result(job.profile, errors=[str(p) for p in error.problems], exit_code=2)
    except RenderError as error:
        return Result(job.profile, errors=[str(error)], exit_code=1)
    except OSError as error:
        return Result(job.profile, errors=[f"cannot write: {error}"], exit_code=1)
