"""Scripts whose letters change shape with their neighbours, in the PDF: Hindi (conjuncts, a vowel
sign drawn before its consonant, reph) and Thai (vowels and tone marks stacked over consonants)
set with HarfBuzz in every theme, and read back by every reader in the order they were written.

The profiles (tests/data/scripts/) are made up, in the shape of real resumes in these languages.
"""

from __future__ import annotations

import io
import subprocess
import unicodedata
from pathlib import Path

import pytest

from renderer.compose.resume import compose
from renderer.formats.plaintext import normalise
from renderer.inputs import load_profile
from renderer.theme.model import load_theme
from tests.conftest import ROOT, THEMES, check_bytes, render_bytes

SCRIPTS = ROOT / "tests" / "data" / "scripts"
# Words each reader must give back as written: conjuncts (क्ष, ष्ठ, स्थ, ज्ञ), ि before its
# consonant, reph (र्), nukta (फ़); Thai vowels above and below, tone marks over vowels.
WORDS = {
    "hi": [
        "अनिल कुमार शर्मा",
        "वरिष्ठ सॉफ़्टवेयर इंजीनियर",
        "कार्य अनुभव",
        "स्थानीय डेटा प्रणाली प्राइवेट लिमिटेड",
        "क्षेत्रीय डेटा केंद्रों के बीच स्वचालित पुनर्प्राप्ति की व्यवस्था बनाई",
        "PostgreSQL डेटाबेस का कार्यक्षमता विश्लेषण और अनुकूलन किया",
        "टीम के ज्ञान को",
        "शिक्षा",
        "दिल्ली प्रौद्योगिकी विश्वविद्यालय",
    ],
    "th": [
        "สมชาย ใจดี",
        "วิศวกรซอฟต์แวร์อาวุโส",
        "ประสบการณ์ทำงาน",
        "ลดเวลาตอบสนองของระบบชำระเงินลง 35% และเพิ่มความเสถียรของบริการ",
        "ออกแบบระบบสำรองข้อมูลอัตโนมัติที่ทำงานได้ทั้งในและนอกประเทศ",
        "มหาวิทยาลัยเชียงใหม่",
    ],
}


def _pdf(script: str, theme: str) -> bytes:
    chosen = load_theme(theme)
    profile = load_profile(SCRIPTS / f"{script}.yaml").profile
    return render_bytes("pdf", compose(profile, chosen), chosen)


def _readers(data: bytes, tmp_path: Path) -> dict[str, str]:
    import pypdf
    import pypdfium2
    from pdfminer.high_level import extract_text

    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    pdfium = pypdfium2.PdfDocument(data)
    read = {
        "pdfminer.six": extract_text(io.BytesIO(data)),
        "pypdf": "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages),
        "pdftotext": subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        ).stdout.decode(),
        "pdfium": "\n".join(page.get_textpage().get_text_range() for page in pdfium),
    }
    pdfium.close()
    return {reader: normalise(text) for reader, text in read.items()}


def _letters(text: str) -> str:
    """The text without its combining marks and spaces: the letters in their order."""
    text = unicodedata.normalize("NFKD", text)  # ำ is ํ and า: the mark goes, the letter stays
    return "".join(c for c in text if unicodedata.category(c) != "Mn" and not c.isspace())


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("script", sorted(WORDS))
def test_shaped_scripts_read_back_as_written_in_every_theme(script, theme, tmp_path):
    data = _pdf(script, theme)
    chosen = load_theme(theme)
    document = compose(load_profile(SCRIPTS / f"{script}.yaml").profile, chosen)
    report = check_bytes(tmp_path / "r.pdf", document, data)
    assert report.ok, report.problems[:3]
    for reader, text in _readers(data, tmp_path).items():
        if script == "th" and reader in ("pdftotext", "pdfium"):
            # These two move a tone mark stacked over a vowel (ที่) after its word, as they
            # do in LibreOffice's own PDF of the same text: the letters stay in order.
            missing = [w for w in WORDS[script] if _letters(w) not in _letters(text)]
        else:
            missing = [w for w in WORDS[script] if normalise(w) not in text]
        assert not missing, f"{reader} does not read {missing[:2]} in {text[:300]!r}"


