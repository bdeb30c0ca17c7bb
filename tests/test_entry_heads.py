"""The looks of the two themes in the manner of well-known resumes: headings in small capitals
and the title over its organisation (engineering), the organisation in bold over the title in
italic (harvard); each drawn in every format, and read back by a simple parser into
the right fields."""

from __future__ import annotations

import io
import zipfile

import pytest

from renderer.ats.fields import compare, parse
from renderer.compose.document import Role, small_capitals
from tests.conftest import document, rendered

PERSON = "rui-shao"  # jobs with a title and an organisation each


def test_small_capitals_draw_the_letters_after_a_words_first_smaller():
    assert small_capitals("EXPERIENCE") == [("E", False), ("XPERIENCE", True)]
    assert small_capitals("WORK & AI 2") == [
        ("W", False),
        ("ORK", True),
        (" & A", False),
        ("I", True),
        (" 2", False),
    ]
    assert small_capitals("") == []


def test_small_capital_headings_read_as_capitals_in_every_reader():
    """The page shows capitals (two sizes), so the Document, and every reader, has capitals."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer

    headings = [b.text for b in document(PERSON, "engineering").blocks if b.role is Role.HEADING]
    assert "EXPERIENCE" in headings
    sizes: dict[str, float] = {}
    for page in extract_pages(io.BytesIO(rendered(PERSON, "engineering", "pdf"))):
        for box in page:
            if isinstance(box, LTTextContainer) and box.get_text().strip() == "EXPERIENCE":
                for line in box:
                    for char in line:
                        if isinstance(char, LTChar):
                            sizes.setdefault(char.get_text(), round(char.size, 1))
    assert sizes["E"] > sizes["X"] == sizes["P"]  # the first capital, then the small ones
    assert sizes["X"] == pytest.approx(sizes["E"] * 0.8, abs=0.2)


def test_small_capitals_in_the_docx_and_the_html():
    import docx

    data = rendered(PERSON, "engineering", "docx")
    heading = next(p for p in docx.Document(io.BytesIO(data)).paragraphs if p.text == "EXPERIENCE")
    sizes = [(run.text, run.font.size.pt if run.font.size else None) for run in heading.runs]
    # the style's size, then smaller (in Word's half points)
    assert sizes == [("E", None), ("XPERIENCE", pytest.approx(13 * 0.8, abs=0.25))]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert b"EXPERIENCE" not in package.read("word/document.xml")  # in two runs
    html = rendered(PERSON, "engineering", "html").decode()
    assert 'E<span class="sc">XPERIENCE</span>' in html
    assert ".sc{font-size:80%}" in html


def test_the_title_stands_over_its_organisation():
    """engineering: the title beside the dates, the organisation opening the line under it
    with a short place flush right (a parser reads a field a line, as OpenResume's does)."""
    blocks = document(PERSON, "engineering").blocks
    i = next(
        i for i, b in enumerate(blocks) if b.role is Role.ENTRY and b.source == "experience[0]"
    )
    head, under = blocks[i], blocks[i + 1]
    assert [(r.text, r.bold) for r in head.runs] == [("Infrastructure Engineer", True)]
    assert head.aside == "2025 – Present"
    assert under.role is Role.SUBLINE and [r.text for r in under.runs] == ["Datavisor"]


def test_a_long_address_under_an_organisation_keeps_a_line_of_its_own(tmp_path):
    from renderer.compose.resume import compose
    from renderer.inputs import load_profile
    from renderer.theme.model import load_theme

    place = "Hollowbrook Technology Park, Building 7, Stormhaven, United Kingdom"
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: A B\nemail: a@example.org\nexperience:\n  - company: Acme\n    title: Engineer\n"
        f"    location: Berlin\n    start: 2020-01\n  - company: Beta\n    title: Lead\n"
        f"    location: {place}\n    start: 2019-01\n    end: 2019-12\n",
        encoding="utf-8",
    )
    blocks = compose(load_profile(path).profile, load_theme("engineering")).blocks
    acme = next(i for i, b in enumerate(blocks) if b.source == "experience[0]")
    assert (blocks[acme + 1].body, blocks[acme + 1].aside) == ("Acme", "Berlin")
    beta = next(i for i, b in enumerate(blocks) if b.source == "experience[1]")
    assert (blocks[beta + 1].body, blocks[beta + 1].aside) == ("Beta", "")
    assert blocks[beta + 2].role is Role.SUBLINE and blocks[beta + 2].body == place


