"""Hebrew and Arabic in the PDF: set right to left in every theme (right-aligned, the bullet on
the right, an entry's dates on the left), Arabic letters joined by HarfBuzz, mixed runs
(Kubernetes, 40%, brackets) ordered by the bidirectional algorithm; and read back in the
order they were written by pdfminer.six (through our reader), pdftotext and pdfium.

The profiles (tests/data/scripts/he.yaml, ar.yaml) are made up, in the shape of real resumes.
"""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from renderer.compose.resume import compose
from renderer.formats.pdf.reader import read_with_pdfminer
from renderer.formats.plaintext import normalise
from renderer.inputs import load_profile
from renderer.theme.model import load_theme
from tests.conftest import ROOT, THEMES, check_bytes, render_bytes

SCRIPTS = ROOT / "tests" / "data" / "scripts"

# What each reader must give back as written: names, headings of entries, bullets, a Latin
# name in right-to-left text, a lam-alef ligature (الأنظمة), marks (يوميًا, وحسّنته).
PHRASES = {
    "he": [
        "דנה לוי",
        "מהנדסת תוכנה בכירה",
        'מערכות נתונים בע"מ',
        "הפחתתי את זמן התגובה של שירות התשלומים",
        "עבור מיליון בקשות ביום",
        "בניתי מנגנון שחזור אוטומטי בין מרכזי נתונים",
        "ניתחתי ושיפרתי את ביצועי מסד הנתונים PostgreSQL",
        "הטכניון – מכון טכנולוגי לישראל",
        "dana@example.org",
        "+972 50-123-4567",
        "2013 – 2017",
    ],
    "ar": [
        "ليلى حسن",
        "مهندسة برمجيات أولى",
        "شركة أنظمة البيانات",
        "خفضت زمن استجابة خدمة الدفع بنسبة",
        "لمليون طلب يوميًا",
        "في الأنظمة الموزعة",
        "حللت أداء قاعدة بيانات PostgreSQL وحسّنته",
        "جامعة الإمارات العربية المتحدة",
        "layla@example.org",
        "+971 50 123 4567",
    ],
}
# Numbers with signs inside right-to-left text (ב-40%, 40% in Arabic), which the bidi
# algorithm orders by their neighbours: pdfminer.six through our reader gives them as written.
SIGNED = {"he": ["ב-40%", "(3 אזורים)"], "ar": ["بنسبة 40%", "(٣ مناطق)"]}


def _pdf(script: str, theme: str) -> bytes:
    chosen = load_theme(theme)
    profile = load_profile(SCRIPTS / f"{script}.yaml").profile
    return render_bytes("pdf", compose(profile, chosen), chosen)


