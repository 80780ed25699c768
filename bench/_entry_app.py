"""One start of the real entry point, ``motcua_desktop.cli.main`` (what the ``motcua`` command runs), for
``bench_entry.py``:

    python bench/_entry_app.py login DATA_FOLDER   # motcua --data-dir DATA_FOLDER, to the sign-in window
    python bench/_entry_app.py app DATA_FOLDER     # the same, the bench admin signs in, to the main window

The only addition to the command's own start is an event filter on the application object (created
here, a few lines before ``cli.main`` would create it), which notes the first paint of the wanted
window — the sign-in dialog, or the main window — prints ``painted_at=`` (``CLOCK_MONOTONIC``, which
the parent compares with the moment it started the process) and quits. For ``app`` the filter types
the password into the sign-in dialog once it has painted and accepts it, as a clerk would.
"""

from __future__ import annotations

import os
import sys
import time


def main() -> int:
    mode, folder = sys.argv[1], sys.argv[2]
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

    app = QApplication(sys.argv[:1])  # the launcher's application() takes this one
    painted: list[float] = []
    typed: list[bool] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def] # noqa: N802 - Qt override
            if painted or event.type() != QEvent.Type.Paint or not hasattr(watched, "window"):
                return False
            window = watched.window()
            if not window.isVisible():
                return False
            if isinstance(window, QDialog) and mode == "login":
                painted.append(time.clock_gettime(time.CLOCK_MONOTONIC))
                QTimer.singleShot(0, app.quit)
            elif isinstance(window, QDialog) and not typed and hasattr(window, "password"):
                typed.append(True)
                window.username.setText("admin")
                window.password.setText(os.environ["MOTCUA_BENCH_PASSWORD"])
                QTimer.singleShot(0, window.accept)
            elif isinstance(window, QMainWindow) and mode == "app":
                painted.append(time.clock_gettime(time.CLOCK_MONOTONIC))
                QTimer.singleShot(0, app.quit)
            return False

    spy = FirstPaint()
    app.installEventFilter(spy)
    QTimer.singleShot(60_000, lambda: app.exit(3))  # never hang a benchmark
    from motcua_desktop.cli import main as motcua

    code = motcua(["--data-dir", folder])
    if not painted:
        print(f"{mode}: no window was painted (exit {code})", file=sys.stderr)
        return 4
    print(f"painted_at={painted[0]:.6f}")
    sys.stdout.flush()
    os._exit(0)  # what is measured is printed; the closing backup of the window is not under test here


if __name__ == "__main__":
    sys.exit(main())
