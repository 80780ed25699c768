"""Starting the window application: data folder, logging, database, main window.

Before any window: the single-instance lock and the start-up integrity check
(``services.integrity.open_workspace``); a damaged database opens the safe-mode dialog. While
running, an hourly timer takes the daily automatic backup; closing takes the closing backup.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

from motcua_desktop.logs import setup_logging
from motcua_desktop.paths import data_dir as resolve_data_dir

log = logging.getLogger("motcua.ui")
BACKUP_CHECK_MS = 60 * 60 * 1000


def run_gui(*, data_dir: str | None = None, smoke: bool = False) -> int:
    """Runs the counter window; ``smoke`` starts on a temporary data folder, shows the window and exits 0."""
    import os

    if smoke:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        temporary = tempfile.TemporaryDirectory(prefix="motcua-smoke-")
        folder = Path(temporary.name)
    else:
        folder = resolve_data_dir(data_dir)
    setup_logging(folder)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox

    from motcua_desktop import APP_NAME
    from motcua_desktop.domain.errors import KnownError
    from motcua_desktop.services.backup import backup_if_due
    from motcua_desktop.services.clock_guard import apply_clock_guard
    from motcua_desktop.services.context import AppContext
    from motcua_desktop.services.integrity import open_workspace
    from motcua_desktop.ui.main_window import create_main_window
    from motcua_desktop.ui.safe_mode import SafeModeDialog

    app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        workspace = open_workspace(folder)
    except KnownError as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return 2
    if workspace.safe_mode is not None:
        dialog = SafeModeDialog(workspace)
        if smoke:
            QTimer.singleShot(0, dialog.reject)
        dialog.exec()
    if workspace.safe_mode is not None:
        window = QMainWindow()
        window.setWindowTitle(f"{APP_NAME} – chế độ an toàn (chỉ xem)")
        notice = QLabel(workspace.safe_mode.message())
        notice.setWordWrap(True)
        window.setCentralWidget(notice)
    else:
        window = create_main_window(folder)
    ctx = AppContext(workspace.store) if workspace.store is not None else None
    if ctx is not None and not ctx.store.readonly:
        clock = apply_clock_guard(ctx, remember=True)
        if clock.blocks_registration and not smoke:
            QMessageBox.warning(window, APP_NAME, clock.message())

    def automatic_backup(*, closing: bool = False) -> None:
        if ctx is None:
            return
        try:
            backup_if_due(ctx, closing=closing)
        except KnownError as exc:  # shown in the log and on the backup page; work goes on
            log.warning("automatic backup failed: %s", exc.message)

    timer = QTimer()
    timer.setInterval(BACKUP_CHECK_MS)
    timer.timeout.connect(automatic_backup)
    timer.start()
    window.show()
    if smoke:
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    timer.stop()
    window.close()
    automatic_backup(closing=True)
    workspace.close()
    if smoke:
        print("SMOKE OK", window.windowTitle())
        temporary.cleanup()
    return int(code)
