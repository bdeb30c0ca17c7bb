"""Applications: a tailored, page-fitted resume, a cover letter in the same look, and an
honest keyword report, from one file; tags that behave; files named for upload."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest
from typer.testing import CliRunner

from renderer.ats.keywords import coverage, terms_of
from renderer.cli import app
from renderer.compose.resume import compose
from renderer.errors import InputError
from renderer.inputs import load_profile
from renderer.inputs.application import APPLICATION_SCHEMA_FILE, Application
from renderer.jobs.applications import Request, run_application, upload_name
from renderer.profile.schema import schema_json
from renderer.theme.model import load_theme
from tests.conftest import ROOT, write_profile

runner = CliRunner()
TODAY = dt.date(2026, 11, 23)


def long_career(jobs: int, words: int = 0) -> str:
    """A profile of `jobs` jobs of four bullets (and a bullet of `words` words more)."""
    lines = ["name: Long Career", "email: long@example.com", "experience:"]
    for n in range(jobs):
        bullets = [f"Did thing {k} of many at company {n} with care" for k in range(4)]
        if words:
            bullets.append("Words " * words)
        lines.append(
            f"  - {{company: Company {n}, title: Engineer, start: {2000 + n}, "
            f"end: {2001 + n}, highlights: [{', '.join(bullets)}]}}"
        )
    return "\n".join(lines) + "\n"


def _application(folder: Path, profile: Path, **extra: object) -> Path:
    data = {"profile": str(profile), "company": "Acme", "role": "Engineer", **extra}
    path = folder / "acme.yaml"
    path.write_text(json.dumps(data), "utf-8")  # JSON is YAML
    return path


# --- tags ----------------------------------------------------------------------------------

TAGGED = """
name: Pat Tags
email: pat@example.com
experience:
  - company: Ops Co
    title: SRE
    tags: [SRE]
    technologies: [Prometheus]
  - company: Web Co
    title: Frontend
    tags: [frontend]
    technologies: [React]
highlights:
  - {text: Keeps the lights on, tags: [Sre]}
  - {text: Ships pixels, tags: [FRONTEND]}
