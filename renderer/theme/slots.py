"""Jinja2, sandboxed: the one place where theme templates turn values into text.

Two kinds of template run here. Slot templates (a theme's `templates:`) produce inline markup,
so every value they print is markup-escaped first: a `*` or `[` in a profile prints as itself.
Output templates (`text.txt.j2`, `markdown.md.j2`) turn a whole Document into plain text or
Markdown. Neither can reach files, attributes of internals, or undefined names.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from renderer.errors import InputError, Problem, RenderError
from renderer.files import inside, read_bytes
from renderer.profile.markup import MarkupError, parse, plain
from renderer.profile.sections import PUNCTUATION, SLOTS
from renderer.theme.slotforms import FORMS, bare_url, escape_markup

if TYPE_CHECKING:
    from jinja2 import Template

    from renderer.profile.sourced import Positions
    from renderer.theme import sandbox

__all__ = ["bare_url", "escape_markup"]  # their home is renderer.slotforms


class Theme(Protocol):
    """What this module needs of a theme (renderer/theme.py's Theme has it): its name and
    folder for messages, its slot templates and where they stand, its own output templates.
    A protocol, so that themes import this module and not the other way round."""

    name: str
    folder: Path
    slot_lines: dict[str, int]
    own_templates: dict[str, Path]
    templates: dict[str, str]

    def template(self, slot: str) -> str: ...


MAX_TEMPLATE_BYTES = 256 * 1024


def _jinja() -> Any:
    """The sandbox, and Jinja2 with it: imported only when a template must be compiled or
    run, never for the built-in slots (slotforms.py words them without Jinja2), so that a
    render with the built-in themes does not load it (30 ms of a cold start)."""
    from renderer.theme import sandbox

    return sandbox


def _environment(finalize: Callable[[Any], Any] | None) -> sandbox.BoundedEnvironment:
    jinja = _jinja()
    env = jinja.BoundedEnvironment(
        undefined=jinja.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=finalize,
    )
    env.add_filter("bare_url", bare_url)
    return env


@cache
def _slot_env() -> sandbox.BoundedEnvironment:
    return _environment(escape_markup)


def slot_environment() -> sandbox.BoundedEnvironment:
    """The environment of inline-markup templates (values print literally): theme slots and
    a cover letter's paragraphs."""
    return _slot_env()


@cache
def _output_env(autoescape: bool = False) -> sandbox.BoundedEnvironment:
    env = _environment(None)
    env.autoescape = autoescape  # HTML pages: every value escaped unless marked safe
    return env


def _compile(theme: Theme, slot: str) -> Template:
    return _compiled(theme.template(slot))


@lru_cache(maxsize=512)  # a template compiled once, then only read (safe from any thread)
def _compiled(source: str) -> Template:
    return _from_string(_slot_env(), source)


def _from_string(env: sandbox.BoundedEnvironment, source: str) -> Template:
    """Compile a theme's template; whatever the compiler raises is the template's fault."""
    jinja = _jinja()
    try:
        return env.from_string(source)
    except (jinja.TemplateSyntaxError, RecursionError):
        raise
    except Exception as error:  # noqa: BLE001 (Jinja's compiler may raise anything on odd input)
        raise jinja.TemplateSyntaxError(f"{type(error).__name__}: {error}", 1) from None


def _describe(error: BaseException) -> str:
    jinja = _jinja()
    if isinstance(error, jinja.TemplateSyntaxError):
        return f"template syntax error: {error.message}"
    if isinstance(error, RecursionError):
        return "template is nested too deeply"
    if isinstance(error, jinja.TemplateBudgetError):
        return f"template over budget: {error.message}"
    return f"template error: {getattr(error, 'message', None) or error}"


def _where(error: BaseException) -> str:
    line = _jinja().template_line(error)
    return f" (template line {line})" if line and line > 1 else ""


def compile_slots(theme: Theme, path: Path, positions: Positions) -> None:
    """Compile and try every slot the theme overrides, so a broken template (bad syntax, a
    name the slot is not given, a reach into Python internals, a refused link, a runaway
    loop) fails when the theme loads, naming its line, rather than halfway through a render."""

    for slot, source in theme.templates.items():
        if source in FORMS:
            continue  # known good, and rendered without Jinja2 (see renderer/slotforms.py)
        jinja = _jinja()
        examples = {**SLOTS[slot].examples, **PUNCTUATION}
        given = ", ".join(examples)
        try:
            parse(jinja.render(_compile(theme, slot), examples))
        except (jinja.TemplateError, RecursionError) as error:
            message = f"{_describe(error)}{_where(error)} (this slot is given: {given})"
        except MarkupError as error:  # e.g. a javascript: link written into the template
            message = f"template makes bad markup: {error}"
        else:
            continue
        line, column = positions.of(("templates", slot)) or (None, None)
        raise InputError(Problem(str(path), message, line, column, ("templates", slot)))


def render_slot(theme: Theme, slot: str, /, **values: Any) -> str:
    values = {**PUNCTUATION, **values}
    form = FORMS.get(theme.template(slot))
    if form is not None:
        return form(**values).strip()
    jinja = _jinja()
    try:
        return jinja.render(_compile(theme, slot), values).strip()
    except (jinja.TemplateError, RecursionError) as error:
        raise RenderError(
            f"templates.{slot}: {_describe(error)}{_where(error)} "
            f"(the slot is given {', '.join(sorted(values))})",
            file=str(theme.folder / "theme.yaml"),
            line=theme.slot_lines.get(slot),
        ) from None


def page_label(theme: Theme, words: str = "Page {page} of {pages}") -> str:
    """The page-number line as plain text, with {page} and {pages} to fill in: the locale's
    words, through the theme's page_number slot."""
    made = render_slot(theme, "page_number", page="{page}", pages="{pages}", label=words)
    return plain(made)


BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
OUTPUT_TEMPLATES = ("text.txt.j2", "markdown.md.j2", "page.html.j2")


def theme_output_templates(folder: Path) -> dict[str, Path]:
    """The output templates a theme folder overrides, each checked to lie inside the folder
    (a symlink to /etc/passwd is refused) and compiled now, so errors come at load."""
    found = {}
    for name in OUTPUT_TEMPLATES:
        if (folder / name).exists() or (folder / name).is_symlink():
            path = inside(folder, name, "template")
            _output_template(path)
            found[name] = path
    return found


def render_output(theme: Theme, filename: str, **values: Any) -> str:
    """Render an output template: the theme's own if it has one, else the built-in."""
    path = theme.own_templates.get(filename, BUILTIN_TEMPLATES / filename)
    jinja = _jinja()
    template = _output_template(path)
    try:
        return jinja.render(template, values)
    except (jinja.TemplateError, RecursionError) as error:
        raise RenderError(
            f"{_describe(error)}", file=str(path), line=jinja.template_line(error)
        ) from None


@cache
def _output_template(path: Path) -> Template:
    jinja = _jinja()
    data = read_bytes(path, MAX_TEMPLATE_BYTES, "template")
    try:
        env = _output_env(autoescape=path.name.endswith(".html.j2"))
        return _from_string(env, data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise InputError(f"template is not UTF-8 (byte {error.start})", path) from None
    except (jinja.TemplateSyntaxError, RecursionError) as error:
        raise InputError(
            Problem(str(path), _describe(error), getattr(error, "lineno", None))
        ) from None
