"""Bringing a career in: an existing resume (Word or PDF) and LinkedIn's export read into a
profile, every value traced to where it came from, each guess said."""

from __future__ import annotations

import collections

import docx
import pytest
from typer.testing import CliRunner

from renderer import formats
from renderer.cli import app
from renderer.compose.resume import compose
from renderer.inputs import load_profile, read
from renderer.theme.model import builtin_names, load_theme
from tests.conftest import PEOPLE, ROOT

runner = CliRunner()


def _text_lines(profile) -> list[str]:
    theme = load_theme("classic")
    data = formats.get("txt").render(compose(profile, theme), theme, formats.Options()).data
    return [" ".join(line.split()) for line in data.decode("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("theme", builtin_names())
@pytest.mark.parametrize("person", PEOPLE)
def test_our_own_resumes_come_back_whole(person, theme, fmt, tmp_path):
    """Every PDF and DOCX this project renders imports back to a profile whose text keeps at
    least 98% of the original's lines."""
    original = load_profile(ROOT / "profiles" / f"{person}.yaml").profile
    chosen = load_theme(theme)
    path = tmp_path / f"{person}.{fmt}"
    path.write_bytes(
        formats.get(fmt).render(compose(original, chosen), chosen, formats.Options()).data
    )
    kind, back = read(path)
    assert kind.name == {"pdf": "PDF resume", "docx": "Word resume"}[fmt]
    want = _text_lines(original)
    got = collections.Counter(_text_lines(back.profile))
    kept = 0
    for line in want:
        if got[line]:
            got[line] -= 1
            kept += 1
    assert kept / len(want) >= 0.98, [line for line in want if line not in got][:5]


def _word(tmp_path, paragraphs: list[tuple[str, str, dict]]):
    """A Word file of (text, style, runs' look) paragraphs, as people make them."""
    document = docx.Document()
    for text, style, look in paragraphs:
        paragraph = document.add_paragraph(style=style or None)
        for i, part in enumerate(text.split("**")):
            run = paragraph.add_run(part)
            run.bold = bool(i % 2) or look.get("bold")
            run.italic = look.get("italic")
    path = tmp_path / "resume.docx"
    document.save(path)
    return path


def test_a_word_resume_in_the_usual_shapes(tmp_path):
    path = _word(
        tmp_path,
        [
            ("**Jane Q. Example**", "", {}),
            ("jane@example.org | +1 555 010 0199 | linkedin.com/in/janeq | Austin, TX", "", {}),
            ("**WORK EXPERIENCE**", "", {}),
            ("**Northwind Traders**\t\tJan 2020 – Present", "", {}),
            ("Lead Data Analyst", "", {"italic": True}),
            ("• Built the sales dashboard used by 40 managers", "", {}),
            ("• Cut reporting time from 3 days to 4 hours", "", {}),
            ("**Contoso | Analyst | 06/2016 – 12/2019**", "", {}),
            ("Automated monthly reports in Python.", "List Bullet", {}),
            ("**EDUCATION**", "", {}),
            ("**BSc in Statistics, University of Texas at Austin**\t2012 – 2016", "", {}),
            ("**SKILLS**", "", {}),
            ("**Languages:** Python, SQL, R", "", {}),
            (
                "A stray line that belongs nowhere in particular, long enough to be a sentence.",
                "",
                {},
            ),
        ],
    )
    loaded = load_profile(path)
    profile = loaded.profile
    assert (profile.name, profile.email, profile.phone, profile.location) == (
        "Jane Q. Example",
        "jane@example.org",
        "+1 555 010 0199",
        "Austin, TX",
    )
    assert [link.url for link in profile.links] == ["https://linkedin.com/in/janeq"]
    northwind, contoso = profile.experience
    assert (northwind.company, northwind.title, str(northwind.start), northwind.end) == (
        "Northwind Traders",
        "Lead Data Analyst",
        "2020-01",
        "present",
    )
    assert len(northwind.highlights) == 2
    assert (contoso.company, contoso.title, str(contoso.start), str(contoso.end)) == (
        "Contoso",
        "Analyst",
        "2016-06",
        "2019-12",
    )
    school = profile.education[0]
    assert (school.institution, school.degree, school.field) == (
        "University of Texas at Austin",
        "BSc",
        "Statistics",
    )
    assert profile.skills[0].name == "Languages" and profile.skills[0].keywords == [
        "Python",
        "SQL",
        "R",
    ]
    unplaced = [n for n in loaded.notes if n.message.startswith("not placed")]
    texts = [paragraph.text for paragraph in docx.Document(path).paragraphs]
    stray = next(i for i, text in enumerate(texts, 1) if text.startswith("A stray line"))
    assert len(unplaced) == 1 and unplaced[0].line == stray  # its paragraph, counted as Word does


def test_import_writes_its_guesses_at_their_values_and_what_it_could_not_place(tmp_path):
    path = _word(
        tmp_path,
        [
            ("Sam Example", "Title", {}),
            ("sam@example.org", "", {}),
            ("Experience", "Heading 1", {}),
            ("**Blue Harbor — Orion**\t2019 – 2021", "", {}),
            ("Ran the night shift.", "List Bullet", {}),
            ("Interests", "Heading 1", {}),
            ("", "", {}),
        ],
    )
    out = tmp_path / "sam.yaml"
    result = runner.invoke(app, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    company = next(line for line in text.splitlines() if line.strip().startswith("- company:"))
    assert "# check: read 'Blue Harbor' as the title and 'Orion' as the organisation" in company
    assert load_profile(out).profile.experience[0].title == "Blue Harbor"  # the YAML reads back


def test_a_pdf_that_holds_no_text_says_what_to_do(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "scan.pdf"
    canvas = Canvas(str(path))
    canvas.rect(100, 100, 200, 200, fill=1)
    canvas.save()
    result = runner.invoke(app, ["import", str(path)])
    assert (
        result.exit_code == 2
        and "holds no text to read" in result.output
        and "OCR" in result.output
    )


def test_contact_details_in_the_page_header_and_a_table_of_dates(tmp_path):
    """Word resumes keep contact details in the page header and dates in a table's right
    column: both are read where they stand."""
    document = docx.Document()
    header = document.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = "Ana Example · ana@example.org · +44 20 7946 0000"
    document.add_paragraph("Professional Experience", style="Heading 1")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("Site Reliability Engineer — Acme Ltd").bold = True
    table.cell(0, 1).text = "Mar 2021 – Present"
    document.add_paragraph("Ran the on-call rota for 30 services", style="List Bullet")
    path = tmp_path / "ana.docx"
    document.save(path)
    profile = load_profile(path).profile
    assert (profile.name, profile.email, profile.phone) == (
        "Ana Example",
        "ana@example.org",
        "+44 20 7946 0000",
    )
    job = profile.experience[0]
    assert (job.title, job.company, str(job.start), job.end) == (
        "Site Reliability Engineer",
        "Acme Ltd",
        "2021-03",
        "present",
    )
    assert [h.text for h in job.highlights] == ["Ran the on-call rota for 30 services"]
