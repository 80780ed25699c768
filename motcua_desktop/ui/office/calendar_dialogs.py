"""Dialogs of the calendar: a notice previewed before it applies, and the printed appointments a
calendar change moved, each settled by the clerk (new date and a new slip, or the printed date kept)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.vntime import fmt_datetime
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.office.calendar_notice import NoticePreview
from motcua_desktop.services.office.due_flags import (
    MovedAppointment,
    flagged_appointments,
    keep_printed_due,
    redate_for_calendar,
)
from motcua_desktop.ui.shell.app import ok_cancel_buttons
from motcua_desktop.ui.shell.changes import changes_for
from motcua_desktop.ui.shell.widgets import show_message, show_status


class NoticePreviewDialog(QDialog):
    """What a notice would change; OK applies it. With ``ask_checked`` the administrator writes
    which instrument was read (a reported schedule is confirmed only that way)."""

    def __init__(self, preview: NoticePreview, parent: QWidget | None = None, *, ask_checked: bool = False) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"Xem trước lịch nghỉ năm {', '.join(map(str, preview.years))}")
        text = QPlainTextEdit(preview.describe())
        text.setObjectName("notice_preview")
        text.setReadOnly(True)
        self.checked = QLineEdit()
        self.checked.setPlaceholderText("Ví dụ: Công văn 10065/VPCP-KGVX ngày 02/10/2026, bản trên Cổng TTĐT Chính phủ")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(text, 1)
        if ask_checked:
            form = QFormLayout()
            form.addRow("Văn bản đã đối &chiếu", self.checked)
            layout.addLayout(form)
        else:
            self.checked.hide()
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel_buttons(self, "Áp dụng"))
        self.resize(820, 520)


class DueFlagsDialog(QDialog):
    """Printed appointments the calendar in force gives differently."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Hồ sơ cần xem lại ngày hẹn")
        self.rows: list[MovedAppointment] = []
        intro = QLabel(
            "Lịch làm việc đã thay đổi sau khi các phiếu hẹn này được in. Ngày hẹn không tự thay đổi: "
            "khi lịch mới cho ngày hẹn sớm hơn, hãy ghi ngày hẹn mới và in lại phiếu hẹn cho công dân; "
            "khi muộn hơn, có thể giữ ngày hẹn đã in."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setObjectName("due_flags")
        self.table.setHorizontalHeaderLabels(["Mã hồ sơ", "Người nộp", "Hẹn đã in", "Hẹn theo lịch mới", "Cần làm"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.redate_button = QPushButton("Ghi ngày hẹn mới và &in lại phiếu hẹn")
        self.redate_button.clicked.connect(self.redate)
        self.keep_button = QPushButton("&Giữ ngày hẹn đã in…")
        self.keep_button.clicked.connect(self.keep)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.redate_button)
        buttons.addWidget(self.keep_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(900, 420)
        self.reload()

    def reload(self) -> None:
        self.rows = flagged_appointments(self.ctx)
        self.table.setRowCount(0)
        for moved in self.rows:
            row = self.table.rowCount()
            self.table.insertRow(row)
            todo = "Sớm hơn: in phiếu hẹn mới" if moved.earlier else "Muộn hơn: có thể giữ ngày đã in"
            values = [moved.code, moved.applicant, fmt_datetime(moved.printed_due), fmt_datetime(moved.new_due), todo]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        if self.rows:
            self.table.selectRow(0)
        self.redate_button.setEnabled(bool(self.rows))
        self.keep_button.setEnabled(bool(self.rows))

    def selected(self) -> MovedAppointment | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def redate(self) -> None:
        moved = self.selected()
        if moved is None:
            return
        try:
            dossier = redate_for_calendar(self.ctx, moved.dossier_uuid)
        except KnownError as exc:
            show_status(self.message, exc.message, error=True)
            self.reload()
            return
        show_status(self.message, f"Hồ sơ {dossier.code}: ngày hẹn mới {fmt_datetime(dossier.due_at)}.")
        self.reload()
        if dossier.code is not None:
            self.print_slip(dossier.code)
        changes_for(self.ctx).dossier_changed(dossier.uuid)

    def print_slip(self, code: str) -> None:
        """Form 01 again (marked as reprinted after a correction), the way this PC prints."""
        from motcua_desktop.ui.printing.print_flow import print_dossier_form

        try:
            print_dossier_form(self, self.ctx, code, "01")  # recorded only when it went to paper or a file
        except KnownError as exc:
            show_status(self.message, exc.message, error=True)

    def keep(self) -> None:
        moved = self.selected()
        if moved is None:
            return
        dialog = KeepDueDialog(moved, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                keep_printed_due(self.ctx, moved.dossier_uuid, dialog.note.text())
            except KnownError as exc:
                show_message(dialog.error, exc.message)
                continue
            show_status(self.message, f"Hồ sơ {moved.code}: giữ ngày hẹn đã in {fmt_datetime(moved.printed_due)}.")
            self.reload()
            changes_for(self.ctx).dossier_changed(moved.dossier_uuid)
            return


class KeepDueDialog(QDialog):
    def __init__(self, moved: MovedAppointment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Giữ ngày hẹn đã in – {moved.code}")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Ví dụ: Đã báo công dân, vẫn trả kết quả đúng hẹn cũ")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Lý do", self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel_buttons(self, "Giữ ngày hẹn"))
        self.resize(520, 140)
