"""The "Hàng chờ" page: give a citizen a numbered ticket of a field (printed at once), call the next
number to this counter with one key, mark it served or absent, open the waiting room's screen, and
(leaders) the report of waiting and service times per field and per hour of the day.

Keys: Ctrl+1 … Ctrl+9 a ticket of the 1st … 9th field, F9 call the next number, Ctrl+D served,
Ctrl+B absent, Ctrl+T the waiting room's screen, Ctrl+R today's report, F5 read again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.money import vn_number
from motcua_desktop.domain.vntime import business_day
from motcua_desktop.domain.waiting_queue import QUEUE_COLUMNS, Ticket, call_words
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.queue.tickets import (
    call_next,
    finish_current,
    queue_board,
    queue_report,
    take_ticket,
    ticket_pdf,
)
from motcua_desktop.ui.printing.qt_printing import print_pdf
from motcua_desktop.ui.queue.display import QueueDisplay
from motcua_desktop.ui.shell.changes import Change
from motcua_desktop.ui.shell.page import Page
from motcua_desktop.ui.shell.widgets import shortcut_button

REFRESH_MS = 3000


class QueuePage(Page):
    watches = frozenset({Change.RESTORED, Change.SETTINGS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # How a ticket reaches paper (a test replaces it); a failure is said, the number stays on screen.
        self.print_ticket: Callable[[bytes], object] = print_pdf
        self.display: QueueDisplay | None = None
        board = queue_board(ctx)
        self.fields = board.fields

        take_box = QGroupBox("Cấp số thứ tự (bấm theo lĩnh vực công dân cần làm)")
        grid = QGridLayout(take_box)
        self.take_buttons: list[QPushButton] = []
        for i, field in enumerate(self.fields):
            key = f"Ctrl+{i + 1}" if i < 9 else ""
            button = shortcut_button(field.name, key) if key else QPushButton(field.name)
            button.setMinimumHeight(40)
            button.clicked.connect(lambda *_, code=field.code: self.take(code))
            if key:
                self.add_shortcut(f"Cấp số {field.name}", key, lambda *_, code=field.code: self.take(code))
            grid.addWidget(button, i // 3, i % 3)
            self.take_buttons.append(button)
        self.last_ticket = QLabel("")
        self.last_ticket.setFont(_big(20))
        grid.addWidget(self.last_ticket, (len(self.fields) + 2) // 3, 0, 1, 3)

        self.counter = QSpinBox()
        self.counter.setRange(1, 99)
        try:
            self.counter.setValue(ctx.office().counter_no)
        except KnownError:
            self.counter.setValue(1)
        self.serve_fields: dict[str, QCheckBox] = {}
        serve_row = QHBoxLayout()
        counter_label = QLabel("Quầy &số")
        counter_label.setBuddy(self.counter)
        serve_row.addWidget(counter_label)
        serve_row.addWidget(self.counter)
        serve_row.addWidget(QLabel("gọi các lĩnh vực:"))
        for field in self.fields:
            box = QCheckBox(field.name)
            box.setChecked(True)
            self.serve_fields[field.code] = box
            serve_row.addWidget(box)
        serve_row.addStretch(1)
        self.call_button = shortcut_button("Gọi số tiếp theo", "F9")
        self.call_button.setMinimumHeight(48)
        self.done_button = shortcut_button("Phục vụ xong", "Ctrl+D")
        self.absent_button = shortcut_button("Vắng mặt", "Ctrl+B")
        self.screen_button = shortcut_button("Màn hình phòng chờ", "Ctrl+T")
        buttons = QHBoxLayout()
        for b in (self.call_button, self.done_button, self.absent_button, self.screen_button):
            buttons.addWidget(b)
        self.serving = QLabel("Chưa gọi số nào.")
        self.serving.setFont(_big(28))
        call_box = QGroupBox("Gọi số đến quầy")
        call_layout = QVBoxLayout(call_box)
        call_layout.addLayout(serve_row)
        call_layout.addLayout(buttons)
        call_layout.addWidget(self.serving)

        self.waiting = QLabel("")
        self.waiting.setWordWrap(True)
        self.calls = QLabel("")
        self.calls.setWordWrap(True)

        self.report_button = shortcut_button("Báo cáo hôm nay", "Ctrl+R")
        self.report = QTableWidget(0, len(QUEUE_COLUMNS))
        self.report.setHorizontalHeaderLabels(list(QUEUE_COLUMNS))
        self.report.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.report.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        report_box = QGroupBox("Thời gian chờ và phục vụ theo lĩnh vực, theo giờ lấy số")
        report_layout = QVBoxLayout(report_box)
        report_layout.addWidget(self.report_button)
        report_layout.addWidget(self.report)
        report_box.setVisible(ctx.can(Permission.REPORTS))

        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(take_box)
        layout.addWidget(call_box)
        layout.addWidget(self.waiting)
        layout.addWidget(self.calls)
        layout.addWidget(self.status)
        layout.addWidget(report_box, 1)
        if not report_box.isVisibleTo(self):
            layout.addStretch(1)

        self.add_shortcut("Gọi số tiếp theo", "F9", self.call)
        self.add_shortcut("Phục vụ xong", "Ctrl+D", self.done)
        self.add_shortcut("Vắng mặt khi gọi", "Ctrl+B", self.absent)
        self.add_shortcut("Màn hình phòng chờ", "Ctrl+T", self.open_display)
        self.add_shortcut("Báo cáo hàng chờ hôm nay", "Ctrl+R", self.show_report)
        self.add_shortcut("Đọc lại hàng chờ", "F5", self.refresh)
        self.call_button.clicked.connect(self.call)
        self.done_button.clicked.connect(self.done)
        self.absent_button.clicked.connect(self.absent)
        self.screen_button.clicked.connect(self.open_display)
        self.report_button.clicked.connect(self.show_report)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.refresh()

    def focus_default(self) -> None:
        self.call_button.setFocus()

    def _tick(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        try:
            board = queue_board(self.ctx, self.counter.value())
        except KnownError as exc:
            self._say(exc.message, error=True)
            return
        self.waiting.setText(
            "Đang chờ: " + ", ".join(f"{f.name} {vn_number(board.waiting.get(f.code, 0), 0)}" for f in board.fields)
        )
        self.calls.setText(
            "Vừa gọi: " + ", ".join(f"{t.label} → quầy {t.counter}" for t in board.last_calls)
            if board.last_calls
            else ""
        )
        current = board.serving
        self.serving.setText(
            f"Đang phục vụ: {current.label}" if current is not None else "Quầy đang trống: bấm F9 để gọi số."
        )

    def take(self, code: str) -> Ticket | None:
        try:
            ticket = take_ticket(self.ctx, code)
        except KnownError as exc:
            self._say(exc.message, error=True)
            return None
        self.last_ticket.setText(f"Vừa cấp số {ticket.label}")
        self.refresh()
        try:
            self.print_ticket(ticket_pdf(self.ctx, ticket))
        except KnownError as exc:
            self._say(f"Đã cấp số {ticket.label} nhưng chưa in được: {exc.message}", error=True)
            return ticket
        self._say(f"Đã cấp và in số {ticket.label}.")
        return ticket

    def call(self) -> Ticket | None:
        fields = [code for code, box in self.serve_fields.items() if box.isChecked()]
        try:
            ticket = call_next(self.ctx, self.counter.value(), fields)
        except KnownError as exc:
            self._say(exc.message, error=True)
            return None
        self.refresh()
        if self.display is not None:
            self.display.refresh()
        if ticket is None:
            self._say("Không còn ai chờ ở các lĩnh vực quầy này phục vụ.")
            return None
        self._say(call_words(ticket.label, self.counter.value()) + ".")
        return ticket

    def _finish(self, *, absent: bool) -> None:
        try:
            ticket = finish_current(self.ctx, self.counter.value(), absent=absent)
        except KnownError as exc:
            self._say(exc.message, error=True)
            return
        self.refresh()
        self._say(f"Số {ticket.label}: {ticket.state.label.lower()}.")

    def done(self) -> None:
        self._finish(absent=False)

    def absent(self) -> None:
        self._finish(absent=True)

    def open_display(self) -> None:
        if self.display is None:
            self.display = QueueDisplay(self.ctx, self)
        self.display.show_on_screen()
        self.display.raise_()

    def show_report(self) -> None:
        today = business_day(self.ctx.clock.now())
        try:
            figures = queue_report(self.ctx, today, today)
        except KnownError as exc:
            self._say(exc.message, error=True)
            return
        rows = [*figures.by_field, *figures.by_hour, figures.total]
        self.report.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, text in enumerate(row.cells()):
                self.report.setItem(i, j, QTableWidgetItem(text))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020;" if error else "")


def _big(points: int) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(True)
    return font
