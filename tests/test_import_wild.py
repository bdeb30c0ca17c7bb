"""Import from the world: real resumes people keep in public repositories (anonymised, in
tests/data/wild/pdf and docx, each with a hand-checked expected.yaml) and LinkedIn's data
export, scored field by field against what a person reads on the page.

Values are compared as a reader would (case, spacing, NFC accents, dashes, the space a CJK
typesetter puts between scripts); dates as the year and month they mean; a value the page
does not hold must not be imported (a guess is not a value). The floors are the scores the
importer reached (`resume import` over the corpus): a change that loses a field fails here.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from renderer.inputs import read
from renderer.profile.values import means_present, read_date
from tests.conftest import ROOT

WILD = ROOT / "tests" / "data" / "wild"

# -- comparing as a reader does -----------------------------------------------------------


def _words(text: Any) -> list[str]:
    text = unicodedata.normalize("NFC", str(text or ""))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text).replace("\u2019", "'")
    text = re.sub(r"(?<=[\u3000-\u9fff])\s+|\s+(?=[\u3000-\u9fff])", "", text)  # CJK spacing
    return re.findall(r"\w+", text.casefold())


def _same(want: Any, got: Any, *also: Any) -> bool:
    if want is None:
        return not got
    return bool(got) and any(_words(w) == _words(got) for w in (want, *also) if w)


def _date(text: Any) -> Any:
    """(year, month), "present" or None, as a date written on a resume reads."""
    if text is None or text == "":
        return None
    if hasattr(text, "year"):
        return (text.year, text.month)
    text = str(text).strip()
    if means_present(text) or text.lower() in ("actuellement", "至今"):
        return "present"
    short = re.fullmatch(r"(\d{1,2})/(\d{2})", text)  # MM/YY
    if short:
        return (2000 + int(short.group(2)), int(short.group(1)))
    try:
        reading = read_date(text)
    except ValueError:
        return None
    return (reading.year, reading.month)


def _span(start: Any, end: Any) -> tuple[Any, Any]:
    if start and not end and re.fullmatch(r"\s*\d{4}\s*-\s*\d{4}\s*", str(start)):
        one, other = str(start).split("-")
        return _date(one), _date(other)
    first, last = _date(start), _date(end)
    if first is None and start and isinstance(last, tuple):  # `Feb – May 2022`
        first = _date(f"{start} {last[0]}")
    return first, last


def _dates_in(text: Any) -> list[Any]:
    found = []
    pattern = r"[^\W\d_]+\.?\s*\d{4}|\d{1,4}/\d{2,4}|\d{4}|至今|present|current|actuellement"
    for piece in re.findall(pattern, str(text), re.I):
        reading = _date(piece) or _date(re.sub(r"[^\d]", "", piece)[-4:])
        if reading is not None:
            found.append(reading)
    return found


# -- the imported profile's entries ---------------------------------------------------------


def _jobs(profile: Any) -> list[dict[str, Any]]:
    found = []
    for job in profile.experience:
        for role in job.roles or [job]:
            found.append(
                {
                    "title": role.title,
                    "organisation": job.company,
                    "start": _date(role.start or job.start),
                    "end": _date(role.end or job.end),
                    "bullets": len(role.highlights) + sum(len(g.highlights) for g in role.groups),
                    "paragraphs": len((role.description or "").split("\n\n")),
                    "location": role.location or job.location,
                }
            )
    for section in profile.sections:  # volunteering and the like: sections of their own
        for entry in section.entries:
            found.append(
                {
                    "title": entry.title,
                    "organisation": entry.organisation,
                    "start": _date(entry.start or entry.date),
                    "end": _date(entry.end or entry.date),
                    "bullets": len(entry.highlights),
                    "paragraphs": len((entry.description or "").split("\n\n")),
                    "location": entry.location,
                }
            )
    return found


def _job_fields(want: dict[str, Any], got: dict[str, Any]) -> dict[str, bool]:
    start, end = _span(want.get("start"), want.get("end"))
    bullets = want.get("bullets") or 0
    fields = {
        "title": _same(want.get("title"), got["title"]),
        "organisation": _same(
            want.get("organisation"), got["organisation"], want.get("source_organisation")
        ),
        "start": start == got["start"],
        "end": end == got["end"] or end is None and got["end"] in (None, got["start"]),
        "bullets": got["bullets"] == bullets
        or "paragraphs" not in want
        and got["bullets"] == 0
        and got["paragraphs"] == bullets,
    }
    if "location" in want:
        fields["location"] = _same(want["location"], got["location"])
    return fields


def _school_fields(want: dict[str, Any], got: Any) -> dict[str, bool]:
    joined = [f"{got.degree or ''} {sep} {got.field or ''}" for sep in ("", "in")]
    joined += [f"{j} {got.score or ''}" for j in joined]
    degree = (
        not got.degree
        if want.get("degree") is None
        else any(_words(j) == _words(want["degree"]) for j in joined)
    )
    found = _dates_in(want.get("dates") or "")
    start, end = _date(got.start), _date(got.end)
    if not found:
        dates = start is None and end is None
    elif len(found) == 1:
        dates = (start, end) in ((found[0], found[0]), (None, found[0]), (found[0], None))
    else:
        dates = (start, end) == (found[0], found[-1])
    return {
        "degree": degree,
        "institution": _same(want.get("institution"), got.institution),
        "dates": dates,
    }


def _matched(wants: list[Any], gots: list[Any], fields: Any) -> list[dict[str, bool]]:
    """Each expected entry's fields, against the imported entry that fits it best."""
    scored = sorted(
        (
            (sum(fields(want, got).values()) - abs(i - j) / 100, i, j)
            for i, want in enumerate(wants)
            for j, got in enumerate(gots)
        ),
        reverse=True,
    )
    chosen: dict[int, int] = {}
    for score, i, j in scored:
        if score >= 1 and i not in chosen and j not in chosen.values():
            chosen[i] = j
    empty = {key: False for key in fields(wants[0], gots[0])} if wants and gots else {}
    return [
        fields(want, gots[chosen[i]]) if i in chosen else dict.fromkeys(empty or ["title"], False)
        for i, want in enumerate(wants)
    ]


