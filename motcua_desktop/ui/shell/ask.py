"""Every modal question and message of the window goes through these helpers.

Widgets never build a ``QMessageBox`` or a file dialog themselves: they call ``ask.*``, which
gives Vietnamese buttons everywhere and lets tests answer by patching one function
(pytest-qt's advice for modal dialogs; native file dialogs cannot be driven at all).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from motcua_desktop.domain.errors import KnownError, ValidationErrors


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def info(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str = "Đồng ý", no: str = "Hủy") -> bool:
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    reject = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(accept)
    box.setEscapeButton(reject)
    box.exec()
    return box.clickedButton() is accept


def known_error(parent: QWidget | None, error: KnownError, title: str = "Chưa thực hiện được") -> None:
    """What happened and what to do, as the service worded it."""
    text = error.message
    if isinstance(error, ValidationErrors) and len(error.errors) > 1:
        text = "Cần sửa:\n" + "\n".join(f"• {e.message}" for e in error.errors)
    warn(parent, title, text)


def open_file(parent: QWidget | None, title: str, name_filter: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, "", name_filter)
    return path or None


def save_file(parent: QWidget | None, title: str, suggested: str, name_filter: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, name_filter)
    return path or None
