"""The keyword report on real adverts: what a recruiter screens for, found truthfully.

Measured on the labelled adverts of tests/data/adverts (see its README): precision is
the share of reported terms that are not labelled noise among those labelled either way;
recall is the share of labelled terms (required and preferred) that are reported.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from renderer.ats.advert import Part, read_advert
from renderer.ats.keywords import coverage
from renderer.ats.terms import AdvertTerm, advert_terms
from renderer.ats.vocabulary import vocabulary
from renderer.ats.words import phrase_key
from renderer.cli.app import app
from renderer.compose.resume import compose
from renderer.inputs import load_profile
from renderer.inputs.application import load_application
from renderer.theme.model import load_theme
from tests.conftest import ROOT

ADVERTS = ROOT / "tests" / "data" / "adverts"
LABELLED = sorted(ADVERTS.glob("*.labels.yaml"))


def _keys(label: str) -> set[tuple[str, ...]]:
    term = vocabulary().term(label)
    return {phrase_key(label), *(term.forms if term else ())}


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def same(label: set[tuple[str, ...]], term: AdvertTerm) -> bool:
    """A reported term is a label when they share a form, or one holds the other and they
    share at least half of the longer one's words ('RN license' ~ 'active RN license')."""
    if label & set(term.forms):
        return True
    for a in label:
        for b in term.forms:
            short, long_ = sorted((a, b), key=len)
            if short and _contains(long_, short) and len(short) / len(long_) >= 0.5:
                return True
    return False


def _measure(paths: list[Path]) -> tuple[int, int, int, int, int]:
    """(true, noise, reported, recalled, labelled) over the labelled adverts."""
    true = noise = reported = recalled = labelled = 0
    for path in paths:
        labels = yaml.safe_load(path.read_text("utf-8"))
        terms = advert_terms(path.with_name(path.name.replace(".labels.yaml", ".txt")).read_text())
        wanted = [_keys(t) for kind in ("required", "preferred") for t in labels[kind] or ()]
        unwanted = [_keys(t) for t in labels["noise"] or ()]
        good = [t for t in terms if any(same(k, t) for k in wanted)]
        true += len(good)
        noise += sum(1 for t in terms if t not in good and any(same(k, t) for k in unwanted))
        reported += len(terms)
        recalled += sum(1 for k in wanted if any(same(k, t) for t in terms))
        labelled += len(wanted)
    return true, noise, reported, recalled, labelled


TUNED = [p for p in LABELLED if int(p.name[:2]) <= 30]  # the report was tuned on these
HELD_OUT = [p for p in LABELLED if int(p.name[:2]) > 30]  # gathered and labelled after


@pytest.mark.parametrize(
    ("adverts", "floor_precision", "floor_recall"),
    [(TUNED, 0.85, 0.85), (HELD_OUT, 0.82, 0.76)],
    ids=["thirty-tuned", "fifteen-held-out"],
)
def test_precision_and_recall_on_real_adverts(adverts, floor_precision, floor_recall):
    """The issue asks 0.85 and 0.85; reached on the thirty adverts the report was tuned on.
    On the fifteen held out it does less well, and this says how much (see the README)."""
    assert len(adverts) >= 15
    true, noise, reported, recalled, labelled = _measure(adverts)
    precision, recall = true / (true + noise), recalled / labelled
    report = f"precision {precision:.3f}, recall {recall:.3f}, {reported} terms ({true} labelled)"
    assert precision >= floor_precision, report
    assert recall >= floor_recall, report


def test_labels_are_well_formed():
    for path in LABELLED:
        labels = yaml.safe_load(path.read_text("utf-8"))
        advert = path.with_name(path.name.replace(".labels.yaml", ".txt")).read_text().lower()
        listed = [
            t.lower() for kind in ("required", "preferred", "noise") for t in labels[kind] or ()
        ]
        assert len(listed) == len(set(listed)), f"{path.name}: a term in two lists"
        for noise in labels["noise"] or ():
            assert noise.lower().replace("’", "'") in advert.replace("’", "'"), (path.name, noise)


# --- the advert's parts ---------------------------------------------------------------------