def _score(expected: dict[str, Any], path: Path) -> Counter[str]:
    """Matched and total counts of each field: `name` and `name/of`."""
    profile = read(path)[1].profile
    tally: Counter[str] = Counter()

    def count(field: str, ok: bool) -> None:
        tally[field] += ok
        tally[f"{field}/of"] += 1

    count("name", _same(expected.get("name"), profile.name, expected.get("source_name")))
    count("email", str(expected.get("email") or "").lower() == (profile.email or "").lower())
    digits = [re.sub(r"\D", "", str(v or "")) for v in (expected.get("phone"), profile.phone)]
    count("phone", digits[0] == digits[1])
    count("location", _same(expected.get("location"), profile.location))
    links = [re.sub(r"^https?://(www\.)?", "", str(link.url)).lower() for link in profile.links]
    for link in expected.get("links") or []:
        key = re.sub(r"^(https?://)?(www\.)?", "", re.sub(r"\s*\(.*\)$", "", link))
        key = key.strip("/@").lower()
        count("links", any(key in got for got in links))
    for fields in _matched(expected.get("experience") or [], _jobs(profile), _job_fields):
        for key, ok in fields.items():
            count(f"job.{key}", ok)
    for fields in _matched(expected.get("education") or [], profile.education, _school_fields):
        for key, ok in fields.items():
            count(f"edu.{key}", ok)
    return tally


def _corpus(source: str) -> list[tuple[dict[str, Any], Path]]:
    found = []
    for expected_path in sorted((WILD / source).glob("*.expected.yaml")):
        expected = yaml.safe_load(expected_path.read_text("utf-8"))
        found.append((expected, WILD / source / expected["file"]))
    return found


def _totals(source: str) -> Counter[str]:
    tally: Counter[str] = Counter()
    for expected, path in _corpus(source):
        tally += _score(expected, path)
    return tally


