"""Pages a recruiter reads: lines of a comfortable length in every theme, read back from the
PDF, and a fitter that gives up margins, line height and type size before the space that lets
a full page breathe."""

from __future__ import annotations

import io
import statistics

import pytest

from renderer.jobs.fit import Fit, fitted, steps
from renderer.theme.model import load_theme
from tests.conftest import PEOPLE, THEMES, rendered

DENSE = {"compact"}  # a dense theme may set up to 100 characters a line


def _wrapped_lines(data: bytes) -> list[str]:
    """Lines of body text that wrapped (the next line goes on with a lower-case word): full
    lines, as a reader measures a measure."""
    from pdfminer.high_level import extract_text

    lines = [
        line.strip().lstrip("• ").strip() for line in extract_text(io.BytesIO(data)).split("\n")
    ]
    return [
        line
        for line, following in zip(lines, lines[1:], strict=False)
        if len(line) > 40 and following[:1].islower()
    ]


@pytest.mark.parametrize("theme", THEMES)
def test_body_text_is_set_on_a_comfortable_measure(theme):
    """65-95 characters a line (a dense theme at most 100), on letter paper and on A4; the
    themes set 110-130 before."""
    for page_size in ("letter", "a4"):
        lengths = [
            len(line)
            for person in PEOPLE
            for line in _wrapped_lines(rendered(person, theme, "pdf", page_size))
        ]
        assert len(lengths) > 30
        median = statistics.median(lengths)
        assert 65 <= median <= (100 if theme in DENSE else 95), (page_size, median)


def test_the_fitter_gives_up_margins_line_height_and_type_before_space():
    theme = load_theme("classic")
    order = list(steps(theme))
    first_space = next(i for i, fit in enumerate(order) if fit.space < 1)
    assert order[0].margin > 0 and order[0].space == 1 and order[0].size == 1
    before = order[:first_space]
    assert any(fit.leading for fit in before) and any(fit.size < 1 for fit in before)
    assert all(fit.space >= theme.fit.min_space >= 0.6 for fit in order)
    tightest = fitted(theme, order[-1])
    _, right, _, left = tightest.page.margins
    assert (right, left) == (theme.fit.min_margin, theme.fit.min_margin)
    assert tightest.styles.bullet.size >= theme.fit.min_size - 1e-6
    heading = tightest.styles.heading
    assert heading.space_before >= 0.6 * theme.styles.heading.space_before - 1e-6
    assert "side margins narrower by 10 pt" in Fit(margin=10).describe()


def _pages_content(data: bytes) -> list[tuple[str, bytes]]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return [(page.extract_text(), page.get_contents().get_data()) for page in reader.pages]


HEADER = b"/Artifact <</Type /Pagination /Subtype /Header>> BDC"


def test_an_entry_that_runs_over_a_page_is_named_at_the_top_of_the_next(tmp_path):
    """ "Company 1, continued" over the bullets that open page 2: drawn for the eye as shapes
    and tagged as a page header, never text an applicant tracking system reads as a job."""
    from renderer.compose.resume import compose
    from renderer.inputs import load_profile
    from tests.conftest import check_bytes, render_bytes, write_profile

    bullet = "with care and attention to the details that matter to the people who use it, daily"
    lines = ["name: Pat Long", "email: pat@example.com", "experience:"]
    for n in range(2):  # the first job alone is longer than a page
        lines += [f"  - company: Company {n}", "    title: Engineer", f"    start: {2010 + n}"]
        lines += ["    highlights:"] + [
            f"      - Did thing {k} at {n}, {bullet}" for k in range(30)
        ]
    profile = load_profile(write_profile(tmp_path, "\n".join(lines) + "\n")).profile
    theme = load_theme("classic")
    document = compose(profile, theme)
    data = render_bytes("pdf", document, theme)
    pages = _pages_content(data)
    assert len(pages) >= 2
    (_, first_stream), (text, stream) = pages[0], pages[1]
    assert HEADER not in first_stream
    assert HEADER in stream and stream.index(HEADER) < stream.index(b"/MCID")  # at the top
    assert text.lstrip().startswith("•") and "continued" not in text  # not in the text layer
    assert check_bytes(tmp_path / "pat-long-classic.pdf", document, data).ok


