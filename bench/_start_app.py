"""One process start for the cold-start and memory benchmarks (run by bench_startup.py).

    python bench/_start_app.py app DATA_FOLDER [--settle MS]    # the launcher's path, signed in as the bench admin
    python bench/_start_app.py login DATA_FOLDER [--settle MS]  # the launcher's first screen: the sign-in dialog
    python bench/_start_app.py floor DATA_FOLDER [--settle MS]  # bare PySide6: QMainWindow + QTableView, 200 rows

Each quits once its window (main window; the dialog for ``login``) has painted (offscreen), or
``--settle`` ms after that first paint (lets lazy views fetch, for the memory figure), then prints
``first_paint_ms=… painted_at=… peak_rss_mib=…`` (``painted_at``: ``CLOCK_MONOTONIC`` seconds at the
first paint, which the parent compares with the moment it started the process) and the phase marks. The floor reads its 200 rows from the same database, so every
mode pays for opening it. ``app`` and ``login`` follow ``ui.launcher._run`` step by step.
"""

from __future__ import annotations

import os
import sys
import time

STARTED = time.perf_counter()
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the repo (``bench.fixture``)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
MARKS: list[tuple[str, float]] = []  # (phase, ms since start) at the end of each phase, printed as ``marks=``


def mark(phase: str) -> None:
    MARKS.append((phase, (time.perf_counter() - STARTED) * 1000))


def count_class_building() -> dict[str, list[float]]:
    """Times every enum and dataclass built from here on (``BENCH_STARTUP_COUNT=1``, for
    ``bench/startup_breakdown.py``): {kind: [count, ms]}. Qt's enums are made by shiboken through
    the functional API (``EnumType._create_``) on first use; the app's through class statements."""
    import dataclasses
    import enum

    totals: dict[str, list[float]] = {"Qt enums (shiboken, on first use)": [0, 0.0], "enum classes": [0, 0.0]}
    totals["dataclasses"] = [0, 0.0]
    inside = [0]

    def timed(kind: str, fn):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            if inside[0]:
                return fn(*args, **kwargs)
            inside[0] += 1
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                inside[0] -= 1
                totals[kind][0] += 1
                totals[kind][1] += (time.perf_counter() - started) * 1000

        return wrapper

    enum.EnumType._create_ = timed("Qt enums (shiboken, on first use)", enum.EnumType._create_)  # type: ignore[method-assign]
    enum.EnumType.__new__ = timed("enum classes", enum.EnumType.__new__)  # type: ignore[method-assign]
    dataclasses._process_class = timed("dataclasses", dataclasses._process_class)  # type: ignore[attr-defined]
    return totals


def main() -> int:
    mode, folder = sys.argv[1], sys.argv[2]
    counted = count_class_building() if os.environ.get("BENCH_STARTUP_COUNT") else None
    settle = int(sys.argv[sys.argv.index("--settle") + 1]) if "--settle" in sys.argv else 0
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

    mark("import PySide6 (QtCore, QtWidgets)")
    app = QApplication(sys.argv[:1])
    mark("QApplication()")
    painted: list[float] = []
    painted_at: list[float] = []  # CLOCK_MONOTONIC is system-wide: the parent compares it with its spawn time

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def] # noqa: N802 - Qt override
            if not painted and event.type() == QEvent.Type.Paint and hasattr(watched, "window"):
                window = watched.window()
                wanted = QDialog if mode == "login" else QMainWindow
                if isinstance(window, wanted) and window.isVisible():
                    painted.append((time.perf_counter() - STARTED) * 1000)
                    painted_at.append(time.clock_gettime(time.CLOCK_MONOTONIC))
                    mark("show → first paint")
                    QTimer.singleShot(settle, app.quit)
            return False

    spy = FirstPaint()
    app.installEventFilter(spy)
    QTimer.singleShot(60_000, lambda: app.exit(3))  # never hang a benchmark
    runs = {"app": app_window, "login": login_window, "floor": floor_window}
    code = runs[mode](app, folder)
    if not painted:
        print(f"{mode}: no window was painted", file=sys.stderr)
        return 4
    marks = ";".join(f"{phase}={ms:.1f}" for phase, ms in MARKS)
    print(
        f"first_paint_ms={painted[0]:.1f} painted_at={painted_at[0]:.6f} peak_rss_mib={peak_rss_mib():.1f} "
        f"exit={code}\nmarks={marks}"
    )
    if counted is not None:
        print("counts=" + ";".join(f"{kind}={n:.0f}:{ms:.1f}" for kind, (n, ms) in counted.items()))
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
    try:
        import resource
    except ImportError:  # Windows
        from bench.contract import windows_peak_working_set

        return windows_peak_working_set() / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def _launcher_start(app, folder: str):  # type: ignore[no-untyped-def]
    """What ``ui.launcher._run`` does before its first screen: logging, the prepared application
    (style, bundled fonts, Vietnamese locale and Qt strings), the instance lock and the start-up
    integrity check, the database, the context."""
    from pathlib import Path

    from motcua_desktop.logs import setup_logging
    from motcua_desktop.services.safety.integrity import open_workspace
    from motcua_desktop.services.workspace import context_for, workspace_is_set_up
    from motcua_desktop.ui.shell.app import prepare_application
    from motcua_desktop.ui.shell.errors import install_excepthook

    mark("import the launcher's modules")
    log_path = setup_logging(Path(folder))
    prepare_application(app)
    install_excepthook(log_path)
    mark("prepare_application (style, fonts, translation)")
    workspace = open_workspace(Path(folder))
    if workspace.safe_mode is not None:
        raise RuntimeError(f"the bench database opened in safe mode: {workspace.safe_mode}")
    mark("open_workspace (lock, start-up check, open + migrate check)")
    ctx = context_for(workspace)
    assert workspace_is_set_up(ctx)
    mark("context_for")
    return workspace, ctx