def test_the_organisation_stands_in_bold_over_the_title_in_italic():
    from renderer.theme.model import load_theme

    """harvard: the organisation in bold with its place flush right, over the title in italic
    with the dates flush right, in experience and education; other sections lead with the
    entry's own name."""
    blocks = document(PERSON, "harvard").blocks
    i = next(
        i for i, b in enumerate(blocks) if b.role is Role.ENTRY and b.source == "experience[0]"
    )
    head, under = blocks[i], blocks[i + 1]
    assert [(r.text, r.bold, r.italic) for r in head.runs] == [("Datavisor", True, False)]
    assert head.head is not None and head.head.title == "Infrastructure Engineer"
    assert under.role is Role.SUBLINE and under.aside == "2025 – Present"
    assert [(r.text, r.bold) for r in under.runs] == [("Infrastructure Engineer", False)]
    assert load_theme("harvard").styles.subline.italic  # the title's italic is its line's
    # a project leads with its own name, in every theme
    project = next(b for b in blocks if b.role is Role.ENTRY and b.source == "projects[0]")
    assert project.runs[0].bold and not project.runs[0].italic
    assert project.runs[0].text == "production-infra-casebook"


def test_the_organisations_place_stands_beside_it_and_a_long_one_under_the_title(tmp_path):
    from renderer.compose.resume import compose
    from renderer.inputs import load_profile
    from renderer.theme.model import load_theme

    place = "Hollowbrook Technology Park, Building 7, Stormhaven, United Kingdom"
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: A B\nemail: a@example.org\nexperience:\n  - company: Acme\n    title: Engineer\n"
        f"    location: Berlin\n    start: 2020-01\n  - company: Beta\n    title: Lead\n"
        f"    location: {place}\n    start: 2019-01\n    end: 2019-12\n"
        "education:\n  - institution: Tech U\n    degree: BSc\n    location: Leeds\n"
        "    end: 2018\n",
        encoding="utf-8",
    )
    blocks = compose(load_profile(path).profile, load_theme("harvard")).blocks
    acme = next(i for i, b in enumerate(blocks) if b.source == "experience[0]")
    assert (blocks[acme].body, blocks[acme].aside) == ("Acme", "Berlin")
    assert (blocks[acme + 1].body, blocks[acme + 1].aside) == ("Engineer", "Jan 2020")
    beta = next(i for i, b in enumerate(blocks) if b.source == "experience[1]")
    assert (blocks[beta].body, blocks[beta].aside) == ("Beta", "")
    assert (blocks[beta + 1].body, blocks[beta + 2].body) == ("Lead", place)
    school = next(i for i, b in enumerate(blocks) if b.source == "education[0]")
    assert (blocks[school].body, blocks[school].aside) == ("Tech U", "Leeds")
    assert (blocks[school + 1].body, blocks[school + 1].aside) == ("BSc", "2018")


@pytest.mark.parametrize("theme", ["engineering", "harvard"])
def test_a_simple_parser_fills_title_and_organisation(theme):
    """From pdfminer's lines of the PDF: each job's title and organisation in their fields,
    neither merged nor swapped, dates on the head's line."""
    from pdfminer.high_level import extract_text

    doc = document(PERSON, theme)
    lines = extract_text(io.BytesIO(rendered(PERSON, theme, "pdf"))).split("\n")
    parsed = parse(lines, doc, "pdfminer.six")
    assert compare(parsed, doc) == []
    jobs = {e.source: (e.title, e.organisation, e.dates) for e in parsed.entries}
    assert jobs["experience[0]"] == ("Infrastructure Engineer", "Datavisor", "2025 – Present")
    assert jobs["experience[1]"] == ("Cloud Software Development Engineer", "Intel", "2022 – 2025")


@pytest.mark.parametrize("theme", ["classic", "harvard", "modern"])
def test_a_companys_web_site_is_in_its_sub_line_linked(theme, tmp_path):
    """An experience's `url` (the company's site) was dropped in every format: it goes in
    the sub-line after the place, as a linked bare address."""
    from renderer.compose.resume import compose
    from renderer.inputs import load_profile
    from renderer.theme.model import load_theme
    from tests.conftest import check_bytes, render_bytes

    path = tmp_path / "p.yaml"
    path.write_text(
        "name: A B\nemail: a@example.org\nexperience:\n  - company: Acme\n    title: Engineer\n"
        "    location: Berlin\n    url: https://www.acme.example/about\n    start: 2020-01\n",
        encoding="utf-8",
    )
    chosen = load_theme(theme)
    document = compose(load_profile(path).profile, chosen)
    runs = [r for b in document.blocks for r in (*b.runs, *b.aside_runs)]
    link = next(r for r in runs if r.href == "https://www.acme.example/about")
    assert link.text == "acme.example/about"
    assert "Berlin · acme.example/about" in [
        t for b in document.blocks for t in (b.text, b.aside) if t
    ]
    assert check_bytes(tmp_path / "p.pdf", document, render_bytes("pdf", document, chosen)).ok
