"""The "Đồng bộ" page with a fake USB drive in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from motcua_desktop.services.sync import upstream as sync_upstream
from motcua_desktop.ui.sync.drives import Drive
from motcua_desktop.ui.sync.sync_page import SyncPage
from tests.sync.faults import acceptable_packages
from tests.sync.helpers import Office

pytestmark = pytest.mark.gui


class FakeDrives:
    def __init__(self, *drives: Drive) -> None:
        self.list = list(drives)

    def drives(self) -> list[Drive]:
        return list(self.list)


def usb(folder: Path, *, removable: bool = True) -> Drive:
    folder.mkdir(exist_ok=True)
    return Drive(folder, "KINGSTON" if removable else "DATA", removable, 8_000_000_000)


def test_export_to_a_usb_drive_in_the_background(qtbot, office: Office, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office.c1.register()
    drives = FakeDrives()
    page = SyncPage(office.c1.clerk, drive_source=drives, poll_ms=50)
    qtbot.addWidget(page)
    page.show()
    assert page.summary_label.text().startswith("Sẽ xuất: 1 hồ sơ, ")
    assert not page.export_button.isEnabled()  # no drive yet
    assert not page.drive_hint.isHidden() and "cắm USB" in page.drive_hint.text()  # says what to do
    drives.list.append(usb(tmp_path / "E"))
    qtbot.waitUntil(lambda: page.drive_list.count() == 1, timeout=2000)  # the poll found the stick
    assert page.drive_hint.isHidden()
    assert page.selected_drive() is not None and "USB" in page.drive_list.item(0).text()

    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert page.busy  # the work runs in a thread; the window keeps running
    qtbot.waitUntil(lambda: not page.busy, timeout=15000)

    assert "có thể rút USB" in page.status_label.text()
    assert page.progress.value() == 100
    assert len(acceptable_packages(tmp_path / "E")) == 1
    assert page.summary_label.text().startswith("Sẽ xuất: 0 hồ sơ, 0 sự kiện chưa xuất")
    page.close()


def test_a_fixed_drive_needs_confirmation(qtbot, office: Office, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office.c1.register()
    asked: list[str] = []
    page = SyncPage(
        office.c1.clerk,
        drive_source=FakeDrives(usb(tmp_path / "D", removable=False)),
        confirm=lambda title, text: asked.append(text) is not None,
    )
    qtbot.addWidget(page)
    page.refresh_drives()  # what showing the page does (without giving the list the focus, which picks a row)
    qtbot.waitUntil(lambda: page.drive_list.count() == 1, timeout=2000)
    assert page.selected_drive() is None  # a fixed drive is never picked by itself
    page.drive_list.setCurrentRow(0)
    page.export_action.trigger()
    assert asked and "không phải USB" in asked[0]
    assert not page.busy and acceptable_packages(tmp_path / "D") == []
    page.close()


def test_a_failed_export_says_what_to_do(qtbot, office: Office, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office.c1.register()
    gone = Drive(tmp_path / "pulled", "KINGSTON", True, 0)  # the stick was pulled: its folder is gone
    page = SyncPage(office.c1.clerk, drive_source=FakeDrives(gone))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.selected_drive() is not None, timeout=2000)
    page.export_action.trigger()
    qtbot.waitUntil(lambda: not page.busy, timeout=15000)
    assert "không tìm thấy thư mục" in page.status_label.text()
    assert page.progress.value() == 0
    page.close()


def test_the_leader_imports_packages_and_acknowledgements(qtbot, office: Office, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office.c1.register()
    office.c1.export(tmp_path / "usb")
    page = SyncPage(office.leader.leader, drive_source=FakeDrives(), choose_files=lambda: [tmp_path / "usb"])
    qtbot.addWidget(page)
    assert page.report_list.isVisibleTo(page)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=15000)
    assert "đã nhập gói 1 của quầy 1" in page.import_result.toPlainText()
    assert office.leader.store.dossiers.count() == 1
    page.close()

    acks = sync_upstream.acknowledge(office.upstream, [tmp_path / "usb"], tmp_path / "acks", office.clock)
    clerk_page = SyncPage(office.c1.clerk, drive_source=FakeDrives(), choose_files=lambda: [Path(acks.acks[0].path)])
    qtbot.addWidget(clerk_page)
    assert not clerk_page.report_list.isVisibleTo(clerk_page)  # consolidation reports are the leader's
    clerk_page.import_action.trigger()
    qtbot.waitUntil(lambda: not clerk_page.busy, timeout=15000)
    assert "đã rời hộp thư đi" in clerk_page.import_result.toPlainText()
    assert "chưa được cấp trên xác nhận" not in clerk_page.summary_label.text()
    clerk_page.close()


def test_every_action_names_its_shortcut(qtbot, office: Office) -> None:  # type: ignore[no-untyped-def]
    page = SyncPage(office.c1.clerk, drive_source=FakeDrives())
    qtbot.addWidget(page)
    assert "Ctrl+E" in page.export_button.toolTip()
    assert "Ctrl+I" in page.import_button.toolTip()
    assert "F5" in page.refresh_button.toolTip()
    assert {a.shortcut().toString() for a in page.actions()} == {"Ctrl+E", "Ctrl+I", "F5"}
    page.close()


def test_the_leader_resolves_a_conflict_in_the_window(qtbot, office: Office, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.domain.lifecycle import Status
    from motcua_desktop.services.dossiers.lookup import load_dossier
    from motcua_desktop.ui.sync.conflict_dialog import ConflictDialog
    from tests.sync.test_conflict_resolution import two_versions

    code = two_versions(office, tmp_path)
    page = SyncPage(office.leader.leader, drive_source=FakeDrives())
    qtbot.addWidget(page)
    assert page.conflict_button.isVisibleTo(page) and page.conflict_button.isEnabled()
    shown: list[ConflictDialog] = []

    def choose(conflict):  # type: ignore[no-untyped-def]
        dialog = ConflictDialog(page.ctx, conflict, ask=lambda _prompt: None, parent=page)
        shown.append(dialog)
        dialog.accept()  # nothing chosen yet
        assert "Chọn một phiên bản" in dialog.message.text()
        keep = next(v for v in conflict.versions if v.counter == "quầy 2")
        dialog.choices.button(keep.number).setChecked(True)
        dialog.accept()  # no reason yet
        assert "Lý do chọn" in dialog.message.text()
        dialog.reason.setPlainText("Quầy 2 đã có kết quả")
        dialog.accept()
        return dialog.resolved

    page.open_conflict = choose  # type: ignore[method-assign]
    qtbot.mouseClick(page.conflict_button, Qt.MouseButton.LeftButton)
    assert shown and shown[0].resolved
    uuid = office.leader.store.dossiers.uuid_for_code(code)
    assert uuid is not None and load_dossier(office.leader.store, uuid).status is Status.RESULT_READY
    assert not page.conflict_button.isEnabled()


def test_the_status_bar_count_follows_an_export_at_once_and_ignores_views(  # type: ignore[no-untyped-def]
    qtbot, office: Office, tmp_path: Path
) -> None:
    """Issue 15.8: "Chưa xuất: N hồ sơ" changes right after the export (not at the next minute's
    count), and opening a dossier's detail afterwards does not bring it back."""
    from motcua_desktop.domain.accounts import Permission
    from motcua_desktop.ui.shell.main_window import MainWindow
    from motcua_desktop.ui.shell.pages import PageSpec, default_pages

    ctx = office.c1.clerk
    code = office.c1.register()
    drives = FakeDrives(usb(tmp_path / "E"))
    specs = [
        spec
        if spec.key != "sync"
        else PageSpec("sync", spec.title, spec.shortcut, Permission.EXPORT, lambda c: SyncPage(c, drive_source=drives))
        for spec in default_pages()
    ]
    window = MainWindow(ctx, specs)
    qtbot.addWidget(window)
    window.show()
    window.refresh_unexported()  # as after the first paint
    qtbot.waitUntil(lambda: window.unexported_label.text() == "Chưa xuất: 1 hồ sơ", timeout=5000)
    page = window.show_page("sync")
    assert isinstance(page, SyncPage)
    qtbot.waitUntil(lambda: page.selected_drive() is not None, timeout=2000)  # the scan found the stick
    page.export_action.trigger()
    qtbot.waitUntil(lambda: not page.busy, timeout=15000)
    qtbot.waitUntil(lambda: window.unexported_label.text() == "Đã xuất hết dữ liệu", timeout=5000)
    dossiers = window.show_page("dossiers")
    dossiers.open_reference(code)  # type: ignore[union-attr]
    assert dossiers.detail.dossier() is not None  # type: ignore[union-attr]
    window.refresh_unexported()
    qtbot.waitUntil(lambda: not window.counting_unexported, timeout=5000)
    assert window.unexported_label.text() == "Đã xuất hết dữ liệu"
    page.close()


