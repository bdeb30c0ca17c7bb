"""The bidirectional algorithm the PDF orders Hebrew and Arabic lines by (renderer/formats/bidi.py),
against python-bidi (Rust's unicode-bidi, the whole of UAX #9) on strings of every character
class mixed, and on the lines a resume holds, character by character."""

from __future__ import annotations

import random

import pytest
from bidi import get_display

from renderer.formats.bidi import (
    display,
    levels,
    logical,
    page_is_right_to_left,
    paragraph_level,
    visual_order,
)

# Letters of both directions, European and Arabic digits, every weak and neutral class a
# resume meets (separators, terminators, brackets, quotes, dashes, no-break space), marks.
POOL = [
    *"abc XY",
    *"שלוםעב",
    *"مرحبا",
    *"0123",
    *"٠١٢",
    *" ,.:-+%$#()[]/!\"'«»–—@_",
    "\u05b4",  # Hebrew point hiriq (NSM)
    "\u0651",  # Arabic shadda (NSM)
    "\u00a0",
    "\u2212",
    "\u20aa",  # new shekel sign (ET)
    "\u066a",  # Arabic percent sign (ET)
    "\u060c",  # Arabic comma (CS)
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u061c",  # Arabic letter mark
]


@pytest.mark.parametrize("seed", range(4))
def test_the_order_a_line_is_drawn_in_is_the_unicode_algorithms(seed):
    rng = random.Random(seed)
    for _ in range(5000):
        text = "".join(rng.choice(POOL) for _ in range(rng.randint(1, 18)))
        for base, direction in ((0, "L"), (1, "R")):
            ours = "".join(text[i] for i in visual_order(levels(text, base)))
            assert ours == get_display(text, base_dir=direction), (text, direction)


@pytest.mark.parametrize(
    "written, level, drawn",
    [
        # Hebrew words run right to left; a Latin name inside keeps its own order.
        ("דנה לוי", 1, "יול הנד"),
        ("שירות Kubernetes חדש", 1, "שדח Kubernetes תוריש"),
        # Brackets around a Latin name and a Hebrew word belong to the Hebrew (rule N0): the
        # opening one is drawn rightmost (HarfBuzz draws its mirror image there).
        ("מערכות (Kubernetes ו-Go)", 1, ")Go-ו Kubernetes( תוכרעמ"),
        # A number keeps its percent sign; Arabic digits read from the right, sign first.
        ("הפחתה של 40%", 1, "40% לש התחפה"),
        ("بنسبة ٤٠٪", 1, "٪٤٠ ةبسنب"),
        # A Hebrew name on a left-to-right page: only the name turns round.
        ("Name: שלום (Tel Aviv)", 0, "Name: םולש (Tel Aviv)"),
        ("الرياض, Saudi Arabia", 0, "ضايرلا, Saudi Arabia"),
    ],
)
def test_mixed_direction_lines_character_by_character(written, level, drawn):
    assert display(written, level) == drawn


def test_reading_a_drawn_line_gives_back_what_was_written():
    lines = [
        "שמונה שנות ניסיון במערכות מבוזרות (Kubernetes ו-Go), בניית שירותים",
        "خفضت زمن استجابة خدمة الدفع بنسبة 40% لمليون طلب يوميًا",
        "بنيت آلية استعادة تلقائية بين مراكز البيانات (٣ مناطق)",
        "תכנות: Go, Python, SQL",
    ]
    for line in lines:
        assert logical(display(line, 1), rtl_page=True) == line
    # A head and its dates, set side by side: the dates on the left, the head read first.
    head, dates = "מהנדסת בכירה — מערכות נתונים", "Apr 2021 – Present"
    drawn = dates + " " * 12 + display(head, 1)
    assert logical(drawn, rtl_page=True) == head + " " * 12 + dates


def test_a_paragraphs_level():
    assert paragraph_level("מהנדסת תוכנה", rtl_page=True) == 1
    assert paragraph_level("B.Sc., מדעי המחשב", rtl_page=True) == 1  # read from the right
    assert paragraph_level("Go, Python, SQL", rtl_page=True) is None  # as it always was
    assert paragraph_level("2013 – 2017", rtl_page=True) is None
    # a page left to right keeps its direction: each word reads in its own
    assert paragraph_level("Led the move to שלום", rtl_page=False) == 0
    assert paragraph_level("الرياض, Saudi Arabia", rtl_page=False) == 0
    assert paragraph_level("Plain English", rtl_page=False) is None


def test_a_page_is_right_to_left_by_its_language_or_its_letters():
    assert page_is_right_to_left("ar", "Latin only")
    assert page_is_right_to_left("he", "")
    assert page_is_right_to_left("fa", "")
    assert not page_is_right_to_left("en", "An English resume with one name: דנה")
    assert page_is_right_to_left("en", "דנה לוי, מהנדסת תוכנה בכירה, Kubernetes")
    assert not page_is_right_to_left("xx-nonsense", "")
