"""End-of-day export to removable media, and the upstream office's acknowledgements.

- ``export_to``: builds the new batches of this PC's events into the local outbox (one transaction),
  then writes every package not yet acknowledged to the chosen drive, manifest last, each file read
  back and compared. A failure at any step leaves the outbox intact; exporting again succeeds.
- ``import_ack``: the upstream office's signed acknowledgement; acknowledged packages leave the outbox.
- ``export_summary``: "37 hồ sơ, 112 sự kiện chưa xuất, lần xuất trước: …" for the status bar.

Format: ``docs/export-format.md``. Keys: ``services/sync_keys.py``. Importing other counters' packages:
``services/sync_import.py``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from motcua_desktop import __version__
from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import ConflictError, ValidationError
from motcua_desktop.domain.vntime import business_day, fmt_date, fmt_datetime
from motcua_desktop.services.context import AppContext
from motcua_desktop.services.sync_keys import UPSTREAM, data_folder, signing_key
from motcua_desktop.storage import Store, open_store
from motcua_desktop.storage.sync_outbox import AckRow, BatchRow
from motcua_desktop.sync import media, office_files
from motcua_desktop.sync.ack import read_ack
from motcua_desktop.sync.package import BatchIdentity, ChainProblem, EventLines, Recipient, build_package
from motcua_desktop.sync.signed import reject

OUTBOX_FOLDER = "outbox"
OUTBOX_PLACE = "thư mục hộp thư đi trên máy"

Progress = Callable[[int, int, str], None]


def outbox_folder(store: Store) -> Path:
    return data_folder(store) / OUTBOX_FOLDER


# --- export ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchInfo:
    device_id: str
    epoch: int
    batch: int
    first_seq: int
    last_seq: int
    event_count: int
    dossier_count: int
    manifest: str

    @classmethod
    def of(cls, row: BatchRow) -> BatchInfo:
        return cls(
            row.device_id,
            row.epoch,
            row.batch,
            row.first_seq,
            row.last_seq,
            row.event_count,
            row.dossier_count,
            row.files[-1]["name"],
        )


@dataclass(frozen=True)
class ExportResult:
    destination: str
    built: tuple[BatchInfo, ...]  # batches created by this export
    written: tuple[BatchInfo, ...]  # every package written and read back identical (new and not yet acknowledged)
    files: tuple[str, ...]
    bytes_written: int

    @property
    def message(self) -> str:
        if not self.written:
            return "Không có dữ liệu mới cần xuất và không còn gói nào chờ xác nhận."
        events = sum(b.event_count for b in self.built)
        new = f"{len(self.built)} gói mới, {events} sự kiện" if self.built else "không có gói mới"
        return (
            f"Đã ghi và đọc lại kiểm tra {len(self.written)} gói ({new}) vào {self.destination}. "
            "Dữ liệu đã nằm an toàn trên USB: có thể rút USB."
        )


def _recipients(ctx: AppContext) -> list[Recipient]:
    rows = ctx.store.sync.peers.recipients()
    if not any(r.role == UPSTREAM for r in rows):
        raise ValidationError(
            "Khóa của cơ quan cấp trên",
            "chưa được cấu hình nên chưa thể mã hóa dữ liệu xuất.",
            "Quản trị viên nhập thẻ khóa do cơ quan cấp trên cung cấp (Đồng bộ → Khóa, hoặc «motcua sync recipient add»).",
        )
    return [Recipient(r.role, r.name, r.encryption_key) for r in rows]


def export_to(
    ctx: AppContext,
    destination: Path | str,
    *,
    since: date | None = None,
    ops: media.FileOps | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Builds the new batches, then writes every package not yet acknowledged (and, with ``since``,
    also those created since that day) to ``destination``. Nothing is marked exported unless the
    files were read back identical; on any failure the outbox keeps everything and the export can be
    repeated."""
    ctx.require_fresh(Permission.EXPORT)  # personal data leaves the PC: the password again
    target = Path(destination)
    if not target.is_dir():
        raise ValidationError("Nơi ghi", f"không tìm thấy thư mục «{target}».", "Cắm USB và chọn đúng ổ.")
    built = build_batches(ctx)
    store = ctx.store
    own = store.events.device().device_id
    batches = store.sync.outbox.batches(device_id=own, unacked=since is None)
    if since is not None:
        batches = [b for b in batches if b.acked_at is None or business_day(b.created_at) >= since]
    _clean_outbox(store)
    ops = ops or media.RealFileOps()
    payloads = [(batch, _outbox_files(ctx, batch)) for batch in batches]
    total = sum(len(data) for _, files in payloads for _, data in files)
    done = 0
    written: list[BatchInfo] = []
    names: list[str] = []
    for batch, files in payloads:
        manifest_name = files[-1][0]
        try:
            ops.remove(target / manifest_name)  # a package on the stick is complete again only when its manifest lands
        except OSError as exc:
            raise media.media_error(exc, manifest_name) from exc
        for name, data in files:
            media.write_verified(ops, target, name, data)
            done += len(data)
            names.append(name)
            if progress:
                progress(done, total, name)
        with store.transaction():
            store.sync.outbox.mark_written(batch, at=ctx.clock.now(), destination=str(target))
        written.append(BatchInfo.of(batch))
    return ExportResult(str(target), tuple(BatchInfo.of(b) for b in built), tuple(written), tuple(names), done)


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


