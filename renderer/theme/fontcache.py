"""TrueType fonts without their hinting, made once per font and kept in the user's cache.

A PDF embeds a subset of each font; hinting (instructions that snap outlines to a coarse pixel
grid) is a third to a half of a subset's bytes, and PDF viewers scale and anti-alias instead,
so it is left out. Stripping it takes fontTools, whose import alone is a tenth of a cold
render, so it is done once per font file, not per render: the stripped font is kept in
`$XDG_CACHE_HOME/resume-renderer/fonts` (else `~/.cache/…`), named by the SHA-256 of the
original font and the fontTools version and this module's format version, written atomically,
and read back only if its own checksum holds. A cache that cannot be read or written costs
time, never a render: the font is then stripped in memory.

Stripping the whole font gives the same subsets as stripping each subset: reportlab copies a
subset's glyphs byte for byte and leaves out the hinting tables a stripped font no longer has.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib.util
import io
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

from renderer.errors import InputError, OutputError
from renderer.files import read_bytes, write_atomic

FORMAT = 2  # bump when what is cached changes
_HINTING_TABLES = {"fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX"}
_DIGEST = 32  # a cached file ends with the SHA-256 of the source font's digest and its body

STRIPPED: Counter[str] = Counter()  # work counts: fonts stripped with fontTools, by digest


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "resume-renderer" / "fonts"


def unhinted(font: bytes) -> bytes:
    """`font` without hinting: from the cache, else stripped now (and cached)."""
    digest = hashlib.sha256(font).hexdigest()
    path = cache_dir() / f"{digest[:40]}-ft{_fonttools_version()}-v{FORMAT}.ttf"
    cached = _read(path, digest, limit=len(font) + 4096 + _DIGEST)
    if cached is not None:
        return cached
    stripped = strip_hinting(font)
    STRIPPED[digest] += 1
    _write(path, stripped, digest)
    return stripped


def cached_font(path: Path, key_digest: str, make: Callable[[], bytes]) -> Path:
    """A font made by `make`, kept at `path` in the cache (sealed with `key_digest`, which
    names what it was made from), else made now; the file's path either way. Where the cache
    cannot be written, the font goes to a private temporary folder for this process. The
    seal follows the font's tables, where every reader of a font file passes over it (tables
    are found by the offsets in the font's directory)."""
    if _read(path, key_digest, limit=MAX_MADE_FONT) is not None:
        return path
    made = make()
    _write(path, made, key_digest)
    if _read(path, key_digest, limit=MAX_MADE_FONT) is None:
        path = _scratch() / path.name
        path.write_bytes(made + _seal(key_digest, made))
    return path


MAX_MADE_FONT = 64 * 1024 * 1024


@cache
def _scratch() -> Path:
    """A private folder for fonts made where the cache cannot be written, removed when the
    process ends (a read-only home left 12 MB behind each run)."""
    folder = Path(tempfile.mkdtemp(prefix="resume-fonts-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _fonttools_version() -> str:
    """The installed fontTools' version, read without importing it (its import is the cost
    this cache saves): from the line of its `__init__.py` that states it."""

    spec = importlib.util.find_spec("fontTools")
    try:
        source = Path(spec.origin).read_text("utf-8") if spec and spec.origin else ""
    except OSError:
        source = ""
    found = re.search(r"""__version__ = ["']([\w.+-]+)["']""", source)
    return found.group(1) if found else "unknown"


def _seal(source_digest: str, body: bytes) -> bytes:
    """The check a cached file ends with: it holds for this font's entry and no other, so
    two entries swapped (or one copied over another) are made again, never used."""
    return hashlib.sha256(bytes.fromhex(source_digest) + body).digest()


def _read(path: Path, source_digest: str, limit: int) -> bytes | None:
    """The cached font, if the entry is a regular file of a plausible size whose seal holds:
    a FIFO, a link to /dev/zero or a huge file is passed over without reading it through
    (a stripped font is never larger than the font it was made from)."""
    try:
        data = read_bytes(path, limit, "cached font")
    except InputError:
        return None
    body, check = data[:-_DIGEST], data[-_DIGEST:]
    if len(data) <= _DIGEST or _seal(source_digest, body) != check:
        return None  # cut short, damaged or another font's: made again, and written over
    return body


def _write(path: Path, stripped: bytes, source_digest: str) -> None:

    # A read-only home, a full disk: the next run strips the font again.
    with contextlib.suppress(OutputError, OSError):
        write_atomic(path, stripped + _seal(source_digest, stripped))


def strip_hinting(font: bytes) -> bytes:
    """Drop TrueType hinting: the hinting tables and each glyph's instructions. The glyphs'
    outlines, the metrics and the Unicode map are untouched, so text reads back identically."""
    # fontTools: only for a font not yet in the cache
    from fontTools.ttLib import TTFont as FontFile
    from fontTools.ttLib.sfnt import SFNTWriter

    # No bounding-box recalculation: glyphs stay compact bytes and trim() cuts their programs
    # out without decoding a coordinate (ten times faster than expanding them).
    parsed = FontFile(io.BytesIO(font), recalcTimestamp=False, recalcBBoxes=False)
    glyphs = parsed["glyf"]
    for glyph in glyphs.glyphs.values():
        glyph.trim(remove_hinting=True)
    changed = {"glyf": glyphs.compile(parsed)}  # also rebuilds loca (and head's loca format)
    changed["loca"] = parsed["loca"].compile(parsed)
    changed["head"] = parsed["head"].compile(parsed)
    # Every other table is copied as it is, through the low-level writer: TTFont.save would
    # import a module for each table kind (name, OS/2, …).
    tags = [tag for tag in parsed.reader.tables if tag not in _HINTING_TABLES]
    out = io.BytesIO()
    writer = SFNTWriter(out, len(tags), parsed.sfntVersion)
    for tag in sorted(tags):
        writer[tag] = changed.get(tag) or parsed.reader[tag]
    writer.close()
    return out.getvalue()
