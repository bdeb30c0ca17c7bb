"""Files as people write them, found by a hostile pass over real resume.json and RenderCV
files: YAML's block lines, lines YAML reads as fields, a site given twice, a job's keywords.
Each reads as the person meant, and says what it took, rather than failing or dropping."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from renderer.cli import app
from tests.conftest import write_profile

runner = CliRunner()


def _text(tmp_path, path) -> tuple[str, str]:
    """The plain-text resume and what the render said."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(path), "-f", "txt", "-o", str(out)])
    assert result.exit_code == 0, result.output
    (written,) = out.rglob("*.txt")
    return written.read_text("utf-8"), result.output


def test_a_line_written_as_a_yaml_block_is_one_line(tmp_path):
    """`- >` folds a highlight and ends it with a newline; `|` keeps its breaks: both were
    'control character U+000A ... (this field is a single line)', an error the person
    never typed (22 highlights of a real RenderCV file)."""
    native = write_profile(
        tmp_path,
        "name: Dana Tester\nemail: d@example.com\nheadline: >\n  Engineer\n  of things\n"
        "experience:\n  - company: Acme\n    start: 2020\n    highlights:\n"
        "      - >\n        Cut latency\n        by 40%\n      - |\n        Kept it\n        up\n",
    )
    text, _ = _text(tmp_path, native)
    assert "Engineer of things" in text and "Cut latency by 40%" in text and "Kept it up" in text
    rendercv = write_profile(
        tmp_path,
        "cv:\n  name: Dana Tester\n  email: d@example.com\n  sections:\n    experience:\n"
        "      - company: Acme\n        position: Engineer\n        start_date: 2019-02\n"
        "        end_date: present\n        highlights:\n          - >\n"
        "            Cut latency by 40%\n            across the fleet\n",
        "dana_CV.yaml",
    )
    text, _ = _text(tmp_path / "cv", rendercv)
    assert "Cut latency by 40% across the fleet" in text


def test_a_rendercv_line_yaml_read_as_a_field_is_the_line_written(tmp_path):
    """`- Focus: reliable systems` in a summary vanished, and `- Hobbies: chess` printed as
    {'Hobbies': 'chess'}: each is the line the person wrote, said at its line."""
    path = write_profile(
        tmp_path,
        "cv:\n  name: Dana Tester\n  email: d@example.com\n  sections:\n    summary:\n"
        "      - Builds reliable things.\n      - 'Focus: reliable distributed systems'\n"
        "      - Scope: platform teams\n    interests:\n      - Hobbies: chess, climbing\n"
        "      - [sailing, running]\n",
        "dana_CV.yaml",
    )
    text, said = _text(tmp_path, path)
    for line in (
        "Focus: reliable distributed systems",
        "Scope: platform teams",
        "Hobbies: chess, climbing",
        "sailing, running",
    ):
        assert line in text, line
    assert "{" not in text and "[" not in text
    assert "dana_CV.yaml:8:9" in said and "YAML read 'Scope: platform teams' as a field" in said


def test_a_summary_item_that_is_no_text_is_an_error_not_dropped(tmp_path):
    path = write_profile(
        tmp_path,
        "cv:\n  name: Dana Tester\n  sections:\n    summary:\n      - Builds things.\n"
        "      - {a: {b: c}}\n",
        "dana_CV.yaml",
    )
    result = runner.invoke(app, ["render", str(path), "-f", "txt", "-o", str(tmp_path / "o")])
    assert result.exit_code != 0
    assert "dana_CV.yaml:6" in result.output and "lines of text or bullets" in result.output


def test_a_site_given_twice_is_shown_once(tmp_path):
    """JSON Resume's basics.url and the same address among its profiles (4 of 55 real
    files): the header said linkedin.com/in/dana twice."""
    path = tmp_path / "resume.json"
    basics = {
        "name": "Dana Tester",
        "email": "dana@example.com",
        "url": "https://www.LinkedIn.com/in/dana/",
        "profiles": [{"network": "LinkedIn", "url": "https://linkedin.com/in/dana"}],
    }
    path.write_text(json.dumps({"basics": basics}), "utf-8")
    text, _ = _text(tmp_path, path)
    assert text.lower().count("linkedin.com/in/dana") == 1
    mailed = write_profile(
        tmp_path, "name: Dana\nemail: dana@example.com\nlinks: [mailto:Dana@example.com]\n"
    )
    text, _ = _text(tmp_path / "mailed", mailed)
    assert text.lower().count("dana@example.com") == 1


