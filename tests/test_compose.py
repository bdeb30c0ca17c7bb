"""Profile + theme -> Document: what goes on the page, in which order, in which role."""

from __future__ import annotations

import pytest

from renderer.compose.document import Role
from renderer.compose.resume import compose
from renderer.inputs import load_profile
from renderer.theme.model import load_theme
from tests.conftest import (
    FORMATS,
    PEOPLE,
    ROOT,
    THEMES,
    check_bytes,
    document,
    render_bytes,
    rendered,
    write_profile,
)

PROMOTED = """
name: Pat Example
email: pat@example.com
phone: "+1 555 0100"
experience:
  - company: Bigger Corp
    location: Berlin
    tags: [backend]
    roles:
      - title: Staff Engineer
        start: 2021-03
        end: present
        highlights: [Led the platform group]
      - title: Engineer
        kind: full-time
        start: 2019
        end: 2021-02
        highlights: [{text: Built the scheduler, tags: [backend]}]
skills: [{name: Tools, keywords: [Go]}]
certifications: [{name: CKA, issuer: CNCF, date: 2022-05, url: "https://cncf.io/cka"}]
awards: [{title: Best Paper, awarder: SOSP, date: 2020, summary: "For *Fast* logs"}]
publications: [{title: Fast Logs, publisher: SOSP, date: 2020}]
"""


def test_several_roles_at_one_company(tmp_path):
    profile = load_profile(write_profile(tmp_path, PROMOTED)).profile
    chosen = load_theme("classic")
    doc = compose(profile, chosen)
    entries = [(b.body, b.aside) for b in doc.blocks if b.role is Role.ENTRY]
    assert entries == [  # each title over its organisation, set on the next line
        ("Bigger Corp", "Berlin · 2019 – Present"),  # its place before its dates
        ("Staff Engineer", "Mar 2021 – Present"),
        ("Engineer", "Full-time · 2019 – Feb 2021"),
        ("CKA", "May 2022"),
        ("Best Paper", "2020"),
        ("Fast Logs", "2020"),
    ]
    sublines = [b.body for b in doc.blocks if b.role is Role.SUBLINE]
    assert {"CNCF", "SOSP"} <= set(sublines)
    heads = [(b.head.title, b.head.organisation) for b in doc.blocks if b.head]
    assert heads[3:] == [("CKA", "CNCF"), ("Best Paper", "SOSP"), ("Fast Logs", "SOSP")]
    headings = [b.text for b in doc.blocks if b.role is Role.HEADING]
    assert headings[-3:] == ["Certifications", "Awards", "Publications"]
    assert any(b.aside == "cncf.io/cka" and b.aside_runs[0].href for b in doc.blocks)
    assert any(b.text == "For Fast logs" and b.runs[1].italic for b in doc.blocks)
    contact = next(b for b in doc.blocks if b.role is Role.CONTACT)
    assert contact.body == "pat@example.com · +1 555 0100"
    assert [r.href for r in contact.runs if r.href] == ["mailto:pat@example.com", "tel:+15550100"]
    for fmt in FORMATS:
        data = render_bytes(fmt, doc, chosen)
        assert check_bytes(tmp_path / f"x.{fmt}", doc, data).ok


def test_date_formats_follow_the_theme():
    """Every built-in theme writes dates alike (compact's `02/2025 – present` read as another
    resume's); a theme that sets its own formats gets them."""
    for theme in THEMES:
        assert next(b.head.dates for b in document("kaiyang", theme).blocks if b.head) == (
            "Feb 2025 – Present"
        )
    classic = load_theme("classic")
    numeric = classic.model_copy(
        update={"dates": classic.dates.model_copy(update={"month": "%m/%Y", "present": "now"})}
    )
    profile = load_profile(ROOT / "profiles" / "kaiyang.yaml").profile
    dated = next(b for b in compose(profile, numeric).blocks if b.head)
    assert dated.head and dated.head.dates == "02/2025 – now"


def test_same_sections_in_the_same_order_for_everyone_in_every_format():
    order = ["summary", "experience", "projects", "skills", "education", "languages"]
    for person in PEOPLE:
        for theme in THEMES:
            headings = [b.source for b in document(person, theme).blocks if b.role is Role.HEADING]
            assert headings == [s for s in order if s in headings]
            assert headings  # every person has at least one section
    for theme in THEMES:
        titles = [b.text for b in document("rui-shao", theme).blocks if b.role is Role.HEADING]
        for fmt in ("txt", "md"):
            text = rendered("rui-shao", theme, fmt).decode()
            positions = [text.index(t) for t in titles]
            assert positions == sorted(positions)


def test_empty_sections_are_left_out():
    headings = {
        b.text
        for b in document("amazon-bedrock-engineer", "classic").blocks
        if b.role is Role.HEADING
    }
    assert headings == {"Experience"}


