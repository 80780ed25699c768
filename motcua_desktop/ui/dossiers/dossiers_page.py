"""Hồ sơ (F2): every dossier, filtered, searched and sorted, with the detail panel beside the list.

The list opens instantly whatever the size of the database: the model loads one page of rows at a
time as the view scrolls, and the count is taken after the first page is on screen.
"""

from __future__ import annotations

import dataclasses

import shiboken6
from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.dossier_filter import DossierFilter, DueFilter
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.money import vn_number
from motcua_desktop.services.accounts.users import staff_names
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.lists import count_dossiers, dossier_summary
from motcua_desktop.services.dossiers.lookup import refresh_view
from motcua_desktop.services.office.catalogue import list_procedures
from motcua_desktop.ui.dossiers.dossier_detail import DossierDetail
from motcua_desktop.ui.dossiers.dossier_model import COLUMN_INDEX, DossierListModel
from motcua_desktop.ui.shell import ask
from motcua_desktop.ui.shell.changes import Change
from motcua_desktop.ui.shell.page import Page
from motcua_desktop.ui.shell.scanner import mark_scan_aware
from motcua_desktop.ui.shell.widgets import DateLineEdit, show_message
from motcua_desktop.ui.shell.worker import run_detached

PENDING = "pending"
# Combo data are plain strings (Qt hands enum members back as str).
STATUS_CHOICES: list[tuple[str, str]] = [
    ("Mọi trạng thái", ""),
    ("Đang giải quyết", PENDING),
    *[(status.label, status.value) for status in Status],
]
DUE_CHOICES: list[tuple[str, str]] = [("Mọi thời hạn", ""), *[(d.label, d.value) for d in DueFilter]]


