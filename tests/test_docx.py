"""DOCX output: parity with the PDF, Word's styles, real links, and LibreOffice opens it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import docx
import pypdf
import pytest

from renderer import formats
from renderer.ats.check import check_lines, page_label_pattern
from renderer.compose.document import Role
from renderer.formats.plaintext import normalise
from renderer.theme.model import load_theme
from tests.conftest import (
    PEOPLE,
    ROOT,
    THEMES,
    check_bytes,
    document,
    read_docx,
    read_pdf,
    render_bytes,
    rendered,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_docx_lines_equal_the_document(person, theme, tmp_path):
    paragraphs, problems = read_docx(rendered(person, theme, "docx"))
    assert not problems
    bullet = {"bullet": "• "}  # a list paragraph reads with its marker, as Word shows it
    assert [normalise(p) for p in paragraphs] == [
        normalise(bullet.get(b.role.value, "") + b.text) for b in document(person, theme).blocks
    ]
    report = check_bytes(
        tmp_path / "x.docx", document(person, theme), rendered(person, theme, "docx")
    )
    assert report.ok, report.problems


def test_docx_text_equals_read_pdf(person, theme):
    paragraphs, _ = read_docx(rendered(person, theme, "docx"))
    lines, _ = read_pdf(rendered(person, theme, "pdf"))
    label = page_label_pattern(document(person, theme))
    pdf_body = [re.sub(r"^\s*• ", "", ln) for ln in lines if not label.fullmatch(ln.strip())]
    docx_body = [re.sub(r"^\s*• ", "", p) for p in paragraphs]
    assert normalise(" ".join(docx_body)) == normalise(" ".join(pdf_body))


def test_word_styles_by_role(person, theme):
    word = docx.Document(io.BytesIO(rendered(person, theme, "docx")))
    expected = {
        Role.NAME: "Title",
        Role.HEADLINE: "Subtitle",
        Role.HEADING: "Heading 1",
        Role.ENTRY: "Heading 2",
        Role.GROUP: "Heading 3",
        Role.BULLET: "List Bullet",
        Role.PARAGRAPH: "Normal",
    }
    for paragraph, block in zip(word.paragraphs, document(person, theme).blocks, strict=True):
        if block.role in expected:
            assert paragraph.style.name == expected[block.role]


def test_styles_use_the_theme_font_not_word_theme_fonts(theme):
    data = rendered("rui-shao", theme, "docx")
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    family = load_theme(theme).docx_font
    for name in ("Title", "Heading1", "Heading2", "ListBullet", "Normal"):
        block = re.search(rf'w:styleId="{name}".*?</w:style>', styles, re.S).group(0)
        if "w:rFonts" in block:
            assert f'w:ascii="{family}"' in block and "asciiTheme" not in block
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group(0)
    assert f'w:ascii="{family}"' in defaults and "Theme" not in defaults


def test_bullets_are_a_real_bullet_in_a_normal_font(theme):
    data = rendered("rui-shao", theme, "docx")
    numbering = zipfile.ZipFile(io.BytesIO(data)).read("word/numbering.xml").decode()
    word = docx.Document(io.BytesIO(data))
    num_id = word.styles["List Bullet"].element.pPr.numPr.numId.val
    abstract = re.search(
        rf'<w:num w:numId="{num_id}"[^>]*>\s*<w:abstractNumId w:val="(\d+)"', numbering
    ).group(1)
    body = re.search(
        rf'<w:abstractNum [^>]*w:abstractNumId="{abstract}".*?</w:abstractNum>', numbering, re.S
    ).group(0)
    level0 = re.search(r'<w:lvl w:ilvl="0".*?</w:lvl>', body, re.S).group(0)
    assert '<w:lvlText w:val="•"/>' in level0
    assert "Symbol" not in level0 and load_theme(theme).docx_font in level0


def test_real_hyperlinks():
    word = docx.Document(io.BytesIO(rendered("rui-shao", "classic", "docx")))
    targets = {rel.target_ref for rel in word.part.rels.values() if rel.is_external}
    assert "https://github.com/ryan42xyz/ai-infra-lab" in targets
    xml = word.element.xml
    assert xml.count("<w:hyperlink") == 3


def test_core_properties_and_page_setup(person, theme):
    word = docx.Document(io.BytesIO(rendered(person, theme, "docx", "a4")))
    doc = document(person, theme)
    props = word.core_properties
    assert (props.title, props.author, props.subject) == (doc.title, doc.author, doc.subject)
    assert props.keywords == ", ".join(doc.keywords)
    section = word.sections[0]
    assert round(section.page_width.pt) == 595 and round(section.page_height.pt) == 842
    assert round(section.left_margin.pt) == round(load_theme(theme).page.margins[3])


def test_nothing_outside_the_body(person, theme):
    data = rendered(person, theme, "docx")
    archive = zipfile.ZipFile(io.BytesIO(data))
    body = archive.read("word/document.xml").decode()
    assert "<w:tbl" not in body and "txbxContent" not in body
    assert not [n for n in archive.namelist() if re.search(r"(header|footer)\d*\.xml", n)]


def test_identical_bytes_for_identical_input(theme):
    doc, chosen = document("kaiyang", theme), load_theme(theme)
    first = render_bytes("docx", doc, chosen)
    assert first == render_bytes("docx", doc, chosen)
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {
        (1980, 1, 1, 0, 0, 0)
    }


# --- LibreOffice: the real thing opens every file ---------------------------------------------


@cache
def _converted(folder: str) -> dict[str, Path]:
    """Convert every person x theme DOCX in one LibreOffice run (it starts slowly)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is required (.ci/setup installs it)"
    out = Path(folder)
    sources = []
    for person in PEOPLE:
        for theme in THEMES:
            path = out / f"{person}-{theme}.docx"
            path.write_bytes(rendered(person, theme, "docx"))
            sources.append(str(path))
    profile_dir = out / "lo-profile"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile_dir}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out / "pdf"),
            *sources,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return {Path(s).stem: out / "pdf" / (Path(s).stem + ".pdf") for s in sources}


