"""resume-renderer: a career written once as a profile, rendered as ATS-friendly resumes.

The pipeline, one module a step: loader (YAML/JSON -> Profile) -> compose (Profile + Theme ->
Document) -> backends (Document -> PDF, DOCX, text, Markdown) -> check (read the file back).
"""
