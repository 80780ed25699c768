"""The window's side of the office hub: the background replicator started with the window, its
status carried to the status bar, and the pages told when other counters' dossiers arrived.

The replicator (``services.hub.worker.Replicator``, imported only when this counter is connected) runs in its own thread with its own database
connection; its callbacks come from that thread and cross to the window's thread as queued signals,
so nothing the clerk does ever waits for the network.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.hub.config import is_configured

if TYPE_CHECKING:
    from motcua_desktop.services.hub.replicate import PullResult
    from motcua_desktop.services.hub.worker import LinkStatus, Replicator


class HubLink(QObject):
    status_changed = Signal(object)  # LinkStatus
    pulled = Signal(object)  # PullResult: other counters' events arrived

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.replicator: Replicator | None = None
        self.status: LinkStatus | None = None

    def start(self) -> None:
        """Starts replicating when this counter is connected to a hub (else does nothing)."""
        if self.replicator is not None or self.ctx.store.readonly or not is_configured(self.ctx.store):
            return
        from motcua_desktop.services.hub.worker import Replicator  # PostgreSQL's driver only when connected

        self.replicator = Replicator(
            self.ctx.store.path, clock=self.ctx.clock, on_status=self._from_thread, on_pulled=self._pulled
        )
        self.replicator.start()

    def restart(self) -> None:
        """After the administrator connected or disconnected this counter."""
        from motcua_desktop.services.hub.worker import LinkStatus

        self.stop()
        self.status = LinkStatus()
        self.status_changed.emit(self.status)
        self.start()

    def stop(self) -> None:
        if self.replicator is not None:
            self.replicator.stop()
            self.replicator = None

    def sync_now(self) -> None:
        if self.replicator is not None:
            self.replicator.wake()

    def _from_thread(self, status: LinkStatus) -> None:
        self.status = status
        with contextlib.suppress(RuntimeError):  # the window is gone while the thread was still answering
            self.status_changed.emit(status)

    def _pulled(self, result: PullResult) -> None:
        with contextlib.suppress(RuntimeError):
            self.pulled.emit(result)
