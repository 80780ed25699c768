"""The idle lock hides the counter window after the idle time, keeps the draft, and lets the same
user (or another) back in; driven with a fake monotonic clock, no real waiting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QMainWindow, QVBoxLayout, QWidget

from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.accounts.auth import set_idle_lock_minutes
from motcua_desktop.ui.accounts.idle_lock import IdleLock, _Cover
from tests.factories import CLERK_PASSWORD
from tests.helpers.safety import signed_in

pytestmark = pytest.mark.gui


class Counter:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def counter_window(qtbot, office_store, clock):  # type: ignore[no-untyped-def]
    ctx = signed_in(office_store, clock, Role.CLERK)
    signed_in(office_store, clock, Role.LEADER)  # hoa.le exists, for the "another user" case
    window = QMainWindow()
    central = QWidget()
    layout = QVBoxLayout(central)
    name = QLineEdit()
    id_number = QLineEdit()
    layout.addWidget(name)
    layout.addWidget(id_number)
    window.setCentralWidget(central)
    searches = []
    find = QAction("Tìm", window)
    find.setShortcut(QKeySequence("Ctrl+F"))
    find.triggered.connect(lambda: searches.append(1))
    window.addAction(find)
    qtbot.addWidget(window)
    window.resize(800, 500)
    window.show()
    qtbot.waitExposed(window)
    fake = Counter()
    timer = QTimer()
    lock = IdleLock(window, ctx, minutes=5, monotonic=fake, timer=timer)
    yield ctx, window, name, id_number, lock, fake, searches
    lock.stop()


def test_locks_after_the_idle_time_and_keeps_the_draft(qtbot, counter_window) -> None:  # type: ignore[no-untyped-def]
    ctx, window, name, id_number, lock, fake, searches = counter_window
    name.setFocus()
    name.insert("Nguyễn Văn An")  # (QTest types Latin-1 only; the key clicks below are the activity)
    QTest.keyClicks(id_number, "038087042028")
    typed_at = fake.now
    fake.now = typed_at + 299
    lock.check()
    assert not lock.is_locked
    QTest.keyClick(name, Qt.Key.Key_End)  # activity moves the deadline
    fake.now = typed_at + 301
    lock.check()
    assert not lock.is_locked
    fake.now += 300
    with qtbot.waitSignal(lock.locked, timeout=1000):
        lock.check()
    assert lock.is_locked and lock.screen.isVisible()
    assert not name.isVisible() and not id_number.isVisible() and not window.centralWidget().isVisible()
    assert "Nguyễn Thị Lan" in lock.screen.info.text() and "038087042028" not in lock.screen.info.text()
    assert not ctx.recently_authenticated  # sensitive actions will ask again

    QTest.keyClicks(id_number, "999")  # nothing reaches the hidden form
    QTest.keyClick(lock.screen.password, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert id_number.text() == "038087042028" and searches == []

    QTest.keyClicks(lock.screen.password, "sai-mat-khau")
    QTest.keyClick(lock.screen.password, Qt.Key.Key_Return)
    assert lock.is_locked and "không đúng" in lock.screen.error.text()

    QTest.keyClicks(lock.screen.password, CLERK_PASSWORD)
    with qtbot.waitSignal(lock.unlocked, timeout=1000):
        lock.screen.unlock_button.click()
    assert not lock.is_locked and not lock.screen.isVisible()
    assert name.isVisible() and name.text() == "Nguyễn Văn An" and id_number.text() == "038087042028"
    assert ctx.recently_authenticated
    QTest.keyClick(name, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert searches == [1]  # shortcuts work again


def test_another_user_signs_in_from_the_lock_screen(qtbot, counter_window) -> None:  # type: ignore[no-untyped-def]
    ctx, _window, name, _id_number, lock, _fake, _searches = counter_window
    name.insert("Bản nháp của chị Lan")
    lock.lock()
    seen = []

    def on_switch(session) -> None:  # type: ignore[no-untyped-def]
        seen.append((session.username, name.isVisible()))  # the previous user's form is still hidden
        name.clear()  # what a main window does with someone else's draft

    lock.user_switched.connect(on_switch)
    QTest.keyClicks(lock.screen.other_user, "hoa.le")
    QTest.keyClicks(lock.screen.other_password, CLERK_PASSWORD)
    lock.screen.switch_button.click()
    assert seen == [("hoa.le", False)]
    assert ctx.session is not None and ctx.session.username == "hoa.le" and ctx.recently_authenticated
    assert not lock.is_locked and name.isVisible() and name.text() == ""


def test_other_windows_are_covered_not_closed(qtbot, counter_window) -> None:  # type: ignore[no-untyped-def]
    _ctx, window, _name, _id_number, lock, _fake, _searches = counter_window
    dialog = QDialog(window)
    field = QLineEdit("038087042028", dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    lock.lock()
    covers = [c for c in dialog.findChildren(_Cover) if c.isVisible()]
    assert covers and not dialog.isEnabled() and dialog.isVisible()
    QTest.keyClicks(lock.screen.password, CLERK_PASSWORD)
    lock.screen.unlock_button.click()
    assert dialog.isEnabled() and field.text() == "038087042028"
    assert not [c for c in dialog.findChildren(_Cover) if c.isVisible()]


def test_the_idle_time_is_a_setting(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    admin = signed_in(office_store, clock, Role.ADMIN)
    set_idle_lock_minutes(admin, 2)
    window = QWidget()
    qtbot.addWidget(window)
    lock = IdleLock(window, signed_in(office_store, clock, Role.CLERK), monotonic=lambda: 0.0)
    assert lock.timeout_seconds == 120
    lock.stop()
