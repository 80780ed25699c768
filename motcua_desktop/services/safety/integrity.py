"""Opening the data folder for a working session, and checking the database.

``open_workspace`` (the launcher calls it first) takes the single-instance lock, runs SQLite's
``quick_check``, and opens the database. When the file is damaged, or holds fewer events than a
backup of this PC already contains (a deleted ``-wal`` file, a file copied over), the database
is opened read-only in **safe mode**: nothing can be written, the reason is explained, and the
newest good backup is offered for restore (``restore_in_safe_mode``).
"""

from __future__ import annotations

import shutil
import uuid as uuidlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from motcua_desktop.domain.backups import newest
from motcua_desktop.domain.errors import KnownError, NotFound
from motcua_desktop.domain.settings import BACKUP_OFFSITE_DIR
from motcua_desktop.paths import database_path
from motcua_desktop.services.core.context import AppContext, Clock, SystemClock
from motcua_desktop.services.safety.backup import (
    BackupInfo,
    BackupPreview,
    available_backups,
    backup_folder,
    newest_good_backup,
    plain_backup,
)
from motcua_desktop.storage import Store, open_store

if TYPE_CHECKING:  # needed by "motcua check" and the safe-mode restore, not to open the window
    from motcua_desktop.services.safety.audit import ChainReport
    from motcua_desktop.services.safety.restore import RestoreResult
from motcua_desktop.storage.backup_files import PARTIAL, finish_restore, issued_numbers
from motcua_desktop.storage.instance_lock import InstanceLock, acquire_instance_lock
from motcua_desktop.storage.integrity import check_file, check_file_at_startup


@dataclass(frozen=True)
class SafeMode:
    reason: str
    problems: tuple[str, ...] = ()
    backup: BackupInfo | None = None
    backup_preview: BackupPreview | None = None

    def message(self) -> str:
        lines = [self.reason, "Chương trình đang ở chế độ an toàn: chỉ xem, không ghi được gì."]
        if self.problems:
            lines.append("Chi tiết kỹ thuật: " + "; ".join(self.problems[:3]))
        if self.backup_preview is not None:
            lines.append("Có thể khôi phục từ bản sao lưu tốt gần nhất: " + self.backup_preview.describe())
        else:
            lines.append(
                "Không tìm thấy bản sao lưu tốt trong thư mục dữ liệu; quản trị viên hãy chọn bản sao lưu ở nơi thứ hai."
            )
        return "\n".join(lines)


@dataclass
class Workspace:
    data_folder: Path
    store: Store | None  # None only in safe mode, when the file cannot be opened at all
    lock: InstanceLock
    safe_mode: SafeMode | None = None
    warnings: list[str] = field(default_factory=list)
    check_pending: bool = False  # the start-up check ran out of time: finish it in the background

    @property
    def database(self) -> Path:
        return database_path(self.data_folder)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
        self.lock.release()


STARTUP_DAMAGE = "Kiểm tra phát hiện tệp cơ sở dữ liệu bị hỏng (thường do mất điện, ổ đĩa lỗi hoặc tệp bị chép đè)."


def open_workspace(data_folder: Path) -> Workspace:
    """The database of ``data_folder``, ready for work or in safe mode (see the module doc).

    Raises ``AlreadyRunning`` when another copy of the program uses the folder, the storage
    errors for a file that is not ours or comes from a newer version, ``CounterTaken`` when
    another data folder on this PC already works as this counter, and ``DataElsewhere`` when the
    shared machine folder is empty while this user's own folder holds the data.
    """
    lock = acquire_instance_lock(data_folder)
    try:
        return _open(data_folder, lock)
    except BaseException:
        lock.release()
        raise


def _open(data_folder: Path, lock: InstanceLock) -> Workspace:
    from motcua_desktop.services.office.setup import check_data_location, claim_this_counter

    check_data_location(data_folder)  # never start the machine folder afresh while the data is elsewhere
    path = database_path(data_folder)
    finish_restore(path)  # a restore killed half-way: completed or undone, never half
    pending = False
    if path.exists() and path.stat().st_size > 0:
        problems = check_file_at_startup(path)
        pending = problems is None  # a very large file: the check finishes in the background
        if problems:
            return _safe(data_folder, lock, STARTUP_DAMAGE, problems)
    store = open_store(path)
    behind = _behind_backups(store)
    if behind:
        store.close()
        return _safe(data_folder, lock, behind, ())
    try:
        claim_this_counter(store)  # one database per counter number on this PC, whatever the Windows account
    except BaseException:
        store.close()
        raise
    return Workspace(data_folder, store, lock, check_pending=pending)


def finish_pending_check(data_folder: Path) -> list[str]:
    """The start-up check that did not finish in time, run to the end (on a worker thread)."""
    return check_file(database_path(data_folder))


def enter_safe_mode(workspace: Workspace, problems: list[str]) -> SafeMode:
    """Damage found while the program runs: no more writes, and the same offer as at start-up."""
    if workspace.store is not None:
        workspace.store.make_readonly()
    good = newest_good_backup(workspace.database)
    workspace.safe_mode = SafeMode(
        STARTUP_DAMAGE, tuple(problems), good[0] if good else None, good[1] if good else None
    )
    return workspace.safe_mode


