"""The package's shape: dependencies point one way, nothing outside ``kbdesk.ui``
imports Qt, and no module imports itself through others.

Every import counts, also those inside functions (imported late for speed):
a late import still ties the two modules together.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kbdesk"

# Bottom to top; a module may import its own layer's and lower layers' modules.
LAYERS = [
    ["kbdesk.textforms", "kbdesk.resources", "kbdesk.messages"],
    ["kbdesk.content"],
    ["kbdesk.config"],
    ["kbdesk.search"],
    ["kbdesk.authoring", "kbdesk.usage", "kbdesk.importing", "kbdesk.sync"],
    ["kbdesk.ui.common"],
    ["kbdesk.ui.editor"],
    ["kbdesk.ui.agent"],
    ["kbdesk.ui"],
    ["kbdesk.cli"],
    ["kbdesk.__main__"],
]
# The command line starts the window through this one module, and only late.
CLI_MAY_IMPORT_FROM_UI = {"kbdesk.ui.app"}
QT_MODULES = ("PySide6", "shiboken6")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every module *path* imports, as absolute names (``from x import y``
    counts as x.y when that is a module)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            found.add(source)
            found.update(f"{source}.{alias.name}" for alias in node.names)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports_of(path) if m in modules and m != name} | (
        {m for m in imports_of(path) if m.split(".")[0] in QT_MODULES})
        for name, path in modules.items()}


def layer_of(module: str) -> int:
    best, depth = None, -1
    for i, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and prefix.count(".") > depth:
                best, depth = i, prefix.count(".")
    if best is None:
        if module == "kbdesk":
            return 0  # the package's __init__: the version only
        raise AssertionError(f"{module} is in no layer: add it to LAYERS in {__file__}")
    return best


def test_every_module_is_in_a_layer(graph):
    for module in graph:
        layer_of(module)


def test_dependencies_point_down(graph):
    upward = []
    for module, targets in graph.items():
        for target in targets:
            if target.split(".")[0] in QT_MODULES:
                continue
            if module.startswith("kbdesk.cli") and target in CLI_MAY_IMPORT_FROM_UI:
                continue
            if layer_of(target) > layer_of(module):
                upward.append(f"{module} imports {target}")
    assert not upward, "imports that point up a layer:\n" + "\n".join(sorted(upward))


def test_capabilities_do_not_import_each_other_in_a_circle(graph):
    # Same-layer imports are allowed, so a cycle between subpackages is
    # checked on its own.
    def package(module: str) -> str:
        return ".".join(module.split(".")[:3 if module.startswith("kbdesk.ui.") else 2])

    edges: dict[str, set[str]] = {}
    for module, targets in graph.items():
        for target in targets:
            if target.startswith("kbdesk") and package(target) != package(module):
                edges.setdefault(package(module), set()).add(package(target))
    assert not find_cycle(edges), f"subpackages import each other: {' → '.join(find_cycle(edges))}"


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One cycle of the directed graph, as a path that ends where it starts; []
    if there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = 2
        path.pop()
        return []

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return []


def test_no_module_imports_itself():
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        if path.name != "__init__.py":
            assert name not in imports_of(path), f"{name} imports itself"


def test_no_import_cycles(graph):
    edges = {m: {t for t in ts if t.startswith("kbdesk")} for m, ts in graph.items()}
    # A package's __init__ is imported with each of its modules; importing a
    # module of one's own package through it is not a cycle of modules.
    edges = {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in edges.items()}
    cycle = find_cycle(edges)
    assert not cycle, "import cycle: " + " → ".join(cycle)


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}}) == []


def test_only_the_window_imports_qt(graph):
    outside = sorted(f"{m} imports {t}" for m, ts in graph.items() for t in ts
                     if t.split(".")[0] in QT_MODULES and not m.startswith("kbdesk.ui"))
    assert not outside, "\n".join(outside)


def test_the_core_and_the_command_line_run_without_loading_qt():
    modules = ["kbdesk.cli", "kbdesk.search.searcher", "kbdesk.search.index", "kbdesk.authoring.workflow",
               "kbdesk.content.check", "kbdesk.usage.store"]
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules)
            + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"


def test_every_subpackage_says_what_it_is_for_and_what_it_may_import():
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, f"{init} has no docstring"
        if init.parent != PACKAGE:
            assert "import" in doc, f"{init} does not say what it may import"
