"""The documents checklist of a procedure: tick what the citizen handed in, with kind and count.

Documents marked "(nếu có)" in the catalogue start unticked; the rest start ticked (a complete
dossier is the normal case — an incomplete one gets guidance, not a receipt). Space ticks the
current row; "Giấy tờ khác" adds a row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from motcua_desktop.domain.dossier import CopyKind
from motcua_desktop.domain.registration import DocumentInput
from motcua_desktop.domain.text import fold

KINDS = (CopyKind.ORIGINAL, CopyKind.CERTIFIED_COPY, CopyKind.PHOTOCOPY)


def optional(name: str) -> bool:
    return "neu co" in fold(name)


class DocumentsTable(QTableWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("documents")
        self.setHorizontalHeaderLabels(["Thành phần hồ sơ (Space: đánh dấu)", "Loại bản", "Số bản"])
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(2, QSpinBox().sizeHint().width() + 8)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self.itemChanged.connect(lambda _: self.changed.emit())
        self.next_in_tab: QWidget | None = None  # where Tab goes after the last row's count

    def set_documents(self, names: list[str] | tuple[str, ...]) -> None:
        self.setRowCount(0)
        for name in names:
            self.add_document(name, checked=not optional(name))
        self.resizeRowsToContents()
        self.changed.emit()

    def add_document(
        self, name: str, *, checked: bool = True, kind: str = CopyKind.ORIGINAL.value, count: int = 1
    ) -> None:
        row = self.rowCount()
        self.blockSignals(True)
        self.insertRow(row)
        item = QTableWidgetItem(name)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setToolTip(name)
        self.setItem(row, 0, item)
        combo = QComboBox()
        for copy_kind in KINDS:
            combo.addItem(copy_kind.label, copy_kind.value)
        self.setColumnWidth(1, max(self.columnWidth(1), combo.sizeHint().width()))
        combo.setCurrentIndex(max(0, combo.findData(kind)))
        combo.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.setCellWidget(row, 1, combo)
        spin = QSpinBox()
        spin.setRange(1, 99)
        spin.setValue(count)
        spin.valueChanged.connect(lambda _: self.changed.emit())
        self.setCellWidget(row, 2, spin)
        self.blockSignals(False)
        self.resizeRowToContents(row)
        if self.next_in_tab is not None:
            self.chain_tab_order(self.next_in_tab)
        self.changed.emit()

    def chain_tab_order(self, after: QWidget) -> QWidget:
        """Tab goes from the table through each row's kind and count, in row order; returns the last."""
        previous: QWidget = self
        for row in range(self.rowCount()):
            for column in (1, 2):
                widget = self.cellWidget(row, column)
                if widget is not None:
                    QWidget.setTabOrder(previous, widget)
                    previous = widget
        QWidget.setTabOrder(previous, after)
        return previous

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for row in range(self.rowCount()):
            combo = self.cellWidget(row, 1)
            spin = self.cellWidget(row, 2)
            assert isinstance(combo, QComboBox) and isinstance(spin, QSpinBox)
            item = self._name_item(row)
            out.append(
                {
                    "name": item.text(),
                    "checked": item.checkState() == Qt.CheckState.Checked,
                    "kind": str(combo.currentData()),
                    "count": spin.value(),
                }
            )
        return out

    def restore(self, rows: list[dict[str, Any]]) -> None:
        self.setRowCount(0)
        for data in rows:
            self.add_document(
                str(data.get("name", "")),
                checked=bool(data.get("checked", True)),
                kind=str(data.get("kind", CopyKind.ORIGINAL.value)),
                count=int(data.get("count", 1)),
            )

    def received(self) -> list[DocumentInput]:
        return [DocumentInput(r["name"], r["kind"], r["count"]) for r in self.rows() if r["checked"]]

    def missing(self) -> list[str]:
        """Required documents not ticked: the list for a guidance slip (form 02)."""
        return [r["name"] for r in self.rows() if not r["checked"] and not optional(r["name"])]

    def set_all(self, checked: bool) -> None:
        for row in range(self.rowCount()):
            self._name_item(row).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _name_item(self, row: int) -> QTableWidgetItem:
        """The first cell of a row: the paper's name, ticked when handed in (every row has one)."""
        item = self.item(row, 0)
        assert item is not None
        return item
