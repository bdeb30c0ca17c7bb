"""An application: one job applied for, with the profile it draws on, the variant of the
resume it wants (tags, sections, pages), the job's text and a cover letter.

Validated like a profile (file, line, column, field, did-you-mean; a JSON Schema for
editors). Paths in it are relative to the application file. The cover letter's paragraphs are
inline markup with Jinja2 placeholders ({{ company }}, {{ role }}, {{ name }}, …), rendered in
the same bounded sandbox as themes' templates, and tried when the file is read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, model_validator

from renderer.errors import InputError, Problem
from renderer.files import read_bytes
from renderer.inputs.reading import load_document, validate
from renderer.profile.model import Line, Paragraphs, SectionId, Strict, Tag
from renderer.profile.sourced import LoadedProfile, Positions

MAX_JOB_CHARS = 100_000  # a job advert is a few KB
APPLICATION_SCHEMA_FILE = Path(__file__).parent / "application.schema.json"
Status = Literal["draft", "sent", "interview", "offer", "rejected", "withdrawn"]


def _full_date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a valid date") from None
    raise ValueError(f"{value!r} is not a date; write 2026-11-23")


class CoverLetter(Strict):
    """A one-page letter in the resume's theme, with the same header."""

    recipient: list[Line] = Field(
        default_factory=list,
        description="The address lines: a person or team, the company, its address.",
    )
    greeting: Line | None = Field(
        default=None, description="The salutation, e.g. 'Dear Ms Rivera,' (default: the theme's)."
    )
    body: list[Paragraphs] = Field(
        min_length=1,
        description="Paragraphs with inline markup and placeholders: {{ company }}, "
        "{{ role }}, {{ name }}, {{ headline }}, {{ email }}, {{ phone }}, {{ location }}.",
    )
    closing: Line | None = Field(default=None, description="e.g. 'Kind regards,'.")
    date: Annotated[dt.date, BeforeValidator(_full_date)] | None = Field(
        default=None, description="The letter's date, 2026-11-23 (default: today)."
    )


class SectionChoice(Strict):
    order: list[SectionId] = Field(
        default_factory=list, description="These sections first, in this order."
    )
    omit: list[SectionId] = Field(default_factory=list, description="Sections left out.")


class Application(Strict):
    """One job applied for."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        coerce_numbers_to_str=True,
        title="Resume application",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    profile: Line = Field(description="The profile, as a path relative to this file.")
    company: Line = Field(description="The company applied to.")
    role: Line = Field(description="The role applied for.")
    theme: Line | None = Field(default=None, description="Theme name or folder (default classic).")
    tags: list[Tag] = Field(
        default_factory=list, description="Show untagged items and those with these tags."
    )
    exclude_tags: list[Tag] = Field(
        default_factory=list, description="Never show items with these tags."
    )
    sections: SectionChoice = Field(default_factory=SectionChoice)
    pages: int | None = Field(
        default=None, ge=1, le=10, description="Fit the resume to this many pages."
    )
    page_size: Literal["letter", "a4"] | None = None
    job: str | None = Field(
        default=None, max_length=MAX_JOB_CHARS, description="The job's advert, as text."
    )
    job_file: Line | None = Field(
        default=None, description="The job's advert in a text file, relative to this file."
    )
    cover_letter: CoverLetter | None = None
    status: Status = Field(
        default="draft",
        description="Where the application stands: draft, sent, interview, offer, rejected, "
        "withdrawn ('resume sent' sets sent and keeps the files sent).",
    )
    sent: Annotated[dt.date, BeforeValidator(_full_date)] | None = Field(
        default=None, description="The day it was sent, 2026-11-23 ('resume sent' sets it)."
    )
    deadline: Annotated[dt.date, BeforeValidator(_full_date)] | None = Field(
        default=None, description="The day applications close, 2026-12-15."
    )

    @model_validator(mode="after")
    def _one_job_text(self) -> Application:
        if self.job and self.job_file:
            raise ValueError("give either job or job_file, not both")
        return self


@dataclass(frozen=True)
class LoadedApplication:
    application: Application
    path: Path
    positions: Positions
    job_text: str  # the job's advert, read from job_file when it is one

    @property
    def name(self) -> str:
        """The folder its files go in: the application file's name."""
        return self.path.stem

    def profile_path(self) -> Path:
        """The profile named, as short as messages can name it: from the current folder when
        it lies inside it (profiles/ao-wang.yaml, not /home/…/profiles/ao-wang.yaml)."""
        found = self.named_path(("profile",), self.application.profile)
        try:
            return found.relative_to(Path.cwd())
        except ValueError:
            return found

    def named_path(self, field: tuple[str | int, ...], value: str) -> Path:
        """A file the application names (relative to it), inside its folder or the current
        one. An application is data (it may come from elsewhere): it never gets to read
        /etc/passwd into a keyword report, nor ../../ anything outside the project."""
        found = (self.path.parent / value).resolve()
        roots = (self.path.parent.resolve(), Path.cwd().resolve())
        if not any(found.is_relative_to(root) for root in roots):
            raise self.problem(
                field, f"{value!r} lies outside the application's folder and the current one"
            )
        return found

    def problem(self, field: tuple[str | int, ...], message: str) -> InputError:
        line, column = self.positions.of(field) or (None, None)
        return InputError(Problem(str(self.path), message, line, column, field))


def load_application(path: Path | str, *, read_job: bool = True) -> LoadedApplication:
    """An application file, and the advert its job_file names (`read_job`: a list of
    applications needs only the file's own fields)."""
    path = Path(path)
    data, positions = load_document(path, "application")
    application = validate(Application, data, path, positions)
    loaded = LoadedApplication(application, path, positions, application.job or "")
    if application.job_file and read_job:
        job = loaded.named_path(("job_file",), application.job_file)
        try:
            text = read_job_file(job)
        except InputError as error:
            raise loaded.problem(("job_file",), f"{job}: {error.problems[0].message}") from None
        loaded = LoadedApplication(application, path, positions, text)
    return loaded


def read_job_file(path: Path) -> str:
    """A job advert saved as text (plain, Markdown or HTML), as `match` and an application
    read it: UTF-8 (with or without its mark) or UTF-16 with its mark. A PDF, a Word file,
    text in another encoding or binary data is refused with what to do, rather than read
    into terms ('PDF-1.3', 'D\ufffdveloppeur')."""
    data = read_bytes(path, MAX_JOB_CHARS * 4, "job advert")
    kind = next((name for magic, name in _NOT_TEXT if data.startswith(magic)), None)
    if kind:
        raise InputError(f"it is {kind}; save the advert's text as a .txt or .md file", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", "replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(
                "it is not UTF-8 text; save it as UTF-8 (Save As, encoding UTF-8)", path
            ) from None
    if "\x00" in text or "\ufffd" in text:
        raise InputError("it holds binary data, not the text of an advert", path)
    return text


_NOT_TEXT = (
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a zip archive (a Word or OpenDocument file?)"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel file"),
    (b"{\\rtf", "an RTF document"),
)


def letter_values(application: Application, profile: LoadedProfile) -> dict[str, object]:
    """What a cover letter's placeholders stand for."""
    p = profile.profile
    return {
        "company": application.company,
        "role": application.role,
        "name": p.name or "",
        "headline": p.headline or "",
        "email": p.email or "",
        "phone": p.phone or "",
        "location": p.location or "",
    }
