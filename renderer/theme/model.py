"""Themes: data that says how a resume looks, validated like a profile, never code.

A theme is a folder holding `theme.yaml` (this module's `Theme` model), `fonts/` with its
TrueType files and their licence, and optionally `text.txt.j2` / `markdown.md.j2` to override
the plain-text outputs. Its slot templates are Jinja2, run sandboxed with undefined names as
errors. Themes are found among the built-ins, at a folder path, or through the
`resume_renderer.themes` entry-point group (located without importing anything).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from renderer.errors import InputError, Problem
from renderer.files import inside, read_head
from renderer.inputs.reading import load_document, validate
from renderer.profile.model import SECTION_FIELDS, Line, SectionId
from renderer.profile.sections import SLOTS
from renderer.theme.fontconvert import (
    LARGE_FACE,
    face_region,
    national,
    needs_converting,
    standalone,
)
from renderer.theme.fontfile import FontFileProblem, chosen, embedding_problem, split_reference

if TYPE_CHECKING:
    from renderer.profile.sourced import Positions

ENTRY_POINT_GROUP = "resume_renderer.themes"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # renderer/
# Installed wheels carry the themes inside the package; a source checkout has them beside it.
BUILTIN_DIR = next(
    (d for d in (_PACKAGE_DIR / "_builtin_themes", _PACKAGE_DIR.parent / "themes") if d.is_dir()),
    _PACKAGE_DIR.parent / "themes",
)
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")

Colour = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$", description="#RRGGBB")]
Text = Annotated[Line, Field(max_length=200)]
"""Words a theme prints or names: one line, no control characters (they are not XML)."""
FontName = Annotated[Text, Field(pattern=r"^[\w][\w .-]*$")]
"""A font family's name: letters, digits, spaces, dots and hyphens (it goes into CSS and XML)."""
Spacer = Annotated[str, Field(max_length=20, pattern=r"^[^\x00-\x1f\x7f-\x9f]*$")]
"""A separator: may be blank or spaces, but never a control character."""
FontFile = Annotated[str, Field(min_length=1, max_length=255, pattern=r"^[^\x00-\x1f\x7f]+$")]
MAX_FONT_BYTES = 64 * 1024 * 1024  # a CJK font is ~20 MiB; a theme font of more is a mistake
PAGE_SIZES = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}


class _Strict(BaseModel):
    # Built when first used (see renderer/model.py's Strict): once for the theme as a whole.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Fonts(_Strict):
    regular: FontFile = Field(description="TrueType file, relative to the theme folder.")
    bold: FontFile
    italic: FontFile
    bold_italic: FontFile
    fallback: list[FontFile] = Field(
        default_factory=list,
        description="Fonts tried, in order, for a character the main font cannot draw.",
    )


def _space(value: object) -> object:
    """Points as a number; a space in lines was made points by `Styles` (it needs the
    paragraph's size), so a string left here is a mistake worth a hint."""
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            if in_lines(value) is not None:
                raise ValueError(
                    "a space in lines needs styles.paragraph's size (a line of body text)"
                ) from None
            raise ValueError(
                f"{value!r} is not a space; write points (6) or lines of body text "
                "(1 line, 1/2 line, 0.25 line)"
            ) from None
    return value


Space = Annotated[float, BeforeValidator(_space), Field(ge=0, le=72)]


class Style(_Strict):
    """How one role of the Document looks (the same roles in the PDF and the DOCX)."""

    size: float = Field(ge=5, le=40, description="Font size in points.")
    leading: float = Field(default=1.2, ge=0.9, le=2.5, description="Line height / size.")
    bold: bool = False
    italic: bool = False
    colour: Literal["text", "accent", "muted"] = "text"
    align: Literal["left", "center"] = "left"
    space_before: Space = Field(
        default=0, description="Above: points, or lines of body text (1/2 line)."
    )
    space_after: Space = Field(default=0, description="Below: points, or lines of body text.")
    indent: float = Field(default=0, ge=0, le=72, description="Left indent in points.")
    rule: bool = Field(default=False, description="A hairline under the block (headings).")
    small_caps: bool = Field(
        default=False,
        description="Set in capitals, each word's letters after the first drawn smaller, as "
        "typeset small capitals look; every reader gets the capitals (headings).",
    )


