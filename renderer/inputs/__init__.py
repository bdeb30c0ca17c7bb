"""Inputs: every kind of file a career arrives in, read into a profile with where each value
came from.

The registry below knows each input format (`FORMATS`): its name, how it recognises a
document, and how it turns one into the profile's values (`Imported`: the values, where each
came from, what it could not take). Reading is the same for all: the file is read as YAML or
JSON keeping every value's line and column (`reading.py`), the first format that recognises
it converts it, and the values are validated as a profile, each problem named at the line of
the file the person wrote and in its own format's field names (`work[2].startDate`).

Adding an input format is a module here with a `FORMAT`, and a line in `FORMATS`.
`foreign_text.py` makes other tools' HTML and bullet lines the profile's own;
`profile_yaml.py` writes an imported profile back as YAML a person edits; `application.py`
reads a job application.
"""

from __future__ import annotations

import typing
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from renderer.errors import FieldPath, InputError, Problem
from renderer.files import read_head
from renderer.inputs import jsonresume, linkedin, rendercv
from renderer.inputs.imported import Imported
from renderer.inputs.reading import load_document, validate
from renderer.locale.guess import guess_language
from renderer.profile.model import Profile
from renderer.profile.sourced import LoadedProfile, Positions
from renderer.profile.values import reading_notes


@dataclass(frozen=True)
class InputFormat:
    name: str  # as people call it: "JSON Resume"
    recognises: Callable[[dict[str, Any]], bool]  # given the document's values
    # The profile's values for a document of this format; None: the document is a profile.
    convert: Callable[[dict[str, Any]], Imported] | None


PROFILE = InputFormat("profile", lambda data: True, None)
JSON_RESUME = InputFormat(
    "JSON Resume", jsonresume.looks_like_json_resume, jsonresume.import_resume
)

RENDERCV = InputFormat("RenderCV", rendercv.looks_like_rendercv, rendercv.import_rendercv)

# In the order they are asked; the profile's own format takes what no other recognises.
FORMATS: tuple[InputFormat, ...] = (JSON_RESUME, RENDERCV, PROFILE)


@dataclass(frozen=True)
class FileFormat:
    """An input that is not a YAML or JSON document: a Word or PDF resume, an export."""

    name: str
    recognises: Callable[[Path, bytes], bool]  # the path, the file's first bytes
    read: Callable[[Path], tuple[Imported, Positions]]


def _zip_holding(head: bytes, path: Path, member: str) -> bool:
    if not head.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return any(name.endswith(member) for name in archive.namelist()[:10_000])
    except (zipfile.BadZipFile, OSError):
        return False


def _read_word(path: Path) -> tuple[Imported, Positions]:
    # The Word and PDF importers (python-docx, pdfminer.six) load only for such a file: a
    # render of a profile never pays for them.
    from renderer.inputs import resume

    return resume.read_docx(path)


def _read_pdf(path: Path) -> tuple[Imported, Positions]:
    from renderer.inputs import resume  # loaded only for a PDF resume, as above

    return resume.read_pdf(path)


WORD = FileFormat(
    "Word resume",
    lambda path, head: (
        path.suffix.lower() == ".docx" or _zip_holding(head, path, "word/document.xml")
    ),
    _read_word,
)
PDF = FileFormat("PDF resume", lambda path, head: head.startswith(b"%PDF"), _read_pdf)
LINKEDIN = FileFormat("LinkedIn export", linkedin.recognises, linkedin.read_export)
FILE_FORMATS: tuple[FileFormat, ...] = (LINKEDIN, WORD, PDF)


def is_input_folder(path: Path) -> bool:
    """A folder that is one input (an unpacked export), not a folder of profiles."""
    return path.is_dir() and any(kind.recognises(path, b"") for kind in FILE_FORMATS)


def recognise(data: dict[str, Any]) -> InputFormat:
    """The format of a document's values."""
    return next(fmt for fmt in FORMATS if fmt.recognises(data))


