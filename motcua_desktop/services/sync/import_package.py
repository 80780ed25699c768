"""Importing one package of another counter, all or nothing: opening and verifying it, linking it
to the chain this database holds of that PC, applying its events (and any pending package that then
links), keeping it pending when an earlier package is missing, refusing it on a fork."""

from __future__ import annotations

import gzip
from pathlib import Path

from motcua_desktop.crypto import keys
from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.events import GENESIS_HASH, EventRecord, verify_chain
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.sync.import_reports import refresh_dossiers, update_gap
from motcua_desktop.services.sync.import_results import ALREADY, APPLIED, PENDING, REJECTED, FileOutcome
from motcua_desktop.services.sync.keys import receive_key
from motcua_desktop.storage import Store
from motcua_desktop.storage.sync_inbox import ImportRow, PendingRow
from motcua_desktop.sync.package import Manifest, parse_event_lines, plain_events
from motcua_desktop.sync.reader import OpenedPackage, load_manifest, open_package
from motcua_desktop.sync.signed import Document, reject


class _Fork(Exception):
    def __init__(self, message: str, key: str, details: dict[str, object]) -> None:
        super().__init__(message)
        self.message = message
        self.key = key
        self.details = details


def import_package(ctx: AppContext, path: Path) -> tuple[FileOutcome, list[str]]:
    """One package: (outcome, messages of reports first seen)."""
    ctx.require(Permission.CONSOLIDATE)
    store = ctx.store
    try:
        if load_manifest(path).device_id == store.events.device().device_id:
            return FileOutcome(path.name, ALREADY, f"Tệp «{path.name}»: là gói của chính máy này; bỏ qua."), []
        opened = _open(ctx, path)
    except KnownError as exc:
        return FileOutcome(path.name, REJECTED, exc.message), []
    m = opened.manifest
    try:
        with store.transaction():
            return _apply(ctx, opened)
    except _Fork as fork:
        with store.transaction():
            new = store.sync.reports.report(
                kind="fork",
                key=fork.key,
                message=fork.message,
                at=ctx.clock.now(),
                device_id=m.device_id,
                details=fork.details,
            )
            if new:
                _audit(ctx, m, path.name, "rejected_fork", 0)
        return FileOutcome(path.name, REJECTED, f"Tệp «{path.name}»: {fork.message}"), [fork.message] if new else []
    except KnownError as exc:
        return FileOutcome(path.name, REJECTED, exc.message), []


def _open(ctx: AppContext, path: Path) -> OpenedPackage:
    store = ctx.store
    office = ctx.office()
    private = receive_key(store)
    fingerprint = keys.fingerprint(keys.x25519_public_text(private.public_key()))

    def signer(manifest: Manifest) -> str:
        if manifest.body["agency_id"] != office.agency_id:
            raise reject(
                path.name,
                f"{manifest.describe()} thuộc đơn vị mã {manifest.body['agency_id']}, không phải đơn vị này "
                f"({office.agency_id}).",
            )
        device = store.sync.peers.device(manifest.device_id)
        if device is None:
            raise reject(
                path.name,
                f"{manifest.describe()}: máy {manifest.device_id} chưa được đăng ký tại máy này nên không nhận gói.",
                "Quản trị viên nhập thẻ khóa của máy quầy đó («motcua sync device add», so dấu vân tay) rồi nhập lại.",
            )
        return device.signing_key

    return open_package(path, signer_key_for=signer, private_key=private, fingerprint=fingerprint)


