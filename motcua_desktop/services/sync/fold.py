"""Verify and fold a run of another counter's events: the one core under both ways they arrive.

A USB package (``services.sync.import_package``) and a pull from the office hub
(``services.hub.replicate``) both end here with a ``Segment``: a run ``first_seq..last_seq`` of one
device's chain whose hashes and links were checked from ``prev_head`` to ``head`` and whose signature
was checked against the key enrolled for that device. Against what this database holds of that chain:

- events whose sequence numbers are held must be identical (else a **fork**, nothing written);
- the run must continue the held head (``links``: a gap waits, a different link is a fork);
- its new events go in (an event UUID held elsewhere in the log is a fork too), then packages kept
  pending for that device that now link are applied, the gap reports are brought up to date and every
  touched dossier is refolded (dossier conflicts and possible duplicates reported).

So forks, gaps, conflicts and duplicates are found and reported by the same code, under the same
report keys, whichever way the events came; only the words naming the source differ ("gói 17" or
"dữ liệu từ máy chủ văn phòng").
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.events import GENESIS_HASH, EventRecord, verify_chain
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.sync.import_reports import refresh_dossiers, update_gap
from motcua_desktop.storage import Store
from motcua_desktop.storage.sync_inbox import ImportRow, PendingRow
from motcua_desktop.sync.package import parse_event_lines
from motcua_desktop.sync.signed import reject


@dataclass(frozen=True)
class Segment:
    """A verified run of one device's chain, and how messages name where it came from."""

    device_id: str
    epoch: int
    counter_no: int
    first_seq: int
    last_seq: int
    prev_head: str
    head: str
    events: tuple[EventRecord, ...]
    source: str  # "gói 17" / "dữ liệu từ máy chủ văn phòng": subject of the messages
    this: str = "gói này"  # "Không nhập {this}"

    @property
    def source_title(self) -> str:
        return self.source[:1].upper() + self.source[1:]


class Fork(Exception):
    """The segment contradicts what is held of its chain; reported, nothing of it written."""

    def __init__(self, message: str, key: str, details: dict[str, object]) -> None:
        super().__init__(message)
        self.message = message
        self.key = key
        self.details = details


def check_overlap(store: Store, seg: Segment) -> None:
    """Events of the segment whose sequence numbers this database already holds must be identical."""
    held = store.sync.queries.event_hashes(seg.device_id, seg.epoch, seg.first_seq, seg.last_seq)
    for event in seg.events:
        if event.seq in held and held[event.seq] != event.hash:
            raise Fork(
                f"Quầy {seg.counter_no} (máy {seg.device_id}) có hai phiên bản khác nhau của sự kiện số {event.seq} "
                f"(kỷ nguyên {seg.epoch}); {seg.source} không khớp dữ liệu đã nhập. Không nhập {seg.this}; cần kiểm "
                "tra máy quầy (có thể đã khôi phục từ bản sao lưu cũ).",
                f"fork:{seg.device_id}:{seg.epoch}:{event.seq}",
                {"source": seg.source, "seq": event.seq, "held": held[event.seq], "received": event.hash},
            )


def links(store: Store, seg: Segment) -> bool:
    """Does the segment continue what this database holds of its chain (or start the chain)?"""
    head = store.events.head(seg.device_id, seg.epoch)
    have = head.last_seq if head else 0
    if seg.first_seq > have + 1:
        return False
    if head is not None and seg.first_seq == have + 1 and seg.prev_head != head.last_hash:
        raise Fork(
            f"{seg.source_title} của quầy {seg.counter_no} (máy {seg.device_id}) không nối tiếp dữ liệu đã nhập của "
            f"máy đó (sự kiện {have}). Không nhập {seg.this}; cần kiểm tra máy quầy.",
            f"fork:{seg.device_id}:{seg.epoch}:{seg.first_seq}",
            {"seq": seg.first_seq, "held_head": head.last_hash, "prev_head": seg.prev_head},
        )
    if head is None and seg.first_seq == 1 and seg.prev_head != GENESIS_HASH:
        # A later epoch starts from an event of an earlier one: wait until that event is here.
        return seg.epoch > 1 and store.sync.queries.device_has_hash(seg.device_id, seg.prev_head)
    return True


