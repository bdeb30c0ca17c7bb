"""Languages: a profile's locale gives its headings, labels and dates in that language, in
every theme and format; Chinese, Japanese and Korean read back character for character."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pypdf
import pytest
from pdfminer.high_level import extract_text
from typer.testing import CliRunner

from renderer.cli import app
from renderer.compose.resume import compose
from renderer.errors import InputError
from renderer.formats.txt.writer import display_width
from renderer.inputs import load_profile
from renderer.locale import available, load_locale, resolve
from renderer.theme.model import builtin_names, load_theme
from tests.conftest import ROOT, check_bytes, render_bytes, write_profile

runner = CliRunner()

# Words in each script the fallback fonts must carry, kept in the profile's own fields.
SAMPLES = {
    "zh-Hans": ("王小明", "将部署时间从三十分钟缩短到五分钟，并为团队编写了完整的运维手册"),
    "zh-Hant": ("陳大文", "將部署時間從三十分鐘縮短到五分鐘，並為團隊編寫了完整的維運手冊"),
    "ja": ("山田花子", "デプロイ時間を三十分から五分に短縮し、チームのための運用手順書を整備した"),
    "ko": ("김민지", "배포 시간을 삼십 분에서 오 분으로 줄이고 팀을 위한 운영 문서를 정리했다"),
}


def profile_text(locale: str) -> str:
    name, bullet = SAMPLES.get(locale, ("Anna Müller", "Cut deploy time from 30 to 5 minutes"))
    return f"""locale: {locale}
name: {name}
email: anna@example.com
summary: {bullet}
experience:
  - company: Example
    title: Engineer
    kind: full-time
    start: 2023-03
    end: present
    technologies: [Go, Kubernetes]
    highlights: ["{bullet}"]