ADVERT = """Senior Data Engineer (f/m/d) - Berlin

About us:
Acme Analytics helps 2,000 retailers. We are backed by Sequoia Capital.

What you'll do:
- Build data pipelines with Airflow and dbt
- Own data modeling for the warehouse

Requirements:
- 5+ years of Python and SQL
- Experience with Snowflake or BigQuery
- Postgres is a plus

Nice to have:
- Kafka

Benefits:
- 30 days PTO, $90,000 - $120,000 USD, health insurance, 401(k)

Acme Analytics is an equal opportunity employer. https://acme.example.com/jobs
"""


def test_an_advert_is_read_into_its_parts():
    advert = read_advert(ADVERT)
    parts = {p.text: p.part for p in advert.passages}
    assert advert.title.startswith("Senior Data Engineer")
    assert parts["Build data pipelines with Airflow and dbt"] is Part.DUTIES
    assert parts["5+ years of Python and SQL"] is Part.REQUIRED
    assert parts["Kafka"] is Part.PREFERRED
    assert not any(p.part.counts for p in advert.passages if "PTO" in p.text)
    postgres = next(p for p in advert.passages if "Postgres" in p.text)
    assert postgres.part is Part.REQUIRED and postgres.preferred  # 'a plus' in a requirement


def test_terms_come_from_the_job_and_never_from_its_boilerplate():
    terms = {t.name: t for t in advert_terms(ADVERT)}
    assert terms["Senior Data Engineer"].kind == "title"
    assert {"Airflow", "dbt", "Python", "SQL", "Snowflake", "BigQuery", "data pipelines"} <= set(
        terms
    )
    assert terms["Kafka"].required is False and terms["Postgres"].required is False
    assert terms["Python"].required is True
    lowered = {name.lower() for name in terms}
    for noise in ("acme", "acme analytics", "sequoia capital", "berlin", "pto", "usd", "401(k)"):
        assert noise not in lowered, noise
    assert not any(re.search(r"\d{2}|https?:|\$", name) for name in terms)


FLATTENED = (
    "Staff Accountant - Assurance Services JHQ Partners - Mauston, WI About Us JHQ Partners is a "
    "tax and audit firm that values creativity and the unique contributions of our people, and "
    "we always support each other in everything we do for our clients and our community. "
    "Position Overview Assist with client attest engagements, including Financial Audits and "
    "Internal Controls consulting Prepare report drafts Research and analyze financial statement "
    "issues Qualifications Bachelor's degree in Accounting CPA preferred Proficiency in Excel "
    "Benefits Dental insurance 401(k) matching Paid time off Flexible schedule and a great team"
)


def test_a_flattened_advert_is_cut_at_its_headings():
    terms = {t.name: t for t in advert_terms(FLATTENED)}
    assert "Bachelor's degree in Accounting" in terms and "Excel" in terms
    assert terms["CPA"].required is False
    assert not {"Dental insurance", "Paid time off", "Flexible schedule"} & set(terms)


def test_html_and_front_matter_adverts():
    html = (
        '+++\ntitle = "Registered Nurse"\norganization = "Wellbrook Hospital"\n+++\n'
        "<h3>Qualifications</h3><ul><li>Current BLS and ACLS</li><li>Epic charting</li></ul>"
        "<h3>Benefits</h3><p>Tuition reimbursement and a 403(b)</p>"
    )
    terms = {t.name for t in advert_terms(html)}
    assert {"Registered Nurse", "BLS", "ACLS", "Epic"} <= terms
    assert not {"Wellbrook Hospital", "Tuition reimbursement"} & terms


def test_no_cap_drops_real_terms():
    names = [f"Tool{n}X" for n in range(80)]
    terms = advert_terms("Requirements:\n- " + ", ".join(names))
    assert {t.name for t in terms} >= set(names)


# --- found, near, where --------------------------------------------------------------------


def _rui() -> tuple[str, object]:
    application = load_application(ROOT / "applications" / "rui-shao-northwind-sre.yaml")
    profile = load_profile(application.profile_path())
    a = application.application
    document = compose(profile.profile, load_theme("classic"), a.tags, a.sections.order)
    return application.job_text, document