def _apply(ctx: AppContext, opened: OpenedPackage) -> tuple[FileOutcome, list[str]]:
    store = ctx.store
    m = opened.manifest
    name = opened.path.name
    dev, epoch, batch = m.device_id, m.epoch, m.batch
    prior = store.sync.inbox.imported(dev, epoch, batch)
    if prior is not None:
        if (prior.first_seq, prior.last_seq, prior.head) == (m.body["first_seq"], m.body["last_seq"], m.body["head"]):
            return FileOutcome(
                name, ALREADY, f"Tệp «{name}»: {m.describe()} đã được nhập trước đó; không có gì thay đổi."
            ), []
        raise _batch_fork(m, name, prior.head)
    waiting = next((p for p in store.sync.inbox.pending(dev, epoch) if p.batch == batch), None)
    if waiting is not None:
        if waiting.head == m.body["head"]:
            return FileOutcome(name, PENDING, f"Tệp «{name}»: {m.describe()} đã nhận, đang chờ gói còn thiếu."), []
        raise _batch_fork(m, name, waiting.head)
    _check_overlap(store, m, opened.events, name)
    reports: list[str] = []
    if not _links(store, m):
        store.sync.inbox.add_pending(
            PendingRow(
                dev,
                epoch,
                batch,
                m.body["first_seq"],
                m.body["last_seq"],
                m.body["prev_head"],
                m.body["head"],
                name,
                gzip.compress(plain_events(opened.events), compresslevel=1, mtime=0),
                ctx.clock.now(),
            )
        )
        reports += update_gap(ctx, dev, epoch, m.counter_no)
        _audit(ctx, m, name, "pending", 0)
        note = f" {reports[0]}" if reports else ""
        return FileOutcome(
            name, PENDING, f"Tệp «{name}»: {m.describe()} đã nhận nhưng chưa áp dụng được.{note}"
        ), reports
    touched: set[str] = set()
    added = _insert(ctx, m, opened.events, name, touched)
    added += _drain_pending(ctx, dev, touched, reports)
    reports += update_gap(ctx, dev, epoch, m.counter_no)
    reports += refresh_dossiers(ctx, touched)
    _audit(ctx, m, name, "applied", added)
    return FileOutcome(name, APPLIED, f"Tệp «{name}»: đã nhập {m.describe()}: {added} sự kiện mới.", added), reports


def _batch_fork(m: Manifest, name: str, held_head: str) -> _Fork:
    return _Fork(
        f"Quầy {m.counter_no} (máy {m.device_id}) có hai gói số {m.batch} (kỷ nguyên {m.epoch}) khác nội dung. "
        "Không nhập gói này; cần kiểm tra máy quầy (có thể đã khôi phục từ bản sao lưu cũ).",
        f"fork:{m.device_id}:{m.epoch}:b{m.batch}",
        {"file": name, "held_head": held_head, "new_head": m.body["head"]},
    )


def _check_overlap(store: Store, m: Manifest, events: list[EventRecord], name: str) -> None:
    """Events of the package whose sequence numbers this database already holds must be identical."""
    held = store.sync.queries.event_hashes(m.device_id, m.epoch, m.body["first_seq"], m.body["last_seq"])
    for event in events:
        if event.seq in held and held[event.seq] != event.hash:
            raise _Fork(
                f"Quầy {m.counter_no} (máy {m.device_id}) có hai phiên bản khác nhau của sự kiện số {event.seq} "
                f"(kỷ nguyên {m.epoch}); gói {m.batch} không khớp dữ liệu đã nhập. Không nhập gói này; cần kiểm tra "
                "máy quầy (có thể đã khôi phục từ bản sao lưu cũ).",
                f"fork:{m.device_id}:{m.epoch}:{event.seq}",
                {"file": name, "seq": event.seq, "held": held[event.seq], "received": event.hash},
            )


def _links(store: Store, m: Manifest) -> bool:
    """Does the package continue what this database holds of its chain (or start the chain)?"""
    head = store.events.head(m.device_id, m.epoch)
    have = head.last_seq if head else 0
    first, prev = m.body["first_seq"], m.body["prev_head"]
    if first > have + 1:
        return False
    if head is not None and first == have + 1 and prev != head.last_hash:
        raise _Fork(
            f"Gói {m.batch} của quầy {m.counter_no} (máy {m.device_id}) không nối tiếp dữ liệu đã nhập của máy đó "
            f"(sự kiện {have}). Không nhập gói này; cần kiểm tra máy quầy.",
            f"fork:{m.device_id}:{m.epoch}:{first}",
            {"seq": first, "held_head": head.last_hash, "prev_head": prev},
        )
    if head is None and first == 1 and prev != GENESIS_HASH:
        # A later epoch starts from an event of an earlier one: wait until that event is here.
        return m.epoch > 1 and store.sync.queries.device_has_hash(m.device_id, prev)
    return True