class Styles(_Strict):
    name: Style
    headline: Style
    contact: Style
    heading: Style
    entry: Style
    subline: Style
    group: Style
    paragraph: Style
    bullet: Style

    @model_validator(mode="before")
    @classmethod
    def _spaces_in_lines(cls, data: object) -> object:
        """Spaces written in lines of body text (`space_before: 3/4 line`) become points, so a
        theme's vertical spaces are a few multiples of one unit, its body line (the
        paragraph's size times its line height): one rhythm, kept when the sizes change."""
        if not isinstance(data, dict):
            return data
        line = body_line(data.get("paragraph"))
        if line is None:
            return data  # the paragraph's own error is reported
        resolved = {}
        for role, style in data.items():
            if isinstance(style, dict):
                style = {
                    key: round(lines * line, 2)
                    if key in SPACES and (lines := in_lines(value)) is not None
                    else value
                    for key, value in style.items()
                }
            resolved[role] = style
        return resolved


SPACES = ("space_before", "space_after")
_LINES = re.compile(r"^\s*(\d+(?:\.\d+)?)(?:\s*/\s*([1-9]\d*))?\s*lines?\s*$")


def in_lines(value: object) -> float | None:
    """A space written in lines of body text ("1 line", "3/4 line", "0.5 lines"), as lines;
    None for anything else (points, or a mistake the Style reports)."""
    found = _LINES.match(value) if isinstance(value, str) else None
    if found is None:
        return None
    whole, under = found.groups()
    return float(whole) / int(under or 1)


def body_line(paragraph: object) -> float | None:
    """The height of a line of body text in points (a theme's unit of vertical space), from
    the paragraph style as written; None if that is not a valid size and line height."""
    if not isinstance(paragraph, dict):
        return None
    try:
        size = float(paragraph["size"])
        leading = float(paragraph.get("leading", Style.model_fields["leading"].default))
    except (KeyError, TypeError, ValueError):
        return None
    return size * leading if size > 0 and leading > 0 else None


class Colours(_Strict):
    text: Colour = "#000000"
    accent: Colour = "#000000"
    muted: Colour = "#444444"


Margin = Annotated[float, Field(ge=0, le=216, description="Points; at most three inches.")]


class Page(_Strict):
    size: Literal["letter", "a4"] = "letter"
    margins: tuple[Margin, Margin, Margin, Margin] = Field(
        default=(48, 54, 48, 54), description="top, right, bottom, left, in points."
    )
    target_pages: int = Field(default=2, ge=1, le=20, description="More pages is warned.")

    @model_validator(mode="after")
    def _room_for_text(self) -> Page:
        top, right, bottom, left = self.margins
        for size, (width, height) in PAGE_SIZES.items():
            if width - left - right < 216 or height - top - bottom < 288:
                raise ValueError(
                    f"margins {list(self.margins)} leave too little room for text on {size} "
                    "paper (at least 3 x 4 inches must remain)"
                )
        return self


def _date_format(value: str) -> str:
    """A strftime format must make one line of text (`%n` and `%t` would break it)."""

    try:
        made = dt.date(2025, 2, 1).strftime(value)
    except ValueError as error:
        raise ValueError(f"{value!r} is not a date format: {error}") from None
    if not made.strip() or any(not c.isprintable() for c in made):
        raise ValueError(f"{value!r} makes {made!r}; a date format makes one line of text")
    return value


DateFormat = Annotated[Text, AfterValidator(_date_format)]


class FitFloors(_Strict):
    """How far a resume may be tightened to fit a number of pages (`--pages`): side margins
    first, then line height, then type size, and only then the space between paragraphs and
    sections, never past these (space is what keeps a page readable when it is full)."""

    min_margin: float = Field(
        default=50, ge=18, le=144, description="Points: the narrowest side margin."
    )
    min_space: float = Field(default=0.6, ge=0, le=1, description="Of the theme's spacing.")
    min_leading: float = Field(default=1.1, ge=0.9, le=2, description="Line height / size.")
    min_size: float = Field(
        default=9.5, ge=6, le=14, description="Points: the smallest body text size."
    )


class Dates(_Strict):
    month: DateFormat = Field(default="%b %Y", description="strftime format, year and month.")
    year: DateFormat = Field(default="%Y", description="strftime format for a year alone.")
    present: Text = "Present"
    separator: Spacer = " – "
    day: DateFormat | None = Field(
        default=None,
        description="strftime format for a full date (a letter's); by default as the "
        "language writes one: 5 December 2026, December 5, 2026 in en-US.",
    )


