"""resume-renderer: a career written once as a profile, rendered as ATS-friendly resumes.

The pipeline, one module a step: loader (YAML/JSON -> Profile, model.py) -> compose (Profile +
Theme -> Document, by the section catalogue in sections.py) -> backends (Document -> PDF,
DOCX, HTML, text, Markdown; a registry of formats) -> check (the written file read back by
readers/ and compared with the Document). Themes are data (theme.py), their templates run in
a bounded sandbox (sandbox.py, text.py); every file goes through files.py.
"""

from typing import Any

__version__ = "0.2.0"  # the package's version (pyproject.toml reads it from here)

# The Python API (renderer/api.py), imported on first use: `import renderer` stays as light
# as `resume --help` needs it to be.
_API = {"render", "load", "themes", "formats", "to_json_resume", "Output"}
_API |= {"InputError", "RenderError", "OutputError"}


def __getattr__(name: str) -> Any:
    if name in _API:
        from renderer import api

        return getattr(api, name)
    raise AttributeError(f"module 'renderer' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
