"""The main window for a signed-in context: the clock guard's warning, the idle lock, the hourly
automatic backup and the status bar's count of dossiers not yet exported (refreshed every minute and
after the first paint). Used by the launcher, the smoke run of a packaged build and the benchmarks."""

from __future__ import annotations

import logging

log = logging.getLogger("motcua.ui")
BACKUP_CHECK_MS = 60 * 60 * 1000
STATUS_REFRESH_MS = 60 * 1000


def main_window_for(ctx, *, idle_lock: bool = True):  # type: ignore[no-untyped-def]
    """The main window for a signed-in context, with the clock guard, the idle lock and the timers."""
    from PySide6.QtCore import QTimer

    from motcua_desktop.services.core.clock_guard import apply_clock_guard
    from motcua_desktop.ui.accounts.idle_lock import IdleLock
    from motcua_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(ctx)
    check = apply_clock_guard(ctx, remember=True)
    window.set_clock_warning(
        check.message() if (check.blocks_registration or check.needs_confirmation or check.suspect) else ""
    )
    if idle_lock:
        lock = IdleLock(window, ctx)
        lock.user_switched.connect(lambda _session: window.reload_pages())
        window.idle_lock = lock  # kept alive with the window
    backup_timer = QTimer(window)
    backup_timer.setInterval(BACKUP_CHECK_MS)
    backup_timer.timeout.connect(lambda: automatic_backup(ctx))
    backup_timer.start()
    status_timer = QTimer(window)
    status_timer.setInterval(STATUS_REFRESH_MS)
    status_timer.timeout.connect(lambda: _refresh_unexported(ctx, window))
    status_timer.start()
    window.after_first_paint(lambda: _refresh_unexported(ctx, window))
    return window


def automatic_backup(ctx, *, closing: bool = False) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.domain.errors import KnownError
    from motcua_desktop.services.safety.backup import backup_if_due

    try:
        backup_if_due(ctx, closing=closing)
    except KnownError as exc:  # shown on the backup page; the counter's work goes on
        log.warning("automatic backup failed: %s", exc.message)


def _refresh_unexported(ctx, window) -> None:  # type: ignore[no-untyped-def]
    """The status bar's count of dossiers not yet exported, counted on a worker thread (quick after
    a normal day; a database never exported holds millions of events and must not stall the window)."""
    from motcua_desktop.domain.accounts import Permission
    from motcua_desktop.ui.shell.worker import run_detached

    if not ctx.can(Permission.EXPORT) or getattr(window, "export_count_pending", False):
        return
    window.export_count_pending = True

    def counted(count: object) -> None:
        window.export_count_pending = False
        window.set_unexported_count(int(count))  # type: ignore[call-overload]

    def failed(exc: BaseException) -> None:
        window.export_count_pending = False
        log.warning("export summary unavailable: %s", exc)

    window.export_count_reply = run_detached(ctx, _unexported_dossiers, on_done=counted, on_error=failed)


def _unexported_dossiers(worker) -> int:  # type: ignore[no-untyped-def]
    from motcua_desktop.services.sync.export import export_summary  # imported on the worker thread

    return export_summary(worker).dossiers_unexported