# The floors: what the importer reads of each field, over the corpus (counts, of the total).
FLOORS = {
    "pdf": {
        "name": 15, "email": 15, "phone": 15, "location": 14, "links": 22,
        "job.title": 57, "job.organisation": 56, "job.start": 59, "job.end": 59,
        "job.bullets": 59, "job.location": 37,
        "edu.degree": 32, "edu.institution": 34, "edu.dates": 39,
    },
    "docx": {
        "name": 11, "email": 11, "phone": 11, "location": 10, "links": 17,
        "job.title": 56, "job.organisation": 54, "job.start": 57, "job.end": 57,
        "job.bullets": 57, "job.location": 34,
        "edu.degree": 14, "edu.institution": 13, "edu.dates": 16,
    },
}  # fmt: skip


@pytest.mark.parametrize("source", sorted(FLOORS))
def test_real_resumes_import_field_by_field(source):
    tally = _totals(source)
    assert tally["name/of"] == len(_corpus(source))  # every file read, none refused
    below = {
        field: f"{tally[field]}/{tally[field + '/of']} < {floor}"
        for field, floor in FLOORS[source].items()
        if tally[field] < floor
    }
    assert not below, below


def test_the_corpus_is_read_whole():
    """Each wild file imports with every expected entry found, and all but a few of its
    jobs; a job the page does not hold is not made up."""
    for source in FLOORS:
        for expected, path in _corpus(source):
            tally = _score(expected, path)
            jobs = tally["job.title/of"]
            assert tally["job.start"] >= jobs - 1, path.name


# -- LinkedIn --------------------------------------------------------------------------------

LINKEDIN: dict[str, dict[str, Any]] = {
    "basic-1": {
        "name": "Sofía Núñez Herrera",
        "email": "sofia.nunez@example.com",
        "phone": "+34 600 000 123",
        "location": "Madrid, Community of Madrid, Spain",
        "links": ["sofia-nunez.example.dev"],
        "experience": [
            {"title": "Staff Platform Engineer", "organisation": "Corvalis", "start": "Feb 2025",
             "end": "present", "bullets": 3, "location": "Madrid, Community of Madrid, Spain"},
            {"title": "Senior Site Reliability Engineer", "organisation": "Corvalis",
             "start": "Mar 2022", "end": "Feb 2025", "bullets": 3},
            {"title": "Site Reliability Engineer", "organisation": "Datanube Analytics",
             "start": "2019", "end": "2022", "bullets": 0, "paragraphs": 1},
            {"title": "Systems Administrator", "organisation": "Ibérica Cloud Services",
             "start": "Jun 2016", "end": "Dec 2018", "bullets": 3, "location": "Valencia"},
            {"title": "Research Intern", "organisation": "Universidad Politécnica de Valdemoro",
             "start": "Jul 2015", "end": "Sep 2015", "bullets": 0, "location": None},
            {"title": "Meetup organiser", "organisation": "Código Abierto Madrid",
             "start": "Jan 2020", "end": "present", "bullets": 0, "paragraphs": 1},
        ],
        "education": [
            {"degree": "Máster en Sistemas Distribuidos",
             "institution": "Universidad Politécnica de Valdemoro", "dates": "Sep 2016 - Jun 2017"},
            {"degree": "Grado en Ingeniería Informática",
             "institution": "Universidad Politécnica de Valdemoro", "dates": "2011 - 2016"},
            {"degree": "Bachillerato", "institution": "IES Gregorio Marañón", "dates": None},
        ],
    },
    "basic-2.zip": {
        "name": "Łucja Wróblewska",
        "email": "lucja.wroblewska@example.pl",
        "phone": "+48 600 111 222",
        "location": "Kraków, Małopolskie, Poland",
        "links": ["lucja.example.pl"],
        "experience": [
            {"title": "Senior Data Scientist", "organisation": "Vistula Data sp. z o.o.",
             "start": "Feb 2025", "end": "present", "bullets": 3},
            {"title": "Data Scientist", "organisation": "Vistula Data sp. z o.o.",
             "start": "2021", "end": "Feb 2025", "bullets": 2, "paragraphs": 0},
            {"title": "Junior Data Analyst", "organisation": "Bank Wawelski S.A.",
             "start": "Sep 2019", "end": "2021", "bullets": 0, "paragraphs": 1},
            {"title": "Data Science Intern", "organisation": "Bank Wawelski S.A.",
             "start": "Jul 2019", "end": "Sep 2019", "bullets": 0, "location": "Warsaw"},
            {"title": "Freelance Translator (PL/EN)", "organisation": "Self-employed",
             "start": "2016", "end": "2019", "bullets": 0, "paragraphs": 1},
            {"title": "Python mentor", "organisation": "Fundacja Dzieci w Sieci",
             "start": "Oct 2022", "end": "present", "bullets": 0, "paragraphs": 1},
        ],
        "education": [
            {"degree": "Master of Science - MS, Computer Science",
             "institution": "Politechnika Małopolska", "dates": "2017 - 2019"},
            {"degree": "Bachelor of Arts - BA, English Philology",
             "institution": "Uniwersytet Wiślański", "dates": "2014 - 2017"},
        ],
    },
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(LINKEDIN))
def test_linkedin_exports_come_in_whole(name):
    """Both exports (the folder as today's exports are, the zip with line breaks in its
    fields) import every field; one-line lists (`• A. • B.`, `- a - b`) become bullets."""
    kind, loaded = read(WILD / "linkedin" / name)
    assert kind.name == "LinkedIn export"
    tally = _score(LINKEDIN[name], WILD / "linkedin" / name)
    fields = {key for key in tally if not key.endswith("/of")}
    assert {f: tally[f] for f in fields} == {f: tally[f + "/of"] for f in fields}
    jobs = loaded.profile.experience
    assert jobs[0].roles and len(jobs[0].roles) == 2  # two positions in a row at one company
    said = [note.message for note in loaded.notes]
    assert any("not read: Connections.csv" in message for message in said)