def _safe(data_folder: Path, lock: InstanceLock, reason: str, problems: list[str] | tuple[str, ...]) -> Workspace:
    path = database_path(data_folder)
    try:
        store: Store | None = open_store(path, readonly=True)
    except KnownError:
        store = None
    good = newest_good_backup(path)
    safe = SafeMode(reason, tuple(problems), good[0] if good else None, good[1] if good else None)
    return Workspace(data_folder, store, lock, safe)


def _behind_backups(store: Store) -> str:
    """A warning when a backup of this PC holds later events than the database itself."""
    device = store.events.device()
    head = store.events.own_head()
    offsite = store.settings.value(BACKUP_OFFSITE_DIR)
    latest = newest([b.name for b in available_backups(store.path, offsite)], device.device_id)
    current = (device.epoch, head.last_seq if head else 0)
    if latest is None or (latest.epoch, latest.seq) <= current:
        return ""
    return (
        f"Cơ sở dữ liệu chỉ có đến sự kiện số {current[1]} (kỷ nguyên {current[0]}), nhưng bản sao lưu "
        f"{latest.file_name} của chính máy này đã có đến số {latest.seq} (kỷ nguyên {latest.epoch}): các thao tác "
        "gần nhất bị mất (có thể tệp nhật ký ghi «-wal» đã bị xóa hoặc tệp cơ sở dữ liệu bị chép đè). Tiếp tục "
        "ghi sẽ cấp lại số đã dùng, nên chương trình tạm ngừng ghi; quản trị viên hãy khôi phục bản sao lưu mới nhất."
    )


def restore_in_safe_mode(
    workspace: Workspace,
    backup: Path,
    username: str,
    password: str,
    *,
    key_text: str = "",
    clock: Clock | None = None,
) -> tuple[AppContext, RestoreResult]:
    """An administrator restores a backup from safe mode.

    The password is checked against the damaged database while it can be read, otherwise
    against the accounts in the backup itself. Afterwards the workspace is back to normal.
    """
    from motcua_desktop.services.accounts.auth import start_session
    from motcua_desktop.services.safety.restore import restore_over

    live = workspace.database
    if workspace.store is not None:
        ctx = AppContext(workspace.store, clock=clock)
        start_session(ctx, username, password)
        known = issued_numbers(workspace.store)
        workspace.store = None  # restore_over closes it and opens the restored database
        try:
            result = restore_over(ctx, live, Path(backup), known, key_text=key_text)
        finally:
            workspace.store = ctx.store
    else:
        with _accounts_of(live, Path(backup), key_text) as accounts:
            ctx = AppContext(accounts, clock=clock)
            start_session(ctx, username, password)
            result = restore_over(ctx, live, Path(backup), None, key_text=key_text)
        workspace.store = ctx.store
    workspace.safe_mode = None
    return ctx, result


@contextmanager
def _accounts_of(live: Path, backup: Path, key_text: str) -> Iterator[Store]:
    """A throw-away copy of the backup, opened to check who is signing in."""
    temporary = backup_folder(live) / f".tmp-accounts-{uuidlib.uuid4().hex}.db{PARTIAL}"
    with plain_backup(live, backup, key_text) as (plain, _sealed):
        shutil.copyfile(plain, temporary)
    store = open_store(temporary)
    try:
        yield store
    finally:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(temporary) + suffix).unlink(missing_ok=True)


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[str, ...]
    chains: ChainReport | None
    full: bool
    notes: tuple[str, ...] = ()  # things to do that are not faults (next year's calendar from November)

    @property
    def ok(self) -> bool:
        return not self.problems and (self.chains is None or self.chains.ok)

    def message(self) -> str:
        kind = "đầy đủ (integrity_check, khóa ngoại)" if self.full else "nhanh (quick_check)"
        lines = [f"Kiểm tra {kind}: " + ("không có lỗi." if not self.problems else "PHÁT HIỆN LỖI.")]
        lines += [f"  - {p}" for p in self.problems[:20]]
        if self.chains is not None:
            lines.append(self.chains.message())
        if not self.ok:
            lines.append("Hãy báo quản trị viên: khôi phục bản sao lưu tốt gần nhất («motcua restore TỆP»).")
        lines += [f"Lưu ý: {note}" for note in self.notes]
        return "\n".join(lines)


def check_database(data_folder: Path, *, full: bool = False, clock: Clock | None = None) -> CheckReport:
    """``motcua check``: structure (quick or full), foreign keys (full), and every hash chain.

    Opens the file read-only and shows no personal data, so it needs no sign-in.
    """
    from motcua_desktop.services.safety.audit import verify_chains

    path = database_path(data_folder)
    if not path.exists():
        raise NotFound(f"Không có cơ sở dữ liệu tại «{path}».")
    problems = check_file(path, full=full)
    chains = None
    notes: tuple[str, ...] = ()
    if not problems:
        store = open_store(path, readonly=True)
        try:
            chains = verify_chains(store)
            notes = _calendar_notes(store, clock or SystemClock())
        finally:
            store.close()
    return CheckReport(tuple(problems), chains, full, notes)


def _calendar_notes(store: Store, clock: Clock) -> tuple[str, ...]:
    from motcua_desktop.domain.vntime import business_day
    from motcua_desktop.services.core.calendar import calendar_notice

    notice = calendar_notice(store, business_day(clock.now()))
    return (notice,) if notice else ()
