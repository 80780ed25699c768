"""The architecture rules of DEVELOPERS.md, enforced."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "motcua_desktop"


def imported_modules(folder: Path) -> dict[Path, set[str]]:
    found: dict[Path, set[str]] = {}
    for path in folder.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[path] = names
    return found


def offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path, names in imported_modules(PACKAGE / folder).items():
        for name in names:
            if name.split(".")[0] in forbidden:
                bad.append(f"{path.relative_to(PACKAGE)} imports {name}")
    return bad


def test_domain_imports_no_qt_and_no_sql() -> None:
    assert offenders("domain", ("PySide6", "sqlite3", "sqlite_utils", "shiboken6")) == []


def test_domain_does_no_file_io() -> None:
    bad = []
    for path in (PACKAGE / "domain").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open":
                bad.append(str(path.relative_to(PACKAGE)))
            if isinstance(node, ast.Attribute) and node.attr in (
                "read_text",
                "read_bytes",
                "write_text",
                "write_bytes",
            ):
                bad.append(str(path.relative_to(PACKAGE)))
    assert bad == []


def test_importing_the_domain_loads_neither_qt_nor_sqlite() -> None:
    code = (
        "import importlib, pkgutil, sys, motcua_desktop.domain as d\n"
        "for m in pkgutil.walk_packages(d.__path__, 'motcua_desktop.domain.'): importlib.import_module(m.name)\n"
        "bad = [n for n in ('PySide6', 'sqlite3', 'sqlite_utils') if n in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True, cwd=PACKAGE.parent
    )
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("folder", ["printing", "sync", "reports", "importers", "services", "storage"])
def test_non_ui_layers_import_no_qt(folder: str) -> None:
    if not (PACKAGE / folder).exists():
        pytest.skip(f"{folder} not present")
    assert offenders(folder, ("PySide6", "shiboken6")) == []


@pytest.mark.parametrize("folder", ["domain", "services", "printing", "sync", "reports", "importers", "ui", "commands"])
def test_only_storage_touches_sqlite(folder: str) -> None:
    if not (PACKAGE / folder).exists():
        pytest.skip(f"{folder} not present")
    assert offenders(folder, ("sqlite3", "sqlite_utils")) == []


def test_ui_calls_services_not_storage() -> None:
    if not (PACKAGE / "ui").exists():
        pytest.skip("no ui")
    bad = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path, names in imported_modules(PACKAGE / "ui").items()
        for name in names
        if name.startswith("motcua_desktop.storage")
    ]
    assert bad == []


def test_every_module_is_imported_by_a_plain_statement() -> None:
    """The frozen build ships only what its bundler sees imported: a module found by name at run
    time (``importlib``, ``pkgutil``, ``__import__``) is missing from it, silently (issue 15: five
    pages lost). Lazy imports stay plain ``from … import …`` statements inside functions."""
    bad = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Name) and node.id == "__import__":
                names = ["__import__"]
            bad += [
                f"{path.relative_to(PACKAGE)}: {name}"
                for name in names
                if name.split(".")[0] in ("importlib", "pkgutil", "__import__")
            ]
    assert bad == []


def test_only_the_hub_adapter_talks_to_postgresql() -> None:
    """psycopg stays in ``hub/`` (like sqlite in ``storage/``); the adapter knows SQL, not use cases."""
    bad = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path, names in imported_modules(PACKAGE).items()
        for name in names
        if name.split(".")[0] == "psycopg" and path.relative_to(PACKAGE).parts[0] != "hub"
    ]
    assert bad == []
    allowed = ("motcua_desktop.hub", "motcua_desktop.domain", "motcua_desktop.sync.hub_wire")
    assert [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path, names in imported_modules(PACKAGE / "hub").items()
        for name in names
        if name.startswith("motcua_desktop") and not name.startswith(allowed)
    ] == []
