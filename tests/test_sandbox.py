"""The template sandbox, tested directly: ordinary templates work as Jinja2 documents them;
internals stay out of reach; work and size stay within a budget proportional to the input."""

from __future__ import annotations

import pytest
from jinja2 import StrictUndefined, TemplateError
from jinja2.exceptions import SecurityError, UndefinedError

from renderer.theme import sandbox


def env() -> sandbox.BoundedEnvironment:
    return sandbox.BoundedEnvironment(undefined=StrictUndefined, autoescape=False)


def run(source: str, **values: object) -> str:
    return sandbox.render(env().from_string(source), values)


@pytest.mark.parametrize(
    "source,values,expected",
    [
        ("{{ xs | join(', ') }}", {"xs": ["a", "b"]}, "a, b"),
        ("{{ [a, b, c] | select | join(' · ') }}", {"a": "x", "b": None, "c": "z"}, "x · z"),
        ("{{ name | upper }}{% if n > 1 %}s{% endif %}", {"name": "ann", "n": 2}, "ANNs"),
        ("{% for x in range(3) %}{{ x }}{% endfor %}", {}, "012"),
        ("{{ '%02d' % n }}-{{ '{:>4}'.format(n) }}", {"n": 7}, "07-   7"),
        ("{{ xs | map('upper') | list | length }}", {"xs": ["a", "b"]}, "2"),
        ("{{ 'a' ~ b ~ 'c' }}", {"b": "-"}, "a-c"),
        ("{{ s | center(9) }}|{{ s | indent(2, true) }}", {"s": "x"}, "    x    |  x"),
        ("{{ 2 ** 10 }} {{ 'ab' * 3 }}", {}, "1024 ababab"),
        (
            "{% set ns = namespace(n=0) %}{% for x in xs %}{% set ns.n = ns.n + x %}{% endfor %}"
            "{{ ns.n }}",
            {"xs": [1, 2, 3]},
            "6",
        ),
    ],
)
def test_ordinary_templates_work(source, values, expected):
    assert run(source, **values) == expected


def test_internals_and_undefined_names_are_errors():
    with pytest.raises(SecurityError):
        run("{{ x.__class__.__mro__ }}", x="")
    with pytest.raises(UndefinedError):
        run("{{ nope }}")


def test_nothing_random_or_useless():
    with pytest.raises(TemplateError):
        env().from_string("{{ [1, 2] | random }}")
    with pytest.raises(UndefinedError):
        run("{{ lipsum() }}")


@pytest.mark.parametrize(
    "source",
    [
        "{% for a in range(9999) %}{% for b in range(9999) %}{% endfor %}{% endfor %}",
        "{{ 10 ** 100000 }}",
        "{{ 'x' * 10 ** 8 }}",
        "{{ 'x' | center(10 ** 8) }}",
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    ],
)
def test_runaway_templates_stop_with_a_budget_error(source):
    with pytest.raises(sandbox.TemplateBudgetError):
        run(source)


def test_the_budget_grows_with_the_input():
    small, _ = sandbox.budget_for({"x": "a"})
    large, _ = sandbox.budget_for({"x": "a" * 1_000_000})
    assert small == sandbox.MIN_CHARS and large == 8_000_000
    assert len(run("{{ x ~ x }}", x="a" * 1_000_000)) == 2_000_000


def test_budget_errors_carry_the_template_line():
    source = (
        "line one\n{% for a in range(9999) %}\n{% for b in range(9999) %}x{% endfor %}{% endfor %}"
    )
    with pytest.raises(sandbox.TemplateBudgetError) as caught:
        run(source)
    assert sandbox.template_line(caught.value) in (2, 3)