def _insert(ctx: AppContext, m: Manifest, events: list[EventRecord], name: str, touched: set[str]) -> int:
    store = ctx.store
    head = store.events.head(m.device_id, m.epoch)
    have = head.last_seq if head else 0
    new = [e for e in events if e.seq > have]
    clashes = store.sync.queries.hashes_by_uuid([e.uuid for e in new])
    if clashes:
        uuid = next(iter(clashes))
        raise _Fork(
            f"Gói {m.batch} của quầy {m.counter_no} chứa sự kiện {uuid} đã có ở nơi khác trong nhật ký. "
            "Không nhập gói này; cần bộ phận hỗ trợ kiểm tra.",
            f"fork:{m.device_id}:{m.epoch}:uuid:{uuid}",
            {"file": name, "uuid": uuid},
        )
    for event in new:
        store.events.insert_foreign(event)
        # Prints and views change no dossier; a leader's resolution of a conflict does.
        if event.dossier_uuid and (event.dossier_rev is not None or event.kind == ev.DOSSIER_CONFLICT_RESOLVED):
            touched.add(event.dossier_uuid)
    store.sync.inbox.add_import(
        ImportRow(
            m.device_id,
            m.epoch,
            m.batch,
            m.body["first_seq"],
            m.body["last_seq"],
            m.body["prev_head"],
            m.body["head"],
            name,
            ctx.clock.now(),
            ctx.actor,
        )
    )
    return len(new)


def _drain_pending(ctx: AppContext, device_id: str, touched: set[str], messages: list[str]) -> int:
    """Applies pending packages of ``device_id`` that now link, until none does."""
    store = ctx.store
    added = 0
    progress = True
    while progress:
        progress = False
        for row in store.sync.inbox.pending(device_id):
            m = _pending_manifest(store, row)
            if not _links(store, m):
                continue
            events = parse_event_lines(gzip.decompress(row.events), source=row.file_name)
            if verify_chain(events, start_prev=row.prev_head, start_seq=row.first_seq) is not None:
                raise reject(row.file_name, "gói đang chờ không còn nguyên vẹn trong cơ sở dữ liệu.")
            store.sync.inbox.remove_pending(row.device_id, row.epoch, row.batch)
            try:
                _check_overlap(store, m, events, row.file_name)
                added += _insert(ctx, m, events, row.file_name, touched)
            except _Fork as fork:  # the waiting package contradicts what just arrived: set it aside, report it
                store.sync.reports.report(
                    kind="fork",
                    key=fork.key,
                    message=fork.message,
                    at=ctx.clock.now(),
                    device_id=row.device_id,
                    details=fork.details,
                )
                messages.append(fork.message)
            progress = True
    return added


def _pending_manifest(store: Store, row: PendingRow) -> Manifest:
    """The few manifest fields linking needs, for a pending package (its manifest was verified on arrival)."""
    device = store.sync.peers.device(row.device_id)
    body = {
        "device_id": row.device_id,
        "epoch": row.epoch,
        "batch": row.batch,
        "counter_no": device.counter_no if device else 0,
        "first_seq": row.first_seq,
        "last_seq": row.last_seq,
        "prev_head": row.prev_head,
        "head": row.head,
    }
    return Manifest(Document(body, "", row.file_name), body)


def _audit(ctx: AppContext, m: Manifest, file_name: str, status: str, added: int) -> None:
    ctx.store.events.append(
        kind=ev.SYNC_PACKAGE_IMPORTED,
        actor=ctx.actor,
        occurred_at=ctx.clock.now(),
        payload={
            "file": file_name,
            "device_id": m.device_id,
            "epoch": m.epoch,
            "batch": m.batch,
            "first_seq": m.body["first_seq"],
            "last_seq": m.body["last_seq"],
            "status": status,
            "events_added": added,
        },
    )
