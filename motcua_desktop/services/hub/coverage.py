"""Which counters this PC's figures include, and up to when it holds each one's work.

Read by the dashboard on every refresh, so it asks nothing of the hub (and imports no PostgreSQL
driver): what the last pull recorded (``hub_peers``), the newest event held of each counter, and
whether the hub answered at the last try.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from motcua_desktop.domain.vntime import fmt_date, to_vn
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.hub import config
from motcua_desktop.storage.hub_table import ChainTime


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


def _at(times: dict[str, ChainTime], device_id: str) -> datetime | None:
    found = times.get(device_id)
    return found.last_event_at if found else None


def _hm(moment: datetime | None) -> str:
    if moment is None:
        return "?"
    local = to_vn(moment)
    return f"{local:%H:%M} {fmt_date(local)[:5]}"
