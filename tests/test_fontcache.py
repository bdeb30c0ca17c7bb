"""The cache of fonts without hinting: whatever sits in it, a render gets the right font or
makes it again; it never blocks, never reads without bound, never uses another font's entry."""

from __future__ import annotations

import os
import threading

import pytest

from renderer.theme import fontcache
from renderer.theme.model import load_theme


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "resume-renderer" / "fonts"


def _fonts() -> list[bytes]:
    theme = load_theme("classic")
    paths = sorted({p for p in theme.folder.rglob("*.ttf")} | set())
    if len(paths) < 2:  # the built-in themes' fonts come from the system
        from pathlib import Path

        paths = sorted(Path("/usr/share/fonts").rglob("*.ttf"))[:2]
    return [p.read_bytes() for p in paths[:2]]


def _entry(cache, font: bytes):
    import hashlib

    digest = hashlib.sha256(font).hexdigest()
    return next(cache.glob(f"{digest[:40]}-*.ttf"))


def test_a_made_entry_is_used_and_a_damaged_one_made_again(cache):
    font = _fonts()[0]
    first = fontcache.unhinted(font)
    entry = _entry(cache, font)
    assert fontcache.unhinted(font) == first
    entry.write_bytes(entry.read_bytes()[:-5] + b"xxxxx")
    assert fontcache.unhinted(font) == first and entry.read_bytes()[:-32] == first


def test_two_swapped_entries_are_never_used_for_each_other(cache):
    one, two = _fonts()
    made_one, made_two = fontcache.unhinted(one), fontcache.unhinted(two)
    a, b = _entry(cache, one), _entry(cache, two)
    data_a, data_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(data_b)
    b.write_bytes(data_a)
    assert fontcache.unhinted(one) == made_one and fontcache.unhinted(two) == made_two
    assert a.read_bytes() == data_a  # healed


@pytest.mark.parametrize("kind", ["fifo", "zero", "huge"])
def test_a_strange_entry_is_passed_over_without_reading_it_through(cache, kind):
    font = _fonts()[0]
    expected = fontcache.unhinted(font)
    entry = _entry(cache, font)
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "zero":
        entry.symlink_to("/dev/zero")
    else:
        entry.write_bytes(b"\0" * (len(font) * 3))
    result: list[bytes] = []
    worker = threading.Thread(target=lambda: result.append(fontcache.unhinted(font)))
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), f"a {kind} in the cache blocked the render"
    assert result == [expected]


def test_a_font_made_where_the_cache_cannot_be_written_leaves_nothing_behind(tmp_path):
    """A read-only cache (here: the cache's place is a file): a CJK face is made into a
    private temporary folder for the run, which is removed when the process ends (a
    read-only home left 12 MB behind each run)."""
    import subprocess
    import sys

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    profile = tmp_path / "ja.yaml"
    profile.write_text("locale: ja\nname: 山田 花子\nemail: h@example.org\n", "utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(blocked), "TMPDIR": str(scratch)}
    code = (
        "import sys; sys.argv = ['resume', 'render', sys.argv[1], '-o', sys.argv[2], "
        "'-f', 'pdf', '-q']; from renderer.cli import main; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(profile), str(tmp_path / "out")],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert next((tmp_path / "out").rglob("*.pdf")).stat().st_size > 10_000
    assert not list(scratch.glob("resume-fonts-*"))