def _outbox_files(ctx: AppContext, batch: BatchRow) -> list[tuple[str, bytes]]:
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


def _clean_outbox(store: Store) -> None:
    """Removes files of acknowledged batches and temporary files left by an interrupted build."""
    folder = outbox_folder(store)
    if not folder.is_dir():
        return
    keep = {str(f["name"]) for b in store.sync.outbox.batches(unacked=True) for f in b.files}
    for path in folder.iterdir():
        if path.is_file() and path.name not in keep:
            with contextlib.suppress(OSError):
                path.unlink()


# --- acknowledgements ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AckResult:
    file_name: str
    device_id: str
    epoch: int
    acked_seq: int
    batches: tuple[int, ...]  # batches that left the outbox with this acknowledgement
    already: bool = False

    @property
    def message(self) -> str:
        if self.already:
            return f"Tệp «{self.file_name}»: đã nhận xác nhận này trước đó (đến sự kiện {self.acked_seq}); không có gì thay đổi."
        batches = ", ".join(str(b) for b in self.batches) or "không có gói nào mới"
        return (
            f"Tệp «{self.file_name}»: cơ quan cấp trên đã nhận đủ dữ liệu đến sự kiện {self.acked_seq} "
            f"(kỷ nguyên {self.epoch}); các gói {batches} đã rời hộp thư đi."
        )