# Slots a theme could override before entry heads were composed from their parts (issue #12):
# the title, organisation and dates of an entry are now separate runs an ATS can tell apart.
_RETIRED_SLOTS = {
    "experience_title": "entry heads are composed from title and organisation",
    "project_title": "entry heads are composed from name and role",
    "education_title": "entry heads are composed from degree and institution",
    "certification": "entry heads are composed from name and issuer",
    "award": "entry heads are composed from title and awarder",
    "publication": "entry heads are composed from title and publisher",
}


def _section_name(value: str) -> str:
    """A section a theme names: a built-in one, or (unknown to the theme) a custom one; a near
    miss of a built-in name is a typo, not a custom section."""
    near = difflib.get_close_matches(value, SECTION_FIELDS, n=1, cutoff=0.75)
    if near and near[0] != value:
        raise ValueError(f"no section {value!r}; did you mean {near[0]!r}?")
    return value


SectionName = Annotated[SectionId, AfterValidator(_section_name)]


class Theme(_Strict):
    """A theme.yaml. Everything but `name`, `description`, `fonts` and `styles` has defaults."""

    name: str = Field(description="Lower-case name, as given to --theme.")
    description: Text = Field(description="One line, shown by `resume themes`.")
    fonts: Fonts
    docx_font: FontName = Field(
        description="Font family the DOCX names: one Word users have, metric-compatible with "
        "the PDF font (Calibri for Carlito, Arial for Liberation Sans, Cambria for Caladea)."
    )
    page: Page = Page()
    colours: Colours = Colours()
    styles: Styles
    bullet: Text = Field(default="•", min_length=1, max_length=1)
    separator: Spacer = Field(default=" · ", description="Between contact items and languages.")
    dates: Dates = Dates()
    fit: FitFloors = FitFloors()
    line_spacing: Literal["at-least", "exact"] = Field(
        default="at-least",
        description="DOCX line height: at least each style's leading (lines grow with "
        "larger type), or exactly it (what a resume fitted to its pages uses).",
    )
    header: Literal["stacked", "split"] = Field(
        default="stacked",
        description="stacked: name, headline and contact details on lines of their own; split: "
        "the contact details flush right, beside the name and the headline.",
    )
    entry_separator: Spacer = Field(
        default=" | ",
        description="Between an entry's title and its organisation (Engineer | Acme): a "
        "separator parsers know, so they fill both fields.",
    )
    entry_head: Literal[
        "title-organisation",
        "organisation-title",
        "title-over-organisation",
        "organisation-over-title",
    ] = Field(
        default="title-organisation",
        description="An entry's head: the title in bold, then the organisation after the "
        "separator; the organisation in bold first, then the title in italic; the title "
        "alone beside the dates, the organisation opening the line under it; or (in "
        "experience and education) the organisation in bold beside its place, over the "
        "title in italic beside the dates.",
    )
    sections: list[SectionName] = Field(
        default=list(SECTION_FIELDS),
        description="Which sections, in which order (built-in names, or ids of a profile's "
        "own sections).",
    )
    headings: dict[SectionName, Text] = Field(
        default_factory=dict, description="Section headings, by section name."
    )
    templates: dict[str, Annotated[str, Field(max_length=20_000)]] = Field(
        default_factory=dict, description="Slot overrides."
    )
    folder: Path = Field(default=Path("."), exclude=True)
    origin: str = Field(default="", exclude=True, description="Where the theme was found.")
    slot_lines: dict[str, int] = Field(default_factory=dict, exclude=True)
    own_templates: dict[str, Path] = Field(default_factory=dict, exclude=True)
    spaces_in_lines: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        exclude=True,
        description="Spaces as written in lines, by style: a theme extending this one "
        "measures them by its own body line.",
    )

    @model_validator(mode="before")
    @classmethod
    def _remember_lines(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("styles"), dict):
            written = {
                role: {key: value for key, value in style.items() if in_lines(value) is not None}
                for role, style in data["styles"].items()
                if isinstance(style, dict)
            }
            data = {**data, "spaces_in_lines": {r: keys for r, keys in written.items() if keys}}
        return data

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError("a theme name is lower-case letters, digits and hyphens")
        return value

    @field_validator("sections")
    @classmethod
    def _each_once(cls, value: list[str]) -> list[str]:
        twice = sorted({name for name in value if value.count(name) > 1})
        if twice:
            raise ValueError(f"section {twice[0]!r} is listed twice")
        return value

    @field_validator("templates")
    @classmethod
    def _known_slots(cls, value: dict[str, str]) -> dict[str, str]:
        for slot in value:
            if slot in _RETIRED_SLOTS:
                raise ValueError(
                    f"slot {slot!r} is no more: {_RETIRED_SLOTS[slot]}; "
                    "style them with styles.entry and entry_separator"
                )
            if slot not in SLOTS:
                near = difflib.get_close_matches(slot, SLOTS, n=1)
                hint = f"did you mean {near[0]!r}?" if near else f"slots are {', '.join(SLOTS)}"
                raise ValueError(f"unknown slot {slot!r}; {hint}")
        return value

    def template(self, slot: str) -> str:
        return self.templates.get(slot, SLOTS[slot].template)

    def style(self, role: str) -> Style:
        """The style of a Document role; a `line` (of an address) is a paragraph's, with no
        space before or after."""
        if role == "line":
            return self.styles.paragraph.model_copy(update={"space_before": 0, "space_after": 0})
        found: Style = getattr(self.styles, role)
        return found

    def heading(self, section: str) -> str | None:
        """The theme's heading for a section, if it sets one."""
        return self.headings.get(section)

    def font_path(self, resolved: str) -> Path:
        """A font file of the theme (resolved, and checked to lie inside the folder of the
        theme that names it, when the theme was loaded)."""
        return Path(resolved)

    def page_size(self, override: str | None = None) -> tuple[float, float]:
        return PAGE_SIZES[override or self.page.size]

    def characters_a_line(self, size: float) -> float:
        """About how many characters of running text of `size` points a line holds, on the
        narrower of the papers (A4), between the theme's side margins."""
        _, right, _, left = self.page.margins
        width = min(w for w, _ in PAGE_SIZES.values())
        return (width - left - right) / (AVERAGE_CHARACTER * size)

    def as_letter(self, page_size: str | None = None) -> Theme:
        """The theme set for a cover letter: text of at least 11 points on a measure of about
        70 characters (wider margins, equal on both sides), as a letter is read, rather than
        the resume's dense lines of 100 and more. Headings, colours and fonts are the
        resume's, so the two look like one set."""
        styles = self.styles
        size = max(styles.paragraph.size, LETTER_SIZE)
        leading = max(styles.paragraph.leading, LETTER_LEADING)
        paragraph = styles.paragraph.model_copy(update={"size": size, "leading": leading})
        width, _ = self.page_size(page_size)
        top, right, bottom, left = self.page.margins
        measure = LETTER_MEASURE * AVERAGE_CHARACTER * size
        side = max(left, right, (width - measure) / 2)
        return self.model_copy(
            update={
                "styles": styles.model_copy(update={"paragraph": paragraph}),
                "page": self.page.model_copy(update={"margins": (top, side, bottom, side)}),
            }
        )


