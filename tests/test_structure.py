"""The layout of the package stays telling: it is laid out as the pipeline, imports only run
down it, there are no import cycles, and nothing outside the formats names a format."""

from __future__ import annotations

import ast
import re
from functools import cache

from tests.conftest import ROOT

PACKAGE = ROOT / "renderer"

# The pipeline's layers, lowest first. A module may import its own layer and those below it,
# never one above: the input side never reaches the output side, a format never reaches the
# jobs that run it. cli/ and api.py sit on top, side by side.
LAYERS = (
    ("renderer", "renderer.errors", "renderer.files"),
    ("renderer.locale",),
    ("renderer.profile",),
    ("renderer.inputs",),
    ("renderer.theme",),
    ("renderer.compose",),
    ("renderer.formats",),
    ("renderer.ats",),
    ("renderer.jobs",),
    ("renderer.cli", "renderer.api", "renderer.service"),
)


def layer_of(module: str) -> int:
    best = max(
        (len(prefix), number)
        for number, prefixes in enumerate(LAYERS)
        for prefix in prefixes
        if module == prefix or module.startswith(prefix + ".")
    )
    return best[1]


@cache
def modules() -> dict[str, ast.Module]:
    found = {}
    for file in PACKAGE.rglob("*.py"):
        parts = file.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts).removesuffix(".__init__")] = ast.parse(file.read_text("utf-8"))
    return found


@cache
def imports() -> dict[str, set[str]]:
    """Every module of the package and the package's modules it imports (at module level, in
    a function, or for type checking alike): `from a import b` imports `a.b` when that is a
    module, else `a`."""
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, tree in known.items():
        deps: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("renderer"):
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    deps.add(full if full in known else node.module or "")
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names if a.name.startswith("renderer"))
        graph[name] = {d for d in deps if d in known and d != name}
    return graph


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


def test_every_module_has_its_layer():
    assert all(layer_of(name) >= 0 for name in modules())
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    named = {prefix.split(".")[1] for layer in LAYERS for prefix in layer if "." in prefix}
    assert folders <= named, f"a folder with no layer: {folders - named}"


def test_imports_only_run_down_the_pipeline():
    upward = [
        f"{module} (layer {layer_of(module)}) imports {dep} (layer {layer_of(dep)})"
        for module, deps in imports().items()
        for dep in deps
        if layer_of(dep) > layer_of(module)
    ]
    assert not upward, "\n".join(sorted(upward))


def test_the_top_layer_does_not_lean_on_itself():
    for module, deps in imports().items():
        if module.startswith("renderer.api"):
            assert not any(d.startswith("renderer.cli") for d in deps), module


def test_no_import_cycles():
    graph = imports()
    cycles = [(a, b) for a, deps in graph.items() for b in deps if _reaches(b, a)]
    assert not cycles


def test_the_input_model_does_not_import_the_output_side():
    for module in ("renderer.profile.model", "renderer.profile.markup", "renderer.inputs.reading"):
        for output in ("renderer.compose.document", "renderer.formats", "renderer.compose.resume"):
            assert not _reaches(module, output), f"{module} reaches {output}"


def test_only_the_formats_name_a_format():
    """The jobs, check and the CLI ask the registry; no other module tests for 'pdf'."""
    pattern = re.compile(r"""["'](pdf|docx|html|txt|md)["']""")
    for file in PACKAGE.rglob("*.py"):
        relative = file.relative_to(PACKAGE).as_posix()
        if relative.startswith("formats/"):
            continue
        assert not pattern.search(file.read_text("utf-8")), relative


def test_small_pieces():
    """No module over 700 lines, no function over 100: a piece a newcomer reads at once."""
    long_modules, long_functions = [], []
    for file in PACKAGE.rglob("*.py"):
        text = file.read_text("utf-8")
        if text.count("\n") > 700:
            long_modules.append(file.relative_to(ROOT).as_posix())
        for node in ast.walk(ast.parse(text)):
            function = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            if function and node.end_lineno and node.end_lineno - node.lineno + 1 > 100:
                long_functions.append(f"{file.name}:{node.name}")
    assert not long_modules and not long_functions, (long_modules, long_functions)


def test_a_lazy_import_says_why():
    """An import inside a function is there for start-up time, and says so: a comment on its
    line or in the few lines above, or its function's docstring. The CLI and the API, whose
    module docstrings say why theirs are lazy, aside."""
    silent = []
    for file in PACKAGE.rglob("*.py"):
        relative = file.relative_to(PACKAGE).as_posix()
        if relative.startswith("cli/") or relative == "api.py":
            continue
        lines = file.read_text("utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            explained = "import" in (ast.get_docstring(node) or "")
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    near = lines[max(inner.lineno - 4, node.lineno - 1) : inner.lineno]
                    if not (explained or any("#" in line for line in near)):
                        silent.append(f"{relative}:{inner.lineno}")
    assert not silent, silent
