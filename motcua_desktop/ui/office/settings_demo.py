"""Cài đặt › Dữ liệu mẫu: generating synthetic dossiers for training, in the background."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.money import vn_number
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.demo.generate import DemoSummary, generate_demo
from motcua_desktop.ui.shell.changes import changes_for
from motcua_desktop.ui.shell.widgets import show_status
from motcua_desktop.ui.shell.worker import BackgroundJob, run_in_background


class DemoTab(QWidget):
    """Synthetic dossiers for training (refused on a database with real dossiers)."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.count = QSpinBox()
        self.count.setRange(100, 5_000_000)
        self.count.setSingleStep(1000)
        self.count.setValue(5000)
        self.start = QPushButton("Tạo &dữ liệu mẫu")
        self.start.clicked.connect(self.generate)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.job: BackgroundJob | None = None
        intro = QLabel(
            "Tạo hồ sơ giả lập (tên, số căn cước, điện thoại giả) để tập huấn và thử phần mềm. Chỉ dùng trên một "
            "thư mục dữ liệu riêng: phần mềm từ chối tạo dữ liệu mẫu vào cơ sở dữ liệu đã có hồ sơ thật."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Số hồ sơ", self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.start)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def generate(self) -> None:
        count = self.count.value()
        self.start.setEnabled(False)

        def done(summary: DemoSummary) -> None:
            self.start.setEnabled(True)
            changes_for(self.ctx).dossier_changed()  # many dossiers at once
            show_status(
                self.message,
                f"Đã tạo {vn_number(summary.dossiers)} hồ sơ mẫu trong {vn_number(round(summary.seconds))} giây.",
            )

        def failed(exc: BaseException) -> None:
            self.start.setEnabled(True)
            if isinstance(exc, KnownError):
                show_status(self.message, exc.message, error=True)
            else:
                from motcua_desktop.ui.shell.errors import show_error

                show_error(self, exc)

        self.job = run_in_background(
            self,
            self.ctx,
            lambda ctx, progress: generate_demo(ctx, count, progress=progress),
            title=f"Đang tạo {vn_number(count)} hồ sơ mẫu…",
            on_done=done,
            on_error=failed,
        )