LETTER_SIZE = 11.0  # points: the smallest text a letter is set in
LETTER_LEADING = 1.35
LETTER_MEASURE = 70  # characters a line
# Of the type size: the mean width of a character of running English text (letters, spaces
# and punctuation in their frequencies) in the text faces themes use (0.45-0.50 em).
AVERAGE_CHARACTER = 0.48


def builtin_names() -> list[str]:
    return sorted(p.name for p in BUILTIN_DIR.iterdir() if (p / "theme.yaml").is_file())


def _entry_point_folders() -> dict[str, tuple[Path, str]]:
    """Installed theme packages, located without importing (and so running) any of them."""
    # Scanning installed packages is slow: only when a theme is not found among the built-in.
    import importlib.metadata
    import importlib.util

    found: dict[str, tuple[Path, str]] = {}
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        spec = importlib.util.find_spec(ep.value) if "." not in ep.value else None
        locations = list(spec.submodule_search_locations or []) if spec else []
        if locations and _NAME.match(ep.name):
            dist = ep.dist.name if ep.dist else "?"
            found[ep.name] = (Path(locations[0]), f"package {dist}")
    return found


def available() -> dict[str, tuple[Path, str]]:
    """Every theme by name: its folder and where it came from."""
    themes = {name: (BUILTIN_DIR / name, "built-in") for name in builtin_names()}
    for name, where in _entry_point_folders().items():
        themes.setdefault(name, where)
    return themes


