"""What the replication with the office hub looks like from this counter, and one round on demand.

- ``sync_now`` (``motcua hub sync``): connect, push, pull, record, disconnect;
- ``hub_status`` (``motcua hub status``): connected or since when not, last push and pull, the lag,
  events this PC has not sent and events of the others it does not hold yet (asking the hub when it
  answers), and each counter's freshness;
and ``status_context``, a read-only view beside an open window. ``coverage`` (which counters the
figures include) is in ``services.hub.coverage``, which the dashboard imports without psycopg.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.hub.client import HubConnection, describe, driver
from motcua_desktop.hub.errors import HubError
from motcua_desktop.paths import database_path
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.hub import config
from motcua_desktop.services.hub.coverage import CounterFreshness, coverage
from motcua_desktop.services.hub.replicate import PullResult, pull, push
from motcua_desktop.services.sync.keys import own_card, signing_key
from motcua_desktop.storage import open_store
from motcua_desktop.storage.hub_table import HubState
from motcua_desktop.storage.instance_lock import AlreadyRunning


@dataclass(frozen=True)
class RoundResult:
    server: str
    pushed: int
    pulled: PullResult


def sync_now(ctx: AppContext) -> RoundResult:
    """One round now: push this PC's new events, pull the others'. Raises ``HubError`` when the hub
    cannot be reached (recorded, like the background thread does)."""
    ctx.require(Permission.EXPORT)
    settings = _settings(ctx)
    store = ctx.store
    state = store.sync.hub.state()
    now = ctx.clock.now()
    try:
        with HubConnection.open(settings.url, settings.ca_file) as hub:
            hub.claim(own_card(ctx).data.decode("utf-8"))
            chains = hub.chains()
            key = signing_key(store)
            pushed = push(ctx, hub, key, chains)
            pulled = pull(ctx, hub, hub.chains())
            pushed += push(ctx, hub, key)  # what the pull wrote here (a counter enrolled from its card)
    except HubError as exc:
        with store.transaction():
            store.sync.hub.save_state(
                HubState(None, state.lost_at or now, exc.message, state.last_push_at, state.last_pull_at), at=now
            )
        raise
    done = ctx.clock.now()
    with store.transaction():
        store.sync.hub.save_state(HubState(None, None, "", done, done), at=done)
    return RoundResult(describe(settings.url), pushed, pulled)


def _settings(ctx: AppContext) -> config.HubSettings:
    settings = config.load(ctx.store)
    if settings is None:
        raise HubError(
            "Máy này chưa kết nối máy chủ văn phòng. Quản trị viên chạy «motcua hub connect URL» (hoặc Cài đặt → "
            "Máy chủ văn phòng)."
        )
    return settings


@dataclass(frozen=True)
class HubStatus:
    configured: bool
    server: str
    verifies_server: bool
    reachable: bool | None  # asked just now; None when not asked
    error: str
    connected_at: datetime | None
    lost_at: datetime | None
    last_push_at: datetime | None
    last_pull_at: datetime | None
    lag_seconds: float | None  # since the last pull
    unsent: int | None  # this PC's events the hub does not hold (when reachable)
    behind: int | None  # the other counters' events on the hub this PC does not hold (when reachable)
    counters: tuple[CounterFreshness, ...]
    driver: str  # "psycopg 3.2.9, libpq 17.6, binary"


def hub_status(ctx: AppContext, *, ask_hub: bool = True) -> HubStatus:
    """The replication as recorded here, and, with ``ask_hub``, as the hub sees it now."""
    store = ctx.store
    settings = config.load(store)
    state = store.sync.hub.state()
    cover = coverage(ctx).counters
    if settings is None:
        return HubStatus(False, "", False, None, "", None, None, None, None, None, None, None, cover, driver())
    reachable: bool | None = None
    error = state.last_error
    unsent = behind = None
    if ask_hub:
        try:
            with HubConnection.open(settings.url, settings.ca_file) as hub:
                chains = hub.chains()
            reachable, error = True, ""
            own = store.events.device().device_id
            unsent = behind = 0
            hub_heads = {(c.device_id, c.epoch): c.last_seq for c in chains}
            for head in store.events.heads():
                if head.device_id == own:
                    unsent += max(0, head.last_seq - hub_heads.get((own, head.epoch), 0))
            for chain in chains:
                if chain.device_id != own:
                    held = store.events.head(chain.device_id, chain.epoch)
                    behind += max(0, chain.last_seq - (held.last_seq if held else 0))
        except HubError as exc:
            reachable, error = False, exc.message
    now = ctx.clock.now()
    lag = (now - state.last_pull_at).total_seconds() if state.last_pull_at else None
    return HubStatus(
        True,
        describe(settings.url),
        settings.ca_file is not None,
        reachable,
        error,
        state.connected_at,
        state.lost_at,
        state.last_push_at,
        state.last_pull_at,
        lag,
        unsent,
        behind,
        cover,
        driver(),
    )


@contextmanager
def status_context(data_folder: Path, signed_out: Callable[[], AppContext]) -> Iterator[AppContext]:
    """A context for reading the status: ``signed_out()`` (which holds the data folder), or, while the
    window has the folder open, a read-only connection beside it (the status only reads)."""
    try:
        ctx = signed_out()
    except AlreadyRunning:
        ctx = None
    if ctx is not None:
        yield ctx
        return
    store = open_store(database_path(data_folder), readonly=True)
    try:
        yield AppContext(store)
    finally:
        store.close()
