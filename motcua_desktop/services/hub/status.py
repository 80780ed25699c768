"""What the replication with the office hub looks like from this counter, and one round on demand.

- ``sync_now`` (``motcua hub sync``): connect, push, pull, record, disconnect;
- ``hub_status`` (``motcua hub status``): connected or since when not, last push and pull, the lag,
  events this PC has not sent and events of the others it does not hold yet (asking the hub when it
  answers), and each counter's freshness;
- ``coverage`` (the dashboard and the reports page): which counters the figures include and how fresh
  this PC's copy of each is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.vntime import fmt_date, to_vn
from motcua_desktop.hub.client import HubConnection, describe
from motcua_desktop.hub.errors import HubError
from motcua_desktop.paths import database_path
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.hub import config
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
class CounterFreshness:
    """One counter as this PC holds it."""

    counter_no: int
    device_id: str
    this_pc: bool
    via: str  # "máy này" | "máy chủ văn phòng" | "gói USB"
    last_event_at: datetime | None  # its newest event held here
    fresh_at: datetime | None  # this PC holds everything that counter had done up to then
    behind: int
    problem: str

    @property
    def text(self) -> str:
        if self.this_pc:
            return f"quầy {self.counter_no} (máy này)"
        when = f"đủ đến {_hm(self.fresh_at)}" if self.fresh_at else "chưa có dữ liệu"
        extra = f", thiếu {self.behind} sự kiện" if self.behind else ""
        via = " qua USB" if self.via == VIA_USB else ""
        return f"quầy {self.counter_no} ({when}{via}{extra}{'; lỗi: ' + self.problem if self.problem else ''})"


VIA_THIS, VIA_HUB, VIA_USB = "máy này", "máy chủ văn phòng", "gói USB"


@dataclass(frozen=True)
class Coverage:
    hub_configured: bool
    counters: tuple[CounterFreshness, ...]
    hub_lost_at: datetime | None = None  # the hub has not answered since

    @property
    def text(self) -> str:
        """ "Số liệu gồm 3 quầy: quầy 1 (máy này), quầy 2 (đủ đến 10:42), quầy 3 (đủ đến 09:15 16/11 qua USB)"."""
        if len(self.counters) <= 1:
            return "Số liệu của riêng máy này" + ("" if self.hub_configured else " (chưa kết nối máy chủ văn phòng)")
        text = f"Số liệu gồm {len(self.counters)} quầy: " + ", ".join(c.text for c in self.counters)
        if self.hub_lost_at is not None:
            text += f". Máy chủ văn phòng mất kết nối từ {_hm(self.hub_lost_at)}: quầy khác chỉ đủ đến các mốc trên"
        return text


def coverage(ctx: AppContext) -> Coverage:
    """Which counters this PC's figures include, and how fresh its copy of each is (no hub needed:
    what the last pull recorded, and the newest event held of each counter)."""
    store = ctx.store
    office = ctx.office()
    own = store.events.device().device_id
    times = {t.device_id: t for t in store.sync.hub.chain_times()}
    peers = {p.device_id: p for p in store.sync.hub.peers()}
    enrolled = {d.device_id: d for d in store.sync.peers.devices()}
    hub_on = config.is_configured(store)
    rows = [CounterFreshness(office.counter_no, own, True, VIA_THIS, _at(times, own), ctx.clock.now(), 0, "")]
    for device_id in sorted(set(times) | set(peers)):
        if device_id == own:
            continue
        peer = peers.get(device_id)
        last = _at(times, device_id)
        number = peer.counter_no if peer else (enrolled[device_id].counter_no if device_id in enrolled else 0)
        if peer is not None and hub_on:
            fresh = min(d for d in (peer.seen_at, peer.synced_at) if d) if (peer.seen_at and peer.synced_at) else None
            rows.append(CounterFreshness(number, device_id, False, VIA_HUB, last, fresh, peer.behind, peer.problem))
        elif last is not None:
            rows.append(CounterFreshness(number, device_id, False, VIA_USB, last, last, 0, ""))
    rows.sort(key=lambda r: (not r.this_pc, r.counter_no, r.device_id))
    return Coverage(hub_on, tuple(rows), store.sync.hub.state().lost_at if hub_on else None)


def _at(times: dict[str, object], device_id: str) -> datetime | None:
    found = times.get(device_id)
    return getattr(found, "last_event_at", None)


def _hm(moment: datetime | None) -> str:
    if moment is None:
        return "?"
    local = to_vn(moment)
    return f"{local:%H:%M} {fmt_date(local)[:5]}"


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


def hub_status(ctx: AppContext, *, ask_hub: bool = True) -> HubStatus:
    """The replication as recorded here, and, with ``ask_hub``, as the hub sees it now."""
    store = ctx.store
    settings = config.load(store)
    state = store.sync.hub.state()
    cover = coverage(ctx).counters
    if settings is None:
        return HubStatus(False, "", False, None, "", None, None, None, None, None, None, None, cover)
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
