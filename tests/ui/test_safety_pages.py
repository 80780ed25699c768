"""The audit page, the backup page and the safe-mode dialog, driven through their widgets."""

from __future__ import annotations

import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.dossiers.lookup import open_dossier
from motcua_desktop.services.safety.backup import new_recovery_key
from motcua_desktop.services.safety.integrity import open_workspace
from motcua_desktop.ui.safety.audit_page import AuditPage
from motcua_desktop.ui.safety.backup_page import BackupPage
from motcua_desktop.ui.safety.safe_mode import SafeModeDialog
from tests.factories import ADMIN_PASSWORD
from tests.helpers.safety import damage_page, folder_with_backup, register_many, signed_in

pytestmark = pytest.mark.gui


def test_audit_page_filters_and_verifies(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = signed_in(office_store, clock, Role.CLERK)
    done = register_many(clerk, 3)
    open_dossier(clerk, done[1].code)
    page = AuditPage(signed_in(office_store, clock, Role.LEADER))
    qtbot.addWidget(page)
    assert page.model.rowCount() >= 4
    page.kind.setCurrentIndex(page.kind.findData(ev.DOSSIER_VIEWED))
    page.search_button.click()
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 3)) == done[1].code
    assert page.model.data(page.model.index(0, 1)) == "lan.nguyen"
    page.date_from.setText("31/02/2026")
    page.search_button.click()
    assert "không phải ngày" in page.status.text() and page.model.rowCount() == 0
    page.date_from.setText("16/11/2026")
    page.search_button.click()
    assert page.model.rowCount() == 1
    page.verify_button.click()
    assert "nguyên vẹn" in page.status.text()


def test_a_clerk_sees_the_refusal_not_the_trail(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    page = AuditPage(signed_in(office_store, clock, Role.CLERK))
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0 and "không có quyền xem nhật ký" in page.status.text()


def test_backup_page(qtbot, office_store, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    register_many(signed_in(office_store, clock, Role.CLERK), 2)
    admin = signed_in(office_store, clock, Role.ADMIN)
    stick = tmp_path / "usb"
    stick.mkdir()
    public, _private = new_recovery_key()
    asked: list[str] = []

    def ask_password(prompt: str) -> str:
        asked.append(prompt)
        return ADMIN_PASSWORD

    page = BackupPage(
        admin,
        ask_password=ask_password,
        confirm=lambda question: "Khôi phục?" in question,
        choose_folder=lambda: str(stick),
        ask_key=lambda: public,
    )
    qtbot.addWidget(page)
    assert "chưa có" in page.summary.text()
    page.backup_button.click()
    assert "Đã sao lưu và kiểm tra" in page.status.text() and page.backups.count() == 1

    admin.forget_authentication()  # e.g. after the screen locked
    page.offsite_button.click()
    assert asked and "nhập lại mật khẩu" in asked[0]  # the password was asked again, then the change made
    page.key_button.click()
    assert "Dấu vân tay" in page.status.text()
    register_many(signed_in(office_store, clock, Role.CLERK), 1, first=5)
    page.backup_button.click()
    assert "nơi thứ hai" in page.status.text() and len(list(stick.iterdir())) == 1
    assert str(stick) in page.summary.text()

    local = next(i for i in range(page.backups.count()) if "trong máy" in page.backups.item(i).text())
    page.backups.setCurrentRow(local)
    with qtbot.waitSignal(page.restored, timeout=5000) as restored:
        page.restore_button.click()
    assert restored.args[0].new_epoch == 2 and admin.store is not office_store
    assert "Đã khôi phục" in page.status.text()


def test_safe_mode_dialog_restores(qtbot, tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    folder, backup, _later = folder_with_backup(tmp_path, clock)
    damage_page(folder / "motcua.db", "events")
    workspace = open_workspace(folder)
    try:
        dialog = SafeModeDialog(workspace, clock=clock)
        qtbot.addWidget(dialog)
        assert str(backup) in dialog.chosen.text() and dialog.restore_button.isEnabled()
        dialog.username.setText("admin")
        dialog.password.setText("sai")
        dialog.restore_button.click()
        assert "không đúng" in dialog.error.text() and workspace.safe_mode is not None
        dialog.password.setText(ADMIN_PASSWORD)
        with qtbot.waitSignal(dialog.restored, timeout=5000):
            dialog.restore_button.click()
        assert workspace.safe_mode is None and workspace.store is not None and not workspace.store.readonly
        assert "Đã khôi phục" in dialog.result_text
    finally:
        workspace.close()
