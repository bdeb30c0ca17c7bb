"""PDF output: every line reads back, fonts embedded, metadata, identical bytes, no lost glyph."""

from __future__ import annotations

import io
import re
from typing import Any

import pypdf
import pytest

from renderer.ats.check import page_label_pattern
from renderer.compose.resume import compose
from renderer.errors import RenderError
from renderer.formats.plaintext import normalise
from renderer.inputs import load_profile
from renderer.theme.model import load_theme
from tests.conftest import check_bytes, document, read_pdf, render_bytes, rendered, write_profile


@pytest.mark.parametrize("page_size", ["letter", "a4"])
def test_every_line_reads_back_in_order(person, theme, page_size, tmp_path):
    data = rendered(person, theme, "pdf", page_size)
    report = check_bytes(tmp_path / "x.pdf", document(person, theme), data)
    assert report.ok, report.problems
    assert report.lines_found == report.lines_total == len(document(person, theme).blocks)


def test_text_is_exactly_the_document(person, theme):
    """Nothing extra, nothing missing: the whole text, bullets and page numbers aside."""
    lines, problems = read_pdf(rendered(person, theme, "pdf"))
    assert not problems
    label = page_label_pattern(document(person, theme))
    body = [re.sub(r"^\s*• ", "", ln) for ln in lines if not label.fullmatch(ln.strip())]
    expected = normalise(" ".join(document(person, theme).lines()))
    assert normalise(" ".join(body)) == expected


def _fonts(data: bytes) -> dict[str, Any]:
    """The fonts the pages use, by name (the dictionaries sit in a compressed object
    stream: the bytes of the file do not show them)."""
    fonts = {}
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


def test_fonts_are_embedded_subsets_with_unicode_maps(person, theme):
    fonts = _fonts(rendered(person, theme, "pdf"))
    assert fonts
    for name, font in fonts.items():
        assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset"
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not an embedded TrueType font"
        assert "/ToUnicode" in font, f"{name} has no Unicode map"
        assert not any(std in name for std in ("Helvetica", "Times", "Courier", "Symbol"))


def test_metadata(person, theme):
    meta = pypdf.PdfReader(io.BytesIO(rendered(person, theme, "pdf"))).metadata
    doc = document(person, theme)
    assert meta["/Title"] == doc.title and meta["/Subject"] == doc.subject
    assert meta["/Author"] == doc.author
    assert meta["/Keywords"] == ", ".join(doc.keywords) and doc.keywords


def test_identical_bytes_for_identical_input(theme):
    doc, chosen = document("kaiyang", theme), load_theme(theme)
    assert render_bytes("pdf", doc, chosen) == render_bytes("pdf", doc, chosen)


def test_outline_has_one_entry_per_section(person, theme):
    reader = pypdf.PdfReader(io.BytesIO(rendered(person, theme, "pdf")))
    headings = [b.text for b in document(person, theme).blocks if b.role.value == "heading"]
    assert [item.title for item in reader.outline] == headings


def test_page_numbers_only_on_multipage_resumes_and_never_in_the_text(theme):
    """Page numbers are for the eye: drawn as shapes, so that no reader finds them inside an
    entry that runs over a page; a one-page resume has none."""
    import pypdfium2

    for person in ("kaiyang", "rui-shao"):
        data = rendered(person, theme, "pdf")
        reader = pypdf.PdfReader(io.BytesIO(data))
        text = " ".join(p.extract_text() for p in reader.pages)
        assert not re.search(r"Page \d+ of \d+", text)
        bottom = load_theme(theme).page.margins[2]
        for page in pypdfium2.PdfDocument(data):
            picture = page.render(scale=1, grayscale=True).to_pil()
            width, height = picture.size
            foot = picture.crop((0, height - int(bottom), width, height))
            inked = foot.convert("L").point(lambda v: 255 if v < 160 else 0).histogram()[255]
            assert (inked > 20) == (len(reader.pages) > 1), (person, inked)


def test_page_size(theme):
    for size, expected in (("letter", (612, 792)), ("a4", (595, 842))):
        reader = pypdf.PdfReader(io.BytesIO(rendered("rui-shao", theme, "pdf", size)))
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == expected


