"""Compiles the Designer forms and the Qt translation ahead of time.

    python -m motcua_desktop.ui.build_forms           # regenerate
    python -m motcua_desktop.ui.build_forms --check   # exit 1 when a generated file is out of date

``forms/*.ui`` → ``motcua_desktop/ui/forms/ui_*.py`` with ``pyside6-uic`` (never edit the output;
edit the form in Qt Designer and run this), and ``resources/i18n/*.ts`` → ``*.qm`` with
``pyside6-lrelease``. Both tools come with PySide6-Essentials; generated files are committed so
nothing needs Qt's tools at run time (and PyInstaller follows plain imports).

``pyside6-uic`` imports a fixed list of some forty Qt classes in every form; each class named is
made by PySide6 when imported, enums included (``QGradient.Preset`` alone has 169), which cost
10–25 ms the first time a form is opened. The generated file keeps only the Qt names it uses
(``trim_qt_imports``).
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "forms"
OUTPUT = ROOT / "motcua_desktop" / "ui" / "forms"
TRANSLATIONS = ROOT / "resources" / "i18n"
_VERSION_LINE = "## Created by: Qt User Interface Compiler version"


def _tool(name: str, args: list[str]) -> None:
    code = f"import sys; from PySide6.scripts.pyside_tool import {name}; sys.argv = ['pyside6-{name}', *sys.argv[1:]]; {name}()"
    subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True)


def compile_form(ui_file: Path, target: Path) -> None:
    _tool("uic", [str(ui_file), "-o", str(target)])
    target.write_text(trim_qt_imports(target.read_text(encoding="utf-8")), encoding="utf-8")


def trim_qt_imports(source: str) -> str:
    """``source`` with its ``from PySide6.… import (…)`` statements reduced to the names it uses."""
    tree = ast.parse(source)
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    lines = source.splitlines(keepends=True)
    for node in reversed(tree.body):  # from the end: line numbers above stay valid
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6"):
            names = [alias.name for alias in node.names if alias.name in used]
            kept = [f"from {node.module} import ({', '.join(names)})\n"] if names else []
            lines[node.lineno - 1 : node.end_lineno] = kept
    return "".join(lines)


def compile_translation(ts_file: Path, target: Path) -> None:
    _tool("lrelease", [str(ts_file), "-qm", str(target)])


def targets() -> list[tuple[Path, Path]]:
    """(source, generated file) pairs."""
    pairs = [(ui, OUTPUT / f"ui_{ui.stem}.py") for ui in sorted(FORMS.glob("*.ui"))]
    pairs += [(ts, ts.with_suffix(".qm")) for ts in sorted(TRANSLATIONS.glob("*.ts"))]
    return pairs


def _build(source: Path, target: Path) -> None:
    if source.suffix == ".ui":
        compile_form(source, target)
    else:
        compile_translation(source, target)


def comparable(path: Path) -> bytes:
    """The file's bytes, without the uic version stamp (the only line that depends on the tool's version)."""
    data = path.read_bytes()
    if path.suffix != ".py":
        return data
    return b"\n".join(line for line in data.splitlines() if not line.decode("utf-8").startswith(_VERSION_LINE))


def stale() -> list[Path]:
    """Generated files that differ from what the sources produce now (or are missing)."""
    out = []
    with tempfile.TemporaryDirectory() as folder:
        for source, target in targets():
            fresh = Path(folder) / target.name
            _build(source, fresh)
            if not target.exists() or comparable(fresh) != comparable(target):
                out.append(target)
    return out


def build() -> list[Path]:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    init = OUTPUT / "__init__.py"
    if not init.exists():
        init.write_text('"""Generated from ``forms/*.ui`` by ``python -m motcua_desktop.ui.build_forms``."""\n')
    built = []
    for source, target in targets():
        _build(source, target)
        built.append(target)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Biên dịch các tệp .ui và bản dịch .ts của giao diện.")
    parser.add_argument(
        "--check", action="store_true", help="chỉ kiểm tra, không ghi (mã thoát 1 nếu cần biên dịch lại)"
    )
    args = parser.parse_args(argv)
    if args.check:
        out_of_date = stale()
        for path in out_of_date:
            print(f"Cần biên dịch lại: {path.relative_to(ROOT)}")
        return 1 if out_of_date else 0
    for path in build():
        print(f"Đã tạo {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
