"""What a new office's administrator does next (``services.workspace.next_steps``), at the top of the
Cài đặt page, the first screen an administrator sees while something is left: each step with its key
(Ctrl+1, Ctrl+2, Ctrl+3) to the settings tab that does it, and a tick once it is done."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.workspace import NextStep, next_steps

STEP_KEYS = ("Ctrl+1", "Ctrl+2", "Ctrl+3")


class NextStepsPanel(QFrame):
    go = Signal(str)  # the step's key: the settings page opens its tab

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("next_steps")
        self.setStyleSheet("QFrame#next_steps { background: #e8f0fe; border: 1px solid #aecbfa; }")
        self.title = QLabel("<b>Việc cần làm tiếp để quầy bắt đầu làm việc</b>")
        self.lines = QLabel()
        self.lines.setObjectName("next_steps_lines")
        self.lines.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.lines)
        self.steps: list[NextStep] = []
        self.refresh()

    def refresh(self) -> None:
        self.steps = next_steps(self.ctx)
        rows = [
            f"{'✓' if step.done else '☐'} {key}: {step.text}{' (đã xong)' if step.done else ''}"
            for key, step in zip(STEP_KEYS, self.steps, strict=False)
        ]
        self.lines.setText("\n".join(rows))
        self.setVisible(self.pending)

    @property
    def pending(self) -> bool:
        return any(not step.done for step in self.steps)

    def open_step(self, index: int) -> None:
        if 0 <= index < len(self.steps):
            self.go.emit(self.steps[index].key)
