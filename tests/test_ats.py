"""What an applicant tracking system fills in: for every person, theme and format, and every
reader we know of (pypdf, pdfminer.six with default settings, pdftotext in its three modes,
the DOCX's XML, the HTML, the text), each entry's title, organisation and dates are read in
one place, in that order, with its bullets under it; the parse equals the profile's entries.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from functools import cache

import pytest
from typer.testing import CliRunner

from renderer import formats
from renderer.ats.check import page_label_pattern
from renderer.ats.fields import compare, expected_bullets, parse
from renderer.cli import app
from renderer.compose.document import Role
from renderer.theme.model import load_theme
from tests.conftest import FORMATS, ROOT, document, rendered

PDFTOTEXT = shutil.which("pdftotext")


@cache
def pdftotext(person: str, theme: str, mode: str) -> tuple[str, ...]:
    args = [PDFTOTEXT, *([mode] if mode else []), "-enc", "UTF-8", "-", "-"]
    result = subprocess.run(args, input=rendered(person, theme, "pdf"), capture_output=True)
    return tuple(result.stdout.decode("utf-8").replace("\f", "\n").splitlines())


def _parse_is_the_profile(lines, person, theme, reader):
    doc = document(person, theme)
    parsed = parse(list(lines), doc, reader, page_label_pattern(doc))
    problems = compare(parsed, doc)
    assert not problems, "\n".join(problems)
    heads = [b.head for b in doc.blocks if b.role is Role.ENTRY]
    assert [(e.title, e.organisation, e.dates) for e in parsed.entries] == [
        (h.title, h.organisation, h.dates)
        if h.title or h.organisation
        else (e.title, "", h.dates)  # an unnamed project is headed by its sub-line
        for h, e in zip(heads, parsed.entries, strict=True)
    ]
    assert [e.bullets for e in parsed.entries] == list(expected_bullets(doc).values())


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_reader_of_every_format_fills_each_entry(person, theme, fmt):
    for reader in formats.get(fmt).readers:
        lines = reader.read(rendered(person, theme, fmt)).lines
        _parse_is_the_profile(lines, person, theme, reader.name)


@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils is installed by .ci/setup")
@pytest.mark.parametrize("mode", ["", "-raw", "-layout"])
def test_pdftotext_fills_each_entry(person, theme, mode):
    _parse_is_the_profile(pdftotext(person, theme, mode), person, theme, f"pdftotext {mode}")


def test_page_numbers_are_not_in_the_text_of_any_reader():
    for theme in ("classic", "modern"):
        pdf = rendered("kaiyang", theme, "pdf")
        assert len(formats.get("pdf").read_back(pdf).lines) > 0
        for reader in formats.get("pdf").readers:
            assert not any(re.search(r"Page \d+ of \d+", ln) for ln in reader.read(pdf).lines)
        assert not any("Page" in ln for ln in pdftotext("kaiyang", theme, "-layout"))


def test_group_sub_headings_sit_no_further_than_bullets_and_look_unlike_entries():
    """The Bedrock engineer's seven bullet groups are not seven jobs: no larger gap above a
    group's heading than between two bullets, and a style an entry's title does not have."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextLine

    doc = document("amazon-bedrock-engineer", "modern")
    groups = {b.text for b in doc.blocks if b.role is Role.GROUP}
    for theme in ("classic", "modern", "compact", "executive"):
        styles = load_theme(theme).styles
        group, entry = styles.group, styles.entry
        assert (group.italic, group.size) != (entry.italic, entry.size)
        lines = []
        for page in extract_pages(io.BytesIO(rendered("amazon-bedrock-engineer", theme, "pdf"))):
            stack = [page]
            while stack:
                item = stack.pop()
                if isinstance(item, LTTextLine):
                    lines.append((page.pageid, -item.y1, item.get_text().strip(), item.x0))
                else:
                    stack += list(getattr(item, "_objs", []))
        lines.sort()
        left = load_theme(theme).page.margins[3]
        gaps_before_groups, gaps_between_bullets = [], []
        for (p0, top0, text0, x0), (p1, top1, text1, _) in zip(lines, lines[1:], strict=False):
            in_bullet = text0.startswith("•") or x0 > left + 5  # a bullet or its next lines
            if p0 != p1 or not in_bullet:
                continue
            gap = top1 - top0
            if text1 in groups:
                gaps_before_groups.append(gap)
            elif text1.startswith("•"):
                gaps_between_bullets.append(gap)  # from the last line of one bullet
        assert gaps_before_groups and gaps_between_bullets
        assert max(gaps_before_groups) <= max(gaps_between_bullets) + 0.5, theme


def test_explain_prints_the_parsed_form_per_reader(tmp_path):
    profile = str(ROOT / "profiles" / "rui-shao.yaml")
    runner = CliRunner()
    runner.invoke(app, ["render", profile, "-o", str(tmp_path), "-f", "pdf", "-q"])
    pdf = str(tmp_path / "rui-shao" / "rui-shao-classic.pdf")
    result = runner.invoke(
        app, ["check", pdf, "--profile", profile, "--explain"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "as read by pypdf" in result.output and "as read by pdfminer" in result.output
    assert "Infrastructure Engineer" in result.output and "Datavisor" in result.output


def test_check_catches_dates_away_merged_heads_and_page_labels_inside_entries():
    """The failures the structure check exists for, made by hand in the text a reader gives."""
    # heads of one line, "Datavisor — Infrastructure Engineer", dates beside them (harvard's
    # first look, and a theme's that says nothing of its heads)
    from renderer.compose.resume import compose
    from renderer.inputs import load_profile
    from tests.conftest import render_bytes

    theme = load_theme("harvard").model_copy(update={"entry_head": "organisation-title"})
    doc = compose(load_profile(ROOT / "profiles" / "rui-shao.yaml").profile, theme)
    good = formats.get("pdf").read_back(render_bytes("pdf", doc, theme)).lines
    head = next(i for i, ln in enumerate(good) if ln.startswith("Datavisor"))
    # The dates in the middle of the bullets, as pdfminer once read them.
    away = [ln.replace("2025 – Present", "") for ln in good]
    first_bullet = next(i for i in range(head, len(away)) if away[i].startswith("•"))
    away.insert(first_bullet + 1, "2025 – Present")
    problems = compare(parse(away, doc, "test"), doc)
    assert any("dates '2025 – Present' are read away" in p for p in problems)
    # Title and company glued into one text item.
    merged = [
        ln.replace("Datavisor — Infrastructure Engineer", "Datavisor Infrastructure Engineer")
        for ln in good
    ]
    problems = compare(parse(merged, doc, "test"), doc)
    assert any(
        "experience[0]" in p and ("not start a line" in p or "merged" in p) for p in problems
    )
    # A page label between an entry's bullets.
    labelled = list(good)
    labelled.insert(head + 2, "Page 1 of 2")
    problems = compare(parse(labelled, doc, "test", re.compile(r"Page \d+ of \d+")), doc)
    assert any("page label falls inside" in p for p in problems)
    # A title over its organisation (classic) whose organisation is lost below it.
    doc = document("rui-shao", "classic")
    good = formats.get("pdf").read_back(rendered("rui-shao", "classic", "pdf")).lines
    lost = [ln for ln in good if ln != "Datavisor"]
    problems = compare(parse(lost, doc, "test"), doc)
    assert any("experience[0]" in p and "merged" in p for p in problems)