def find(name_or_path: str) -> tuple[Path, str]:
    """The folder of a theme named on the command line, or an error listing the known ones."""
    if "/" in name_or_path or name_or_path.startswith("."):
        folder = Path(name_or_path).expanduser()
        if not (folder / "theme.yaml").is_file():
            raise InputError(f"no theme.yaml in the folder {folder}", name_or_path)
        return folder.resolve(), f"folder {folder}"
    if _NAME.match(name_or_path) and (BUILTIN_DIR / name_or_path / "theme.yaml").is_file():
        return BUILTIN_DIR / name_or_path, "built-in"  # no need to scan installed packages
    themes = available()
    if name_or_path not in themes:
        raise InputError(
            f"unknown theme {name_or_path!r}; known themes: {', '.join(sorted(themes))} "
            "(or give a folder path)",
            "--theme",
        )
    return themes[name_or_path]


MAX_EXTENDS = 8  # a chain of themes longer than this is a mistake (or a loop)


@lru_cache(maxsize=32)
def load_theme(name_or_path: str) -> Theme:
    """A theme by name or folder, with what it `extends` merged under it, fully checked."""
    return _load(name_or_path, ())


def _load(name_or_path: str, chain: tuple[Path, ...]) -> Theme:
    folder, origin = find(name_or_path)
    if folder.resolve() in chain:
        raise InputError(f"themes extend each other in a loop: {name_or_path!r}", folder)
    if len(chain) >= MAX_EXTENDS:
        raise InputError(f"theme extends more than {MAX_EXTENDS} themes deep", folder)
    path = inside(folder, "theme.yaml", "theme file")
    data, positions = load_document(path, "theme")
    parent_name = data.pop("extends", None)
    if parent_name is not None and "name" not in data:
        raise _problem(path, positions, ("extends",), "a theme that extends another needs a name")
    _resolve_own_fonts(data, folder, path, positions)
    own_slots = data.get("templates")  # the lines of this file's own slots, for messages
    parent = None
    if parent_name is not None:
        if not isinstance(parent_name, str) or not parent_name.strip():
            raise _problem(path, positions, ("extends",), "extends names a theme or a folder")
        try:
            parent = _load(_relative_to(parent_name, folder), (*chain, folder.resolve()))
        except InputError as error:
            line, column = positions.of(("extends",)) or (None, None)
            reason = f"{parent_name!r}: {error.problems[0].message}"
            first = Problem(str(path), reason, line, column, ("extends",))
            raise InputError([first, *error.problems[1:]]) from None
        data = _merged(_as_written(parent), data)
    slot_lines = {
        slot: mark[0]
        for slot in (own_slots if isinstance(own_slots, dict) else {})
        if (mark := positions.of(("templates", str(slot))))
    }
    theme = validate(Theme, {**data, "folder": folder, "origin": origin}, path, positions)
    _check_fonts(theme, path, positions)
    from renderer.theme.slots import (  # fail at load, not render
        compile_slots,
        theme_output_templates,
    )

    own = {**(parent.own_templates if parent else {}), **theme_output_templates(folder)}
    lines = {**(parent.slot_lines if parent else {}), **slot_lines}
    theme = theme.model_copy(update={"slot_lines": lines, "own_templates": own})
    compile_slots(theme, path, positions)
    return theme


def _relative_to(name: str, folder: Path) -> str:
    """A parent named by a relative folder path is found from the child's folder."""
    if name.startswith(".") or "/" in name:
        return str((folder / name).resolve())
    return name


def _as_written(parent: Theme) -> dict:
    """A parent's settings for a child to override, its spaces in lines as written (the
    child's body line measures them, not the parent's)."""
    data = parent.model_dump(exclude_defaults=False)
    return _merged(data, {"styles": parent.spaces_in_lines})


def _merged(base: dict, override: dict) -> dict:
    """The child's settings over the parent's: mappings merge key by key (a style can change
    only its size), anything else (a list, a value) replaces."""
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


def _problem(path: Path, positions: Positions, field: tuple, message: str) -> InputError:
    line, column = positions.of(field) or (None, None)
    return InputError(Problem(str(path), message, line, column, field))


