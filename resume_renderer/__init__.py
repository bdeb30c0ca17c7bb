"""resume-renderer's Python API under the distribution's own name (`pip install
resume-renderer`, then `import resume_renderer`): `renderer` is where the code lives, a name
too generic to be the one a program imports. Everything here is `renderer.api`'s.

    import resume_renderer

    for file in resume_renderer.render("me.yaml", theme="modern", formats=["pdf", "docx"]):
        file.write("output")
"""

from __future__ import annotations

from typing import Any

from renderer import __version__

__all__ = [
    "InputError",
    "Output",
    "OutputError",
    "RenderError",
    "__version__",
    "formats",
    "load",
    "render",
    "themes",
    "to_json_resume",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from renderer import api

        return getattr(api, name)
    raise AttributeError(f"module 'resume_renderer' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
