"""The Python forms of slot templates print exactly what Jinja2 prints (renderer/slotforms.py)."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

from renderer.profile.sections import PUNCTUATION, SLOTS
from renderer.theme import sandbox
from renderer.theme.slotforms import FORMS
from renderer.theme.slots import slot_environment

STRINGS = ["", "Plain", "a*b_c", "[x](y)", "back\\slash (1)", "  spaced  ", "Zürich · 東京", None]
LISTS = [[], ["Rust"], ["", "b*"], ["x(1)", "y]", "z"]]
URLS = ["", "https://www.example.com/a_(b)/", "mailto:a@b.io", None]
PUNCTUATIONS = {"comma": [", ", "、", "، "], "colon": [":", "：", "*"]}


def _variants(name: str, example: object) -> list[object]:
    if isinstance(example, list):
        return LISTS
    if name == "url":
        return URLS
    if isinstance(example, int):
        return [0, 1, 12]
    return STRINGS


def _cases(slot: str):
    examples = {**SLOTS[slot].examples, **PUNCTUATION}
    choices = [
        PUNCTUATIONS[name] if name in PUNCTUATION else _variants(name, value)
        for name, value in examples.items()
    ]
    for values in itertools.islice(itertools.product(*choices), 400):
        yield dict(zip(examples, values, strict=True))


def _jinja(source: str, values: dict) -> str:
    return sandbox.render(slot_environment().from_string(source), values).strip()


def _python(source: str, values: dict) -> str:
    return FORMS[source](**values).strip()


def _outcome(render, *args) -> str:
    """What a render prints, or that it fails (a link to None fails either way)."""
    try:
        return render(*args)
    except Exception:  # noqa: BLE001
        return "<fails>"


def test_every_built_in_slot_has_a_python_form():
    assert {slot.template for slot in SLOTS.values()} <= set(FORMS)


@pytest.mark.parametrize("slot", sorted(SLOTS))
def test_a_python_form_prints_what_jinja_prints(slot):
    source = SLOTS[slot].template
    for values in _cases(slot):
        python = _outcome(_python, source, values)
        assert python == _outcome(_jinja, source, values), values


def test_the_upper_case_heading_prints_what_jinja_prints():
    source = "{{ title | upper }}"
    for title in [*STRINGS[:-1], "straße", "ǆ"]:
        assert _python(source, {"title": title}) == _jinja(source, {"title": title})


def test_a_built_in_theme_renders_without_jinja():
    code = (
        "import sys; from renderer.compose.resume import compose\n"
        "from renderer.inputs import load_profile\n"
        "from renderer.theme.model import load_theme\n"
        "for name in ('classic', 'modern', 'compact', 'executive'):\n"
        "    compose(load_profile('profiles/rui-shao.yaml').profile, load_theme(name))\n"
        "print('jinja2' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
