"""Starting the window application: data folder, logging, database, main window."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from motcua_desktop.logs import setup_logging
from motcua_desktop.paths import data_dir as resolve_data_dir


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
    from PySide6.QtWidgets import QApplication

    from motcua_desktop.ui.main_window import create_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = create_main_window(folder)
    window.show()
    if smoke:
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    window.close()
    if smoke:
        print("SMOKE OK", window.windowTitle())
        temporary.cleanup()
    return int(code)