def _pdftotext(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    return re.sub("[\u202a-\u202e]", "", text)  # the embeddings poppler marks runs with


def _pdfium(data: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    return text


def _letters(text: str) -> str:
    """Letters and digits in order, without marks, spaces and punctuation."""
    return "".join(c for c in normalise(text) if unicodedata.category(c)[0] in "LN")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("script", sorted(PHRASES))
def test_right_to_left_resumes_pass_check_and_read_back_in_every_theme(script, theme, tmp_path):
    data = _pdf(script, theme)
    document = compose(load_profile(SCRIPTS / f"{script}.yaml").profile, load_theme(theme))
    report = check_bytes(tmp_path / "r.pdf", document, data)
    assert report.ok, report.problems[:3]
    assert any("pypdf gives Hebrew and Arabic lines" in w for w in report.warnings)
    pdfminer = normalise(" ".join(read_with_pdfminer(data).lines))
    missing = [p for p in PHRASES[script] + SIGNED[script] if normalise(p) not in pdfminer]
    assert not missing, f"pdfminer.six: {missing[:2]} not in {pdfminer[:300]!r}"
    poppler = normalise(_pdftotext(data, tmp_path))
    # A mark HarfBuzz moves up or down (ً, ّ: the text rise of its glyph) makes poppler
    # start a word there and read it elsewhere on the page: its letters are checked apart.
    plain = [p for p in PHRASES[script] if not any(unicodedata.category(c) == "Mn" for c in p)]
    missing = [p for p in plain if normalise(p) not in poppler]
    assert not missing, f"pdftotext: {missing[:2]} not in {poppler[:300]!r}"
    words = {w for p in PHRASES[script] for w in normalise(p).split()}
    missing = [w for w in words if _letters(w) not in _letters(poppler)]
    assert not missing, f"pdftotext: {missing[:2]} not in {poppler[:300]!r}"
    # pdfium orders a line by its own guess of the line's direction: a name beside a Latin
    # e-mail address (executive) is read as a left-to-right line. Each word reads whole.
    pdfium = _letters(_pdfium(data))
    missing = [w for w in words if _letters(w) not in pdfium]
    assert not missing, f"pdfium: {missing[:2]}"


def _chars(data: bytes):  # type: ignore[no-untyped-def]
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    def walk(item):  # type: ignore[no-untyped-def]
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from walk(child)

    return [c for page in extract_pages(io.BytesIO(data)) for c in walk(page)]


@pytest.mark.parametrize("theme", ["classic", "modern", "compact"])
def test_the_page_is_mirrored_bullets_right_dates_left(theme):
    chars = _chars(_pdf("he", theme))
    bullets = [c for c in chars if c.get_text() == "•"]
    hebrew = [c for c in chars if "\u0590" <= c.get_text() <= "\u05ff"]
    assert bullets and hebrew
    for bullet in bullets:  # right of every letter on its line
        line = [c for c in hebrew if abs(c.y0 - bullet.y0) < 2]
        assert line and bullet.x0 > max(c.x1 for c in line)
    right_edge = max(c.x1 for c in hebrew)
    dates = [c for c in chars if c.get_text() == "2" and c.x1 < right_edge / 2]
    assert dates, "an entry's dates are drawn on the left half of the page"
    # Every Hebrew line ends at the right margin, as right-aligned text does.
    name = [c for c in hebrew if c.size > 14]
    assert name


def test_arabic_letters_are_joined_not_drawn_alone():
    """A joined Arabic letter is a glyph no character maps to (its initial, medial or final
    form): the PDF holds them, each read back as its letter."""
    from pdfminer.high_level import extract_text

    data = _pdf("ar", "classic")
    assert "ليلى حسن" in normalise(" ".join(read_with_pdfminer(data).lines))
    raw = extract_text(io.BytesIO(data))
    # Drawn left to right, a word comes out reversed where a reader does not reorder it.
    assert "نسح" in raw


def test_a_left_to_right_resume_with_a_hebrew_name(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: דנה לוי\nemail: dana@example.org\nheadline: Senior Software Engineer\n"
        "summary: Eight years of distributed systems at מערכות נתונים (Tel Aviv), on call.\n",
        encoding="utf-8",
    )
    chosen = load_theme("classic")
    document = compose(load_profile(path).profile, chosen)
    data = render_bytes("pdf", document, chosen)
    report = check_bytes(tmp_path / "p.pdf", document, data)
    assert report.ok, report.problems[:3]
    summary = "Eight years of distributed systems at מערכות נתונים (Tel Aviv), on call."
    assert normalise(summary) in normalise(" ".join(read_with_pdfminer(data).lines))
    poppler = normalise(_pdftotext(data, tmp_path))
    assert "דנה לוי" in poppler and "מערכות נתונים" in poppler
    # The page stays left to right: the name's bullet-free lines start at the left margin.
    chars = _chars(data)
    senior = [c for c in chars if c.get_text() == "S"]
    assert min(c.x0 for c in senior) < 200


def test_right_to_left_pdfs_are_the_same_bytes_from_many_threads():
    from concurrent.futures import ThreadPoolExecutor

    jobs = [("ar", "classic"), ("he", "modern"), ("ar", "harvard"), ("he", "compact")] * 3
    alone = {job: _pdf(*job) for job in set(jobs)}
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda job: _pdf(*job), jobs))
    assert all(data == alone[job] for job, data in zip(jobs, together, strict=True))


@pytest.mark.parametrize("script", sorted(PHRASES))
def test_first_page_of_a_right_to_left_resume_looks_as_it_did(script, request):
    from tests.test_golden import GOLDEN, looks_as_it_did

    looks_as_it_did(GOLDEN / "scripts" / f"{script}-classic.png", _pdf(script, "classic"), request)


def _document(script: str, theme: str = "classic"):  # type: ignore[no-untyped-def]
    return compose(load_profile(SCRIPTS / f"{script}.yaml").profile, load_theme(theme))


