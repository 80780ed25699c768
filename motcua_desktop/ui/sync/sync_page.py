"""Đồng bộ: end-of-day export to a USB stick, and importing acknowledgements and other counters' packages.

The page lists the drives it sees (polled every 2 s on a worker thread, and only while the page is
visible: asking Windows about a disconnected network drive can block for tens of seconds, which on
the window's thread froze it again and again), shows what will be exported, writes in a background
thread with a progress bar, and says plainly when the stick may be removed. Everything it does goes
through ``services.sync.export`` / ``services.sync.imports``; the drive list and the dialogs are injectable
for tests.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.vntime import fmt_date
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.sync import export as sync
from motcua_desktop.services.sync.conflicts import DossierConflict, list_conflicts
from motcua_desktop.services.sync.import_reports import sync_reports
from motcua_desktop.services.sync.import_results import ImportReport
from motcua_desktop.services.sync.imports import import_files
from motcua_desktop.ui.accounts.reauth import AskPassword, ask_password_dialog, with_password
from motcua_desktop.ui.shell.changes import Change
from motcua_desktop.ui.shell.page import Page
from motcua_desktop.ui.sync.conflict_dialog import ConflictDialog
from motcua_desktop.ui.sync.drives import Drive, DriveSource, SystemDrives

log = logging.getLogger("motcua.ui.sync")

Confirm = Callable[[str, str], bool]
ChooseFiles = Callable[[], list[Path]]


class _Task(QThread):
    """Runs a service call on its own database connection, away from the window's thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, job: Callable[[AppContext, Callable[[int, int, str], None]], Any]) -> None:
        super().__init__()
        self._ctx = ctx
        self._job = job

    def run(self) -> None:
        try:
            with sync.thread_context(self._ctx) as ctx:
                result = self._job(ctx, self.progressed.emit)
        except KnownError as exc:
            self.failed.emit(exc.message)
        except Exception:
            log.exception("sync task failed")
            self.failed.emit(
                "Đã xảy ra lỗi không mong muốn; dữ liệu trên máy không bị ảnh hưởng. Chi tiết đã được ghi vào tệp nhật ký."
            )
        else:
            self.succeeded.emit(result)


class _DriveReply(QObject):
    """Carries a drive scan's answer from its worker thread to the window's thread (queued)."""

    found = Signal(object)