class DossierTable(QTableView):
    """Enter opens the current row's detail (the scanner's Enter too)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class DossiersPage(Page):
    """A dossier changed elsewhere (F1, F3, another window of the same context) refreshes its line
    and the open detail; a dossier the list does not hold yet (just registered), several at once
    (imports, demo data) or a restored database reload the list, keeping the open dossier."""

    watches = frozenset({Change.DOSSIER, Change.IMPORTED, Change.RESTORED})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._base = DossierFilter()
        self._count_generation = 0
        self._changed_rows: set[str] = set()
        self._reload_all = False
        self._detail_stale = False
        self.model = DossierListModel(ctx, self)
        self._search_timer = QTimer(self, singleShot=True, interval=300)
        self._search_timer.timeout.connect(self.run_search)
        self._build()
        self.reload()

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("search")
        mark_scan_aware(self.search)  # a scanned receipt or CCCD is searched (and opened) here
        self.search.setPlaceholderText(
            "Tìm theo mã hồ sơ, mã vạch, số căn cước, số điện thoại hoặc họ tên (không cần dấu)"
        )
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self.run_search_and_open)
        self.status = QComboBox()
        for label, value in STATUS_CHOICES:
            self.status.addItem(label, value)
        self.due = QComboBox()
        for label, value in DUE_CHOICES:
            self.due.addItem(label, value)
        self.date_from = DateLineEdit()
        self.date_to = DateLineEdit()
        for edit in (self.date_from, self.date_to):
            edit.setMaximumWidth(110)
            edit.editingFinished.connect(self.reload)
        self.procedure = QComboBox()
        self.procedure.addItem("Mọi thủ tục", "")
        for procedure in list_procedures(self.ctx):
            self.procedure.addItem(procedure.name, procedure.key)
        self.clerk = QComboBox()
        self.clerk.addItem("Mọi cán bộ", "")
        for username, full_name in staff_names(self.ctx):
            self.clerk.addItem(full_name, username)
        for combo in (self.status, self.due, self.procedure, self.clerk):
            combo.currentIndexChanged.connect(self.reload)
        self.clear_button = QPushButton("&Xóa lọc")
        self.clear_button.clicked.connect(self.clear_filters)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.base_label = QLabel()
        self.base_label.setStyleSheet("color: #174ea6;")
        self.base_label.hide()

        self.table = DossierTable()
        self.table.setObjectName("dossier_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list (to the detail); arrows move in it
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for key, width in (
            ("code", 185),
            ("applicant", 160),
            ("received", 82),
            ("due", 112),
            ("deadline", 120),
            ("status", 160),
            ("clerk", 90),
        ):
            self.table.setColumnWidth(COLUMN_INDEX[key], width)
        header.setSectionResizeMode(COLUMN_INDEX["procedure"], QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        section, order = self.model.sort_section()
        header.setSortIndicator(section, order)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail = DossierDetail(self.ctx)
        self.detail.return_requested.connect(self.return_dossier)  # the main window takes it to Trả kết quả

        for combo in (self.status, self.due, self.procedure, self.clerk):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        filters = QGridLayout()
        filters.setHorizontalSpacing(6)
        placed = (
            (0, 0, "Trạng thái", self.status, 1),
            (0, 2, "Thời hạn", self.due, 1),
            (0, 4, "Nhận từ", self.date_from, 1),
            (0, 6, "đến", self.date_to, 1),
            (1, 0, "Thủ tục", self.procedure, 3),
            (1, 4, "Cán bộ", self.clerk, 3),
        )
        for row, column, label, widget, span in placed:
            text = QLabel(label)
            text.setBuddy(widget)
            filters.addWidget(text, row, column)
            filters.addWidget(widget, row, column + 1, 1, span)
        filters.addWidget(self.clear_button, 0, 8)
        filters.setColumnStretch(1, 2)
        filters.setColumnStretch(3, 2)
        filters.setColumnStretch(9, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.count_label)
        status_row.addWidget(self.base_label, 1)
        left_layout.addLayout(status_row)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.detail.hide()  # the list takes the whole width until a dossier is opened (Enter)
        title = QLabel("Hồ sơ")
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        self.add_shortcut("Tìm hồ sơ", "Ctrl+F", self.focus_search)
        self.add_shortcut("Làm mới danh sách", "F5", self.reload)
        self.add_shortcut("Chuyển đến danh sách", "Ctrl+Shift+L", self.table.setFocus)  # Ctrl+L locks
        self.add_shortcut("In sổ theo dõi hồ sơ (mẫu 07)…", "Ctrl+B", self.print_book)
        self.add_shortcut("Đóng phần chi tiết", "Esc", self.close_detail)

    # --- page hooks -------------------------------------------------------------------------
    def focus_default(self) -> None:
        self.focus_search()

    def note_change(self, change: Change, subject: str) -> bool:
        if change not in self.watches:
            return False
        if change is Change.DOSSIER and subject and self.model.holds(subject):
            self._changed_rows.add(subject)
            if self.detail.shows(subject) and not self.detail.notifying:
                self._detail_stale = True
        else:
            self._reload_all = True
        return True

    def refresh(self) -> None:
        """Applies the changes noted since the last refresh (``note_change``)."""
        changed, self._changed_rows = self._changed_rows, set()
        reload_all, self._reload_all = self._reload_all, False
        detail_stale, self._detail_stale = self._detail_stale, False
        if reload_all:
            self.reload_keeping_place()
            return
        for dossier_uuid in changed:
            summary = dossier_summary(self.ctx, dossier_uuid)
            if summary is not None:
                self.model.refresh_row(summary)
        if detail_stale:
            self.detail.refresh()

    def reload_keeping_place(self) -> None:
        """Reads the list again; the selected line and the open detail stay where they were."""
        index = self.table.currentIndex()
        current = self.model.summary(index.row()) if index.isValid() else None
        opened = self.detail.view.dossier.uuid if self.detail.view is not None else None
        self.reload()
        if current is not None:
            row = self.model.row_of(current.uuid)
            if row is not None:
                self.table.selectRow(row)
        if opened is not None:
            try:
                self.detail.show_view(refresh_view(self.ctx, opened))
            except KnownError:  # not in this database any more (a restore)
                self.detail.show_summary(None)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- filters ----------------------------------------------------------------------------
    def current_filter(self) -> DossierFilter:
        status = str(self.status.currentData() or "")
        due = str(self.due.currentData() or "")
        changes: dict[str, object] = {
            "statuses": frozenset({Status(status)}) if status not in ("", PENDING) else self._base.statuses,
            "pending_only": status == PENDING or (not status and self._base.pending_only),
            "due": DueFilter(due) if due else self._base.due,
            "received_from": self.date_from.date() or self._base.received_from,
            "received_to": self.date_to.date() or self._base.received_to,
            "procedure_key": self.procedure.currentData() or self._base.procedure_key,
            "received_by": self.clerk.currentData() or self._base.received_by,
        }
        return dataclasses.replace(self._base, **changes)  # type: ignore[arg-type]

    def show_filter(self, dossier_filter: DossierFilter) -> None:
        """Shows the dossiers of ``dossier_filter`` (the dashboard's figures link here)."""
        self._base = dossier_filter
        for combo in (self.status, self.due, self.procedure, self.clerk):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
        if len(dossier_filter.statuses) == 1:
            self.status.setCurrentIndex(max(0, self.status.findData(next(iter(dossier_filter.statuses)).value)))
        elif dossier_filter.pending_only:
            self.status.setCurrentIndex(self.status.findData(PENDING))
        if dossier_filter.due is not None:
            self.due.setCurrentIndex(max(0, self.due.findData(dossier_filter.due.value)))
        self.procedure.setCurrentIndex(max(0, self.procedure.findData(dossier_filter.procedure_key)))
        self.clerk.setCurrentIndex(max(0, self.clerk.findData(dossier_filter.received_by)))
        for combo in (self.status, self.due, self.procedure, self.clerk):
            combo.blockSignals(False)
        self.date_from.setText(f"{dossier_filter.received_from:%d/%m/%Y}" if dossier_filter.received_from else "")
        self.date_to.setText(f"{dossier_filter.received_to:%d/%m/%Y}" if dossier_filter.received_to else "")
        self.search.clear()
        self.base_label.setText(
            "Danh sách theo lựa chọn từ trang Tổng quan." if dossier_filter != DossierFilter() else ""
        )
        self.base_label.setVisible(dossier_filter != DossierFilter())
        self.reload()

    def clear_filters(self) -> None:
        self.show_filter(DossierFilter())
        self.focus_search()

    # --- loading ----------------------------------------------------------------------------
    def reload(self) -> None:
        if self.search.text().strip():
            self.run_search()
            return
        try:
            self.model.set_filter(self.current_filter())
        except KnownError as exc:
            ask.known_error(self, exc)
            return
        self.count_label.setText("Đang đếm…")
        self._count()
        self.detail.show_summary(None)

    def _count(self) -> None:
        """Counts the list's dossiers on a worker thread (a count over a million rows takes tens of
        milliseconds: never on the window's thread); an answer for an older filter is dropped."""
        self._count_generation += 1
        generation, dossier_filter = self._count_generation, self.model.filter

        def current() -> bool:  # the page still exists and shows the list that was counted
            return shiboken6.isValid(self) and generation == self._count_generation and not self.model.search_text

        def counted(total: object) -> None:
            if current():
                self.count_label.setText(f"{vn_number(int(total))} hồ sơ")  # type: ignore[call-overload]

        def failed(_exc: BaseException) -> None:
            if current():
                self.count_label.setText("")

        self.count_reply = run_detached(
            self.ctx,
            lambda worker: count_dossiers(worker, dossier_filter),
            on_done=counted,
            on_error=failed,
            owner=self,
        )  # kept alive until it answers

    def run_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            self.reload()
            return
        try:
            self.model.set_search(text)
        except KnownError as exc:
            show_message(self.count_label, exc.message)
            return
        self.count_label.setStyleSheet("")
        self.count_label.setText(f"{len(self.model.rows)} kết quả cho «{text}»")
        self.detail.show_summary(None)
        if self.model.rows:
            self.table.selectRow(0)

    def run_search_and_open(self) -> None:
        """Enter in the search box: search now; one result (a scanned code) opens at once."""
        self._search_timer.stop()
        self.run_search()
        if len(self.model.rows) == 1:
            self._activated(self.model.index(0, 0))
        elif self.model.rows:
            self.table.setFocus()

    def open_reference(self, reference: str) -> None:
        if self.detail.open(reference):
            self._show_detail()

    def _show_detail(self) -> None:
        if not self.detail.isVisible():
            self.detail.show()
            total = max(self.splitter.width(), 900)
            self.splitter.setSizes([total - 440, 440])

    def close_detail(self) -> None:
        self.detail.hide()
        self.table.setFocus()

    # --- selection and detail ---------------------------------------------------------------
    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        self.detail.show_summary(self.model.summary(rows[0].row()) if rows else None)

    def _activated(self, index: QModelIndex) -> None:
        summary = self.model.summary(index.row())
        if summary is not None:
            self.open_reference(summary.uuid)

    # --- the tracking book ------------------------------------------------------------------
    def print_book(self) -> None:
        """Ctrl+B: the tracking book (form 07) of a period, built in the background, then printed."""
        from motcua_desktop.ui.printing.tracking_book import print_tracking_book  # printing on first use

        self.book_job = print_tracking_book(self, self.ctx)
