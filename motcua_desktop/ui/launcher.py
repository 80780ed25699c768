"""Starting the window application: data folder, logging, first-run wizard, sign-in, main window."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from motcua_desktop.logs import setup_logging
from motcua_desktop.paths import data_dir as resolve_data_dir

SMOKE_ADMIN = ("admin", "Quản trị thử", "smoke-test-2026")


def run_gui(*, data_dir: str | None = None, smoke: bool = False) -> int:
    """Runs the counter window. ``smoke`` sets up a temporary office, opens the main window
    offscreen and exits 0 (the check of a packaged build)."""
    if smoke:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        with tempfile.TemporaryDirectory(prefix="motcua-smoke-") as temporary:
            return _run(Path(temporary), smoke=True)
    return _run(resolve_data_dir(data_dir), smoke=False)


def _run(folder: Path, *, smoke: bool) -> int:
    log_path = setup_logging(folder)
    from PySide6.QtCore import QTimer

    from motcua_desktop.services.workspace import close_workspace, open_workspace, workspace_is_set_up
    from motcua_desktop.ui.app import application
    from motcua_desktop.ui.errors import install_excepthook

    app = application()
    install_excepthook(log_path)
    ctx = open_workspace(folder)
    try:
        if smoke:
            _set_up_for_smoke(ctx)
        else:
            from motcua_desktop.ui.first_run import FirstRunWizard
            from motcua_desktop.ui.login import LoginDialog

            if not workspace_is_set_up(ctx) and not FirstRunWizard(ctx).exec():
                return 0
            if not LoginDialog(ctx).exec():
                return 0
        from motcua_desktop.ui.main_window import MainWindow

        window = MainWindow(ctx)
        window.show()
        if smoke:
            QTimer.singleShot(0, app.quit)
        code = app.exec()
        window.close()
        if smoke:
            print("SMOKE OK", window.windowTitle(), "·", window.current_key())
        return int(code)
    finally:
        close_workspace(ctx)


def _set_up_for_smoke(ctx) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.domain.office import make_office_settings
    from motcua_desktop.services.workspace import set_up_workspace, sign_in_workspace

    office = make_office_settings(
        superior_name="UBND xã Đông Tiến",
        unit_name="Trung tâm Phục vụ hành chính công xã Đông Tiến",
        agency_id="000.00.12.H56",
        province="Thanh Hóa",
        commune="Xã Đông Tiến",
        counter_no=1,
    )
    username, full_name, password = SMOKE_ADMIN
    set_up_workspace(ctx, office, admin_username=username, admin_full_name=full_name, admin_password=password)
    sign_in_workspace(ctx, username, password)