def load_profile(path: Path | str) -> LoadedProfile:
    """A profile from a file in any format the registry knows."""
    return read(path)[1]


def read(path: Path | str) -> tuple[InputFormat | FileFormat, LoadedProfile]:
    """A file's format, and the profile read from it."""
    path = Path(path)
    head = read_head(path, 8, "resume")[0] if path.is_file() else b""
    for kind in FILE_FORMATS:
        if kind.recognises(path, head):
            imported, places = kind.read(path)
            return kind, _converted(imported, path, places)
    data, positions = load_document(path, "profile")
    fmt = recognise(data)
    return fmt, profile_from(data, path, positions, fmt)


def profile_from(
    data: dict[str, Any],
    path: Path,
    positions: Positions | None = None,
    fmt: InputFormat | None = None,
) -> LoadedProfile:
    """A document's values (read from `path`, or given as a dict) as a validated profile."""
    fmt = fmt or recognise(data)
    positions = positions or Positions()
    if fmt.convert is None:
        profile = validate(Profile, data, path, positions)
        notes = []
        for place, message in reading_notes(data):
            line, column = positions.of(place) or (None, None)
            notes.append(Problem(str(path), message, line, column, place))
        return LoadedProfile(profile, path, positions, tuple(notes))
    return _converted(fmt.convert(data), path, positions)


def _converted(imported: Imported, path: Path, positions: Positions) -> LoadedProfile:
    """Problems and notes name the source format's fields and lines (work[2].position), since
    that is what the person wrote; warnings found later name the profile's field on that
    line."""

    def problem(source: FieldPath, message: str) -> Problem:
        line, column = positions.of(source) or (None, None)
        return Problem(str(path), message, line, column, source)

    if imported.errors:
        raise InputError([problem(source, message) for source, message in imported.errors])
    _guess_locale(imported)
    translated = Positions(dropped=list(positions.dropped))
    for place in _paths(imported.data, ()):
        source = imported.source_of(place)
        mark = positions.of(source)
        if mark:
            translated.values[place] = mark
        if source in positions.taken_as:  # a YAML-written resume.json: `fluency: no`
            translated.taken_as[place] = positions.taken_as[source]
    try:
        profile = validate(Profile, imported.data, path, translated)
    except InputError as error:
        problems = []
        for p in error.problems:
            source = imported.source_of(p.path)
            message = p.message
            if message.startswith("required field") and source and isinstance(source[-1], str):
                message = f"required field {source[-1]!r} is missing"
            problems.append(problem(source, message))
        raise InputError(problems) from None
    read = [(imported.source_of(place), message) for place, message in reading_notes(imported.data)]
    guessed = [
        (imported.source_of(place), f"check: {message}") for place, message in imported.guesses
    ]
    said = [*imported.notes, *read, *guessed]
    notes = tuple(problem(source, message) for source, message in said)
    return LoadedProfile(profile, path, translated, notes, tuple(imported.guesses))


def _guess_locale(imported: Imported) -> None:
    """A file that cannot say its language (JSON Resume, a Word or PDF resume) gets the one
    its text is clearly written in, and says so: a Spanish resume.json was rendered with
    English headings and dates."""
    if "locale" in imported.data:
        return
    language = guess_language(" ".join(_texts(imported.data)))
    if language is None:
        return
    imported.data["locale"] = language
    imported.note(
        (),
        f"written in {_language_name(language)}: headings and dates in it (locale "
        f"{language}; --locale en, or locale: in the profile, chooses another)",
    )


def _texts(value: Any) -> typing.Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _language_name(code: str) -> str:
    from babel import Locale as BabelLocale  # only for a resume not in English

    return str(BabelLocale.parse(code.replace("-", "_")).english_name)


def _paths(value: Any, path: FieldPath) -> typing.Iterator[FieldPath]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*path, i))
