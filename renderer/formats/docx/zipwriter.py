"""A small zip writer for DOCX packages: deterministic, and able to take a member compressed
earlier as it is.

A DOCX is a zip of XML parts, most of them the theme's and the same in every resume (the
styles alone are 350 KB of XML). `zipfile` compresses every member it is given, so a warm
render spent half its time compressing what it compressed last time; here a `Member` is
compressed once and written as often as needed. Every member is dated 1980-01-01 (the same
input gives the same bytes) and deflated, as `zipfile` would; names are ASCII part names, and
a resume is far from zip64's 4 GB.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass

_DOS_DATE, _DOS_TIME = (0 << 9) | (1 << 5) | 1, 0  # 1980-01-01 00:00:00
_VERSION = 20  # 2.0: deflate
_MADE_BY = (3 << 8) | _VERSION  # on Unix (so external attributes are permissions)
_PERMISSIONS = 0o644 << 16


@dataclass(frozen=True)
class Member:
    name: str
    crc: int
    size: int
    data: bytes  # deflated

    @classmethod
    def of(cls, name: str, blob: bytes) -> Member:
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        data = compressor.compress(blob) + compressor.flush()
        return cls(name, zlib.crc32(blob), len(blob), data)


class ZipWriter:
    def __init__(self) -> None:
        self._out = io.BytesIO()
        self._directory: list[bytes] = []

    def add(self, member: Member) -> None:
        name = member.name.encode("ascii")
        fields = (_DOS_TIME, _DOS_DATE, member.crc, len(member.data), member.size, len(name))
        offset = self._out.tell()
        self._out.write(struct.pack("<IHHH" + "HHIIIHH", 0x04034B50, _VERSION, 0, 8, *fields, 0))
        self._out.write(name)
        self._out.write(member.data)
        self._directory.append(
            struct.pack(
                "<IHHHH" + "HHIIIHH" + "HHHII",
                0x02014B50,
                _MADE_BY,
                _VERSION,
                0,  # flags
                8,  # deflate
                *fields,
                0,  # extra field length
                0,  # comment length
                0,  # disk number
                0,  # internal attributes
                _PERMISSIONS,
                offset,
            )
            + name
        )

    def write(self, name: str, blob: bytes) -> None:
        self.add(Member.of(name, blob))

    def close(self) -> bytes:
        start = self._out.tell()
        for entry in self._directory:
            self._out.write(entry)
        size = self._out.tell() - start
        count = len(self._directory)
        self._out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, size, start, 0))
        return self._out.getvalue()