def test_an_export_after_the_password_window_asks_for_the_password_then_exports(  # type: ignore[no-untyped-def]
    qtbot, office: Office, tmp_path: Path
) -> None:
    """Issue 15.2: past the five minutes after sign-in, Ctrl+E opens the password prompt (the backup
    page's), and once the password is typed the export goes on; a cancelled prompt writes nothing."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

    from tests.factories import CLERK_PASSWORD

    office.c1.register()
    ctx = office.c1.clerk
    ctx.forget_authentication()  # signed in at 07:30, exporting at 17:00
    page = SyncPage(ctx, drive_source=FakeDrives(usb(tmp_path / "E")))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.selected_drive() is not None, timeout=2000)
    prompts: list[str] = []

    def answer(text: str | None) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        prompts.append(dialog.labelText())
        if text is None:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            qtbot.keyClicks(dialog.findChild(QLineEdit), text)
            qtbot.keyClick(dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, lambda: answer(None))
    qtbot.keyClick(page, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert prompts and "nhập lại mật khẩu" in prompts[0] and "Nguyễn Thị Lan" in prompts[0]
    assert not page.busy and acceptable_packages(tmp_path / "E") == []
    assert "chưa nhập lại mật khẩu" in page.status_label.text()

    page.activateWindow()  # the prompt closed: the page has the keys again
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    QTimer.singleShot(0, lambda: answer(CLERK_PASSWORD))
    qtbot.keyClick(page, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert len(prompts) == 2
    qtbot.waitUntil(lambda: not page.busy, timeout=15000)
    assert "có thể rút USB" in page.status_label.text()
    assert len(acceptable_packages(tmp_path / "E")) == 1
    page.close()