@pytest.fixture(scope="session")
def libreoffice_pdfs(tmp_path_factory):
    return _converted(str(tmp_path_factory.mktemp("libreoffice")))


def test_libreoffice_lays_out_every_docx_on_as_many_pages_as_the_pdf(
    person, theme, libreoffice_pdfs
):
    converted = libreoffice_pdfs[f"{person}-{theme}"]
    assert converted.is_file(), f"LibreOffice did not convert {person}-{theme}.docx"
    lo_pages = len(pypdf.PdfReader(converted).pages)
    our_pages = len(pypdf.PdfReader(io.BytesIO(rendered(person, theme, "pdf"))).pages)
    assert lo_pages == our_pages
    # And what LibreOffice laid out still holds every line of the resume, in order.
    lines, _ = read_pdf(converted.read_bytes())
    report = check_lines(lines, document(person, theme), formats.get("pdf"))
    assert report.ok, report.problems


def test_a_pdf_made_from_the_docx_reads_each_job_with_its_dates(person, theme, libreoffice_pdfs):
    """LibreOffice draws the tab before an entry's dates as empty room; pdfminer.six (and
    the parsers on it) then read the dates apart from their job, in the middle of its
    bullets. Spaces fill most of that room, as in the PDF: each entry's head and dates are
    one line of LibreOffice's PDF, read with pdfminer's default settings."""
    from pdfminer.high_level import extract_text

    lines = extract_text(str(libreoffice_pdfs[f"{person}-{theme}"])).splitlines()
    heads = [b for b in document(person, theme).blocks if b.role is Role.ENTRY and b.aside]
    for head in heads:
        first = head.body.split()[0]
        assert any(first in line and head.aside in line for line in lines), head.text


