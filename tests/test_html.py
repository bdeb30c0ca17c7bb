"""HTML output: one self-contained, valid, semantic page per person and theme."""

from __future__ import annotations

import re

import html5lib
import pytest

from renderer.compose.document import Role
from renderer.compose.resume import compose
from renderer.inputs import load_profile
from renderer.theme.model import load_theme
from tests.conftest import check_bytes, document, render_bytes, rendered, write_profile


def _page(person: str, theme: str) -> str:
    return rendered(person, theme, "html").decode("utf-8")


def test_every_page_is_valid_html5(person, theme):
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(_page(person, theme))  # raises on any parse error
    assert not parser.errors


def test_every_page_reads_back_in_full(person, theme, tmp_path):
    report = check_bytes(
        tmp_path / "x.html", document(person, theme), rendered(person, theme, "html")
    )
    assert report.ok and report.lines_found == report.lines_total, report.problems


def test_the_page_is_semantic_and_self_contained(person, theme):
    page = _page(person, theme)
    doc = document(person, theme)
    assert f'<html lang="{doc.language}">' in page
    headings = [b.text for b in doc.blocks if b.role is Role.HEADING]
    # (a heading in small capitals holds spans that draw the letters after a word's first smaller)
    shown = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2>(.*?)</h2>", page)]
    assert shown == headings
    entries = [b for b in doc.blocks if b.role is Role.ENTRY]
    assert page.count("<h3>") == len(entries)
    dated = [w for b in entries if b.head for w in b.head.when if w[1]]
    assert len(re.findall(r'<time datetime="\d{4}(-\d\d)?">', page)) == len(dated)
    assert page.count("<li>") == sum(b.role is Role.BULLET for b in doc.blocks)
    # Nothing loaded from elsewhere, nothing that runs.
    assert not re.search(r"<(script|img|iframe|link|object)\b|\bon\w+=|url\(", page)


def test_hostile_text_is_escaped(tmp_path):
    text = (
        'name: "<script>alert(1)</script>"\n'
        "summary: 'Tags <b>stay</b> &amp; text; [a link](https://x.io/\"onmouseover=\"x)'\n"
        "experience: [{company: '</style><script>x</script>', title: '\"><img src=x>'}]\n"
    )
    profile = load_profile(write_profile(tmp_path, text)).profile
    chosen = load_theme("modern")
    doc = compose(profile, chosen)
    page = render_bytes("html", doc, chosen).decode()
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="https://x.io/&#34;onmouseover=&#34;x"' in page
    assert check_bytes(tmp_path / "x.html", doc, page.encode()).ok


@pytest.mark.parametrize("size,expected", [("letter", "612.0pt 792.0pt"), ("a4", "595.2756pt")])
def test_the_print_stylesheet_uses_the_page_size(size, expected):
    page = rendered("rui-shao", "classic", "html", size).decode()
    assert f"@page{{size:{expected}" in page


def test_many_short_entries_stay_within_the_template_budget():
    """The budget of the built-in page grows with everything the document holds, not only its
    first two levels: 3,000 one-word jobs make HTML far larger than their text."""
    from renderer.profile.model import Profile

    profile = Profile.model_validate(
        {"name": "A B", "experience": [{"company": f"C{i}", "title": "T"} for i in range(3000)]}
    )
    theme = load_theme("classic")
    html = render_bytes("html", compose(profile, theme), theme).decode("utf-8")
    assert '<p class="subline">C2999</p>' in html
    assert len(html) > 200_000
