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

Every page is imported by a plain ``from … import …`` inside its factory: the page's module (and
what it pulls in: matplotlib, the report writers…) loads only when the page is first opened, and
the bundler (PyInstaller) still sees the import and ships the module. Never find a page by its
module's *name* (``importlib``): the frozen build would silently lose it.
"""

from __future__ import annotations

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


def _reception(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.dossiers.reception_page import ReceptionPage

    return ReceptionPage(ctx)


def _dossiers(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.dossiers.dossiers_page import DossiersPage

    return DossiersPage(ctx)


def _return(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.dossiers.return_page import ReturnPage

    return ReturnPage(ctx)


def _paper_survey(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.dossiers.paper_survey_page import PaperSurveyPage

    return PaperSurveyPage(ctx)


def _settings(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.office.settings_page import SettingsPage

    return SettingsPage(ctx)


def _dashboard(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.reports.dashboard_page import DashboardPage

    return DashboardPage(ctx)


def _reports(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.reports.reports_page import ReportsPage

    return ReportsPage(ctx)


def _sync(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.sync.sync_page import SyncPage

    return SyncPage(ctx)


def _backup(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.safety.backup_page import BackupPage

    return BackupPage(ctx)


def _audit(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.safety.audit_page import AuditPage

    return AuditPage(ctx)


def _complaints(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.complaints.complaints_page import ComplaintsPage

    return ComplaintsPage(ctx)


def _queue(ctx: AppContext) -> QWidget:
    from motcua_desktop.ui.queue.queue_page import QueuePage

    return QueuePage(ctx)


def default_pages() -> list[PageSpec]:
    """The window's pages in sidebar order."""
    return [
        PageSpec("reception", "Tiếp nhận", "F1", Permission.REGISTER, _reception),
        PageSpec("dossiers", "Hồ sơ", "F2", Permission.SEARCH, _dossiers),
        PageSpec("return", "Trả kết quả", "F3", Permission.RETURN, _return),
        PageSpec("paper_survey", "Khảo sát", "Shift+F3", Permission.RETURN, _paper_survey),
        PageSpec("queue", "Hàng chờ", "Ctrl+M", Permission.REGISTER, _queue),
        PageSpec("complaints", "Phản ánh, kiến nghị", "F10", Permission.SEARCH, _complaints),
        PageSpec("dashboard", "Tổng quan", "F4", Permission.SEARCH, _dashboard),
        PageSpec("reports", "Báo cáo", "F6", Permission.REPORTS, _reports),
        PageSpec("sync", "Đồng bộ", "F7", Permission.EXPORT, _sync),
        PageSpec("backup", "Sao lưu", "F8", Permission.BACKUP, _backup),
        PageSpec("audit", "Nhật ký", "F11", Permission.AUDIT, _audit),
        PageSpec("settings", "Cài đặt", "F12", Permission.SETTINGS, _settings),
    ]


def pages_for(ctx: AppContext, specs: list[PageSpec]) -> list[PageSpec]:
    """The pages the signed-in user may open."""
    return [spec for spec in specs if spec.permission is None or ctx.can(spec.permission)]
