"""The project against the floor of its libraries, measured side by side in one run.

    .venv/bin/python benchmarks/paired.py            # about six minutes
    .venv/bin/python benchmarks/paired.py --quick    # about three

Every measure is paired: the command a person types (`resume render …`, with its summary
table) and a bare script that calls reportlab or python-docx directly on the same content
(`floor.py`) run alternately, A B B A, so that a machine that gets busier or quieter halfway
changes both alike. Each figure is the median with the minimum and maximum; a ratio is of the
medians. Before anything is timed, bytecode is compiled and every command is run once (a cold
run here is a new process with `.pyc` files and the font cache present, as on a machine that
has rendered before). Batches run `-j 1` and `-j 2` alternately, repeated.

Nothing here is asserted by the tests: a slow or busy machine is not a failure.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PROFILE = ROOT / "profiles" / "rui-shao.yaml"
THEME = "classic"
RESUME = shutil.which("resume", path=os.path.dirname(sys.executable))
# Children import this checkout's package, whatever the interpreter has installed.
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@dataclass
class Sample:
    """Seconds (or bytes) of repeated runs of one side of a pair."""

    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def show(self, scale: float = 1.0, unit: str = "s", digits: int = 3) -> str:
        low, mid, high = (v * scale for v in (min(self.values), self.median, max(self.values)))
        return f"{mid:.{digits}f} {unit} ({low:.{digits}f}–{high:.{digits}f})"


CHILD_CPU = [0.0]  # processor seconds used by the children run so far


def busy_seconds() -> float:
    """Processor seconds all processes have used since boot (Linux), else 0."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
    except OSError:
        return 0.0
    idle = fields[3] + fields[4]  # idle and waiting for I/O
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def run_child(args: list[str]) -> tuple[float, int]:
    """(wall seconds, peak resident KiB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    CHILD_CPU[0] += usage.ru_utime + usage.ru_stime
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed")
    return elapsed, usage.ru_maxrss


def paired(
    a: Callable[[], float], b: Callable[[], float], repeats: int, warm_up: bool = True
) -> tuple[Sample, Sample]:
    """A and B alternately (A B, B A, …), after one untimed run of each."""
    if warm_up:
        a(), b()
    first, second = [], []
    for i in range(repeats):
        if i % 2:
            second.append(b())
            first.append(a())
        else:
            first.append(a())
            second.append(b())
    return Sample(first), Sample(second)


def cold(args: list[str], peaks: list[int] | None = None) -> Callable[[], float]:
    def once() -> float:
        seconds, rss = run_child(args)
        if peaks is not None:
            peaks.append(rss)
        return seconds

    return once


def resume(*args: str) -> list[str]:
    return [RESUME, *args] if RESUME else [sys.executable, "-m", "renderer.cli", *args]


def export_content(path: Path) -> None:
    """The Document and the theme's fonts, page and sizes, for floor.py."""
    from renderer.compose.resume import compose
    from renderer.inputs import load_profile
    from renderer.theme.model import load_theme

    theme = load_theme(THEME)
    document = compose(load_profile(PROFILE).profile, theme)
    fonts = {face: getattr(theme.fonts, face) for face in ("regular", "bold", "italic")}
    fonts["bold_italic"] = theme.fonts.bold_italic
    roles = type(theme.styles).model_fields
    content = {
        "fonts": {face: str(theme.font_path(file)) for face, file in fonts.items()},
        "page": list(theme.page_size()),
        "margins": list(theme.page.margins),
        "styles": {role: theme.style(role).model_dump() for role in roles},
        "document": document.to_dict(),
    }
    path.write_text(json.dumps(content), encoding="utf-8")


def warm(fmt: str, content_file: Path, repeats: int) -> tuple[Sample, Sample]:
    """Seconds per document, in this process: the project's backend on a composed Document
    (what a server rendering request after request does) against floor.py's function."""
    sys.path.insert(0, str(BENCH))
    import floor

    from renderer import formats as backends
    from renderer.compose.resume import compose
    from renderer.inputs import load_profile
    from renderer.theme.model import load_theme

    theme = load_theme(THEME)
    document = compose(load_profile(PROFILE).profile, theme)
    render = backends.get(fmt).render
    content = json.loads(content_file.read_text("utf-8"))
    bare = floor.pdf if fmt == "pdf" else floor.docx

    def timed(call: Callable[[], object]) -> Callable[[], float]:
        def once() -> float:
            start = time.perf_counter()
            call()
            return time.perf_counter() - start

        return once

    return paired(timed(lambda: render(document, theme)), timed(lambda: bare(content)), repeats)


def make_batch(folder: Path, count: int) -> None:
    """`count` profiles: the four people under new names, so no two outputs collide."""
    folder.mkdir(parents=True)
    sources = sorted((ROOT / "profiles").glob("*.yaml"))
    for n in range(count):
        text = sources[n % len(sources)].read_text("utf-8")
        text = text.replace("\nname: ", f"\nname: Batch {n} ", 1)
        (folder / f"person-{n:03d}.yaml").write_text(text, "utf-8")


def pdf_sizes(folder: Path) -> dict[int, list[int]]:
    """Sizes of the PDFs under a folder, by page count."""
    from renderer import formats as backends

    sizes: dict[int, list[int]] = {}
    for file in folder.rglob("*.pdf"):
        data = file.read_bytes()
        pages = backends.get("pdf").read_back(data).pages or 0
        sizes.setdefault(pages, []).append(len(data))
    return sizes


