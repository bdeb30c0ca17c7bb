"""Font collections (.ttc) and fonts with PostScript (CFF) outlines: a theme names a face of
a collection by its name, CJK fallbacks take the face of the document's language with its
real bold, and every such face is embedded as TrueType made once (fontconvert.py)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pypdf
import pytest

from renderer.compose.resume import compose
from renderer.errors import InputError
from renderer.inputs import load_profile
from renderer.theme import fontconvert
from renderer.theme.fontfile import chosen, faces
from renderer.theme.model import load_theme, system_font
from tests.conftest import ROOT, check_bytes, render_bytes

SANS_CJK = system_font("NotoSansCJK-Regular.ttc")
JAPANESE = ROOT / "tests" / "data" / "scripts" / "ja.yaml"


@pytest.fixture
def theme_copy(tmp_path):
    folder = tmp_path / "mine"
    shutil.copytree(ROOT / "themes" / "classic", folder)
    yaml = folder / "theme.yaml"
    yaml.write_text(yaml.read_text().replace("name: classic", "name: mine"))
    load_theme.cache_clear()
    yield folder
    load_theme.cache_clear()


def _edit(folder: Path, old: str, new: str) -> None:
    yaml = folder / "theme.yaml"
    text = yaml.read_text()
    assert old in text
    yaml.write_text(text.replace(old, new))


def _fonts_of(data: bytes) -> set[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


def _render(profile: Path, theme_name: str, tmp_path: Path) -> bytes:
    theme = load_theme(theme_name)
    document = compose(load_profile(profile).profile, theme)
    data = render_bytes("pdf", document, theme)
    report = check_bytes(tmp_path / "out.pdf", document, data)
    assert report.ok, report.problems[:3]
    return data


def test_the_faces_of_a_collection_are_read_from_its_directories():
    assert SANS_CJK is not None, "fonts-noto-cjk is installed by .ci/setup"
    found = faces(Path(SANS_CJK))
    assert [face.name for face in found[:5]] == [
        f"Noto Sans CJK {region}" for region in ("JP", "KR", "SC", "TC", "HK")
    ]
    assert all(face.postscript_outlines and face.in_collection for face in found)
    assert chosen(Path(SANS_CJK), "noto  sans cjk tc").index == 3  # case and spaces aside
    assert chosen(Path(SANS_CJK), "NotoSansCJKkr-Regular").index == 1  # PostScript name


@pytest.mark.parametrize(
    ("language", "text", "region"),
    [
        ("ja", "", "JP"),
        ("ko-KR", "", "KR"),
        ("zh-Hans", "", "SC"),
        ("zh-Hant", "", "TC"),
        ("zh-TW", "", "TC"),
        ("zh-HK", "", "HK"),
        ("en", "山田 はなこ", "JP"),  # kana: Japanese
        ("en", "김민준", "KR"),
        ("en", "王小明", "SC"),
    ],
)
def test_the_region_of_a_document(language, text, region):
    assert fontconvert.region_of(language, text) == region


def test_a_theme_names_a_face_of_a_collection_and_it_is_used(theme_copy, tmp_path):
    """Named, the Korean face draws a Japanese resume's Chinese characters (its own forms),
    though the document's language would have chosen the Japanese face."""
    _edit(
        theme_copy,
        '- "system:NotoSerifCJK-Regular.ttc"',
        '- "system:NotoSansCJK-Regular.ttc#Noto Sans CJK KR"',
    )
    data = _render(JAPANESE, str(theme_copy), tmp_path)
    fonts = _fonts_of(data)
    assert {"NotoSansCJKkr-Regular", "NotoSansCJKkr-Bold"} <= fonts, fonts
    assert not any("jp" in font for font in fonts)


def test_a_face_the_collection_has_not_is_an_error_naming_the_line_and_the_faces(theme_copy):
    shutil.copy(SANS_CJK.partition("#")[0], theme_copy / "fonts" / "cjk.ttc")
    _edit(theme_copy, "bold: fonts/Caladea-Bold.ttf", "bold: 'fonts/cjk.ttc#Noto Sans CJK XX'")
    load_theme.cache_clear()
    with pytest.raises(InputError) as caught:
        load_theme(str(theme_copy))
    message = str(caught.value)
    assert "theme.yaml:8:" in message and "fonts.bold" in message
    assert "has no face named 'Noto Sans CJK XX'" in message
    assert "'Noto Sans CJK JP'" in message and "'Noto Sans Mono CJK HK'" in message