def import_ack(ctx: AppContext, data: bytes, file_name: str) -> AckResult:
    """Verifies an acknowledgement against the configured upstream signing key and marks the
    acknowledged batches as synced (they leave the outbox). Importing it again changes nothing."""
    ctx.require(Permission.EXPORT)
    ack, document = read_ack(data, file_name)
    store = ctx.store
    upstream = [r for r in store.sync.peers.recipients() if r.role == UPSTREAM and r.signing_key]
    if not upstream:
        raise reject(file_name, "chưa cấu hình khóa của cơ quan cấp trên nên không kiểm tra được chữ ký.")
    if not any(r.signing_key == ack.issuer_key for r in upstream):
        raise reject(
            file_name,
            f"không do cơ quan cấp trên đã cấu hình ký (khóa {ack.issuer_fingerprint}).",
            "Chỉ nhập tệp xác nhận do cơ quan cấp trên cấp cho máy này.",
        )
    document.verify(ack.issuer_key, what="tệp xác nhận")
    own = store.events.device().device_id
    if ack.device_id != own:
        raise reject(
            file_name, f"là xác nhận cho máy {ack.device_id}, không phải máy này ({own}).", "Nhập ở đúng máy quầy đó."
        )
    head = store.events.head(own, ack.epoch)
    if head is None or ack.acked_seq > head.last_seq:
        raise reject(
            file_name,
            f"xác nhận đến sự kiện {ack.acked_seq} của kỷ nguyên {ack.epoch}, nhưng máy này không có dữ liệu đó.",
        )
    if store.sync.queries.event_hash(own, ack.epoch, ack.acked_seq) != ack.head:
        raise reject(
            file_name,
            f"dữ liệu cơ quan cấp trên nhận được khác với nhật ký của máy này tại sự kiện {ack.acked_seq}.",
            "Không đánh dấu đã đồng bộ; hãy báo cơ quan cấp trên và bộ phận hỗ trợ.",
        )
    current = store.sync.outbox.ack(own, ack.epoch)
    if current is not None and current.acked_seq >= ack.acked_seq:
        return AckResult(file_name, own, ack.epoch, ack.acked_seq, (), already=True)
    now = ctx.clock.now()
    with store.transaction():
        store.sync.outbox.set_ack(AckRow(own, ack.epoch, ack.acked_seq, ack.head, now, ack.issuer_fingerprint))
        done = store.sync.outbox.mark_acked(own, ack.epoch, ack.acked_seq, at=now)
        store.events.append(
            kind=ev.SYNC_ACK_IMPORTED,
            actor=ctx.actor,
            occurred_at=now,
            payload={
                "epoch": ack.epoch,
                "acked_seq": ack.acked_seq,
                "head": ack.head,
                "batches": [b.batch for b in done],
                "issuer": ack.issuer_fingerprint,
                "file": file_name,
            },
        )
    _clean_outbox(store)
    return AckResult(file_name, own, ack.epoch, ack.acked_seq, tuple(b.batch for b in done))


# --- summary ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportSummary:
    dossiers_unexported: int
    events_unexported: int
    dossiers_unacked: int
    events_unacked: int
    packages_waiting: int  # in the outbox, not yet acknowledged
    last_export_at: datetime | None
    upstream_configured: bool

    @property
    def text(self) -> str:
        last = (
            f"{fmt_date(self.last_export_at)} {self.last_export_at:%H:%M}"
            if self.last_export_at
            else "chưa xuất lần nào"
        )
        text = f"{self.dossiers_unexported} hồ sơ, {self.events_unexported} sự kiện chưa xuất, lần xuất trước: {last}"
        if self.dossiers_unacked:
            text += f"; {self.dossiers_unacked} hồ sơ chưa được cấp trên xác nhận"
        return text


def export_summary(ctx: AppContext) -> ExportSummary:
    ctx.require(Permission.EXPORT)
    store = ctx.store
    own = store.events.device().device_id
    heads = [h for h in store.events.heads() if h.device_id == own]
    unexported = store.sync.queries.count_after(
        (own, h.epoch, store.sync.outbox.exported_upto(own, h.epoch)) for h in heads
    )
    unacked = store.sync.queries.count_after(
        (own, h.epoch, ack.acked_seq if (ack := store.sync.outbox.ack(own, h.epoch)) else 0) for h in heads
    )
    return ExportSummary(
        dossiers_unexported=unexported[1],
        events_unexported=unexported[0],
        dossiers_unacked=unacked[1],
        events_unacked=unacked[0],
        packages_waiting=len(store.sync.outbox.batches(device_id=own, unacked=True)),
        last_export_at=store.sync.outbox.last_written_at(),
        upstream_configured=any(r.role == UPSTREAM for r in store.sync.peers.recipients()),
    )


# --- a context for a background thread -------------------------------------------------------------


@contextlib.contextmanager
def thread_context(ctx: AppContext) -> Iterator[AppContext]:
    """The same user and clock on a new connection to the same database (SQLite connections are not
    shared between threads); closed on exit."""
    store = open_store(ctx.store.path)
    try:
        yield ctx.on_store(store)
    finally:
        store.close()