Row = tuple[str, str, str, str, str]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, smaller batches")
    options = parser.parse_args()
    cold_repeats, warm_repeats = (8, 60) if options.quick else (20, 200)
    batches = {10: 3, 100: 2, 500: 1} if options.quick else {10: 7, 100: 3, 500: 3}
    for folder in (ROOT / "renderer", BENCH):
        compileall.compile_dir(folder, quiet=1)
    load = os.getloadavg()
    rows: list[Row] = []

    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        content = tmp / "content.json"
        export_content(content)
        floor = [sys.executable, str(BENCH / "floor.py")]

        help_, python = paired(
            cold(resume("--help")), cold([sys.executable, "-c", "pass"]), cold_repeats
        )
        rows.append(_row("cold `resume --help`", help_, python, "≤ 0.10 s", absolute=0.10))
        peaks: list[int] = []
        floor_peaks: list[int] = []
        for fmt, target in (("pdf", 1.10), ("docx", None)):
            ours, bare = paired(
                cold(resume("render", str(PROFILE), "-f", fmt, "-o", str(tmp / "one")), peaks),
                cold([*floor, fmt, str(content), str(tmp / f"floor.{fmt}")], floor_peaks),
                cold_repeats,
            )
            rows.append(
                _row(
                    f"cold `resume render <one> -f {fmt}`",
                    ours,
                    bare,
                    f"≤ {target:.2f}× floor" if target else "",
                    ratio=target,
                )
            )
        for fmt, ratio, absolute in (("pdf", 1.05, None), ("docx", None, 0.008)):
            ours, bare = warm(fmt, content, warm_repeats)
            target = f"≤ {ratio:.2f}× floor" if ratio else f"≤ {absolute * 1000:.0f} ms"
            rows.append(
                _row(
                    f"warm {fmt.upper()}, per document",
                    ours,
                    bare,
                    target,
                    ratio=ratio,
                    absolute=absolute,
                    ms=True,
                )
            )
        rows.append(
            (
                "peak memory of one cold render (PDF or DOCX)",
                f"{max(peaks) / 1024:.0f} MiB",
                f"{max(floor_peaks) / 1024:.0f} MiB",
                f"{max(peaks) / max(floor_peaks):.2f}×",
                "≤ 60 MiB " + ("met" if max(peaks) / 1024 <= 60 else "**missed**"),
            )
        )
        one = tmp / "one" / PROFILE.stem / f"{PROFILE.stem}-{THEME}.pdf"
        every = tmp / "every"
        everyone = ("render", str(ROOT / "profiles"), "-t", "all", "-f", "pdf")
        run_child(resume(*everyone, "-o", str(every)))
        one_page = pdf_sizes(every).get(1, [0])
        floor_size = (tmp / "floor.pdf").stat().st_size
        rows.append(
            (
                f"one-page PDF ({PROFILE.stem}, {THEME}; all people × themes)",
                f"{one.stat().st_size / 1000:.1f} KB ({min(one_page) / 1000:.1f}–"
                f"{max(one_page) / 1000:.1f})",
                f"{floor_size / 1000:.1f} KB",
                "",
                "≤ 36 KB " + ("met" if max(one_page) <= 36_000 else "**missed**"),
            )
        )
        for count, repeats in batches.items():
            folder = tmp / f"batch-{count}"
            make_batch(folder, count)

            def batch(jobs: int, folder: Path = folder) -> Callable[[], float]:
                args = ["render", str(folder), "-f", "pdf,docx", "-j", str(jobs)]
                return cold(resume(*args, "-o", str(tmp / f"out-{jobs}")))

            # Other work on the machine takes cores from -j 2: how many it kept busy.
            busy, ours, start = busy_seconds(), CHILD_CPU[0], time.perf_counter()
            serial, parallel = paired(batch(1), batch(2), repeats, warm_up=False)
            others = busy_seconds() - busy - (CHILD_CPU[0] - ours)
            others = max(others, 0.0) / (time.perf_counter() - start)
            speedup = serial.median / parallel.median
            target = "≥ 1.7×" if count >= 100 else "≥ 1.0×"
            met = speedup >= (1.7 if count >= 100 else 1.0)
            rows.append(
                (
                    f"batch of {count} profiles, PDF + DOCX: `-j 1` vs `-j 2` "
                    f"(other work: {others:.1f} cores busy)",
                    serial.show(digits=2),
                    parallel.show(digits=2),
                    f"{speedup:.2f}× faster with -j 2",
                    f"{target} {'met' if met else '**missed**'}",
                )
            )

    print(
        f"{time.strftime('%Y-%m-%d')}; {platform.machine()}, {os.cpu_count()} cores "
        f"({len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'} usable), "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
        f"load average at start {load[0]:.2f}; cold: {cold_repeats} pairs, warm: "
        f"{warm_repeats} pairs; median (min–max)\n"
    )
    print("| measure | project | floor | ratio | target |\n|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def _row(
    label: str,
    ours: Sample,
    bare: Sample,
    target: str,
    *,
    ratio: float | None = None,
    absolute: float | None = None,
    ms: bool = False,
) -> Row:
    scale, unit, digits = (1000, "ms", 1) if ms else (1, "s", 3)
    measured = ours.median / bare.median
    met = (ratio is None or measured <= ratio) and (absolute is None or ours.median <= absolute)
    verdict = f"{target} {'met' if met else '**missed**'}" if target else ""
    return (
        label,
        ours.show(scale, unit, digits),
        bare.show(scale, unit, digits),
        f"{measured:.2f}×",
        verdict,
    )


if __name__ == "__main__":
    main()
