"""The whole job for one profile: load, compose per theme, render per format, write, check.

The CLI and the benchmarks call this; it knows where files go and how they are written, and
nothing about any output format: it asks the registry (`renderer.formats`).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from renderer import formats
from renderer.compose.document import Document
from renderer.compose.resume import compose
from renderer.errors import (
    FieldPath,
    InputError,
    OutputError,
    Problem,
    RenderError,
    parse_path,
)
from renderer.files import write_atomic
from renderer.formats import Format, Layout, Options
from renderer.inputs import load_profile
from renderer.jobs.fit import fit_to_pages, last_page_hint, longest_sections
from renderer.profile.advice import lint
from renderer.profile.model import Profile, tags_of
from renderer.profile.sourced import LoadedProfile
from renderer.theme.model import Theme, load_theme

if TYPE_CHECKING:
    from renderer.ats.check import Report


def slug(text: str) -> str:
    """A safe ASCII file name part: no path separators, dots-only names or control characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:60].strip("-") or "resume"


def person_slug(name: str | None, source: Path, locale: str | None = None) -> str:
    """Whose files these are: the person's name, else the file's; and, for a resume not in
    English whose file's name says its language (resume.es.json, cv-fr.yaml), that language,
    so that one person's resumes in two languages are not written over each other (an
    English resume-it.yaml, as in IT, keeps its plain name)."""
    who = slug(name) if name and slug(name) != "resume" else slug(source.stem)
    language = (locale or "en").split("-")[0].lower()
    for pattern in (_LANGUAGE_IN_NAME, _REGION_IN_NAME):
        found = pattern.search(source.stem)
        code = found.group(1).lower() if found else ""
        if code and code == language != "en":
            return who if who.endswith(f"-{code}") else f"{who}-{code}"
    return who


_LANGUAGE_IN_NAME = re.compile(r"[._-]([A-Za-z]{2})$")  # resume.es, cv-fr
_REGION_IN_NAME = re.compile(r"[._-]([A-Za-z]{2})[-_][A-Za-z]{2,4}$")  # resume_pt_BR


MAX_STEM = 120  # file systems allow 255 bytes; a name that long is never typed anyway


def own_size(theme: Theme, page_size: str | None) -> str:
    """The page size a file name mentions: only one that is not the theme's own."""
    return page_size if page_size and page_size != theme.page.size else ""


def theme_part(theme: Theme, page_size: str | None) -> str:
    """What a theme adds to a file name: its name, and the page size when not its own (two
    themes of one run must not add the same)."""
    return "-".join(part for part in (slug(theme.name), own_size(theme, page_size)) if part)


def output_path(out_dir: Path, who: str, theme: str, fmt: Format, *variant: str) -> Path:
    """output/<who>/<who>-<theme>[-<variant>…].<suffix>: variants are tags and a page size.
    A name that would be too long (many tags) is cut, with a hash of the whole to keep it
    distinct."""
    stem = "-".join([who, theme, *(slug(v) for v in variant if v)])
    if len(stem) > MAX_STEM:
        digest = hashlib.sha256(stem.encode()).hexdigest()[:8]
        stem = f"{stem[: MAX_STEM - 9].rstrip('-')}-{digest}"
    return out_dir / who / f"{stem}{fmt.suffix}"


@dataclass
class Written:
    path: Path
    fmt: str
    theme: str
    size: int
    pages: int | None
    report: Report | None = None
    warnings: list[str] = field(default_factory=list)
    layout: Layout | None = None
    data: bytes | None = None  # the file, when it is to be written elsewhere (a cluster's)


def render_document(
    document: Document,
    theme: Theme,
    fmt: Format,
    path: Path,
    options: Options = Options(),
    *,
    run_check: bool = False,
    keep: bool = False,
) -> Written:
    """Render, check (when asked) before anything is written, then write atomically (or,
    with `keep`, hand the bytes back for the caller to write: a cluster's worker renders,
    the machine that asked writes)."""
    rendered = fmt.render(document, theme, options)
    report = None
    if run_check:
        from renderer.ats.check import check  # the readers load only when asked to check

        report = check(fmt, rendered.data, document, str(path))
    if not keep:
        write_atomic(path, rendered.data)
    return Written(
        path,
        fmt.name,
        theme.name,
        len(rendered.data),
        rendered.pages,
        report,
        list(rendered.notes),
        rendered.layout,
        rendered.data if keep else None,
    )


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
    loaded: LoadedProfile | None = None  # loaded already (to find clashing names first)
    exclude: tuple[str, ...] = ()
    pages: int | None = None  # fit to this many pages
    single: Path | None = None  # the one file to write (--out cv.pdf)
    language: str | None = None  # the locale, instead of the profile's
    keep: bool = False  # render into the Result, write nothing (a cluster's worker)


