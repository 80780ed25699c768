"""End-of-day export to removable media, and the status bar's summary of what is not yet exported.

- ``export_to``: builds the new batches of this PC's events into the local outbox (``sync_outbox``),
  then writes every package not yet acknowledged to the chosen drive, manifest last, each file read
  back and compared. A failure at any step leaves the outbox intact; exporting again succeeds.
- ``export_summary``: "37 hồ sơ, 112 sự kiện chưa xuất, lần xuất trước: …" for the status bar.
- ``import_ack`` (in ``sync_ack``, importable from here): the upstream office's signed acknowledgement.

Format: ``docs/export-format.md``. Keys: ``services/sync/keys.py``. Importing other counters' packages:
``services/sync/imports.py``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import Field, ValidationError
from motcua_desktop.domain.events import READING_EVENTS
from motcua_desktop.domain.vntime import business_day, fmt_date
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.sync.ack import AckResult, import_ack
from motcua_desktop.services.sync.keys import UPSTREAM
from motcua_desktop.services.sync.outbox import (
    build_batches,
    clean_outbox,
    outbox_files,
    outbox_folder,
)
from motcua_desktop.storage import Store, open_store
from motcua_desktop.storage.sync_outbox import BatchRow
from motcua_desktop.sync import media

__all__ = [
    "AckResult",
    "BatchInfo",
    "ExportResult",
    "ExportSummary",
    "build_batches",
    "export_summary",
    "export_to",
    "import_ack",
    "outbox_folder",
    "thread_context",
]

Progress = Callable[[int, int, str], None]


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
        raise ValidationError(
            Field("target", "Nơi ghi"), f"không tìm thấy thư mục «{target}».", "Cắm USB và chọn đúng ổ."
        )
    built = build_batches(ctx)
    store = ctx.store
    own = store.events.device().device_id
    batches = store.sync.outbox.batches(device_id=own, unacked=since is None)
    if since is not None:
        batches = [
            b for b in batches if b.acked_at is None or (business_day(b.created_at) >= since and _held(store, b))
        ]
    clean_outbox(store)
    ops = ops or media.RealFileOps()
    payloads = [(batch, outbox_files(ctx, batch)) for batch in batches]
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


def _held(store: Store, batch: BatchRow) -> bool:
    """Whether the log still holds the batch's events (an acknowledged batch made before a restore
    from an older backup cannot be rebuilt; the office already has it)."""
    head = store.events.head(batch.device_id, batch.epoch)
    return head is not None and head.last_seq >= batch.last_seq


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
        ((own, h.epoch, store.sync.outbox.exported_upto(own, h.epoch)) for h in heads),
        dossiers_except=READING_EVENTS,
    )
    unacked = store.sync.queries.count_after(
        ((own, h.epoch, ack.acked_seq if (ack := store.sync.outbox.ack(own, h.epoch)) else 0) for h in heads),
        dossiers_except=READING_EVENTS,
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
