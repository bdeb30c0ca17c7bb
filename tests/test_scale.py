"""A long career: 60 jobs and 600 bullets render correctly across many pages."""

from __future__ import annotations

import io

import docx
import pypdf
import pytest

from renderer.compose.document import Role
from renderer.compose.resume import compose
from renderer.formats.plaintext import normalise
from renderer.profile.model import Profile
from renderer.theme.model import load_theme
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


def crowded_profile() -> dict:
    """What real files hold: 200 skills, titles of 100 characters and more, a long name,
    heads that wrap onto a second and third line with a URL or a summary under them."""
    skills = [f"Skill{n:03d} toolkit" for n in range(200)]
    title = (
        "Principal Distributed Systems Reliability Engineer for Large Scale Payment and "
        "Settlement Platforms Worldwide"
    )
    assert len(title) >= 100
    return {
        "name": "Maria-Fernanda Castellanos de la Vega Oyelaran-Whitfield Nakamura-Søndergaard",
        "headline": title,
        "email": "maria@example.org",
        "skills": [
            {"name": f"Group {g}", "keywords": skills[g * 20 : (g + 1) * 20]} for g in range(10)
        ],
        "experience": [
            {
                "company": "Northwind Consolidated Holdings International Group " * 2,
                "title": title,
                "start": "2020-01",
                "end": "present",
                "highlights": ["Used " + ", ".join(skills[:30])],
            }
        ],
        "education": [
            {
                "institution": "Lakeside University of Applied Sciences and Technology",
                "degree": title,
                "field": "Computer Science and Engineering with Distributed Systems",
                "start": 2010,
                "end": 2014,
            }
        ],
        "publications": [
            {
                "title": title + ": a Study of Consensus under Partial Synchrony",
                "url": "https://example.org/papers/consensus",
                "summary": "What a summary under a wrapped title looks like",
                "date": "2021-05",
            }
        ],
        "awards": [{"title": title, "summary": "Given for work", "date": 2019}],
        "certifications": [{"name": title, "issuer": "Cloud Native Foundation", "date": 2022}],
    }


def test_crowded_profile_renders_and_checks_in_every_theme_and_format():
    """Long titles wrap and 200 skills pass every format's limits (Word's 255-character core
    properties among them), and check reads every file back in full."""
    import resume_renderer

    for theme in resume_renderer.themes():
        files = resume_renderer.render(
            crowded_profile(), theme=theme, formats=resume_renderer.formats(), check=True
        )
        for file in files:
            assert file.check is not None and file.check.ok, (file.name, file.check.problems)
        docx_file = next(f for f in files if f.format == "docx")
        core = docx.Document(io.BytesIO(docx_file.data)).core_properties
        assert 0 < len(core.keywords) <= 255 and "Skill000 toolkit" in core.keywords
        assert all(len(value) <= 255 for value in (core.title, core.subject, core.author))
        assert not core.keywords.rstrip().endswith(",")
