"""What the window does with an error nobody caught.

A ``KnownError`` (the services' Vietnamese message) is shown as it is. Anything else is a bug:
it is written with its traceback to the rotating log in the data folder and shown in a friendly
dialog with a "copy details" button; the window keeps running (``sys.excepthook`` is called by
PySide6 for exceptions raised in slots and event handlers, which then return normally).

Once the event loop has ended (``aboutToQuit``, the end of ``app.exec()``, Windows ending the
session), nothing is shown any more, known errors included: a modal dialog then has nobody to
close it (a headless smoke run, a PC shutting down, the installer closing the program) and would
hang the process for ever. The error is logged and the program goes on closing.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop import __version__
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.ui.shell import ask

log = logging.getLogger("motcua.ui")
_state: dict[str, object] = {"log_path": None, "showing": False, "quitting": False}


class ErrorDialog(QDialog):
    """The friendly face of a bug: what it means for the clerk, and details to send to support."""

    def __init__(self, details: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.setWindowTitle("Đã xảy ra lỗi không mong muốn")
        where = f" Chi tiết đã được ghi vào tệp nhật ký:\n{log_path}" if log_path else ""
        message = QLabel(
            "Chương trình gặp một lỗi chưa lường trước. Thao tác vừa rồi có thể chưa được ghi; dữ liệu đã lưu "
            "trước đó vẫn an toàn và bạn có thể tiếp tục làm việc (bản nháp tiếp nhận được giữ nguyên).\n"
            "Nếu lỗi lặp lại, hãy bấm «Sao chép chi tiết» và gửi cho bộ phận hỗ trợ." + where
        )
        message.setWordWrap(True)
        text = QPlainTextEdit(details)
        text.setReadOnly(True)
        text.setMinimumHeight(160)
        self.copy_button = QPushButton("&Sao chép chi tiết")
        self.copy_button.clicked.connect(self.copy_details)
        close = QPushButton("Đó&ng")
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(text)
        layout.addLayout(buttons)
        self.resize(640, 360)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)


def error_details(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    head = f"Một cửa Desktop {__version__} · Python {platform.python_version()} · {platform.platform()}\n\n"
    return head + "".join(traceback.format_exception(exc_type, exc, tb))


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Shows any exception the right way: a known error's message, or the bug dialog (logged)."""
    if isinstance(exc, KnownError):
        ask.known_error(parent, exc)
        return
    handle_exception(type(exc), exc, exc.__traceback__)


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if not may_show_dialogs():
        log.error("error while the program was closing (not shown)", exc_info=(exc_type, exc, tb))
        return
    parent = QApplication.activeWindow()
    if isinstance(exc, KnownError):
        ask.known_error(parent, exc)
        return
    log.error("unexpected error in the window", exc_info=(exc_type, exc, tb))
    if _state["showing"]:  # an error while showing an error: log only, never loop
        return
    _state["showing"] = True
    try:
        log_path = _state["log_path"]
        ErrorDialog(error_details(exc_type, exc, tb), log_path if isinstance(log_path, Path) else None, parent).exec()
    finally:
        _state["showing"] = False


def may_show_dialogs() -> bool:
    """False once the event loop has ended or is ending: errors are then only logged."""
    return not _state["quitting"] and QApplication.instance() is not None and not QApplication.closingDown()


def stop_showing() -> None:
    """From now on errors are logged, never shown (the loop ended, or Windows ends the session)."""
    _state["quitting"] = True


def install_excepthook(log_path: Path | None) -> None:
    _state["log_path"] = log_path
    _state["quitting"] = False
    sys.excepthook = handle_exception
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(stop_showing)
