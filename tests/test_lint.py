"""Warnings that do not block rendering: each one fires when it should, and only then."""

from __future__ import annotations

from typer.testing import CliRunner

from renderer.cli import app
from renderer.errors import format_path
from renderer.inputs import load_profile
from renderer.profile.advice import lint, repair_mojibake
from tests.conftest import write_profile


def _messages(tmp_path, text):
    return [str(w) for w in lint(load_profile(write_profile(tmp_path, text)))]


def test_mojibake_is_recognised_and_the_repair_suggested(tmp_path):
    line = "a 95%+ positive feedback rate from Googleâ€™s developer community"  # seed 001
    assert (
        repair_mojibake(line) == "a 95%+ positive feedback rate from Google’s developer community"
    )
    assert repair_mojibake("Databricks | 02/2025 - ðŸš€") == "Databricks | 02/2025 - 🚀"
    assert repair_mojibake("Google’s café") is None
    messages = _messages(tmp_path, "name: Ann\nemail: a@b.co\nsummary: Googleâ€™s team\n")
    (message,) = messages
    assert message.endswith(
        "p.yaml:3:10 summary: text looks mis-decoded (mojibake); did you mean 'Google’s team'?"
    )


def test_end_before_start(tmp_path):
    text = "name: Ann\nemail: a@b.co\nexperience: [{company: X, start: 2024-05, end: 2023}]\n"
    (message,) = _messages(tmp_path, text)
    assert "experience[0].end: ends (2023) before it starts (2024-05)" in message


def test_no_name_and_no_contact(tmp_path):
    messages = _messages(tmp_path, "headline: Engineer\n")
    assert any("no name" in m for m in messages)
    assert any("no e-mail or phone" in m for m in messages)
    assert _messages(tmp_path, "name: Ann\nphone: '+44 20 7946 0000'\n") == []


def test_layout_warnings_long_bullet_and_too_many_pages(tmp_path):
    bullet = "word " * 140
    jobs = "".join(
        f"  - company: C{n}\n    highlights: ['{bullet}', '{bullet}', '{bullet}']\n"
        for n in range(6)
    )
    path = write_profile(tmp_path, f"name: Ann\nemail: a@b.co\nexperience:\n{jobs}")
    result = CliRunner().invoke(
        app, ["render", str(path), "-t", "compact", "-f", "pdf", "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 0
    assert "experience[0].highlights[0]: bullet runs to about" in result.output
    assert "pages; theme 'compact' aims at 1 at most" in result.output
    pdf = tmp_path / "o" / "ann" / "ann-compact.pdf"
    checked = CliRunner().invoke(
        app, ["check", str(pdf), "--profile", str(path), "--theme", "compact"]
    )
    assert checked.exit_code == 0, checked.output  # warnings, not failures
    assert "bullet runs to about" in checked.output and "aims at 1 at most" in checked.output


def test_examples_left_from_resume_new_are_pointed_out(tmp_path):
    from renderer.profile.advice import lint
    from renderer.profile.schema import scaffold

    path = write_profile(tmp_path, scaffold().replace("Company name", "Volvo Cars"))
    warned = {format_path(p.path) for p in lint(load_profile(path)) if "example of" in p.message}
    assert {"name", "email", "experience[0].title", "education[0].institution"} <= warned
    assert "experience[0].company" not in warned  # filled in
    assert "skills[0].name" not in warned  # "Languages" may well be meant
