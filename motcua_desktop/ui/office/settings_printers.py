"""Cài đặt › Máy in: preview or direct printing, the receipt's layout, and the printer, paper and
orientation of each form on this PC."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.printing.names import FORM_NAMES
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.printing.forms import set_receipt_options
from motcua_desktop.services.printing.settings import (
    DIRECT,
    ORIENTATIONS,
    PAPERS,
    PREVIEW,
    PrinterChoice,
    print_mode,
    printer_choice,
    receipt_options,
    set_print_mode,
    set_printer_choice,
)
from motcua_desktop.ui.office.first_run import DEFAULT_PRINTER, RECEIPT_LAYOUTS, printer_names
from motcua_desktop.ui.shell.changes import changes_for
from motcua_desktop.ui.shell.widgets import show_status


class PrintersTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.preview = QRadioButton("Xem trước rồi mới in")
        self.direct = QRadioButton("In thẳng ra máy in")
        (self.direct if print_mode(ctx) == DIRECT else self.preview).setChecked(True)
        options = receipt_options(ctx)
        self.receipt_layout = QComboBox()
        for key, label in RECEIPT_LAYOUTS.items():
            self.receipt_layout.addItem(label, key)
        self.receipt_layout.setCurrentIndex(max(0, self.receipt_layout.findData(options.layout)))
        self.receipt_qr = QCheckBox("In thêm mã QR chứa mã hồ sơ trên giấy tiếp nhận")
        self.receipt_qr.setChecked(options.qr)
        printers = [DEFAULT_PRINTER, *printer_names()]
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab goes through the choices and on to «Lưu»; arrows move in the table
        self.table.setObjectName("printers")
        self.table.setHorizontalHeaderLabels(["Mẫu phiếu", "Máy in", "Khổ giấy", "Hướng giấy"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.rows: dict[str, tuple[QComboBox, QComboBox, QComboBox]] = {}
        for form in sorted(FORM_NAMES):
            choice = printer_choice(ctx, form)
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(f"Mẫu {form} – {FORM_NAMES[form]}"))
            printer = QComboBox()
            for name in printers:
                printer.addItem(name, "" if name == DEFAULT_PRINTER else name)
            if choice.printer_name and printer.findData(choice.printer_name) < 0:
                printer.addItem(f"{choice.printer_name} (không thấy trên máy này)", choice.printer_name)
            printer.setCurrentIndex(max(0, printer.findData(choice.printer_name)))
            paper = QComboBox()
            for key, label in PAPERS.items():
                paper.addItem(label, key)
            paper.setCurrentIndex(max(0, paper.findData(choice.paper)))
            orientation = QComboBox()
            for key, label in ORIENTATIONS.items():
                orientation.addItem(label, key)
            orientation.setCurrentIndex(max(0, orientation.findData(choice.orientation)))
            for column, widget in ((1, printer), (2, paper), (3, orientation)):
                self.table.setCellWidget(row, column, widget)
            self.rows[form] = (printer, paper, orientation)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.hide()
        save = QPushButton("&Lưu cài đặt in")
        save.clicked.connect(self.save)
        form_layout = QFormLayout()
        form_layout.addRow("Cách in", self.preview)
        form_layout.addRow("", self.direct)
        form_layout.addRow("&Khổ giấy tiếp nhận (mẫu 01)", self.receipt_layout)
        form_layout.addRow("", self.receipt_qr)
        layout = QVBoxLayout(self)
        layout.addLayout(form_layout)
        layout.addWidget(QLabel("Máy in của từng mẫu phiếu trên máy tính này:"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(save)

    def save(self) -> None:
        try:
            set_print_mode(self.ctx, DIRECT if self.direct.isChecked() else PREVIEW)
            set_receipt_options(self.ctx, layout=str(self.receipt_layout.currentData()), qr=self.receipt_qr.isChecked())
            for form, (printer, paper, orientation) in self.rows.items():
                new = PrinterChoice(
                    str(printer.currentData() or ""), str(paper.currentData()), str(orientation.currentData())
                )
                if new != printer_choice(self.ctx, form):
                    set_printer_choice(self.ctx, form, new)
        except KnownError as exc:
            show_status(self.message, exc.message, error=True)
            return
        show_status(self.message, "Đã lưu cài đặt in cho máy tính này.")
        changes_for(self.ctx).settings_changed("printers")