def test_a_face_with_postscript_outlines_is_a_themes_own_font(theme_copy, tmp_path):
    """The regular and bold faces of a theme from a CFF collection: made TrueType files of
    their own (Chinese characters of GB 2312, Latin), embedded, and read back."""
    fonts = theme_copy / "fonts"
    shutil.copy(SANS_CJK.partition("#")[0], fonts / "sans.ttc")
    shutil.copy(SANS_CJK.partition("#")[0].replace("Regular", "Bold"), fonts / "sans-bold.ttc")
    _edit(
        theme_copy,
        "regular: fonts/Caladea-Regular.ttf",
        "regular: 'fonts/sans.ttc#Noto Sans CJK SC'",
    )
    _edit(
        theme_copy, "bold: fonts/Caladea-Bold.ttf", "bold: 'fonts/sans-bold.ttc#Noto Sans CJK SC'"
    )
    profile = tmp_path / "zh.yaml"
    profile.write_text(
        "locale: zh-Hans\nname: 王小明\nemail: w@example.org\nsummary: 负责支付系统的设计与运维。\n"
        "experience: [{company: Acme 科技, title: 高级工程师, start: 2019-08}]\n",
        encoding="utf-8",
    )
    data = _render(profile, str(theme_copy), tmp_path)
    assert {"NotoSansCJKsc-Regular", "NotoSansCJKsc-Bold"} <= _fonts_of(data)
    text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "负责支付系统的设计与运维。" in text and "Acme 科技" in text


def test_a_face_is_made_into_the_same_bytes_wherever_it_is_made(tmp_path, monkeypatch):
    path = Path(SANS_CJK)
    face = chosen(path, "Noto Sans CJK JP")
    made = []
    for cache in ("one", "two"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / cache))
        made.append(fontconvert.national(path, face, "JP").read_bytes())
    assert made[0] == made[1]
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(made[0]))
    assert "glyf" in font and "CFF " not in font
    kept = font.getBestCmap()
    assert ord("東") in kept and ord("𠮷") not in kept  # JIS X 0208 has 東, not 𠮷
    assert len(kept) < 10_000


def test_two_documents_with_other_rare_characters_each_read_back(tmp_path):
    """Each document's rare characters are a font of their own, with a PostScript name of
    its own: reportlab took the second such font registered for the first (same name), and
    the second document's rare characters came out as code 0 (read as NUL)."""
    for name in ("李喆", "王堃", "陳犇"):
        path = tmp_path / "p.yaml"
        path.write_text(f"locale: zh-Hans\nname: {name}\nemail: a@example.org\n", "utf-8")
        theme = load_theme("classic")
        document = compose(load_profile(path).profile, theme)
        data = render_bytes("pdf", document, theme)
        report = check_bytes(tmp_path / "out.pdf", document, data)
        assert report.ok, report.problems[:2]
        assert name in pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_hong_kong_chinese_takes_the_hong_kong_face(tmp_path):
    """zh-HK was read as zh-Hant (Taiwan's face, Big5): 𨋢 (HKSCS, lift) was refused and 哋
    was drawn by another font. The document keeps Hong Kong's language, in every format."""
    import zipfile

    path = tmp_path / "hk.yaml"
    path.write_text(
        "locale: zh-HK\nname: 陳啟𨋢\nemail: a@example.hk\nsummary: 我哋嘅團隊。\n", "utf-8"
    )
    theme = load_theme("classic")
    document = compose(load_profile(path).profile, theme)
    assert document.language == "zh-Hant-HK"
    data = _render(path, "classic", tmp_path)
    assert {"NotoSerifCJKhk-Regular", "NotoSerifCJKhk-Bold"} <= _fonts_of(data)
    assert not any("Droid" in font for font in _fonts_of(data))
    html = render_bytes("html", document, theme).decode()
    assert 'lang="zh-Hant-HK"' in html
    with zipfile.ZipFile(io.BytesIO(render_bytes("docx", document, theme))) as package:
        assert 'w:val="zh-HK"' in package.read("word/styles.xml").decode()


def test_a_character_the_serif_face_lacks_is_drawn_by_the_sans_one(tmp_path):
    """鿫 (U+9FEB) and 𠀤 are in Noto Sans CJK, not in Noto Serif CJK: the serif themes
    refused them. They take a font made from the sans face, only for them; the symbols CJK
    text writes with (※ ①) are drawn by the CJK face, not by DejaVu Sans, heavier."""
    path = tmp_path / "p.yaml"
    path.write_text(
        "locale: zh-Hans\nname: 王鿫\nemail: w@example.org\nsummary: 注意※ ①②③ 𠀤\n", "utf-8"
    )
    fonts = _fonts_of(_render(path, "classic", tmp_path))
    assert any(font.startswith("NotoSansCJKsc-") and "Extra" in font for font in fonts), fonts
    assert not any(
        font.startswith("NotoSansCJKsc-Regular") and "Extra" not in font for font in fonts
    )
    assert not any("DejaVu" in font for font in fonts), fonts


def test_a_character_no_installed_font_has_is_refused_saying_so(tmp_path):
    """U+20000 is in no installed font: refused with the field's line, and the hint does not
    tell the user to install the fonts that are installed."""
    from renderer.errors import RenderError

    path = tmp_path / "p.yaml"
    path.write_text("locale: zh-Hans\nname: 王\U00020000\nemail: w@example.org\n", "utf-8")
    theme = load_theme("classic")
    document = compose(load_profile(path).profile, theme)
    with pytest.raises(RenderError) as caught:
        render_bytes("pdf", document, theme)
    message = str(caught.value)
    assert "U+20000" in message and "no font installed here has it" in message
    assert "apt-get" not in message
