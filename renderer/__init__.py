"""resume-renderer: a career written once as a profile, rendered as ATS-friendly resumes.

The pipeline, one module a step: loader (YAML/JSON -> Profile, model.py) -> compose (Profile +
Theme -> Document, by the section catalogue in sections.py) -> backends (Document -> PDF,
DOCX, HTML, text, Markdown; a registry of formats) -> check (the written file read back by
readers/ and compared with the Document). Themes are data (theme.py), their templates run in
a bounded sandbox (sandbox.py, text.py); every file goes through files.py.
"""
