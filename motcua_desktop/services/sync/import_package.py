"""Importing one package of another counter, all or nothing: opening and verifying it (``sync.reader``),
then the package's own bookkeeping (already imported, the same batch number with other content, kept
pending behind a missing batch) around the core every arrival of another counter's events shares
(``services.sync.fold``: overlap, link, insert, pending packages, gaps, refolded dossiers)."""

from __future__ import annotations

import gzip
from pathlib import Path

from motcua_desktop.crypto import keys
from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.events import EventRecord
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.sync import fold
from motcua_desktop.services.sync.import_reports import update_gap
from motcua_desktop.services.sync.import_results import ALREADY, APPLIED, PENDING, REJECTED, FileOutcome
from motcua_desktop.services.sync.keys import receive_key
from motcua_desktop.storage.sync_inbox import ImportRow, PendingRow
from motcua_desktop.sync.package import Manifest, plain_events
from motcua_desktop.sync.reader import OpenedPackage, load_manifest, open_package
from motcua_desktop.sync.signed import reject


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
    except fold.Fork as fork:
        with store.transaction():
            new = fold.report_fork(ctx, m.device_id, fork)
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
    seg = segment_of(m, opened.events)
    fold.check_overlap(store, seg)
    reports: list[str] = []
    if not fold.links(store, seg):
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
    added = fold.insert(store, seg, touched)
    store.sync.inbox.add_import(
        ImportRow(
            dev,
            epoch,
            batch,
            m.body["first_seq"],
            m.body["last_seq"],
            m.body["prev_head"],
            m.body["head"],
            name,
            ctx.clock.now(),
            ctx.actor,
        )
    )
    added += fold.settle(ctx, seg, touched, reports)
    _audit(ctx, m, name, "applied", added)
    return FileOutcome(name, APPLIED, f"Tệp «{name}»: đã nhập {m.describe()}: {added} sự kiện mới.", added), reports


def segment_of(m: Manifest, events: list[EventRecord]) -> fold.Segment:
    b = m.body
    return fold.Segment(
        m.device_id,
        m.epoch,
        m.counter_no,
        b["first_seq"],
        b["last_seq"],
        b["prev_head"],
        b["head"],
        tuple(events),
        f"gói {m.batch}",
    )


def _batch_fork(m: Manifest, name: str, held_head: str) -> fold.Fork:
    return fold.Fork(
        f"Quầy {m.counter_no} (máy {m.device_id}) có hai gói số {m.batch} (kỷ nguyên {m.epoch}) khác nội dung. "
        "Không nhập gói này; cần kiểm tra máy quầy (có thể đã khôi phục từ bản sao lưu cũ).",
        f"fork:{m.device_id}:{m.epoch}:b{m.batch}",
        {"file": name, "held_head": held_head, "new_head": m.body["head"]},
    )


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