def admin_password() -> str:
    """The bench admin's password: from the environment (``bench_startup`` passes it, so the timed
    process does not import the bench's own modules), else from ``bench.fixture``."""
    if "MOTCUA_BENCH_PASSWORD" in os.environ:
        return os.environ["MOTCUA_BENCH_PASSWORD"]
    from bench.fixture import ADMIN_PASSWORD

    return ADMIN_PASSWORD


def app_window(app, folder: str) -> int:  # type: ignore[no-untyped-def]
    """The launcher's path without the typing: the sign-in done in code (Argon2id check and the
    recorded sign-in included), then the main window, with the background end of the integrity
    check on a large file as the launcher starts it."""
    from motcua_desktop.services.workspace import fill_outcomes, sign_in_workspace
    from motcua_desktop.ui.shell.launcher import _finish_check_in_background, main_window_for

    mark("import services.workspace, ui.launcher")
    workspace, ctx = _launcher_start(app, folder)
    try:
        sign_in_workspace(ctx, "admin", admin_password())
        mark("sign-in (Argon2id check, recorded)")
        fill_outcomes(ctx.store)
        mark("fill_outcomes (nothing to fill: one query)")
        window = main_window_for(ctx)
        mark("main_window_for (imports of the pages, first page filled)")
        if workspace.check_pending:
            _finish_check_in_background(workspace, window)
        window.show()
        mark("background check started, show()")
        return int(app.exec())
    finally:
        workspace.close()


def login_window(app, folder: str) -> int:  # type: ignore[no-untyped-def]
    """The launcher's first screen on a set-up office: the sign-in dialog."""
    from motcua_desktop.ui.accounts.login import LoginDialog

    mark("import ui.login")
    workspace, ctx = _launcher_start(app, folder)
    try:
        dialog = LoginDialog(ctx)
        dialog.show()
        mark("LoginDialog built, show()")
        return int(app.exec())
    finally:
        workspace.close()


def floor_window(app, folder: str) -> int:  # type: ignore[no-untyped-def]
    """What the bare stack does: a main window with a 200-row table read from the same database."""
    import sqlite3

    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QMainWindow, QTableView

    mark("import QtGui models")
    conn = sqlite3.connect(f"file:{folder}/motcua.db?mode=ro", uri=True)
    columns = ("code", "applicant_name", "procedure_name", "status", "received_at", "due_at", "received_by", "address")
    rows = conn.execute(f"SELECT {', '.join(columns)} FROM dossiers ORDER BY id DESC LIMIT 200").fetchall()
    model = QStandardItemModel(len(rows), len(columns))
    model.setHorizontalHeaderLabels(list(columns))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            model.setItem(r, c, QStandardItem("" if value is None else str(value)))
    mark("read 200 rows, fill the model")
    window = QMainWindow()
    view = QTableView()
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(1280, 800)
    window.show()
    mark("window built, show()")
    code = app.exec()
    conn.close()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
