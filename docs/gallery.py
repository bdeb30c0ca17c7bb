"""Make the pictures of the README and docs/gallery.md with `resume preview`, so they are
exactly what a person choosing a theme sees.

    .venv/bin/python docs/gallery.py

docs/preview.png: Kaiyang's first page in every theme, side by side (the README's).
docs/gallery/<theme>.png: each theme alone, at a width a page of docs shows legibly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESUME = shutil.which("resume", path=os.path.dirname(sys.executable)) or "resume"
PERSON = ROOT / "profiles" / "kaiyang.yaml"  # the richest page: dates, kinds, many entries


def preview(out: Path, *options: str) -> None:
    subprocess.run([RESUME, "preview", str(PERSON), "-o", str(out), *options], check=True)


def main() -> None:
    preview(ROOT / "docs" / "preview.png")
    sys.path.insert(0, str(ROOT))
    from renderer.theme.model import builtin_names

    for theme in builtin_names():
        preview(ROOT / "docs" / "gallery" / f"{theme}.png", "--theme", theme, "--dpi", "90")


if __name__ == "__main__":
    main()
