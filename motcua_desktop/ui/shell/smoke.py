"""``motcua --smoke``: the check of a packaged build, run on a temporary data folder.

A frozen build fails in ways the source checkout never shows: a module the bundler did not see, a
data file it did not copy, a Qt plugin it dropped. So the smoke run goes through what a first day
needs, in the real window code: it sets up an office, signs in as each role (administrator, leader,
clerk; the clerk and the leader change their initial password first), builds and shows every page
that role may open, and says which fonts and which Qt translation were loaded. It prints one line
per role, ``SMOKE <role> <page keys>``, and ``SMOKE OK`` at the end; a page that cannot be built is
named on ``SMOKE FAILED`` and the exit code is 1. tests/test_frozen_build.py compares the lines with
the pages the source grants each role, so a page missing from the build fails CI.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.core.context import AppContext

log = logging.getLogger("motcua.ui")

# (role, user name, full name, initial password, password after the first change)
ACCOUNTS = (
    (Role.ADMIN, "admin", "Quản trị thử", "smoke-admin-2026", "smoke-admin-2026"),
    (Role.LEADER, "lanh.dao", "Lãnh đạo thử", "smoke-leader-2026", "smoke-leader-2027"),
    (Role.CLERK, "can.bo", "Cán bộ thử", "smoke-clerk-2026", "smoke-clerk-2027"),
)
PAGE_SETTLE_MS = 50  # lets each page's first-show work (charts, counts) run before the next


def expected_lines() -> list[str]:
    """The ``SMOKE <role> <pages>`` lines a complete build prints, from the page list and the role
    permissions of the code that runs this (scripts/build_frozen.sh runs it from the source checkout
    and compares with what the frozen app printed)."""
    from motcua_desktop.domain.accounts import ROLE_PERMISSIONS
    from motcua_desktop.ui.shell.pages import default_pages

    lines = []
    for role, *_ in ACCOUNTS:
        granted = ROLE_PERMISSIONS[role]
        keys = [spec.key for spec in default_pages() if spec.permission is None or spec.permission in granted]
        lines.append(f"SMOKE {role.value} {','.join(keys)}")
    return lines


def run_smoke(ctx: AppContext, app: QApplication) -> int:
    """Sets up the office on ``ctx``'s empty database, then opens the window as each role."""
    from motcua_desktop.services.workspace import fill_outcomes, sign_in_workspace, sign_out

    failures: list[str] = []

    def unexpected(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        # An error in a page's slot fails the run; never the error dialog, which would wait for
        # ever for a click on a headless build machine.
        log.error("smoke: unexpected error", exc_info=(kind, exc, tb))
        traceback.print_exception(kind, exc, tb)
        failures.append(f"{kind.__name__}: {exc}")

    sys.excepthook = unexpected
    _set_up_office(ctx)
    fill_outcomes(ctx.store)
    for role, username, _name, _initial, password in ACCOUNTS:
        sign_in_workspace(ctx, username, password)
        keys = _open_every_page(ctx, app, failures)
        print(f"SMOKE {role.value} {','.join(keys)}", flush=True)
        sign_out(ctx)
    from motcua_desktop.ui.shell.app import register_fonts

    print(f"SMOKE fonts {','.join(register_fonts())}", flush=True)
    translated = QCoreApplication.translate("QPlatformTheme", "Cancel")
    print(f"SMOKE translation {'vi' if translated == 'Hủy' else 'none'}", flush=True)
    if failures:
        print("SMOKE FAILED " + "; ".join(failures), flush=True)
        return 1
    print("SMOKE OK", flush=True)
    return 0


def _open_every_page(ctx: AppContext, app: QApplication, failures: list[str]) -> list[str]:
    from motcua_desktop.ui.shell.window import main_window_for

    window = main_window_for(ctx, idle_lock=False)
    window.show()
    keys = []
    for spec in window.specs:
        try:
            page = window.show_page(spec.key)  # builds the page: its module must be in the build
        except Exception as exc:  # named on the SMOKE FAILED line, with the traceback in the log
            log.exception("smoke: page %s could not be built", spec.key)
            failures.append(f"{spec.key}: {type(exc).__name__}: {exc}")
            continue
        if page is None:
            failures.append(f"{spec.key}: not built")
            continue
        keys.append(spec.key)
        _settle(app)
    window.close()
    window.deleteLater()
    _settle(app)
    return keys


def _settle(app: QApplication) -> None:
    QTimer.singleShot(PAGE_SETTLE_MS, app.quit)
    app.exec()


def _set_up_office(ctx: AppContext) -> None:
    from motcua_desktop.domain.office import make_office_settings
    from motcua_desktop.services.accounts.auth import change_password
    from motcua_desktop.services.accounts.users import add_user
    from motcua_desktop.services.workspace import set_up_workspace, sign_in_workspace, sign_out

    office = make_office_settings(
        superior_name="UBND phường Đông Tiến",
        unit_name="Trung tâm Phục vụ hành chính công phường Đông Tiến",
        agency_id="000.00.12.H56",
        province="Thanh Hóa",
        commune="Phường Đông Tiến",
        counter_no=1,
    )
    (_, admin, admin_name, admin_password, _), *others = ACCOUNTS
    set_up_workspace(ctx, office, admin_username=admin, admin_full_name=admin_name, admin_password=admin_password)
    sign_in_workspace(ctx, admin, admin_password)
    for role, username, full_name, initial, _ in others:
        add_user(ctx, username=username, full_name=full_name, role=role, password=initial)
    sign_out(ctx)
    for _, username, _, initial, password in others:  # what each does at the first sign-in
        sign_in_workspace(ctx, username, initial)
        change_password(ctx, initial, password)
        sign_out(ctx)
