"""The shape of the house, from the source: which room may import which, and no circle anywhere.

A room is a part of the package with one job (``docs/architecture.md``): ``domain``, ``storage``, the pure
packages (``crypto``, ``importers``, ``printing``, ``reports``, ``sync``), ``services.core``, each wing of
``services`` and the front door ``services.workspace``, each wing of ``ui``, ``commands``, ``cli`` and the
base modules every room may use (the package's ``__init__``, ``paths``, ``resource_files``, ``logs``,
``outfiles``, ``fileio``, ``volumes``, ``streams``, ``counter_claims``).
``ALLOWED`` says which rooms each room may import; a wing of ``services`` imports another wing only
through the modules that wing lists in its ``SHARED`` (its ``__init__.py``). The third-party rules (no Qt,
no SQL, no file I/O in the domain) are ``tests/test_layers.py``.

Every ``import`` counts wherever it stands: at the top of a module, inside a function (a lazy
import keeps start-up fast but is still a dependency) and under ``if TYPE_CHECKING`` (a circle
that only the type checker walks is still a circle a reader has to untangle). An import of a
package's submodule (``from pkg import mod``) is an edge to that submodule; an import of a name
from a package (``from motcua_desktop.storage import Store``) is an edge to the package.
"""

from __future__ import annotations

import ast
import importlib
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

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


BASE_MODULES = ("paths", "resource_files", "logs", "outfiles", "fileio", "volumes", "streams", "counter_claims")
BASE = frozenset({ROOT, *(f"{ROOT}.{name}" for name in BASE_MODULES)})
PURE = frozenset({"crypto", "importers", "printing", "reports", "sync", "hub"})
WINGS = (
    "accounts",
    "complaints",
    "demo",
    "dossiers",
    "hub",
    "office",
    "printing",
    "queue",
    "reports",
    "safety",
    "sync",
)
SERVICES = frozenset({"services.core", "services.workspace", *(f"services.{w}" for w in WINGS)})
UI = frozenset(
    {
        "ui",
        "ui.accounts",
        "ui.complaints",
        "ui.dossiers",
        "ui.forms",
        "ui.office",
        "ui.printing",
        "ui.queue",
        "ui.reports",
    }
)
UI_ALL = UI | {"ui.safety", "ui.shell", "ui.sync"}


def room(module: str) -> str:
    """The room of a module: ``services.dossiers`` for ``motcua_desktop.services.dossiers.lookup``."""
    if module in BASE:
        return "base"
    parts = module.split(".")
    if parts[1] in ("cli", "__main__"):
        return "cli"
    if parts[1] in ("services", "ui") and len(parts) > 2:
        package = PACKAGE.joinpath(*parts[1:3])
        if package.is_dir():
            return f"{parts[1]}.{parts[2]}"
        return "services.workspace" if parts[1] == "services" else "ui"
    return parts[1]


# room → the rooms it may import (besides itself)
ALLOWED: dict[str, frozenset[str]] = {
    "base": frozenset({"domain"}),  # outfiles and fileio name the file in a FileProblem
    "domain": frozenset(),
    "storage": frozenset({"domain", "base"}),
    "crypto": frozenset({"domain", "base"}),
    "importers": frozenset({"domain", "base"}),
    "printing": frozenset({"domain", "base"}),
    "reports": frozenset({"domain", "base"}),
    "sync": frozenset({"domain", "crypto", "base"}),
    "hub": frozenset({"domain", "sync", "base"}),  # PostgreSQL (psycopg) and the hub's wire format only
    "services": frozenset(),
    "services.core": frozenset({"domain", "storage", "base"}),
    **{
        f"services.{w}": frozenset(
            {"services.core", "domain", "storage", "base", *PURE} | SERVICES - {"services.workspace"}
        )
        for w in WINGS
    },
    "services.workspace": frozenset({"domain", "storage", "base"} | SERVICES),
    **{u: frozenset({"domain", "base", "printing", "reports"} | SERVICES | UI_ALL) for u in UI_ALL},
    "commands": frozenset({"domain", "base", "crypto", "reports"} | SERVICES),
    "cli": frozenset({"commands", "domain", "base", "ui.shell"}),
}


def room_imports() -> dict[str, set[str]]:
    """Each room and the other rooms its modules import."""
    found: dict[str, set[str]] = defaultdict(set)
    for module, targets in import_graph().items():
        found[room(module)].update(room(t) for t in targets if room(t) != room(module))
    return dict(found)


def shared_modules(wing: str) -> tuple[str, ...]:
    shared: tuple[str, ...] = importlib.import_module(f"{ROOT}.services.{wing}").SHARED
    return shared


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


def test_every_room_has_its_rule() -> None:
    assert {room(m) for m in modules()} == set(ALLOWED)


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_rooms_import_only_what_they_may(name: str) -> None:
    assert room_imports().get(name, set()) - ALLOWED[name] == set()


def test_a_wing_uses_another_wing_only_through_its_shared_modules() -> None:
    bad = []
    for module, targets in import_graph().items():
        source = room(module)
        if source not in SERVICES - {"services.core"}:
            continue
        for target in targets:
            wing = room(target)
            if wing in SERVICES - {"services.core", "services.workspace"} and wing != source:
                name = target.split(".")[3] if target.count(".") >= 3 else ""
                if name not in shared_modules(wing.split(".")[1]):
                    bad.append(f"{module} imports {target}")
    assert bad == []


def test_shared_modules_exist_and_are_used() -> None:
    used = {t for ts in import_graph().values() for t in ts}
    for wing in WINGS:
        for name in shared_modules(wing):
            module = f"{ROOT}.services.{wing}.{name}"
            assert module in modules(), module
            assert any(
                module in targets
                and room(source) not in (f"services.{wing}", "commands", "cli")
                and not source.startswith(f"{ROOT}.ui")
                for source, targets in import_graph().items()
            ), f"{module} is listed as shared but no other wing uses it"
    assert used


def test_commands_reach_storage_only_through_services() -> None:
    assert "storage" not in room_imports()["commands"]


def test_ui_never_touches_storage() -> None:
    assert all("storage" not in room_imports().get(u, set()) for u in UI_ALL)


DOC = PACKAGE.parent / "docs" / "architecture.md"


def documented_rooms() -> dict[str, tuple[set[str], set[str] | None]]:
    """The table "Rooms and what they import" of ``docs/architecture.md``: room → (imports, shared)."""
    text = DOC.read_text(encoding="utf-8").split("## Rooms and what they import", 1)[1]
    rows: dict[str, tuple[set[str], set[str] | None]] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        names = [{n.strip().strip("`") for n in c.split(",") if n.strip() not in ("", "—")} for c in cells[1:]]
        rows[cells[0].strip("`")] = (names[0], names[1] if cells[2] else None)
    return rows


def test_the_architecture_page_lists_every_room_and_what_it_imports() -> None:
    documented = documented_rooms()
    actual = room_imports()
    assert set(documented) == {room(m) for m in modules()}
    assert {name: imports for name, (imports, _) in documented.items()} == {
        name: actual.get(name, set()) for name in documented
    }


def test_the_architecture_page_lists_each_wings_shared_modules() -> None:
    documented = documented_rooms()
    for wing in WINGS:
        assert documented[f"services.{wing}"][1] == set(shared_modules(wing)), wing
