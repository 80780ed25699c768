"""The background replication thread: the counter never waits for the hub.

The thread has its own SQLite connection and its own hub connection. While connected it waits for
PostgreSQL's notifications a fraction of a second at a time; in between it looks at this PC's chain
head (one indexed read) and pushes as soon as the clerk saved something, pulls as soon as another
counter's push is notified, and pulls anyway every ``pull_every`` seconds (a notification lost with a
connection is then made up for). When the hub does not answer — stopped, LAN cut, restored — it
records since when, closes, and tries again with a growing pause (up to ``RETRY_MAX_S``); on
reconnecting it pushes what was saved meanwhile and pulls what it missed. Nothing here raises into
the window: failures become the status the status bar shows.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.vntime import to_vn
from motcua_desktop.hub.client import HubConnection
from motcua_desktop.hub.errors import HubError
from motcua_desktop.services.core.context import AppContext, Clock, SystemClock
from motcua_desktop.services.hub import config
from motcua_desktop.services.hub.replicate import PullResult, pull, push
from motcua_desktop.services.sync.keys import own_card, signing_key
from motcua_desktop.storage import open_store
from motcua_desktop.storage.hub_table import HubState

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from motcua_desktop.storage.event_log import ChainHead

log = logging.getLogger("motcua.hub")

POLL_S = 0.2  # how often the local chain head is looked at while waiting for notifications
PULL_EVERY_S = 5.0  # a pull even without a notification
HEARTBEAT_S = 30.0
STATE_SAVE_S = 30.0  # push/pull times written to the database at most this often
RETRY_MIN_S, RETRY_MAX_S = 0.5, 3.0


@dataclass(frozen=True)
class LinkStatus:
    """What the window shows: connected or since when not, and the last exchanges."""

    configured: bool = False
    connected: bool = False
    since: datetime | None = None  # connected since, or unreachable since
    error: str = ""
    last_push_at: datetime | None = None
    last_pull_at: datetime | None = None
    behind: int = 0  # the other counters' events the hub holds and this PC not yet

    @property
    def text(self) -> str:
        """The status bar's words: "Máy chủ văn phòng: mất kết nối từ 10:42" ("" with no hub)."""
        if not self.configured:
            return ""
        if self.connected:
            return "Máy chủ văn phòng: đã kết nối"
        if self.since is None:
            return "Máy chủ văn phòng: đang kết nối…"
        since = to_vn(self.since)
        return f"Máy chủ văn phòng: mất kết nối từ {since:%H:%M}"


