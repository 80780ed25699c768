"""Cài đặt › Thống kê: the reporting period, how dossiers waiting for a supplement at the end of a
period are counted, and which time limit statistics judge against (``domain.statistics_readings``).
Every report prints the choices it used."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QPushButton, QWidget

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.statistics_readings import DurationBasis, SupplementReading
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.reports.options import (
    duration_basis,
    period_cutoff,
    set_report_options,
    supplement_reading,
)
from motcua_desktop.ui.shell.changes import changes_for
from motcua_desktop.ui.shell.widgets import show_status


class StatisticsTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.cutoff = QCheckBox("Kỳ báo cáo tháng, quý, năm tính từ ngày 15 tháng trước đến ngày 14")
        self.cutoff.setObjectName("statistics_cutoff")
        self.cutoff.setChecked(period_cutoff(ctx.store))
        self.reading = QComboBox()
        self.reading.setObjectName("statistics_reading")
        for reading in SupplementReading:
            self.reading.addItem(reading.label, reading.value)
        self.reading.setCurrentIndex(self.reading.findData(supplement_reading(ctx.store).value))
        self.basis = QComboBox()
        self.basis.setObjectName("statistics_basis")
        for basis in DurationBasis:
            self.basis.addItem(basis.label, basis.value)
        self.basis.setCurrentIndex(self.basis.findData(duration_basis(ctx.store).value))
        self.save_button = QPushButton("&Lưu")
        self.save_button.setObjectName("statistics_save")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("Kỳ báo cáo", self.cutoff)
        form.addRow("Hồ sơ chờ bổ sung cuối kỳ", self.reading)
        form.addRow("Thời hạn dùng để xét", self.basis)
        form.addRow("", self.save_button)
        form.addRow("", self.status)

    def save(self) -> None:
        try:
            set_report_options(
                self.ctx,
                cutoff=self.cutoff.isChecked(),
                reading=str(self.reading.currentData()),
                basis=str(self.basis.currentData()),
            )
        except KnownError as exc:
            show_status(self.status, exc.message, error=True)
            return
        changes_for(self.ctx).settings_changed("statistics")
        show_status(self.status, "Đã lưu. Các báo cáo lập sau sẽ ghi rõ cách tính này ở phần ghi chú.")