@dataclass
class Result:
    profile: Path
    written: list[Written] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # what failed, each with its place
    exit_code: int = 0  # 2: its input is bad; 1: something could not be rendered or written
    notes: list[str] = field(default_factory=list)  # what was done that a person should know

    def fail(self, message: str, code: int) -> None:
        self.errors.append(message)
        self.exit_code = max(self.exit_code, code)


def describe(error: RenderError, loaded: LoadedProfile) -> str:
    """A render error as a person needs it: the profile's file and line when a field of the
    profile is to blame, the theme's file and line when the theme is."""
    if error.source:
        path = parse_path(error.source)
        if path[:1] in (("contact",), ("name",), ("headline",)) and error.text:
            path = _header_field(loaded.profile, error.text) or path
        line, column = loaded.positions.of(path) or (None, None)
        return str(Problem(str(loaded.path), error.message, line, column, path))
    if error.file:
        return str(Problem(error.file, error.message, error.line))
    return error.message


def fit_theme(
    document: Document, theme: Theme, pages: int, options: Options, result: Result, what: str = ""
) -> Theme | None:
    """The theme fitted so that `document` takes `pages` pages or fewer (noting how), or
    None with a failure saying by how many lines it runs over and what is longest."""

    fitting = fit_to_pages(document, theme, pages, options)
    label = what or f"theme {theme.name!r}"
    if fitting.fits:
        if fitting.fit.tightened:
            count = f"{pages} page" + ("s" if pages > 1 else "")
            result.notes.append(f"{label}: fitted to {count}: {fitting.fit.describe()}")
        return fitting.theme
    longest = ", ".join(longest_sections(fitting.rendered, document))
    result.fail(
        f"{label}: does not fit on {pages} page(s): {fitting.over_lines:.0f} lines over at the "
        f"tightest settings the theme allows ({fitting.fit.describe()}); longest sections: "
        f"{longest}. Leave out sections or tags, or allow more pages",
        1,
    )
    return None


def check_tags(loaded: LoadedProfile, asked: Iterable[str]) -> None:
    """A tag asked for that no item carries is a typo, not an empty variant: say which are."""
    known = tags_of(loaded.profile)
    unknown = sorted({tag.strip().lower() for tag in asked} - known)
    if unknown:
        listed = f"its tags: {', '.join(sorted(known))}" if known else "it has no tags"
        raise InputError(
            f"tag {unknown[0]!r} is on no item of this profile ({listed})", loaded.path
        )


def _header_field(profile: Profile, text: str) -> FieldPath | None:
    """Which header field a piece of the contact line came from (its text is all we have)."""
    for name in ("name", "headline", "email", "phone", "location"):
        if getattr(profile, name) == text:
            return (name,)
    for i, link in enumerate(profile.links):
        if text in (link.label, link.url) or (text and text in link.url):
            return ("links", i, "url")
    return None