def test_found_means_found_through_other_forms(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "name: Kim\nemail: k@x.co\nheadline: Backend engineer\n"
        "skills: [{name: Tools, keywords: [K8s, Postgres, CI-CD, Golang]}]\n"
        "experience: [{company: Acme, title: Engineer, start: 2020-01, highlights: "
        "['Ran on-call rotations and code reviews', 'Wrote unit tests']}]\n"
    )
    document = compose(load_profile(profile).profile, load_theme("classic"))
    job = "Requirements:\n- Kubernetes, PostgreSQL, CI/CD and Go\n"
    job += "- On call, code review, unit testing"
    result = {t.term.lower(): t for t in coverage(job, document).terms}
    for term in (
        "kubernetes",
        "postgresql",
        "ci/cd",
        "go",
        "on call",
        "code review",
        "unit testing",
    ):
        assert result[term].found, term


def _document_of(tmp_path, highlights: list[str]):
    profile = tmp_path / "p.yaml"
    bullets = ", ".join(json.dumps(h) for h in highlights)
    profile.write_text(
        "name: Kim\nemail: k@x.co\nheadline: Marketing Coordinator\n"
        f"experience: [{{company: Acme, title: Coordinator, start: 2020-01, "
        f"highlights: [{bullets}]}}]\n"
    )
    return compose(load_profile(profile).profile, load_theme("classic"))


def test_names_that_are_words_are_found_only_as_names(tmp_path):
    """A helper's probe: a marketing coordinator's resume 'showed' Go (go-to-market), Spring
    (the season), Excel (excellent), Swift, Scala, Express (expressions) and C (C-level):
    the resume's words were compared by stem and without case. They are read as the
    advert's are, by the same table."""
    document = _document_of(
        tmp_path,
        [
            "Led the go-to-market plan for spring campaigns; excellent writing",
            "Managed swift reporting on a scala model; unstructured expressions",
            "Wrote for a C-level audience",
        ],
    )
    job = "Backend Developer\n\nRequirements:\n- Go, Spring, Excel, Swift, Scala, Express\n- C\n"
    result = {t.term: t for t in coverage(job, document).terms}
    for name in ("Go", "Spring", "Excel", "Swift", "Scala", "Express", "C"):
        assert not result[name].found, name
    document = _document_of(
        tmp_path, ["Services in Go and C; Spring Boot; Microsoft Excel models; Express APIs"]
    )
    result = {t.term: t for t in coverage(job, document).terms}
    for name in ("Go", "Spring", "Excel", "Express", "C"):
        assert result[name].found, name


def test_other_forms_are_found_both_ways(tmp_path):
    """JS is JavaScript and Vue is Vue.js in the advert as in the resume; C#/.NET asks for
    C# and .NET, each found where the resume names it."""
    document = _document_of(tmp_path, ["Front ends in JavaScript and Vue; APIs in C# on .NET"])
    job = "Web Developer\n\nRequirements:\n- JS and Vue\n- C#/.NET\n"
    result = {t.term: t for t in coverage(job, document).terms}
    assert result["JS"].found and result["Vue"].found
    assert result["C#"].found and result[".NET"].found
    document = _document_of(tmp_path, ["Front ends in JS and Vue.js"])
    job = "Web Developer\n\nRequirements:\n- JavaScript and Vue.js\n"
    assert all(t.found for t in coverage(job, document).terms if t.kind != "title")


def test_one_letter_languages_among_names_and_verbs_that_are_names():
    terms = advert_terms(
        "Embedded Engineer\n\nRequirements:\n- C/C++ and Python\n- C and C++\n- R or SAS\n"
        "- Excel in a fast-paced team\n- Go-getter attitude\n- Database Mastery\n"
    )
    names = [t.name for t in terms]
    assert {"C", "C++", "Python", "R", "SAS"} <= set(names)
    assert "Excel" not in names and "Go" not in names
    assert not any(t.kind == "qualification" for t in terms)  # Mastery is no Master's


