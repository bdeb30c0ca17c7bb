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
