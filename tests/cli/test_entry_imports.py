"""The real entry point stays light: ``motcua`` imports only the chosen command's module.

``cli.main`` once built the parser of every command before dispatch, so ``motcua --version`` and the
window start loaded reportlab, cryptography, the sync and report modules (issue 17). These tests run
the entry point in a fresh process and list what it has imported: after ``--version``, after one
command's ``--help``, and when the sign-in window first paints on ``motcua`` with no command.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from motcua_desktop.cli import COMMANDS
from motcua_desktop.storage import open_store
from tests.factories import MONDAY_9AM, FakeClock, set_up_office

AFTER_MAIN = """
import sys
from motcua_desktop.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stdout.flush()
print("\\n".join(sorted(sys.modules)))
"""

# The first window reached through ``cli.main`` (as the ``motcua`` command starts it): the event filter
# lists the loaded modules at the first paint of the sign-in dialog, then quits (the dialog's loop ends).
SIGN_IN = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog
app = QApplication(sys.argv[:1])  # the launcher's application() takes this one
seen = []

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if not seen and event.type() == QEvent.Type.Paint and hasattr(watched, "window"):
            window = watched.window()
            if isinstance(window, QDialog) and window.isVisible():
                seen.append(type(window).__module__)
                seen.extend(sorted(sys.modules))
                QTimer.singleShot(0, app.quit)
        return False

spy = FirstPaint()
app.installEventFilter(spy)
QTimer.singleShot(60_000, lambda: app.exit(3))
from motcua_desktop.cli import main
code = main(["--data-dir", sys.argv[1]])
assert code == 0 and seen, f"nothing painted ({code})"
print("\\n".join(seen))
sys.stdout.flush()
os._exit(0)
"""

HEAVY = ("reportlab", "cryptography", "xlsxwriter", "matplotlib", "pypdfium2", "argon2", "sqlite_utils")
NOT_BEFORE_SIGN_IN = (
    "reportlab",
    "cryptography",
    "xlsxwriter",
    "matplotlib",
    "pypdfium2",
    "motcua_desktop.reports",
    "motcua_desktop.services.sync",
    "motcua_desktop.services.reports",
    "motcua_desktop.ui.office.first_run",
)


def loaded(script: str, *argv: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", script, *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.splitlines()


def _under(modules: list[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


def test_version_imports_neither_a_command_nor_the_database() -> None:
    modules = loaded(AFTER_MAIN, "--version")
    assert modules[0].startswith("Một cửa Desktop ")
    ours = [m for m in modules if m.startswith("motcua_desktop")]
    assert sorted(ours) == [
        "motcua_desktop",
        "motcua_desktop.cli",
        "motcua_desktop.commands",
        "motcua_desktop.commands._argparse_vi",
        "motcua_desktop.commands._options",
        "motcua_desktop.paths",
        "motcua_desktop.streams",
    ]
    assert _under(modules, (*HEAVY, "sqlite3", "PySide6")) == []


def test_the_top_level_help_lists_every_command_without_importing_them() -> None:
    modules = loaded(AFTER_MAIN, "--help")
    for name, _, _ in COMMANDS:
        assert any(line.strip().startswith(name + " ") for line in modules), name
    assert _under(modules, ("motcua_desktop.commands.base", "motcua_desktop.storage", *HEAVY)) == []


@pytest.mark.parametrize(("command", "module"), [("clock", "clock"), ("search", "dossiers"), ("export", "sync")])
def test_a_command_imports_only_its_own_module(command: str, module: str) -> None:
    modules = loaded(AFTER_MAIN, command, "--help")
    assert any("cách dùng: motcua " + command in line for line in modules)
    commands = {m.rsplit(".", 1)[1] for m in _under(modules, ("motcua_desktop.commands",))} - {"commands"}
    assert commands == {"_argparse_vi", "_options", "base", module}


@pytest.fixture
def office_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    folder.mkdir()
    store = open_store(folder / "motcua.db")
    try:
        set_up_office(store, FakeClock(MONDAY_9AM))
    finally:
        store.close()
    return folder


def test_motcua_without_a_command_paints_the_sign_in_window_before_the_heavy_modules(office_folder: Path) -> None:
    painted, *modules = loaded(SIGN_IN, str(office_folder))
    assert painted == "motcua_desktop.ui.accounts.login"
    assert "motcua_desktop.cli" in modules
    assert _under(modules, NOT_BEFORE_SIGN_IN) == []
    assert _under(modules, ("motcua_desktop.commands",)) == [
        "motcua_desktop.commands",
        "motcua_desktop.commands._argparse_vi",
        "motcua_desktop.commands._options",
    ]
