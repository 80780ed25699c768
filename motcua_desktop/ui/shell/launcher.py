"""Starting the window application.

Order: logging, the check that a window can open here (``platform_check``), Qt's messages into the
log, the error dialog → the single-instance lock and the start-up integrity check
(``services.safety.integrity.open_workspace``; a damaged database opens the safe-mode dialog) → the
first-run wizard when the office is not set up → sign-in → the clock guard → the main window
with the idle lock. Work nobody needs to see the window (the status bar's "not yet exported"
count, the rest of a large database's check) starts after the window's first paint. While running,
an hourly timer takes the daily automatic backup; the status bar's count follows every change made in
the window at once (``MainWindow.refresh_unexported``) and is counted again each minute for changes
made outside it; closing takes the closing backup, also when Windows shuts down or the installer
upgrades with the window open (``session_end``). Once the event loop has ended, errors are logged,
never shown.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from motcua_desktop.logs import setup_logging
from motcua_desktop.paths import data_dir as resolve_data_dir
from motcua_desktop.ui.shell.window import automatic_backup, main_window_for

if TYPE_CHECKING:  # Qt and the services load after logging is set up
    from motcua_desktop.services.safety.integrity import Workspace
    from motcua_desktop.ui.shell.main_window import MainWindow

log = logging.getLogger("motcua.ui")


def run_gui(*, data_dir: str | None = None, smoke: bool = False) -> int:
    """Runs the counter window. ``smoke`` sets up a temporary office and opens every page of each
    role offscreen (the check of a packaged build, ``ui/shell/smoke.py``)."""
    if smoke:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ["MOTCUA_MACHINE_DIR"] = ""  # a throw-away office: it claims no counter of this PC
        with tempfile.TemporaryDirectory(prefix="motcua-smoke-") as temporary:
            return _run(Path(temporary), smoke=True)
    return _run(resolve_data_dir(data_dir), smoke=False)


def _run(folder: Path, *, smoke: bool) -> int:
    log_path = setup_logging(folder)
    from motcua_desktop.ui.shell.platform_check import display_problem, log_qt_messages

    problem = display_problem()  # before Qt, which would abort with an English message
    if problem is not None:
        log.error("the window cannot open: %s", problem)
        if sys.stderr is not None:
            print(f"Lỗi: {problem}", file=sys.stderr)
        return 2
    log_qt_messages()
    from PySide6.QtWidgets import QMessageBox

    from motcua_desktop import APP_NAME
    from motcua_desktop.domain.errors import KnownError
    from motcua_desktop.services.safety.integrity import open_workspace
    from motcua_desktop.services.workspace import context_for, fill_outcomes, workspace_is_set_up
    from motcua_desktop.ui.shell.app import application
    from motcua_desktop.ui.shell.errors import install_excepthook
    from motcua_desktop.ui.shell.session_end import watch_session_end

    app = application()
    install_excepthook(log_path)
    try:
        workspace = open_workspace(folder)
    except KnownError as exc:  # another copy is running, a newer or foreign database…
        QMessageBox.critical(None, APP_NAME, exc.message)
        return 2
    try:
        if workspace.safe_mode is not None:
            return _safe_mode(workspace, smoke=smoke)
        ctx = context_for(workspace)
        if smoke:
            from motcua_desktop.ui.shell.smoke import run_smoke

            return run_smoke(ctx, app)
        from motcua_desktop.ui.accounts.login import LoginDialog

        if not workspace_is_set_up(ctx):
            from motcua_desktop.ui.office.first_run import FirstRunWizard  # once per office: not on every start

            if not FirstRunWizard(ctx).exec():
                return 0
        if not LoginDialog(ctx).exec():
            return 0
        fill_outcomes(ctx.store)  # after the sign-in screen: it needs the report modules
        window = main_window_for(ctx)
        if workspace.check_pending:
            _finish_check_in_background(workspace, window)
        # The closing work runs in aboutToQuit (and commitDataRequest): when Windows ends the session
        # or the installer closes the program, app.exec() never returns (session_end.py).
        session = watch_session_end(app, ctx, window, lambda: automatic_backup(ctx, closing=True))
        window.show_placed()
        code = app.exec()
        session.about_to_quit()  # already done when aboutToQuit was emitted; errors are only logged from now
        window.close()
        return int(code)
    finally:
        workspace.close()


def _finish_check_in_background(workspace: Workspace, window: MainWindow) -> None:
    """A very large database: the start-up check continues on a worker thread; damage found puts
    the running program in read-only safe mode with the restore offer."""
    from motcua_desktop.services.safety.integrity import enter_safe_mode, finish_pending_check
    from motcua_desktop.ui.shell.worker import run_detached

    def checked(problems: object) -> None:
        if not problems:
            return
        from PySide6.QtWidgets import QMessageBox

        from motcua_desktop import APP_NAME
        from motcua_desktop.ui.safety.safe_mode import SafeModeDialog

        safe = enter_safe_mode(workspace, list(problems))  # type: ignore[call-overload]
        QMessageBox.critical(window, APP_NAME, safe.message())
        SafeModeDialog(workspace, window).exec()

    def start() -> None:
        window.integrity_check = run_detached(
            window.ctx,
            lambda _ctx: finish_pending_check(workspace.data_folder),
            on_done=checked,
            on_error=lambda exc: log.warning("background integrity check failed: %s", exc),
            owner=window,
        )  # kept alive with the window

    window.after_first_paint(start)  # reading gigabytes must not slow the window's first paint


def _safe_mode(workspace: Workspace, *, smoke: bool) -> int:
    """Damaged database: explain, offer the restore; otherwise a read-only notice."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from motcua_desktop import APP_NAME
    from motcua_desktop.ui.safety.safe_mode import SafeModeDialog

    dialog = SafeModeDialog(workspace)
    if smoke:
        QTimer.singleShot(0, dialog.reject)
    dialog.exec()
    window = QMainWindow()
    if workspace.safe_mode is None:
        text = "Đã khôi phục dữ liệu. Hãy khởi động lại chương trình để tiếp tục làm việc."
    else:
        text = workspace.safe_mode.message()
    window.setWindowTitle(f"{APP_NAME} – chế độ an toàn (chỉ xem)")
    notice = QLabel(text)
    notice.setWordWrap(True)
    notice.setMargin(24)
    window.setCentralWidget(notice)
    window.resize(760, 360)
    window.show()
    app = QApplication.instance()
    if smoke:
        QTimer.singleShot(0, app.quit)  # type: ignore[union-attr]
    return int(app.exec())  # type: ignore[union-attr]
