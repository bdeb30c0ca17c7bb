"""JSON Resume in and out: exports valid against its schema, the four people round-trip, and
files written by other tools render, with every field they carry either imported or named."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from renderer.cli import app
from renderer.compose.resume import compose
from renderer.errors import InputError, format_path
from renderer.inputs import load_profile
from renderer.inputs.jsonresume import differences, export_resume, import_resume
from renderer.jobs.render import Job, run
from renderer.profile.model import Profile
from renderer.theme.model import load_theme
from tests.conftest import PEOPLE, ROOT, THEMES

DATA = ROOT / "tests" / "data" / "jsonresume"
SCHEMA = json.loads((DATA / "schema.json").read_text("utf-8"))
runner = CliRunner()

# What JSON Resume's own fields cannot give back (export --plain, then import), person by
# person; docs/json-resume.md lists the same classes.
LOST_WITHOUT_COPY = {
    "amazon-bedrock-engineer": ["experience[0].groups", "experience[0].highlights"],
    "ao-wang": [],
    "kaiyang": [
        "experience[0].kind",
        "experience[1].kind",
        "experience[2].kind",
        "experience[3].kind",
        "experience[4].kind",
        "experience[4].tags",
        "experience[5].kind",
        "experience[5].tags",
    ],
    "rui-shao": [],
}


def profile_of(person: str) -> Profile:
    return load_profile(ROOT / "profiles" / f"{person}.yaml").profile


def schema_errors(document: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def write_json(tmp_path: Path, document: dict, name: str = "resume.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("embed", [True, False])
def test_export_is_valid_json_resume(person, embed):
    document = export_resume(profile_of(person), embed=embed)
    assert schema_errors(document) == []
    assert document["basics"]["label"]  # every person has a headline; one has no name
    assert ("meta" in document) is embed


@pytest.mark.parametrize("person", PEOPLE)
def test_export_then_import_gives_the_same_profile(person, tmp_path):
    path = write_json(tmp_path, export_resume(profile_of(person)))
    loaded = load_profile(path)
    assert loaded.profile == profile_of(person)
    assert loaded.notes == ()


@pytest.mark.parametrize("person", PEOPLE)
def test_json_resume_fields_alone_lose_only_the_documented(person):
    before = profile_of(person)
    after = Profile.model_validate(import_resume(export_resume(before, embed=False)).data)
    lost = [line.split(":", 1)[0] for line in differences(before, after)]
    assert lost == LOST_WITHOUT_COPY[person]


def test_groups_and_roles_are_written_for_json_resume_themes():
    document = export_resume(profile_of("amazon-bedrock-engineer"), embed=False)
    job = document["work"][0]
    assert all(": " in h for h in job["highlights"][:-1])  # "Heading: bullet"
    assert job["highlights"][-1].startswith("Technologies: ")
    profile = Profile.model_validate(
        {
            "name": "A B",
            "experience": [
                {
                    "company": "Acme",
                    "location": "Paris, France",
                    "roles": [
                        {"title": "Lead", "start": "2022-01", "end": "present"},
                        {"title": "Engineer", "start": 2019, "end": "2021-12"},
                    ],
                }
            ],
        }
    )
    work = export_resume(profile, embed=False)["work"]
    assert [w["position"] for w in work] == ["Lead", "Engineer"]
    assert {w["name"] for w in work} == {"Acme"} and "endDate" not in work[0]
    back = Profile.model_validate(import_resume(export_resume(profile, embed=False)).data)
    assert back == profile  # consecutive items of one organisation are its roles again


def test_an_edited_export_is_imported_from_its_json_resume_fields(tmp_path):
    document = export_resume(profile_of("kaiyang"))
    document["work"][0]["position"] = "Staff Software Engineer"
    loaded = load_profile(write_json(tmp_path, document))
    assert loaded.profile.experience[0].title == "Staff Software Engineer"
    assert loaded.profile.experience[0].kind is None  # the copy was set aside…
    assert any("edited after export" in n.message for n in loaded.notes)  # …and it says so


def test_third_party_file_imports_every_field_or_names_it():
    loaded = load_profile(DATA / "third-party.json")
    profile = loaded.profile
    assert profile.name == "Zoë Ødegård-Nakamura"
    assert profile.location == "Oslo, Norway"
    assert [link.url for link in profile.links] == [
        "https://zoe.example.org",
        "https://github.com/zoe-on",
        "https://www.linkedin.com/zoenakamura",  # the site's home page + the username
    ]
    vipps, mercari = profile.experience
    assert [r.title for r in vipps.roles] == ["Staff Engineer", "Senior Engineer"]
    assert vipps.roles[0].end == "present"  # no endDate: current, as JSON Resume means it
    assert str(vipps.roles[0].start) == "2022-03"
    assert mercari.company == "株式会社メルカリ (Mercari)" and mercari.location == "Tokyo, Japan"
    assert [g.name for g in profile.skills] == ["Infrastructure", "Skills"]
    assert profile.skills[1].keywords == ["Go", "Kotlin"]
    assert profile.projects[0].role == "Maintainer"
    assert [s.key for s in profile.sections] == ["interests"]
    noted = {(str(n.path[0]), n.path[-1], n.line) for n in loaded.notes if n.path and n.line}
    assert noted == {
        ("basics", "x-pronouns", 16),
        ("basics", "url", 8),
        ("basics", 1, 13),  # the Mastodon profile has no url
        ("work", "teamSize", 41),
        ("skills", "level", 48),
        ("projects", "type", 58),
    }


@pytest.mark.parametrize("name", ["third-party.json", "sample.resume.json"])
def test_json_resume_files_render_in_every_theme_and_format(name, tmp_path):
    result = run(
        Job(
            DATA / name,
            tuple(THEMES),
            ("pdf", "docx", "html", "txt", "md"),
            tmp_path,
            run_check=True,
        )
    )
    assert result.errors == []
    assert len(result.written) == len(THEMES) * 5
    failed = [(w.path.name, w.report.problems) for w in result.written if not w.report.ok]
    assert failed == []
    assert any("not imported" in w.message for w in result.warnings)


def test_sample_keeps_its_sections(tmp_path):
    profile = load_profile(DATA / "sample.resume.json").profile
    assert [s.key for s in profile.sections] == ["volunteer", "interests", "references"]
    assert profile.location == "San Francisco, California, US"
    assert profile.education[0].highlights[0].text == "DB1101 - Basic SQL"  # its courses
    assert profile.publications[0].title == "Video compression for 3d media"


@pytest.mark.parametrize(
    ("change", "where", "says"),
    [
        (lambda d: d["basics"].update(name=["A", "B"]), ("basics", "name"), "valid string"),
        (lambda d: d["work"].append(True), ("work", 1), "mapping"),
        (lambda d: d.update(basics="Ann"), ("basics",), "mapping"),
        (lambda d: d["work"][0].update(highlights="one line"), ("work", 0, "highlights"), "list"),
        (lambda d: d["work"][0].update(name={"a": 1}), ("work", 0, "name"), "valid string"),
    ],
)
def test_bad_json_resume_names_its_field_and_line(change, where, says, tmp_path):
    document = {"basics": {"name": "A B", "email": "a@b.org"}, "work": [{"name": "X"}]}
    change(document)
    path = write_json(tmp_path, document)
    with pytest.raises(InputError) as raised:
        load_profile(path)
    problem = raised.value.problems[0]
    assert problem.path == where and says in problem.message
    assert problem.file == str(path) and problem.line is not None


def test_cli_import_writes_a_profile_that_reads_back_the_same(tmp_path):
    out = tmp_path / "me.yaml"
    result = runner.invoke(app, ["import", str(DATA / "third-party.json"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "not imported" in result.output  # the notes, as warnings
    text = out.read_text("utf-8")
    assert (
        "#   not imported: JSON Resume defines no 'teamSize' here (work[2].teamSize, line 41)"
        in text
    )
    assert yaml.safe_load(text)["name"] == "Zoë Ødegård-Nakamura"
    assert load_profile(out).profile == load_profile(DATA / "third-party.json").profile
    again = runner.invoke(app, ["import", str(DATA / "third-party.json"), "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output


def test_cli_import_refuses_a_profile(tmp_path):
    result = runner.invoke(app, ["import", str(ROOT / "profiles" / "rui-shao.yaml")])
    assert result.exit_code == 2 and "is a profile already" in result.output


def test_cli_export_round_trips(tmp_path):
    out = tmp_path / "resume.json"
    person = ROOT / "profiles" / "kaiyang.yaml"
    result = runner.invoke(app, ["export", str(person), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "experience[0].kind" in result.output  # what only the copy under meta carries
    assert schema_errors(json.loads(out.read_text("utf-8"))) == []
    back = tmp_path / "back.yaml"
    assert runner.invoke(app, ["import", str(out), "-o", str(back)]).exit_code == 0
    assert load_profile(back).profile == load_profile(person).profile
    plain = runner.invoke(app, ["export", str(person), "--plain"])
    assert plain.exit_code == 0 and "lost (--plain)" in plain.output


def load_json(tmp_path: Path, document: dict, **dump: object):
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(document, **dump), encoding="utf-8")  # type: ignore[arg-type]
    return load_profile(path)


def test_earlier_json_resume_names_are_read(tmp_path):
    """JSON Resume before v1 wrote company, website and gpa; older tools still do."""
    loaded = load_json(
        tmp_path,
        {
            "basics": {"name": "A B", "website": "https://a.example"},
            "work": [{"company": "Acme", "website": "https://acme.example", "position": "Dev"}],
            "education": [{"institution": "Uni", "gpa": "3.9"}],
        },
        indent=1,
    )
    profile = loaded.profile
    assert profile.experience[0].company == "Acme" and profile.experience[0].url
    assert profile.education[0].score == "3.9" and profile.links[0].url == "https://a.example"
    assert loaded.notes == ()
    with pytest.raises(InputError) as raised:
        load_json(tmp_path, {"work": [{"company": ["Acme"]}]}, indent=1)
    assert raised.value.problems[0].path == ("work", 0, "company")  # as the file says it


def test_text_is_tidied_not_refused(tmp_path):
    """Windows line ends, and line breaks inside one-line fields and lists, as other tools
    write them: kept as paragraphs where the profile has paragraphs, joined elsewhere."""
    profile = load_json(
        tmp_path,
        {
            "basics": {"name": "A\nB", "summary": "One.\r\n\r\nTwo."},
            "work": [
                {
                    "name": "Acme",
                    "position": "Lead",
                    "highlights": ["Cut\ncosts", "Technologies: "],
                },
                {"name": "Acme", "position": "Dev", "description": "Pay-\nments", "url": "acme.io"},
            ],
            "projects": [{"name": "p", "keywords": ["Go\nlang"]}],
            "references": [{"reference": "Great\r\nengineer."}],
        },
    ).profile
    assert profile.name == "A B" and profile.summary == "One.\n\nTwo."
    acme = profile.experience[0]
    assert acme.roles[0].highlights[0].text == "Cut costs" and not acme.roles[0].technologies
    assert acme.team == "Pay- ments" and acme.url == "https://acme.io"
    assert profile.projects[0].keywords == ["Go lang"]
    assert profile.sections[0].items[0].text == "Great engineer."  # a reference with no name


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ({"basics": {"location": {"city": {"x": 1}}}}, ("basics", "location", "city")),
        ({"interests": [{"name": "Ski", "keywords": [{"b": 2}]}]}, ("interests", 0, "keywords", 0)),
        ({"projects": [{"roles": [{"x": 1}], "startDate": "2020"}]}, ("projects", 0, "roles", 0)),
    ],
)
def test_a_structure_where_text_belongs_is_an_error_not_garbage(document, where, tmp_path):
    with pytest.raises(InputError) as raised:
        load_json(tmp_path, document, indent=1)
    (problem,) = raised.value.problems
    assert problem.path == where and "text, not a mapping" in problem.message


def test_json_escapes_of_characters_beyond_the_first_plane(tmp_path):
    """Python's json.dumps writes an emoji as two escapes (ensure_ascii); half of one is an
    error at its line. A JSON error is told in JSON's terms, never YAML's."""
    loaded = load_json(tmp_path, {"basics": {"name": "Zoë 😀 𝔸"}}, ensure_ascii=True)
    assert loaded.profile.name == "Zoë 😀 𝔸"
    path = tmp_path / "half.json"
    path.write_text('{"basics": {"name": "Zoe"},\n "work": [{"name": "X \\ud800"}]}', "utf-8")
    with pytest.raises(InputError) as raised:
        load_profile(path)
    problem = raised.value.problems[0]
    assert problem.line == 2 and "half of a character" in problem.message
    with pytest.raises(InputError) as raised:
        load_json(tmp_path, {"basics": {"name": {"first": "Zoe"}}}, indent=1)
    assert "YAML" not in str(raised.value) and "valid string" in str(raised.value)


def test_export_writes_rfc_3986_uris(tmp_path):
    profile = Profile.model_validate(
        {"name": "A B", "links": [{"url": "https://exämple.com/ü"}, {"url": "https://x.org/a|b"}]}
    )
    document = export_resume(profile)
    urls = [document["basics"]["url"], document["basics"]["profiles"][0]["url"]]
    assert urls == ["https://xn--exmple-cua.com/%C3%BC", "https://x.org/a%7Cb"]
    assert load_profile(write_json(tmp_path, document)).profile == profile  # the copy is exact


def test_import_comments_cannot_write_fields(tmp_path):
    """A key or a file name with a line break would end its comment line and start a line of
    YAML (`headline: INJECTED`): every comment stays one line."""
    source = tmp_path / "a\nheadline: FROM NAME.json"
    source.write_text(
        json.dumps({"basics": {"name": "Ann", "x\nheadline: INJECTED\u2028name: X": 1}}), "utf-8"
    )
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    profile = load_profile(out).profile
    assert profile.headline is None and profile.name == "Ann"
    assert all(
        line.startswith("#") for line in out.read_text("utf-8").split("name: Ann")[0].splitlines()
    )
    assert "basics['x\\nheadline: INJECTED" in result.output  # the key shown quoted, one line


def test_empty_items_are_left_out_and_said(tmp_path):
    loaded = load_json(
        tmp_path,
        {
            "basics": {"name": "A B"},
            "work": [{"name": "X", "highlights": ["", "Led", " "]}],
            "skills": [{"name": "Go", "keywords": [""]}, {"name": "Web", "keywords": ["", "CSS"]}],
        },
        indent=1,
    )
    assert [h.text for h in loaded.profile.experience[0].highlights] == ["Led"]
    assert [(g.name, g.keywords) for g in loaded.profile.skills] == [
        ("Web", ["CSS"]),
        ("Skills", ["Go"]),
    ]
    left_out = sorted(format_path(n.path) for n in loaded.notes if "empty item" in n.message)
    assert left_out == ["skills[1].keywords[0]", "work[0].highlights[0]", "work[0].highlights[2]"]


def test_a_broken_copy_says_why_and_what_is_lost(tmp_path):
    document = export_resume(profile_of("kaiyang"))
    document["meta"]["x-resume-renderer"]["profile"]["experience"][0]["kind"] = "sometimes"
    loaded = load_profile(write_json(tmp_path, document))
    (note,) = loaded.notes
    assert "experience[0].kind" in note.message and "employment kinds, tags" in note.message
    assert loaded.profile.experience[0].kind is None


def test_api_errors_for_a_json_resume_dict_name_its_fields():
    import resume_renderer

    with pytest.raises(InputError) as raised:
        resume_renderer.load({"basics": {"url": 5}, "work": [{"name": ["X"], "position": "Y"}]})
    assert [format_path(p.path) for p in raised.value.problems] == ["basics.url", "work[0].name"]


def test_a_username_the_url_does_not_hold_is_said(tmp_path):
    loaded = load_json(
        tmp_path,
        {
            "basics": {
                "profiles": [
                    {"network": "GitHub", "username": "bob", "url": "https://github.com/ann"}
                ]
            }
        },
        indent=1,
    )
    assert loaded.profile.links[0].url == "https://github.com/ann"
    assert [format_path(n.path) for n in loaded.notes] == ["basics.profiles[0].username"]


def test_json_literals_get_no_yaml_advice(tmp_path):
    with pytest.raises(InputError) as raised:
        load_json(tmp_path, {"basics": {"name": True, "phone": True}}, indent=1)
    text = str(raised.value)
    assert "YAML" not in text and "true is not a phone number" in text


def _loaded(tmp_path: Path, document: dict):
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    return load_profile(path)


def test_html_from_other_tools_becomes_markup_and_bullets(tmp_path):
    loaded = _loaded(
        tmp_path,
        {
            "basics": {
                "name": "Ann <b>Lee</b>",
                "label": "Engineer &amp; Lead",
                "summary": "<p>I build <strong>payments</strong>.</p>"
                "<ul><li>Led 5 teams</li><li>Cut cost<br>by half</li></ul>",
            },
            "work": [
                {
                    "name": "Acme <span>Inc</span>",
                    "position": "Dev",
                    "summary": "Worked on things.\n- Built A\n* Built <a href='https://x.org'>B</a>",
                    "highlights": ["Shipped C &amp; D, 5*3 times"],
                }
            ],
        },
    )
    profile = loaded.profile
    assert (profile.name, profile.headline) == ("Ann Lee", "Engineer & Lead")
    assert profile.summary == "I build **payments**."
    assert [h.text for h in profile.highlights] == ["Led 5 teams", "Cut cost by half"]
    job = profile.experience[0]
    assert job.company == "Acme Inc" and job.description == "Worked on things."
    assert [h.text for h in job.highlights] == [
        "Built A",
        "Built [B](https://x.org)",
        "Shipped C & D, 5\\*3 times",  # a literal star, escaped: it prints as written
    ]
    said = [n.message for n in loaded.notes]
    assert "HTML left out: <span> (its text kept)" in said


def test_sections_json_resume_lacks_are_kept_with_their_headings(tmp_path):
    loaded = _loaded(
        tmp_path,
        {
            "basics": {"name": "Ann"},
            "education": [{"institution": "Uni", "studyType": "BSc", "score": "98"}],
            "internships": [
                {
                    "company": "Acme",
                    "position": "Intern",
                    "startDate": "06/2012",
                    "endDate": "2012-09",
                }
            ],
            "thesis": {"title": "On Things", "supervisor": "Prof X", "year": 2014},
            "hobbies": ["chess", "running"],
            "certifications": [{"name": "CKA", "issuer": "CNCF"}],
        },
    )
    profile = loaded.profile
    headings = [(s.heading, s.key) for s in profile.sections]
    assert headings == [
        ("Internships", "internships"),
        ("Thesis", "thesis"),
        ("Hobbies", "hobbies"),
    ]
    internship = profile.sections[0].entries[0]
    assert (internship.title, internship.organisation, str(internship.start)) == (
        "Intern",
        "Acme",
        "2012-06",
    )
    assert [h.text for h in profile.sections[1].entries[0].highlights] == ["Supervisor: Prof X"]
    assert profile.certifications[0].name == "CKA"
    lines = "\n".join(compose(profile, load_theme("classic")).lines())
    assert "Score: 98" in lines and "Supervisor: Prof X" in lines and "Hobbies" in lines


def test_a_single_item_where_a_list_belongs_is_read_as_one(tmp_path):
    loaded = _loaded(
        tmp_path,
        {"basics": {"name": "Ann"}, "education": {"institution": "Uni", "studyType": "BSc"}},
    )
    assert loaded.profile.education[0].institution == "Uni"
    assert any("read as one item" in n.message and n.path == ("education",) for n in loaded.notes)


def test_an_address_that_is_none_is_left_out_with_a_note_not_refused(tmp_path):
    loaded = _loaded(
        tmp_path,
        {"basics": {"name": "Ann", "email": "ann {at} example {dot} org", "phone": "ask me"}},
    )
    assert loaded.profile.email == "ann@example.org" and loaded.profile.phone is None
    again = _loaded(tmp_path, {"basics": {"name": "Ann", "email": "[403 Forbidden]"}})
    assert again.profile.email is None
    assert any("is not an e-mail address" in n.message for n in again.notes)
