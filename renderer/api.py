"""The Python API: what the `resume` command does, for programs (a web form, a CI job).

    import resume_renderer

    for file in resume_renderer.render("profiles/me.yaml", theme="modern"):  # PDF and DOCX
        print(file.name, file.pages, len(file.data))      # me-modern.pdf 1 31245
        file.write("output")                              # output/me-modern.pdf, atomically

A profile is a path (YAML, JSON or a JSON Resume file), a dict shaped like one, or a
`Profile`. Nothing is written unless asked. Errors are the CLI's, with the same messages:

- `InputError`: a bad profile, theme or argument; `.problems` lists each with its file, line
  and field (a dict has no file or line: the field says where);
- `RenderError`: a theme cannot draw something in the profile (a character its fonts lack);
- `OutputError`: a file cannot be written (`Output.write`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from renderer.errors import InputError, OutputError, RenderError

if TYPE_CHECKING:
    from renderer.ats.check import Report
    from renderer.profile.model import Profile

__all__ = [
    "InputError",
    "Output",
    "OutputError",
    "RenderError",
    "formats",
    "load",
    "render",
    "themes",
    "to_json_resume",
]


@dataclass(frozen=True)
class Output:
    """One rendered file, in memory."""

    name: str  # the file name the CLI would give it: rui-shao-modern.pdf
    format: str  # pdf, docx, html, txt, md
    theme: str
    data: bytes
    pages: int | None = None  # paged formats: how many pages
    warnings: tuple[str, ...] = ()  # about the profile and this file (long bullets, …)
    check: Report | None = field(default=None, compare=False)  # with check=True

    def write(self, folder: str | Path = ".") -> Path:
        """Write the file into a folder (made if missing), atomically; its path."""
        from renderer.files import write_atomic

        path = Path(folder) / self.name
        write_atomic(path, self.data)
        return path


def load(profile: str | Path | Mapping[str, Any] | Profile) -> Profile:
    """A validated profile from a file, a dict (a profile or a JSON Resume document) or a
    Profile; an InputError naming each bad field otherwise."""
    return _loaded(profile).profile


def _loaded(profile: Any) -> Any:
    # The pipeline is imported on first use, here and in each function below:
    # `import resume_renderer` stays as light as a program's start-up needs it to be.
    from renderer.inputs import load_profile, profile_from
    from renderer.profile.model import Profile
    from renderer.profile.sourced import LoadedProfile, Positions

    if isinstance(profile, Profile):
        return LoadedProfile(profile, Path("<profile>"), Positions())
    if isinstance(profile, (str, Path)):
        return load_profile(profile)
    if not isinstance(profile, Mapping):
        kind = type(profile).__name__
        raise TypeError(f"a profile is a path, a dict or a Profile, not {kind}")
    try:  # any format the registry knows; its errors name its own fields (work[0].name)
        return profile_from(dict(profile), Path("<dict>"))
    except RecursionError:  # a file is held to 64 levels before this; a dict is not
        raise InputError("nested too deeply", Path("<dict>")) from None


def _names(value: Iterable[str] | str | None, what: str) -> tuple[str, ...]:
    """Tags or formats: a list of words, or one string of them (a,b), as the CLI takes them."""
    if value is None:
        return ()
    words = value.split(",") if isinstance(value, str) else list(value)
    if not all(isinstance(word, str) for word in words):
        raise InputError(f"{what} are words (strings), not {words!r}")
    return tuple(word.strip() for word in words if word.strip())


def render(
    profile: str | Path | Mapping[str, Any] | Profile,
    theme: str | Path = "classic",
    formats: Iterable[str] | str | None = None,
    *,
    tags: Iterable[str] | str = (),
    exclude_tags: Iterable[str] | str = (),
    locale: str | None = None,
    page_size: str | None = None,
    pages: int | None = None,
    check: bool = False,
) -> list[Output]:
    """Render a profile in one theme to each format asked for (by default those attached to an
    application: PDF and DOCX), in memory.

    `tags`/`exclude_tags` choose a variant (as --tags/--exclude-tags), `locale` overrides
    the profile's language, `page_size` is letter or a4, `pages` fits the resume to that
    many pages (an InputError says by how much it runs over), and `check` reads each file
    back as an applicant tracking system would (`Output.check`).
    """
    from renderer import formats as backends
    from renderer.compose.resume import compose
    from renderer.formats import Options
    from renderer.jobs.render import (
        Result,
        check_tags,
        describe,
        fit_theme,
        output_path,
        own_size,
        person_slug,
        require_content,
        slug,
    )
    from renderer.locale import resolve
    from renderer.profile.advice import lint
    from renderer.theme.model import load_theme

    loaded = require_content(_loaded(profile))
    tags, exclude_tags = _names(tags, "tags"), _names(exclude_tags, "exclude_tags")
    check_tags(loaded, (*tags, *exclude_tags))
    if page_size not in (None, "letter", "a4"):
        raise InputError(f"page_size must be letter or a4, not {page_size!r}")
    if pages is not None and (type(pages) is not int or not 1 <= pages <= 10):
        raise InputError(f"pages is a whole number from 1 to 10, not {pages!r}")
    if locale is not None and not isinstance(locale, str):
        raise InputError(f"locale is a code such as 'de' or 'zh-Hans', not {locale!r}")
    try:
        language = resolve(locale) if locale is not None else None
        chosen = [backends.get(name) for name in _names(formats, "formats") or backends.FOR_UPLOAD]
    except (ValueError, KeyError) as error:
        raise InputError(str(error).strip("'\"")) from None
    warnings = tuple(str(p) for p in lint(loaded, language))
    style = load_theme(str(theme))
    try:
        document = compose(loaded.profile, style, tags, exclude=exclude_tags, language=language)
    except RenderError as error:
        raise RenderError(describe(error, loaded)) from None
    options = Options(page_size=page_size)
    if pages is not None:
        result = Result(loaded.path)
        fitted = fit_theme(document, style, pages, options, result)
        if fitted is None:
            raise InputError(result.errors[0])
        style = fitted
    who = person_slug(loaded.profile.name, loaded.path, loaded.profile.locale)
    size = own_size(style, page_size)
    files = []
    for fmt in chosen:
        name = output_path(Path(), who, slug(style.name), fmt, *sorted(tags), size).name
        try:
            rendered = fmt.render(document, style, options)
        except RenderError as error:
            raise RenderError(f"{name}: {describe(error, loaded)}") from None
        report = None
        if check:
            from renderer.ats.check import check as read_back

            report = read_back(fmt, rendered.data, document, name)
        files.append(
            Output(
                name,
                fmt.name,
                style.name,
                rendered.data,
                rendered.pages,
                warnings + rendered.notes,
                report,
            )
        )
    return files


def themes() -> list[str]:
    """The built-in themes' names (a theme folder's path works wherever a name does)."""
    from renderer.theme.model import builtin_names

    return builtin_names()


def formats() -> list[str]:
    """The output formats: pdf, docx, html, txt, md."""
    from renderer import formats as backends

    return list(backends.names())


def to_json_resume(profile: str | Path | Mapping[str, Any] | Profile) -> dict[str, Any]:
    """The profile as a JSON Resume document (as `resume export`)."""
    from renderer.inputs.jsonresume import export_resume

    return export_resume(load(profile))
