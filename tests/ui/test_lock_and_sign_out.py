"""Issue 15.6: Ctrl+L locks the window, sign-out returns to the sign-in screen without quitting, and a
new office's administrator is told what to do next; keyboard only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication

from motcua_desktop.domain.accounts import Role
from motcua_desktop.ui.accounts.idle_lock import IdleLock
from motcua_desktop.ui.accounts.login import LoginDialog
from motcua_desktop.ui.dossiers.reception_page import ReceptionPage
from motcua_desktop.ui.office.settings_page import SettingsPage
from motcua_desktop.ui.shell.main_window import MainWindow
from tests.factories import CLERK_PASSWORD, add_user, context
from tests.ui.conftest import focused, press, refocus, type_keys

pytestmark = pytest.mark.gui


def open_window(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    lock = IdleLock(window, ctx, minutes=5)
    window.idle_lock = lock  # as ui.shell.window does
    lock.user_switched.connect(lambda _session: window.reload_pages())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    return window


def test_ctrl_l_locks_and_the_password_unlocks_with_the_form_kept(qtbot, clerk) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, clerk)
    page = window.page("reception")
    assert isinstance(page, ReceptionPage) and focused() is page.picker.edit
    type_keys("khai sinh")
    press(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    lock = window.idle_lock
    assert isinstance(lock, IdleLock) and lock.is_locked
    assert not page.isVisible() and "Ctrl+L" in lock.screen.info.text()
    assert focused() is lock.screen.password
    press(Qt.Key.Key_F2)  # nothing behind the lock answers
    assert window.current_key() == "reception"
    type_keys("sai-mat-khau")
    press(Qt.Key.Key_Return)
    assert lock.is_locked and lock.screen.error.text()
    type_keys(CLERK_PASSWORD)
    press(Qt.Key.Key_Return)
    assert not lock.is_locked and page.isVisible()
    assert page.picker.edit.text() == "khai sinh"  # what was typed is still there
    lock.stop()


def test_the_list_key_of_the_dossiers_page_moved_to_ctrl_shift_l(qtbot, clerk) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, clerk)
    press(Qt.Key.Key_F2)
    dossiers = window.page("dossiers")
    shortcuts = {a.text(): a.shortcut().toString() for a in dossiers.actions()}  # type: ignore[union-attr]
    assert shortcuts["Chuyển đến danh sách"] == "Ctrl+Shift+L"
    press(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert focused() is dossiers.table  # type: ignore[union-attr]
    assert not window.idle_lock.is_locked  # type: ignore[union-attr]
    window.idle_lock.stop()  # type: ignore[union-attr]


def test_a_new_administrator_is_told_what_to_do_next_then_hands_over_to_a_clerk(  # type: ignore[no-untyped-def]
    qtbot, office_store, clock
) -> None:
    admin = context(office_store, clock, Role.ADMIN, "admin")
    window = open_window(qtbot, admin)
    assert window.current_key() == "settings"  # the first screen says what to do next
    settings = window.page("settings")
    assert isinstance(settings, SettingsPage) and settings.next_steps.isVisible()
    steps = settings.next_steps.lines.text()
    assert "Ctrl+1: Tạo tài khoản cho cán bộ" in steps and "Ctrl+2: Nhập thẻ khóa" in steps
    assert "Ctrl+3: Kiểm tra máy in" in steps
    press(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert settings.tabs.currentWidget() is settings.users_tab
    press(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert settings.tabs.currentWidget() is settings.keys_tab
    press(Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert settings.tabs.currentWidget() is settings.printers_tab

    add_user(office_store, clock, "lan.nguyen", Role.CLERK, "Nguyễn Thị Lan")  # (the accounts tab's own tests)
    settings.next_steps.refresh()
    assert "✓ Ctrl+1" in settings.next_steps.lines.text()

    signed_in: list[str] = []

    def sign_in_as_clerk() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, sign_in_as_clerk)
            return
        assert not window.centralWidget().isVisible()  # nothing of the administrator's screens behind it
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
        qtbot.keyClicks(dialog.username, "lan.nguyen")
        qtbot.keyClick(dialog.username, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.password, CLERK_PASSWORD)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        signed_in.append("lan.nguyen")

    QTimer.singleShot(0, sign_in_as_clerk)
    press(Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # Tệp → Đăng xuất
    assert signed_in and admin.session is not None and admin.session.username == "lan.nguyen"
    assert window.isVisible() and window.centralWidget().isVisible()  # not quit
    assert window.current_key() == "reception" and "settings" not in window.page_actions
    assert window.clerk_label.text() == "Cán bộ: Nguyễn Thị Lan"
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    refocus(window.page("reception").picker.edit)  # type: ignore[union-attr]
    press(Qt.Key.Key_F3)  # the clerk's pages answer their keys
    assert window.current_key() == "return"
    window.idle_lock.stop()  # type: ignore[union-attr]


def test_closing_the_sign_in_screen_after_sign_out_quits(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    admin = context(office_store, clock, Role.ADMIN, "admin")
    window = open_window(qtbot, admin)

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, close)
            return
        dialog.reject()

    QTimer.singleShot(0, close)
    window.sign_out_action.trigger()
    assert admin.session is None and not window.isVisible()
    window.idle_lock.stop()  # type: ignore[union-attr]
