"""`resume preview`: the first page in every theme, side by side, large enough to read."""

from __future__ import annotations

import io

import pypdfium2
from PIL import Image, ImageChops
from typer.testing import CliRunner

from renderer.cli import app
from renderer.jobs import preview
from tests.conftest import ROOT, THEMES, rendered

runner = CliRunner()
RUI = str(ROOT / "profiles" / "rui-shao.yaml")


def test_preview_sets_every_theme_side_by_side_at_reading_size(tmp_path):
    out = tmp_path / "choose.png"
    result = runner.invoke(app, ["preview", RUI, "-o", str(out)])
    assert result.exit_code == 0, result.output
    image = Image.open(out).convert("RGB")
    pages = []  # each theme's first page as PDFium draws it alone
    for theme in THEMES:
        pdf = pypdfium2.PdfDocument(rendered("rui-shao", theme, "pdf"))
        pages.append(pdf[0].render(scale=100 / 72).to_pil().convert("RGB"))
    cell_w, cell_h = max(p.width for p in pages), max(p.height for p in pages)
    assert cell_w >= 827 and cell_h >= 1100  # A4 or Letter at 100 dpi: 10 pt text is 14 px
    assert image.size == (
        preview.GAP + len(THEMES) * (cell_w + preview.GAP),
        preview.GAP * 2 + preview.LABEL + cell_h,
    )
    for i, (theme, alone) in enumerate(zip(THEMES, pages, strict=True)):
        x, y = preview.GAP + i * (cell_w + preview.GAP), preview.GAP + preview.LABEL
        placed = image.crop((x, y, x + alone.width, y + alone.height))
        difference = ImageChops.difference(placed, alone).convert("L")
        assert sum(difference.histogram()[48:]) < alone.width * alone.height * 0.002, theme


def test_preview_of_chosen_themes_in_rows(tmp_path):
    out = tmp_path / "two.png"
    result = runner.invoke(
        app,
        ["preview", RUI, "-t", "classic,modern", "--columns", "1", "--dpi", "50", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert "classic, modern" in result.output
    width, height = Image.open(out).size
    assert width == preview.GAP * 2 + 425  # both Letter: 8.5 in at 50 dpi
    assert height == preview.GAP + 2 * (preview.LABEL + 550 + preview.GAP)


def test_preview_goes_to_the_output_folder_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["preview", RUI, "-t", "compact"])
    assert result.exit_code == 0, result.output
    made = tmp_path / "output" / "rui-shao" / "rui-shao-preview.png"
    assert Image.open(io.BytesIO(made.read_bytes())).format == "PNG"


def test_preview_reports_bad_input(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: A\nexperience:\n  - company: X\n    start: someday\n", encoding="utf-8")
    result = runner.invoke(app, ["preview", str(bad), "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 2 and "bad.yaml:4" in result.output
    assert not (tmp_path / "x.png").exists()
    unknown = runner.invoke(app, ["preview", RUI, "-t", "nope", "-o", str(tmp_path / "x.png")])
    assert unknown.exit_code == 2 and "nope" in unknown.output


def test_preview_shows_the_themes_that_can_draw_and_names_the_one_that_cannot(tmp_path):
    theme = tmp_path / "nofallback"
    theme.mkdir()
    (theme / "theme.yaml").write_text(
        "extends: classic\nname: nofallback\ndescription: No fallback fonts.\n"
        "fonts:\n  fallback: []\n",
        encoding="utf-8",
    )
    profile = tmp_path / "p.yaml"
    profile.write_text("name: A B\nemail: a@b.org\nsummary: Payments (決済).\n", "utf-8")
    out = tmp_path / "both.png"
    result = runner.invoke(app, ["preview", str(profile), "-t", f"classic,{theme}", "-o", str(out)])
    assert result.exit_code == 1
    assert "wrote" in result.output and "(classic;" in result.output
    assert "p.yaml:3:10 summary: character '決'" in result.output
    assert Image.open(out).size[0] < 1000  # one page, not two


def test_a_sheet_of_many_pages_at_high_dpi_stays_bounded(tmp_path):
    """Every theme at 300 dpi once took 1.7 GB: the dpi is lowered to keep the sheet under
    MAX_PIXELS, and the command says so."""
    from PIL import Image

    from renderer.jobs.preview import MAX_PIXELS, fitting_dpi

    assert fitting_dpi(1, None, 100) == 100
    lowered = fitting_dpi(8, None, 300)
    assert 20 <= lowered < 300
    out = tmp_path / "sheet.png"
    result = CliRunner().invoke(
        app,
        [
            "preview",
            str(ROOT / "profiles" / "rui-shao.yaml"),
            "-t",
            "all",
            "--dpi",
            "300",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "too large" in result.output
    with Image.open(out) as sheet:
        assert sheet.width * sheet.height <= MAX_PIXELS