education: [{{institution: TU München, degree: M.Sc., start: 2016, end: 2018}}]
skills: [{{name: Cloud, keywords: [Go, Kubernetes]}}]
languages: [{{language: Deutsch, fluency: native}}]
"""


@pytest.mark.parametrize("locale", available())
def test_every_locale_renders_every_format_and_passes_check(tmp_path: Path, locale: str) -> None:
    """One theme per locale (rotating through them) keeps the run short; each theme meets
    several languages."""
    themes = builtin_names()
    theme = themes[available().index(locale) % len(themes)]
    path = write_profile(tmp_path, profile_text(locale))
    result = runner.invoke(
        app, ["render", str(path), "--theme", theme, "--check", "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    words = load_locale(locale)
    text = next((tmp_path / "out").rglob("*.txt")).read_text("utf-8")
    for heading in ("experience", "education", "skills", "languages"):
        assert words.headings[heading].upper() in text.upper(), (locale, heading)
    assert words.word("present").lower() in text.lower()
    assert (
        words.month(dt.date(2023, 3, 1)) in text
        or words.month(dt.date(2023, 3, 1), long=True) in text
        or words.year(dt.date(2023, 3, 1)) in text
    )


@pytest.mark.parametrize("locale", sorted(SAMPLES))
def test_east_asian_text_reads_back_character_for_character(tmp_path: Path, locale: str) -> None:
    name, bullet = SAMPLES[locale]
    profile = load_profile(write_profile(tmp_path, profile_text(locale))).profile
    theme = load_theme("classic")
    document = compose(profile, theme)
    pdf = render_bytes("pdf", document, theme, None)
    by_pypdf = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    by_pdfminer = extract_text(io.BytesIO(pdf))
    heading = load_locale(locale).headings["experience"]
    for text in (by_pypdf, by_pdfminer):
        flat = "".join(text.split())  # a reader may break a CJK line anywhere
        assert "".join(name.split()) in flat
        assert "".join(bullet.split()) in flat
        assert "".join(heading.split()).upper() in flat.upper()
    docx = render_bytes("docx", document, theme, None)
    package = zipfile.ZipFile(io.BytesIO(docx))
    xml = package.read("word/document.xml").decode("utf-8")
    assert bullet in xml and name in xml
    styles = package.read("word/styles.xml").decode("utf-8")
    east_asian_font = load_locale(locale).east_asian_font
    assert east_asian_font and f'w:eastAsia="{east_asian_font}"' in styles


def test_docx_names_the_language(tmp_path: Path) -> None:
    profile = load_profile(write_profile(tmp_path, profile_text("de"))).profile
    theme = load_theme("modern")
    docx = render_bytes("docx", compose(profile, theme), theme, None)
    styles = zipfile.ZipFile(io.BytesIO(docx)).read("word/styles.xml").decode("utf-8")
    document = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    assert 'w:val="de' in styles + document


def test_plain_text_wraps_by_display_width(tmp_path: Path) -> None:
    long = "、".join([SAMPLES["zh-Hans"][1]] * 4)
    path = write_profile(tmp_path, profile_text("zh-Hans").replace(SAMPLES["zh-Hans"][1], long))
    result = runner.invoke(app, ["render", str(path), "-f", "txt", "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    text = next((tmp_path / "o").rglob("*.txt")).read_text("utf-8")
    assert long.replace("、", "") not in text.replace("\n", "")  # it did wrap ...
    assert "".join(long.split()) in "".join(text.split())  # ... and kept every character
    assert max(display_width(line) for line in text.splitlines()) <= 80


@pytest.mark.parametrize("width", [20, 31, 40, 80])
def test_plain_text_keeps_korean_words_whole_and_marks_with_what_they_close(width):
    """Plain text broke Korean between any two syllables (절차 / 를) and let a Chinese line
    open with a closing mark (）之后。): Korean breaks at its spaces, and no line opens with
    。、）」 or ends with 「（, as in the PDF."""
    from renderer.formats.txt.writer import wrap

    korean = "장애 대응 절차를 정리하고 복구 시간이 어떻게 이루어지는지 확인하기 위해 작성됨"
    lines = wrap(korean, width).splitlines()
    assert all(word in korean.split() for line in lines for word in line.split())
    chinese = "测" * 38 + "（测）之后。「安定性」と、「拡張性」を両立する。" * 3
    for line in wrap(chinese, width).splitlines():
        assert line[0] not in "。、）」，" and line[-1] not in "「（", line
        assert display_width(line) <= width
    assert "".join(wrap(chinese, width).split()) == chinese


def test_an_unknown_locale_names_file_line_and_field(tmp_path: Path) -> None:
    path = write_profile(tmp_path, "name: Ann\nemail: ann@example.com\nlocale: klingon\n")
    result = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "p.yaml:3" in result.output and "locale" in result.output
    assert "zh-Hans" in result.output  # it lists the ones there are
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").rglob("*.*"))


def test_locale_codes_as_people_write_them() -> None:
    assert resolve("de-DE") == "de"
    assert resolve("pt_BR") == "pt"
    assert resolve("zh-TW") == "zh-Hant"
    assert resolve("zh-CN") == resolve("zh") == "zh-Hans"
    with pytest.raises(ValueError, match="locales: "):
        resolve("xx")
    with pytest.raises(InputError):
        load_locale("xx")


def test_the_locale_option_overrides_the_profile(tmp_path: Path) -> None:
    path = write_profile(tmp_path, profile_text("en"))
    result = runner.invoke(
        app, ["render", str(path), "-f", "txt", "--locale", "fr", "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.output
    text = next((tmp_path / "o").rglob("*.txt")).read_text("utf-8")
    assert load_locale("fr").headings["experience"].upper() in text.upper()
    assert "EXPERIENCE" not in text.upper().replace(
        load_locale("fr").headings["experience"].upper(), ""
    )


def test_every_locale_translates_every_word() -> None:
    """A shipped translation is complete; only a user's own may fall back to English."""
    for code in available():
        assert load_locale(code).missing == (), code


