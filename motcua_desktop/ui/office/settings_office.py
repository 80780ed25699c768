"""Cài đặt › Đơn vị: the office's details and whether this PC is the office's only code issuer."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QVBoxLayout, QWidget

from motcua_desktop.domain.errors import KnownError, ValidationErrors
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.office.setup import update_office
from motcua_desktop.services.workspace import office_or_none
from motcua_desktop.ui.office.office_form import OfficeForm
from motcua_desktop.ui.shell.changes import changes_for
from motcua_desktop.ui.shell.widgets import show_status


class OfficeTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.form = OfficeForm()
        self.sole_issuer = QCheckBox("Máy này là máy duy nhất cấp mã hồ sơ của đơn vị (dải số 0001–9999)")
        office = office_or_none(ctx)
        if office is not None:
            self.form.set_office(office)
            self.sole_issuer.setChecked(office.sole_issuer)
        self.message = QLabel()
        self.message.hide()
        save = QPushButton("&Lưu thông tin đơn vị")
        save.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.sole_issuer)
        layout.addWidget(QLabel("Đổi số quầy có hiệu lực từ ngày hôm sau (không thể trùng mã trong ngày)."))
        layout.addWidget(self.message)
        layout.addWidget(save)
        layout.addStretch(1)

    def save(self) -> None:
        try:
            office = self.form.office(sole_issuer=self.sole_issuer.isChecked())
            old = office_or_none(self.ctx)
            if old is not None:
                office = dataclasses.replace(office, extra=old.extra)
            update_office(self.ctx, office)
        except ValidationErrors as exc:
            self.form.show_errors(exc.errors)
            show_status(self.message, exc.message, error=True)
            return
        except KnownError as exc:
            show_status(self.message, exc.message, error=True)
            return
        self.form.clear_errors()
        show_status(self.message, "Đã lưu thông tin đơn vị.")
        changes_for(self.ctx).settings_changed("office")
