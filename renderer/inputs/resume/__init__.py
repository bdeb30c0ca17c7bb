"""A resume that already exists, in Word or PDF, read into a profile.

`docx_lines.py` and `pdf_lines.py` read a file into lines (text, emphasis, lists, dates set
at the right, where each stood); `parse.py` reads the lines as a resume: the header (name,
headline, contact details in `header.py`), sections by their headings, entries by their heads
(`heads.py`: title, organisation, dates and place in the orders people write them), bullets,
skills lines, languages. Every value keeps its line; what was guessed is said at the value,
and a line that could not be placed is listed, as is a value the profile cannot hold
(`fit.py`).

The other modules: `lines.py` (a line as read, its text tidied), `pdf_pieces.py`,
`pdf_columns.py` (a page's columns), `dates.py` (dates as written), `sections.py` (which
lines are headings, in many languages), `header.py` (name and contact details).
"""

from __future__ import annotations

from pathlib import Path

from renderer.files import read_bytes
from renderer.inputs.imported import Imported
from renderer.inputs.resume.docx_lines import docx_lines
from renderer.inputs.resume.fit import fit
from renderer.inputs.resume.lines import Line
from renderer.inputs.resume.parse import parse
from renderer.inputs.resume.pdf_lines import pdf_lines
from renderer.profile.sourced import Positions

MAX_BYTES = 20 * 1024 * 1024  # a resume is well under 1 MiB; a scan with images may be more


def read_docx(path: Path) -> tuple[Imported, Positions]:
    return _read(docx_lines(read_bytes(path, MAX_BYTES, "resume"), str(path)))


def read_pdf(path: Path) -> tuple[Imported, Positions]:
    return _read(pdf_lines(read_bytes(path, MAX_BYTES, "resume"), str(path)))


def _read(lines: list[Line]) -> tuple[Imported, Positions]:
    positions = Positions()
    for line in lines:
        positions.values[line.place] = line.mark
    imported = parse(lines)
    fit(imported)
    return imported, positions
