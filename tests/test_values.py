"""Values as people write them: dates in their many forms, phones, links of other schemes."""

from __future__ import annotations

import pytest

from renderer.inputs import load_profile
from renderer.profile.values import dialable, means_present, read_date
from tests.conftest import write_profile


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2019", "2019"),
        (2019, "2019"),
        ("2019-8", "2019-08"),
        ("2019-08-15", "2019-08"),
        ("2019-08-15T00:00:00.000Z", "2019-08"),
        ("2019/08", "2019-08"),
        ("2019.08", "2019-08"),
        ("08/2019", "2019-08"),
        ("8.2019", "2019-08"),
        ("15/08/2019", "2019-08"),
        ("08/15/2019", "2019-08"),
        ("05.08.2019", "2019-08"),
        ("Aug 2019", "2019-08"),
        ("August 2019", "2019-08"),
        ("Aug. 2019", "2019-08"),
        ("Sept 2019", "2019-09"),
        ("August 15, 2019", "2019-08"),
        ("15 August 2019", "2019-08"),
        ("2019 Aug", "2019-08"),
        ("2019年8月", "2019-08"),
        ("2019년 8월", "2019-08"),
        ("Januar 2020", "2020-01"),
        ("janvier 2020", "2020-01"),
        ("enero 2020", "2020-01"),
    ],
)
def test_dates_as_people_write_them(written, read):
    reading = read_date(written)
    assert str(reading) == read
    assert reading.note is None  # nothing guessed, nothing a resume shows left out


@pytest.mark.parametrize(
    ("written", "read", "note"),
    [
        ("Summer 2019", "2019", "season is left out"),
        ("Q3 2019", "2019", "quarter is left out"),
        ("05/08/2019", "2019-05", "if 5 is the day, write 2019-08"),
        ("Sept '19", "2019-09", "'19 read as 2019"),
    ],
)
def test_a_date_read_with_a_guess_or_a_loss_says_so(written, read, note):
    reading = read_date(written)
    assert str(reading) == read and note in (reading.note or "")


@pytest.mark.parametrize(
    ("written", "error"),
    [
        ("08/19", "a year has four digits"),
        ("Summer", "is not a date"),
        ("13/2019", "not a valid month"),
        ("31/02/2019", "not a valid date"),
        ("1850", "out of range"),
        ("the spring", "is not a date"),
    ],
)
def test_what_is_no_date_is_an_error_that_says_how_to_write_one(written, error):
    with pytest.raises(ValueError, match=error):
        read_date(written)


def test_the_present_in_many_words():
    for word in ("present", "Present", "now", "Current", "ongoing", "heute", "至今", "Today."):
        assert means_present(word), word
    assert not means_present("2019-08") and not means_present("Presentation")


def test_a_profile_takes_them_and_warns_at_the_line_of_a_guess(tmp_path):
    path = write_profile(
        tmp_path,
        "name: Ann\n"
        "phone: Upon request\n"
        "experience:\n"
        "  - company: Acme\n"
        "    start: Summer 2019\n"
        "    end: Currently\n"
        "  - company: Initech\n"
        "    start: 08/2016\n"
        "    end: Aug 2019\n",
    )
    loaded = load_profile(path)
    first, second = loaded.profile.experience
    assert (str(first.start), first.end) == ("2019", "present")
    assert (str(second.start), str(second.end)) == ("2016-08", "2019-08")
    assert loaded.profile.phone is None
    notes = {(n.line, n.message) for n in loaded.notes}
    assert (2, "'Upon request' is not a phone number; left out") in notes
    assert (5, "'Summer 2019' read as the year alone (the season is left out)") in notes
    assert len(notes) == 2


def test_phones_with_words_are_kept_and_linked_only_when_one_number():
    assert dialable("+44 20 7946 0000") == "+442079460000"
    assert dialable("+1 555 0100 ext. 12") == "+15550100"
    assert dialable("030/1234567") == "0301234567"
    assert dialable("+1 555 0100 / +44 20 7946 0000") is None
    assert dialable("+1 555 0100 (mobile)") is None
    assert dialable("０３-１２３４-５６７８") == "0312345678"  # full-width digits (Japanese)


def test_experience_written_oldest_first_is_shown_newest_first_unless_asked(tmp_path):
    from renderer.compose.resume import compose
    from renderer.profile.advice import lint
    from renderer.theme.model import load_theme

    text = (
        "name: Ann\nexperience:\n"
        "  - {company: First, start: 2010, end: 2012}\n"
        "  - {company: Second, start: 2012-03, end: 2015}\n"
        "  - {company: Third, start: 2016, end: present}\n"
    )
    loaded = load_profile(write_profile(tmp_path, text))
    lines = compose(loaded.profile, load_theme("classic")).lines()
    order = [name for line in lines for name in ("First", "Second", "Third") if name in line]
    assert order == ["Third", "Second", "First"]
    assert any("written oldest first" in w.message and w.line == 3 for w in lint(loaded))
    kept = load_profile(write_profile(tmp_path, text + "entry_order: as-written\n", "kept.yaml"))
    lines = compose(kept.profile, load_theme("classic")).lines()
    order = [name for line in lines for name in ("First", "Second", "Third") if name in line]
    assert order == ["First", "Second", "Third"]
    assert not any("oldest first" in w.message for w in lint(kept))


@pytest.mark.parametrize(
    ("author", "same"),
    [
        ("Ada Lovelace", True),
        ("Lovelace A", True),
        ("A. Lovelace", True),
        ("Lovelace, Ada", True),
        ("LOVELACE, A. A.", True),
        ("Lovelace AK", False),  # a K she does not have
        ("B. Lovelace", False),
        ("Babbage C", False),
        ("Lovelace", False),
    ],
)
def test_an_author_is_known_by_family_name_and_initials(author, same):
    from renderer.profile.values import is_same_person

    assert is_same_person(author, "Ada Augusta Lovelace") is same


def test_a_publication_shows_its_authors_with_the_persons_own_in_bold(tmp_path):
    from renderer.compose.resume import compose
    from renderer.theme.model import load_theme

    path = write_profile(
        tmp_path,
        "name: Ada Lovelace\npublications:\n"
        "  - title: Notes\n    authors: [Babbage C, Lovelace A, '**Menabrea L**']\n"
        "    doi: https://doi.org/10.5555/example.1843\n",
    )
    profile = load_profile(path).profile
    assert profile.publications[0].doi == "10.5555/example.1843"
    blocks = compose(profile, load_theme("classic")).blocks
    byline = next(b for b in blocks if b.source == "publications[0].authors")
    assert [(r.text, r.bold) for r in byline.runs] == [
        ("Babbage C, ", False),
        ("Lovelace A", True),
        (", ", False),
        ("Menabrea L", True),
    ]
    assert any("doi.org/10.5555/example.1843" in b.text for b in blocks)
