"""The window's Help menu: the list of keyboard shortcuts (every action of the window and of the pages
built so far, so a page's own keys appear once it has been opened) and the About box."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from motcua_desktop import APP_NAME, __version__
from motcua_desktop.ui.shell.app import vietnamese_buttons


def shortcut_rows(widgets: Iterable[QWidget]) -> list[tuple[str, str]]:
    """(key, what it does) for every action of ``widgets`` and their children, each pair once."""
    rows: list[tuple[str, str]] = []
    seen = set()
    for widget in widgets:
        for action in [*widget.actions(), *widget.findChildren(QAction)]:
            key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            label = action.text().replace("&", "").rstrip("…")
            if key and label and (key, label) not in seen:
                seen.add((key, label))
                rows.append((key, label))
    return rows


def show_shortcuts(parent: QWidget, rows: list[tuple[str, str]]) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Phím tắt")
    table = QTableWidget(0, 2)
    table.setTabKeyNavigation(False)  # Tab reaches «Đóng»; arrows move in the list
    table.setHorizontalHeaderLabels(["Phím", "Thao tác"])
    table.verticalHeader().hide()
    for key, label in rows:
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(key))
        table.setItem(row, 1, QTableWidgetItem(label))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    vietnamese_buttons(buttons)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(520, 520)
    dialog.exec()


def show_about(parent: QWidget) -> None:
    from motcua_desktop.ui.shell import ask

    ask.info(
        parent,
        "Giới thiệu",
        f"{APP_NAME} {__version__}\nPhần mềm ngoại tuyến cho Bộ phận Một cửa cấp xã: tiếp nhận, theo dõi và "
        "trả kết quả giải quyết thủ tục hành chính (Nghị định 118/2025/NĐ-CP).",
    )