def test_a_json_resume_job_keywords_are_its_technologies(tmp_path):
    path = tmp_path / "resume.json"
    work = [
        {"name": "Acme", "position": "Dev", "startDate": "2020-01", "keywords": ["Go", "Kafka"]}
    ]
    path.write_text(json.dumps({"basics": {"name": "Dana T"}, "work": work}), "utf-8")
    text, said = _text(tmp_path, path)
    assert "Technologies: Go, Kafka" in text and "keywords" not in said


def test_a_home_grown_json_shape_gets_a_few_clear_lines_not_a_screen(tmp_path):
    """A resume.json of its own shape (16 of 17 such real files) was read as a profile and
    got an error per field per job (75 lines): it is said once how the file was read, and
    a mistake made in every entry once, with how many more."""
    jobs = [
        {"company": f"Co {n}", "title": "Dev", "startDate": "2020-01", "endDate": "2021-01"}
        for n in range(12)
    ]
    path = tmp_path / "resume.json"
    path.write_text(json.dumps({"name": "Dana T", "experience": jobs}), "utf-8")
    result = runner.invoke(app, ["render", str(path), "-f", "txt", "-o", str(tmp_path / "o")])
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 3, result.output
    assert "read as a profile of this tool" in lines[0] and "startDate" in lines[0]
    assert "experience[0].startDate: unknown field 'startDate'" in lines[1]
    assert lines[1].endswith("(and in 11 more)")


CONTACTS = """\
name: Dana Tester
email: dana.tester@example.com
phone: +1 555 010 0200
location: San Francisco, CA, United States
links:
  - https://github.com/dana-tester-long
  - https://linkedin.com/in/dana-tester-long
  - {label: Portfolio, url: "https://dana-tester.example.com/portfolio"}
  - https://twitter.com/danatester
experience:
  - {company: Acme, title: Engineer, start: 2019-02, end: 2019, highlights: [Did things]}
"""


