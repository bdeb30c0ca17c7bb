"""The layout of the package stays telling: no import cycles, the input side never imports
the output side, and nothing outside the backends names a format."""

from __future__ import annotations

import ast
import re
from functools import cache

from tests.conftest import ROOT

PACKAGE = ROOT / "renderer"


@cache
def imports() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports (lazily or not)."""
    found: dict[str, set[str]] = {}
    for file in PACKAGE.rglob("*.py"):
        parts = file.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts).removesuffix(".__init__")
        deps = set()
        for node in ast.walk(ast.parse(file.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("renderer"):
                # `from renderer import backends` imports the subpackage; the package's own
                # __init__ (which re-exports the API lazily) is not what the module depends on.
                if node.module != "renderer":
                    deps.add(node.module or "")
                deps.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names if a.name.startswith("renderer"))
        found[name] = deps
    return {name: {d for d in deps if d in found and d != name} for name, deps in found.items()}


def _reaches(start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        module = todo.pop()
        if module == goal:
            return True
        if module not in seen:
            seen.add(module)
            todo += imports().get(module, ())
    return False


def test_no_import_cycles():
    graph = imports()
    cycles = [(a, b) for a, deps in graph.items() for b in deps if _reaches(b, a)]
    assert not cycles


def test_the_input_model_does_not_import_the_output_side():
    for module in (
        "renderer.profile.model",
        "renderer.profile.markup",
        "renderer.inputs.reading",
        "renderer.profile.sections",
    ):
        for output in ("renderer.compose.document", "renderer.formats", "renderer.compose.resume"):
            assert not _reaches(module, output), f"{module} reaches {output}"


def test_only_the_formats_name_a_format():
    """The pipeline, check and the CLI ask the registry; no other module tests for 'pdf'."""
    pattern = re.compile(r"""["'](pdf|docx|html|txt|md)["']""")
    for file in PACKAGE.rglob("*.py"):
        relative = file.relative_to(PACKAGE).as_posix()
        if relative.startswith("formats/"):
            continue
        assert not pattern.search(file.read_text("utf-8")), relative
