"""Start-up stays light: what the sign-in screen and the main window's first paint import.

Heavy or rarely needed modules are imported on first use (``docs/decisions.md``, "Start-up and
responsiveness"); these tests start the launcher's steps in a fresh process and list what is loaded
when the first screen paints, so an import added at the top of a module on the start-up path shows
up here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.storage import open_store
from tests.factories import ADMIN_PASSWORD, CLERK_PASSWORD, MONDAY_9AM, FakeClock, add_user, set_up_office

CHECK = """
import sys
import motcua_desktop.storage, motcua_desktop.services.core.context, motcua_desktop.domain.office
assert "numpy" not in sys.modules, "numpy imported at start-up"
assert "holidays" not in sys.modules, "the holidays library imported at start-up (only years without data need it)"
assert "vietnam_provinces" not in sys.modules, "vietnam_provinces imported at start-up"
import sqlite_utils.db
assert sqlite_utils.db.np is None
import numpy  # still importable for the code that needs it (charts)
from motcua_desktop.domain import admin_units
assert admin_units.find_province("Thanh Hóa") is not None  # provinces load on first use
print("ok")
"""

# Imported by no first screen: printing, reports, charts, export files, cryptography (backups that
# leave the PC, sync), phone-number metadata (validated when a form is saved), the catalogue file
# readers (first run, catalogue import), the action dialogs and printing of the pages.
NEVER_AT_START = (
    "reportlab",
    "pypdfium2",
    "xlsxwriter",
    "matplotlib",
    "cryptography",
    "phonenumbers",
    "PySide6.QtPrintSupport",
    "motcua_desktop.printing.build",
    "motcua_desktop.reports",
    "motcua_desktop.services.sync.export",
    "motcua_desktop.services.printing.forms",
    "motcua_desktop.importers.catalogue_file",
    "motcua_desktop.ui.printing.print_flow",
    "motcua_desktop.ui.dossiers.action_dialogs",
    "motcua_desktop.ui.safety.safe_mode",
)
# The sign-in screen needs the settings, users and events tables, not the projection, the reports,
# the sync tables, the migrations (the file is up to date) or the password hashing library.
NOT_FOR_SIGN_IN = (
    "argon2",
    "motcua_desktop.storage.dossier_table",
    "motcua_desktop.storage.report_queries",
    "motcua_desktop.storage.sync_tables",
    "motcua_desktop.storage.calendar_table",
    "motcua_desktop.storage.migrations.v001_core",
    "motcua_desktop.storage.migrations.v004_reports",
    "motcua_desktop.domain.dossier",
    "motcua_desktop.domain.calendar",
    "motcua_desktop.domain.timeliness",
    "motcua_desktop.services.office.catalogue",
)

START = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

mode, folder, user, password = sys.argv[1:5]
app = QApplication([])
seen = []

class FirstPaint(QObject):  # what is loaded when the first screen paints (as bench/_start_app.py)
    def eventFilter(self, watched, event):
        if not seen and event.type() == QEvent.Type.Paint and hasattr(watched, "window"):
            wanted = QDialog if mode == "login" else QMainWindow
            if isinstance(watched.window(), wanted) and watched.window().isVisible():
                seen.append(sorted(sys.modules))
                import sqlite_utils.plugins
                seen.append(sqlite_utils.plugins._plugins_loaded)
                QTimer.singleShot(0, app.quit)
        return False

spy = FirstPaint()
app.installEventFilter(spy)
QTimer.singleShot(30_000, lambda: app.exit(3))
from motcua_desktop.services.safety.integrity import open_workspace
from motcua_desktop.services.workspace import context_for
from motcua_desktop.ui.shell.app import prepare_application
prepare_application(app)
workspace = open_workspace(Path(folder))
ctx = context_for(workspace)
if mode == "login":
    from motcua_desktop.ui.accounts.login import LoginDialog
    window = LoginDialog(ctx)
else:
    from motcua_desktop.services.workspace import sign_in_workspace
    from motcua_desktop.ui.shell.launcher import _finish_check_in_background, main_window_for
    sign_in_workspace(ctx, user, password)
    from motcua_desktop.services.workspace import fill_outcomes
    fill_outcomes(ctx.store)  # as the launcher does once signed in
    window = main_window_for(ctx)
    _finish_check_in_background(workspace, window)  # as for a very large file: starts after the paint
window.show()
code = app.exec()
workspace.close()
assert code == 0 and seen, "nothing painted"
print("\\n".join(seen[0]))
print("plugins scanned:", seen[1])
sys.stdout.flush()
os._exit(0)  # what is measured is printed; interpreter teardown with daemon readers is not under test here
"""