"""


def test_tags_match_without_regard_to_case(tmp_path):
    profile = load_profile(write_profile(tmp_path, TAGGED)).profile
    chosen = load_theme("classic")
    for asked in (["sre"], ["SRE"], ["Sre"]):
        text = " ".join(compose(profile, chosen, asked).lines())
        assert "Ops Co" in text and "Keeps the lights on" in text
        assert "Web Co" not in text and "Ships pixels" not in text
    assert compose(profile, chosen, ["SRE"]).keywords == ("Prometheus",)


def test_excluded_tags_never_show(tmp_path):
    profile = load_profile(write_profile(tmp_path, TAGGED)).profile
    text = " ".join(compose(profile, load_theme("classic"), exclude=["frontend"]).lines())
    assert "Ops Co" in text and "Web Co" not in text and "Ships pixels" not in text


def test_an_unknown_tag_is_an_error_listing_the_known_ones(tmp_path):
    path = write_profile(tmp_path, TAGGED)
    result = runner.invoke(app, ["render", str(path), "--tags", "nosuchtag", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert (
        "tag 'nosuchtag' is on no item of this profile (its tags: frontend, sre)" in result.output
    )
    result = runner.invoke(
        app, ["render", str(path), "--tags", "SRE", "-o", str(tmp_path), "-f", "txt"]
    )
    assert result.exit_code == 0, result.output


# --- fitting ------------------------------------------------------------------------------


def _libreoffice_pages(docx: Path, out: Path) -> int:
    # A profile of its own: LibreOffice refuses to start (exit 1) while another instance
    # holds the default one.
    profile = f"-env:UserInstallation=file://{out / 'lo-profile'}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx)],
        capture_output=True,
        timeout=300,
        check=True,
    )
    return len(pypdf.PdfReader(out / (docx.stem + ".pdf")).pages)


@pytest.mark.parametrize("pages,jobs", [(1, 9), (2, 17)])
def test_a_long_profile_is_fitted_to_pages_in_pdf_and_docx(tmp_path, pages, jobs):
    """Nine jobs run onto a second page in modern, seventeen onto a third: each is tightened
    until it fits, and LibreOffice lays the DOCX out on as many pages."""
    profile = write_profile(tmp_path, long_career(jobs))
    out = tmp_path / "out"
    args = ["render", str(profile), "-t", "modern", "--pages", str(pages), "-o", str(out)]
    result = runner.invoke(app, [*args, "-f", "pdf,docx", "--check"])
    assert result.exit_code == 0, result.output
    pdf = out / "long-career" / "long-career-modern.pdf"
    assert len(pypdf.PdfReader(pdf).pages) == pages
    assert f"fitted to {pages} page" in result.output
    assert _libreoffice_pages(pdf.with_suffix(".docx"), tmp_path / "lo") == pages


def test_a_profile_that_cannot_fit_says_by_how_much_and_what_is_longest(tmp_path):
    profile = write_profile(tmp_path, long_career(30, words=40))
    args = ["render", str(profile), "--pages", "1", "-o", str(tmp_path / "o"), "-f", "pdf"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "does not fit on 1 page(s):" in result.output and "lines over" in result.output
    assert "longest sections: Experience (" in result.output
    assert not list((tmp_path / "o").rglob("*.pdf"))


def test_a_nearly_empty_last_page_is_pointed_out(tmp_path):
    profile = write_profile(tmp_path, long_career(7, words=5))  # a bullet onto page two
    args = ["render", str(profile), "-t", "modern", "-f", "pdf", "-o", str(tmp_path)]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "page 2 holds only EXPERIENCE" in result.output and "--pages 1 fits it" in result.output


# --- applications --------------------------------------------------------------------------


def test_an_application_makes_the_files_a_recruiter_receives(tmp_path):
    app_file = _application(
        tmp_path,
        ROOT / "profiles" / "rui-shao.yaml",
        theme="modern",
        pages=1,
        job="We need Kubernetes and Terraform experience. Incident response matters.",
        cover_letter={
            "recipient": ["Hiring Team", "Acme"],
            "body": ["I apply for {{ role }} at {{ company }} as {{ name }}, **gladly**."],
        },
    )
    result = run_application(
        Request(app_file, out_dir=tmp_path / "out", run_check=True, today=TODAY)
    )
    assert result.exit_code == 0, result.errors
    folder = tmp_path / "out" / "rui-shao" / "acme"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "Rui-Shao-Cover-Letter.docx",
        "Rui-Shao-Cover-Letter.pdf",
        "Rui-Shao-Keywords.md",
        "Rui-Shao-Resume.docx",
        "Rui-Shao-Resume.pdf",
    ]
    assert all(w.report is None or w.report.ok for w in result.written)
    letter = pypdf.PdfReader(folder / "Rui-Shao-Cover-Letter.pdf")
    assert len(letter.pages) == 1
    text = letter.pages[0].extract_text()
    assert "I apply for Engineer at Acme as Rui Shao, gladly." in " ".join(text.split())
    assert "23 November 2026" in text and "Kind regards," in text and "Dear Hiring Team," in text
    assert "Kubernetes" in (folder / "Rui-Shao-Keywords.md").read_text()


# --- the cover letter as a letter ----------------------------------------------------------


def _letter_lines(tmp_path: Path, profile_text: str = "", **letter: object) -> list[Any]:
    """The cover letter's PDF, rendered through an application, as pdfminer lays it out:
    (text, x0, x1, top, size) of each line, top to bottom."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextLine

    profile = ROOT / "profiles" / "rui-shao.yaml"
    if profile_text:
        profile = write_profile(tmp_path, profile_text)
    cover = {"recipient": ["Hiring Team", "Acme"], "body": ["A short letter."], **letter}
    app_file = _application(tmp_path, profile, cover_letter=cover)
    out = tmp_path / "out"
    result = run_application(Request(app_file, out_dir=out, formats=("pdf",), today=TODAY))
    assert result.exit_code == 0, result.errors
    (pdf,) = out.rglob("*Cover-Letter.pdf")
    lines = []
    (page,) = extract_pages(pdf)

    def walk(item: Any) -> None:
        if isinstance(item, LTTextLine):
            sizes = [c.size for c in item if isinstance(c, LTChar)]
            text = item.get_text().strip()
            lines.append((text, item.x0, item.x1, page.height - item.y1, max(sizes)))
        for child in getattr(item, "_objs", []):
            walk(child)

    walk(page)
    return sorted(lines, key=lambda line: line[3])


