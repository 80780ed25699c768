"""The reception form's bottom bar: the appointment, what is still missing, the save button (which
names the missing fields) and the other actions (guidance, refusal, new form, reprint)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel

from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.registration import APPLICANT
from motcua_desktop.ui.shell.widgets import shortcut_button

SAVE_CAPTION = "&Lưu và in giấy tiếp nhận  [F9]"
SAVE_CAPTION_WIDTH = 360  # pixels of "Còn thiếu: …" on the save button before it is elided


class ActionBar(QGridLayout):
    def __init__(
        self,
        *,
        save: Callable[[], None],
        guide: Callable[[], None],
        refuse: Callable[[], None],
        new_form: Callable[[], None],
        reprint: Callable[[], None],
    ) -> None:
        super().__init__()
        self.due_label = QLabel()
        self.due_label.setObjectName("due")
        self.due_label.setStyleSheet("font-size: 13pt; font-weight: bold; color: #174ea6;")
        # Undecided days off counted in the appointment, or an unconfirmed year (calendar.caution).
        self.due_caution = QLabel()
        self.due_caution.setObjectName("due_caution")
        self.due_caution.setWordWrap(True)
        self.due_caution.setStyleSheet("color: #8a4b00;")
        self.due_caution.hide()
        self.missing_label = QLabel()
        self.missing_label.setObjectName("missing")
        self.missing_label.setWordWrap(True)
        self.save_button = shortcut_button("&Lưu và in giấy tiếp nhận", "F9", "Tiếp nhận hồ sơ và in giấy hẹn (2 liên)")
        self.save_button.setMinimumWidth(260)
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.save_button.setStyleSheet("QPushButton#save { font-weight: bold; padding: 6px 14px; }")
        self.save_button.clicked.connect(save)
        self.guide_button = shortcut_button("Hướng dẫn bổ sung", "Ctrl+H", "Hồ sơ chưa đủ: in phiếu hướng dẫn (mẫu 02)")
        self.guide_button.clicked.connect(guide)
        self.refuse_button = shortcut_button("Từ chối tiếp nhận", "Ctrl+R", "In phiếu từ chối (mẫu 03)")
        self.refuse_button.clicked.connect(refuse)
        self.new_button = shortcut_button("Làm mới", "Ctrl+N", "Xóa biểu mẫu để tiếp nhận hồ sơ khác")
        self.new_button.clicked.connect(new_form)
        self.reprint_button = shortcut_button("In lại", "Ctrl+P", "In lại giấy tiếp nhận vừa lưu")
        self.reprint_button.setEnabled(False)
        self.reprint_button.clicked.connect(reprint)
        self.addWidget(self.due_label, 0, 0, 1, 2)
        self.addWidget(self.due_caution, 1, 0, 1, 2)
        self.addWidget(self.missing_label, 2, 0, 1, 2)
        self.secondary = QGridLayout()
        self.arrange(narrow=False)
        buttons = QHBoxLayout()
        buttons.addLayout(self.secondary)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.addLayout(buttons, 3, 0, 1, 2)

    def arrange(self, *, narrow: bool) -> None:
        """The secondary buttons on one row, or on two on a narrow page."""
        buttons = (self.guide_button, self.refuse_button, self.new_button, self.reprint_button)
        for button in buttons:
            self.secondary.removeWidget(button)
        for index, button in enumerate(buttons):
            self.secondary.addWidget(button, index // 2 if narrow else 0, index % 2 if narrow else index)

    def show_problems(self, problems: list[ValidationError], *, attempted: bool) -> None:
        """The save button says what is still missing (the services' field names); the line above it
        gives the first problem in full, with what to do."""
        if problems:
            names = ", ".join(dict.fromkeys(short_field(e) for e in problems))
            caption = QFontMetrics(self.save_button.font()).elidedText(
                f"Còn thiếu: {names}", Qt.TextElideMode.ElideRight, SAVE_CAPTION_WIDTH
            )
            self.save_button.setText(f"{caption}  [F9]")
            self.missing_label.setText(
                problems[0].message + (f" (và {len(problems) - 1} mục khác)" if len(problems) > 1 else "")
            )
            # Calm until the clerk tries to save; red afterwards.
            self.missing_label.setStyleSheet("color: #a50e0e;" if attempted else "color: #5f6368;")
            self.save_button.setToolTip("Cần sửa trước khi lưu:\n" + "\n".join(f"• {e.message}" for e in problems))
        else:
            self.save_button.setText(SAVE_CAPTION)
            self.missing_label.setText("Đủ thông tin: bấm F9 để lưu và in giấy tiếp nhận (2 liên).")
            self.missing_label.setStyleSheet("color: #137333;")
            self.save_button.setToolTip("Tiếp nhận hồ sơ và in giấy hẹn (2 liên) (F9)")


def short_field(error: ValidationError) -> str:
    """``Người nộp – Họ và tên`` → ``Họ và tên``; the representative keeps its prefix."""
    if error.within(APPLICANT.key) is not None:
        return error.label.removeprefix(f"{APPLICANT.label} – ")
    return error.label
