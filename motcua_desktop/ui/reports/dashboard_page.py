"""Tổng quan: today's counters and this month's timeliness, each number opening its list.

Every number is the count of a ``DossierFilter`` (``services.reports.dashboard.dashboard``); clicking it
emits ``open_list(filter)`` with exactly that filter, so the list shows the same number of rows.
The charts (matplotlib, drawn on first show) are clickable the same way.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.dossier import Outcome
from motcua_desktop.domain.dossier_filter import DossierFilter
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.money import share_text, vn_number
from motcua_desktop.domain.vntime import WEEKDAYS, fmt_date
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.reports.dashboard import Dashboard, DashboardItem, dashboard
from motcua_desktop.ui.reports import charts
from motcua_desktop.ui.shell.changes import Change
from motcua_desktop.ui.shell.page import Page
from motcua_desktop.ui.shell.widgets import shortcut_button

OUTCOME_COLORS = {
    Outcome.EARLY.value: charts.COLORS["early"],
    Outcome.ON_TIME.value: charts.COLORS["on_time"],
    Outcome.LATE.value: charts.COLORS["late"],
}


class Tile(QPushButton):
    """A big number with its label; clicking it opens the list the number counts."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"tile_{key}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(150, 74)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.item: DashboardItem | None = None
        self.key_text = ""  # its key, Ctrl+1 … Ctrl+9 (set by the page)

    def show_item(self, item: DashboardItem, extra: str = "") -> None:
        self.item = item
        number = vn_number(item.count)
        self.setText(f"{number}\n{item.label}" + (f" · {extra}" if extra else ""))
        self.setToolTip(f"Bấm để xem danh sách: {item.label.lower()} ({number} hồ sơ) ({self.key_text})")
        font = self.font()
        font.setPointSize(11)
        self.setFont(font)


