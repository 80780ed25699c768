"""Importing other counters' packages (consolidation) and the upstream office's acknowledgements.

Per package, all or nothing, in one transaction: verified first (``sync.reader``), then linked to
what this database already holds of that PC's chain:

- already imported (same batch, same head): nothing changes — re-importing is a no-op;
- the next batch of the chain: its events go in with ``EventLog.insert_foreign`` (idempotent by
  event UUID), then any pending later batch that now links is applied too;
- a later batch with a gap before it: kept pending, and the gap is reported ("thiếu gói 17 của quầy 2");
- a batch whose events differ from the ones held for the same sequence numbers: a fork, reported,
  nothing imported.

The dossiers touched are refolded from all their events (``domain.projection.fold_revisions``, the
fold ``rebuild_projection`` uses), so the projection is always what a rebuild would give. Two
counters writing the same revision of a dossier, and the same citizen ID + procedure + day received
at two counters, are reported for a person to decide — never merged.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from motcua_desktop.crypto import keys
from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import KnownError, ValidationError
from motcua_desktop.domain.events import GENESIS_HASH, EventRecord, verify_chain
from motcua_desktop.domain.lifecycle import Action
from motcua_desktop.domain.projection import fold_revisions
from motcua_desktop.services.context import AppContext
from motcua_desktop.services.sync import import_ack
from motcua_desktop.services.sync_keys import receive_key
from motcua_desktop.storage import Store
from motcua_desktop.storage.sync_inbox import ImportRow, PendingRow
from motcua_desktop.storage.sync_reports import ReportRow
from motcua_desktop.sync import ack as ack_format
from motcua_desktop.sync import media
from motcua_desktop.sync.package import Manifest, parse_event_lines, plain_events
from motcua_desktop.sync.reader import (
    OpenedPackage,
    is_manifest_name,
    load_manifest,
    open_package,
    read_limited,
)
from motcua_desktop.sync.signed import MAX_DOCUMENT_BYTES, Document, reject

APPLIED, ALREADY, PENDING, REJECTED, ACK = "applied", "already", "pending", "rejected", "ack"


@dataclass(frozen=True)
class FileOutcome:
    file_name: str
    status: str  # applied | already | pending | rejected | ack
    message: str
    events_added: int = 0


@dataclass(frozen=True)
class ImportReport:
    outcomes: tuple[FileOutcome, ...]
    new_reports: tuple[str, ...]  # gaps, forks, conflicts, duplicates first seen in this import

    @property
    def rejected(self) -> tuple[FileOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == REJECTED)

    @property
    def events_added(self) -> int:
        return sum(o.events_added for o in self.outcomes)

    @property
    def message(self) -> str:
        lines = [o.message for o in self.outcomes]
        if self.new_reports:
            lines.append("Cần xem xét:")
            lines += [f"  – {r}" for r in self.new_reports]
        return "\n".join(lines)


def import_files(ctx: AppContext, paths: Sequence[Path | str]) -> ImportReport:
    """Imports package manifests (``*.manifest.json``) and acknowledgements (``*.ack.json``), given
    one by one or as folders. Each file is all or nothing; a rejected one names its problem."""
    files = _expand([Path(p) for p in paths])
    ops = media.RealFileOps()
    kinds = [(path, file_kind(ops, path)) for path in files]
    if any(kind == "package" for _, kind in kinds):
        ctx.require(Permission.CONSOLIDATE)
    if any(kind == "ack" for _, kind in kinds):
        ctx.require(Permission.EXPORT)
    packages = [p for p, kind in kinds if kind == "package"]
    outcomes: list[FileOutcome] = []
    reports: list[str] = []
    for path, kind in kinds:
        if kind == "ack":
            try:
                result = import_ack(ctx, read_limited(ops, path, MAX_DOCUMENT_BYTES), path.name)
                outcomes.append(FileOutcome(path.name, ALREADY if result.already else ACK, result.message))
            except KnownError as exc:
                outcomes.append(FileOutcome(path.name, REJECTED, exc.message))
        elif kind == "other":
            outcomes.append(
                FileOutcome(path.name, REJECTED, f"Tệp «{path.name}»: không phải gói dữ liệu hay tệp xác nhận.")
            )
    for path in _in_chain_order(packages):
        outcome, new = import_package(ctx, path)
        outcomes.append(outcome)
        reports += new
    return ImportReport(tuple(outcomes), tuple(reports))


def _expand(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.iterdir()
                if p.is_file() and (is_manifest_name(p.name) or p.name.endswith(ack_format.SUFFIX))
            )
        elif path.is_file():
            found.append(path)
        else:
            raise ValidationError("Tệp nhập", f"không tìm thấy «{path}».", "Kiểm tra đường dẫn hoặc cắm lại USB.")
    if not found:
        raise ValidationError("Tệp nhập", "không có gói dữ liệu (*.manifest.json) hay tệp xác nhận (*.ack.json) nào.")
    return found


def file_kind(ops: media.FileOps, path: Path) -> str:
    """``package``, ``ack`` or ``other``, by name first, then by the first bytes."""
    if is_manifest_name(path.name) or path.name.endswith(media.PARTIAL_SUFFIX):
        return "package"
    if path.name.endswith(ack_format.SUFFIX):
        return "ack"
    try:
        head = ops.read(path)[:32] if ops.size(path) < MAX_DOCUMENT_BYTES else b""
    except OSError:
        return "other"
    return "ack" if ack_format.is_ack(head) else "package" if head.startswith(b'{"manifest":') else "other"


def _in_chain_order(paths: list[Path]) -> list[Path]:
    """Earlier batches of a chain first (fewer pending packages); unreadable manifests last."""

    def key(path: Path) -> tuple[int, str, int, int, str]:
        try:
            m = load_manifest(path)
        except KnownError:
            return (1, "", 0, 0, path.name)
        return (0, m.device_id, m.epoch, m.batch, path.name)

    return sorted(paths, key=key)


# --- one package -----------------------------------------------------------------------------------


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
        reports += _update_gap(ctx, dev, epoch, m.counter_no)
        _audit(ctx, m, name, "pending", 0)
        note = f" {reports[0]}" if reports else ""
        return FileOutcome(
            name, PENDING, f"Tệp «{name}»: {m.describe()} đã nhận nhưng chưa áp dụng được.{note}"
        ), reports
    touched: set[str] = set()
    added = _insert(ctx, m, opened.events, name, touched)
    added += _drain_pending(ctx, dev, touched, reports)
    reports += _update_gap(ctx, dev, epoch, m.counter_no)
    reports += _refresh_dossiers(ctx, touched)
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
        if event.dossier_uuid and event.dossier_rev is not None:  # prints and views change no dossier
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


def _update_gap(ctx: AppContext, device_id: str, epoch: int, counter_no: int) -> list[str]:
    """Keeps one open report per missing range of a chain; resolves it once filled."""
    store = ctx.store
    prefix = f"gap:{device_id}:{epoch}:"
    pending = store.sync.inbox.pending(device_id, epoch)
    now = ctx.clock.now()
    if not pending:
        store.sync.reports.resolve_reports(store.sync.reports.open_report_keys("gap", prefix), at=now)
        return []
    head = store.events.head(device_id, epoch)
    have = head.last_seq if head else 0
    last = store.sync.inbox.last_import(device_id, epoch)
    first_missing = (last.batch if last else 0) + 1
    waiting = pending[0]
    missing = (
        f"gói {first_missing}" if waiting.batch - 1 <= first_missing else f"gói {first_missing}–{waiting.batch - 1}"
    )
    if waiting.first_seq == 1:
        missing = "dữ liệu của kỷ nguyên trước"
    message = (
        f"Thiếu {missing} của quầy {counter_no} (máy {device_id}, kỷ nguyên {epoch}, sự kiện {have + 1}–"
        f"{waiting.first_seq - 1}); các gói {', '.join(str(p.batch) for p in pending)} đang chờ. Hãy nhập gói còn thiếu "
        "(hoặc yêu cầu quầy đó xuất lại)."
    )
    key = f"{prefix}{have + 1}"
    store.sync.reports.resolve_reports(
        [k for k in store.sync.reports.open_report_keys("gap", prefix) if k != key], at=now
    )
    new = store.sync.reports.report(
        kind="gap",
        key=key,
        message=message,
        at=now,
        device_id=device_id,
        details={"epoch": epoch, "first_missing_seq": have + 1, "pending": [p.batch for p in pending]},
    )
    return [message] if new else []


def _refresh_dossiers(ctx: AppContext, touched: Iterable[str]) -> list[str]:
    """Refolds each touched dossier from all its events; reports conflicts and possible duplicates."""
    store = ctx.store
    messages: list[str] = []
    now = ctx.clock.now()
    counters = _counter_names(ctx)
    for dossier_uuid in sorted(touched):
        events = store.events.for_dossier(dossier_uuid)
        folded = fold_revisions(events)
        before = store.dossiers.rev(dossier_uuid)
        dossier = folded.dossier
        if dossier is not None and dossier.rev != before:
            store.dossiers.save(dossier)
        if folded.conflict or folded.problem:
            label = (dossier.code if dossier else None) or dossier_uuid
            rev = (dossier.rev if dossier else 0) + 1
            competing = [e for e in events if e.uuid in folded.conflict]
            what = "; ".join(f"{counters.get(e.device_id, e.device_id)}: {_describe(e)}" for e in competing)
            message = (
                f"Hồ sơ {label}: hai quầy cùng cập nhật phiên bản {rev} ({what}). Chưa gộp; hồ sơ tạm dừng thao tác "
                "cho đến khi lãnh đạo quyết định."
                if folded.conflict
                else f"Hồ sơ {label}: sự kiện không áp dụng được ({folded.problem})."
            )
            if store.sync.reports.report(
                kind="dossier_conflict",
                key=f"conflict:{dossier_uuid}:{rev}",
                message=message,
                at=now,
                dossier_uuid=dossier_uuid,
                details={"rev": rev, "events": list(folded.conflict), "held": list(folded.held)},
            ):
                messages.append(message)
        if dossier is not None and before is None:
            messages += _duplicates(ctx, dossier_uuid, dossier.code, counters, now)
    return messages


def _duplicates(
    ctx: AppContext, dossier_uuid: str, code: str | None, counters: dict[str, str], now: datetime
) -> list[str]:
    store = ctx.store
    messages = []
    summary = store.dossiers.summary(dossier_uuid)
    for other_uuid, other_code, other_device in store.sync.queries.possible_duplicates(dossier_uuid):
        pair = sorted([dossier_uuid, other_uuid])
        where = counters.get(summary.device_id, summary.device_id) if summary else ""
        message = (
            f"Có thể trùng hồ sơ: {code or dossier_uuid} ({where}) và {other_code or other_uuid} "
            f"({counters.get(other_device, other_device)}) cùng số giấy tờ, cùng thủ tục, cùng ngày tiếp nhận. "
            "Hãy kiểm tra; chương trình không tự gộp."
        )
        if store.sync.reports.report(
            kind="duplicate",
            key=f"duplicate:{pair[0]}:{pair[1]}",
            message=message,
            at=now,
            dossier_uuid=dossier_uuid,
            other_uuid=other_uuid,
        ):
            messages.append(message)
    return messages


def _counter_names(ctx: AppContext) -> dict[str, str]:
    names = {d.device_id: f"quầy {d.counter_no}" for d in ctx.store.sync.peers.devices()}
    office = ctx.office()
    names[ctx.store.events.device().device_id] = f"quầy {office.counter_no} (máy này)"
    return names


def _describe(event: EventRecord) -> str:
    if event.kind == ev.DOSSIER_TRANSITIONED:
        return Action(event.payload["action"]).label.lower()
    return ev.KIND_LABELS.get(event.kind, event.kind).lower()


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


def sync_reports(ctx: AppContext, *, include_resolved: bool = False) -> list[ReportRow]:
    """Gaps, forks, dossier conflicts and possible duplicates for the leader to look at."""
    ctx.require(Permission.CONSOLIDATE)
    return ctx.store.sync.reports.reports(open_only=not include_resolved)
