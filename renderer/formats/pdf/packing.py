"""The PDF written with its small objects packed into a compressed object stream and a
cross-reference stream (PDF 1.5, allowed by PDF/A-2), in place of reportlab's plain objects
and xref table.

A tagged resume has a structure element for every heading, paragraph, list item, label and
body: a hundred or more small dictionaries, which as plain objects made the file about 30%
larger. Compressed together with the fonts' width tables and the page dictionaries, they
cost less than nothing: the tagged file is smaller than the untagged one was. Streams (page
contents, font programs, the XMP packet, which must stay readable) are written as reportlab
writes them.

This replaces `PDFDocument.format` for one document; it uses reportlab's object formatting
(the `pdfdoc` internals below), so reportlab is pinned below its next major version.
"""

from __future__ import annotations

import hashlib
import zlib
from typing import Any

from reportlab.pdfbase.pdfdoc import format as pdf_format

HEADER = b"%PDF-1.7\n%\x93\x8c\x8b\x9e resume-renderer\n"


def packed(doc: Any) -> bytes:
    """The bytes of reportlab's document `doc`: objects formatted as reportlab formats them
    (new ones may be registered while others are formatted), then written out."""
    doc.encrypt.prepare(doc)  # no encryption: a hook reportlab expects to be called
    catalog, info = doc.Reference(doc.Catalog), doc.Reference(doc.info)
    bodies: dict[int, bytes] = {}
    number = 0
    while number + 1 in doc.numberToId:
        number += 1
        doc.encrypt.register(number, 0)
        body = pdf_format(doc.idToObject[doc.numberToId[number]], doc, toplevel=1)
        bodies[number] = body if body.endswith(b"\n") else body + b"\n"
    out = bytearray(HEADER)
    where: dict[int, tuple[int, int, int]] = {}  # number -> xref entry (type, field 2, field 3)
    small = []
    for number, body in bodies.items():
        if body.rstrip().endswith(b"endstream"):  # streams cannot be packed
            # reportlab writes `…data endstream` with no line break before the keyword;
            # PDF/A-2 (6.1.7.1) wants one, which the stream's /Length does not count.
            end = body.rindex(b"endstream")
            if body[end - 1 : end] not in (b"\n", b"\r"):
                body = body[:end] + b"\n" + body[end:]
            where[number] = (1, len(out), 0)
            out += b"%d 0 obj\n%s" % (number, body) + b"endobj\n"
        else:
            small.append(number)
    packing = len(bodies) + 1
    offsets, data = [], bytearray()
    for index, number in enumerate(small):
        where[number] = (2, packing, index)
        offsets.append(b"%d %d" % (number, len(data)))
        data += bodies[number]
    table = b" ".join(offsets) + b"\n"
    content = zlib.compress(bytes(table + data))
    where[packing] = (1, len(out), 0)
    out += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n" % (
        packing,
        len(small),
        len(table),
        len(content),
    )
    out += b"stream\n" + content + b"\nendstream\nendobj\n"
    xref = packing + 1
    where[xref] = (1, len(out), 0)
    rows = [b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")]
    for number in range(1, xref + 1):
        kind, second, third = where[number]
        rows.append(bytes([kind]) + second.to_bytes(4, "big") + third.to_bytes(2, "big"))
    entries = zlib.compress(b"".join(rows))
    # The file's identifier from its content (reportlab's, in invariant mode, hashes only
    # the document information: every theme of one person got the same): the same bytes
    # give the same identifier, other bytes another.
    digest = hashlib.md5(b"".join(bodies.values()), usedforsecurity=False).hexdigest()
    identifier = b"[<%s><%s>]" % (digest.encode(), digest.encode())
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [ 1 4 2 ] /Root %s /Info %s /ID %s " % (
        xref,
        xref + 1,
        pdf_format(catalog, doc),
        pdf_format(info, doc),
        identifier,
    )
    out += b"/Filter /FlateDecode /Length %d >>\nstream\n" % len(entries)
    out += entries + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % where[xref][1]
    return bytes(out)
