"""Hostile content renders literally in every format; nothing is run, injected or lost."""

from __future__ import annotations

import io
import re

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renderer.compose.resume import compose
from renderer.errors import InputError
from renderer.inputs import load_profile
from renderer.jobs.render import person_slug, slug
from renderer.profile.model import Profile
from renderer.theme.model import builtin_names, load_theme
from tests.conftest import FORMATS, check_bytes, render_bytes, write_profile

HOSTILE = [
    '<font color="red" size="40">big</font>',
    '<img src="/etc/passwd"/> <a href="javascript:alert(1)">click</a>',
    "&amp; & &lt; &#x41; <b>unclosed <i>tags",
    "{{ 7*7 }} {% for x in range(9) %}loop{% endfor %} {# comment #}",
    "# not a heading | a | table | ~~strike~~ _under_ `code` > quote",
    "[not a link] (just brackets) 100% * 5 * 3 = 15 snake_case_name",
    r"back\slash \n \t C:\Users\x",
    "zero\u200bwidth join\u200d here; \u202eright-to-left override; ẞ Ǆ ŉ ﬁ",
    "A URL with spaces: https://example.com/a b c",
    "x" * 5000,
]


def _profile_text() -> str:
    lines = ['name: "<b>Zoë</b> & {{ name }}"', "highlights:"]
    lines += [f"  - {_yaml_string(text)}" for text in HOSTILE]
    lines += ["experience:", '  - company: "ACME <Ltd> & {{co}}"', '    title: "**R&D** *lead*"']
    return "\n".join(lines) + "\n"


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = write_profile(tmp_path_factory.mktemp("hostile"), _profile_text())
    return load_profile(path).profile


@pytest.mark.parametrize("theme", builtin_names())
@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_text_renders_literally_everywhere(hostile, theme, fmt, tmp_path):
    chosen = load_theme(theme)
    doc = compose(hostile, chosen)
    data = render_bytes(fmt, doc, chosen)
    report = check_bytes(tmp_path / f"x.{fmt}", doc, data)
    assert report.ok, report.problems
    assert report.lines_found == report.lines_total
    if fmt == "txt":
        text = data.decode()
        assert "{{ 7*7 }}" in text and "49" not in text.replace("2049", "")
        assert '<img src="/etc/passwd"/>' in text and "&amp; & &lt;" in text
        assert "x" * 5000 in text  # never broken in plain text
    if fmt == "docx":
        word = docx.Document(io.BytesIO(data))
        paragraphs = [p.text for p in word.paragraphs]
        assert "<b>Zoë</b> & {{ name }}" in paragraphs
        assert not re.search(rb"javascript:", data)


def test_right_to_left_words_in_a_left_to_right_resume_are_kept_in_every_format(tmp_path):
    path = write_profile(tmp_path, "name: Ann\nhighlights: ['Speaks עברית and العربية']\n")
    chosen = load_theme("classic")
    doc = compose(load_profile(path).profile, chosen)
    for fmt in ("pdf", "docx", "txt", "md"):
        data = render_bytes(fmt, doc, chosen)
        assert check_bytes(tmp_path / f"x.{fmt}", doc, data).ok
        if fmt in ("txt", "md"):
            assert "Speaks עברית and العربية" in data.decode()


def test_titles_are_literal_and_only_the_theme_adds_emphasis(hostile):
    """A job title is plain text: its stars and brackets print; the theme bolds the title."""
    doc = compose(hostile, load_theme("classic"))  # the title over its organisation
    index, title = next((i, b) for i, b in enumerate(doc.blocks) if b.role.value == "entry")
    assert [(r.text, r.bold) for r in title.runs] == [("**R&D** *lead*", True)]
    below = doc.blocks[index + 1]
    assert below.role.value == "subline" and below.body == "ACME <Ltd> & {{co}}"
    assert not any(r.bold for r in below.runs)


