"""The library's modules by responsibility: no module imports a private name from another
subsystem, and no import cycle, counting the imports inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mnist_tutorial"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str) -> list[tuple[str, list[str], int]]:
    """(imported module, names taken from it, line) for every import in the module,
    at any depth (inside functions too)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            source = f"{base}.{node.module}" if node.level and node.module else node.module
            source = source if node.level == 0 or node.module else base
            for alias in node.names:
                child = f"{source}.{alias.name}"
                if child in MODULES:  # `from . import ch01`: the submodule itself
                    found.append((child, [], node.lineno))
                else:
                    found.append((source, [alias.name], node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
    return [(module, names, line) for module, names, line in found if module in MODULES]


def _subsystem(module: str) -> str:
    """The top-level module or subpackage of the library a module belongs to."""
    parts = module.split(".")
    return ".".join(parts[:2])


def private_imports() -> list[str]:
    return [
        f"{name} (line {line}) imports {', '.join(names)} from {source}"
        for name in MODULES
        for source, names, line in _imports(name)
        if _subsystem(source) != _subsystem(name) and any(n.startswith("_") for n in names)
    ]


def cycles() -> list[list[str]]:
    graph = {name: sorted({source for source, _, _ in _imports(name)}) for name in MODULES}
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in graph[node]:
            if state.get(nxt) == "open":
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return found


def test_the_walk_sees_the_library_and_its_imports():
    assert len(MODULES) > 20 and "mnist_tutorial.cache" in MODULES
    imported = {source: names for source, names, _ in _imports("mnist_tutorial.hog")}
    assert imported["mnist_tutorial.features"] == ["Deskew"]
    assert "mnist_tutorial.checks._runner" in {s for s, _, _ in _imports("mnist_tutorial.checks")}
    # imports inside functions count: grade_batch imports the batch workers
    assert "mnist_tutorial.batch" in {s for s, _, _ in _imports("mnist_tutorial.grade")}


def test_no_module_imports_a_private_name_from_another_subsystem():
    assert private_imports() == []


def test_no_import_cycles_counting_imports_inside_functions():
    assert cycles() == []


@pytest.mark.parametrize(
    ("files", "kind"),
    [
        ({"a.py": "from .b import _x\n", "b.py": "_x = 1\n"}, "private"),
        ({"a.py": "def f():\n    from . import b\n", "b.py": "from . import a\n"}, "cycle"),
        ({"a.py": "from .b import x\n", "b.py": "x = 1\n"}, None),
    ],
    ids=["private name", "cycle through a function-level import", "clean"],
)
def test_the_checks_can_fail(tmp_path, monkeypatch, files, kind):
    package = tmp_path / "mnist_tutorial"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, text in files.items():
        (package / name).write_text(text)
    monkeypatch.setitem(globals(), "PACKAGE", package)
    monkeypatch.setitem(globals(), "MODULES", {_module_name(p): p for p in package.rglob("*.py")})
    assert bool(private_imports()) is (kind == "private")
    assert bool(cycles()) is (kind == "cycle")
