"""Cài đặt (F12, administrators): office, office hours and calendar, procedure catalogue, printers,
statistics, accounts, the office hub, demo data.

One module per tab: ``settings_office``, ``settings_calendar``, ``settings_catalogue``, ``settings_practices``,
``settings_printers``, ``reports.settings_statistics``, ``settings_users``, ``settings_hub``,
``sync.key_cards`` (Thẻ khóa), ``settings_demo``; the calendar, catalogue, statistics, accounts, hub
and key tabs only for those allowed. On top, while a new office has something left to do, what to do
next (``next_steps``).
Each tab saves through its service and announces the change (``ui.shell.changes``), so the status
bar, the appointment on the reception page and the lists follow at once.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.ui.accounts.settings_users import UsersTab
from motcua_desktop.ui.office.next_steps import STEP_KEYS, NextStepsPanel
from motcua_desktop.ui.office.settings_calendar import CalendarTab
from motcua_desktop.ui.office.settings_catalogue import CatalogueTab
from motcua_desktop.ui.office.settings_demo import DemoTab
from motcua_desktop.ui.office.settings_hub import HubTab
from motcua_desktop.ui.office.settings_office import OfficeTab
from motcua_desktop.ui.office.settings_practices import PracticesTab
from motcua_desktop.ui.office.settings_printers import PrintersTab
from motcua_desktop.ui.reports.settings_statistics import StatisticsTab
from motcua_desktop.ui.shell.page import Page
from motcua_desktop.ui.sync.key_cards import KeyCardsTab


class SettingsPage(Page):
    hub_changed = Signal()  # connected to or disconnected from the office hub: the window restarts replication

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tabs = QTabWidget(self)
        self.office_tab = OfficeTab(ctx)
        self.tabs.addTab(self.office_tab, "Đơn vị")
        self.calendar_tab = CalendarTab(ctx) if ctx.can(Permission.CALENDAR) else None
        if self.calendar_tab is not None:
            self.tabs.addTab(self.calendar_tab, "Giờ làm việc và lịch")
        self.catalogue_tab = CatalogueTab(ctx) if ctx.can(Permission.CATALOGUE) else None
        if self.catalogue_tab is not None:
            self.tabs.addTab(self.catalogue_tab, "Danh mục thủ tục")
        self.printers_tab = PrintersTab(ctx)
        self.tabs.addTab(self.printers_tab, "Máy in")
        self.statistics_tab = StatisticsTab(ctx) if ctx.can(Permission.SETTINGS) else None
        if self.statistics_tab is not None:
            self.tabs.addTab(self.statistics_tab, "Thống kê")
        self.users_tab = UsersTab(ctx) if ctx.can(Permission.USERS) else None
        if self.users_tab is not None:
            self.tabs.addTab(self.users_tab, "Tài khoản")
        self.hub_tab = HubTab(ctx) if ctx.can(Permission.SETTINGS) else None
        if self.hub_tab is not None:
            self.tabs.addTab(self.hub_tab, "Máy chủ văn phòng")
            self.hub_tab.connection_changed.connect(self.hub_changed)
        self.practices_tab = PracticesTab(ctx) if ctx.can(Permission.SETTINGS) else None
        if self.practices_tab is not None:
            self.tabs.addTab(self.practices_tab, "Mô hình một cửa")
        self.keys_tab = KeyCardsTab(ctx) if ctx.can(Permission.SETTINGS) else None
        if self.keys_tab is not None:
            self.tabs.addTab(self.keys_tab, "Thẻ khóa")
        self.demo_tab = DemoTab(ctx)
        self.tabs.addTab(self.demo_tab, "Dữ liệu mẫu")
        self.next_steps = NextStepsPanel(ctx)
        self.next_steps.go.connect(self.open_tab)
        for index, key in enumerate(STEP_KEYS):
            self.add_shortcut(f"Việc cần làm tiếp {index + 1}", key, partial(self.next_steps.open_step, index))
        self.tabs.currentChanged.connect(lambda _index: self.next_steps.refresh())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.next_steps)
        layout.addWidget(self.tabs)

    def page_shown(self) -> None:
        self.next_steps.refresh()
        super().page_shown()

    def open_tab(self, key: str) -> None:
        """The tab of a next step (``next_steps``), with the keyboard in it."""
        tab = {"users": self.users_tab, "upstream_key": self.keys_tab, "printers": self.printers_tab}.get(key)
        if tab is None:
            return
        self.tabs.setCurrentWidget(tab)
        first = next(
            (
                w
                for w in tab.findChildren(QWidget)
                if w.isVisibleTo(tab) and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            ),
            tab,
        )
        first.setFocus()
