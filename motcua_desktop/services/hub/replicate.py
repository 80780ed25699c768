"""One replication round with the office hub: push this counter's events, pull the others'.

**Push**: for each of this PC's chains, the events after the hub's head of that chain, in sequence
order, each re-hashed and linked on the way and signed (``sync.hub_wire.outgoing``). The hub skips
rows it holds, so a resend after a cut changes nothing; a hub restored from an old backup simply has
a lower head, and gets the rest again.

**Pull**: the cursor is this database's own head of each chain: for every other counter's chain the
hub holds further, the events after it, in chunks. Each chunk is checked (every line against its
columns, every signature against the key enrolled for the device, every hash and link) and folded
by ``services.sync.fold`` in one transaction — the same code as a USB package, so a fork, a UUID held
elsewhere, a dossier conflict or a possible duplicate is reported exactly as an import reports it.

A counter first seen on the hub is enrolled from the key card it published there when its role
claimed it (the hub lets each role claim only its own counter number, once); a key that differs
from the one enrolled here is never replaced by the hub: that counter's events are refused and the
difference is shown. No event is written for a push or a pull: an audit event per pull would itself
be replicated to every counter, for ever.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.events import EventRecord
from motcua_desktop.domain.vntime import to_vn
from motcua_desktop.hub.client import HubChain, HubConnection, HubDevice
from motcua_desktop.hub.errors import HubRefused
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.sync import fold
from motcua_desktop.storage.hub_table import HubPeer
from motcua_desktop.storage.sync_peers import DeviceRow
from motcua_desktop.sync import cards, hub_wire

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

PUSH_CHUNK = 2000
PULL_CHUNK = 100  # one SQLite transaction each: short, so a clerk's save never waits long behind it
HUB_SOURCE = "dữ liệu từ máy chủ văn phòng"


@dataclass
class PullResult:
    events_added: int = 0
    dossiers: set[str] = field(default_factory=set)  # dossiers whose state changed here
    new_reports: list[str] = field(default_factory=list)  # forks, gaps, conflicts, duplicates first seen
    behind: int = 0  # events the hub holds of other counters that this PC still does not
    problems: dict[str, str] = field(default_factory=dict)  # device → why its events were not taken


# --- push ------------------------------------------------------------------------------------------


def push(ctx: AppContext, hub: HubConnection, key: Ed25519PrivateKey, chains: list[HubChain] | None = None) -> int:
    """Sends this PC's events the hub does not hold; returns how many it had not."""
    store = ctx.store
    own = store.events.device().device_id
    held = {c.epoch: c for c in (chains if chains is not None else hub.chains()) if c.device_id == own}
    sent = 0
    current = store.events.device().epoch
    for head in [h for h in store.events.heads() if h.device_id == own]:
        after = held[head.epoch].last_seq if head.epoch in held else 0
        if (
            after > head.last_seq
            and head.epoch < current
            and hub.hash_at(own, head.epoch, head.last_seq) == head.last_hash
        ):
            continue  # an epoch a restore from an older backup closed: the hub holds what came after, as sent
        if after > head.last_seq or (
            after and store.sync.queries.event_hash(own, head.epoch, after) != held[head.epoch].last_hash
        ):
            raise HubRefused(
                f"Máy chủ văn phòng ({hub.where}) giữ dữ liệu của máy này (kỷ nguyên {head.epoch}) khác với dữ liệu "
                "trên máy. Không gửi lên; người quản trị cần kiểm tra máy chủ (có thể máy này đã bị sao chép sang "
                "máy khác)."
            )
        while after < head.last_seq:
            rows = list(
                store.sync.queries.raw_events(
                    own, head.epoch, after_seq=after, upto_seq=min(after + PUSH_CHUNK, head.last_seq)
                )
            )
            if not rows:
                break
            wire = hub_wire.outgoing(rows, key, prev_head=rows[0][10])
            sent += hub.push(wire)
            after = wire[-1].seq
    return sent


# --- pull ------------------------------------------------------------------------------------------