def test_linkedin_exports_of_other_years_and_odd_files(tmp_path):
    """2018's file and column names, a file with a sentence for its rows, a header alone,
    an empty last line, no final line break: each read for what it holds."""
    files = {
        "Profile.csv": "First Name,Last Name,Maiden Name,Address,Birth Date,Contact Instructions,"
        "Headline,Summary,Industry,Country,Zip Code,Geo Location,Twitter Handles,Websites,"
        "Instant Messengers\nAna,Example,,,,,Engineer,,Software,es,,Madrid,[ana_x],,\n\n",
        "Positions.csv": "Company Name,Title,Description,Location,Started On,Finished On\n"
        "Acme,Engineer,● Built a. ● Ran b.,Madrid,Jan 2018,",
        "Phone Numbers.csv": "Extension,Number,Type\n,,\n, +34 600 000 000,Mobile\n",
        "Projects.csv": "Title,Description,Url,Start Date,End Date\n"
        "Tool,A tool.,,Mar 2017,Apr 2017\n",
        "Honors.csv": "Title,Description,Issuer,Issue Date\nPrize,For it.,Org,May 2016\n",
        "Skills.csv": "Name\n",
        "LearningCoachMessages.csv": "No conversations found\n",
        "email addresses.csv": "Email Address,Confirmed,Primary,Updated On\nana@example.org,Yes,"
        'Yes,"1/8/18, 6:14 PM"',
    }
    folder = tmp_path / "Complete_LinkedInDataExport_11-04-2018"
    folder.mkdir()
    for file, text in files.items():
        (folder / file).write_text(text, "utf-8")
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file, text in files.items():
            zipped.writestr(f"export/{file}", text)
    for source in (folder, archive):
        profile = read(source)[1].profile
        assert (profile.name, profile.email, profile.phone) == (
            "Ana Example",
            "ana@example.org",
            "+34 600 000 000",
        )
        assert [h.text for h in profile.experience[0].highlights] == ["Built a.", "Ran b."]
        assert profile.experience[0].end == "present"
        assert (str(profile.projects[0].start), str(profile.projects[0].end)) == (
            "2017-03",
            "2017-04",
        )
        assert (profile.awards[0].awarder, str(profile.awards[0].date)) == ("Org", "2016-05")
        assert [str(link.url) for link in profile.links] == ["https://twitter.com/ana_x"]
        assert not profile.skills