def test_no_template_leftovers_and_truthful_extended_properties():
    data = rendered("ao-wang", "modern", "docx")
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert not [n for n in names if n.startswith("customXml/") or "thumbnail" in n]
    app = archive.read("docProps/app.xml").decode()
    assert "<Application>resume-renderer</Application>" in app and "Macintosh" not in app
    words = len(" ".join(document("ao-wang", "modern").lines()).split())
    assert f"<Words>{words}</Words>" in app


# --- parts left out: LibreOffice opens the file exactly as with them ---------------------------

_PUT_BACK = {  # the template's parts renderer/backends/docx.py leaves out, and their types
    "word/stylesWithEffects.xml": (
        "application/vnd.ms-word.stylesWithEffects+xml",
        "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    ),
    "word/webSettings.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/webSettings",
    ),
}


def _with_template_parts(data: bytes) -> bytes:
    """The DOCX with the parts python-docx's template has and ours leaves out put back."""
    template = io.BytesIO()
    docx.Document().save(template)
    parts = zipfile.ZipFile(template)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            member = source.read(info.filename)
            for n, (name, (content_type, reltype)) in enumerate(_PUT_BACK.items()):
                if info.filename == "[Content_Types].xml":
                    override = f'<Override PartName="/{name}" ContentType="{content_type}"/>'
                    member = member.replace(b"</Types>", override.encode() + b"</Types>")
                if info.filename == "word/_rels/document.xml.rels":
                    target = name.removeprefix("word/")
                    rel = f'<Relationship Id="rIdBack{n}" Type="{reltype}" Target="{target}"/>'
                    member = member.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            archive.writestr(info.filename, member)
        for name in _PUT_BACK:
            archive.writestr(name, parts.read(name))
    return out.getvalue()


def test_libreoffice_opens_the_docx_as_it_did_with_the_parts_left_out(tmp_path):
    """Styles, numbering, text and layout: LibreOffice's own flat ODF of each file is the
    same, but for the ids it draws at random."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is required (.ci/setup installs it)"
    sources = []
    for theme in THEMES:
        lean = rendered("rui-shao", theme, "docx")
        assert not {n for n in zipfile.ZipFile(io.BytesIO(lean)).namelist()} & set(_PUT_BACK)
        for kind, data in (("lean", lean), ("full", _with_template_parts(lean))):
            path = tmp_path / f"{theme}-{kind}.docx"
            path.write_bytes(data)
            sources.append(str(path))
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "fodt",
            "--outdir",
            str(tmp_path / "fodt"),
            *sources,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr

    def opened(name: str) -> str:
        text = (tmp_path / "fodt" / f"{name}.fodt").read_text("utf-8")
        text = re.sub(r'(xml:id="|"Rsid(Root)?" config:type="int">)[^"<]*', r"\1", text)
        return re.sub(r"<meta:(creation-date|generator|editing-duration)>[^<]*", "", text)

    for theme in THEMES:
        full, lean = opened(f"{theme}-full"), opened(f"{theme}-lean")
        assert "Heading 1" in lean or "Heading_20_1" in lean
        assert full == lean, theme


def test_a_japanese_docx_keeps_its_dates_on_their_lines_in_libreoffice(tmp_path):
    """The spaces that fill a head before its flush-right dates were measured with the
    theme's Latin font, which has no Japanese: too many, so in LibreOffice's PDF the dates
    wrapped onto a line of their own, one cut in two (2 / 013年 – 2015年). A head in Chinese,
    Japanese or Korean gets none, as a right-to-left one."""
    from renderer.compose.resume import compose
    from renderer.inputs import load_profile
    from renderer.theme.model import load_theme

    theme = load_theme("harvard")
    document = compose(load_profile(ROOT / "tests/data/scripts/ja.yaml").profile, theme)
    source = tmp_path / "ja.docx"
    source.write_bytes(render_bytes("docx", document, theme))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is required (.ci/setup installs it)"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=300, check=True,
    )  # fmt: skip
    lines = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "ja.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    joined = [" ".join(line.split()) for line in lines]
    assert any(line.startswith("シニアエンジニア") and "2021 年 4 月" in line for line in joined)
    assert any("2013 年 – 2015 年" in line for line in joined), joined