LONG_LETTER = [
    "I am applying for the {{ role }} position at {{ company }}. I work on large-scale "
    "production infrastructure across many regions and clusters, with a focus on safe "
    "deployment, traffic control and observability, and I would like to bring that to "
    "your platform team, where reliability is the product people pay for."
] * 3


def test_a_letter_is_set_as_a_letter_measure_size_date_greeting_signature(tmp_path):
    """About 70 characters a line in 11-point type (the resume's lines hold 100 and more),
    the date as people write it, the greeting to whom the address names, room to sign."""
    lines = _letter_lines(tmp_path, body=LONG_LETTER)
    texts = [line[0] for line in lines]
    body = [line for line in lines if line[0].startswith(("I am", "deployment", "your"))]
    full = [line for line in lines if len(line[0]) > 40 and not line[0].endswith(".")]
    assert all(60 <= len(text) <= 85 for text, *_ in full), [t for t, *_ in full]
    assert body and min(line[4] for line in body) >= 11
    assert "23 November 2026" in texts and "Dear Hiring Team," in texts
    closing = texts.index("Kind regards,")
    leading = lines[closing][4] * 1.35
    assert texts[closing + 1] == "Rui Shao"
    assert lines[closing + 1][3] - lines[closing][3] >= 3 * leading  # room for a signature


def test_a_short_letter_stands_in_the_upper_two_thirds_not_at_the_top(tmp_path):
    lines = _letter_lines(tmp_path)
    texts = [line[0] for line in lines]
    header_end = lines[texts.index("Infrastructure Engineer")][3]
    date = lines[texts.index("23 November 2026")][3]
    last = lines[-1][3]
    height = 792
    assert date - header_end > 80  # the body moved down from the letterhead
    assert last < height * 2 / 3 + 48  # and stays in the upper two thirds


@pytest.mark.parametrize(
    ("locale", "recipient", "date", "greeting"),
    [
        ("en", ["Ms Jane Doe", "Acme", "1 Main Street"], "23 November 2026", "Dear Ms Jane Doe,"),
        ("en-US", ["Acme", "1 Main Street"], "November 23, 2026", "Dear Hiring Manager,"),
        ("en", ["Recruiting, 4th floor"], "23 November 2026", "Dear Hiring Manager,"),
        ("de", ["Personalabteilung", "Acme"], "23. November 2026", "Sehr geehrte Damen und"),
        ("it", ["Ufficio del personale"], "23 novembre 2026", "Gentile Ufficio del personale,"),
    ],
)
def test_the_date_and_greeting_are_the_language_s(tmp_path, locale, recipient, date, greeting):
    """A greeting by name only where the language greets anyone so (German's changes with
    the person: its general greeting is kept); no one is greeted as the company or a floor."""
    profile = f"name: Ann Example\nemail: ann@example.com\nlocale: {locale}\n"
    texts = [line[0] for line in _letter_lines(tmp_path, profile, recipient=recipient)]
    assert date in texts
    assert any(text.startswith(greeting) for text in texts), texts


