"""`resume render --scheduler`: a batch on a Dask cluster (here a local one on loopback)
writes the same files, with the same names, checks and exit codes, as a local run."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from dask import distributed  # the test extra installs it: CI runs this against a real cluster

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def scheduler():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def _render(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "renderer.cli", "render", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def _files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_cluster_writes_what_a_local_run_writes(tmp_path, scheduler):
    batch = tmp_path / "batch"
    shutil.copytree(ROOT / "profiles", batch)
    (batch / "broken.yaml").write_text("name: Broken\nexperience: 3\n")
    common = [str(batch), "-t", "classic,modern", "-f", "pdf,docx,md", "--check"]
    local = _render(*common, "-o", str(tmp_path / "local"))
    remote = _render(*common, "-o", str(tmp_path / "remote"), "--scheduler", scheduler)
    assert remote.returncode == local.returncode == 2  # the broken profile, as locally
    assert "broken.yaml:2:13 experience" in remote.stderr
    assert _files(tmp_path / "remote") == _files(tmp_path / "local")
    assert len(_files(tmp_path / "remote")) == 4 * 2 * 3


def test_no_scheduler_there_is_a_clear_error(tmp_path):
    result = _render(
        str(ROOT / "profiles"), "-o", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9"
    )
    assert result.returncode == 1 and result.stderr.startswith("error: --scheduler")
    assert "Traceback" not in result.stderr
