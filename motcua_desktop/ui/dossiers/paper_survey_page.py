"""Khảo sát (Shift+F3): enter a stack of paper survey forms, one after the other.

1. Scan the receipt barcode stapled to the form (or type the dossier code) and Enter.
2. One key per criterion of Decree 118 Art. 33, in the order printed on the form (``domain.paper_survey``:
   1, 2, 3 the levels, 0 a blank), then Enter: the rating is recorded and the cursor is back in the scan
   field for the next form.
A dossier already rated (at the counter or on an earlier form) is refused; to replace that rating, type
the reason in the box that appears and Enter again.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.errors import KnownError, ValidationError
from motcua_desktop.domain.paper_survey import LEVEL_KEYS, REASON_FIELD, SKIP_KEYS
from motcua_desktop.domain.satisfaction import CRITERIA
from motcua_desktop.domain.vntime import fmt_datetime
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.lookup import find_dossier, load_dossier
from motcua_desktop.services.dossiers.paper_survey import enter_paper_rating
from motcua_desktop.ui.shell.page import Page
from motcua_desktop.ui.shell.widgets import ScanLineEdit, show_status

BIG = "font-size: 14pt; padding: 4px;"


class PaperSurveyPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dossier: Dossier | None = None
        self.entered = 0  # forms entered since the page opened
        self.scan = ScanLineEdit()
        self.scan.setObjectName("survey_scan")
        self.scan.setPlaceholderText("Quét mã vạch trên phiếu (giấy tiếp nhận), hoặc gõ mã hồ sơ rồi Enter")
        self.scan.setStyleSheet(BIG)
        self.scan.scanned.connect(self.load)
        self.card = QLabel("Chưa có hồ sơ.")
        self.card.setObjectName("survey_card")
        self.card.setWordWrap(True)
        self.keys = ScanLineEdit()  # digits typed on the Vietnamese keyboard layout stay digits
        self.keys.setObjectName("survey_keys")
        self.keys.setStyleSheet(BIG + "letter-spacing: 6px;")
        self.keys.setMaxLength(len(CRITERIA))
        allowed = "".join(sorted(set(LEVEL_KEYS) | {k for k in SKIP_KEYS if len(k) == 1}))
        self.keys.setValidator(QRegularExpressionValidator(QRegularExpression(f"[{allowed}]*"), self.keys))
        self.keys.setPlaceholderText("Mỗi tiêu chí một phím, theo thứ tự trên phiếu")
        self.keys.textChanged.connect(self._show_levels)
        self.keys.scanned.connect(lambda _text: self.save())
        self.reason = QLineEdit()
        self.reason.setObjectName("survey_reason")
        self.reason.setPlaceholderText("Lý do sửa đánh giá đã có (ví dụ: nhập nhầm phiếu của hồ sơ khác)")
        self.reason.returnPressed.connect(self.save)
        self.reason.hide()
        self.levels: dict[str, QLabel] = {}
        criteria = QGroupBox("Tiêu chí đánh giá (Nghị định 118/2025, Điều 33)")
        grid = QGridLayout(criteria)
        for row, criterion in enumerate(CRITERIA):
            grid.addWidget(QLabel(f"{row + 1}. ({criterion.key}) {criterion.label}"), row, 0)
            level = QLabel("—")
            level.setObjectName(f"survey_level_{row + 1}")
            self.levels[criterion.key] = level
            grid.addWidget(level, row, 1)
        legend = QLabel(
            "Phím: " + ", ".join(f"{key} = {level.label}" for key, level in LEVEL_KEYS.items()) + ", 0 = bỏ trống. "
            "Enter: lưu phiếu. Esc: bỏ phiếu đang nhập."
        )
        legend.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("survey_status")
        self.status.setWordWrap(True)
        title = QLabel("Nhập phiếu đánh giá sự hài lòng bằng giấy")
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.scan)
        layout.addWidget(self.card)
        layout.addWidget(self.keys)
        layout.addWidget(self.reason)
        layout.addWidget(legend)
        layout.addWidget(criteria)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.add_shortcut("Quét phiếu tiếp theo", "Ctrl+D", self.next_form)
        self.add_shortcut("Bỏ phiếu đang nhập", "Esc", self.next_form)

    def focus_default(self) -> None:
        self.scan.setFocus()

    def page_shown(self) -> None:
        self.focus_default()

    def load(self, text: str) -> None:
        """The dossier the scanned or typed code names; the cursor goes to the keys."""
        try:
            ref = find_dossier(self.ctx, text)
            self.dossier = load_dossier(self.ctx.store, ref.uuid)
        except KnownError as exc:
            self.dossier = None
            self.card.setText("Chưa có hồ sơ.")
            show_status(self.status, exc.message, error=True)
            self.scan.selectAll()
            return
        d = self.dossier
        record = d.return_record
        lines = [f"Hồ sơ {d.code} – {d.procedure.name}"]
        if record is None:
            lines.append(f"Trạng thái: {d.status.label}.")
        else:
            lines.append(f"Đã trả kết quả lúc {fmt_datetime(record.returned_at)}.")
            if record.satisfaction is not None:
                lines.append(
                    f"Đã có đánh giá ({record.satisfaction.channel.label.lower()}): {record.satisfaction.overall.label}."
                )
        self.card.setText("\n".join(lines))
        self.status.clear()
        self.keys.clear()
        self.reason.clear()
        self.reason.hide()
        self.keys.setFocus()

    def _show_levels(self, text: str) -> None:
        for index, criterion in enumerate(CRITERIA):
            typed = text[index] if index < len(text) else ""
            level = LEVEL_KEYS.get(typed)
            self.levels[criterion.key].setText(level.label if level else ("bỏ trống" if typed else "—"))

    def save(self) -> None:
        if self.dossier is None:
            show_status(self.status, "Quét mã vạch hoặc gõ mã hồ sơ trước.", error=True)
            self.scan.setFocus()
            return
        try:
            d = enter_paper_rating(self.ctx, self.dossier.ref, self.keys.text(), correction_reason=self.reason.text())
        except ValidationError as exc:
            show_status(self.status, exc.message, error=True)
            if exc.key == REASON_FIELD.key:
                self.reason.show()
                self.reason.setFocus()
            return
        except KnownError as exc:
            show_status(self.status, exc.message, error=True)
            return
        self.entered += 1
        rated = d.return_record.satisfaction if d.return_record else None
        overall = rated.overall.label if rated else ""
        self.changes.dossier_changed(d.uuid)
        self.next_form()
        show_status(self.status, f"Đã lưu phiếu của hồ sơ {d.code}: {overall}. Đã nhập {self.entered} phiếu.")

    def next_form(self) -> None:
        self.dossier = None
        self.card.setText("Chưa có hồ sơ.")
        self.keys.clear()
        self.reason.clear()
        self.reason.hide()
        self.status.clear()
        self.scan.clear()
        self.scan.setFocus()
