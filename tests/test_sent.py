"""Applications that remember: where each stands, and the exact files that were sent."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from renderer.cli.app import app
from renderer.inputs.application import load_application
from renderer.jobs.sent import NotSent, freeze, mark_sent, read_sent
from tests.conftest import ROOT

runner = CliRunner()
RUI = "rui-shao-northwind-sre"


@pytest.fixture
def desk(tmp_path, monkeypatch) -> Path:
    """A copy of the example applications and profiles, worked on from its own folder."""
    shutil.copytree(ROOT / "applications", tmp_path / "applications")
    shutil.copytree(ROOT / "profiles", tmp_path / "profiles")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_example_application_is_listed(desk):
    result = runner.invoke(app, ["applications", "--json"])
    assert result.exit_code == 0, result.output
    rows = {Path(r["application"]).stem: r for r in json.loads(result.output)}
    assert len(rows) == 4
    assert rows[RUI]["company"] == "Northwind Cloud" and rows[RUI]["status"] == "draft"
    table = runner.invoke(app, ["applications"], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "Harbor Exchange" in table.output and "draft" in table.output


def test_sent_keeps_the_exact_files_and_never_renders_them_again(desk):
    application = Path("applications") / f"{RUI}.yaml"
    early = runner.invoke(app, ["sent", str(application)])
    assert early.exit_code == 1 and "render it first" in early.output

    assert runner.invoke(app, ["render", "--for", str(application), "-q"]).exit_code == 0
    rendered = Path("output/rui-shao") / RUI
    sent = runner.invoke(app, ["sent", str(application), "--on", "2026-11-23"])
    assert sent.exit_code == 0, sent.output
    folder = Path("applications") / f"{RUI}.sent"
    manifest = json.loads((folder / "sent.json").read_text())
    assert manifest["sent"] == "2026-11-23" and manifest["company"] == "Northwind Cloud"
    names = {f["name"] for f in manifest["files"]}
    assert names == {"Rui-Shao-Resume.pdf", "Rui-Shao-Resume.docx",
                     "Rui-Shao-Cover-Letter.pdf", "Rui-Shao-Cover-Letter.docx"}  # fmt: skip
    for file in manifest["files"]:
        assert file["sha256"] == _sha(folder / file["name"]) == _sha(rendered / file["name"])
        assert file["sha256"] in sent.output

    # the application now says so, its comments kept; it still loads
    text = application.read_text()
    assert "status: sent\nsent: 2026-11-23\n" in text and text.startswith("# yaml-language-server")
    loaded = load_application(application).application
    assert loaded.status == "sent" and loaded.sent == dt.date(2026, 11, 23)

    again = runner.invoke(app, ["sent", str(application)])
    assert again.exit_code == 1 and "was sent on 2026-11-23" in again.output

    # the profile changes; rendering again goes elsewhere and says so; what was sent stays
    before = {f["name"]: f["sha256"] for f in manifest["files"]}
    profile = Path("profiles/rui-shao.yaml")
    profile.write_text(profile.read_text().replace("Rui Shao", "Rui Q. Shao", 1))
    rerun = runner.invoke(app, ["render", "--for", str(application)])
    assert rerun.exit_code == 0 and "was sent on 2026-11-23" in rerun.output
    folders = sorted(p.name for p in Path("output").glob(f"*/{RUI}*"))
    assert folders == [RUI, f"{RUI}-after-sent"]
    assert {name: _sha(folder / name) for name in before} == before
    assert read_sent(application).changed() == []

    listed = json.loads(runner.invoke(app, ["applications", "--json"]).output)
    row = next(r for r in listed if RUI in r["application"])
    assert row["status"] == "sent" and row["sent"] == "2026-11-23" and len(row["files"]) == 4

    (folder / "Rui-Shao-Resume.pdf").write_bytes(b"%PDF-1.7 edited")
    listed = json.loads(runner.invoke(app, ["applications", "--json"]).output)
    row = next(r for r in listed if RUI in r["application"])
    assert row["changed"] == ["Rui-Shao-Resume.pdf changed since it was sent"]


def test_two_runs_at_once_keep_one_set_of_files(tmp_path):
    application = tmp_path / "acme.yaml"
    application.write_text("profile: p.yaml\ncompany: Acme\nrole: Engineer\n")
    rendered = tmp_path / "out"
    rendered.mkdir()
    (rendered / "Kim-Resume.pdf").write_bytes(b"%PDF-1.7 the one sent")
    outcomes: list[str] = []
    start = threading.Barrier(6)

    def send(day: int) -> None:
        start.wait()
        try:
            freeze(application, rendered, dt.date(2026, 11, day), {"company": "Acme"})
            outcomes.append("sent")
        except NotSent as error:
            outcomes.append(str(error))

    threads = [threading.Thread(target=send, args=(day,)) for day in range(1, 7)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("sent") == 1, outcomes
    assert all("was sent" in o for o in outcomes if o != "sent")
    kept = read_sent(application)
    assert kept is not None and kept.changed() == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.sent", "acme.yaml", "out"]
    assert f"sent: {kept.day}" in application.read_text()


def test_a_json_application_is_marked_sent(tmp_path):
    application = tmp_path / "a.json"
    application.write_text(json.dumps({"profile": "p.yaml", "company": "Acme", "role": "Dev"}))
    mark_sent(application, dt.date(2026, 12, 1))
    data = json.loads(application.read_text())
    assert data["status"] == "sent" and data["sent"] == "2026-12-01" and data["role"] == "Dev"
