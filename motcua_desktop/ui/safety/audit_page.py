"""The audit trail page (leaders and administrators): filter, read, prove the log intact."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.errors import Field, KnownError
from motcua_desktop.domain.vntime import fmt_datetime
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.safety.audit import (
    AuditEntry,
    AuditQuery,
    audit_kinds,
    filter_date,
    list_audit,
    verify_log,
)
from motcua_desktop.ui.shell.changes import Change
from motcua_desktop.ui.shell.page import Page

COLUMNS = ("Thời gian", "Người thực hiện", "Thao tác", "Mã hồ sơ", "Chi tiết", "Máy · kỷ nguyên · số")
_Index = QModelIndex | QPersistentModelIndex


class AuditModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.entries: list[AuditEntry] = []

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                fmt_datetime(e.at) + (" ⚠" if e.clock_suspect else ""),
                e.actor,
                e.title,
                e.dossier_code,
                e.detail,
                f"{e.device_id} · {e.epoch} · {e.seq}",
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0 and e.clock_suspect:
            return "Ghi lúc đồng hồ máy tính bị nghi sai"
        return None


class AuditPage(Page):
    """Needs ``Permission.AUDIT``; a clerk opening it sees the refusal message, never data. Every
    change writes to the trail, so any notification makes the list out of date."""

    watches = frozenset(Change)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.user = QLineEdit()
        self.user.setPlaceholderText("tên đăng nhập")
        self.date_from = QLineEdit()
        self.date_from.setPlaceholderText("dd/mm/yyyy")
        self.date_to = QLineEdit()
        self.date_to.setPlaceholderText("dd/mm/yyyy")
        self.dossier = QLineEdit()
        self.dossier.setPlaceholderText("mã hồ sơ hoặc quét mã vạch")
        self.kind = QComboBox()
        self.kind.addItem("Tất cả thao tác", "")
        for kind, label in audit_kinds():
            self.kind.addItem(label, kind)
        self.search_button = QPushButton("&Lọc")
        self.verify_button = QPushButton("&Kiểm tra toàn vẹn nhật ký")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.model = AuditModel()
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        form = QFormLayout()
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("đến"))
        dates.addWidget(self.date_to)
        form.addRow("Người thực hiện", self.user)
        form.addRow("Từ ngày", dates)
        form.addRow("Hồ sơ", self.dossier)
        form.addRow("Loại thao tác", self.kind)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addStretch(1)
        buttons.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

        self.search_button.clicked.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)
        for edit in (self.user, self.date_from, self.date_to, self.dossier):
            edit.returnPressed.connect(self.refresh)
        self.refresh()

    def query(self) -> AuditQuery:
        return AuditQuery(
            user=self.user.text(),
            date_from=filter_date(self.date_from.text(), Field("date_from", "Từ ngày")),
            date_to=filter_date(self.date_to.text(), Field("date_to", "Đến ngày")),
            dossier=self.dossier.text(),
            kind=str(self.kind.currentData() or ""),
        )

    def refresh(self) -> None:
        try:
            entries = list_audit(self.ctx, self.query())
        except KnownError as exc:
            self.model.set_entries([])
            self._say(exc.message, error=True)
            return
        self.model.set_entries(entries)
        self._say(f"{len(entries)} dòng (mới nhất trước).")

    def verify(self) -> None:
        try:
            report = verify_log(self.ctx)
        except KnownError as exc:
            self._say(exc.message, error=True)
            return
        self._say(report.message(), error=not report.ok)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020;" if error else "")
