"""Locking the counter window when nobody uses it (Qt only; the checks are services).

The counter PC stands in a public hall and shows citizens' ID numbers. ``IdleLock`` watches
keyboard, mouse and touch activity for the whole application; after the idle time (setting
``security.idle_lock_minutes``, default 5) it hides the window's content and every other open
window behind a lock screen. Hidden widgets keep their state, so the form being typed is there
again after unlocking with the same user's password. Another user may sign in from the lock
screen instead: ``user_switched`` is emitted (while the content is still hidden) and the main
window decides what to do with the previous user's draft.

The main window connects:
- ``locked`` (e.g. stop a scanner listener),
- ``unlocked`` (same user; nothing to do),
- ``user_switched(Session)`` (required: reset or hand back the forms of the previous user;
  ``ctx.session`` is already the new user's).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.services.accounts.auth import idle_lock_minutes, reauthenticate, start_session
from motcua_desktop.services.core.context import AppContext

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
    }
)
_INPUT = frozenset({*_ACTIVITY, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride, QEvent.Type.MouseButtonRelease})


class LockScreen(QFrame):
    """What the window shows while locked: no data, only the way back in."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        title = QLabel("Màn hình đã khóa")
        title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.info = QLabel()  # short lines, no word wrap: the lock screen must lay out the same everywhere
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("Mật khẩu")
        self.unlock_button = QPushButton("Mở khóa")
        self.other_user = QLineEdit()
        self.other_user.setPlaceholderText("Tên đăng nhập")
        self.other_password = QLineEdit()
        self.other_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.other_password.setPlaceholderText("Mật khẩu")
        self.switch_button = QPushButton("Đăng nhập")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")

        same = QHBoxLayout()
        same.addWidget(self.password, 1)
        same.addWidget(self.unlock_button)
        other = QHBoxLayout()
        other.addWidget(self.other_user, 1)
        other.addWidget(self.other_password, 1)
        other.addWidget(self.switch_button)
        box = QVBoxLayout()
        box.addWidget(title)
        box.addWidget(self.info)
        box.addLayout(same)
        box.addSpacing(24)
        box.addWidget(QLabel("Hoặc cán bộ khác đăng nhập:"))
        box.addLayout(other)
        box.addWidget(self.error)
        inner = QWidget()
        inner.setLayout(box)
        inner.setMinimumWidth(520)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(inner, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.password.returnPressed.connect(self.unlock_button.click)
        self.other_password.returnPressed.connect(self.switch_button.click)


class _Cover(QLabel):
    """Opaque cover over another open window (a dialog keeps running, its content unseen)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("Màn hình đã khóa – mở khóa ở cửa sổ chính.", parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAutoFillBackground(True)
        self.setGeometry(parent.rect())


class IdleLock(QObject):
    locked = Signal()
    unlocked = Signal()
    user_switched = Signal(object)  # Session of the user who signed in from the lock screen

    def __init__(
        self,
        window: QWidget,
        ctx: AppContext,
        *,
        minutes: int | None = None,
        monotonic: Callable[[], float] | None = None,
        timer: QTimer | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.monotonic = monotonic or time.monotonic
        self.timeout_seconds = 60 * (minutes if minutes is not None else idle_lock_minutes(ctx))
        self.last_activity = self.monotonic()
        self.screen = LockScreen(window)
        self.screen.hide()
        self.screen.unlock_button.clicked.connect(self._unlock_same_user)
        self.screen.switch_button.clicked.connect(self._switch_user)
        self._locked = False
        self._hidden: list[QWidget] = []
        self._disabled: list[QWidget] = []
        self._covers: list[_Cover] = []
        self.timer = timer or QTimer(self)
        self.timer.setInterval(min(1000, max(100, self.timeout_seconds * 100)))
        self.timer.timeout.connect(self.check)
        self.timer.start()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    @property
    def is_locked(self) -> bool:
        return self._locked

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._locked:
            if watched is self.window and kind == QEvent.Type.Resize:
                self.screen.setGeometry(self.window.rect())
            if _inside(watched, self.screen):
                return False
            # Nothing reaches the hidden content: no shortcut (menus, actions), no typing, no click.
            # (Events addressed to the window system objects are passed on to their widgets.)
            return kind == QEvent.Type.Shortcut or (kind in _INPUT and isinstance(watched, QWidget))
        if kind in _ACTIVITY:
            self.last_activity = self.monotonic()
        return False

    def check(self) -> None:
        """Called by the timer: locks when the idle time has passed (monotonic, clock changes don't count);
        not while nobody is signed in (the sign-in screen after "Đăng xuất")."""
        if self.ctx.session is None:
            self.last_activity = self.monotonic()
            return
        if not self._locked and self.monotonic() - self.last_activity >= self.timeout_seconds:
            self.lock()

    def lock(self, *, manual: bool = False) -> None:
        """Hides everything behind the lock screen (``manual``: Ctrl+L, the clerk stepping away)."""
        if self._locked or self.ctx.session is None:
            return
        self._locked = True
        for child in self.window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if child is not self.screen and child.isVisibleTo(self.window) and not child.isWindow():
                child.hide()
                self._hidden.append(child)
        for other in QApplication.topLevelWidgets():
            if other is not self.window and other.isVisible() and not isinstance(other, _Cover):
                cover = _Cover(other)
                cover.show()
                cover.raise_()
                self._covers.append(cover)
                if other.isEnabled():
                    other.setEnabled(False)
                    self._disabled.append(other)
        session = self.ctx.session
        who = f"{session.full_name} ({session.username})" if session else ""
        minutes = max(1, self.timeout_seconds // 60)
        why = "Đã khóa màn hình (Ctrl+L)." if manual else f"Đã khóa sau {minutes} phút không sử dụng."
        self.screen.info.setText(
            f"{why} Thông tin công dân đã được ẩn;\nphần đang nhập vẫn được giữ nguyên.\n\nTài khoản: {who}"
        )
        self.screen.error.clear()
        self.screen.setGeometry(self.window.rect())
        self.screen.show()
        self.screen.raise_()
        self.screen.password.setFocus()
        self.ctx.forget_authentication()
        self.locked.emit()

    def _unlock_same_user(self) -> None:
        password = self.screen.password.text()
        self.screen.password.clear()
        try:
            reauthenticate(self.ctx, password)
        except KnownError as exc:
            self.screen.error.setText(exc.message)
            return
        self._restore()
        self.unlocked.emit()

    def _switch_user(self) -> None:
        username, password = self.screen.other_user.text(), self.screen.other_password.text()
        self.screen.other_password.clear()
        previous = self.ctx.session.username if self.ctx.session else None
        try:
            session = start_session(self.ctx, username, password)
        except KnownError as exc:
            self.screen.error.setText(exc.message)
            return
        self.screen.other_user.clear()
        if session.username == previous:
            self._restore()
            self.unlocked.emit()
            return
        self.user_switched.emit(session)  # handlers run while the previous user's content is still hidden
        self._restore()

    def _restore(self) -> None:
        self._locked = False
        self.screen.hide()
        for cover in self._covers:
            cover.hide()
            cover.deleteLater()
        for widget in self._disabled:
            widget.setEnabled(True)
        for widget in self._hidden:
            widget.show()
        self._covers, self._disabled, self._hidden = [], [], []
        self.last_activity = self.monotonic()

    def stop(self) -> None:
        """Stops watching (window closing)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


def _inside(obj: QObject, ancestor: QWidget) -> bool:
    node: QObject | None = obj
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent()
    return False
