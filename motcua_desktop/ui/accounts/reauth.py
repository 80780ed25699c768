"""Running a service that needs the password typed again (export, restore, administration)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from motcua_desktop.services.accounts.auth import reauthenticate
from motcua_desktop.services.core.context import AppContext, ReauthenticationRequired

T = TypeVar("T")
AskPassword = Callable[[str], str | None]


def ask_password_dialog(parent: QWidget | None) -> AskPassword:
    def ask(prompt: str) -> str | None:
        text, ok = QInputDialog.getText(parent, "Xác nhận mật khẩu", prompt, QLineEdit.EchoMode.Password)
        return text if ok else None

    return ask


def with_password(ctx: AppContext, action: Callable[[], T], ask: AskPassword) -> T | None:
    """``action()``; if the service asks for the password again, ask it and retry once.

    Returns None when the person cancels. A wrong password raises ``SignInFailed`` (it counts
    towards the lockout like at sign-in).
    """
    try:
        return action()
    except ReauthenticationRequired as exc:
        user = ctx.session.full_name if ctx.session else ""
        password = ask(f"{exc.message}\nMật khẩu của {user}:")
        if password is None:
            return None
        reauthenticate(ctx, password)
        return action()
