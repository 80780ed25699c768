"""Cài đặt › Danh mục thủ tục: import a procedure list (choose the file, read the preview of every
change, then apply), export the catalogue, and set this office's own time limit, fee and checklist
of a procedure. Nothing here decides anything: the services preview, merge and check."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.duration import DurationUnit, format_amount
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.office.catalogue import (
    ImportPreview,
    export_catalogue,
    get_procedure,
    import_catalogue,
    list_procedures,
    preview_import,
    set_local_fields,
)
from motcua_desktop.ui.shell import ask
from motcua_desktop.ui.shell.changes import changes_for
from motcua_desktop.ui.shell.widgets import show_status

FILE_FILTER = "Danh mục thủ tục (*.xlsx *.csv);;Tất cả tệp (*)"


class CatalogueTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.choose_button = QPushButton("&Chọn tệp danh mục…")
        self.choose_button.setObjectName("catalogue_choose")
        self.choose_button.clicked.connect(self._choose)
        self.retire = QCheckBox("Thủ tục không có trong tệp thôi áp dụng (tệp là danh mục đầy đủ của tỉnh)")
        self.retire.setObjectName("catalogue_retire")
        self.retire.toggled.connect(self._refresh_preview)
        self.summary = QLabel("Chưa chọn tệp.")
        self.summary.setObjectName("catalogue_summary")
        self.summary.setWordWrap(True)
        self.changes = QTableWidget(0, 5)
        self.changes.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.changes.setObjectName("catalogue_changes")
        self.changes.setHorizontalHeaderLabels(["Thay đổi", "Thủ tục", "Trường", "Trước", "Sau"])
        self.changes.verticalHeader().hide()
        self.changes.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.changes.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.apply_button = QPushButton("Áp &dụng các thay đổi")
        self.apply_button.setObjectName("catalogue_apply")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self._apply)
        self.export_button = QPushButton("&Xuất danh mục ra tệp CSV…")
        self.export_button.setObjectName("catalogue_export")
        self.export_button.clicked.connect(self._export)
        self.status = QLabel()
        self.status.setWordWrap(True)

        importing = QGroupBox("Nhập danh mục (Cơ sở dữ liệu quốc gia về TTHC, danh mục của tỉnh, tệp đã xuất)")
        box = QVBoxLayout(importing)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.retire, 1)
        box.addLayout(row)
        box.addWidget(self.summary)
        box.addWidget(self.changes, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        box.addLayout(buttons)

        self.local = LocalFieldsBox(ctx, self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(importing, 1)
        layout.addWidget(self.local)
        layout.addWidget(self.status)

    # --- import -------------------------------------------------------------------------------
    def _choose(self) -> None:
        name = ask.open_file(self, "Chọn tệp danh mục thủ tục", FILE_FILTER)
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Reads ``path`` and shows what importing it would change (nothing is written)."""
        self.path = path
        self._refresh_preview()

    def _refresh_preview(self) -> None:
        self.preview = None
        self.changes.setRowCount(0)
        self.apply_button.setEnabled(False)
        if self.path is None:
            return
        try:
            self.preview = preview_import(self.ctx, self.path, retire_missing=self.retire.isChecked())
        except KnownError as exc:
            self.summary.setText(exc.message)
            return
        self.summary.setText("\n".join([self.preview.summary(), *self.preview.warnings[:20]]))
        for change in self.preview.plan.changes:
            fields = change.fields or ()
            if not fields:
                self._add_row(change.kind_label, f"{change.key} – {change.name}", "", "", "")
            for f in fields:
                self._add_row(change.kind_label, f"{change.key} – {change.name}", f.label, f.before, f.after)
        self.apply_button.setEnabled(bool(self.preview.plan.changes))

    def _add_row(self, *values: str) -> None:
        row = self.changes.rowCount()
        self.changes.insertRow(row)
        for column, value in enumerate(values):
            self.changes.setItem(row, column, QTableWidgetItem(value))

    def _apply(self) -> None:
        if self.preview is None or self.path is None:
            return
        if not ask.confirm(self, "Nhập danh mục", self.preview.summary() + "\n\nÁp dụng các thay đổi này?"):
            return
        try:
            result = import_catalogue(
                self.ctx, self.path, retire_missing=self.retire.isChecked(), confirm=self.preview.token
            )
        except KnownError as exc:
            show_status(self.status, exc.message, error=True)
            return
        show_status(self.status, result.summary())
        changes_for(self.ctx).settings_changed("catalogue")
        self.path = None
        self.preview = None
        self.changes.setRowCount(0)
        self.apply_button.setEnabled(False)
        self.summary.setText("Đã áp dụng. Chọn tệp khác để nhập tiếp.")
        self.local.reload()

    def _export(self) -> None:
        name = ask.save_file(self, "Xuất danh mục", "danh-muc-thu-tuc.csv", "CSV (*.csv)")
        if not name:
            return
        try:
            data = export_catalogue(self.ctx)
            temporary = Path(name).with_name(Path(name).name + ".tmp")
            temporary.write_bytes(data)
            temporary.replace(name)
        except KnownError as exc:
            show_status(self.status, exc.message, error=True)
            return
        except OSError as exc:
            show_status(self.status, f"Không ghi được «{name}» ({exc.strerror}). Chọn thư mục khác.", error=True)
            return
        show_status(self.status, f"Đã xuất danh mục ra «{name}».")


