"""The waiting room's screen: a full-screen window (for a TV on the PC's second output) showing the
number just called and its counter in large type, the previous calls and how many wait per field.

It reads the board every two seconds (``services.queue.tickets.queue_board``), so a call made at any
counter using this PC's data shows at once. Esc or F11 closes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.money import vn_number
from motcua_desktop.domain.waiting_queue import call_words
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.queue.tickets import QueueBoard, queue_board

REFRESH_MS = 2000


def _font(points: int, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


class QueueDisplay(QWidget):
    """A window of its own; ``show_on_screen`` puts it full screen on the last screen (the TV). Made with
    the queue page as its parent, it closes with the counter window and never keeps the program open."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, title: str = "") -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.setWindowTitle("Màn hình phòng chờ")
        self.setStyleSheet("background: #0b2545; color: white;")
        self.heading = QLabel(title or "MỜI CÔNG DÂN ĐẾN QUẦY")
        self.heading.setFont(_font(28, bold=True))
        self.number = QLabel("–")
        self.number.setFont(_font(140, bold=True))
        self.number.setStyleSheet("color: #ffd166;")
        self.counter = QLabel("")
        self.counter.setFont(_font(64, bold=True))
        self.previous = QLabel("")
        self.previous.setFont(_font(30))
        self.waiting = QLabel("")
        self.waiting.setFont(_font(24))
        self.waiting.setWordWrap(True)
        layout = QVBoxLayout(self)
        for label in (self.heading, self.number, self.counter, self.previous, self.waiting):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.setStretch(1, 3)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        try:
            board = queue_board(self.ctx)
        except KnownError as exc:
            self.previous.setText(exc.message)
            return
        self.show_board(board)

    def show_board(self, board: QueueBoard) -> None:
        if board.last_calls:
            latest = board.last_calls[0]
            self.number.setText(latest.label)
            self.counter.setText(f"Quầy {latest.counter}")
            self.setAccessibleDescription(call_words(latest.label, latest.counter or 0))
        else:
            self.number.setText("–")
            self.counter.setText("")
        self.previous.setText("   ".join(f"{t.label} → Quầy {t.counter}" for t in board.last_calls[1:5]))
        self.waiting.setText(
            "   ·   ".join(f"{f.name}: {vn_number(board.waiting.get(f.code, 0), 0)} người chờ" for f in board.fields)
        )

    def show_on_screen(self) -> None:
        screens = QGuiApplication.screens()
        if screens:
            self.setGeometry(screens[-1].geometry())
        self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        super().closeEvent(event)