def test_hindi_is_shaped_not_drawn_letter_by_letter():
    """A conjunct is one glyph (क्ष, ष्ठ): what HarfBuzz does and a letter-by-letter layout,
    which draws क, ् and ष side by side, does not. (That ि is drawn before its consonant,
    the golden picture below keeps.)"""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    def chars(item):  # type: ignore[no-untyped-def]
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from chars(child)

    drawn = {
        c.get_text()
        for page in extract_pages(io.BytesIO(_pdf("hi", "classic")))
        for c in chars(page)
    }
    assert {"क्ष", "ष्ठ"} <= drawn


@pytest.mark.parametrize("script", sorted(WORDS))
def test_first_page_of_a_shaped_script_looks_as_it_did(script, request):
    from tests.test_golden import GOLDEN, looks_as_it_did

    looks_as_it_did(GOLDEN / "scripts" / f"{script}-classic.png", _pdf(script, "classic"), request)


@pytest.mark.parametrize(
    ("profile", "name", "bold"),
    [
        ("locale: hi\nname: अनिल शर्मा\nemail: a@example.org\n", "अ", "NotoSansDevanagari-Bold"),
        ("locale: ko\nname: 김민준\nemail: m@example.org\n", "김", "NotoSerifCJKkr-Bold"),
        ("locale: ja\nname: 山田 花子\nemail: h@example.org\n", "山", "NotoSerifCJKjp-Bold"),
        ("locale: zh-Hans\nname: 王小明\nemail: w@example.org\n", "王", "NotoSerifCJKsc-Bold"),
        ("locale: zh-Hant\nname: 陳大文\nemail: c@example.org\n", "陳", "NotoSerifCJKtc-Bold"),
    ],
)
def test_a_bold_line_takes_the_fallback_familys_bold(profile, name, bold, tmp_path):
    """The name is bold in every theme: a script drawn by a fallback font is drawn in that
    family's bold where one is installed beside it, not in its regular face."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    def chars(item):  # type: ignore[no-untyped-def]
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from chars(child)

    path = tmp_path / "p.yaml"
    path.write_text(profile, encoding="utf-8")
    chosen = load_theme("classic")
    data = render_bytes("pdf", compose(load_profile(path).profile, chosen), chosen)
    drawn = [c for page in extract_pages(io.BytesIO(data)) for c in chars(page)]
    first = next(c for c in drawn if c.get_text().startswith(name))
    assert first.fontname.endswith(bold), first.fontname


def test_shaped_pdfs_are_the_same_bytes_from_many_threads():
    """Shaping gives a font's unmapped glyphs codes as it meets them, in fonts every render
    shares: eight threads rendering Hindi and Thai at once make the same files as one."""
    from concurrent.futures import ThreadPoolExecutor

    jobs = [("hi", "classic"), ("th", "modern"), ("hi", "compact"), ("th", "harvard")] * 4
    alone = {job: _pdf(*job) for job in set(jobs)}
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda job: _pdf(*job), jobs))
    assert all(data == alone[job] for job, data in zip(jobs, together, strict=True))


def test_a_shaped_pdf_is_the_same_bytes_whatever_the_process_rendered_before():
    """Codes are given to glyphs in the order a process meets them: a Hindi resume rendered
    first, or after others in other scripts and themes, is the same file."""
    import hashlib
    import sys

    program = (
        "import sys, hashlib; sys.path.insert(0, '.'); from tests.test_scripts import _pdf\n"
        "for job in sys.argv[1:]: data = _pdf(*job.split(':'))\n"
        "print(hashlib.sha256(data).hexdigest())"
    )

    def run(*jobs: str) -> str:
        command = [sys.executable, "-c", program, *jobs]
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout

    assert run("hi:classic") == run("th:classic", "hi:modern", "th:compact", "hi:classic")
    assert run("hi:classic").strip() == hashlib.sha256(_pdf("hi", "classic")).hexdigest()


# One line in each of the other scripts the themes shape: "software engineer" and a word with
# a conjunct or stacked marks, as people write them.
OTHER_SCRIPTS = {
    "bn": "সফটওয়্যার প্রকৌশলী, কর্মক্ষেত্র",
    "ta": "மென்பொருள் பொறியாளர், க்ஷேத்திரம்",
    "te": "సాఫ్ట్‌వేర్ ఇంజనీర్, క్షేత్రం",
    "kn": "ಸಾಫ್ಟ್‌ವೇರ್ ಎಂಜಿನಿಯರ್, ಕ್ಷೇತ್ರ",
    "ml": "സോഫ്റ്റ്‌വെയർ എഞ്ചിനീയർ, ക്ഷേത്രം",
    "gu": "સોફ્ટવેર ઇજનેર, ક્ષેત્ર",
    "pa": "ਸਾਫਟਵੇਅਰ ਇੰਜੀਨੀਅਰ, ਖੇਤਰ",
    "si": "මෘදුකාංග ඉංජිනේරු, ක්ෂේත්‍රය",
    "lo": "ວິສະວະກອນ ຊອບແວ, ບໍລິສັດ",
    "my": "ဆော့ဖ်ဝဲ အင်ဂျင်နီယာ, ကုမ္ပဏီ",
}


@pytest.mark.parametrize("script", sorted(OTHER_SCRIPTS))
def test_other_shaped_scripts_pass_check(script, tmp_path):
    """Every reader check uses gets the line back as written (Myanmar's tall font had each of
    its words read as a line of its own by pdfminer.six)."""
    line = OTHER_SCRIPTS[script]
    path = tmp_path / "p.yaml"
    path.write_text(
        f'name: Test Person\nemail: t@example.org\nheadline: "{line}"\nsummary: "{line} {line}"\n',
        encoding="utf-8",
    )
    chosen = load_theme("classic")
    document = compose(load_profile(path).profile, chosen)
    data = render_bytes("pdf", document, chosen)
    report = check_bytes(tmp_path / "p.pdf", document, data)
    assert report.ok, report.problems[:3]


def test_bold_chinese_is_drawn_bold_where_its_font_has_no_bold(tmp_path):
    """A theme whose only Chinese font is Droid Sans Fallback, which has no bold: a bold line
    in Chinese (a name, a job title) is drawn filled and stroked, as Word and browsers make a
    bold, and named `…,Bold` in the PDF; its text reads as it was written."""
    import shutil

    import pypdf

    theme_folder = tmp_path / "droid"
    shutil.copytree(ROOT / "themes" / "classic", theme_folder)
    yaml = theme_folder / "theme.yaml"
    text = yaml.read_text().replace("name: classic", "name: droid")
    kept = [line for line in text.splitlines(keepends=True) if "CJK-Regular.ttc" not in line]
    yaml.write_text("".join(kept))
    path = tmp_path / "zh.yaml"
    path.write_text(
        "locale: zh-Hans\nname: 李喆\nemail: li@example.org\n"
        "experience: [{company: 北风科技, title: 高级工程师, start: 2019-08}]\n",
        encoding="utf-8",
    )
    chosen = load_theme(str(theme_folder))
    document = compose(load_profile(path).profile, chosen)
    data = render_bytes("pdf", document, chosen)
    assert check_bytes(tmp_path / "zh.pdf", document, data).ok
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    fonts = [str(f["/BaseFont"]) for f in page["/Resources"]["/Font"].values()]
    assert any(name.endswith(",Bold") and "Droid" in name for name in fonts), fonts
    stream = page.get_contents().get_data()
    assert b" w 2 Tr" in stream and b"0 Tr" in stream
    assert "李喆" in page.extract_text() and "高级工程师" in page.extract_text()


def test_a_rare_chinese_character_is_drawn_by_the_same_typeface(tmp_path):
    """喆 and 𠮷 are beyond GB 2312 and JIS X 0208, to which the Noto CJK face is cut, but in
    the face: drawn by it (a font of the document's rare characters made from it), in its
    real bold in a name, not by another font or refused."""
    import pypdf

    for locale, name in (("zh-Hans", "李喆"), ("ja", "𠮷田 太郎")):
        path = tmp_path / f"{locale}.yaml"
        path.write_text(f"locale: {locale}\nname: {name}\nemail: a@example.org\n", "utf-8")
        chosen = load_theme("classic")
        document = compose(load_profile(path).profile, chosen)
        data = render_bytes("pdf", document, chosen)
        assert check_bytes(tmp_path / "x.pdf", document, data).ok
        page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
        fonts = [str(f["/BaseFont"]).split("+")[-1] for f in page["/Resources"]["/Font"].values()]
        assert any("-Bold-Extra" in font and "NotoSerifCJK" in font for font in fonts)
        assert not any("Droid" in font for font in fonts), fonts
        assert name in page.extract_text()


def test_a_thai_sentence_longer_than_a_line_is_split_between_its_clusters(tmp_path):
    """Thai is written without spaces: a sentence wider than the line is split by reportlab,
    which went through the shaped glyphs as plain text (boxes, private codes); it is split
    between clusters, each drawn as shaped, and reads back whole."""
    sentence = "มีประสบการณ์ในการพัฒนาระบบธนาคารออนไลน์และแอปพลิเคชันบนมือถือมากกว่าแปดปี" * 2
    path = tmp_path / "th.yaml"
    path.write_text(f"locale: th\nname: สมชาย ใจดี\nemail: s@example.org\nsummary: {sentence}\n")
    chosen = load_theme("classic")
    document = compose(load_profile(path).profile, chosen)
    data = render_bytes("pdf", document, chosen)
    report = check_bytes(tmp_path / "th.pdf", document, data)
    assert report.ok, report.problems[:2]
    from pdfminer.high_level import extract_text

    text = extract_text(io.BytesIO(data))
    assert not any(0xE000 <= ord(c) <= 0xF8FF or ord(c) >= 0xF0000 for c in text)


def test_first_page_of_a_japanese_resume_looks_as_it_did(request):
    """Kanji and kana in Droid Sans Fallback, the name and titles in its simulated bold,
    full-width brackets kept with what they open and close."""
    from tests.test_golden import GOLDEN, looks_as_it_did

    looks_as_it_did(GOLDEN / "scripts" / "ja-classic.png", _pdf("ja", "classic"), request)


def test_a_thai_sentence_with_latin_words_in_it_keeps_them_whole_and_reads_in_order(tmp_path):
    """A Thai sentence with English words written into it without spaces (ใช้Kubernetes…
    Goซึ่ง): split between clusters, it was split inside Kubernetes (K / ubernetes), and the
    tone mark of ซึ่ง, which HarfBuzz sets left of the vowel before it, started a line of its
    own in pdfminer.six, which then read the line's end after the next line."""
    from pdfminer.high_level import extract_text

    sentence = (
        "ออกแบบและพัฒนาระบบชำระเงินแบบเรียลไทม์ที่รองรับธุรกรรมมากกว่าหนึ่งล้านรายการต่อวัน"
        "โดยใช้Kubernetesและภาษาโปรแกรมมิ่งGoซึ่งช่วยลดเวลาตอบสนองของระบบลงได้ถึงสี่สิบ"
        "เปอร์เซ็นต์เมื่อเทียบกับระบบเดิม"
    )
    path = tmp_path / "th.yaml"
    path.write_text(
        f"locale: th\nname: สมชาย ใจดี\nemail: s@example.org\nexperience:\n"
        f"  - {{company: บริษัท ตัวอย่าง, title: หัวหน้าทีม, start: 2019-01, highlights: [{sentence}]}}\n",
        encoding="utf-8",
    )
    for theme in ("classic", "modern", "harvard"):
        chosen = load_theme(theme)
        document = compose(load_profile(path).profile, chosen)
        data = render_bytes("pdf", document, chosen)
        report = check_bytes(tmp_path / "th.pdf", document, data)
        assert report.ok, (theme, report.problems[:2])
        assert "Kubernetes" in extract_text(io.BytesIO(data)), theme