class LocalFieldsBox(QGroupBox):
    """The office's own time limit (only shorter than the statutory one), fee and checklist of one
    procedure, with the decision that set them."""

    def __init__(self, ctx: AppContext, status: QLabel) -> None:
        super().__init__("Thời hạn, phí, thành phần hồ sơ riêng của địa phương")
        self.ctx = ctx
        self.status = status
        self.procedure = QComboBox()
        self.procedure.setObjectName("local_procedure")
        self.procedure.currentIndexChanged.connect(self._show)
        self.statutory = QLabel()
        self.unit = QComboBox()
        self.unit.addItem("(không có)", "")
        for unit in DurationUnit:
            self.unit.addItem(unit.label, unit.value)
        self.amount = QLineEdit()
        self.amount.setMaximumWidth(70)
        self.fee = QLineEdit()
        self.fee.setPlaceholderText("đồng; 0 nếu không thu; để trống nếu không có")
        self.documents = QLineEdit()
        self.documents.setPlaceholderText("các giấy tờ, ngăn cách bằng dấu |")
        self.basis = QLineEdit()
        self.basis.setPlaceholderText("Quyết định số …/QĐ-UBND ngày … công bố thủ tục")
        self.save_button = QPushButton("&Lưu")
        self.save_button.setObjectName("local_save")
        self.save_button.clicked.connect(self._save)
        duration = QHBoxLayout()
        duration.addWidget(self.amount)
        duration.addWidget(self.unit, 1)
        form = QFormLayout(self)
        form.addRow("Thủ tục", self.procedure)
        form.addRow("Theo quy định", self.statutory)
        form.addRow("Thời hạn của địa phương", duration)
        form.addRow("Phí, lệ phí của địa phương", self.fee)
        form.addRow("Thành phần hồ sơ", self.documents)
        form.addRow("Căn cứ", self.basis)
        form.addRow("", self.save_button)
        self.reload()

    def reload(self) -> None:
        current = self.procedure.currentData()
        self.procedure.blockSignals(True)
        self.procedure.clear()
        for p in list_procedures(self.ctx):
            self.procedure.addItem(f"{p.code or 'không mã'} – {p.name}", p.key)
        self.procedure.setCurrentIndex(max(0, self.procedure.findData(current)))
        self.procedure.blockSignals(False)
        self._show()

    def _show(self) -> None:
        key = self.procedure.currentData()
        if not key:
            return
        p = get_procedure(self.ctx, key)
        statutory = p.duration.label() if p.duration else "chưa có"
        if p.duration is not None and not p.duration_confirmed:
            statutory += " (chưa đối chiếu nguồn)"
        self.statutory.setText(statutory)
        local = p.local_duration
        self.unit.setCurrentIndex(max(0, self.unit.findData(local.unit.value if local else "")))
        self.amount.setText(format_amount(local.amount) if local and local.amount else "")
        self.fee.setText("" if p.local_fee_amount is None else str(p.local_fee_amount))
        self.documents.setText(" | ".join(p.local_documents))
        self.basis.setText(p.local_basis)

    def _save(self) -> None:
        try:
            saved = set_local_fields(
                self.ctx,
                str(self.procedure.currentData()),
                duration_unit=str(self.unit.currentData() or ""),
                duration_amount=self.amount.text(),
                fee=self.fee.text(),
                documents=[d for d in self.documents.text().split("|")],
                basis=self.basis.text(),
            )
        except KnownError as exc:
            show_status(self.status, exc.message, error=True)
            return
        changes_for(self.ctx).settings_changed("catalogue")
        duration = saved.effective_duration
        show_status(
            self.status,
            f"Đã lưu «{saved.name}»: giấy tiếp nhận in thời hạn "
            f"{duration.label() if duration else '(cán bộ nhập khi tiếp nhận)'}.",
        )
