"""The main window for a signed-in context: the clock guard's warning, the idle lock, the hourly
automatic backup and the status bar's count of dossiers not yet exported (``MainWindow.refresh_unexported``:
after every change made in the window, after the first paint, and each minute for changes made outside
it). Used by the launcher, the smoke run of a packaged build and the benchmarks."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt and the services load after logging is set up
    from motcua_desktop.services.core.context import AppContext
    from motcua_desktop.ui.shell.main_window import MainWindow

log = logging.getLogger("motcua.ui")
BACKUP_CHECK_MS = 60 * 60 * 1000
STATUS_REFRESH_MS = 60 * 1000


def main_window_for(ctx: AppContext, *, idle_lock: bool = True) -> MainWindow:
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
        lock.locked.connect(window.remember_focus)
        lock.unlocked.connect(window.focus_current_page)
        # Another user: the pages are rebuilt while still hidden, the keyboard given once they show.
        lock.user_switched.connect(lambda _session: window.reload_pages())
        lock.user_switched.connect(lambda _session: QTimer.singleShot(0, window, window.focus_current_page))
        window.idle_lock = lock  # kept alive with the window
    backup_timer = QTimer(window)
    backup_timer.setInterval(BACKUP_CHECK_MS)
    backup_timer.timeout.connect(lambda: automatic_backup(ctx))
    backup_timer.start()
    status_timer = QTimer(window)
    status_timer.setInterval(STATUS_REFRESH_MS)
    status_timer.timeout.connect(window.refresh_unexported)  # changes made outside this window
    status_timer.start()
    window.after_first_paint(window.refresh_unexported)
    from motcua_desktop.ui.sync.hub_link import HubLink

    hub = HubLink(ctx, window)
    window.attach_hub(hub)
    window.after_first_paint(hub.start)  # the office hub, when this counter is connected to one
    return window


def automatic_backup(ctx: AppContext, *, closing: bool = False) -> None:
    from motcua_desktop.domain.errors import KnownError
    from motcua_desktop.services.safety.backup import backup_if_due

    try:
        backup_if_due(ctx, closing=closing)
    except KnownError as exc:  # shown on the backup page; the counter's work goes on
        log.warning("automatic backup failed: %s", exc.message)
