"""No import circles: the module graph of the headless packages has no cycle.

Every import counts, at module level, under `if TYPE_CHECKING:` and inside functions alike: an
import moved into a function hides a circle from Python, not from a reader. The graph is built
from the source (an AST scan), so nothing is imported to check it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.conftest import ROOT

# The graph spans these packages, so a circle through two of them is seen too.
GRAPH_PACKAGES = ("core", "storage", "cli", "ui")
# The packages whose modules must sit on no circle; ui joins once its own circles are gone.
CHECKED_PACKAGES = ("core", "storage", "cli", "ui", "selftest")


def module_files(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    """Dotted module name -> source file, for every module of the packages under root."""
    modules: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _imported_names(tree: ast.AST, module: str, is_package: bool) -> Iterable[str]:
    """The dotted name of everything an import anywhere in the tree brings in; `from a.b
    import c` gives a.b.c, which is the module a.b.c or else the name c in a.b."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield f"{base}.{alias.name}" if alias.name != "*" else base


def import_graph(root: Path, packages: Iterable[str]) -> dict[str, set[str]]:
    """Module -> the modules of the same packages it imports."""
    modules = module_files(root, packages)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for target in _imported_names(tree, name, path.name == "__init__.py"):
            # `import a.b.c` or `from a.b import c`: the deepest module of ours it names.
            parts = target.split(".")
            while parts and ".".join(parts) not in modules:
                parts.pop()
            if parts and ".".join(parts) != name:
                graph[name].add(".".join(parts))
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


@pytest.mark.parametrize("package", CHECKED_PACKAGES)
def test_no_import_circle(package: str) -> None:
    graph = import_graph(ROOT, GRAPH_PACKAGES)
    found = [c for c in circles(graph) if any(_in(m, package) for m in c)]
    assert found == [], "import circles: " + "; ".join(" <-> ".join(c) for c in found)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_scan_sees_a_circle_hidden_in_a_function(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg.b import thing\n",
            "pkg/b.py": "def thing():\n    from pkg import a\n    return a\n",
            "pkg/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.d\n",
            "pkg/d.py": "from .c import x\n",
            "pkg/e.py": "import pkg.a\nimport json\n",
        },
    )
    graph = import_graph(tmp_path, ["pkg"])
    assert graph["pkg.e"] == {"pkg.a"}
    assert circles(graph) == [["pkg.a", "pkg.b"], ["pkg.c", "pkg.d"]]


def test_a_package_that_imports_its_own_modules_is_no_circle(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": "from pkg.sub.one import x\n",
            "pkg/sub/__init__.py": "from .one import x\n",
            "pkg/sub/one.py": "from pkg.sub import two\n",
            "pkg/sub/two.py": "import os\n",
        },
    )
    graph = import_graph(tmp_path, ["pkg"])
    assert graph == {
        "pkg": {"pkg.sub.one"},
        "pkg.sub": {"pkg.sub.one"},
        "pkg.sub.one": {"pkg.sub.two"},
        "pkg.sub.two": set(),
    }
    assert circles(graph) == []