def test_the_docx_sets_right_to_left_paragraphs_and_libreoffice_reads_them(tmp_path):
    import shutil

    import docx
    from docx.oxml.ns import qn

    document = _document("ar", "modern")  # its header is aligned left, not centred
    data = render_bytes("docx", document, load_theme("modern"))
    word = docx.Document(io.BytesIO(data))
    arabic = [p for p in word.paragraphs if re.search("[\u0600-\u06ff]", p.text)]
    assert arabic and all(p._p.pPr.find(qn("w:bidi")) is not None for p in arabic)
    contact = next(p for p in word.paragraphs if "layla@example.org" in p.text)
    assert contact._p.pPr.find(qn("w:bidi")) is None  # Latin only, aligned right
    assert contact.alignment is not None and contact.alignment.name == "RIGHT"
    styles = word.styles.element.xml
    assert 'w:bidi="ar-SA"' in styles
    # LibreOffice lays it out right to left; poppler reads its PDF back as written.
    path = tmp_path / "ar.docx"
    path.write_bytes(data)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by .ci/setup"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True, timeout=300, check=True,
    )  # fmt: skip
    poppler = normalise(_pdftotext((tmp_path / "ar.pdf").read_bytes(), tmp_path))
    for phrase in ("ليلى حسن", "مهندسة برمجيات أولى", "شركة أنظمة البيانات", "الخبرة العملية"):
        assert normalise(phrase) in poppler, phrase


def test_the_html_is_right_to_left_where_the_page_is():
    page = render_bytes("html", _document("ar"), load_theme("classic")).decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "text-align:right" in page and ".aside{text-align:left}" in page
    hebrew = render_bytes("html", _document("he"), load_theme("modern")).decode()
    assert 'dir="rtl"' in hebrew  # no locale: right to left by its letters


def test_a_left_to_right_page_keeps_its_direction_with_right_to_left_words(tmp_path):
    """An English resume with an Arabic place: the PDF sets it as written, each word in its
    own direction ("الرياض, Saudi Arabia"), and so does the HTML, left to right."""
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: Ann Lee\nemail: ann@example.org\nsummary: 'الرياض, Saudi Arabia: ten years'\n",
        encoding="utf-8",
    )
    chosen = load_theme("classic")
    document = compose(load_profile(path).profile, chosen)
    page = render_bytes("html", document, chosen).decode()
    assert '<html lang="en">' in page and "unicode-bidi" not in page
    data = render_bytes("pdf", document, chosen)
    assert check_bytes(tmp_path / "p.pdf", document, data).ok
    poppler = normalise(_pdftotext(data, tmp_path))
    assert "الرياض" in poppler and "Saudi Arabia: ten years" in poppler


@pytest.mark.parametrize("locale", ["ar", "he", "fa", "ur"])
def test_a_right_to_left_locale_sets_its_words_and_the_docx_language(locale, tmp_path):
    from renderer.locale import load_locale

    path = tmp_path / "p.yaml"
    path.write_text(
        f"locale: {locale}\nname: Test Person\nemail: t@example.org\n"
        "experience: [{company: Example, title: Engineer, start: 2023-03, end: present}]\n",
        encoding="utf-8",
    )
    chosen = load_theme("modern")
    document = compose(load_profile(path).profile, chosen)
    data = render_bytes("pdf", document, chosen)
    assert check_bytes(tmp_path / "p.pdf", document, data).ok
    words = load_locale(locale)
    read = normalise(" ".join(read_with_pdfminer(data).lines))
    assert normalise(words.headings["experience"]) in read
    assert normalise(words.word("present")) in read
    styles = render_bytes("docx", document, chosen)
    tag = {"ar": "ar-SA", "he": "he-IL", "fa": "fa-IR", "ur": "ur-PK"}[locale]
    assert f'w:bidi="{tag}"'.encode() in _styles_xml(styles)


