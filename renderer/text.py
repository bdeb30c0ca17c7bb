"""Jinja2, sandboxed: the one place where theme templates turn values into text.

Two kinds of template run here. Slot templates (a theme's `templates:`) produce inline markup,
so every value they print is markup-escaped first: a `*` or `[` in a profile prints as itself.
Output templates (`text.txt.j2`, `markdown.md.j2`) turn a whole Document into plain text or
Markdown. Neither can reach files, attributes of internals, or undefined names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from renderer.errors import InputError, Problem, RenderError

if TYPE_CHECKING:
    from jinja2 import Template

    from renderer.loader import Positions
    from renderer.theme import Theme

_MARKUP_SPECIAL = re.compile(r"([\\*\[\]])")


def escape_markup(value: Any) -> Any:
    """Make a value print literally inside inline markup."""
    return _MARKUP_SPECIAL.sub(r"\\\1", value) if isinstance(value, str) else value


def bare_url(url: str) -> str:
    """https://github.com/x -> github.com/x: what a reader can type, shorter on the page."""
    return re.sub(r"^(https?://(www\.)?|mailto:|tel:)", "", url).rstrip("/")


def _environment(finalize: Callable[[Any], Any] | None) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=finalize,
    )
    env.filters["bare_url"] = bare_url
    return env


@cache
def _slot_env() -> ImmutableSandboxedEnvironment:
    return _environment(escape_markup)


@cache
def _output_env() -> ImmutableSandboxedEnvironment:
    return _environment(None)


_compiled: dict[tuple[Path, str, str], Template] = {}


def _compile(theme: Theme, slot: str) -> Template:
    source = theme.template(slot)
    key = (theme.folder, slot, source)
    if key not in _compiled:
        _compiled[key] = _slot_env().from_string(source)
    return _compiled[key]


def compile_slots(theme: Theme, path: Path, positions: Positions) -> None:
    """Compile and try every slot the theme overrides, so a broken template (bad syntax, a
    name the slot is not given, a reach into Python internals, a refused link) fails when the
    theme loads, naming its line, rather than halfway through a render."""
    from renderer.markup import MarkupError, parse
    from renderer.theme import SLOT_EXAMPLES

    for slot in theme.templates:
        given = ", ".join(SLOT_EXAMPLES[slot])
        try:
            parse(_compile(theme, slot).render(**SLOT_EXAMPLES[slot]))
        except TemplateError as error:
            kind = "syntax error" if isinstance(error, TemplateSyntaxError) else "error"
            message = f"template {kind}: {error.message} (this slot is given: {given})"
        except MarkupError as error:  # e.g. a javascript: link written into the template
            message = f"template makes bad markup: {error}"
        else:
            continue
        line, column = positions.of(("templates", slot)) or (None, None)
        raise InputError(Problem(str(path), message, line, column, ("templates", slot)))


def render_slot(theme: Theme, slot: str, /, **values: Any) -> str:
    try:
        return _compile(theme, slot).render(**values).strip()
    except TemplateError as error:
        raise RenderError(
            f"theme {theme.name!r}, template {slot!r}: {error} "
            f"(the slot is given {', '.join(sorted(values))})"
        ) from None


def page_label(theme: Theme) -> str:
    """The theme's page-number line as plain text, with {page} and {pages} to fill in."""
    from renderer.markup import plain

    return plain(render_slot(theme, "page_number", page="{page}", pages="{pages}"))


def render_output(theme: Theme, filename: str, **values: Any) -> str:
    """Render an output template: the theme's own if it has one, else the built-in."""
    own = theme.folder / filename
    path = own if own.is_file() else Path(__file__).parent / "templates" / filename
    template = _output_template(path)
    try:
        return template.render(**values)
    except TemplateError as error:
        raise RenderError(f"{path}: {error}") from None


@cache
def _output_template(path: Path) -> Template:
    try:
        return _output_env().from_string(path.read_text(encoding="utf-8"))
    except TemplateSyntaxError as error:
        raise InputError(
            Problem(str(path), f"template syntax error: {error.message}", error.lineno)
        ) from None
