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