def test_no_name_no_invented_header():
    doc = document("amazon-bedrock-engineer", "classic")
    assert doc.blocks[0].role is Role.HEADLINE and doc.author == ""
    assert not any(b.role in (Role.NAME, Role.CONTACT) for b in doc.blocks)


@pytest.mark.parametrize("theme", THEMES)
def test_text_output_wraps_at_80_without_breaking_words(theme):
    text = rendered("kaiyang", theme, "txt").decode()
    assert max(len(line) for line in text.splitlines()) <= 80
    words = set(text.split())
    for line in document("kaiyang", theme).blocks:
        missing = [w for w in line.text_with_links().split() if w not in words]
        assert not missing, f"split or lost in the text output: {missing}"


def test_markdown_keeps_links_and_structure():
    text = rendered("rui-shao", "modern", "md").decode()
    assert text.startswith("# Rui Shao\n")
    assert "## EXPERIENCE" in text
    assert (
        "[github.com/ryan42xyz/ai-infra-lab](<https://github.com/ryan42xyz/ai-infra-lab>)" in text
    )
    assert "- **Cost \\& efficiency** — Spot/Reserved Instances" not in text  # & needs no escape
    assert "- **Cost & efficiency** — Spot/Reserved Instances" in text


TAGGED = """
name: Sam Tagged
email: sam@example.com
experience:
  - company: Ops Co
    tags: [sre]
    highlights: [Ran on-call]
  - company: Web Co
    tags: [backend]
    highlights:
      - Built the API
      - {text: Tuned the database, tags: [sre]}
  - company: Every Co
    highlights: [Untagged, always shown]
skills:
  - {name: SRE, keywords: [Prometheus], tags: [sre]}
  - {name: Languages, keywords: [Go]}
"""


def test_tags_select_a_variant_and_name_it(tmp_path):
    from typer.testing import CliRunner

    from renderer.cli import app

    path = write_profile(tmp_path, TAGGED)
    profile = load_profile(path).profile
    chosen = load_theme("classic")
    everything = [b.text for b in compose(profile, chosen).blocks]
    sre = [b.text for b in compose(profile, chosen, ["sre"]).blocks]
    assert "Built the API" in everything and "Ran on-call" in everything
    assert "Ops Co" in sre and "Ran on-call" in sre and "Every Co" in sre
    assert "Web Co" not in sre and "Built the API" not in sre
    assert "Languages: Go" in sre and "SRE: Prometheus" in sre
    backend = [b.text for b in compose(profile, chosen, ["backend"]).blocks]
    assert "Built the API" in backend and "Tuned the database" not in backend
    assert "Ops Co" not in backend and "SRE: Prometheus" not in backend
    result = CliRunner().invoke(
        app,
        [
            "render",
            str(path),
            "--tags",
            "sre",
            "-f",
            "pdf",
            "-o",
            str(tmp_path / "o"),
            "-p",
            "a4",
            "--check",
        ],
    )
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "o" / "sam-tagged" / "sam-tagged-classic-sre-a4.pdf"
    assert pdf.is_file()
    checked = CliRunner().invoke(app, ["check", str(pdf), "--profile", str(path), "--tags", "sre"])
    assert checked.exit_code == 0, checked.output
    untagged = CliRunner().invoke(app, ["check", str(pdf), "--profile", str(path)])
    assert untagged.exit_code == 1  # the full resume is not what that file holds


def test_contact_links_through_the_link_slot(tmp_path):
    import shutil

    from tests.conftest import ROOT

    text = 'name: Ann\nemail: a@b.co\nlinks:\n  - {label: GitHub, url: "https://github.com/ann"}\n'
    profile = load_profile(write_profile(tmp_path, text + "  - url: https://ann.dev\n")).profile
    contact = next(
        b for b in compose(profile, load_theme("classic")).blocks if b.role is Role.CONTACT
    )
    assert contact.body == "a@b.co · github.com/ann · ann.dev"
    folder = tmp_path / "labelled"
    shutil.copytree(ROOT / "themes" / "classic", folder)
    with (folder / "theme.yaml").open("a") as stream:
        stream.write(
            'templates:\n  link: "{% if label %}{{ label }}: {% endif %}'
            '[{{ url | bare_url }}]({{ url }})"\n'
        )
    load_theme.cache_clear()
    try:
        labelled = load_theme(str(folder))
        doc = compose(profile, labelled)
        contact = next(b for b in doc.blocks if b.role is Role.CONTACT)
        assert contact.body == "a@b.co · GitHub: github.com/ann · ann.dev"
        assert [r.href for r in contact.runs if r.href][1:] == [
            "https://github.com/ann",
            "https://ann.dev",
        ]
        for fmt in FORMATS:
            data = render_bytes(fmt, doc, labelled)
            assert check_bytes(tmp_path / f"x.{fmt}", doc, data).ok
    finally:
        load_theme.cache_clear()