def test_links_as_addresses_and_contact_lines_broken_between_items(tmp_path):
    """A link written as its address alone was 'Input should be a valid dictionary'; seven
    contact details wrapped by the reader ended a line with 'United States ·' (10 real
    files). Each line holds whole items, with no separator at its end, in every theme and
    every reader; a year alone as the end of a job that began that year is no warning."""
    from pypdf import PdfReader

    path = write_profile(tmp_path, CONTACTS)
    out = tmp_path / "out"
    args = ["render", str(path), "-t", "all", "-f", "pdf,txt", "--check", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "before it starts" not in result.output
    for pdf in out.rglob("*.pdf"):
        text = PdfReader(pdf).pages[0].extract_text()
        header = text.split("\n")[1:4]
        assert all(not line.rstrip().endswith(("·", "|")) for line in header), (pdf, header)
        assert "twitter.com/danatester" in text
    for txt in out.rglob("*.txt"):
        lines = txt.read_text("utf-8").splitlines()[1:5]
        assert all(not line.rstrip().endswith(("·", "|")) for line in lines), lines
        assert all(len(line) <= 80 for line in lines)


def test_the_language_a_resume_is_written_in_is_guessed_only_when_clear():
    from renderer.locale.guess import guess_language

    spanish = (
        "Desarrollador de software con más de 9 años de experiencia en equipos y empresas. "
        "Apasionado de las nuevas tecnologías, ayudo a los equipos a adoptar prácticas para "
        "el desarrollo de productos con calidad y con una formación técnica para el "
        "desarrollo del software por y para las personas del equipo, como lo hacemos al "
        "trabajar con los clientes y las empresas del sector."
    )
    assert guess_language(spanish) == "es"
    english = (
        "Built the payment platform at Deutsche Bank and led the team of the Zahlungsverkehr "
        "unit in Frankfurt am Main, with services for the Bundesbank and von Stein AG."
    )
    assert guess_language(english) is None
    assert (
        guess_language("데이터라이즈에서 CTO 역할을 담당하고 있습니다. 라인 메신저의 핵심 개발자")
        == "ko"
    )
    assert (
        guess_language("在腾讯负责分布式系统的开发与运维，参与了多个大型项目的架构设计工作")
        == "zh-Hans"
    )
    assert (
        guess_language("在騰訊負責分佈式系統的開發與運維，參與了多個大型項目的架構設計工作")
        == "zh-Hant"
    )
    assert (
        guess_language("東京でバックエンドエンジニアとして勤務し、決済システムの開発を担当しました")
        == "ja"
    )
    assert guess_language("") is None


def test_a_json_resume_in_spanish_gets_spanish_headings_and_says_so(tmp_path):
    summary = (
        "Desarrollador de software con más de 9 años de experiencia. Ayudo a los equipos a "
        "adoptar prácticas para el desarrollo de productos con calidad, con una formación "
        "técnica para las personas del equipo y de las empresas del sector, como lo hacemos "
        "con los clientes."
    )
    document = {
        "basics": {"name": "Dana T", "email": "d@x.co", "summary": summary},
        "work": [{"name": "Lean Mind", "position": "Dev", "startDate": "2022-01"}],
    }
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    text, said = _text(tmp_path, path)
    assert "Experiencia" in text and "ene 2022 – actualidad" in text
    assert "written in Spanish" in said


def _imported_back(tmp_path, profile: str):
    """The profile rendered as a classic PDF, and that PDF imported as a profile."""
    from renderer.inputs import load_profile

    out = tmp_path / "out"
    args = ["render", str(write_profile(tmp_path, profile)), "-t", "classic", "-f", "pdf"]
    assert runner.invoke(app, [*args, "-o", str(out)]).exit_code == 0
    (pdf,) = out.rglob("*.pdf")
    return load_profile(pdf).profile


ROUND_TRIP = """\
name: Dana Tester
email: dana@example.com
experience:
  - company: Silo Technologies
    title: Head of Software Engineering for Cosmic Wildlife and Head of Wildlife Assistance
    start: 2023-01
    highlights: [Ran the platform team]
  - company: Eastmoor
    title: Backend Engineer (Freelance, Remote)
    start: 2023-02
    end: 2024-05
    highlights: [Built the backend]
  - company: Zenith
    title: Founder, Principal Consultant
    start: 2005-03
    end: 2014-12
    highlights: [Started a consultancy]
education:
  - {institution: Iowa State University, degree: Bachelor of Science, field: Computer Science,
     start: 2013-08, end: 2017-05}
"""


def test_our_own_pdf_imports_back_with_its_entries_whole(tmp_path):
    """A hostile pass imported the classic PDF of real files: a title that wrapped became two
    jobs, 'Founder, Principal Consultant' over 'Zenith' a job at 'Principal Consultant' and
    another at Zenith, and 'Bachelor of Science, Computer Science' over its school a degree
    at 'Computer Science' with the school a bullet."""
    back = _imported_back(tmp_path, ROUND_TRIP)
    assert [(job.title, job.company) for job in back.experience] == [
        (
            "Head of Software Engineering for Cosmic Wildlife and Head of Wildlife Assistance",
            "Silo Technologies",
        ),
        ("Backend Engineer (Freelance, Remote)", "Eastmoor"),
        ("Founder, Principal Consultant", "Zenith"),
    ]
    (school,) = back.education
    assert (school.institution, school.degree, school.field) == (
        "Iowa State University",
        "Bachelor of Science",
        "Computer Science",
    )
    assert not school.highlights


NAMELESS = """\
experience:
  - company: Glow Cobalt, Inc
    title: Principal Developer
    start: 2010-03
    end: 2014-10
    description: GBAT was bought by Evergreen Juniperhill in 2007.
    highlights: [Led the data team]
  - company: nordic longbow, llc
    title: Founder
    url: https://example.org
    start: 2002-02
    description: A consultancy for web applications.
"""


def test_a_nameless_resume_and_companies_with_legal_forms_import_back(tmp_path):
    """A resume with no header opens with its first heading ('Experience' was taken for the
    name, and no job was found); 'Glow Cobalt, Inc' is one company, a lower-case company in
    italic keeps its site, a sentence that names a year is no job."""
    back = _imported_back(tmp_path, NAMELESS)
    assert back.name is None
    assert [(job.title, job.company) for job in back.experience] == [
        ("Principal Developer", "Glow Cobalt, Inc"),
        ("Founder", "nordic longbow, llc"),
    ]
    assert back.experience[1].url == "https://example.org"


def test_the_list_of_applications_lists_the_readable_and_names_the_rest(tmp_path):
    """One application whose advert is not text stopped `resume applications` with nothing
    listed; one marked sent with no .sent folder said nothing."""
    from tests.conftest import ROOT

    profile = ROOT / "profiles" / "rui-shao.yaml"
    (tmp_path / "job.txt").write_text("SRE\n\nRequirements:\n- Kubernetes\n", "utf-8")
    (tmp_path / "job.bin").write_bytes(b"\xff\xfe\x00garbage\x81")
    for name, job, status in (("good", "job.txt", "draft"), ("bad", "job.bin", "draft")):
        (tmp_path / f"{name}.yaml").write_text(
            f"profile: {profile}\ncompany: Acme {name}\nrole: SRE\njob_file: {job}\n"
            f"status: {status}\n",
            "utf-8",
        )
    (tmp_path / "lost.yaml").write_text(
        f"profile: {profile}\ncompany: Acme lost\nrole: SRE\nstatus: sent\n", "utf-8"
    )
    result = runner.invoke(app, ["applications", str(tmp_path), "--json"])
    listed = json.loads(result.stdout)
    assert {row["company"] for row in listed} == {"Acme good", "Acme bad", "Acme lost"}
    assert result.exit_code == 1
    assert "lost.yaml: marked sent, but the files sent are not kept" in result.output


def test_one_persons_resumes_in_two_languages_are_not_written_over_each_other(tmp_path):
    """resume.en.json and resume.es.json of one person wrote the same files; the language
    a file's name gives goes into the names of what it renders."""
    summaries = {
        "en": "Software developer with nine years of experience in the design of products.",
        "es": "Desarrollador de software con más de 9 años de experiencia. Ayudo a los equipos "
        "a adoptar prácticas para el desarrollo de productos con calidad, con una formación "
        "técnica para las personas del equipo y de las empresas del sector, como lo hacemos "
        "con los clientes.",
    }
    for code, summary in summaries.items():
        basics = {"name": "Dana Tester", "email": "dana@example.com", "summary": summary}
        document = json.dumps({"basics": basics}, ensure_ascii=False)
        (tmp_path / f"resume.{code}.json").write_text(document, "utf-8")
    # an English resume whose file's name reads as a language ('it', as in IT) keeps its name
    it = {"basics": {"name": "Ann Other", "summary": summaries["en"]}}
    (tmp_path / "resume-it.json").write_text(json.dumps(it), "utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(tmp_path), "-f", "txt", "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt"))
    assert written == [
        "ann-other/ann-other-classic.txt",
        "dana-tester-es/dana-tester-es-classic.txt",
        "dana-tester/dana-tester-classic.txt",
    ]


def test_a_rendercv_date_written_as_a_link_and_numbered_entries(tmp_path):
    """`date: "[2020](https://…)"` was 'not imported: … is not a date' (a real file): the
    date is read, the link kept as the entry's; numbered entries say they lose numbers."""
    path = write_profile(
        tmp_path,
        "cv:\n  name: Dana Tester\n  email: d@x.co\n  sections:\n    experience:\n"
        "      - company: Acme\n        position: Dev\n"
        '        date: "[2020](https://example.com/2020)"\n'
        "    talks:\n      - number: First talk\n      - number: Second talk\n",
        "dana_CV.yaml",
    )
    text, said = _text(tmp_path, path)
    assert "2020" in text and "example.com/2020" in text and "not a date" not in said
    assert "First talk" in text and "numbered entries: kept in order" in said


def test_a_typed_list_mark_and_a_mailto_address_are_what_they_mean(tmp_path):
    path = write_profile(
        tmp_path,
        "name: Dana Tester\nemail: mailto:dana@example.com\nexperience:\n"
        "  - company: Acme\n    start: 2020\n    highlights:\n"
        '      - "- Built X"\n      - "• Ran Y"\n      - "**Bold** start"\n      - "-5% costs"\n',
    )
    text, _ = _text(tmp_path, path)
    assert "• Built X" in text and "• Ran Y" in text and "• - " not in text and "• • " not in text
    assert "• Bold start" in text and "• -5% costs" in text
    assert "dana@example.com" in text and "mailto:" not in text


def test_a_json_resume_date_with_no_such_month_keeps_its_year(tmp_path):
    """startDate 2019-13 was left out, and the job printed 'Jan 2020' alone: a month's job."""
    path = tmp_path / "resume.json"
    work = [{"name": "Acme", "position": "Dev", "startDate": "2019-13", "endDate": "2020-01"}]
    path.write_text(json.dumps({"basics": {"name": "Dana T"}, "work": work}), "utf-8")
    text, said = _text(tmp_path, path)
    assert "2019 – Jan 2020" in text and "'2019-13' has no such month: read as 2019" in said


def test_validate_says_what_the_default_theme_cannot_draw(tmp_path):
    """`validate` said ok to Cherokee that `render` then refused."""
    path = write_profile(tmp_path, 'name: Dana\nemail: d@x.co\nsummary: "Speaks ᏣᎳᎩ"\n')
    result = runner.invoke(app, ["validate", str(path), "--strict"])
    assert result.exit_code == 2
    assert "p.yaml:3: theme 'classic': character 'Ꮳ' (U+13E3" in result.output
    plain = write_profile(tmp_path, "name: Dana\nemail: d@x.co\nsummary: Speaks Greek, Ελληνικά\n")
    assert runner.invoke(app, ["validate", str(plain), "--strict"]).exit_code == 0