def test_a_saved_page_gives_its_text_not_its_code():
    page = (
        "<?php header('Content-Type: text/html; charset=UTF-8'); ?>\n<!DOCTYPE html>"
        "<html><head><title>x.php</title><meta charset='UTF-8'>"
        "<style>body{font-family:Arial}</style></head><body>"
        "<script>var skills=['Haskell','COBOL']; document.write('Fortran');</script>"
        "<h1>Data Engineer</h1><h2>Requirements</h2><ul><li>Python and SQL</li></ul>"
        "<noscript>Enable JavaScript</noscript><svg><text>Perl</text></svg></body></html>"
    )
    names = {t.name for t in advert_terms(page)}
    assert {"Data Engineer", "Python", "SQL"} <= names
    assert not names & {"Haskell", "COBOL", "Fortran", "JavaScript", "Perl", "php", "UTF-8"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4\n%binary", "it is a PDF; save the advert's text"),
        (b"PK\x03\x04word/document.xml", "it is a zip archive"),
        ("Développeur Java".encode("latin-1"), "it is not UTF-8 text; save it as UTF-8"),
        (b"Kuber\x00netes", "it holds binary data"),
    ],
)
def test_an_advert_that_is_not_text_is_refused_by_match_and_applications(tmp_path, data, message):
    advert = tmp_path / "job.txt"
    advert.write_bytes(data)
    result = CliRunner().invoke(
        app, ["match", str(ROOT / "profiles" / "rui-shao.yaml"), str(advert)]
    )
    assert result.exit_code != 0 and message in result.output
    application = tmp_path / "app.yaml"
    application.write_text(
        f"profile: {ROOT / 'profiles' / 'rui-shao.yaml'}\ncompany: Acme\nrole: SRE\n"
        "job_file: job.txt\n"
    )
    result = CliRunner().invoke(
        app, ["match", str(ROOT / "profiles" / "rui-shao.yaml"), "--for", str(application)]
    )
    assert result.exit_code != 0 and "app.yaml:4" in result.output and message in result.output


