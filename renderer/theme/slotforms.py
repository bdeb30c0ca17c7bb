"""The built-in slot templates, and a few that themes commonly write, in Python.

A slot is a Jinja2 template (`renderer/sections.py` keeps their text: it is what a theme reads
and overrides). Compiling even one template means importing Jinja2 and running its compiler,
a tenth of a cold render, and the built-in themes use nothing but these few. So a slot whose
template text is listed here is rendered by its Python form instead; any other template goes
through the sandbox as before. `tests/test_slotforms.py` proves each form prints what Jinja2
prints, on the slot's examples and on values chosen to break them.

Jinja2 semantics kept: every printed value passes through the slot environment's `finalize`
(markup-escaped if a string, then `str`), `join` joins `str` of the items, `select` keeps the
truthy ones, `if` tests truthiness.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

_MARKUP_SPECIAL = re.compile(r"([\\*\[\]()])")


def escape_markup(value: Any) -> Any:
    """Make a value print literally inside inline markup (the slot environment's finalize).
    Only text and numbers print: `{{ self }}` or a list would put a Python object (with its
    memory address) on the page."""
    if isinstance(value, str):
        return _MARKUP_SPECIAL.sub(r"\\\1", value)
    if value is None or isinstance(value, (int, float)):
        return value
    from jinja2 import TemplateError, Undefined  # only reached by a mistake or a missing name

    if isinstance(value, Undefined):
        return value  # printing it raises the error that names the missing value
    raise TemplateError(f"this prints a {type(value).__name__}, not text: name a value to print")


def bare_url(url: str) -> str:
    """https://github.com/x -> github.com/x: what a reader can type, shorter on the page."""
    return re.sub(r"^(https?://(www\.)?|mailto:|tel:)", "", url).rstrip("/")


def _out(value: Any) -> str:
    """What `{{ value }}` prints in the slot environment."""
    return str(escape_markup(value))


def _join(items: Iterable[Any], separator: str) -> str:
    return separator.join(str(item) for item in items)


def _link(url: Any) -> str:
    return f"[{_out(bare_url(url))}]({_out(url)})"


def _entry_subline(location: Any, url: Any, keywords: Any, comma: str = ", ", **_: Any) -> str:
    text = ""
    if location:
        text += _out(location) + (" · " if url or keywords else "")
    if url:
        text += _link(url) + (" · " if keywords else "")
    return text + _out(_join(keywords, comma))


def _project_subline(url: Any, keywords: Any, comma: str = ", ", **_: Any) -> str:
    text = _link(url) + (" · " if keywords else "") if url else ""
    return text + _out(_join(keywords, comma))


def _experience_subline(team: Any, kind: Any, location: Any, url: Any = None, **_: Any) -> str:
    text = _out(_join(filter(None, (team, kind, location)), " · "))
    if url:
        text += (" · " if team or kind or location else "") + _link(url)
    return text


def _labelled(label: Any, items: Any, colon: Any, comma: str) -> str:
    space = " " if colon == ":" else ""
    return f"**{_out(label)}{_out(colon)}**{space}{_out(_join(items, comma))}"


FORMS: dict[str, Callable[..., str]] = {
    "{{ title }}": lambda title, **_: _out(title),
    "{{ title | upper }}": lambda title, **_: _out(str(title).upper()),
    "[{{ url | bare_url }}]({{ url }})": lambda url, **_: _link(url),
    "{{ label }}": lambda label, **_: _out(label),
    "{% if location %}{{ location }}{% if url or keywords %} · {% endif %}{% endif %}"
    "{% if url %}[{{ url | bare_url }}]({{ url }}){% if keywords %} · {% endif %}{% endif %}"
    "{{ keywords | join(', ') }}": _entry_subline,
    "{{ [team, kind, location] | select | join(' · ') }}": lambda team, kind, location, **_: _out(
        _join(filter(None, (team, kind, location)), " · ")
    ),
    "**{{ label }}:** {{ technologies | join(', ') }}": lambda label, technologies, **_: (
        f"**{_out(label)}:** {_out(_join(technologies, ', '))}"
    ),
    "{% if url %}[{{ url | bare_url }}]({{ url }})"
    "{% if keywords %} · {% endif %}{% endif %}{{ keywords | join(', ') }}": _project_subline,
    "**{{ name }}:** {{ keywords | join(', ') }}": lambda name, keywords, **_: (
        f"**{_out(name)}:** {_out(_join(keywords, ', '))}"
    ),
    "{{ [location, score] | select | join(', ') }}": lambda location, score, **_: _out(
        _join(filter(None, (location, score)), ", ")
    ),
    # the built-in slots since they take the locale's punctuation (and a company's web
    # site); the forms above are themes' copies of the earlier ones
    "{{ [team, kind, location] | select | join(' · ') }}"
    "{% if url %}{% if team or kind or location %} · {% endif %}"
    "[{{ url | bare_url }}]({{ url }}){% endif %}": _experience_subline,
    "{% if location %}{{ location }}{% if url or keywords %} · {% endif %}{% endif %}"
    "{% if url %}[{{ url | bare_url }}]({{ url }}){% if keywords %} · {% endif %}{% endif %}"
    "{{ keywords | join(comma) }}": _entry_subline,
    "**{{ label }}{{ colon }}**{% if colon == ':' %} {% endif %}{{ technologies | join(comma) }}": (
        lambda label, technologies, colon, comma, **_: _labelled(label, technologies, colon, comma)
    ),
    "{% if url %}[{{ url | bare_url }}]({{ url }})"
    "{% if keywords %} · {% endif %}{% endif %}{{ keywords | join(comma) }}": _project_subline,
    "**{{ name }}{{ colon }}**{% if colon == ':' %} {% endif %}{{ keywords | join(comma) }}": (
        lambda name, keywords, colon, comma, **_: _labelled(name, keywords, colon, comma)
    ),
    "{{ [location, score] | select | join(comma) }}": lambda location, score, comma, **_: _out(
        _join(filter(None, (location, score)), comma)
    ),
    "{{ language }}{% if fluency %} ({{ fluency }}){% endif %}": lambda language, fluency, **_: (
        _out(language) + (f" ({_out(fluency)})" if fluency else "")
    ),
}
