"""A long career: 60 jobs and 600 bullets render correctly across many pages."""

from __future__ import annotations

import io

import docx
import pypdf
import pytest

from renderer.compose import compose
from renderer.document import Role
from renderer.model import Profile
from renderer.readers.text import normalise
from renderer.theme import load_theme
from tests.conftest import check_bytes, render_bytes


def big_profile() -> Profile:
    jobs = [
        {
            "company": f"Company {n}",
            "title": f"Engineer grade {n % 7}",
            "start": f"{1960 + n // 12}-{n % 12 + 1:02d}",
            "end": f"{1961 + n // 12}-{n % 12 + 1:02d}",
            "highlights": [
                f"Job {n} bullet {b}: shipped feature {b} of {n}, cutting latency by {b + n}% "
                "across the fleet while keeping every existing customer online"
                for b in range(10)
            ],
        }
        for n in range(60)
    ]
    return Profile.model_validate(
        {
            "name": "Long Career",
            "email": "long@example.com",
            "experience": jobs,
            "skills": [{"name": "Tools", "keywords": ["Python"]}],
        }
    )


@pytest.fixture(scope="module")
def big():
    return big_profile()


@pytest.mark.parametrize("theme", ["classic", "compact"])
def test_long_career_pdf(big, theme, tmp_path):
    chosen = load_theme(theme)
    doc = compose(big, chosen)
    assert sum(b.role is Role.BULLET for b in doc.blocks) == 600
    data = render_bytes("pdf", doc, chosen)
    report = check_bytes(tmp_path / "x.pdf", doc, data)
    assert report.ok, report.problems[:5]
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    assert len(pages) >= 8
    keep = {
        normalise(t)
        for b in doc.blocks
        if b.role in (Role.HEADING, Role.ENTRY)
        for t in (b.body, b.aside, b.text)
        if t
    }
    for number, page in enumerate(pages, 1):
        lines = [ln for ln in page.extract_text().splitlines() if ln.strip()]
        assert "Page" not in lines[-1]  # the number is drawn, not written
        last = normalise(lines[-1])
        if number < len(pages):
            assert last not in keep, f"page {number} ends on a heading or entry: {last!r}"


def test_long_career_docx(big, tmp_path):
    chosen = load_theme("modern")
    doc = compose(big, chosen)
    data = render_bytes("docx", doc, chosen)
    assert check_bytes(tmp_path / "x.docx", doc, data).ok
    word = docx.Document(io.BytesIO(data))
    assert len(word.paragraphs) == len(doc.blocks)
    titles = [p for p in word.paragraphs if p.style.name == "Heading 2"]
    assert len(titles) == 60 and all(p.paragraph_format.keep_with_next for p in titles)
