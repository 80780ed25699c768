"""Choosing the procedure at reception: a few letters without diacritics, the national code, or the
initials (``dkks``); the counter's frequent procedures come first. Up/Down move, Enter chooses."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from motcua_desktop.domain.catalogue import Procedure
from motcua_desktop.domain.money import format_vnd
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.office.catalogue import find_procedures, get_procedure

VISIBLE_ROWS = 7


def describe(procedure: Procedure) -> str:
    """``1.001193 · Hộ tịch · Trong ngày · Phí, lệ phí: …`` for the line under the chosen procedure:
    only what the catalogue established; an unverified figure is shown as such."""
    parts = [procedure.code or "không có mã quốc gia", procedure.field]
    duration = procedure.effective_duration
    if duration is not None:
        parts.append(duration.label())
    elif procedure.duration is not None:
        parts.append(f"thời hạn chưa đối chiếu nguồn (danh mục ghi {procedure.duration.label()}): nhập khi tiếp nhận")
    else:
        parts.append("chưa có thời hạn trong danh mục: nhập khi tiếp nhận")
    fee = procedure.effective_fee
    if fee is not None:
        parts.append("Không thu phí" if fee == 0 else f"Phí, lệ phí: {format_vnd(fee)}")
    else:
        parts.append("chưa có mức phí, lệ phí đã đối chiếu: nhập số tiền thu")
    return " · ".join(p for p in parts if p)


class ProcedurePicker(QWidget):
    chosen = Signal(object)  # Procedure

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._procedure: Procedure | None = None
        self.edit = QLineEdit()
        self.edit.setObjectName("procedure_search")
        self.edit.setPlaceholderText(
            "Gõ vài chữ của tên thủ tục (không cần dấu), mã thủ tục, hoặc chữ cái đầu (ví dụ: dkks) rồi Enter"
        )
        self.edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("procedure_list")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setUniformItemSizes(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.info = QLabel()
        self.info.setObjectName("procedure_info")
        self.info.setWordWrap(True)
        self.info.setStyleSheet("color: #3c4043;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        layout.addWidget(self.info)
        self.edit.textEdited.connect(self.refresh)
        self.edit.installEventFilter(self)
        self.refresh()

    def procedure(self) -> Procedure | None:
        return self._procedure

    def refresh(self, *_: object) -> None:
        self.list.clear()
        for procedure in find_procedures(self.ctx, self.edit.text(), limit=40):
            item = QListWidgetItem(f"{procedure.name}  —  {procedure.code or 'không mã'} · {procedure.field}")
            item.setData(Qt.ItemDataRole.UserRole, procedure)
            item.setToolTip(procedure.name)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
            row_height = max(self.list.sizeHintForRow(0), 18)
            self.list.setFixedHeight(row_height * min(VISIBLE_ROWS, self.list.count()) + 6)
        self.list.setVisible(self._procedure is None or self.edit.text() != self._procedure.name)

    def choose(self, procedure: Procedure) -> None:
        self._procedure = procedure
        self.edit.setText(procedure.name)
        self.edit.setCursorPosition(0)
        self.list.hide()
        self.info.setText(describe(procedure))
        self.chosen.emit(procedure)

    def choose_key(self, key: str) -> None:
        self.choose(get_procedure(self.ctx, key))

    def clear(self) -> None:
        self._procedure = None
        self.edit.clear()
        self.info.clear()
        self.refresh()

    def _activated(self, item: QListWidgetItem) -> None:
        self.choose(item.data(Qt.ItemDataRole.UserRole))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                if not self.list.isVisible():
                    self.refresh()
                    self.list.show()
                steps: dict[int, int] = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: VISIBLE_ROWS}
                step = steps.get(key, -VISIBLE_ROWS)
                row = min(max(self.list.currentRow() + step, 0), self.list.count() - 1)
                self.list.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list.isVisible() and self.list.currentItem():
                self._activated(self.list.currentItem())
                return True
            if key == Qt.Key.Key_Escape and self._procedure is not None and self.list.isVisible():
                self.edit.setText(self._procedure.name)
                self.list.hide()
                return True
        if (
            watched is self.edit
            and event.type() == QEvent.Type.FocusOut
            and self._procedure is not None
            and self.edit.text() != self._procedure.name
            and not self.list.underMouse()
        ):
            self.edit.setText(self._procedure.name)
            self.list.hide()
        return super().eventFilter(watched, event)