def test_refused_links(tmp_path):
    for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "JavaScript:x"):
        path = write_profile(tmp_path, f"links: [{{label: x, url: '{url}'}}]\n")
        with pytest.raises(InputError, match="links are refused"):
            load_profile(path)
    path = write_profile(tmp_path, "links: [{label: x, url: 'github.com/ann'}]\n")
    with pytest.raises(InputError, match="must start with https://"):
        load_profile(path)
    path = write_profile(tmp_path, "links: [{label: x, url: 'https://a.com/a b'}]\n")
    with pytest.raises(InputError, match="white space"):
        load_profile(path)


def test_links_of_other_schemes_are_printed_as_text_not_linked(tmp_path):
    path = write_profile(
        tmp_path, "name: Ann\nlinks: [{url: 'skype:live:ann?chat'}, {url: 'ftp://x.org/cv'}]\n"
    )
    document = compose(load_profile(path).profile, load_theme("classic"))
    runs = [run for block in document.blocks for run in block.runs if "skype" in run.text]
    runs += [run for block in document.blocks for run in block.aside_runs if "skype" in run.text]
    assert runs and all(run.href is None for run in runs)
    assert "ftp://x.org/cv" in " ".join(document.lines())


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "..", "a/b\\c", "\x00", "Zoë Ærø", "李雷", "CON", " ", "-"],
)
def test_output_names_are_safe_slugs(name):
    made = slug(name)
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", made) and ".." not in made and "/" not in made


def test_person_slug_falls_back_to_the_file_name(tmp_path):
    from pathlib import Path

    assert person_slug("李雷", Path("li-lei.yaml")) == "li-lei"
    assert person_slug(None, Path("x/amazon-bedrock-engineer.yaml")) == "amazon-bedrock-engineer"
    assert person_slug("Zoë Ærø", Path("p.yaml")) == "zoe-r"


# --- property-based: arbitrary text the fonts can draw; arbitrary bytes as input ------------

# Characters every built-in theme (with its fallback) can draw: Latin, Greek, Cyrillic,
# punctuation and symbols, but no control characters, surrogates or emoji.
DRAWABLE = st.characters(
    codec="utf-8",
    categories=("Lu", "Ll", "Nd", "Pc", "Pd", "Ps", "Pe", "Po", "Sm", "Sc", "Zs"),
    max_codepoint=0x24F,
    exclude_characters="\u0085\u00a0",
) | st.sampled_from("→–—’“”•·…€ΑβγДжЩ")
TEXT = st.text(DRAWABLE, min_size=1, max_size=60).filter(lambda s: s.strip())


@st.composite
def profiles(draw):
    return Profile.model_validate(
        {
            "name": draw(TEXT),
            "headline": draw(TEXT),
            "summary": draw(TEXT),
            "experience": [
                {
                    "company": draw(TEXT),
                    "title": draw(TEXT),
                    "highlights": draw(st.lists(TEXT, min_size=1, max_size=4)),
                }
                for _ in range(draw(st.integers(1, 3)))
            ],
            "skills": [
                {"name": draw(TEXT), "keywords": draw(st.lists(TEXT, min_size=1, max_size=5))}
            ],
        }
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), theme=st.sampled_from(builtin_names()))
def test_arbitrary_text_survives_every_format(profile, theme, tmp_path_factory):
    chosen = load_theme(theme)
    doc = compose(profile, chosen)
    folder = tmp_path_factory.mktemp("prop")
    for fmt in FORMATS:
        data = render_bytes(fmt, doc, chosen)
        report = check_bytes(folder / f"x.{fmt}", doc, data)
        assert report.ok, (fmt, report.problems)


# Text made of YAML's own punctuation reaches far more of the parser than random bytes do.
YAMLISH = st.text(st.sampled_from(list("ab:- \n[]{}&*!|>'\"#%@`,?09\t")), max_size=200)


@settings(max_examples=300, deadline=None)
@given(
    data=st.binary(max_size=400) | st.text(max_size=200).map(str.encode) | YAMLISH.map(str.encode)
)
def test_arbitrary_bytes_load_or_raise_our_error(data, tmp_path_factory):
    path = tmp_path_factory.mktemp("bytes") / "p.yaml"
    path.write_bytes(data)
    try:
        load_profile(path)
    except InputError as error:
        assert error.problems and all(str(p.file) == str(path) for p in error.problems)
