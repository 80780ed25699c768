"""One process start for the cold-start and memory benchmarks (run by bench_startup.py).

    python bench/_start_app.py app DATA_FOLDER [--settle MS]   # the launcher's path, signed in as the bench admin
    python bench/_start_app.py login DATA_FOLDER [--settle MS]  # the first screen: sign-in dialog
    python bench/_start_app.py floor DATA_FOLDER [--settle MS] # bare PySide6: QMainWindow + QTableView, 200 rows

Both quit once a main window has painted (offscreen), or ``--settle`` ms after that first paint
(lets lazy views fetch, for the memory figure), then print ``first_paint_ms=… peak_rss_mib=…``.
The floor reads its 200 rows from the same database, so both pay for opening it.
"""

from __future__ import annotations

import os
import sys
import time

STARTED = time.perf_counter()
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the repo, for ``bench.fixture``
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")


def main() -> int:
    mode, folder = sys.argv[1], sys.argv[2]
    settle = int(sys.argv[sys.argv.index("--settle") + 1]) if "--settle" in sys.argv else 0
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

    app = QApplication(sys.argv[:1])
    painted: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def] # noqa: N802 - Qt override
            if not painted and event.type() == QEvent.Type.Paint and hasattr(watched, "window"):
                window = watched.window()
                wanted = QDialog if mode == "login" else QMainWindow
                if isinstance(window, wanted) and window.isVisible():
                    painted.append((time.perf_counter() - STARTED) * 1000)
                    QTimer.singleShot(settle, app.quit)
            return False

    spy = FirstPaint()
    app.installEventFilter(spy)
    QTimer.singleShot(60_000, lambda: app.exit(3))  # never hang a benchmark
    runs = {"app": app_window, "login": login_window, "floor": floor_window}
    code = runs[mode](app, folder)
    if not painted:
        print("no main window was painted", file=sys.stderr)
        return 4
    print(f"first_paint_ms={painted[0]:.1f} peak_rss_mib={peak_rss_mib():.1f} exit={code}")
    return 0 if code == 0 else int(code)


def peak_rss_mib() -> float:
    """Peak resident memory of this program. Linux: VmHWM, which starts afresh at exec (ru_maxrss
    would include the memory of the benchmark process this one was forked from)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def app_window(app, folder: str) -> int:  # type: ignore[no-untyped-def]
    """The launcher's path without the typing: lock and integrity check, sign-in, main window."""
    from pathlib import Path

    from bench.fixture import ADMIN_PASSWORD
    from motcua_desktop.logs import setup_logging
    from motcua_desktop.services.integrity import open_workspace
    from motcua_desktop.services.workspace import context_for, sign_in_workspace
    from motcua_desktop.ui.launcher import main_window_for

    setup_logging(Path(folder))
    workspace = open_workspace(Path(folder))
    try:
        ctx = context_for(workspace)
        sign_in_workspace(ctx, "admin", ADMIN_PASSWORD)
        window = main_window_for(ctx)
        window.show()
        return int(app.exec())
    finally:
        workspace.close()


def login_window(app, folder: str) -> int:  # type: ignore[no-untyped-def]
    """The launcher's first screen on a set-up office: lock, integrity check, database, sign-in dialog."""
    from pathlib import Path

    from motcua_desktop.logs import setup_logging
    from motcua_desktop.services.integrity import open_workspace
    from motcua_desktop.services.workspace import context_for
    from motcua_desktop.ui.login import LoginDialog

    setup_logging(Path(folder))
    workspace = open_workspace(Path(folder))
    try:
        dialog = LoginDialog(context_for(workspace))
        dialog.show()
        return int(app.exec())
    finally:
        workspace.close()


def floor_window(app, folder: str) -> int:  # type: ignore[no-untyped-def]
    """What the bare stack does: a main window with a 200-row table read from the same database."""
    import sqlite3

    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QMainWindow, QTableView

    conn = sqlite3.connect(f"file:{folder}/motcua.db?mode=ro", uri=True)
    columns = ("code", "applicant_name", "procedure_name", "status", "received_at", "due_at", "received_by", "address")
    rows = conn.execute(f"SELECT {', '.join(columns)} FROM dossiers ORDER BY id DESC LIMIT 200").fetchall()
    model = QStandardItemModel(len(rows), len(columns))
    model.setHorizontalHeaderLabels(list(columns))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            model.setItem(r, c, QStandardItem("" if value is None else str(value)))
    window = QMainWindow()
    view = QTableView()
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(1280, 800)
    window.show()
    code = app.exec()
    conn.close()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