def run(job: Job) -> Result:
    """Load, lint, compose and render one profile in every theme and format asked for.

    Each (theme, format) succeeds or fails on its own: a PDF that cannot draw a character
    still leaves its DOCX, text and Markdown written, and the warnings are still reported.
    """
    loaded = job.loaded or load_profile(job.profile)
    check_tags(loaded, (*job.tags, *job.exclude))
    result = Result(job.profile, warnings=lint(loaded, job.language))
    who = person_slug(loaded.profile.name, job.profile, loaded.profile.locale)
    for theme_name in job.themes:
        theme = load_theme(theme_name)
        try:
            document = compose(
                loaded.profile, theme, job.tags, exclude=job.exclude, language=job.language
            )
        except RenderError as error:
            result.fail(describe(error, loaded), 1)
            continue
        options = Options(page_size=job.page_size)
        if job.pages is not None:
            fitted = fit_theme(document, theme, job.pages, options, result)
            if fitted is None:
                continue
            theme = fitted
        size = own_size(theme, job.page_size)
        for name in job.formats:
            fmt = formats.get(name)
            path = job.single or output_path(
                job.out_dir, who, slug(theme.name), fmt, *sorted(job.tags), size
            )
            try:
                written = render_document(
                    document, theme, fmt, path, options, run_check=job.run_check, keep=job.keep
                )
            except RenderError as error:
                result.fail(f"{path.name} not written: {describe(error, loaded)}", 1)
                continue
            except OutputError as error:
                result.fail(str(error), 1)
                continue
            result.written.append(written)
            if job.pages is None and written.layout is not None:
                hint = last_page_hint(document, theme, written.layout, written.pages, options)
                if hint:
                    result.notes.append(f"{path.name}: {hint}")
    return result


def run_safely(job: Job) -> Result:
    """run(), with a bad profile reported in its Result so that the others still render."""
    try:
        return run(job)
    except InputError as error:
        return Result(job.profile, errors=[str(p) for p in error.problems], exit_code=2)
    except OutputError as error:
        return Result(job.profile, errors=[str(error)], exit_code=1)


def require_content(loaded: LoadedProfile) -> LoadedProfile:
    """The profile, if it has anything to put on a page; an InputError if it is empty ({}
    rendered as a PDF of no pages, with exit 0)."""
    if not loaded.profile.model_dump(exclude_defaults=True):
        raise InputError(
            Problem(
                str(loaded.path),
                "the profile is empty: there is nothing to put on a page; give at least a "
                "name and one section (resume new writes a profile to fill in)",
                1 if loaded.path.exists() else None,
                1 if loaded.path.exists() else None,
            )
        )
    return loaded


def prepare(
    paths: list[Path], make_job: Callable[[Path, LoadedProfile], Job]
) -> tuple[list[Job], list[Result]]:
    """Load every profile before anything is written, so that two profiles that would write
    the same files (the same name, or names with the same ASCII spelling) are stopped, both
    named, rather than the second silently overwriting the first. The same file given twice
    is rendered once."""
    jobs: list[Job] = []
    failed: list[Result] = []
    owners: dict[str, list[Path]] = {}
    seen: set[Path] = set()
    for path in paths:
        real = Path(os.path.realpath(path))  # unlike Path.resolve, never raises on a loop
        if real in seen:
            continue
        seen.add(real)
        try:
            loaded = require_content(load_profile(path))
        except InputError as error:
            failed.append(Result(path, errors=[str(p) for p in error.problems], exit_code=2))
            continue
        who = person_slug(loaded.profile.name, path, loaded.profile.locale)
        owners.setdefault(who, []).append(path)
        jobs.append(make_job(path, loaded))
    clashing = {who: files for who, files in owners.items() if len(files) > 1}
    for who, files in clashing.items():
        for path in files:
            others = ", ".join(str(f) for f in files if f != path)
            message = (
                f"{path}: would write the same files ({who}/{who}-….pdf and the rest) as "
                f"{others}; give the profiles different names, or render them separately"
            )
            failed.append(Result(path, errors=[message], exit_code=2))
    clashed = {f for files in clashing.values() for f in files}
    return [job for job in jobs if job.profile not in clashed], failed


def check_file(path: Path, data: bytes, document: Document | None, theme: Theme | None) -> Report:
    """`resume check`: read a file written earlier back, as `render --check` does."""

    fmt = formats.by_suffix(path.suffix)
    if fmt is None:
        raise InputError(f"can check only {', '.join(formats.names())} files", path)
    from renderer.ats.check import check  # the readers load only when asked to check

    report = check(fmt, data, document, str(path))
    if document is not None and theme is not None and fmt.paged:
        # What the render would have noted (long bullets, too many pages), from the file's
        # own page count.
        pages = fmt.read_back(data).pages
        notes = [n for n in fmt.render(document, theme, Options()).notes if " pages; " not in n]
        if pages and pages > theme.page.target_pages:
            notes.append(
                f"{pages} pages; theme {theme.name!r} aims at {theme.page.target_pages} at most"
            )
        report.warnings += notes
    return report
