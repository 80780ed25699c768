"""The outbox: this PC's new events built into sealed, signed batches kept under ``<data>/outbox``.

Building is one transaction with the batch records and a ``sync.batch_created`` event; the files stay
until acknowledged, so every export writes the same bytes again (``services.sync.export.export_to``).
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

from motcua_desktop import __version__
from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import ConflictError, Field, ValidationError
from motcua_desktop.domain.vntime import fmt_datetime
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.sync.keys import UPSTREAM, data_folder, signing_key
from motcua_desktop.storage import Store
from motcua_desktop.storage.sync_outbox import BatchRow
from motcua_desktop.sync import media, office_files
from motcua_desktop.sync.package import BatchIdentity, ChainProblem, EventLines, Recipient, build_package

OUTBOX_FOLDER = "outbox"
OUTBOX_PLACE = "thư mục hộp thư đi trên máy"


def outbox_folder(store: Store) -> Path:
    return data_folder(store) / OUTBOX_FOLDER


def _recipients(ctx: AppContext) -> list[Recipient]:
    rows = ctx.store.sync.peers.recipients()
    if not any(r.role == UPSTREAM for r in rows):
        raise ValidationError(
            Field("upstream_key", "Khóa của cơ quan cấp trên"),
            "chưa được cấu hình nên chưa thể mã hóa dữ liệu xuất.",
            "Quản trị viên nhập thẻ khóa do cơ quan cấp trên cung cấp ở Cài đặt → Thẻ khóa (F12), "
            "hoặc bằng lệnh «motcua sync recipient add».",
        )
    return [Recipient(r.role, r.name, r.encryption_key) for r in rows]


def build_batches(ctx: AppContext) -> list[BatchRow]:
    """Packages this PC's events not yet in a batch (one batch per chain with new events) into the
    outbox, in one transaction with the batch records and a ``sync.batch_created`` event (which the
    batch itself carries)."""
    ctx.require(Permission.EXPORT)
    store = ctx.store
    recipients = _recipients(ctx)
    device = store.events.device()
    now = ctx.clock.now()
    built: list[BatchRow] = []
    with store.transaction():
        todo = _new_chains(store, device.device_id)
        if not todo:
            return []
        if all(epoch != device.epoch for epoch, _, _ in todo):  # the event below starts a batch of its own
            head = store.events.head(device.device_id, device.epoch)
            last = store.sync.outbox.last_batch(device.device_id, device.epoch)
            todo.append((device.epoch, head.last_seq if head else 0, last))
        plan = [
            {"epoch": epoch, "batch": (last.batch + 1 if last else 1), "first_seq": after + 1}
            for epoch, after, last in todo
        ]
        store.events.append(
            kind=ev.SYNC_BATCH_CREATED,
            actor=ctx.actor,
            occurred_at=now,
            payload={"batches": plan, "recipients": [r.fingerprint for r in recipients]},
        )
        for epoch, after, last in _new_chains(store, device.device_id):
            head = store.events.head(device.device_id, epoch)
            assert head is not None
            row = _package(
                ctx,
                recipients,
                epoch=epoch,
                after=after,
                upto=head.last_seq,
                number=last.batch + 1 if last else 1,
                prev_head=last.head if last else None,
                now=now,
            )
            store.sync.outbox.add_batch(row)
            built.append(row)
    return built


def _new_chains(store: Store, device_id: str) -> list[tuple[int, int, BatchRow | None]]:
    """(epoch, last sequence already in a batch, last batch) of each own chain with new events."""
    todo = []
    for head in store.events.heads():
        if head.device_id != device_id:
            continue
        last = store.sync.outbox.last_batch(device_id, head.epoch)
        after = last.last_seq if last else 0
        if head.last_seq > after:
            todo.append((head.epoch, after, last))
    return todo


def _package(
    ctx: AppContext,
    recipients: list[Recipient],
    *,
    epoch: int,
    after: int,
    upto: int,
    number: int,
    prev_head: str | None,
    now: datetime,
) -> BatchRow:
    """Builds batch ``number`` (events ``after+1..upto``) and writes its files to the outbox.
    ``prev_head`` is the previous batch's head (None for the first batch of an epoch)."""
    store = ctx.store
    office = ctx.office()
    device_id = store.events.device().device_id
    rows = store.sync.queries.raw_events(device_id, epoch, after_seq=after, upto_seq=upto)
    first = next(rows, None)
    if first is None:
        raise ConflictError(f"Không đọc được sự kiện {after + 1}–{upto} của máy này.")
    lines = EventLines.start(prev_head if prev_head is not None else str(first[10]), after + 1)
    try:
        lines.add(first)
        for row in rows:
            lines.add(row)
    except ChainProblem as exc:
        raise ConflictError(
            f"Nhật ký sự kiện của máy này bị hỏng tại sự kiện số {exc.seq} ({exc.problem}); không xuất dữ liệu. "
            "Hãy báo bộ phận hỗ trợ và khôi phục từ bản sao lưu."
        ) from None
    identity = BatchIdentity(
        office.agency_id, device_id, epoch, number, after + 1, lines.last_seq, lines.prev_head, lines.head
    )
    table = office_files.dossier_rows(
        store.sync.queries.summaries_in_range(device_id, epoch, identity.first_seq, identity.last_seq)
    )
    title = (
        f"Hồ sơ trong gói {number} – {office.unit_name} – quầy {office.counter_no} – "
        f"lập lúc {fmt_datetime(now)} (không chứa thông tin cá nhân)"
    )
    stem = identity.stem
    package = build_package(
        identity,
        lines,
        unit_name=office.unit_name,
        counter_no=office.counter_no,
        recipients=recipients,
        signing_key=signing_key(store),
        report_files=[
            (f"{stem}.ho-so.xlsx", office_files.xlsx_bytes(title, table)),
            (f"{stem}.ho-so.csv", office_files.csv_bytes(table)),
        ],
        created_at=now,
        app_version=__version__,
    )
    outbox = outbox_folder(store)
    ops = media.RealFileOps()
    ops.makedirs(outbox)
    files = []
    for name, data in package.files:
        written = media.write_verified(ops, outbox, name, data, place=OUTBOX_PLACE)
        files.append({"name": written.name, "size": written.size, "sha256": written.sha256})
    return BatchRow(
        device_id=device_id,
        epoch=epoch,
        batch=number,
        first_seq=identity.first_seq,
        last_seq=identity.last_seq,
        prev_head=identity.prev_head,
        head=identity.head,
        event_count=len(lines.lines),
        dossier_count=len(lines.dossiers),
        stem=stem,
        files=tuple(files),
        created_at=now,
    )


