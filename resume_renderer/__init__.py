"""resume-renderer's Python API, under the distribution's own name (`pip install
resume-renderer`, then `import resume_renderer`): the one name programs import. The code
lives in the package `renderer`, too generic a name to claim in someone else's program;
everything here is `renderer.api`'s, by its `__all__`, so the two cannot drift apart.

    import resume_renderer

    for file in resume_renderer.render("me.yaml", theme="modern", formats=["pdf", "docx"]):
        file.write("output")
"""

from __future__ import annotations

from typing import Any

from renderer import __version__, api

__all__ = [*api.__all__, "__version__"]


def __getattr__(name: str) -> Any:
    if name in api.__all__:
        return getattr(api, name)
    raise AttributeError(f"module 'resume_renderer' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
