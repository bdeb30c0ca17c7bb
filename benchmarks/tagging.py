"""What the tagged, archival PDF costs: this checkout against an earlier revision (by default
the one before tagging), in size and warm time, on the same machine in the same run.

    .venv/bin/python benchmarks/tagging.py                    # against 0fa7946, ~2 minutes
    .venv/bin/python benchmarks/tagging.py --before REV       # against any revision
    .venv/bin/python benchmarks/tagging.py --no-accel         # without reportlab's C helpers
    .venv/bin/python benchmarks/tagging.py --parts            # what each part of tagging costs

The earlier revision is checked out into a temporary git worktree. Each side renders the four
people in the four themes as PDF in one process (fonts loaded and one render done first),
then times repeated rounds; the sides run alternately, A B B A, so that a machine getting
busier affects both. Reported: the median and minimum milliseconds per document over the
rounds, and the total bytes of the sixteen PDFs. `--parts` times this checkout alone, in one
process, with each part of tagging switched off in turn (interleaved rounds). Nothing here is
asserted by the tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "0fa7946"  # the last commit before the PDF was tagged

CHILD = """
import glob, json, sys, time
if {no_accel}:
    sys.modules["_rl_accel"] = None  # reportlab falls back to its Python helpers
sys.path.insert(0, {tree!r})
from renderer.compose.resume import compose
from renderer.formats import Options
from renderer.formats.pdf import writer
from renderer.inputs import load_profile
from renderer.theme.model import load_theme

documents = []
for path in sorted(glob.glob({tree!r} + "/profiles/*.yaml")):
    profile = load_profile(path).profile
    for name in ("classic", "modern", "compact", "executive"):
        theme = load_theme(name)
        documents.append((compose(profile, theme, []), theme))
size = sum(len(writer.render(d, t, Options()).data) for d, t in documents)
rounds = []
for _ in range({rounds}):
    start = time.perf_counter()
    for document, theme in documents:
        writer.render(document, theme, Options())
    rounds.append((time.perf_counter() - start) / len(documents) * 1000)
print(json.dumps({{"bytes": size, "rounds": rounds}}))
"""


def measure(tree: Path, rounds: int, no_accel: bool) -> dict[str, object]:
    code = CHILD.format(tree=str(tree), rounds=rounds, no_accel=no_accel)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(out.stdout)
    return result


def parts(rounds: int) -> None:
    """Each part of tagging switched off in turn, in one process, rounds interleaved."""
    sys.path.insert(0, str(ROOT))
    from reportlab.pdfbase.pdfdoc import PDFDocument
    from reportlab.pdfgen.textobject import PDFTextObject

    from renderer.compose.resume import compose
    from renderer.formats import Options
    from renderer.formats.pdf import metadata, packing, tags, writer
    from renderer.inputs import load_profile
    from renderer.theme.model import load_theme

    documents = []
    for path in sorted((ROOT / "profiles").glob("*.yaml")):
        profile = load_profile(path).profile
        for name in ("classic", "modern", "compact", "executive"):
            theme = load_theme(name)
            documents.append((compose(profile, theme, []), theme))
    kept = (packing.packed, tags.Structure.write, metadata.identify, tags.Structure.begin)
    spaced = writer.SpacedText
    modes = {
        "everything": set(),
        "no object stream": {"pack"},
        "no tree written": {"tree"},
        "no XMP or output intent": {"meta"},
        "no marked content": {"marks"},
        "no kept line-end spaces": {"spaces"},
        "none of these": {"pack", "tree", "meta", "marks", "spaces"},
    }
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    for _ in range(rounds):
        for mode, off in modes.items():
            packing.packed = PDFDocument.format if "pack" in off else kept[0]  # type: ignore[assignment]
            tags.Structure.write = (lambda *_: None) if "tree" in off else kept[1]  # type: ignore[method-assign]
            metadata.identify = (lambda *_: None) if "meta" in off else kept[2]  # type: ignore[assignment]
            tags.Structure.begin = (lambda *_: False) if "marks" in off else kept[3]  # type: ignore[method-assign]
            writer.SpacedText = PDFTextObject if "spaces" in off else spaced  # type: ignore[misc]
            start = time.perf_counter()
            for document, theme in documents:
                writer.render(document, theme, Options())
            times[mode].append((time.perf_counter() - start) / len(documents) * 1000)
    print("| switched off | warm ms per PDF, median (min) |\n|---|---|")
    for mode, values in times.items():
        print(f"| {mode} | {statistics.median(values):.2f} ({min(values):.2f}) |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", default=BEFORE, help="the revision to compare with")
    parser.add_argument("--repeats", type=int, default=4, help="A B B A groups")
    parser.add_argument("--rounds", type=int, default=15, help="timed rounds per process")
    parser.add_argument("--no-accel", action="store_true", help="without rl_accel")
    parser.add_argument("--parts", action="store_true", help="each part of tagging, off in turn")
    args = parser.parse_args()
    if args.parts:
        parts(args.rounds)
        return
    with tempfile.TemporaryDirectory() as scratch:
        before = Path(scratch) / "before"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(before), args.before],
            check=True,
        )
        try:
            times: dict[str, list[float]] = {"before": [], "now": []}
            sizes: dict[str, object] = {}
            for _ in range(args.repeats):
                for side in ("before", "now", "now", "before"):
                    tree = before if side == "before" else ROOT
                    result = measure(tree, args.rounds, args.no_accel)
                    times[side] += result["rounds"]  # type: ignore[arg-type]
                    sizes[side] = result["bytes"]
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before)])
    median = {side: statistics.median(values) for side, values in times.items()}
    print(f"| | {args.before} | now | change |")
    print("|---|---|---|---|")
    a, b = sizes["before"], sizes["now"]
    print(f"| bytes, 16 PDFs | {a:,} | {b:,} | {(b / a - 1) * 100:+.1f}% |")  # type: ignore[operator]
    line = "| warm ms per PDF, median (min) | {:.2f} ({:.2f}) | {:.2f} ({:.2f}) | {:+.1f}% |"
    print(
        line.format(
            median["before"],
            min(times["before"]),
            median["now"],
            min(times["now"]),
            (median["now"] / median["before"] - 1) * 100,
        )
    )
    print(f"\nreportlab's C helpers (rl_accel): {'off' if args.no_accel else 'on'}")


if __name__ == "__main__":
    main()
