"""What a font file holds, read from its table directories alone (no fontTools, whose import
is a tenth of a cold render, and a theme is loaded on every render): one face or a collection
of them (`.ttc`, `.otc`), each with its names, its outlines (TrueType or PostScript/CFF) and
its licence flags.

A theme names a face of a collection by its name after a `#`:
`system:NotoSansCJK-Regular.ttc#Noto Sans CJK JP`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TRUETYPE_SIGNATURES = (b"\x00\x01\x00\x00", b"true")
CFF_SIGNATURE = b"OTTO"
COLLECTION_SIGNATURE = b"ttcf"
_REQUIRED = {b"cmap", b"head", b"hhea", b"hmtx", b"maxp"}
_TRUETYPE_OUTLINES = {b"glyf", b"loca"}
_MAX_TABLES = 64
_MAX_FACES = 64
_NAME_IDS = (4, 1, 6)  # full name, family, PostScript name: what a person calls a face by


@dataclass(frozen=True)
class Face:
    index: int  # in its collection; 0 in a file of one face
    names: tuple[str, ...]  # full name, family, PostScript name (those the font has)
    postscript_outlines: bool  # CFF: reportlab cannot embed it as it is (see fontconvert.py)
    fs_type: int  # OS/2 embedding flags
    glyphs: int  # how many (a CJK face has tens of thousands)
    in_collection: bool  # one of several faces in a `.ttc`/`.otc` file

    @property
    def name(self) -> str:
        return self.names[0] if self.names else f"face {self.index}"

    def called(self, wanted: str) -> bool:
        wanted = " ".join(wanted.split()).casefold()
        return any(" ".join(n.split()).casefold() == wanted for n in self.names)


class FontFileProblem(ValueError):
    """Why a file is not a font a PDF can use, said of the file ("is not a TrueType font")."""


def split_reference(reference: str) -> tuple[str, str]:
    """A theme's font reference as its file and the face it names after `#` ("" for none);
    a file whose own name has a `#` is taken whole."""
    file, mark, face = reference.rpartition("#")
    if not mark or not file or os.path.exists(reference):
        return reference, ""
    return file, face.strip()


def faces(path: Path, size: int | None = None) -> list[Face]:
    """The faces in a font file, in order, or FontFileProblem saying what is wrong with it."""
    size = path.stat().st_size if size is None else size
    with path.open("rb") as stream:
        head = stream.read(12)
        if not head:
            raise FontFileProblem("is empty")
        if head[:4] != COLLECTION_SIGNATURE:
            return [_face(stream, 0, 0, size, False)]
        count = int.from_bytes(head[8:12], "big")
        if not 0 < count <= _MAX_FACES:
            raise FontFileProblem("is not a font collection (its face count is not plausible)")
        offsets = stream.read(4 * count)
        if len(offsets) < 4 * count:
            raise FontFileProblem("is cut short (its list of faces runs past its end)")
        return [
            _face(stream, i, int.from_bytes(offsets[4 * i : 4 * i + 4], "big"), size, True)
            for i in range(count)
        ]


def chosen(path: Path, wanted: str, size: int | None = None) -> Face:
    """The face a theme names (the first when it names none), or FontFileProblem listing the
    faces there are."""
    found = faces(path, size)
    if not wanted:
        return found[0]
    for face in found:
        if face.called(wanted):
            return face
    names = ", ".join(repr(face.name) for face in found)
    raise FontFileProblem(f"has no face named {wanted!r} (it has {names})")


def _face(stream, index: int, offset: int, size: int, in_collection: bool) -> Face:  # type: ignore[no-untyped-def]
    stream.seek(offset)
    header = stream.read(12)
    signature = header[:4]
    if signature not in (*TRUETYPE_SIGNATURES, CFF_SIGNATURE) or len(header) < 12:
        raise FontFileProblem("is not a TrueType or OpenType font")
    count = int.from_bytes(header[4:6], "big")
    directory = stream.read(16 * count)
    if count == 0 or count > _MAX_TABLES or len(directory) < 16 * count:
        raise FontFileProblem("is not a font (its table directory is cut short)")
    tables: dict[bytes, tuple[int, int]] = {}
    for i in range(count):
        entry = directory[16 * i : 16 * i + 16]
        start, length = int.from_bytes(entry[8:12], "big"), int.from_bytes(entry[12:16], "big")
        if start + length > size:
            raise FontFileProblem(
                f"is cut short (table {entry[:4].decode('latin-1')!r} runs past its end)"
            )
        tables[entry[:4]] = (start, length)
    postscript = signature == CFF_SIGNATURE or b"CFF " in tables
    outlines = {b"CFF "} if postscript else _TRUETYPE_OUTLINES
    missing = sorted(t.decode().strip() for t in (_REQUIRED | outlines) - set(tables))
    if missing:
        raise FontFileProblem(f"is not a complete font (no {', '.join(missing)} table)")
    names = _names(stream, tables.get(b"name"))
    stream.seek(tables[b"maxp"][0] + 4)
    glyphs = int.from_bytes(stream.read(2), "big")
    return Face(index, names, postscript, _fs_type(stream, tables), glyphs, in_collection)


def _fs_type(stream, tables: dict[bytes, tuple[int, int]]) -> int:  # type: ignore[no-untyped-def]
    if b"OS/2" not in tables:
        return 0
    stream.seek(tables[b"OS/2"][0] + 8)
    return int.from_bytes(stream.read(2), "big")


def _names(stream, table: tuple[int, int] | None) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """The face's full name, family and PostScript name, from the name table's Windows
    Unicode records (English first), else its Macintosh Roman ones."""
    if table is None or table[1] > 1 << 20:
        return ()
    stream.seek(table[0])
    data = stream.read(table[1])
    if len(data) < 6:
        return ()
    count, strings = int.from_bytes(data[2:4], "big"), int.from_bytes(data[4:6], "big")
    found: dict[int, tuple[int, str]] = {}  # name id: (rank, text)
    for i in range(min(count, (len(data) - 6) // 12)):
        record = data[6 + 12 * i : 18 + 12 * i]
        platform, _, language, name_id, length, start = (
            int.from_bytes(record[j : j + 2], "big") for j in range(0, 12, 2)
        )
        raw = data[strings + start : strings + start + length]
        if name_id not in _NAME_IDS or len(raw) < length:
            continue
        if platform == 3:
            text, rank = raw.decode("utf-16-be", "replace"), 0 if language == 0x409 else 1
        elif platform == 1:
            text, rank = raw.decode("mac-roman", "replace"), 2
        else:
            continue
        if name_id not in found or rank < found[name_id][0]:
            found[name_id] = (rank, text.strip())
    return tuple(found[i][1] for i in _NAME_IDS if i in found and found[i][1])


def embedding_problem(fs_type: int) -> str | None:
    """Why the OS/2 table's embedding flags forbid putting the font in a PDF, or None."""
    if fs_type & 0x0002 and not fs_type & 0x000C:
        return "does not allow embedding (its licence flags say 'restricted')"
    if fs_type & 0x0200:
        return "allows embedding only as a picture (bitmap), not as text"
    return None
