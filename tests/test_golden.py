"""What is on the page, pinned: the Document (as JSON), the text and the Markdown of every
person in every theme, and a low-resolution picture of each first page.

A change to any of them fails here with a diff. When the change is meant, rewrite them with

    .venv/bin/python -m pytest tests/test_golden.py --update-golden

and say in the commit why the pages changed (and look at the new pictures).
"""

from __future__ import annotations

import difflib
import io
import json
from pathlib import Path

import pytest

from renderer.theme.model import load_theme
from tests.conftest import PEOPLE, ROOT, THEMES, document, rendered

GOLDEN = ROOT / "tests" / "golden"
UPDATE = "run: .venv/bin/python -m pytest tests/test_golden.py --update-golden"


def _compare_text(path: Path, actual: str, update: bool) -> None:
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, "utf-8")
        return
    assert path.is_file(), f"no golden file {path.relative_to(ROOT)}; {UPDATE}"
    expected = path.read_text("utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), "golden", "now", lineterm="", n=1
        )
        shown = "\n".join(list(diff)[:60])
        pytest.fail(f"{path.relative_to(ROOT)} changed:\n{shown}\nIf that is meant, {UPDATE}")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("kind", ["json", "txt", "md", "html"])
def test_output_matches_the_golden_file(person, theme, kind, request):
    update = request.config.getoption("--update-golden")
    if kind == "json":
        actual = json.dumps(document(person, theme).to_dict(), indent=1, ensure_ascii=False)
        actual += "\n"
    else:
        actual = rendered(person, theme, kind).decode("utf-8")
    _compare_text(GOLDEN / person / f"{theme}.{kind}", actual, update)


# --- pictures ------------------------------------------------------------------------------

SCALE = 0.5  # 36 dpi: enough to see layout, spacing and weight; small enough to store
MEAN_TOLERANCE = 1.5  # mean grey-level difference (0-255) allowed
PIXEL_TOLERANCE = 0.003  # share of pixels allowed to differ by more than a quarter of the range


def first_page_picture(pdf: bytes):  # -> PIL.Image.Image
    import pypdfium2

    page = pypdfium2.PdfDocument(pdf)[0]
    return page.render(scale=SCALE, grayscale=True).to_pil().convert("L")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("person", PEOPLE)
def test_first_page_looks_as_it_did(person, theme, request):
    looks_as_it_did(GOLDEN / person / f"{theme}.png", rendered(person, theme, "pdf"), request)


def looks_as_it_did(path: Path, pdf: bytes, request: pytest.FixtureRequest) -> None:
    """The PDF's first page against its stored picture (rewritten with --update-golden)."""
    from PIL import Image, ImageChops, ImageStat

    now = first_page_picture(pdf)
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        now.save(buffer, "PNG", optimize=True)
        path.write_bytes(buffer.getvalue())
        return
    assert path.is_file(), f"no stored picture {path.relative_to(ROOT)}; {UPDATE}"
    before = Image.open(path).convert("L")
    assert before.size == now.size, f"page size changed: {before.size} -> {now.size}"
    difference = ImageChops.difference(before, now)
    mean = ImageStat.Stat(difference).mean[0]
    changed = sum(difference.histogram()[64:]) / (now.size[0] * now.size[1])
    if mean > MEAN_TOLERANCE or changed > PIXEL_TOLERANCE:
        difference.point(lambda v: 255 - min(255, v * 4)).save(path.with_suffix(".diff.png"))
        pytest.fail(
            f"{path.relative_to(ROOT)}: the first page looks different (mean difference "
            f"{mean:.2f}, {changed:.2%} of pixels changed; see {path.stem}.diff.png). {UPDATE}"
        )


def test_golden_files_cover_every_person_and_theme():
    expected = {
        f"{p}/{t}.{k}" for p in PEOPLE for t in THEMES for k in ("json", "txt", "md", "html", "png")
    }
    # and the first pages of the scripts that need shaping (tests/test_scripts.py) or run right
    # to left (tests/test_right_to_left.py)
    expected |= {f"scripts/{script}-classic.png" for script in ("hi", "th", "ar", "he", "ja")}
    present = {
        str(f.relative_to(GOLDEN))
        for f in GOLDEN.rglob("*")
        if f.is_file() and ".diff." not in f.name
    }
    assert present == expected, {"missing": expected - present, "stale": present - expected}
    assert load_theme("classic")  # the themes the files were made with still load