def pull(ctx: AppContext, hub: HubConnection, chains: list[HubChain] | None = None) -> PullResult:
    """Reads and folds every event of the other counters that the hub holds and this PC does not."""
    store = ctx.store
    own = store.events.device().device_id
    result = PullResult()
    devices = {d.device_id: d for d in hub.devices()}
    chains = sorted(chains if chains is not None else hub.chains(), key=lambda c: (c.device_id, c.epoch))
    refused: set[str] = set()
    for chain in chains:
        if chain.device_id == own or chain.device_id in refused:
            continue
        head = store.events.head(chain.device_id, chain.epoch)
        have = head.last_seq if head else 0
        if chain.last_seq <= have and (
            store.sync.queries.event_hash(chain.device_id, chain.epoch, chain.last_seq) == chain.last_hash
        ):
            continue
        known = _fork_known(ctx, chain)
        if known:  # reported already: not read again every few seconds, until a person settles it
            result.problems[chain.device_id] = known
            refused.add(chain.device_id)
            continue
        try:
            device = _enrolled(ctx, chain.device_id, devices.get(chain.device_id))
            if chain.last_seq <= have:  # the hub's head is not the event held under its number
                _locate_fork(ctx, hub, chain, device, chain.last_seq)
            else:
                try:
                    _pull_chain(ctx, hub, chain, device, result)
                except fold.Fork:
                    _locate_fork(ctx, hub, chain, device, have)  # an earlier event may differ already
                    raise
        except fold.Fork as fork:
            with store.transaction():
                if fold.report_fork(ctx, chain.device_id, fork):
                    result.new_reports.append(fork.message)
            result.problems[chain.device_id] = fork.message
            refused.add(chain.device_id)
        except hub_wire.PeerRefused as exc:
            result.problems[chain.device_id] = exc.message
            refused.add(chain.device_id)
    for chain in chains:
        if chain.device_id != own:
            head = store.events.head(chain.device_id, chain.epoch)
            result.behind += max(0, chain.last_seq - (head.last_seq if head else 0))
    _remember_peers(ctx, devices, chains, own, result)
    return result


def _pull_chain(ctx: AppContext, hub: HubConnection, chain: HubChain, device: DeviceRow, result: PullResult) -> None:
    store = ctx.store
    while True:
        head = store.events.head(chain.device_id, chain.epoch)
        have = head.last_seq if head else 0
        if have >= chain.last_seq:
            return
        rows = hub.fetch(chain.device_id, chain.epoch, have, PULL_CHUNK)
        if not rows:
            return
        events = hub_wire.incoming(
            rows, device.signing_key, device_id=chain.device_id, epoch=chain.epoch, first_seq=have + 1
        )
        seg = _segment(chain, device, events)
        touched: set[str] = set()
        with store.replayable(), store.transaction():  # no fsync of its own: the hub has these events
            fold.check_overlap(store, seg)
            if not fold.links(store, seg):
                return  # a later epoch whose starting event has not arrived: the next round tries again
            added = fold.insert(store, seg, touched)
            added += fold.settle(ctx, seg, touched, result.new_reports)
        result.events_added += added
        result.dossiers |= touched


def _fork_known(ctx: AppContext, chain: HubChain) -> str:
    """The open fork report of this chain's device, if any ("" otherwise)."""
    keys = ctx.store.sync.reports.open_report_keys("fork", f"fork:{chain.device_id}:")
    if not keys:
        return ""
    return next((r.message for r in ctx.store.sync.reports.reports() if r.key == keys[0]), keys[0])


def _locate_fork(ctx: AppContext, hub: HubConnection, chain: HubChain, device: DeviceRow, upto: int) -> None:
    """Raises the fork at the first event held here that the hub holds differently (what a USB package
    covering the same events reports), reading the hub's events of the chain up to ``upto``."""
    store = ctx.store
    after = 0
    while after < upto:
        rows = hub.fetch(chain.device_id, chain.epoch, after, min(PULL_CHUNK, upto - after))
        if not rows:
            return
        events = hub_wire.incoming(
            rows, device.signing_key, device_id=chain.device_id, epoch=chain.epoch, first_seq=after + 1
        )
        fold.check_overlap(store, _segment(chain, device, events))
        after = events[-1].seq


def _segment(chain: HubChain, device: DeviceRow, events: list[EventRecord]) -> fold.Segment:
    return fold.Segment(
        chain.device_id,
        chain.epoch,
        device.counter_no,
        events[0].seq,
        events[-1].seq,
        events[0].prev_hash,
        events[-1].hash,
        tuple(events),
        HUB_SOURCE,
        "dữ liệu này",
    )