def _styles_xml(data: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")


def test_a_page_number_in_arabic_is_drawn_shaped_right_to_left(tmp_path):
    """The page label is drawn as outlines (not text): its Arabic is joined and ordered as
    a line of text would be, here compared with the same words drawn as text."""
    from renderer.formats.pdf import outlines

    fonts = [Path("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf")]
    label = "صفحة 2 من 3"
    glyphs = outlines._shaped(label, fonts, 10)
    names = [name for _, name, *_ in glyphs]
    assert names[0] == outlines._glyph("3", fonts)[1]  # the last number is leftmost
    own = {outlines._glyph(c, fonts)[1] for c in label}  # each letter alone
    assert set(names) - own, "joined forms, not letters alone"
    # joined letters are narrower than the same letters alone
    alone = sum(outlines._advance(c, fonts, 10) for c in label)
    assert outlines.width(label, fonts, 10) < alone


# Made up in the shape of what a hostile pass found: fully vowelled Arabic (fatha over shadda,
# tanwin, the ligature of Allah, a line opening with a raised mark, which crashed reportlab),
# pointed Hebrew (dagesh after tsere), wrapped Arabic bullets, marks of direction.
VOWELLED = """locale: ar
name: مُحَمَّدٌ عَبْدُ ٱللَّهِ
email: m@example.org
summary: كَتَبَ
experience:
  - company: شَرِكَةُ ٱلْمُسْتَقْبَلِ
    title: مُهَنْدِسٌ أَوَّلُ
    start: 2019-03
    highlights:
      - صَمَّمْتُ نِظَامًا لِلدَّفْعِ يُعَالِجُ مِلْيُونَ طَلَبٍ يَوْمِيًّا بِسُرْعَةٍ وَأَمَانٍ تَامَّيْنِ عَبْرَ مَنَاطِقَ عِدَّةٍ
      - מְהַנְדֵּס תּוֹכְנָה בָּכִיר
      - كتبت واجهة C++\u200e لمكتبة ضغط
  - company: شركة ب
    title: مهندس
    start: 2017-01
    end: 2019-02
    highlights:
      - >-
        خفضت تكاليف البنية التحتية السحابية بنسبة كبيرة عبر إعادة تصميم طبقة التخزين المؤقت
        ونقل الأحمال إلى خوادم أصغر
      - >-
        قدت فريقًا من ثمانية مهندسين لبناء نظام توصيات يخدم مليوني مستخدم يوميًا عبر منصة
        حديثة وموثوقة
"""


@pytest.mark.parametrize("theme", ["classic", "modern", "engineering"])
def test_vowelled_arabic_pointed_hebrew_and_wrapped_bullets_pass_check(theme, tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text(VOWELLED.replace("\\u200e", "\u200e"), encoding="utf-8")
    chosen = load_theme(theme)
    document = compose(load_profile(path).profile, chosen)
    data = render_bytes("pdf", document, chosen)
    report = check_bytes(tmp_path / "v.pdf", document, data)
    assert report.ok, report.problems[:3]  # each bullet read under its job, whole
    read = normalise(" ".join(read_with_pdfminer(data).lines))
    for phrase in ("مُحَمَّدٌ عَبْدُ ٱللَّهِ", "مُهَنْدِسٌ أَوَّلُ", "מְהַנְדֵּס תּוֹכְנָה בָּכִיר"):
        assert normalise(phrase) in read, phrase
    drawn = {c.get_text() for c in _chars(data)}
    assert "\u200e" not in drawn  # a mark of direction orders the line; nothing is drawn
    # poppler reorders the letters of a fully vowelled word by where its marks sit: it is
    # asked for the bullets without marks, and the name's letters (both lams of الله)
    poppler = normalise(_pdftotext(data, tmp_path))
    assert "خفضت تكاليف البنية التحتية السحابية" in poppler
    assert "قدت فريقًا من ثمانية مهندسين" in poppler
    assert _letters("ٱللَّهِ") in _letters(poppler)


def test_a_field_of_only_marks_of_direction_is_an_error_naming_it(tmp_path):
    from renderer.errors import InputError

    path = tmp_path / "p.yaml"
    path.write_text("name: Ann\nhighlights: ['\u200f']\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"highlights\[0\].*only invisible characters"):
        load_profile(path)


def test_a_raised_mark_is_a_blank_that_reads_as_it_and_is_drawn_as_a_shape():
    """Fatha over shadda (مَّ): HarfBuzz raises the pair; the text holds a blank on the
    baseline that reads as the marks, and the mark's glyph is kept to be drawn as an outline
    where HarfBuzz put it (a box widened for pdfminer.six must not lose that)."""
    from reportlab.lib.abag import ABag

    from renderer.formats.pdf import shaping
    from renderer.formats.pdf.fonts import register_font

    font = register_font(Path("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf"))
    frag = ABag(fontName=font.fontName, fontSize=20)
    drawn = shaping.shape_run(frag, "مَّد", True)
    lifted = [shaping.lifted(font.fontName, ord(c)) for c in drawn]
    raised = [found for found in lifted if found is not None]
    assert raised and all(up > 0 for _, _, up in raised)  # drawn above the baseline
    meanings = "".join(shaping.made_from(shaping._pdf_name(font), ord(c)) or c for c in drawn)
    assert sorted(meanings) == sorted("مَّد")  # every character read, once
