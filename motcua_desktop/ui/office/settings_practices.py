"""Cài đặt › Mô hình một cửa: the «Ngày không hẹn» (the weekdays, the procedures resolved on the spot)
and the public listing (who takes complaints; print it on A4 or A3). ``docs/practices.md``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.listing import PAPERS
from motcua_desktop.domain.same_day import WEEKDAY_LABELS
from motcua_desktop.domain.settings import (
    LISTING_COMPLAINTS,
    LISTING_LEADER,
    NO_APPOINTMENT_WEEKDAYS,
    SAME_DAY_PROCEDURES,
)
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.core.settings import change_settings
from motcua_desktop.services.office.catalogue import list_procedures
from motcua_desktop.services.printing.listing import print_listing, save_listing
from motcua_desktop.ui.shell import ask
from motcua_desktop.ui.shell.changes import changes_for
from motcua_desktop.ui.shell.widgets import show_status


class PracticesTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        settings = ctx.store.settings
        weekdays: tuple[int, ...] = settings.value(NO_APPOINTMENT_WEEKDAYS)
        chosen_days = set(weekdays)
        self.days: list[QCheckBox] = []
        day_row = QHBoxLayout()
        for index, label in enumerate(WEEKDAY_LABELS):
            box = QCheckBox(label)
            box.setObjectName(f"practices_day_{index}")
            box.setChecked(index in chosen_days)
            self.days.append(box)
            day_row.addWidget(box)
        day_row.addStretch(1)
        self.procedures = QListWidget()
        self.procedures.setObjectName("practices_procedures")
        eligible: tuple[str, ...] = settings.value(SAME_DAY_PROCEDURES)
        chosen = set(eligible)
        for procedure in list_procedures(ctx):
            item = QListWidgetItem(f"{procedure.code or procedure.key} – {procedure.name}")
            item.setData(Qt.ItemDataRole.UserRole, procedure.code or procedure.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = procedure.key in chosen or procedure.code in chosen
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.procedures.addItem(item)
        self.leader = QLineEdit(settings.value(LISTING_LEADER))
        self.leader.setObjectName("practices_leader")
        self.leader.setPlaceholderText("Ví dụ: Ông Lê Văn A, Phó Chủ tịch UBND xã, 0912 000 111")
        self.complaints = QLineEdit(settings.value(LISTING_COMPLAINTS))
        self.complaints.setObjectName("practices_complaints")
        self.complaints.setPlaceholderText("Địa chỉ, điện thoại, thư điện tử tiếp nhận phản ánh, kiến nghị")
        self.save_button = QPushButton("&Lưu")
        self.save_button.setObjectName("practices_save")
        self.save_button.clicked.connect(self.save)
        self.paper = QComboBox()
        self.paper.setObjectName("practices_paper")
        for paper in PAPERS:
            self.paper.addItem(paper, paper)
        self.listing_button = QPushButton("&In bảng niêm yết công khai thủ tục…")
        self.listing_button.setObjectName("practices_listing")
        self.listing_button.clicked.connect(self.print_listing)
        self.status = QLabel()
        self.status.setObjectName("practices_status")
        self.status.setWordWrap(True)

        same_day = QGroupBox("Ngày không hẹn: tiếp nhận, giải quyết và trả kết quả ngay tại quầy")
        column = QVBoxLayout(same_day)
        column.addLayout(day_row)
        column.addWidget(QLabel("Thủ tục giải quyết ngay trong ngày không hẹn (đánh dấu):"))
        column.addWidget(self.procedures, 1)
        listing = QGroupBox("Niêm yết công khai thủ tục hành chính")
        form = QFormLayout(listing)
        form.addRow("Lãnh đạo tiếp nhận phản ánh", self.leader)
        form.addRow("Nơi tiếp nhận phản ánh, kiến nghị", self.complaints)
        print_row = QHBoxLayout()
        print_row.addWidget(self.paper)
        print_row.addWidget(self.listing_button)
        print_row.addStretch(1)
        form.addRow("Khổ giấy", print_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(same_day, 1)
        layout.addWidget(listing)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

    def chosen_procedures(self) -> list[str]:
        items = (self.procedures.item(i) for i in range(self.procedures.count()))
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked]

    def save(self) -> None:
        try:
            change_settings(
                self.ctx,
                [
                    (NO_APPOINTMENT_WEEKDAYS, [i for i, box in enumerate(self.days) if box.isChecked()]),
                    (SAME_DAY_PROCEDURES, self.chosen_procedures()),
                    (LISTING_LEADER, self.leader.text()),
                    (LISTING_COMPLAINTS, self.complaints.text()),
                ],
            )
        except KnownError as exc:
            show_status(self.status, exc.message, error=True)
            return
        changes_for(self.ctx).settings_changed("practices")
        show_status(self.status, "Đã lưu. Trang Tiếp nhận áp dụng ngay ngày không hẹn đã chọn.")

    def print_listing(self) -> None:
        paper = str(self.paper.currentData())
        name = ask.save_file(self, "In bảng niêm yết", f"niem-yet-thu-tuc_{paper}.pdf", "PDF (*.pdf)")
        if not name:
            return
        try:
            job = print_listing(self.ctx, paper)
            save_listing(Path(name), job.pdf)
        except KnownError as exc:
            show_status(self.status, exc.message, error=True)
            return
        show_status(self.status, f"Đã in bảng niêm yết {job.procedures} thủ tục ra «{name}».")