def _enrolled(ctx: AppContext, device_id: str, published: HubDevice | None) -> DeviceRow:
    """The key this PC accepts for ``device_id``: enrolled before (USB or hub), or now from the card
    the device published on the hub. Never replaced by the hub."""
    store = ctx.store
    office = ctx.office()
    known = store.sync.peers.device(device_id)
    card = _card(published, office.agency_id, device_id) if published is not None else None
    if known is not None:
        if card is not None and card.signing_key != known.signing_key:
            raise hub_wire.PeerRefused(
                f"quầy {known.counter_no} (máy {device_id})",
                f"khóa ký {card.signing_fingerprint} khác khóa đã đăng ký ở máy này ({known.fingerprint}); không nhận.",
                "Quản trị viên so dấu vân tay với máy quầy đó rồi đăng ký lại thẻ khóa nếu đúng («motcua sync device add»).",
            )
        return known
    if card is None:
        raise hub_wire.PeerRefused(f"máy {device_id}", "chưa có thẻ khóa của máy đó; chưa nhận.")
    now = ctx.clock.now()
    row = DeviceRow(
        card.device_id,
        card.agency_id,
        card.counter_no,
        card.name,
        card.signing_key,
        card.signing_fingerprint,
        now,
        ctx.actor,
    )
    with store.transaction():
        store.sync.peers.enrol(row)
        store.events.append(
            kind=ev.SYNC_KEYS_CHANGED,
            actor=ctx.actor,
            occurred_at=now,
            payload={
                "action": "device_enrolled",
                "via": "hub",
                "device_id": card.device_id,
                "counter_no": card.counter_no,
                "signing_key": card.signing_key,
                "previous_key": None,
            },
        )
    return row


def _card(published: HubDevice, agency_id: str, device_id: str) -> cards.KeyCard:
    who = f"máy {device_id}"
    try:
        card = cards.read_card(published.card.encode("utf-8"), f"thẻ khóa của máy {device_id}")
    except KnownError as exc:
        raise hub_wire.PeerRefused(who, f"thẻ khóa không dùng được ({exc.message}).") from None
    if card.role != cards.DEVICE or card.device_id != device_id or card.agency_id != agency_id:
        raise hub_wire.PeerRefused(who, "thẻ khóa không phải của một quầy thuộc đơn vị này.")
    if card.counter_no != published.counter_no:
        raise hub_wire.PeerRefused(who, "số quầy trên thẻ khóa khác số quầy của tài khoản trên máy chủ.")
    return card


def _remember_peers(
    ctx: AppContext, devices: dict[str, HubDevice], chains: list[HubChain], own: str, result: PullResult
) -> None:
    """Keeps, per other counter, its last contact with the hub and whether this PC holds all the hub
    had of it — written only when that changed (not a write transaction every few seconds)."""
    store = ctx.store
    now = ctx.clock.now()
    stored = {p.device_id: p for p in store.sync.hub.peers()}
    changed: list[HubPeer] = []
    for device_id, device in devices.items():
        if device_id == own:
            continue
        behind = 0
        for chain in chains:
            if chain.device_id == device_id:
                head = store.events.head(device_id, chain.epoch)
                behind += max(0, chain.last_seq - (head.last_seq if head else 0))
        before = stored.get(device_id)
        peer = HubPeer(
            device_id,
            device.counter_no,
            to_vn(device.last_seen_at),
            now if behind == 0 else (before.synced_at if before else None),
            behind,
            result.problems.get(device_id, ""),
        )
        if before is None or _differs(before, peer):
            changed.append(peer)
    if changed:
        with store.transaction():
            for peer in changed:
                store.sync.hub.save_peer(peer)


FRESHNESS_STEP_S = 60  # a write transaction (and its fsync) at most every minute for freshness alone


def _differs(a: HubPeer, b: HubPeer) -> bool:
    if (a.counter_no, a.behind, a.problem) != (b.counter_no, b.behind, b.problem):
        return True
    return _moved(a.seen_at, b.seen_at) or _moved(a.synced_at, b.synced_at)


def _moved(a: datetime | None, b: datetime | None) -> bool:
    if a is None or b is None:
        return a is not b
    return abs((b - a).total_seconds()) >= FRESHNESS_STEP_S