@pytest.mark.parametrize("locale", ["de", "fr", "zh-Hans"])
def test_german_french_and_chinese_in_every_theme(tmp_path: Path, locale: str) -> None:
    text = profile_text(locale).replace("company: Example", "company: Fudan University 复旦大学")
    path = write_profile(tmp_path, text.replace("name: ", "name: Ao Wang ", 1))
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(path), "--theme", "all", "--check", "-o", str(out)])
    assert result.exit_code == 0, result.output
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) == len(builtin_names())
    heading = load_locale(locale).headings["experience"]
    for pdf in pdfs:
        reader = pypdf.PdfReader(pdf)
        assert str(reader.trailer["/Root"]["/Lang"]).startswith(locale.split("-")[0])
        flat = "".join(extract_text(str(pdf)).split())
        assert "AoWang" in flat and "FudanUniversity复旦大学" in flat, pdf.name
        assert "".join(heading.split()).upper() in flat.upper(), pdf.name
    for html in out.rglob("*.html"):
        assert f'<html lang="{locale}">' in html.read_text("utf-8")


CHINESE_PROFILE = (ROOT / "tests" / "data" / "chinese.yaml").read_text("utf-8")


@pytest.mark.parametrize("theme", builtin_names())
def test_chinese_lines_never_open_with_closing_punctuation(tmp_path, theme):
    path = write_profile(tmp_path, "locale: zh-Hans\n" + CHINESE_PROFILE)
    chosen = load_theme(theme)
    data = render_bytes("pdf", compose(load_profile(path).profile, chosen), chosen)
    lines = [
        ln.strip()
        for page in pypdf.PdfReader(io.BytesIO(data)).pages
        for ln in page.extract_text().splitlines()
    ]
    assert len([ln for ln in lines if ln]) > 8
    assert not [ln for ln in lines if ln[:1] in "，。、；：！？）」』》"], lines


def test_mostly_chinese_text_without_a_locale_gets_a_hint(tmp_path):
    from renderer.profile.advice import lint

    loaded = load_profile(write_profile(tmp_path, CHINESE_PROFILE))
    assert any("add `locale: zh-Hans`" in w.message for w in lint(loaded))
    chosen = load_profile(write_profile(tmp_path, "locale: en\n" + CHINESE_PROFILE, "en.yaml"))
    assert not any("locale:" in w.message for w in lint(chosen))  # the person chose


def test_an_opening_bracket_never_ends_a_japanese_line(tmp_path: Path) -> None:
    """「 goes down with the words it opens (the paragraph's breaker of several fonts ended
    a line with 。「); a closing mark never opens one."""
    import io

    from pdfminer.high_level import extract_text

    sentence = "決済システムのレイテンシを40％削減し、年間約3億円のコスト削減を実現しました。"
    # one bullet a shift of the text, so that 「 falls at a line's end in some of them
    bullets = "".join(
        f"  - {'あ' * shift}{sentence}「ゼロダウンタイム移行」を主導。\n" for shift in range(12)
    )
    path = write_profile(
        tmp_path,
        "locale: ja\nname: 山田花子\nemail: h@example.org\nhighlights:\n" + bullets,
    )
    chosen = load_theme("classic")
    document = compose(load_profile(path).profile, chosen)
    data = render_bytes("pdf", document, chosen)
    read = extract_text(io.BytesIO(data))
    assert read.replace("\n", "").count("ゼロダウンタイム") == 12
    # and the line it goes down to passes a character on, rather than run past the margin
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextBox

    right = chosen.page_size(None)[0] - chosen.page.margins[1]
    widest = max(
        char.x1
        for page in extract_pages(io.BytesIO(data))
        for box in page
        if isinstance(box, LTTextBox)
        for line in box
        for char in line
        if isinstance(char, LTChar) and char.get_text() not in "。、，）」"
    )
    assert widest <= right + 1, (widest, right)
    for line in read.splitlines():
        assert not line.rstrip().endswith("「"), line
        assert not line.lstrip().startswith(("」", "。", "、")), line