def test_links_are_clickable_https_only():
    reader = pypdf.PdfReader(io.BytesIO(rendered("rui-shao", "classic", "pdf")))
    uris = [a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots", [])]
    assert "https://github.com/ryan42xyz/ai-infra-lab" in uris
    assert all(u.startswith(("https://", "http://", "mailto:", "tel:")) for u in uris)


def test_special_characters_come_back(tmp_path):
    """The characters a naive PDF loses: arrows, dashes, quotes, accents, bullets."""
    tricky = "→ – — ’ “ ” é ü ñ ç ß · … ≥ ½ × € £"
    path = write_profile(tmp_path, f"name: Zoë Ærø\nsummary: '{tricky}'\n")
    for name in ("classic", "modern", "compact"):
        chosen = load_theme(name)
        doc = compose(load_profile(path).profile, chosen)
        data = render_bytes("pdf", doc, chosen)
        lines = [line.strip() for line in read_pdf(data)[0]]
        assert tricky in lines and "Zoë Ærø" in lines


def test_a_character_no_font_has_is_an_error(tmp_path):
    path = write_profile(tmp_path, "name: Ann\nhighlights: ['Shipped 🫠 on time']\n")
    chosen = load_theme("classic")
    doc = compose(load_profile(path).profile, chosen)
    with pytest.raises(RenderError) as caught:
        render_bytes("pdf", doc, chosen)
    message = str(caught.value)
    assert "highlights[0]" in message and "U+1FAE0 MELTING FACE" in message and "classic" in message


def test_declared_fallback_font_draws_what_the_main_font_lacks(tmp_path):
    """Caladea has no Armenian or Georgian; the theme's declared fallback (DejaVu Sans) does."""
    path = write_profile(tmp_path, "name: Ann\nsummary: 'Speaks Հայերեն and ქართული'\n")
    chosen = load_theme("classic")
    doc = compose(load_profile(path).profile, chosen)
    data = render_bytes("pdf", doc, chosen)
    assert any("DejaVuSans" in name for name in _fonts(data))
    assert "Speaks Հայերեն and ქართული" in read_pdf(data)[0]


def test_one_page_pdf_is_small():
    assert len(rendered("rui-shao", "compact", "pdf")) < 60_000


def test_embedded_subsets_are_valid_fonts_without_hinting(theme):
    from fontTools.ttLib import TTFont as FontFile

    reader = pypdf.PdfReader(io.BytesIO(rendered("kaiyang", theme, "pdf")))
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        descriptor = ref.get_object()["/FontDescriptor"].get_object()
        font = FontFile(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
        assert not {"fpgm", "prep", "cvt "} & set(font.keys())
        glyphs = font["glyf"]
        for name in font.getGlyphOrder():
            glyph = glyphs[name]  # decodes: a broken glyph table would raise here
            assert not getattr(glyph, "program", None) or not glyph.program.getBytecode()
        assert font["cmap"].tables  # the subset keeps its character map


def test_glyphs_are_checked_in_the_face_the_style_draws_with(tmp_path):
    """Found by hypothesis: classic sets the headline in Caladea Italic, which lacks 'ļ'
    although Caladea Regular has it; checking the regular face let reportlab draw the
    notdef glyph, which read back as NUL. The italic face is checked now, so the declared
    fallback draws it."""
    path = write_profile(tmp_path, "name: Ann\nheadline: Rīga, Liepāja, Ļ ļ ģ ķ\n")
    chosen = load_theme("classic")
    doc = compose(load_profile(path).profile, chosen)
    data = render_bytes("pdf", doc, chosen)
    lines, _ = read_pdf(data)
    assert "Rīga, Liepāja, Ļ ļ ģ ķ" in [ln.strip() for ln in lines]
    assert check_bytes(tmp_path / "x.pdf", doc, data).ok


def test_emoji_are_drawn_by_the_declared_symbol_font(tmp_path):
    """Symbola (fonts-symbola, installed by .ci/setup) draws the emoji people put in real
    files; the text reads back with them."""
    path = write_profile(tmp_path, "name: Ann\nhighlights: ['Shipped 🚀 on time ✅']\n")
    chosen = load_theme("classic")
    document = compose(load_profile(path).profile, chosen)
    data = render_bytes("pdf", document, chosen)
    assert check_bytes(tmp_path / "x.pdf", document, data).ok
    assert any("Symbola" in name for name in _fonts(data))
