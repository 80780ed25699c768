"""``ui/`` is typed at its boundary: every public function and method of a page, dialog or widget
(and every constructor) annotates its parameters and its result, so mypy checks the calls the
window, the pages and the tests make across modules (``pyproject.toml``: ``motcua_desktop.ui.*``
runs with ``check_untyped_defs``; the generated ``ui/forms`` are left out)."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "motcua_desktop" / "ui"


def _unannotated(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    args = function.args
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    params += [a for a in (args.vararg, args.kwarg) if a is not None]
    missing = [a.arg for a in params if a.annotation is None and a.arg not in ("self", "cls")]
    if function.returns is None:
        missing.append("return")
    return missing


def boundary_gaps(source: str, where: str) -> list[str]:
    gaps = []
    tree = ast.parse(source)
    functions: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]] = [
        (node.name, node) for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
        functions += [
            (f"{cls.name}.{node.name}", node)
            for node in cls.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
    for name, function in functions:
        public = not function.name.startswith("_") or function.name == "__init__"
        missing = _unannotated(function) if public else []
        if missing:
            gaps.append(f"{where}:{function.lineno} {name}: {', '.join(missing)}")
    return gaps


def test_public_functions_and_methods_of_ui_are_annotated() -> None:
    gaps = [
        gap
        for path in sorted(UI.rglob("*.py"))
        if UI / "forms" not in path.parents
        for gap in boundary_gaps(path.read_text(encoding="utf-8"), str(path.relative_to(UI.parent.parent)))
    ]
    assert gaps == [], "annotate these (ui is typed at its boundary):\n" + "\n".join(gaps)


def test_the_check_finds_a_missing_annotation() -> None:
    source = "class Page:\n    def refresh(self, reason):\n        pass\n    def _helper(self, x):\n        pass\n"
    assert boundary_gaps(source, "x.py") == ["x.py:2 Page.refresh: reason, return"]