def test_korean_breaks_at_spaces_and_keeps_its_words_whole(tmp_path: Path) -> None:
    """Korean is written with spaces: a line breaks at one, never inside a word (운영했습 /
    니다), whatever brackets or words in hanja (金融) the text holds."""
    import io

    from pdfminer.high_level import extract_text

    summary = (
        "8년 경력의 백엔드 개발자로서 대규모 트래픽을 처리하는 金融 결제 시스템을 설계하고 "
        '운영했습니다. "안정성"과 「확장성」을 최우선으로 생각하며, 팀의 기술 문서화를 '
        "주도했습니다. 장애 대응 절차를 정리하여 복구 시간을 절반으로 줄였습니다."
    )
    path = write_profile(
        tmp_path, f"locale: ko\nname: 김민지\nemail: m@example.org\nsummary: '{summary}'\n"
    )
    words = set(summary.split())
    for theme in ("classic", "compact", "harvard"):
        chosen = load_theme(theme)
        document = compose(load_profile(path).profile, chosen)
        read = extract_text(io.BytesIO(render_bytes("pdf", document, chosen)))
        lines = [ln.split() for ln in read.splitlines() if "경력" in ln or "주도" in ln]
        lines += [ln.split() for ln in read.splitlines() if "金融" in ln or "확인" in ln]
        assert lines and all(token in words for line in lines for token in line), lines


@pytest.mark.parametrize(
    ("locale", "degree", "skills", "technologies"),
    [
        ("en", "MSc, Informatics", "Languages: Python, SQL", "Technologies: Go, gRPC"),
        ("ja", "MSc、Informatics", "Languages：Python、SQL", "使用技術：Go、gRPC"),
        ("zh-Hant", "MSc、Informatics", "Languages：Python、SQL", "使用技術：Go、gRPC"),
        ("ar", "MSc، Informatics", "Languages: Python، SQL", "التقنيات: Go، gRPC"),
    ],
)
def test_generated_lists_take_the_locales_punctuation(
    tmp_path, locale, degree, skills, technologies
):
    """A degree and its field, a skill's keywords, an entry's technologies: joined with the
    ideographic comma in Chinese and Japanese, the Arabic comma in Arabic, not a Latin one."""
    path = write_profile(
        tmp_path,
        f"locale: {locale}\nname: A B\nemail: a@example.org\n"
        "experience: [{company: Acme, title: Dev, start: 2020-01, technologies: [Go, gRPC]}]\n"
        "education: [{institution: Uni, degree: MSc, field: Informatics, end: 2019}]\n"
        "skills: [{name: Languages, keywords: [Python, SQL]}]\n",
    )
    blocks = compose(load_profile(path).profile, load_theme("classic")).blocks
    texts = [b.text for b in blocks]
    school = next(b for b in blocks if b.source == "education[0]")
    assert school.head is not None and school.head.title == degree
    assert skills in texts and technologies in texts, texts


def test_a_long_chinese_paragraph_is_cut_at_its_sentences():
    """A paragraph is laid out in pieces of about half a page (reportlab's layout is
    quadratic): Chinese has no spaces, so it was cut at a count of characters, leaving a
    line of one character (成) and the next opening with 。; pieces end after 。！？, or
    else where a line may break."""
    from renderer.formats.pdf.runs import chunks
    from renderer.profile.markup import Run

    sentence = "我们团队负责设计和实现大规模分布式存储系统，支持每秒数百万次读写请求。"
    pieces = chunks((Run(sentence * 60),), 1100)
    assert len(pieces) > 1
    texts = ["".join(run.text for run in piece) for piece in pieces]
    assert "".join(texts) == sentence * 60
    assert all(text.endswith("。") for text in texts)
    unbroken = "测" * 1500 + "（测）。"
    texts = ["".join(r.text for r in piece) for piece in chunks((Run(unbroken),), 1100)]
    assert "".join(texts) == unbroken and all(t[0] not in "。）" for t in texts)


