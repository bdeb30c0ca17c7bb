"""Batches over worker processes: workers never outlive the command, however it ends."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from renderer.jobs.parallel import free_cpus, workers_for
from tests.conftest import ROOT


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_workers_end_within_two_seconds_of_the_parent(tmp_path, how):
    batch = tmp_path / "batch"
    batch.mkdir()
    sources = sorted((ROOT / "profiles").glob("*.yaml"))
    for n in range(400):  # long enough to be stopped in the middle
        text = sources[n % len(sources)].read_text("utf-8")
        (batch / f"p{n:03d}.yaml").write_text(text.replace("\nname: ", f"\nname: N{n} ", 1))
    command = [sys.executable, "-m", "renderer.cli", "render", str(batch), "-j", "2", "-q"]
    command += ["-f", "pdf,docx", "-o", str(tmp_path / "out")]
    parent = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = _children(parent.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the batch never started its workers"
    parent.send_signal(how)
    parent.wait(timeout=10)
    gone_by = time.monotonic() + 2.5
    while time.monotonic() < gone_by and any(_alive(w) for w in workers):
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers), "workers outlived the command"
    parent.stdout.read()  # the pipe closes: no worker holds it
    shutil.rmtree(tmp_path / "out", ignore_errors=True)


def test_workers_are_chosen_from_the_processors_free():
    assert 1 <= free_cpus() <= (os.cpu_count() or 1)
    assert workers_for(2, 0) == 0  # too small a batch for a second process
    assert workers_for(100, 1) == 0
