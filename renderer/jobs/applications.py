"""One application, end to end: the tailored resume fitted to its pages, the cover letter,
and the keyword report, written under output/<who>/<application>/ with names for upload:

    Rui-Shao-Resume.pdf  Rui-Shao-Resume.docx  Rui-Shao-Cover-Letter.pdf  …  Rui-Shao-Keywords.md
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from renderer import formats
from renderer.ats.keywords import coverage, report_markdown
from renderer.compose.document import Document
from renderer.compose.letter import compose_letter
from renderer.compose.resume import compose
from renderer.errors import InputError, OutputError, RenderError
from renderer.files import write_atomic
from renderer.formats import Options
from renderer.inputs import load_profile
from renderer.inputs.application import LoadedApplication, load_application
from renderer.jobs.fit import centred_letter, last_page_hint
from renderer.jobs.render import (
    Result,
    Written,
    check_tags,
    describe,
    fit_theme,
    person_slug,
    render_document,
    require_content,
    slug,
)
from renderer.jobs.sent import read_sent
from renderer.profile.advice import lint
from renderer.profile.sourced import LoadedProfile
from renderer.theme.model import Theme, load_theme

# Letters no decomposition turns into ASCII, as people write them in ASCII.
_ASCII = str.maketrans(
    {"ß": "ss", "Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o", "Œ": "OE", "œ": "oe", "Ł": "L",
     "ł": "l", "Đ": "D", "đ": "d", "Þ": "Th", "þ": "th", "ı": "i"}
)  # fmt: skip


def upload_name(name: str | None, source: Path) -> str:
    """The person's name as a file name a recruiter reads: their own spelling, ASCII-safe
    (Zoë Ærø -> Zoe-AEro); a nameless profile goes by its file name."""
    ascii_name = ""
    if name:
        plain = unicodedata.normalize("NFKD", name.translate(_ASCII))
        ascii_name = plain.encode("ascii", "ignore").decode()
        ascii_name = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-")[:60].strip("-")
    return ascii_name or slug(source.stem)


@dataclass(frozen=True)
class Request:
    """An application to render, and what the command line changes of it."""

    application: Path
    profile: Path | None = None  # instead of the one the application names
    theme: str | None = None
    formats: tuple[str, ...] | None = None
    out_dir: Path = Path("output")
    pages: int | None = None
    page_size: str | None = None
    run_check: bool = False
    today: dt.date | None = None  # the cover letter's date when it gives none


def application_folder(
    out_dir: Path, application: LoadedApplication, profile: LoadedProfile, profile_path: Path
) -> Path:
    """Where an application's files are rendered: output/<who>/<application>/."""
    return (
        out_dir
        / person_slug(profile.profile.name, profile_path, profile.profile.locale)
        / slug(application.name)
    )


def compose_application(
    application: LoadedApplication, profile: LoadedProfile, theme: Theme, today: dt.date
) -> tuple[Document, Document | None]:
    """The tailored resume and the cover letter (if it has one) an application makes: made
    here and only here, for its render and for `check --for` alike."""
    app = application.application
    resume = compose(
        profile.profile,
        theme,
        app.tags,
        app.sections.order,
        exclude=app.exclude_tags,
        omit=app.sections.omit,
    )
    letter = compose_letter(application, profile, theme, today) if app.cover_letter else None
    return resume, letter


def run_application(request: Request) -> Result:
    """Render one application; each file succeeds or fails on its own."""
    loaded_app = load_application(request.application)
    app = loaded_app.application
    profile_path = request.profile or loaded_app.profile_path()
    try:
        profile = require_content(load_profile(profile_path))
    except InputError as error:
        if request.profile is None and not profile_path.exists():
            raise loaded_app.problem(("profile",), f"no profile at {profile_path}") from None
        raise error from None
    try:
        check_tags(profile, (*app.tags, *app.exclude_tags))
    except InputError as error:
        raise loaded_app.problem(("tags",), error.problems[0].message) from None
    theme = load_theme(request.theme or app.theme or "classic")
    result = Result(request.application, warnings=lint(profile))
    name = upload_name(profile.profile.name, profile_path)
    folder = application_folder(request.out_dir, loaded_app, profile, profile_path)
    sent = read_sent(loaded_app.path)
    if sent is not None:  # what was sent stays as sent: this render is a new version
        folder = folder.with_name(folder.name + "-after-sent")
        result.notes.append(
            f"{loaded_app.path.name} was sent on {sent.day} (those files are kept in "
            f"{sent.folder}); this render goes to {folder}"
        )
    options = Options(page_size=request.page_size or app.page_size)
    chosen = request.formats or formats.FOR_UPLOAD
    pages = request.pages or app.pages

    try:
        resume, letter = compose_application(
            loaded_app, profile, theme, request.today or dt.date.today()
        )
    except RenderError as error:
        result.fail(describe(error, profile), 1)
        return result
    fitted = _fit(resume, theme, pages, options, result, "resume")
    if fitted is not None:
        stem = folder / f"{name}-Resume"
        _write_all(resume, fitted, chosen, stem, options, request, result, profile)
    if letter is not None:
        look = theme.as_letter(options.page_size)
        fitted_letter = _fit(letter, look, 1, options, result, "cover letter")
        if fitted_letter is not None:
            letter = centred_letter(letter, fitted_letter, options)
            path = folder / f"{name}-Cover-Letter"
            _write_all(letter, fitted_letter, chosen, path, options, request, result, profile)
    if loaded_app.job_text.strip():
        _keywords(loaded_app, resume, folder / f"{name}-Keywords.md", name, result)
    return result


def _fit(
    document: Document,
    theme: Theme,
    pages: int | None,
    options: Options,
    result: Result,
    what: str,
) -> Theme | None:
    """The theme to render with: fitted to `pages` when asked (None when it cannot be, with
    why); else the theme itself, with a hint when the last page holds only a few lines."""
    if pages is not None:
        return fit_theme(document, theme, pages, options, result, what)
    rendered = formats.paged().render(document, theme, options)
    hint = last_page_hint(document, theme, rendered.layout, rendered.pages, options)
    if hint:
        result.notes.append(f"{what}: {hint}")
    return theme


def _write_all(
    document: Document,
    theme: Theme,
    chosen: tuple[str, ...],
    stem: Path,
    options: Options,
    request: Request,
    result: Result,
    profile: LoadedProfile,
) -> None:
    for name in chosen:
        fmt = formats.get(name)
        path = stem.with_name(stem.name + fmt.suffix)
        try:
            result.written.append(
                render_document(document, theme, fmt, path, options, run_check=request.run_check)
            )
        except RenderError as error:
            result.fail(f"{path.name} not written: {describe(error, profile)}", 1)
        except OutputError as error:
            result.fail(str(error), 1)


def _keywords(
    application: LoadedApplication, resume: Document, path: Path, name: str, result: Result
) -> None:

    app = application.application
    found = coverage(application.job_text, resume, ignore=(app.company,), title=app.role)
    title = f"Keywords: {name.replace('-', ' ')} for {app.role} at {app.company}"
    data = report_markdown(title, found).encode("utf-8")
    try:
        write_atomic(path, data)
    except OutputError as error:
        result.fail(str(error), 1)
        return
    result.written.append(Written(path, "report", "keywords", len(data), None))
    result.notes.append(f"keywords: {found.summary()} (see {path.name})")


def run_application_safely(request: Request) -> Result:
    try:
        return run_application(request)
    except InputError as error:
        return Result(request.application, errors=[str(p) for p in error.problems], exit_code=2)
    except OutputError as error:
        return Result(request.application, errors=[str(error)], exit_code=1)