def test_a_page_that_opens_with_a_new_entry_names_none():
    for person in PEOPLE:
        for _, stream in _pages_content(rendered(person, "classic", "pdf"))[1:]:
            if HEADER in stream:  # only where the page goes on with an entry's bullets
                assert stream.index(HEADER) < stream.index(b"/LBody")


def test_entries_with_nothing_under_them_read_as_a_list():
    """Ao Wang's four employers, named alone, stand one under another without the space that
    parts entries with bullets; the entries of Projects, which have bullets, keep it."""
    from renderer.compose.document import Role
    from tests.conftest import document

    blocks = document("ao-wang", "classic").blocks
    employers = [b for b in blocks if b.role is Role.ENTRY and b.source.startswith("experience")]
    assert [b.text for b in employers] == ["TikTok/ByteDance", "Tencent", "Sea", "Garena"]
    assert [b.gap for b in employers] == [None, 0.0, 0.0, 0.0]
    projects = [b for b in blocks if b.role is Role.ENTRY and b.source.startswith("projects")]
    assert projects and all(b.gap is None for b in projects)


def test_a_head_keeps_at_least_two_bullets_on_its_page():
    """An entry's head holds its first bullet, and that bullet the second, so that no page
    ends with a head and a lone bullet; later bullets may break anywhere."""
    from renderer.compose.document import Role, keeps_with_next
    from tests.conftest import document

    blocks = document("kaiyang", "classic").blocks
    for index, block in enumerate(blocks[:-1]):
        if block.role is not Role.BULLET:
            continue
        after_head = blocks[index - 1].role in (Role.ENTRY, Role.SUBLINE, Role.GROUP)
        more = blocks[index + 1].role is Role.BULLET
        assert keeps_with_next(blocks, index) == (after_head and more), block.text
    assert any(keeps_with_next(blocks, i) for i, b in enumerate(blocks) if b.role is Role.BULLET)


KINDS = """\
name: Pat Doe
email: pat@example.com
experience:
  - company: Databricks
    kind: internship
    start: 2025-02
    highlights: [Built things]
  - company: Acme
    team: Storage
    kind: full-time
    start: 2020-01
    end: 2024-12
    highlights: [Built things]
  - company: Initech
    location: Kuala Lumpur, Federal Territory of Kuala Lumpur, Malaysia (hybrid, three days)
    start: 2018-01
    end: 2019-12
    highlights: [Built things]
"""


@pytest.mark.parametrize("theme", THEMES)
def test_an_entry_kind_and_place_go_before_its_dates_where_the_line_has_room(tmp_path, theme):
    """Kaiyang's seven "Full-time" / "Internship" lines take no line of their own: each is
    set before its dates, flush right (after the employer, simple parsers read
    "Databricks · Full-time" as the company); a team, or a place too long for the line,
    keeps its line under the head; and every reader still finds each job with its dates."""
    from renderer.compose.document import Role
    from renderer.compose.resume import compose
    from renderer.inputs import load_profile
    from tests.conftest import check_bytes, document, render_bytes, write_profile

    blocks = document("kaiyang", theme).blocks
    jobs = [b for b in blocks if b.role is Role.ENTRY and b.source.startswith("experience")]
    assert [b.aside.split(" · ")[0] for b in jobs[:3]] == ["Full-time", "Full-time", "Internship"]
    assert all(b.head and b.head.organisation == b.body for b in jobs)
    assert not any(b.role is Role.SUBLINE and b.body == "Full-time" for b in blocks)

    profile = load_profile(write_profile(tmp_path, KINDS)).profile
    chosen = load_theme(theme)
    doc = compose(profile, chosen)
    heads = [b for b in doc.blocks if b.role is Role.ENTRY]
    assert heads[0].aside.startswith("Internship · ")
    assert heads[1].aside == heads[1].head.dates  # a team stays under its employer
    assert heads[2].aside == heads[2].head.dates  # and so does a place too long to fit
    sublines = [b.body for b in doc.blocks if b.role is Role.SUBLINE]
    assert any("Storage" in s for s in sublines) and any("hybrid" in s for s in sublines)
    for fmt in ("pdf", "docx", "txt", "md", "html"):
        data = render_bytes(fmt, doc, chosen)
        assert check_bytes(tmp_path / f"pat-{theme}.{fmt}", doc, data).ok, fmt