class SyncPage(Page):
    """ "Đồng bộ": Xuất dữ liệu (every user who may export) and Nhập dữ liệu (acknowledgements; the
    leader's consolidation of other counters). An export or an import is announced on the change
    hub (the status bar's count, the lists); a change elsewhere updates what will be exported."""

    watches = frozenset({Change.DOSSIER, Change.EXPORTED, Change.IMPORTED, Change.SETTINGS, Change.RESTORED})

    def __init__(
        self,
        ctx: AppContext,
        *,
        drive_source: DriveSource | None = None,
        confirm: Confirm | None = None,
        choose_files: ChooseFiles | None = None,
        ask_password: AskPassword | None = None,
        poll_ms: int = 2000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._drives_source = drive_source or SystemDrives()
        self._confirm = confirm or self._ask
        self._choose_files = choose_files or self._pick_files
        self.ask_password = ask_password or ask_password_dialog(self)
        self._task: _Task | None = None
        self.setWindowTitle("Đồng bộ")

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.drive_list = QListWidget()
        self.drive_list.setAccessibleName("Ổ đĩa có thể ghi")
        self.drive_hint = QLabel("Chưa thấy USB nào. Hãy cắm USB vào máy: danh sách tự cập nhật sau vài giây.")
        self.drive_hint.setWordWrap(True)
        self.drive_hint.setStyleSheet("color: #8a6d00;")
        self.refresh_button = QPushButton("Làm mới danh sách ổ")
        self.export_button = QPushButton("Xuất dữ liệu ra ổ đã chọn")
        self.export_button.setEnabled(False)  # until a scan finds a drive
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton("Nhập tệp xác nhận / gói của quầy khác…")
        self.import_result = QPlainTextEdit()
        self.import_result.setReadOnly(True)
        self.import_result.setPlaceholderText("Kết quả nhập sẽ hiện ở đây.")
        self.report_list = QListWidget()
        self.report_list.setAccessibleName("Báo cáo đồng bộ cần xem xét")
        self.report_list.setWordWrap(True)
        self.conflict_button = QPushButton("Giải quyết &xung đột hồ sơ giữa các quầy…")
        self.conflict_button.clicked.connect(self.resolve_conflicts)

        self.export_action = self._action("Xuất dữ liệu", "Ctrl+E", self.start_export, self.export_button)
        self.refresh_action = self._action("Làm mới danh sách ổ", "F5", self.refresh, self.refresh_button)
        self.import_action = self._action("Nhập tệp", "Ctrl+I", self.start_import, self.import_button)

        export_box = QGroupBox("Đồng bộ → Xuất dữ liệu")
        ex = QVBoxLayout(export_box)
        ex.addWidget(self.summary_label)
        ex.addWidget(QLabel("Chọn USB để ghi (danh sách tự cập nhật khi cắm/rút):"))
        ex.addWidget(self.drive_list)
        ex.addWidget(self.drive_hint)
        row = QHBoxLayout()
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        row.addWidget(self.export_button)
        ex.addLayout(row)
        ex.addWidget(self.progress)
        ex.addWidget(self.status_label)
        import_box = QGroupBox("Nhập dữ liệu (xác nhận của cấp trên, gói của các quầy)")
        im = QVBoxLayout(import_box)
        im.addWidget(self.import_button)
        im.addWidget(self.import_result)
        self.reports_caption = QLabel("Tình huống cần lãnh đạo xem xét:")
        im.addWidget(self.reports_caption)
        im.addWidget(self.report_list)
        im.addWidget(self.conflict_button)
        layout = QVBoxLayout(self)
        layout.addWidget(export_box, 3)
        layout.addWidget(import_box, 2)
        can_consolidate = ctx.can(Permission.CONSOLIDATE)
        self.reports_caption.setVisible(can_consolidate)
        self.report_list.setVisible(can_consolidate)
        self.conflict_button.setVisible(can_consolidate)

        self.timer = QTimer(self)  # runs only while the page is visible (showEvent / hideEvent)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.refresh_drives)
        self._scanning = False
        self._drive_reply = _DriveReply(self)
        self._drive_reply.found.connect(self._show_drives)
        self.refresh_summary()
        self.refresh_reports()

    def _action(self, text: str, shortcut: str, slot: Callable[[], None], button: QPushButton) -> QAction:
        action = self.add_shortcut(text, shortcut, slot)
        button.clicked.connect(slot)
        button.setToolTip(
            f"{button.text()} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
        )
        return action

    # --- what is shown -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """The drives, what will be exported and the situations to review (F5; after a change)."""
        self.refresh_drives()
        self.refresh_summary()
        self.refresh_reports()

    def refresh_summary(self) -> None:
        try:
            summary = sync.export_summary(self.ctx)
        except KnownError as exc:
            self.summary_label.setText(exc.message)
            return
        text = f"Sẽ xuất: {summary.text}."
        if summary.packages_waiting:
            text += f" {summary.packages_waiting} gói trong hộp thư đi sẽ được ghi lại cho đến khi cấp trên xác nhận."
        if not summary.upstream_configured:
            text += (
                " Chưa cấu hình khóa của cơ quan cấp trên: quản trị viên cần nhập thẻ khóa "
                "(Cài đặt → Thẻ khóa) trước khi xuất."
            )
        self.summary_label.setText(text)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh_drives()
        self.timer.start()

    def hideEvent(self, event: Any) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def refresh_drives(self) -> None:
        """Starts a drive scan on a worker thread (one at a time); ``_show_drives`` gets the answer."""
        if self._scanning:
            return
        self._scanning = True
        source, reply = self._drives_source, self._drive_reply

        def scan() -> None:
            try:
                drives = source.drives()
            except Exception as exc:  # a drive that vanished mid-scan, a refused query: show none this time
                log.warning("drive scan failed: %s", exc)
                drives = []
            with contextlib.suppress(RuntimeError):  # the page was closed meanwhile
                reply.found.emit(drives)

        threading.Thread(target=scan, name="motcua-drive-scan", daemon=True).start()

    def _show_drives(self, drives: list[Drive]) -> None:
        self._scanning = False
        current = self.selected_drive()
        self.drive_list.clear()
        for drive in drives:
            item = QListWidgetItem(drive.describe())
            item.setData(Qt.ItemDataRole.UserRole, drive)
            self.drive_list.addItem(item)
            if current is not None and drive.root == current.root:
                self.drive_list.setCurrentItem(item)
        if self.drive_list.currentItem() is None and self.drive_list.count():
            first = self.drive_list.item(0)
            if first.data(Qt.ItemDataRole.UserRole).removable:
                self.drive_list.setCurrentItem(first)
        self.export_button.setEnabled(self._task is None and self.drive_list.count() > 0)
        self.drive_hint.setVisible(self.drive_list.count() == 0)

    def refresh_reports(self) -> None:
        if not self.ctx.can(Permission.CONSOLIDATE):
            return
        self.report_list.clear()
        for report in sync_reports(self.ctx):
            self.report_list.addItem(f"{fmt_date(report.created_at)} – {report.message}")
        if not self.report_list.count():
            self.report_list.addItem("Không có tình huống nào cần xem xét.")
        self.conflict_button.setEnabled(bool(list_conflicts(self.ctx)))

    def resolve_conflicts(self) -> None:
        """Each conflict in turn, in the leader's dialog (``open_conflict``), until one is left open."""
        for conflict in list_conflicts(self.ctx):
            if not self.open_conflict(conflict):
                break
            self.changes.dossier_changed(conflict.dossier_uuid)  # the version kept is the dossier now
        self.refresh_reports()

    def open_conflict(self, conflict: DossierConflict) -> bool:
        dialog = ConflictDialog(self.ctx, conflict, parent=self)
        dialog.exec()
        return dialog.resolved

    def selected_drive(self) -> Drive | None:
        item = self.drive_list.currentItem()
        drive: Drive | None = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        return drive

    # --- export ------------------------------------------------------------------------------------

    def start_export(self) -> None:
        if self._task is not None:
            return
        drive = self.selected_drive()
        if drive is None:
            self._status("Chưa chọn ổ để ghi. Hãy cắm USB và chọn trong danh sách.", error=True)
            return
        if not drive.removable and not self._confirm(
            "Ghi vào ổ cố định?",
            f"«{drive.root}» không phải USB. Dữ liệu đã được mã hóa, nhưng ổ này sẽ không mang đi được. "
            "Vẫn ghi vào ổ này?",
        ):
            return
        if not self._password_confirmed():
            return
        self.progress.setValue(0)
        self._status(f"Đang ghi vào {drive.root}… Không rút USB.", error=False)
        self._run(lambda ctx, progress: sync.export_to(ctx, drive.root, progress=progress), self._export_done)

    def _password_confirmed(self) -> bool:
        """Personal data leaves the PC: past the few minutes after sign-in, the password is asked
        again here, on the window's thread (the same prompt as the backup page), before the export
        starts in the background."""
        try:
            confirmed = with_password(self.ctx, lambda: self.ctx.require_fresh(Permission.EXPORT), self.ask_password)
        except KnownError as exc:  # a wrong password (it counts towards the lockout), no permission
            self._status(exc.message, error=True)
            return False
        if confirmed is None:
            self._status("Chưa xuất: chưa nhập lại mật khẩu.", error=True)
            return False
        return True

    def _export_done(self, result: sync.ExportResult) -> None:
        self.progress.setValue(100)
        self._status(result.message, error=False)
        self.changes.exported()
        self.refresh_summary()
        self.stale = False  # up to date: its own notification needs no second read

    # --- import ------------------------------------------------------------------------------------

    def start_import(self) -> None:
        if self._task is not None:
            return
        paths = self._choose_files()
        if not paths:
            return
        self.import_result.setPlainText("Đang kiểm tra và nhập…")
        self._run(lambda ctx, _progress: import_files(ctx, paths), self._import_done)

    def _import_done(self, report: ImportReport) -> None:
        rejected = len(report.rejected)
        head = f"Có {rejected} tệp không nhập được (xem lý do bên dưới).\n" if rejected else ""
        self.import_result.setPlainText(head + report.message)
        self.changes.imported()
        self.refresh_summary()
        self.refresh_reports()
        self.stale = False

    # --- plumbing ----------------------------------------------------------------------------------

    def _run(
        self, job: Callable[[AppContext, Callable[[int, int, str], None]], Any], done: Callable[[Any], None]
    ) -> None:
        task = _Task(self.ctx, job)
        task.progressed.connect(self._progressed)
        task.succeeded.connect(done)
        task.failed.connect(self._failed)
        task.finished.connect(self._finished)
        self._task = task
        self.export_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.set_busy(True)
        task.start()

    def _progressed(self, done: int, total: int, name: str) -> None:
        self.progress.setValue(int(100 * done / total) if total else 100)
        self.progress.setFormat(f"%p% – {name}")

    def _failed(self, message: str) -> None:
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        self._status(message, error=True)
        if self.import_result.toPlainText().startswith("Đang"):
            self.import_result.setPlainText(message)

    def _finished(self) -> None:
        task = self._task
        self._task = None
        if task is not None:
            task.deleteLater()
        self.import_button.setEnabled(True)
        self.refresh_drives()
        self.set_busy(False)

    @property
    def busy(self) -> bool:
        return self._task is not None

    def _status(self, text: str, *, error: bool) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #b00020;" if error else "color: #1b5e20; font-weight: bold;")

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _pick_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Chọn gói dữ liệu hoặc tệp xác nhận", "", "Gói và xác nhận (*.manifest.json *.ack.json)"
        )
        return [Path(n) for n in names]

    def closeEvent(self, event: Any) -> None:
        self.timer.stop()
        if self._task is not None:
            self._task.wait()
        super().closeEvent(event)