def test_an_advert_in_utf16_or_with_a_byte_order_mark_is_read(tmp_path):
    from renderer.inputs.application import read_job_file

    text = (ROOT / "tests" / "data" / "adverts" / "01-sre-kubernetes.txt").read_text("utf-8")
    for encoding in ("utf-16", "utf-8-sig"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        assert read_job_file(path) == text


def test_a_report_of_several_adverts_keeps_the_most_asked_and_says_so(tmp_path):
    document = _document_of(tmp_path, ["Built Tool1X"])
    names = ", ".join(f"Tool{n}X" for n in range(400))
    result = coverage(f"Engineer\n\nRequirements:\n- {names}\n", document)
    assert len(result.terms) == 300 and result.left_out == 101  # the title is one of them
    assert "101 more terms left out" in result.summary()


def test_an_advert_in_another_language_gives_the_names_it_asks_for():
    """German, French and Spanish read by English grammar gave 'die Zukunft unserer', 'Tage
    Urlaub' and 'te encargarás de' as required terms; a board's '### ALTEN' under the title
    is the employer; 'Deseables' makes what follows preferred; 熟悉Java holds Java."""
    german = (
        "# Java Entwickler (all gender)\n### ALTEN\n\n### Deine Aufgaben\n"
        "* setzt Softwareanwendungen unter Verwendung von Java EE und Spring Boot um\n"
        "* wendest moderne Entwicklungsmethoden wie TDD und Continous Integration (Jenkins) an\n"
        "* Kenntnisse: Hibernate, Eclipse, Docker, SOAP\n"
        "### Was wir bieten\n* 30 Tage Urlaub, EGYM Wellpass und viele Events\n"
        "Wir freuen uns über Bewerbungen unabhängig von Geschlecht und Herkunft.\n"
    )
    names = [t.name for t in advert_terms(german)]
    assert names == [
        "Java Entwickler",
        "Java",
        "Java EE",
        "Spring Boot",
        "TDD",
        "Jenkins",
        "Hibernate",
        "Eclipse",
        "Docker",
        "SOAP",
    ]
    spanish = (
        "# Fullstack Developer\n\n### Requisitos\n* Conocimientos avanzados de JavaScript y "
        "de bases de datos SQL\n\n**Deseables:**\n* Docker y Kubernetes\n"
    )
    terms = {t.name: t.required for t in advert_terms(spanish)}
    assert terms == {
        "Fullstack Developer": True,
        "JavaScript": True,
        "SQL": True,
        "Docker": False,
        "Kubernetes": False,
    }
    chinese = (
        "<h1>Java架构师</h1><h2>任职要求</h2>"
        "<ul><li>熟悉主流RDBMS和NoSQL数据库，精通Spring</li>"
        "<li>熟悉主流应用服务器：Tomcat、JBoss、Nginx</li></ul>"
    )
    chinese_names = {t.name for t in advert_terms(chinese)}
    assert {"Java", "NoSQL", "Spring", "Tomcat", "JBoss"} <= chinese_names
    assert all(n.isascii() or n == "Java架构师" for n in chinese_names), chinese_names


def test_the_law_and_scam_warnings_give_no_terms_wherever_they_stand():
    advert = (
        "Clinical Lead\n\nRequirements:\n- Risk adjustment coding\n\nNice to have:\n"
        "- HIPAA\nBeware of job scam fraudsters! We never ask for a bank account or social "
        "security numbers. Report it to law enforcement.\n\n"
        "Application Terms & Conditions:\nEmployment is at-will; a background check and "
        "disclosure form are required before any employment relationship.\n"
    )
    names = {t.name.lower() for t in advert_terms(advert)}
    assert {"risk adjustment coding", "hipaa"} <= names
    for noise in ("bank account", "law enforcement", "disclosure form", "social security"):
        assert not any(noise in name for name in names), noise


def test_a_place_is_no_product_and_a_rank_is_no_degree():
    """O*NET names a simulator 'FLorida': an advert for a job in Florida asked for it; the
    'Associate' of 'Partner Development Associate, Florida' is a rank, not a degree; 'the
    greater Tampa area' is a place."""
    advert = (
        "Partner Development Associate, Florida\n\nRequirements:\n"
        "- Candidates in the greater Tampa area\n- Associate degree in Accounting\n- CPA\n"
    )
    names = [t.name for t in advert_terms(advert)]
    assert names[0] == "Partner Development Associate"
    assert "Associate degree in Accounting" in names and "CPA" in names
    assert not any(n.lower() in ("florida", "associate", "greater tampa") for n in names)


def test_near_misses_quote_the_resumes_own_words():
    job, document = _rui()
    result = {t.term: t for t in coverage(job, document).terms}
    assert result["canary releases"].near[0].words == "canary, blue-green"
    assert "incident recovery" in result["incident response"].near[0].words
    assert result["traffic management"].near[0].words.startswith("traffic")
    assert "Experience" in result["canary releases"].near[0].where
    for near in ("canary releases", "incident response", "traffic management"):
        assert not result[near].found
        assert result[near].suggest.startswith(f"say '{near}' where the resume says")
    assert result["Kubernetes"].found and "Skills" in result["Kubernetes"].where
    assert result["Terraform"].suggest == "skills, if you have it"


def test_match_json_is_stable_and_complete():
    runner = CliRunner()
    args = ["match", str(ROOT / "profiles" / "rui-shao.yaml")]
    args += ["--for", str(ROOT / "applications" / "rui-shao-northwind-sre.yaml"), "--json"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    data = json.loads(first.output)
    assert set(data) == {"terms", "coverage"}
    assert set(data["coverage"]) == {"required", "preferred"}
    for term in data["terms"]:
        assert {"term", "found", "near", "where", "required"} <= set(term)
    required = [t["required"] for t in data["terms"]]
    assert required == sorted(required, reverse=True)  # required terms first
    assert runner.invoke(app, args).output == first.output


def test_same_report_from_many_threads():
    job, document = _rui()
    first = coverage(job, document).to_json()
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: coverage(job, document).to_json(), range(16)))
    assert all(r == first for r in results)


@pytest.mark.parametrize("advert", sorted(ADVERTS.glob("*.txt")), ids=lambda p: p.stem)
def test_every_real_advert_reads_without_error(advert: Path):
    terms = advert_terms(advert.read_text("utf-8"))
    assert terms and len({tuple(t.forms[0]) for t in terms}) == len(terms)