def _resolve_own_fonts(data: dict, folder: Path, path: Path, positions: Positions) -> None:
    """Font files this theme names are resolved now, inside its own folder, so that a theme
    extending it finds them where they are (fonts it inherits stay its parent's)."""
    fonts = data.get("fonts")
    if not isinstance(fonts, dict):
        return
    for face, value in list(fonts.items()):
        files = value if isinstance(value, list) else [value]
        resolved = []
        for index, relative in enumerate(files):
            field = ("fonts", face, index) if isinstance(value, list) else ("fonts", face)
            if not isinstance(relative, str) or not relative:
                resolved.append(relative)  # the model says what is wrong with it
                continue
            if face == "fallback" and relative.startswith("system:"):
                found = system_font(relative.removeprefix("system:").strip())
                if found is not None:  # an optional font this machine may not have
                    resolved.append(found)
                continue
            reason = _font_file_problem(folder, relative)
            if reason:
                raise _problem(path, positions, field, reason)
            file, wanted = split_reference(relative)
            absolute = inside(folder, file, "font")
            if face == "fallback":
                # a face of a collection is chosen, and made a file of its own, at render:
                # which face (Japanese or Chinese forms) depends on the document's language
                resolved.append(f"{absolute}#{wanted}" if wanted else str(absolute))
                continue
            try:
                resolved.append(str(_embeddable(absolute, wanted)))
            except Exception as error:  # noqa: BLE001 (fontTools raises many kinds for a bad font)
                raise _problem(
                    path, positions, field, f"font file {file!r} cannot be read: {error}"
                ) from None
        fonts[face] = resolved if isinstance(value, list) else resolved[0]


def _check_fonts(theme: Theme, path: Path, positions: Positions) -> None:
    """Every face is set (by this theme or one it extends); the files were checked when
    each theme that names one was read."""
    for face in ("regular", "bold", "italic", "bold_italic"):
        if not Path(getattr(theme.fonts, face)).is_absolute():
            raise _problem(path, positions, ("fonts", face), "font file was not checked")


SYSTEM_FONT_FOLDERS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local" / "share" / "fonts",
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)


def system_font(reference: str) -> str | None:
    """A fallback font installed on the machine, found by its file name in the usual font
    folders (a theme names `system:DroidSansFallbackFull.ttf` for Chinese, Japanese and
    Korean, `system:NotoSansCJK-Regular.ttc` for a face of a collection), checked like the
    theme's own: the file's path, with the face named after a `#` if one is."""
    name, wanted = split_reference(reference)
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    for match in _installed_fonts().get(name, ()):
        suffix = f"#{wanted}" if wanted else ""
        if _font_file_problem(match.parent, match.name + suffix) is None:
            return f"{match.resolve()}{suffix}"
    return None


@cache
def _installed_fonts() -> dict[str, list[Path]]:
    """The font folders walked once per process (a desktop holds thousands of fonts, and every
    theme loaded asks for its fallbacks), by file name, in folder order."""
    found: dict[str, list[Path]] = {}
    for folder in SYSTEM_FONT_FOLDERS:
        try:
            files = sorted(folder.rglob("*")) if folder.is_dir() else []
        except OSError:
            continue
        for file in files:
            found.setdefault(file.name, []).append(file)
    return found


def _font_file_problem(folder: Path, reference: str) -> str | None:
    """What is wrong with a font file a theme names (and the face it names in it), or None."""
    relative, wanted = split_reference(reference)
    try:
        file = inside(folder, relative, "font")
    except InputError:
        return f"{relative!r} points outside the theme folder"
    if not file.exists():
        return f"font file {relative!r} does not exist"
    try:
        _, size = read_head(file, 12, "font", limit=MAX_FONT_BYTES)
        face = chosen(file, wanted, size)
    except InputError as error:
        return f"font file {relative!r} {error.problems[0].message}"
    except FontFileProblem as error:
        return f"font file {relative!r} {error}"
    except OSError as error:
        return f"font file {relative!r} cannot be read: {error.strerror}"
    reason = embedding_problem(face.fs_type)
    return f"font file {relative!r} {reason}" if reason else None


def _embeddable(file: Path, wanted: str) -> Path:
    """A theme's own face as a file reportlab embeds: itself, or (a face of a collection, a
    face with PostScript outlines) made a TrueType file of its own, once (fontconvert.py)."""
    face = chosen(file, wanted)
    if not needs_converting(face):
        return file
    region = face_region(face) if face.glyphs > LARGE_FACE else None
    # a CJK face of 65,000 glyphs: its region's national standard (30 s to make whole)
    return national(file, face, region) if region else standalone(file, face)
