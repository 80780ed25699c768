"""The "Phản ánh, kiến nghị" page: record a complaint or suggestion, read the register (overdue lines
red like overdue dossiers), record the answer, and (leaders) the year's report by month.

Keys: Ctrl+N a new complaint (cursor in the content), F9 record it, Ctrl+U only the unanswered ones,
Ctrl+Return record the answer of the selected line, Ctrl+G give it to the person chosen in «Giao cho»,
Ctrl+B the report of the year, F5 read again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.complaints import (
    COMPLAINT_COLUMNS,
    Channel,
    ComplaintInput,
    complaint_state,
    month_periods,
    total_period,
)
from motcua_desktop.domain.deadline import Tone
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.money import vn_number
from motcua_desktop.domain.vntime import fmt_date, fmt_datetime
from motcua_desktop.services.accounts.users import staff_names
from motcua_desktop.services.complaints.register import (
    ComplaintLine,
    answer_complaint,
    assign_complaint,
    complaint_register,
    complaint_report,
    receive_complaint,
)
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.ui.shell.changes import Change
from motcua_desktop.ui.shell.page import Page
from motcua_desktop.ui.shell.widgets import shortcut_button

COLUMNS = (
    "Mã",
    "Ngày nhận",
    "Hình thức",
    "Người phản ánh",
    "Nội dung",
    "Hồ sơ liên quan",
    "Người được giao",
    "Hạn trả lời",
    "Tình trạng",
)
_BRUSHES = {Tone.ALERT: QBrush(QColor("#fce8e6")), Tone.WARNING: QBrush(QColor("#fef7e0"))}
_Index = QModelIndex | QPersistentModelIndex


class ComplaintsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[ComplaintLine] = []
        self.now_text: Any = None

    def set_lines(self, lines: list[ComplaintLine], now: Any) -> None:
        self.beginResetModel()
        self.lines = lines
        self.now_text = now
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        c = line.complaint
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                c.code,
                fmt_date(c.received_at),
                c.channel.label,
                c.sender,
                c.content.replace("\n", " "),
                c.dossier_code,
                c.assignee,
                fmt_datetime(c.due_at),
                line.urgency.label if line.urgency is not None else complaint_state(c, self.now_text),
            )[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and line.urgency is not None:
            return _BRUSHES.get(line.urgency.tone)
        if role == Qt.ItemDataRole.ToolTipRole:
            return c.answer or c.content
        return None


class ComplaintsPage(Page):
    watches = frozenset({Change.RESTORED, Change.SETTINGS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        self.sender_name = QLineEdit()
        self.sender_name.setPlaceholderText("họ tên (thư góp ý không tên: để trống)")
        self.contact = QLineEdit()
        self.contact.setPlaceholderText("địa chỉ hoặc số điện thoại để trả lời")
        self.dossier = QLineEdit()
        self.dossier.setPlaceholderText("mã hồ sơ hoặc quét mã vạch (nếu có)")
        self.assignee = QComboBox()
        self.assignee.addItem("(chưa giao)", "")
        try:
            for username, full_name in staff_names(ctx):
                self.assignee.addItem(f"{full_name} ({username})", username)
        except KnownError:
            pass
        self.content = QPlainTextEdit()
        self.content.setPlaceholderText("nội dung phản ánh, kiến nghị")
        self.content.setFixedHeight(64)
        self.content.setTabChangesFocus(True)  # Tab goes on to the next field, as everywhere
        self.save_button = shortcut_button("Ghi nhận", "F9")

        form = QFormLayout()
        form.addRow("&Hình thức tiếp nhận", self.channel)
        form.addRow("&Người phản ánh", self.sender_name)
        form.addRow("Liên hệ", self.contact)
        form.addRow("Hồ sơ liên quan", self.dossier)
        form.addRow("Giao cho", self.assignee)
        form.addRow("Nội &dung", self.content)
        form.addRow("", self.save_button)
        new_box = QGroupBox("Tiếp nhận phản ánh, kiến nghị")
        new_box.setLayout(form)

        self.open_only = QCheckBox("Chỉ những phản ánh chưa trả lời (Ctrl+U)")
        self.model = ComplaintsModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("Nội dung"), QHeaderView.ResizeMode.Stretch)
        self.answer = QPlainTextEdit()
        self.answer.setPlaceholderText("nội dung đã trả lời người phản ánh (chọn một dòng trong sổ)")
        self.answer.setFixedHeight(48)
        self.answer.setTabChangesFocus(True)
        self.answer_button = shortcut_button("Ghi trả lời", "Ctrl+Return")
        self.assign_button = shortcut_button("Giao cho người đã chọn", "Ctrl+G")
        self.assign_button.setToolTip("Giao phản ánh đang chọn cho người ở ô «Giao cho»")
        answer_row = QHBoxLayout()
        answer_row.addWidget(self.answer, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.answer_button)
        buttons.addWidget(self.assign_button)
        answer_row.addLayout(buttons)

        self.year = QSpinBox()
        self.year.setRange(2020, 2100)
        self.year.setValue(ctx.clock.now().year)
        self.report_button = shortcut_button("Báo cáo năm", "Ctrl+B")
        self.report = QTableWidget(0, len(COMPLAINT_COLUMNS))
        self.report.setHorizontalHeaderLabels(COMPLAINT_COLUMNS)
        self.report.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.report.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        report_row = QHBoxLayout()
        report_row.addWidget(QLabel("Năm"))
        report_row.addWidget(self.year)
        report_row.addWidget(self.report_button)
        report_row.addStretch(1)
        report_box = QGroupBox("Báo cáo: tiếp nhận, trả lời đúng hạn, trễ hạn, còn tồn theo tháng")
        report_layout = QVBoxLayout(report_box)
        report_layout.addLayout(report_row)
        report_layout.addWidget(self.report)
        report_box.setVisible(ctx.can(Permission.REPORTS))

        self.status = QLabel()
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(new_box, 1)
        top.addWidget(report_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.open_only)
        layout.addWidget(self.table, 1)
        layout.addLayout(answer_row)
        layout.addWidget(self.status)

        self.add_shortcut("Phản ánh mới", "Ctrl+N", self.new_complaint)
        self.add_shortcut("Ghi nhận phản ánh", "F9", self.save)
        self.add_shortcut("Chỉ phản ánh chưa trả lời", "Ctrl+U", self.open_only.toggle)
        self.add_shortcut("Ghi trả lời", "Ctrl+Return", self.record_answer)
        self.add_shortcut("Giao phản ánh đang chọn", "Ctrl+G", self.assign_selected)
        self.add_shortcut("Báo cáo năm", "Ctrl+B", self.show_report)
        self.add_shortcut("Đọc lại sổ", "F5", self.refresh)
        self.save_button.clicked.connect(self.save)
        self.answer_button.clicked.connect(self.record_answer)
        self.assign_button.clicked.connect(self.assign_selected)
        self.report_button.clicked.connect(self.show_report)
        self.open_only.toggled.connect(self.refresh)
        self.refresh()

    def focus_default(self) -> None:
        self.content.setFocus()

    def new_complaint(self) -> None:
        self.sender_name.clear()
        self.contact.clear()
        self.dossier.clear()
        self.content.clear()
        self.assignee.setCurrentIndex(0)
        self.content.setFocus()

    def refresh(self) -> None:
        try:
            lines = complaint_register(self.ctx, open_only=self.open_only.isChecked())
        except KnownError as exc:
            self._say(exc.message, error=True)
            return
        self.model.set_lines(lines, self.ctx.clock.now())
        self._say(f"{vn_number(len(lines), 0)} phản ánh, kiến nghị trong sổ.")

    def save(self) -> None:
        data = ComplaintInput(
            channel=Channel(self.channel.currentData()),
            sender=self.sender_name.text(),
            content=self.content.toPlainText(),
            contact=self.contact.text(),
            dossier_code=self.dossier.text(),
            assignee=str(self.assignee.currentData() or ""),
        )
        try:
            complaint = receive_complaint(self.ctx, data)
        except KnownError as exc:
            self._say(exc.message, error=True)
            return
        self.new_complaint()
        self.refresh()
        self._say(f"Đã ghi {complaint.code}; hạn trả lời {fmt_datetime(complaint.due_at)}.")

    def selected(self) -> ComplaintLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.lines[rows[0].row()] if rows else None

    def record_answer(self) -> None:
        line = self.selected()
        if line is None:
            self._say("Chọn một phản ánh trong sổ trước khi ghi trả lời.", error=True)
            return
        try:
            done = answer_complaint(self.ctx, line.complaint.code, self.answer.toPlainText())
        except KnownError as exc:
            self._say(exc.message, error=True)
            return
        self.answer.clear()
        self.refresh()
        self._say(f"{done.code}: {complaint_state(done, self.ctx.clock.now())}.")

    def assign_selected(self) -> None:
        line = self.selected()
        assignee = str(self.assignee.currentData() or "")
        if line is None or not assignee:
            self._say("Chọn một phản ánh trong sổ và người ở ô «Giao cho».", error=True)
            return
        try:
            done = assign_complaint(self.ctx, line.complaint.code, assignee)
        except KnownError as exc:
            self._say(exc.message, error=True)
            return
        self.refresh()
        self._say(f"Đã giao {done.code} cho {done.assignee}.")

    def show_report(self) -> None:
        periods = month_periods(self.year.value())
        periods.append(total_period(periods[0].start, periods[-1].end))
        try:
            rows = complaint_report(self.ctx, periods)
        except KnownError as exc:
            self._say(exc.message, error=True)
            return
        self.report.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for j, text in enumerate(r.cells()):
                self.report.setItem(i, j, QTableWidgetItem(text))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020;" if error else "")
