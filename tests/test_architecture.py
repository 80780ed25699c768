"""The shape of the house, from the source: the module import graph has no circle.

Every ``import`` counts wherever it stands: at the top of a module, inside a function (a lazy
import keeps start-up fast but is still a dependency) and under ``if TYPE_CHECKING`` (a circle
that only the type checker walks is still a circle a reader has to untangle). An import of a
package's submodule (``from pkg import mod``) is an edge to that submodule; an import of a name
from a package (``from motcua_desktop.storage import Store``) is an edge to the package.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "motcua_desktop"
ROOT = PACKAGE.name


@cache
def modules() -> dict[str, Path]:
    """Dotted name → file of every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name: str) -> set[str]:
    """The modules of the package that ``name`` imports (anywhere in its source)."""
    known = modules()
    path = known[name]
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    edges: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            edges.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            for alias in node.names:
                if f"{source}.{alias.name}" in known:
                    edges.add(f"{source}.{alias.name}")
                elif source in known:
                    edges.add(source)
    edges.discard(name)
    return edges


@cache
def import_graph() -> dict[str, frozenset[str]]:
    return {name: frozenset(imports_of(name)) for name in modules()}


def circles(graph: dict[str, frozenset[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start, targets in graph.items():
        if start in index:
            continue
        work = [(start, iter(sorted(targets)))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_the_graph_sees_every_kind_of_import() -> None:
    graph = import_graph()
    # a top-level import, a function-level one and one under TYPE_CHECKING
    assert "motcua_desktop.domain.errors" in graph["motcua_desktop.domain.lifecycle"]
    assert "motcua_desktop.services.core.calendar" in graph["motcua_desktop.services.core.context"]
    assert "motcua_desktop.printing.builder" in graph["motcua_desktop.printing.build_text"]


def test_circles_are_found() -> None:
    graph = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}), "d": frozenset({"a"})}
    assert circles(graph) == [["a", "b", "c"]]
    assert circles({"a": frozenset({"b"}), "b": frozenset()}) == []


def test_no_import_circles() -> None:
    assert circles(import_graph()) == []
