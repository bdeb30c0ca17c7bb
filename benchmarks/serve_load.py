"""Load test of `resume serve` on loopback: requests per second, latency and memory.

    .venv/bin/python benchmarks/serve_load.py                    # 10,000 requests, 8 clients
    .venv/bin/python benchmarks/serve_load.py --requests 500     # a quick look

Starts the server (one worker per processor), sends the four example people in turn as
POST /render, PDF and DOCX alternately, from N client threads, and stops at the count or the
time limit, whichever comes first. Latency is measured at the client, from sending to the
last byte; memory is the largest resident size any server process reached (VmHWM). Overload
answers (503) are counted apart: they are the server refusing, quickly, to queue without end.
Nothing here is asserted by the tests: a slow machine is not a failure.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_memory(pid: int) -> int:
    """The largest VmHWM (KiB) of the server and its worker processes."""
    pids = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    pids.append(int(entry.name))
            except OSError:
                continue
    peak = 0
    for each in pids:
        try:
            for line in (Path("/proc") / str(each) / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            continue
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=900, help="stop after this long")
    options = parser.parse_args()
    bodies = [
        json.dumps({"profile": yaml.safe_load(p.read_text("utf-8")), "format": fmt}, default=str)
        for p in sorted((ROOT / "profiles").glob("*.yaml"))
        for fmt in ("pdf", "docx")
    ]
    port = free_port()
    command = [sys.executable, "-m", "renderer.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{url}/health", timeout=2).close()
            break
        except OSError:
            time.sleep(0.2)
    latencies: list[float] = []
    refused = errors = 0
    counter = iter(range(options.requests))
    lock = threading.Lock()
    stop = time.monotonic() + options.seconds

    def client() -> None:
        nonlocal refused, errors
        for number in counter:
            if time.monotonic() > stop:
                return
            body = bodies[number % len(bodies)].encode()
            request = urllib.request.Request(f"{url}/render", data=body, method="POST")
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
                with lock:
                    latencies.append(time.perf_counter() - start)
            except urllib.error.HTTPError as error:
                with lock:
                    refused += error.code == 503
                    errors += error.code != 503
            except OSError:
                with lock:
                    errors += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(options.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    memory = server_memory(server.pid)
    server.send_signal(signal.SIGTERM)
    code = server.wait(timeout=30)
    latencies.sort()
    done = len(latencies)
    print(
        f"Machine: {os.cpu_count()} processors; {options.clients} clients on loopback; "
        f"server stopped by SIGTERM with exit code {code}\n"
    )
    print("| measure | value |\n|---|---|")
    print(f"| requests answered 200 | {done:,} in {elapsed:.1f} s |")
    print(f"| requests per second | {done / elapsed:.1f} |")
    if latencies:
        p50 = statistics.median(latencies) * 1000
        p99 = latencies[min(done - 1, int(done * 0.99))] * 1000
        print(f"| latency p50 / p99 | {p50:.0f} ms / {p99:.0f} ms |")
    print(f"| refused as busy (503) / failed | {refused} / {errors} |")
    print(f"| largest server process (VmHWM) | {memory / 1024:.0f} MiB |")


if __name__ == "__main__":
    main()
