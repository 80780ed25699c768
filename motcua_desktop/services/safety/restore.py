"""Restoring a backup (administrator, password typed again).

Keeps a copy of the current database (never deleted), restores through SQLite's backup API into a
new file beside it, and in that same file starts a new device epoch linked to the restored chain
head, moves the day's dossier-code sequence (and the tracking-book line) past every number known
to have been issued, plus a margin, so no code and no (device, epoch, sequence) is ever issued
twice, and carries over the export batches of the replaced database (the office and upstream keep
their numbering). Only then is the new file swapped in, in one atomic step a crash either
completes or leaves undone (``storage.backup_files.finish_restore`` at the next opening). The
restore itself is the audit record (``device.epoch_started``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.clock_guard import TOLERANCE
from motcua_desktop.domain.codes import sequence_block
from motcua_desktop.domain.errors import ConflictError, KnownError
from motcua_desktop.domain.settings import BACKUP_OFFSITE_DIR
from motcua_desktop.domain.vntime import business_day
from motcua_desktop.fileio import fault_point, reason
from motcua_desktop.services.core.context import AppContext, NotSetUp
from motcua_desktop.services.dossiers.outcomes import fill_on_opening
from motcua_desktop.services.dossiers.registration import book_volume
from motcua_desktop.services.safety.backup import (
    BackupPreview,
    available_backups,
    before_restore_folder,
    plain_backup,
)
from motcua_desktop.storage import Store, open_store
from motcua_desktop.storage.backup_files import (
    BackupFailed,
    IssuedNumbers,
    SnapshotInfo,
    build_restored,
    checkpoint,
    commit_restore,
    copy_aside,
    describe_file,
    discard_files,
    issued_numbers,
    outbox_state,
    restore_paths,
    seal_restored,
    verify_copy,
)
from motcua_desktop.storage.integrity import check_open
from motcua_desktop.storage.migrations import latest_version
from motcua_desktop.storage.sync_outbox import AckRow, BatchRow

# Each at-risk day's dossier-code sequence continues this far past the highest number known to
# be issued: codes issued after the backup but unknown here (a damaged database) stay unused.
# A commune counter receives tens of dossiers a day, out of 999 numbers.
CODE_MARGIN = 100
# When the database being replaced cannot be read, epochs used after the backup are unknown.
EPOCH_MARGIN = 10


@dataclass(frozen=True)
class SequenceMove:
    what: str  # "mã hồ sơ 000.00.12.H56 ngày 16/11/2026" / "sổ theo dõi 01/2026"
    before: int
    after: int


@dataclass(frozen=True)
class RestoreResult:
    preview: BackupPreview
    kept_copy: tuple[Path, ...]
    new_epoch: int
    moves: tuple[SequenceMove, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def message(self) -> str:
        lines = [
            "Đã khôi phục: " + self.preview.describe(),
            f"Bản cơ sở dữ liệu trước khi khôi phục được giữ tại: {', '.join(str(p) for p in self.kept_copy)}.",
            f"Máy bắt đầu kỷ nguyên {self.new_epoch}: số thứ tự sự kiện và mã hồ sơ đã cấp không bị dùng lại.",
        ]
        lines += [f"  {m.what}: tiếp tục từ số {m.after + 1} (trước đó {m.before})" for m in self.moves]
        return "\n".join([*lines, *self.warnings])


def preview_backup(ctx: AppContext, path: Path, *, key_text: str = "") -> BackupPreview:
    """What a backup holds (shown before restoring it)."""
    ctx.require(Permission.RESTORE)
    with plain_backup(ctx.store.path, Path(path), key_text) as (plain, sealed):
        return BackupPreview.of(Path(path), describe_file(plain), sealed=sealed)


def restore_backup(
    ctx: AppContext, path: Path, *, key_text: str = "", allow_other_device: bool = False
) -> RestoreResult:
    """Administrator, password typed again: replaces the database by a backup (see module doc).

    ``ctx.store`` is closed and replaced by the restored database.
    """
    ctx.require_fresh(Permission.RESTORE)
    known = issued_numbers(ctx.store)
    return restore_over(
        ctx, ctx.store.path, Path(path), known, key_text=key_text, allow_other_device=allow_other_device
    )


def restore_over(
    ctx: AppContext,
    live: Path,
    path: Path,
    known: IssuedNumbers | None,
    *,
    key_text: str = "",
    allow_other_device: bool = False,
) -> RestoreResult:
    """The restore itself, once the caller has checked who asks; ``known`` is what the database
    being replaced says was issued (None when it cannot be read at all).

    One atomic step (``storage.backup_files``): the restored database is built as a new file beside
    the live one (the backup's content, then in the same file the new epoch, every code and book
    sequence moved past what was issued, and the outbox carried over), fsynced; a copy of the live
    database is kept; the restore journal is written; the new file is renamed over the live one.
    A kill before the journal leaves the old database as it was; after it, the next opening
    (``finish_restore``) completes the swap."""
    session = ctx.require_fresh(Permission.RESTORE)
    now = ctx.clock.now()
    stamp = now.strftime("%Y%m%d-%H%M%S")
    new, _ = restore_paths(live)
    with plain_backup(live, path, key_text) as (plain, sealed):
        problems = verify_copy(plain)
        if problems:
            raise BackupFailed(
                f"Bản sao lưu «{path.name}» không đạt kiểm tra ({'; '.join(problems[:3])}); không khôi phục."
            )
        info = describe_file(plain)
        preview = BackupPreview.of(path, info, sealed=sealed)
        if info.schema_version > latest_version():
            raise BackupFailed(
                f"Bản sao lưu «{path.name}» do phiên bản mới hơn của chương trình tạo; hãy cài bản mới nhất."
            )
        if known is not None and known.device_id != info.device_id and not allow_other_device:
            raise ConflictError(
                f"Bản sao lưu là của máy {info.device_id}, không phải máy này ({known.device_id}). Chỉ khôi phục bản "
                "sao lưu của máy khác khi thay thế hẳn máy đó (tùy chọn «của máy khác»)."
            )
        same_device = known if known is not None and known.device_id == info.device_id else None
        outbox = outbox_state(ctx.store, info.device_id) if same_device is not None else ([], [])
        was_readonly = ctx.store.readonly
        ctx.store.close()
        try:
            fault_point("restore: keep a copy of the database being replaced")
            kept = copy_aside(live, before_restore_folder(live), f"motcua-before-restore-{stamp}")
            build_restored(plain, new)
            fault_point("restore: new database copied")
            built = _prepare(ctx, live, new, path, info, known, same_device, outbox, kept, session.username, now)
            seal_restored(new)
            checkpoint(live)  # the old -wal emptied into the old file: removing it loses nothing
        except BaseException as exc:
            ctx.store.close()
            discard_files(new)
            _reopen_after_failure(ctx, live, readonly=was_readonly)
            if isinstance(exc, OSError):
                raise _not_restored(exc) from exc
            raise
    try:
        commit_restore(
            live,
            {
                "restored_from": path.name,
                "new_epoch": built.new_epoch,
                "kept_copy": [p.name for p in kept],
                "at": now.isoformat(),
            },
        )
    except OSError as exc:
        if restore_paths(live)[1].exists():  # committed: the next opening finishes the swap
            _reopen_after_failure(ctx, live, readonly=True)
            raise BackupFailed(
                f"Đã khôi phục nhưng chưa thay được tệp cơ sở dữ liệu ({reason(exc)}). Việc khôi phục sẽ được hoàn "
                "tất khi mở lại chương trình; hãy đóng chương trình rồi mở lại."
            ) from exc
        discard_files(new)
        _reopen_after_failure(ctx, live, readonly=was_readonly)
        raise _not_restored(exc) from exc
    store = open_store(live)
    ctx.store = store
    ctx.forget_calendar()
    fill_on_opening(store)  # an old backup: QĐ 766 outcomes of dossiers finished before they were recorded
    warnings = list(built.warnings)
    problems = check_open(store.db)  # the full check passed before the swap
    if problems:
        warnings.append("Kiểm tra sau khi khôi phục phát hiện lỗi: " + "; ".join(problems[:3]))
    return RestoreResult(preview, tuple(kept), built.new_epoch, built.moves, tuple(warnings))


def _not_restored(exc: OSError) -> BackupFailed:
    return BackupFailed(
        f"Không khôi phục được ({reason(exc)}); dữ liệu đang dùng không thay đổi. Giải phóng ổ đĩa hoặc kiểm tra "
        "quyền ghi vào thư mục dữ liệu rồi thử lại."
    )


@dataclass(frozen=True)
class _Built:
    new_epoch: int
    moves: tuple[SequenceMove, ...]
    warnings: tuple[str, ...]


def _prepare(
    ctx: AppContext,
    live: Path,
    new: Path,
    path: Path,
    info: SnapshotInfo,
    known: IssuedNumbers | None,
    same_device: IssuedNumbers | None,
    outbox: tuple[list[BatchRow], list[AckRow]],
    kept: list[Path],
    actor: str,
    now: datetime,
) -> _Built:
    """In the new database file, one transaction: the new epoch, the sequences moved past every
    number known to be issued, the outbox of the replaced database carried over, and the
    ``device.epoch_started`` event that records the restore. ``ctx.store`` is the new file's
    store when this returns or raises (the caller closes it)."""
    store = open_store(new)
    ctx.store = store
    ctx.forget_calendar()
    offsite = store.settings.value(BACKUP_OFFSITE_DIR)
    known_backups = available_backups(live, offsite)
    epochs = [info.epoch, *(b.name.epoch for b in known_backups if b.name.device_id == info.device_id)]
    epochs += [b.epoch for b in outbox[0]]
    complete = same_device is not None and same_device.complete
    if same_device is not None:
        epochs.append(same_device.epoch)
    new_epoch = max(epochs) + (1 if complete else EPOCH_MARGIN)
    restored_head = max(
        (h for h in store.events.heads() if h.device_id == info.device_id and h.epoch <= info.epoch),
        key=lambda h: h.epoch,
        default=None,
    )
    with store.transaction():
        moves = _move_sequences(ctx, store, same_device, info, now)
        carried = store.sync.outbox.carry_over(*outbox)
        store.events.start_epoch(new_epoch)
        store.events.append(
            kind=ev.DEVICE_EPOCH_STARTED,
            actor=actor,
            occurred_at=now,
            payload={
                "reason": "restore",
                "restored_from": path.name,
                "restored_head": {
                    "epoch": restored_head.epoch if restored_head else info.epoch,
                    "seq": restored_head.last_seq if restored_head else 0,
                    "hash": restored_head.last_hash if restored_head else "",
                },
                "previous_epoch": known.epoch if known else None,
                "previous_readable": complete,
                "kept_copy": [p.name for p in kept],
                "sequences": [{"what": m.what, "before": m.before, "after": m.after} for m in moves],
                "batches_carried": carried,
            },
        )
    fault_point("restore: new epoch and sequences written")
    problems = check_open(store.db, full=True)
    store.close()
    if problems:
        raise BackupFailed("Cơ sở dữ liệu khôi phục không đạt kiểm tra: " + "; ".join(problems[:3]))
    warnings = []
    if not complete:
        warnings.append(
            "Không đọc được đầy đủ cơ sở dữ liệu cũ: đã để dư "
            f"{CODE_MARGIN} số cho mỗi ngày có nguy cơ và {EPOCH_MARGIN} kỷ nguyên để chắc chắn không cấp trùng."
        )
    return _Built(new_epoch, tuple(moves), tuple(warnings))


def _reopen_after_failure(ctx: AppContext, live: Path, *, readonly: bool) -> None:
    """The restore failed before anything was replaced: carry on with the database as it was
    (as far as it can be opened; the caller's error is what the user sees)."""
    for mode in (readonly, True):
        try:
            ctx.store = open_store(live, readonly=mode)
            ctx.forget_calendar()
            return
        except KnownError:
            continue


def _move_sequences(
    ctx: AppContext, store: Store, known: IssuedNumbers | None, info: SnapshotInfo, now: datetime
) -> list[SequenceMove]:
    """Daily code sequences and book lines continue past every number known to be issued.

    Codes are only ever issued for the current business day (the clock guard refuses a clock
    behind the last recorded time), so the days at risk are today (and the previous day, within
    the clock tolerance) plus every day the replaced database knew more numbers for."""
    try:
        office = ctx.office()
    except NotSetUp:
        return []
    block = sequence_block(office.counter_no, sole_issuer=office.sole_issuer)
    restored = store.sequences.issued_code_seqs(info.device_id)
    known_codes = known.code_seqs if known else {}
    current_days = {business_day(now), business_day(now - TOLERANCE)}
    moves = []
    for agency, day in sorted({(office.agency_id, d) for d in current_days} | set(known_codes) | set(restored)):
        was = restored.get((agency, day), 0)
        seen = max(was, known_codes.get((agency, day), 0))
        if seen == was and day not in current_days:
            continue
        target = min(max(seen, block.first - 1) + CODE_MARGIN, block.last)
        if target > was:
            store.sequences.advance_code_seq(agency, day, target, block)
            moves.append(SequenceMove(f"mã hồ sơ {agency} ngày {day:%d/%m/%Y}", was, target))
    restored_lines = store.sequences.book_lines()
    this_volume = book_volume(office, business_day(now).year)
    for volume in sorted(set(restored_lines) | set(known.book_lines if known else {}) | {this_volume}):
        was = restored_lines.get(volume, 0)
        target = max(was, known.book_lines.get(volume, 0) if known else 0)
        if volume == this_volume and (known is None or not known.complete):
            target += CODE_MARGIN  # lines written after the backup are unknown: leave room
        if target > was:
            store.sequences.advance_book_line(volume, target)
            moves.append(SequenceMove(f"sổ theo dõi quyển {volume}", was, target))
    return moves