def test_variation_selectors_and_soft_hyphens_in_chinese_and_japanese(tmp_path):
    """葛 with an ideographic variation selector (U+E0100) was refused ('cannot be drawn'):
    where no font has the sequence, the character is drawn in its usual form. A soft
    hyphen in a Chinese paragraph was drawn as a hyphen (曾-任職): it is left out there."""
    from pdfminer.high_level import extract_text

    path = write_profile(
        tmp_path,
        'locale: ja\nname: "葛\\U000E0100城 太郎"\nemail: k@example.org\n'
        'summary: "曾\\u00ad任職於多家新創公司。"\n',
    )
    theme = load_theme("classic")
    document = compose(load_profile(path).profile, theme)
    data = render_bytes("pdf", document, theme)
    report = check_bytes(tmp_path / "x.pdf", document, data)
    assert report.ok, report.problems
    text = extract_text(io.BytesIO(data))
    assert "葛城" in text.replace(" ", "") and "曾任職於" in text and "-" not in text


def test_a_korean_word_in_chinese_keeps_the_chinese_line_rules_and_ideographs_wrap_in_text(
    tmp_path,
):
    """One Korean word in a Chinese paragraph turned off its line-start rules (a line opened
    with ：); plain text kept a run of Extension B ideographs as one unbreakable word; a
    layout piece of a long paragraph was cut at an early space (熟悉 alone on a line)."""
    from pdfminer.high_level import extract_text

    from renderer.formats.pdf.runs import chunks
    from renderer.formats.txt.writer import wrap
    from renderer.profile.markup import Run

    summary = "我们这里说的是简体中文：这个项目让团队的发布速度提高了三倍。한국어" * 6
    path = write_profile(
        tmp_path, f"locale: zh-Hans\nname: 张伟\nemail: z@example.org\nsummary: {summary}\n"
    )
    theme = load_theme("classic")
    document = compose(load_profile(path).profile, theme)
    text = extract_text(io.BytesIO(render_bytes("pdf", document, theme)))
    assert not any(line[:1] and line[:1] in "：。，" for line in text.splitlines())
    assert max(display_width(line) for line in wrap("\U00020bb7" * 120, 80).splitlines()) <= 80
    long = "熟悉 " + "分布式存储系统的设计与实现，" * 120
    first = "".join(run.text for run in chunks((Run(long),), 1100)[0])
    assert len(first) > 550


def test_a_small_kana_at_a_lines_end_does_not_hang_past_the_margin(tmp_path):
    """A small kana (ッ) or the long-vowel mark that may not open a line was pulled onto the
    line before and hung an em past the right margin: they may open a line, as CSS's
    line-break: normal lets them in Japanese; the text stays inside the frame."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    path = write_profile(
        tmp_path,
        "locale: ja\nname: 山田 花子\nemail: h@example.org\nsummary: "
        + "あ" * 41
        + "ッ" * 3
        + "ーあ" * 20
        + "\n",
    )
    theme = load_theme("classic")
    document = compose(load_profile(path).profile, theme)
    data = render_bytes("pdf", document, theme)
    width = theme.page_size()[0] - theme.page.margins[1]

    def right_edges(item):  # type: ignore[no-untyped-def]
        if isinstance(item, LTChar):
            yield item.x1
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from right_edges(child)

    assert (
        max(x for page in extract_pages(io.BytesIO(data)) for x in right_edges(page)) <= width + 0.5
    )


@pytest.mark.parametrize(
    ("locale", "title"),
    [
        ("en", "A B – Resume"),
        ("ja", "A B – 履歴書"),
        ("de", "A B – Lebenslauf"),
        ("ar", "A B – السيرة الذاتية"),
    ],
)
def test_the_documents_title_is_in_its_language(tmp_path, locale, title):
    """The PDF's and DOCX's title (what a viewer's title bar and an ATS's file list show) said
    'Resume' in every language."""
    path = write_profile(tmp_path, f"locale: {locale}\nname: A B\nemail: a@example.org\n")
    assert compose(load_profile(path).profile, load_theme("classic")).title == title
