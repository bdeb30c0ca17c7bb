"""How the work grows with hostile input: each case at two sizes, and the ratio of the times.

    .venv/bin/python benchmarks/adversarial.py          # prints a Markdown table

Linear work doubles when the input doubles (ratio ≈ 2 for 2× the input); quadratic work
quadruples. Every case here once took tens of seconds to hours within the 1 MiB limit of a
profile (issue #13); the table shows what each costs now. Nothing here is asserted by the
tests: a slow machine is not a failure.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def summary_of(unit: str) -> Callable[[int], str]:
    return lambda size: f"name: Ann\nsummary: {quoted(unit * (size // len(unit)))}\n"


# Each case: what is measured, and the profile text of about `size` characters.
CASES: dict[str, Callable[[int], str]] = {
    "`[` repeated": summary_of("["),
    "`*a ` repeated": summary_of("*a "),
    "`**a ` repeated": summary_of("**a "),
    "`[a](` repeated": summary_of("[a]("),
    "`\\[` repeated": summary_of("\\["),
    "phone with inner spaces": lambda size: f"name: Ann\nphone: {quoted('1' + ' ' * size + 'a')}\n",
    "e-mail with dots": lambda size: f"name: Ann\nemail: {quoted('a' + '.' * size + '@b.c')}\n",
    "one long paragraph (words)": summary_of("lorem ipsum dolor sit amet. "),
}


def validate(path: Path) -> None:
    from renderer.errors import InputError
    from renderer.inputs import load_profile

    with contextlib.suppress(InputError):  # refused quickly is the point
        load_profile(path)


def render_all(path: Path) -> None:
    from renderer import formats as backends
    from renderer.compose.resume import compose
    from renderer.errors import InputError
    from renderer.inputs import load_profile
    from renderer.theme.model import load_theme

    try:
        profile = load_profile(path).profile
    except InputError:
        return
    theme = load_theme("classic")
    document = compose(profile, theme)
    for name in backends.names():
        backends.get(name).render(document, theme)


def timed(step: Callable[[Path], None], path: Path) -> float:
    start = time.perf_counter()
    step(path)
    return time.perf_counter() - start


def main() -> None:
    small, large = 100_000, 400_000
    render_all(ROOT / "profiles" / "rui-shao.yaml")  # imports and fonts out of the way
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, make in CASES.items():
            times = {}
            for size in (small, large):
                path = Path(scratch) / f"case-{size}.yaml"
                path.write_text(make(size), encoding="utf-8")
                times[size] = (timed(validate, path), timed(render_all, path))
            (v1, r1), (v2, r2) = times[small], times[large]
            rows.append(
                f"| {name} | {v1:.3f} s → {v2:.3f} s ({v2 / max(v1, 1e-6):.1f}×) "
                f"| {r1:.2f} s → {r2:.2f} s ({r2 / max(r1, 1e-6):.1f}×) |"
            )
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; inputs of {small // 1000} KB and {large // 1000} KB "
        f"(4× larger)\n"
    )
    print("| input | validate | render PDF, DOCX, TXT, MD |\n|---|---|---|")
    print("\n".join(rows))
    print("\n| file given to `check` | time |\n|---|---|")
    for name, make in CHECKED.items():
        first, second = (checked(make(size), name) for size in (small, large))
        print(f"| {name} | {first:.2f} s → {second:.2f} s ({second / max(first, 1e-6):.1f}×) |")


# Files given to `resume check` that once took minutes (issue #26): the reader's time for
# files of about `size` bytes.
CHECKED: dict[str, Callable[[int], bytes]] = {
    "HTML, unclosed tags and comments (.html)": lambda size: (
        b"<html><body>" + b'<a href="' * (size // 20) + b"<!--" * (size // 8)
    ),
    "Markdown, `[](<` repeated (.md)": lambda size: b"[](<" * (size // 4),
}


def checked(data: bytes, name: str) -> float:
    from renderer import formats as backends
    from renderer.ats.check import check

    fmt = backends.get("html" if ".html" in name else "md")
    start = time.perf_counter()
    check(fmt, data, None, "x")
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
