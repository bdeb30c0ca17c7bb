"""How render time grows with the length of a resume, per format: it should grow in line.

    .venv/bin/python benchmarks/scaling.py              # 100, 300 and 900 project entries

Each size is one profile (profiles/ao-wang.yaml with its projects repeated) rendered warm
through the API; the last column is time per entry relative to the smallest size (1.0 means
linear). The DOCX writer once searched the whole body for each new paragraph: 1,800 entries
took 8.8 s against 1.1 s now. Nothing here is asserted by the tests.
"""

from __future__ import annotations

import copy
import time
from pathlib import Path

import yaml

import resume_renderer

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 300, 900)


def main() -> None:
    base = yaml.safe_load((ROOT / "profiles" / "ao-wang.yaml").read_text("utf-8"))
    resume_renderer.render(base, theme="classic", formats="pdf,docx")  # warm
    print("| format | entries | seconds | per entry vs smallest |")
    print("|---|---|---|---|")
    for fmt in ("pdf", "docx", "html", "txt"):
        first = None
        for size in SIZES:
            profile = copy.deepcopy(base)
            profile["projects"] = base["projects"] * size
            start = time.perf_counter()
            resume_renderer.render(profile, theme="classic", formats=fmt)
            seconds = time.perf_counter() - start
            first = first or seconds / size
            print(
                f"| {fmt} | {size * len(base['projects'])} | {seconds:.2f} | "
                f"{seconds / size / first:.2f} |"
            )


if __name__ == "__main__":
    main()
