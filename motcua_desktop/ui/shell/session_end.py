"""Windows shutting down, the user signing out, or the installer upgrading while the window is open.

What Windows does (and Qt 6 passes on): ``WM_QUERYENDSESSION`` → ``commitDataRequest``; then
``WM_ENDSESSION`` → ``aboutToQuit`` and ``quit()``; the process is terminated as soon as that
message returns, so ``app.exec()`` never returns and nothing after it runs. The installer's
"close applications" (Restart Manager) sends the same two messages. Hence the closing work —
saving the reception draft and the closing backup — runs in those two signals' slots:

- ``commitDataRequest``: while it runs, Windows' "these apps are preventing shutdown" screen says
  why (``ShutdownBlockReasonCreate``); the user may still cancel the shutdown, so the program stays
  usable afterwards.
- ``aboutToQuit``: the same work again (a no-op when nothing changed since), then errors are only
  logged (``errors.stop_showing``): no dialog may wait for a click that never comes.

Windows allows an application about five seconds to answer; a snapshot and full check of a large
database take longer on an old PC, so at session end the closing backup is taken only up to
``SESSION_END_BACKUP_MAX_BYTES`` (the daily automatic backup covers larger databases). A normal
close of the window has no such limit.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from motcua_desktop.services.core.context import AppContext
from motcua_desktop.ui.shell import errors

log = logging.getLogger("motcua.ui.session")

SESSION_END_BACKUP_MAX_BYTES = 64 * 1024 * 1024  # ≈ 1–2 s to copy and check on an old dual-core PC
BLOCK_REASON = "Một cửa Desktop đang lưu bản nháp và sao lưu dữ liệu. Vui lòng đợi vài giây."


class SessionEnd(QObject):
    """The closing work, run when the window closes normally and when Windows ends the session.

    ``backup`` is the closing backup (``launcher._automatic_backup``); ``user32`` is injectable so the
    shutdown-block calls can be checked away from Windows."""

    def __init__(
        self,
        ctx: AppContext,
        window: QWidget,
        backup: Callable[[], None] | None,
        *,
        user32: Any = None,
    ) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self._backup = backup
        self._user32 = user32
        self.session_ending = False
        self.finished = False

    # --- the two signals ----------------------------------------------------------------------
    def commit_data(self, manager: object = None) -> None:
        """``commitDataRequest``: Windows asks whether it may end the session. Never refuses."""
        self.session_ending = True
        log.info("Windows is ending the session: saving drafts and the closing backup")
        blocked = self._block()
        try:
            self._save_everything()
        finally:
            if blocked:
                self._unblock()

    def about_to_quit(self) -> None:
        """``aboutToQuit``: the event loop ends (normal close, or Windows' end of session)."""
        errors.stop_showing()
        if self.finished:
            return
        self.finished = True
        self._save_everything()

    # --- the work -----------------------------------------------------------------------------
    def _save_everything(self) -> None:
        try:
            save = getattr(self.window, "save_state", None)
            if callable(save):
                save()
        except Exception:  # the backup must still run
            log.exception("drafts could not be saved at closing")
        if self._backup is None:
            return
        if self.session_ending and self._database_bytes() > SESSION_END_BACKUP_MAX_BYTES:
            log.warning(
                "closing backup skipped at session end: the database (%d bytes) cannot be copied and checked in "
                "the seconds Windows allows; the daily automatic backup will take it",
                self._database_bytes(),
            )
            return
        try:
            self._backup()
        except Exception:
            log.exception("closing backup failed")

    def _database_bytes(self) -> int:
        path = self.ctx.store.path
        total = 0
        for suffix in ("", "-wal"):
            with contextlib.suppress(OSError):
                total += path.with_name(path.name + suffix).stat().st_size
        return total

    # --- Windows: say why the shutdown waits --------------------------------------------------
    def _windows_user32(self) -> Any:
        if self._user32 is not None:
            return self._user32
        if sys.platform != "win32":
            return None
        import ctypes  # pragma: no cover - Windows only
        from ctypes import wintypes  # pragma: no cover

        user32 = ctypes.windll.user32  # type: ignore[attr-defined,unused-ignore]  # pragma: no cover
        user32.ShutdownBlockReasonCreate.argtypes = [wintypes.HWND, wintypes.LPCWSTR]  # pragma: no cover
        user32.ShutdownBlockReasonDestroy.argtypes = [wintypes.HWND]  # pragma: no cover
        return user32  # pragma: no cover

    def _block(self) -> bool:
        user32 = self._windows_user32()
        if user32 is None:
            return False
        try:
            return bool(user32.ShutdownBlockReasonCreate(int(self.window.winId()), BLOCK_REASON))
        except (OSError, AttributeError) as exc:
            log.warning("ShutdownBlockReasonCreate failed: %s", exc)
            return False

    def _unblock(self) -> None:
        user32 = self._windows_user32()
        try:
            user32.ShutdownBlockReasonDestroy(int(self.window.winId()))
        except (OSError, AttributeError) as exc:
            log.warning("ShutdownBlockReasonDestroy failed: %s", exc)


def watch_session_end(
    app: Any, ctx: AppContext, window: QWidget, backup: Callable[[], None] | None, *, user32: Any = None
) -> SessionEnd:
    """Connects the closing work to ``app``'s session signals; the returned object lives with ``window``."""
    session = SessionEnd(ctx, window, backup, user32=user32)
    app.commitDataRequest.connect(session.commit_data)
    app.aboutToQuit.connect(session.about_to_quit)
    return session