CUSTOM = """
name: Sam Custom
email: sam@example.com
summary: Engineer.
experience: [{company: Acme, title: Engineer, start: 2020, end: present}]
skills: [{name: Tools, keywords: [Go]}]
sections:
  - heading: Volunteering
    entries:
      - title: Mentor
        organisation: Code Club
        start: 2019
        end: present
        highlights: [Taught Python]
  - heading: Talks
    id: talks
    entries:
      - {title: Scaling Logs, organisation: KubeCon, date: 2023-04, url: "https://example.com/t"}
  - heading: Interests
    items: [Climbing, "**Chess**"]
section_order: [talks, experience]
"""


def test_custom_sections_reach_every_format_in_the_profiles_order(tmp_path):
    profile = load_profile(write_profile(tmp_path, CUSTOM)).profile
    for theme in THEMES:
        chosen = load_theme(theme)
        doc = compose(profile, chosen)
        sections = [b.section for b in doc.blocks if b.role is Role.HEADING]
        # The profile's order first, the theme's for the rest, then its own the theme lacks.
        assert sections == ["talks", "experience", "summary", "skills", "volunteering", "interests"]
        talk = next(b for b in doc.blocks if b.source == "sections[1].entries[0]")
        assert (talk.head.title, talk.head.organisation) == ("Scaling Logs", "KubeCon")
        assert talk.aside and "2023" in talk.aside
        for fmt in FORMATS:
            data = render_bytes(fmt, doc, chosen)
            report = check_bytes(tmp_path / f"x.{fmt}", doc, data)
            assert report.ok and report.lines_found == report.lines_total, (fmt, report.problems)


@pytest.mark.parametrize(
    "change,message",
    [
        ("section_order: [talks, experiance]", "did you mean 'experience'?"),
        ("section_order: [talks, talks]", "names a section twice"),
        ("  - {heading: Skills, items: [x]}\nsection_order: []", "names a built-in section"),
        ("  - {heading: Empty}\nsection_order: []", "needs entries, items or text"),
    ],
)
def test_bad_custom_sections_and_orders_are_errors(tmp_path, change, message):
    from renderer.errors import InputError

    text = CUSTOM.replace("section_order: [talks, experience]", change)
    with pytest.raises(InputError, match=message.replace("?", r"\?")):
        load_profile(write_profile(tmp_path, text))


def test_sections_headed_in_other_scripts_each_have_an_id(tmp_path):
    """Every heading in Chinese, Japanese or Arabic made the id 'section-x': two such
    sections stopped the whole render. Each now has an id of its own (made from its
    heading, the same every time); a clash is an error at the sections' line."""
    from renderer.errors import InputError

    text = (
        "name: A\nemail: a@example.org\nsections:\n"
        "  - {heading: 登壇, items: [x]}\n  - {heading: 趣味, items: [y]}\n"
        "  - {heading: مؤتمرات, items: [z]}\n"
    )
    profile = load_profile(write_profile(tmp_path, text)).profile
    keys = [section.key for section in profile.sections]
    assert len(set(keys)) == 3 and all(k.startswith("section-") for k in keys)
    assert keys == [s.key for s in load_profile(write_profile(tmp_path, text)).profile.sections]
    twice = text.replace("趣味", "登壇")
    with pytest.raises(InputError) as caught:
        load_profile(write_profile(tmp_path, twice))
    assert ":3:1 sections:" in str(caught.value) or ":4:" in str(caught.value)


def test_metadata_keywords_come_from_what_the_variant_shows(tmp_path):
    text = """
name: Kim
email: k@example.com
experience:
  - {company: A, title: SRE, technologies: [Prometheus], tags: [sre]}
  - {company: B, title: Dev, technologies: [React], tags: [frontend]}
skills:
  - {name: Ops, keywords: [Terraform], tags: [sre]}
  - {name: Web, keywords: [CSS], tags: [frontend]}
"""
    profile = load_profile(write_profile(tmp_path, text)).profile
    chosen = load_theme("modern")
    assert compose(profile, chosen).keywords == ("Terraform", "CSS", "Prometheus", "React")
    assert compose(profile, chosen, ["sre"]).keywords == ("Terraform", "Prometheus")


@pytest.mark.parametrize("width", range(20, 81, 3))
def test_plain_text_never_starts_a_line_with_a_separator(width):
    """A contact line or bullet wrapped in TXT puts a lone · | • – — at the end of a line, not
    at the start of the next ("…zoe.example.org ·" / "github.com/zoe-on")."""
    from renderer.formats.txt.writer import wrap

    contact = "zoe@example.org · +47 22 00 00 00 · Oslo, Norway · zoe.example.org · github.com/zoe"
    bullet = "Implemented traffic switching (canary, blue-green) — recovery time -80% | x / y"
    for text in (contact, bullet):
        lines = wrap(text, width, "• ", "  ").splitlines()
        assert not any(line.lstrip("• ").startswith(tuple("·|•–—/")) for line in lines)
        assert " ".join(" ".join(lines).split()).removeprefix("• ") == text  # nothing lost
