"""JSON Resume (jsonresume.org, schema v1 and the names written before it): read as a profile
(`importer.py`, by the table of fields in `fields.py`; sections JSON Resume lacks in
`other.py`), and a profile written as one (`export.py`).

Beside the profile's values the import keeps where each came from, so that an error names
the line of resume.json and the JSON Resume field, and a note for everything the profile
cannot hold (a photo, a street address, a skill level, a key JSON Resume does not define):
reported by field, never dropped silently. Export keeps a copy of the profile under
`meta.x-resume-renderer`; import takes it only while JSON Resume's fields are still what
export wrote, and sets it aside with a note once they were edited elsewhere.
"""

from renderer.inputs.jsonresume.export import export_resume
from renderer.inputs.jsonresume.importer import import_resume, looks_like_json_resume
from renderer.inputs.jsonresume.roundtrip import differences, lost_in_json_resume

__all__ = [
    "differences",
    "export_resume",
    "import_resume",
    "looks_like_json_resume",
    "lost_in_json_resume",
]