def insert(store: Store, seg: Segment, touched: set[str]) -> int:
    """Stores the events after the held head (the segment links); returns how many."""
    head = store.events.head(seg.device_id, seg.epoch)
    have = head.last_seq if head else 0
    new = [e for e in seg.events if e.seq > have]
    clashes = store.sync.queries.hashes_by_uuid([e.uuid for e in new])
    if clashes:
        uuid = next(iter(clashes))
        raise Fork(
            f"{seg.source_title} của quầy {seg.counter_no} chứa sự kiện {uuid} đã có ở nơi khác trong nhật ký. "
            f"Không nhập {seg.this}; cần bộ phận hỗ trợ kiểm tra.",
            f"fork:{seg.device_id}:{seg.epoch}:uuid:{uuid}",
            {"source": seg.source, "uuid": uuid},
        )
    for event in new:
        store.events.insert_foreign(event)
        # Prints and views change no dossier; a leader's resolution of a conflict does.
        if event.dossier_uuid and (event.dossier_rev is not None or event.kind == ev.DOSSIER_CONFLICT_RESOLVED):
            touched.add(event.dossier_uuid)
    return len(new)


def report_fork(ctx: AppContext, device_id: str, fork: Fork) -> bool:
    """Records the fork (once per key); True when it is new."""
    return ctx.store.sync.reports.report(
        kind="fork", key=fork.key, message=fork.message, at=ctx.clock.now(), device_id=device_id, details=fork.details
    )


def settle(ctx: AppContext, seg: Segment, touched: set[str], messages: list[str]) -> int:
    """After new events of ``seg``'s device arrived: pending packages that now link, the gap
    reports, and every touched dossier refolded. Returns the events the pending packages added."""
    added = drain_pending(ctx, seg.device_id, touched, messages)
    messages += update_gap(ctx, seg.device_id, seg.epoch, seg.counter_no)
    messages += refresh_dossiers(ctx, touched)
    return added


def drain_pending(ctx: AppContext, device_id: str, touched: set[str], messages: list[str]) -> int:
    """Applies pending packages of ``device_id`` that now link, until none does."""
    store = ctx.store
    added = 0
    progress = True
    while progress:
        progress = False
        for row in store.sync.inbox.pending(device_id):
            seg = pending_segment(store, row, ())
            if not links(store, seg):
                continue
            events = parse_event_lines(gzip.decompress(row.events), source=row.file_name)
            if verify_chain(events, start_prev=row.prev_head, start_seq=row.first_seq) is not None:
                raise reject(row.file_name, "gói đang chờ không còn nguyên vẹn trong cơ sở dữ liệu.")
            store.sync.inbox.remove_pending(row.device_id, row.epoch, row.batch)
            seg = pending_segment(store, row, tuple(events))
            try:
                check_overlap(store, seg)
                added += insert(store, seg, touched)
                store.sync.inbox.add_import(imported_row(row, ctx))
            except Fork as fork:  # the waiting package contradicts what just arrived: set it aside, report it
                report_fork(ctx, row.device_id, fork)
                messages.append(fork.message)
            progress = True
    return added


def pending_segment(store: Store, row: PendingRow, events: tuple[EventRecord, ...]) -> Segment:
    """A pending package as a segment (its manifest and events were verified on arrival)."""
    device = store.sync.peers.device(row.device_id)
    return Segment(
        row.device_id,
        row.epoch,
        device.counter_no if device else 0,
        row.first_seq,
        row.last_seq,
        row.prev_head,
        row.head,
        events,
        f"gói {row.batch}",
    )


def imported_row(row: PendingRow, ctx: AppContext) -> ImportRow:
    return ImportRow(
        row.device_id,
        row.epoch,
        row.batch,
        row.first_seq,
        row.last_seq,
        row.prev_head,
        row.head,
        row.file_name,
        ctx.clock.now(),
        ctx.actor,
    )