def test_placeholders_print_values_literally_and_bad_ones_name_the_line(tmp_path):
    profile = write_profile(tmp_path, "name: 'Ann *Star* [x](y)'\nemail: a@b.co\n", "ann.yaml")
    app_file = _application(tmp_path, profile, cover_letter={"body": ["From {{ name }}."]})
    result = run_application(
        Request(app_file, out_dir=tmp_path / "out", formats=("txt",), today=TODAY)
    )
    letter = next((tmp_path / "out").rglob("*Cover-Letter.txt")).read_text()
    assert "From Ann *Star* [x](y)." in letter
    app_file.write_text(
        "profile: ann.yaml\ncompany: Acme\nrole: Dev\ncover_letter:\n  body:\n"
        "    - 'Fine.'\n    - '{{ nosuch }}'\n"
    )
    with pytest.raises(InputError) as caught:
        run_application(Request(app_file, out_dir=tmp_path / "out"))
    assert "acme.yaml:7:7 cover_letter.body[1]: placeholder error" in str(caught.value)
    del result


@pytest.mark.parametrize(
    "text,message",
    [
        (
            "profile: p.yaml\ncompny: Acme\nrole: Dev\n",
            "unknown field 'compny'; did you mean 'company'?",
        ),
        ("profile: p.yaml\ncompany: Acme\nrole: Dev\npages: 0\n", "pages: Input should be greater"),
        (
            "profile: p.yaml\ncompany: A\nrole: D\njob: x\njob_file: j.txt\n",
            "either job or job_file",
        ),
        ("profile: nowhere.yaml\ncompany: A\nrole: D\n", "no profile at"),
        ("profile: p.yaml\ncompany: A\nrole: D\ntags: [nosuch]\n", "tag 'nosuch' is on no item"),
    ],
)
def test_bad_applications_are_errors_naming_file_line_and_field(tmp_path, text, message):
    write_profile(tmp_path, "name: Ann\nemail: a@b.co\n", "p.yaml")
    path = tmp_path / "app.yaml"
    path.write_text(text)
    result = runner.invoke(app, ["render", "--for", str(path), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2, result.output
    assert message in result.output and "app.yaml:" in result.output


def test_upload_names_keep_the_persons_spelling_in_ascii():
    assert upload_name("Rui Shao", Path("x.yaml")) == "Rui-Shao"
    assert upload_name("Zoë Ærø-Łukasz", Path("x.yaml")) == "Zoe-AEro-Lukasz"
    assert upload_name("王傲", Path("ao-wang.yaml")) == "ao-wang"
    assert upload_name(None, Path("amazon-bedrock-engineer.yaml")) == "amazon-bedrock-engineer"


def test_out_names_one_file_or_refuses(tmp_path):
    profile = str(ROOT / "profiles" / "rui-shao.yaml")
    target = tmp_path / "Rui-Resume.pdf"
    result = runner.invoke(app, ["render", profile, "-f", "pdf", "-o", str(target)])
    assert result.exit_code == 0 and target.is_file() and target.read_bytes().startswith(b"%PDF")
    assert list(tmp_path.iterdir()) == [target]
    result = runner.invoke(app, ["render", profile, "-o", str(tmp_path / "cv.pdf")])
    assert result.exit_code == 2 and "names a pdf file, but 5 file(s)" in result.output


def test_the_application_schema_is_current():
    assert APPLICATION_SCHEMA_FILE.read_text("utf-8") == schema_json(model=Application)


def test_the_four_example_applications_render_and_check(tmp_path):
    result = runner.invoke(
        app, ["render", "--for", str(ROOT / "applications"), "-o", str(tmp_path), "--check"]
    )
    assert result.exit_code == 0, result.output
    pdfs = sorted(tmp_path.rglob("*.pdf"))
    assert len(pdfs) == 8  # a resume and a letter each
    for pdf in pdfs:
        assert len(pypdf.PdfReader(pdf).pages) == 1
    assert len(list(tmp_path.rglob("*-Keywords.md"))) == 4
    for docx in sorted(tmp_path.rglob("*.docx")):  # LibreOffice keeps each to one page too
        assert _libreoffice_pages(docx, tmp_path / "lo") == 1, docx.name
    # The nameless profile's files are named after its file, its letter signed by no one.
    assert (tmp_path / "amazon-bedrock-engineer").is_dir()


# --- keywords ------------------------------------------------------------------------------

JOB = """Platform Engineer

We're hiring a Platform Engineer to run our Kubernetes (k8s) clusters on AWS.
- Build CI/CD pipelines with Terraform and Helm
- Lead incident response and on-call rotations
- Write services in Rust or Golang; SLOs and distributed tracing
"""


def test_terms_of_an_advert():
    terms = {t.lower() for t in terms_of(JOB)}
    assert {"platform engineer", "kubernetes", "aws", "ci/cd", "terraform", "helm"} <= terms
    assert {
        "incident response",
        "on-call",
        "rust",
        "golang",
        "slos",
        "distributed tracing",
    } <= terms
    assert not terms & {"we're", "build", "lead", "write", "the", "with", "clusters"}


def test_coverage_finds_what_the_resume_shows_through_synonyms(tmp_path):
    profile = write_profile(
        tmp_path,
        "name: Kim\nemail: k@x.co\nheadline: Platform engineer\n"
        "skills: [{name: Tools, keywords: [K8s, Amazon Web Services, Go, Terraform]}]\n"
        "highlights: ['Led incident management for payments']\n",
    )
    document = compose(load_profile(profile).profile, load_theme("classic"))
    result = coverage(JOB, document)
    found = {f.term.lower(): f.where for f in result.found}
    missing = {f.term.lower() for f in result.missing}
    assert found["kubernetes"] == ("Skills",)  # k8s is Kubernetes
    assert "aws" in found and "golang" in found and "terraform" in found
    assert "incident response" in found  # the table says incident management is the same
    assert "platform engineer" in found  # case and plural endings aside
    assert {"helm", "ci/cd", "rust", "distributed tracing"} <= missing
    shown, total = result.counts(required=True)
    assert (shown, total) == (len(result.found), result.total)  # the advert asks, none is 'a plus'
    assert result.summary().startswith(f"the resume shows {shown} of {total} required terms")


def test_match_command_prints_found_and_missing(tmp_path):
    job = tmp_path / "job.txt"
    job.write_text(JOB)
    result = runner.invoke(
        app, ["match", str(ROOT / "profiles" / "rui-shao.yaml"), str(job)], env={"COLUMNS": "160"}
    )
    assert result.exit_code == 0, result.output
    assert "required terms" in result.output
    assert "Kubernetes" in result.output and "skills, if you have it" in result.output


def test_a_letter_checks_like_a_resume(tmp_path):
    app_file = _application(
        tmp_path,
        ROOT / "profiles" / "ao-wang.yaml",
        cover_letter={"recipient": ["Team"], "body": ["Hello {{ company }}.", "Second.\n\nThird."]},
    )
    every = ("pdf", "docx", "html", "txt", "md")
    request = Request(app_file, out_dir=tmp_path / "o", formats=every, run_check=True, today=TODAY)
    result = run_application(request)
    assert result.exit_code == 0, result.errors
    letters = [w for w in result.written if "Cover-Letter" in w.path.name]
    assert len(letters) == 5 and all(w.report is not None and w.report.ok for w in letters)


def test_a_placeholder_that_prints_an_object_is_an_error(tmp_path):
    app_file = _application(
        tmp_path, ROOT / "profiles" / "ao-wang.yaml", cover_letter={"body": ["Hello {{ self }}."]}
    )
    with pytest.raises(InputError, match=r"body\[0\].*prints a TemplateReference, not text"):
        run_application(Request(app_file, out_dir=tmp_path / "o", today=TODAY))