class Replicator:
    """Push and pull in a daemon thread; ``on_status`` and ``on_pulled`` are called from that thread."""

    def __init__(
        self,
        db_path: Path,
        *,
        clock: Clock | None = None,
        pull_every: float = PULL_EVERY_S,
        poll: float = POLL_S,
        on_status: Callable[[LinkStatus], None] | None = None,
        on_pulled: Callable[[PullResult], None] | None = None,
    ) -> None:
        self.db_path = Path(db_path)
        self.clock = clock or SystemClock()
        self.pull_every = pull_every
        self.poll = poll
        self.on_status = on_status
        self.on_pulled = on_pulled
        self.status = LinkStatus()
        self.rounds = 0  # pushes and pulls done (tests wait on it)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._saved_at = 0.0

    # --- control (any thread) ------------------------------------------------------------------------
    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="motcua-hub", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def wake(self) -> None:
        """Push and pull now (after connecting from the settings page, or ``hub sync``)."""
        self._wake.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # --- the thread ------------------------------------------------------------------------------------
    def _run(self) -> None:
        _lower_priority()
        store = open_store(self.db_path)
        ctx = AppContext(store, clock=self.clock)
        pause = RETRY_MIN_S
        try:
            while not self._stop.is_set():
                settings = config.load(store)
                if settings is None:
                    self._set(ctx, LinkStatus(configured=False), save=False)
                    self._sleep(RETRY_MAX_S)
                    continue
                try:
                    self._session(ctx, settings)
                    pause = RETRY_MIN_S
                except HubError as exc:
                    self._lost(ctx, exc.message)
                except KnownError as exc:  # this PC's database busy, full…: the clerk's work comes first
                    log.warning("hub replication paused: %s", exc.message)
                except Exception:
                    log.exception("hub replication failed")
                    self._lost(ctx, "Lỗi không mong muốn khi đồng bộ với máy chủ văn phòng (xem tệp nhật ký).")
                self._sleep(pause)
                pause = min(RETRY_MAX_S, pause * 2)
        finally:
            try:
                self._save(ctx, force=True)
            finally:
                store.close()

    def _session(self, ctx: AppContext, settings: config.HubSettings) -> None:
        store = ctx.store
        with HubConnection.open(settings.url, settings.ca_file) as hub:
            hub.claim(own_card(ctx).data.decode("utf-8"))
            hub.listen()
            key = signing_key(store)
            own = store.events.device().device_id
            self._set(ctx, replace(self.status, configured=True, connected=True, since=ctx.clock.now(), error=""))
            pushed_head = self._push(ctx, hub, key)
            self._pull(ctx, hub)
            last_pull = last_beat = time.monotonic()
            while not self._stop.is_set():
                if store.events.own_head() != pushed_head:  # saved by the clerk, or by the pull itself
                    pushed_head = self._push(ctx, hub, key)
                notes = hub.wait(self.poll)
                woken = self._wake.is_set()
                self._wake.clear()
                if self._stop.is_set():
                    return
                if woken:
                    pushed_head = self._push(ctx, hub, key)
                others = any(note.split("|")[1:2] != [own] for note in notes)
                if others or woken or time.monotonic() - last_pull >= self.pull_every:
                    self._pull(ctx, hub)
                    last_pull = time.monotonic()
                if time.monotonic() - last_beat >= HEARTBEAT_S:
                    hub.heartbeat()
                    last_beat = time.monotonic()
                self._save(ctx)

    def _push(self, ctx: AppContext, hub: HubConnection, key: Ed25519PrivateKey) -> ChainHead | None:
        """Pushes; returns this PC's head as it was before (what the hub holds now, at least)."""
        head = ctx.store.events.own_head()
        push(ctx, hub, key)
        self.rounds += 1
        self._set(ctx, replace(self.status, last_push_at=ctx.clock.now()), save=False)
        return head

    def _pull(self, ctx: AppContext, hub: HubConnection) -> None:
        result = pull(ctx, hub)
        self.rounds += 1
        self._set(ctx, replace(self.status, last_pull_at=ctx.clock.now(), behind=result.behind), save=False)
        if result.events_added and self.on_pulled is not None:
            self.on_pulled(result)

    def _lost(self, ctx: AppContext, message: str) -> None:
        was = self.status
        since = was.since if (not was.connected and was.since is not None) else ctx.clock.now()
        self._set(ctx, replace(was, configured=True, connected=False, since=since, error=message))

    def _set(self, ctx: AppContext, status: LinkStatus, *, save: bool = True) -> None:
        changed = (status.configured, status.connected, status.since, status.error, status.behind) != (
            self.status.configured,
            self.status.connected,
            self.status.since,
            self.status.error,
            self.status.behind,
        )
        self.status = status
        if save and changed:
            self._save(ctx, force=True)
        if self.on_status is not None:
            self.on_status(status)

    def _save(self, ctx: AppContext, *, force: bool = False) -> None:
        """The status into the database (for ``motcua hub status`` and the next start): at each change of
        connection, and the exchange times at most every ``STATE_SAVE_S``."""
        if not self.status.configured or (not force and time.monotonic() - self._saved_at < STATE_SAVE_S):
            return
        s = self.status
        state = HubState(
            connected_at=s.since if s.connected else None,
            lost_at=None if s.connected else s.since,
            last_error=s.error,
            last_push_at=s.last_push_at,
            last_pull_at=s.last_pull_at,
        )
        try:
            with ctx.store.transaction():
                ctx.store.sync.hub.save_state(state, at=ctx.clock.now())
            self._saved_at = time.monotonic()
        except KnownError as exc:
            log.warning("hub status not saved: %s", exc.message)

    def _sleep(self, seconds: float) -> None:
        self._wake.wait(seconds)
        self._wake.clear()


def _lower_priority() -> None:
    """This thread yields the processor to the window's (the clerk's work first): nice 10 on Linux,
    below normal on Windows. Best effort: where the system refuses, replication runs as it is."""
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows only
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetThreadPriority(kernel32.GetCurrentThread(), -1)  # THREAD_PRIORITY_BELOW_NORMAL
        elif sys.platform.startswith("linux"):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)  # a thread's own nice value
    except (OSError, AttributeError):
        log.info("replication thread keeps its priority")
