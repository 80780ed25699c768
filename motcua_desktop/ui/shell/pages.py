"""The pages of the main window and how another module adds one (see ``docs/gui.md``).

A page is a ``QWidget`` whose constructor takes the signed-in ``AppContext``. The main window
lists the pages the user's role may open, gives each a key (F1, F2…) in the sidebar and the
"Trang" menu, and builds a page the first time it is shown. Optional hooks, used when present:

- ``page_shown()``: the page became the current one (focus the right field, refresh).
- ``save_state()``: the window is closing (write drafts now).
- signal ``open_list(DossierFilter)``: show these dossiers in the Hồ sơ page (dashboard).
- signal ``open_dossier(str)``: open one dossier (code or uuid) in the Hồ sơ page.
- signal ``return_dossier(str)``: take one dossier to the Trả kết quả page.
- signal ``unexported_count_changed(int)`` / ``clock_warning_changed(str)``: update the status bar.

Pages built by other engineers are declared with ``optional_page``: when the module is not
installed the page is left out cleanly; when it is, it is imported only when first opened.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.services.core.context import AppContext

PageFactory = Callable[[AppContext], QWidget]


@dataclass(frozen=True)
class PageSpec:
    key: str  # stable identifier ("reception", "sync"…)
    title: str  # Vietnamese, shown in the sidebar and the menu
    shortcut: str  # QKeySequence text, e.g. "F1"
    permission: Permission | None  # None: every signed-in user
    factory: PageFactory


def module_available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # a parent package is missing
        return False


def optional_page(
    key: str, title: str, shortcut: str, permission: Permission | None, module: str, class_name: str
) -> PageSpec | None:
    """A page whose class lives in ``module``; None when that module is not installed."""
    if not module_available(module):
        return None

    def factory(ctx: AppContext) -> QWidget:
        page_class = getattr(importlib.import_module(module), class_name)
        page = page_class(ctx)
        if not isinstance(page, QWidget):
            raise TypeError(f"{module}.{class_name} is not a QWidget")
        return page

    return PageSpec(key, title, shortcut, permission, factory)


def _reception(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.dossiers.reception_page import ReceptionPage

    return ReceptionPage(ctx)


def _dossiers(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.dossiers.dossiers_page import DossiersPage

    return DossiersPage(ctx)


def _return(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.dossiers.return_page import ReturnPage

    return ReturnPage(ctx)


def _settings(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.office.settings_page import SettingsPage

    return SettingsPage(ctx)


def default_pages() -> list[PageSpec]:
    """The window's pages in sidebar order; pages of modules not installed are left out."""
    specs = [
        PageSpec("reception", "Tiếp nhận", "F1", Permission.REGISTER, _reception),
        PageSpec("dossiers", "Hồ sơ", "F2", Permission.SEARCH, _dossiers),
        PageSpec("return", "Trả kết quả", "F3", Permission.RETURN, _return),
        optional_page(
            "dashboard",
            "Tổng quan",
            "F4",
            Permission.SEARCH,
            "motcua_desktop.ui.reports.dashboard_page",
            "DashboardPage",
        ),
        optional_page(
            "reports", "Báo cáo", "F6", Permission.REPORTS, "motcua_desktop.ui.reports.reports_page", "ReportsPage"
        ),
        optional_page("sync", "Đồng bộ", "F7", Permission.EXPORT, "motcua_desktop.ui.sync.sync_page", "SyncPage"),
        optional_page(
            "backup", "Sao lưu", "F8", Permission.BACKUP, "motcua_desktop.ui.safety.backup_page", "BackupPage"
        ),
        optional_page("audit", "Nhật ký", "F11", Permission.AUDIT, "motcua_desktop.ui.safety.audit_page", "AuditPage"),
        PageSpec("settings", "Cài đặt", "F12", Permission.SETTINGS, _settings),
    ]
    return [spec for spec in specs if spec is not None]


def pages_for(ctx: AppContext, specs: list[PageSpec]) -> list[PageSpec]:
    """The pages the signed-in user may open."""
    return [spec for spec in specs if spec.permission is None or ctx.can(spec.permission)]
