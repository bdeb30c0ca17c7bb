"""Benchmark the resume renderer: cold starts, warm renders, batches, memory and sizes.

    .venv/bin/python benchmarks/bench.py            # full run, prints a Markdown table
    .venv/bin/python benchmarks/bench.py --quick    # fewer repeats

Wall times are medians of repeated runs (standard library timing only); "cold" means a new
process each run, as a person at a terminal sees it. Peak memory is the child's ru_maxrss.
Nothing here is asserted by the tests: a slow machine is not a failure.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "profiles" / "rui-shao.yaml"
RESUME = shutil.which("resume", path=os.path.dirname(sys.executable)) or "resume"


def run_child(args: list[str]) -> tuple[float, int]:
    """(wall seconds, peak resident KiB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed with exit {child.returncode}")
    return elapsed, usage.ru_maxrss


def cold(args: list[str], repeats: int) -> tuple[float, int]:
    runs = [run_child(args) for _ in range(repeats)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def warm(fmt: str, repeats: int) -> float:
    """Median seconds per document, many renders in one process (after one to warm up)."""
    from renderer import formats as backends
    from renderer.compose.resume import compose
    from renderer.inputs import load_profile
    from renderer.theme.model import load_theme

    theme = load_theme("classic")
    document = compose(load_profile(PROFILE).profile, theme)
    render = backends.get(fmt).render
    render(document, theme)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        render(document, theme)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def make_batch(folder: Path, count: int) -> None:
    """`count` profiles: the four people under new names, so no two outputs collide."""
    sources = sorted((ROOT / "profiles").glob("*.yaml"))
    for n in range(count):
        text = sources[n % len(sources)].read_text("utf-8")
        if text.count("\nname: "):
            text = text.replace("\nname: ", f"\nname: Batch {n} ", 1)
        (folder / f"person-{n:03d}.yaml").write_text(text, "utf-8")


def sizes(out: Path) -> dict[str, tuple[int, int]]:
    """Smallest and largest file of each kind; one-page PDFs apart from longer ones."""
    from renderer import formats as backends

    result = {}
    for fmt in ("pdf", "docx"):
        for file in out.rglob(f"*.{fmt}"):
            pages = backends.get(fmt).read_back(file.read_bytes()).pages
            kind = (
                fmt.upper()
                if pages is None
                else f"PDF, {'one page' if pages == 1 else 'two pages'}"
            )
            low, high = result.get(kind, (1 << 60, 0))
            size = file.stat().st_size
            result[kind] = (min(low, size), max(high, size))
    return dict(sorted(result.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--batch", type=int, default=500, help="profiles in the batch")
    options = parser.parse_args()
    repeats = 3 if options.quick else 10
    rows: list[tuple[str, str, str]] = []

    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        seconds, _ = cold([RESUME, "--help"], repeats)
        rows.append(("cold `resume --help`", f"{seconds:.3f} s", "≤ 0.10 s"))
        python_floor, _ = cold([sys.executable, "-c", "pass"], repeats)
        rows.append(("(floor: cold `python -c pass`)", f"{python_floor:.3f} s", ""))
        peak = 0
        for label, fmt in (("PDF", "pdf"), ("DOCX", "docx"), ("PDF + DOCX", "pdf,docx")):
            args = [RESUME, "render", str(PROFILE), "-f", fmt, "-o", str(tmp / "one"), "-q"]
            seconds, rss = cold(args, repeats)
            peak = max(peak, rss)
            target = "≤ 0.35 s" if fmt == "pdf" else ""
            rows.append((f"cold render of one profile to {label}", f"{seconds:.3f} s", target))
        rows.append(("peak memory, one cold render", f"{peak / 1024:.0f} MiB", "≤ 80 MiB"))
        for label, fmt in (("PDF", "pdf"), ("DOCX", "docx")):
            seconds = warm(fmt, repeats * 5)
            rows.append((f"warm {label} per document", f"{seconds * 1000:.1f} ms", "≤ 20 ms"))
        out = tmp / "all"
        every = [RESUME, "render", str(ROOT / "profiles"), "-t", "all", "-f", "all", "-q"]
        seconds, _ = cold([*every, "-o", str(out)], max(1, repeats // 3))
        rows.append(
            ("README main command (4 people × 3 themes × 4 formats)", f"{seconds:.2f} s", "")
        )
        seconds, _ = cold([*every, "-o", str(tmp / "checked"), "--check"], 1)
        rows.append(("the same with `--check` (every file read back)", f"{seconds:.2f} s", ""))
        for kind, (low, high) in sizes(out).items():
            target = "≤ 40 KB" if kind == "PDF, one page" else ""
            size = f"{low / 1000:.0f}–{high / 1000:.0f} KB"
            rows.append((f"file size: {kind} (four people × three themes)", size, target))
        batch = tmp / "batch"
        batch.mkdir()
        make_batch(batch, options.batch)
        results = {}
        for jobs in (1, 2):
            args = [
                RESUME,
                "render",
                str(batch),
                "-f",
                "pdf,docx",
                "-o",
                str(tmp / f"b{jobs}"),
                "-q",
                "-j",
                str(jobs),
            ]
            results[jobs], _ = run_child(args)
            rows.append(
                (
                    f"batch of {options.batch} profiles, PDF + DOCX, --jobs {jobs}",
                    f"{results[jobs]:.1f} s",
                    "",
                )
            )
        rows.append(("batch speed-up with 2 jobs", f"{results[1] / results[2]:.2f}×", "≈ 2×"))

    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.system()} {platform.release()}; "
        f"medians of {repeats} runs\n"
    )
    print("| measure | result | target |\n|---|---|---|")
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")


if __name__ == "__main__":
    main()
