"""Every PDF is tagged (PDF/UA-1) and archival (PDF/A-2b): read back with pypdf for the
structure and the identification, and with poppler (`pdfinfo -struct-text`), a reader that
follows the tags, for the text in the order a screen reader speaks it.

The checks are the machine-checkable conditions of the Matterhorn Protocol that a resume can
meet or miss (content tagged or an artifact, headings in order, lists as L/LI/Lbl/LBody, links
tagged with their annotation, language, title, fonts embedded with ToUnicode) and PDF/A-2's
requirements on metadata, output intent, annotations, fonts and encryption.
"""

from __future__ import annotations

import io
import re
import subprocess
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

import pypdf
import pytest
from pypdf.generic import ContentStream, DictionaryObject, IndirectObject
from typer.testing import CliRunner

from renderer.cli import app
from renderer.compose.document import Document, Role
from tests.conftest import PEOPLE, ROOT, THEMES, document, rendered, write_profile

SHOWING = {b"Tj", b"TJ", b"'", b'"'}  # text-showing operators
PAINTING = {b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*", b"Do", b"sh"}
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}


@cache
def _letters() -> tuple[tuple[str, bytes], ...]:
    """The example applications' resumes and cover letters, as the CLI writes them."""
    import tempfile

    out = Path(tempfile.mkdtemp(prefix="tagged-"))
    result = CliRunner().invoke(
        app, ["render", "--for", str(ROOT / "applications"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return tuple((pdf.name, pdf.read_bytes()) for pdf in sorted(out.rglob("*.pdf")))


def _resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _elements(root: DictionaryObject) -> list[DictionaryObject]:
    """Every structure element under the tree's root, in reading order."""
    found: list[DictionaryObject] = []

    def walk(element: DictionaryObject) -> None:
        found.append(element)
        kids = _resolve(element.get("/K"))
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = _resolve(kid)
            if isinstance(kid, DictionaryObject) and kid.get("/Type") == "/StructElem":
                walk(kid)

    walk(_resolve(root["/K"]))
    return found


def _marked_content(page: Any, reader: pypdf.PdfReader) -> list[tuple[str, int]]:
    """(tag, MCID) of each marked-content sequence on the page, in order; asserts that no
    text is shown and nothing painted outside one (Matterhorn checkpoint 01)."""
    depth, found = 0, []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator in (b"BDC", b"BMC"):
            depth += 1
            if operator == b"BDC" and "/MCID" in operands[1]:
                found.append((str(operands[0]), int(operands[1]["/MCID"])))
        elif operator == b"EMC":
            depth -= 1
            assert depth >= 0
        elif operator in SHOWING or operator in PAINTING:
            assert depth > 0, f"{operator!r} outside marked content"
    assert depth == 0
    return found


def _check_tagged(data: bytes, doc: Document | None = None) -> None:
    reader = pypdf.PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"]
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    tree = catalog["/StructTreeRoot"]
    elements = _elements(tree)
    kinds = [str(e["/S"]) for e in elements]
    assert kinds[0] == "/Document"
    # Headings: the first is H1, and none skips a level (Matterhorn 14); a
    # letter signed by no one has none.
    levels = [int(k[2:]) for k in kinds if re.fullmatch(r"/H\d", k)]
    assert not levels or levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    # Lists: L holds LI, LI holds Lbl then LBody (Matterhorn 09).
    for element in elements:
        kids = [_resolve(k) for k in _resolve(element["/K"])]
        kinds_of_kids = [
            str(k["/S"]) for k in kids if isinstance(k, DictionaryObject) and "/S" in k
        ]
        if element["/S"] == "/L":
            assert set(kinds_of_kids) == {"/LI"}
        if element["/S"] == "/LI":
            assert kinds_of_kids == ["/Lbl", "/LBody"]
    # The parent tree maps every MCID of every page to the element that holds it.
    nums = tree["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): _resolve(nums[i + 1]) for i in range(0, len(nums), 2)}
    for number, page in enumerate(reader.pages):
        assert page["/StructParents"] == number
        marked = _marked_content(page, reader)
        owners = parents[number]
        assert len(owners) == len(marked)
        for tag, mcid in marked:
            owner = _resolve(owners[mcid])
            assert f"/{owner['/S'].lstrip('/')}" == tag
            assert _resolve(owner["/Pg"]) == page.get_object() or any(
                isinstance(_resolve(k), DictionaryObject) and "/MCID" in _resolve(k)
                for k in _resolve(owner["/K"])
            )
        # Links: tagged, described, printable, pointing back to their Link (Matterhorn 28).
        for annotation in page.get("/Annots", []):
            annotation = _resolve(annotation)
            assert annotation["/F"] == 4 and annotation["/Contents"]
            link = parents[annotation["/StructParent"]]
            assert link["/S"] == "/Link"
            objr = [_resolve(k) for k in link["/K"]]
            assert any(k.get("/Obj") == annotation.indirect_reference for k in objr)
        if page.get("/Annots"):
            assert page["/Tabs"] == "/S"
    # Fonts embedded, each with a ToUnicode map (Matterhorn 31; PDF/A-2 6.2.11).
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = _resolve(font)
            assert "/ToUnicode" in font
            assert "/FontFile2" in font["/FontDescriptor"]
    if doc is not None:
        headings = sum(block.role is Role.HEADING for block in doc.blocks)
        assert kinds.count("/H2" if levels.count(1) == 1 else "/H1") >= headings
        bullets = sum(block.role is Role.BULLET for block in doc.blocks)
        assert kinds.count("/LI") == bullets


def _check_archival(data: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert not reader.is_encrypted
    assert reader.trailer["/ID"]
    catalog = reader.trailer["/Root"]
    info = reader.trailer["/Info"]
    metadata = catalog["/Metadata"]
    assert "/Filter" not in metadata and metadata["/Subtype"] == "/XML"
    root = ET.fromstring(metadata.get_data())
    description = root.find("rdf:RDF/rdf:Description", NS)
    assert description is not None

    def value(path: str) -> str:
        found = description.find(path, NS)
        assert found is not None, path
        return found.text or ""

    assert value("pdfuaid:part") == "1"
    assert (value("pdfaid:part"), value("pdfaid:conformance")) == ("2", "B")
    # The info dictionary and XMP agree (PDF/A-2 6.6.2.3.1).
    assert value("dc:title/rdf:Alt/rdf:li") == info["/Title"]
    assert value("dc:creator/rdf:Seq/rdf:li") == info["/Author"]
    assert value("dc:description/rdf:Alt/rdf:li") == info["/Subject"]
    assert value("pdf:Keywords") == info["/Keywords"]
    assert value("pdf:Producer") == info["/Producer"]
    assert value("xmp:CreatorTool") == info["/Creator"]
    for key, name in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        digits = re.sub(r"\D", "", value(name))
        assert re.sub(r"\D", "", info[key]) == digits
    # An sRGB output intent whose profile is a real ICC RGB profile.
    (intent,) = catalog["/OutputIntents"]
    intent = _resolve(intent)
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"]
    icc = profile.get_data()
    assert profile["/N"] == 3 and icc[36:40] == b"acsp" and icc[16:20] == b"RGB "
    assert len(icc) == int.from_bytes(icc[:4], "big")
    for page in reader.pages:  # nothing needs JavaScript, nothing is hidden from print
        for annotation in page.get("/Annots", []):
            assert _resolve(annotation)["/F"] & 4
    assert "/JavaScript" not in str(catalog) and "/AA" not in catalog


def _struct_text(data: bytes, tmp_path: Path) -> str:
    pdf = tmp_path / "tagged.pdf"
    pdf.write_bytes(data)
    out = subprocess.run(
        ["pdfinfo", "-struct-text", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    pieces = [m.group(1) for m in re.finditer(r'^\s*"(.*)"\s*$', out, re.M)]
    return " ".join(" ".join(pieces).split())


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("person", PEOPLE)
def test_every_resume_is_tagged_and_archival(person, theme):
    data = rendered(person, theme, "pdf")
    _check_tagged(data, document(person, theme))
    _check_archival(data)


@pytest.mark.parametrize("person", PEOPLE)
def test_a_reader_that_follows_the_tags_reads_the_resume_in_order(person, tmp_path):
    """poppler reads the tree, not the page: the text is the Document's, block by block,
    every wrapped line joined with its space."""
    doc = document(person, "classic")
    expected = " ".join(
        (f"{'•'} {block.text}" if block.role is Role.BULLET else block.text) for block in doc.blocks
    )
    assert _struct_text(rendered(person, "classic", "pdf"), tmp_path) == " ".join(expected.split())


def test_cover_letters_are_tagged_and_archival_too():
    files = _letters()
    assert sum("Cover" in name or "Letter" in name for name, _ in files) == 4
    for _, data in files:
        _check_tagged(data)
        _check_archival(data)


def test_a_nameless_resume_starts_its_headings_at_h1(tmp_path):
    """With no name there is no H1 title: the sections are the top level."""
    data = rendered("amazon-bedrock-engineer", "modern", "pdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    kinds = [str(e["/S"]) for e in _elements(reader.trailer["/Root"]["/StructTreeRoot"])]
    assert "/H1" in kinds and kinds.index("/H1") < kinds.index("/Sect") + 2


def test_check_says_whether_a_pdf_is_tagged_and_explains_its_tree(tmp_path):
    ours = tmp_path / "kaiyang-modern.pdf"
    ours.write_bytes(rendered("kaiyang", "modern", "pdf"))
    theirs = ROOT / "tests" / "data" / "wild" / "pdf" / "01-jakes.pdf"  # LaTeX: untagged
    profile = str(ROOT / "profiles" / "kaiyang.yaml")
    result = CliRunner().invoke(app, ["check", str(ours), "--profile", profile, "--explain"])
    assert result.exit_code == 0, result.output
    assert "lines, tagged)" in result.output
    outline = result.output.split("structure tree (tagged PDF)\n", 1)[1]
    assert outline.startswith("  Document\n    H1\n    P\n    Sect\n      H2\n")
    assert "L (4 items)" in outline and "L (1 item)" in outline
    result = CliRunner().invoke(app, ["check", str(theirs), "--explain"])
    assert "the PDF is not tagged" in result.output
    assert "no structure tree" in result.output


def test_streams_end_on_a_line_of_their_own_and_files_have_their_own_ids():
    """PDF/A-2 6.1.7.1: an end-of-line marker before `endstream` (reportlab writes none);
    the identifier is the content's: four themes of one person are four files."""
    ids = set()
    for theme in THEMES:
        data = rendered("kaiyang", theme, "pdf")
        assert not re.search(rb"[^\r\n]endstream", data)
        ids.add(str(pypdf.PdfReader(io.BytesIO(data)).trailer["/ID"][0]))
    assert len(ids) == len(THEMES)


def test_contact_details_beside_the_name_are_not_part_of_the_heading(tmp_path):
    """executive sets the contact line flush right beside the name: the H1 is the name."""
    text = _struct_text(rendered("ao-wang", "executive", "pdf"), tmp_path)
    assert text.startswith("Ao Wang Shanghai and Singapore SRE Tech Lead")
    reader = pypdf.PdfReader(io.BytesIO(rendered("ao-wang", "executive", "pdf")))
    kinds = [str(e["/S"]) for e in _elements(reader.trailer["/Root"]["/StructTreeRoot"])]
    assert kinds[:4] == ["/Document", "/H1", "/P", "/P"]


def test_a_word_broken_to_fit_is_read_whole(tmp_path):
    """A line broken inside a word (an address too long for a line) gets no space there;
    lines broken at spaces keep theirs."""
    url = "https://example.com/" + "averyveryverylongpathsegment" * 6
    profile = write_profile(tmp_path, f"name: Ann\nsummary: 'See {url} for the rest of it.'\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["render", str(profile), "-f", "pdf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = _struct_text((out / "ann" / "ann-classic.pdf").read_bytes(), tmp_path)
    assert f"See {url} for the rest of it." in text