class DashboardPage(Page):
    """The "Tổng quan" page: the figures are read when first shown, then again after a change."""

    watches = frozenset({Change.DOSSIER, Change.IMPORTED, Change.SETTINGS, Change.RESTORED})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: Dashboard | None = None
        self.tiles: dict[str, Tile] = {}
        self._charts: dict[str, Any] = {}
        self.setObjectName("dashboard_page")

        self.heading = QLabel(self)
        self.heading.setObjectName("dashboard_heading")
        font = self.heading.font()
        font.setPointSize(13)
        font.setBold(True)
        self.heading.setFont(font)
        self.refresh_button = shortcut_button("Làm mới", "F5", "Đọc lại các số liệu")
        self.refresh_button.clicked.connect(self.refresh)
        self.add_shortcut("Làm mới số liệu", "F5", self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)
        # Which counters the figures include and how fresh each is (office hub or USB packages).
        self.coverage = QLabel(self)
        self.coverage.setObjectName("dashboard_coverage")
        self.coverage.setWordWrap(True)
        self.coverage.setStyleSheet("color: #3c4043;")

        self.today_box = QGroupBox("Hôm nay", self)
        today_grid = QGridLayout(self.today_box)
        keys = ("received_today", "returned_today", "due_today", "overdue", "awaiting_supplement", "pending")
        for i, key in enumerate(keys):
            today_grid.addWidget(self._tile(key), i // 3, i % 3)

        self.month_box = QGroupBox("Tháng này: hồ sơ đã giải quyết", self)
        month_row = QHBoxLayout(self.month_box)
        for outcome in Outcome:
            month_row.addWidget(self._tile(outcome.value))

        self.chart_area = QWidget(self)
        self.chart_area.setObjectName("dashboard_charts")
        self.chart_layout = QHBoxLayout(self.chart_area)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)

        # The calendar: next year's days off not official yet (from 1 November), printed appointments to review.
        self.calendar_notice = QLabel(self)
        self.calendar_notice.setObjectName("dashboard_calendar")
        self.calendar_notice.setWordWrap(True)
        self.calendar_notice.setStyleSheet("color: #8a4b00;")
        self.calendar_notice.hide()
        self.flags_button = QPushButton(self)
        self.flags_button.setObjectName("dashboard_due_flags")
        self.flags_button.clicked.connect(self.show_flags)
        self.flags_button.hide()
        calendar_row = QHBoxLayout()
        calendar_row.addWidget(self.calendar_notice, 1)
        calendar_row.addWidget(self.flags_button)

        self.status = QLabel(self)
        self.status.setObjectName("dashboard_status")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #b71c1c;")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.coverage)
        layout.addLayout(calendar_row)
        layout.addWidget(self.today_box)
        layout.addWidget(self.month_box)
        layout.addWidget(self.chart_area, 1)
        layout.addWidget(self.status)

    def _tile(self, key: str) -> Tile:
        tile = Tile(key, self)
        tile.clicked.connect(lambda _=False, t=tile: self._open(t.item.filter if t.item else None))
        self.tiles[key] = tile
        number = len(self.tiles)  # Ctrl+1 … Ctrl+9 in reading order, as the tiles stand
        tile.key_text = QKeySequence(f"Ctrl+{number}").toString(QKeySequence.SequenceFormat.NativeText)
        self.add_shortcut(f"Mở danh sách của ô số {number}", f"Ctrl+{number}", tile.click)
        return tile

    def _open(self, f: DossierFilter | None) -> None:
        if f is not None:
            self.open_list.emit(f)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.data is None:
            self.refresh()

    def refresh(self) -> None:
        """Reloads every number (and the charts when the page is visible)."""
        self.stale = False
        try:
            data = dashboard(self.ctx)
        except KnownError as exc:
            self.status.setText(str(exc))
            return
        self.status.clear()
        self.data = data
        weekday = WEEKDAYS[data.today.weekday()]
        self.heading.setText(f"Tổng quan – {weekday}, ngày {fmt_date(data.today)}")
        self.coverage.setText(data.coverage)
        for item in data.items:
            self.tiles[item.key].show_item(item)
        total = sum(i.count for i in data.outcomes)
        for item in data.outcomes:
            self.tiles[item.key].show_item(item, share_text(item.count, total))
        self.month_box.setTitle(f"{data.month.label}: hồ sơ đã giải quyết ({total}) – {data.rule.label}")
        self.calendar_notice.setText(data.calendar_notice)
        self.calendar_notice.setVisible(bool(data.calendar_notice))
        self.flags_button.setText(f"Hồ sơ cần xem lại ngày hẹn ({data.due_flags})…")
        self.flags_button.setVisible(data.due_flags > 0)
        if self.isVisible():
            self.draw_charts()

    def draw_charts(self) -> None:
        """The month's timeliness and the last days' receptions (matplotlib is loaded here)."""
        data = self.data
        if data is None:
            return
        if not self._charts:
            for name in ("outcomes", "received"):
                canvas = charts.make_canvas(self.chart_area)
                canvas.setObjectName(f"chart_{name}")
                self.chart_layout.addWidget(canvas)
                self._charts[name] = canvas
        charts.bar_chart(
            self._charts["outcomes"],
            title=f"{data.month.label}: trước hạn / đúng hạn / quá hạn",
            labels=[i.label for i in data.outcomes],
            values=[i.count for i in data.outcomes],
            keys=[i.key for i in data.outcomes],
            colors=[OUTCOME_COLORS[i.key] for i in data.outcomes],
            on_pick=self.open_key,
        )
        charts.bar_chart(
            self._charts["received"],
            title="Hồ sơ tiếp nhận theo ngày",
            labels=[i.label for i in data.received_by_day],
            values=[i.count for i in data.received_by_day],
            keys=[i.key for i in data.received_by_day],
            on_pick=self.open_key,
        )

    def show_flags(self) -> None:
        """The printed appointments a calendar change moved, for the clerk to settle."""
        from motcua_desktop.ui.office.calendar_dialogs import DueFlagsDialog

        DueFlagsDialog(self.ctx, self).exec()
        self.refresh()

    def chart(self, name: str) -> Any:
        """The chart canvas ``outcomes`` or ``received`` (None before the first draw)."""
        return self._charts.get(name)

    def open_key(self, key: str) -> None:
        """Opens the list behind the number or bar ``key`` (the charts' click handler)."""
        if self.data is not None:
            self.open_list.emit(self.data.item(key).filter)