def outbox_files(ctx: AppContext, batch: BatchRow) -> list[tuple[str, bytes]]:
    """The batch's files as kept in the outbox; rebuilt from the database (same events, new sealing)
    when they are missing or damaged there, e.g. after an acknowledgement or a cleaned folder."""
    folder = outbox_folder(ctx.store)
    files = _read_outbox(folder, batch.files)
    if files is not None:
        return files
    recipients = _recipients(ctx)
    with ctx.store.transaction():
        rebuilt = _package(
            ctx,
            recipients,
            epoch=batch.epoch,
            after=batch.first_seq - 1,
            upto=batch.last_seq,
            number=batch.batch,
            prev_head=batch.prev_head,
            now=ctx.clock.now(),
        )
        if rebuilt.head != batch.head:
            raise ConflictError(
                f"Gói {batch.batch} không dựng lại được giống bản đã xuất (nhật ký đã thay đổi); hãy báo bộ phận hỗ trợ."
            )
        ctx.store.sync.outbox.update_batch_files(batch, rebuilt.files)
    files = _read_outbox(folder, rebuilt.files)
    assert files is not None
    return files


def _read_outbox(folder: Path, entries: tuple[dict[str, object], ...]) -> list[tuple[str, bytes]] | None:
    out = []
    for entry in entries:
        path = folder / str(entry["name"])
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if media.sha256_hex(data) != entry["sha256"]:
            return None
        out.append((str(entry["name"]), data))
    return out


def clean_outbox(store: Store) -> None:
    """Removes files of acknowledged batches and temporary files left by an interrupted build."""
    folder = outbox_folder(store)
    if not folder.is_dir():
        return
    keep = {str(f["name"]) for b in store.sync.outbox.batches(unacked=True) for f in b.files}
    for path in folder.iterdir():
        if path.is_file() and path.name not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
