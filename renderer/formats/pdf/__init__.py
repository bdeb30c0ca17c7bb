"""PDF, drawn by reportlab (`writer.py`) and read back by pypdf and by pdfminer.six with its
default settings, the text layer under many parsing pipelines (`reader.py`); `outlines.py`
draws page numbers as shapes."""

from __future__ import annotations

import sys
import types

# reportlab runs ~/.reportlab_mods and ~/.reportlab_settings as Python when it is imported: a
# person's home folder would change every PDF (and one that is a file stops every render).
# Empty modules under those names stand in for them, so every machine draws the same bytes.
for _name in ("reportlab_mods", "reportlab_settings"):
    sys.modules.setdefault(_name, types.ModuleType(_name))

from renderer.formats import Format, Reader  # noqa: E402 (after the stand-ins above)
from renderer.formats.pdf import reader, writer  # noqa: E402

FORMAT = Format(
    name="pdf",
    suffix=".pdf",
    description="PDF: embedded subset TrueType fonts, real text, one column",
    render=writer.render,
    readers=(
        Reader("pypdf", reader.read_back, orders_right_to_left=False),
        Reader("pdfminer", reader.read_with_pdfminer),
    ),
    paged=True,
    media_type="application/pdf",
)