def test_opening_the_database_imports_only_what_the_first_window_needs() -> None:
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


@pytest.fixture
def office_folder(tmp_path: Path) -> Path:
    """A set-up office (admin, and a clerk whose first page is Tiếp nhận), closed again."""
    folder = tmp_path / "office"
    folder.mkdir()
    clock = FakeClock(MONDAY_9AM)
    store = open_store(folder / "motcua.db")
    try:
        set_up_office(store, clock)
        add_user(store, clock, "lan.nguyen", Role.CLERK)
        _next_steps_done(store, clock, tmp_path / "upstream")
    finally:
        store.close()
    return folder


def _next_steps_done(store, clock, upstream: Path) -> None:  # type: ignore[no-untyped-def]
    """The administrator's first steps are done (``services.workspace.next_steps``): the window
    opens on its first page, not on Cài đặt with what to do next (tested in ``tests/ui``)."""
    from motcua_desktop.services.printing.settings import PREVIEW, set_print_mode
    from motcua_desktop.services.sync import keys as sync_keys
    from motcua_desktop.services.sync import upstream as sync_upstream
    from tests.factories import context

    admin = context(store, clock, Role.ADMIN, "admin")
    sync_upstream.keygen(upstream, "Sở Nội vụ", clock)
    card = upstream / sync_upstream.CARD_FILE
    sync_keys.add_recipient(admin, card.read_bytes(), card.name)
    set_print_mode(admin, PREVIEW)


def loaded_at_first_paint(mode: str, folder: Path, user: str = "", password: str = "") -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", START, mode, str(folder), user, password],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert lines[-1] == "plugins scanned: False"  # no scan of installed packages for sqlite-utils plugins
    return set(lines[:-1])


def _found(loaded: set[str], names: tuple[str, ...]) -> list[str]:
    return [name for name in names if name in loaded]


def test_the_sign_in_screen_paints_without_the_password_library_and_the_big_tables(office_folder: Path) -> None:
    loaded = loaded_at_first_paint("login", office_folder)
    assert "motcua_desktop.ui.accounts.login" in loaded
    assert _found(loaded, NEVER_AT_START) == []
    assert _found(loaded, NOT_FOR_SIGN_IN) == []


@pytest.mark.parametrize(
    ("user", "password", "first_page", "not_needed"),
    [  # the Hồ sơ list parses no form: registration's rules (a correction needs them) wait
        ("admin", ADMIN_PASSWORD, "motcua_desktop.ui.dossiers.dossiers_page", ("motcua_desktop.domain.registration",)),
        ("lan.nguyen", CLERK_PASSWORD, "motcua_desktop.ui.dossiers.reception_page", ()),
    ],
)
def test_the_main_window_paints_its_first_page_only(
    office_folder: Path, user: str, password: str, first_page: str, not_needed: tuple[str, ...]
) -> None:
    loaded = loaded_at_first_paint("app", office_folder, user, password)
    assert first_page in loaded
    assert _found(loaded, NEVER_AT_START + not_needed) == []
    other_pages = {
        "motcua_desktop.ui.dossiers.reception_page",
        "motcua_desktop.ui.dossiers.dossiers_page",
        "motcua_desktop.ui.dossiers.return_page",
        "motcua_desktop.ui.reports.dashboard_page",
        "motcua_desktop.ui.reports.reports_page",
        "motcua_desktop.ui.sync.sync_page",
        "motcua_desktop.ui.safety.backup_page",
        "motcua_desktop.ui.safety.audit_page",
        "motcua_desktop.ui.office.settings_page",
    } - {first_page}
    assert sorted(other_pages & loaded) == []
