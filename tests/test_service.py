"""`resume serve`: the renderer over HTTP, as a job board's backend calls it."""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from starlette.testclient import TestClient

import resume_renderer
from renderer import service
from renderer.formats import get
from tests.conftest import ROOT

PROFILE = yaml.safe_load((ROOT / "profiles" / "rui-shao.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def client():
    with TestClient(service.app) as test_client:  # runs the warm-up, as a worker does
        yield test_client


def _body(**fields) -> str:
    return json.dumps({"profile": PROFILE, **fields}, default=str)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "txt", "md"])
def test_render_returns_the_bytes_the_cli_makes(client, fmt):
    response = client.post("/render", content=_body(theme="modern", format=fmt))
    assert response.status_code == 200, response.text
    expected = resume_renderer.render(ROOT / "profiles" / "rui-shao.yaml", "modern", fmt)[0]
    assert response.content == expected.data
    assert response.headers["content-type"].split(";")[0] == get(fmt).media_type.split(";")[0]
    assert f'filename="{expected.name}"' in response.headers["content-disposition"]


def test_bad_input_is_json_with_the_problems(client):
    bad = client.post("/render", content=json.dumps({"profile": {"name": "A", "experience": 3}}))
    assert bad.status_code == 422
    assert bad.json()["problems"][0]["field"] == "experience"
    assert client.post("/render", content="not json").status_code == 400
    assert client.post("/render", content="[1, 2]").status_code == 400
    for fields in ({"theme": "../../etc/passwd"}, {"theme": "/usr/share"}, {"format": "exe"}):
        refused = client.post("/render", content=_body(**fields))
        assert refused.status_code == 422 and "unknown" in refused.json()["error"]
    assert client.post("/render", content=_body(colour="red")).status_code == 422
    empty = client.post("/render", content=json.dumps({"profile": {}}))
    assert empty.status_code == 422 and "empty" in empty.json()["problems"][0]["message"]


def test_a_body_over_the_limit_is_413(client):
    big = json.dumps({"profile": {"name": "A", "summary": "x" * (service.MAX_BODY + 10)}})
    assert client.post("/render", content=big).status_code == 413


def test_overload_is_503_not_an_endless_queue(client, monkeypatch):
    monkeypatch.setattr(service._queue, "limit", 0)
    busy = client.post("/render", content=_body())
    assert busy.status_code == 503 and busy.headers["retry-after"] == "1"


def test_check_reads_a_file_back(client):
    pdf = resume_renderer.render(PROFILE, "classic", "pdf")[0].data
    body = {"profile": PROFILE, "format": "pdf", "file": base64.b64encode(pdf).decode()}
    report = client.post("/check", content=json.dumps(body, default=str))
    assert report.status_code == 200 and report.json()["ok"]
    assert report.json()["lines_found"] == report.json()["lines_total"] > 10
    body["file"] = "%%%"
    assert client.post("/check", content=json.dumps(body, default=str)).status_code == 422


def test_themes_and_health(client):
    assert client.get("/themes").json()["themes"] == resume_renderer.themes()
    assert client.get("/health").json()["status"] == "ok"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_real_server_serves_and_stops_cleanly_on_sigterm(tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "renderer.cli", "serve", "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "RESUME_SERVE_BODY_SECONDS": "1"},
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/render", data=_body(format="pdf").encode(), method="POST"
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.read().startswith(b"%PDF-")
        # a client that sends half its body and stalls gets 408, not a worker held for ever
        with socket.create_connection(("127.0.0.1", port), timeout=10) as slow:
            slow.sendall(
                b"POST /render HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b'Content-Length: 100\r\n\r\n{"profile": '
            )
            answer = slow.recv(4096)
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    finally:
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=20)
    assert code == 0, server.stderr.read().decode()[-2000:]
    assert Path(tmp_path).exists()
