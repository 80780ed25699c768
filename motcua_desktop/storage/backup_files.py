"""Database copies on disk: consistent snapshots, durable writes, verification, restore.

A snapshot uses SQLite's online backup API inside one read transaction, so it is exactly the
database as of one commit, even while the counter keeps registering; never a plain file copy
of a live database (which can tear). Files are written under a temporary name, fsynced, renamed,
and the folder fsynced, so a power cut leaves either the old state or the complete new file
(``motcua_desktop.fileio``: binary mode, and renames retried while an antivirus holds the file).
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from motcua_desktop import fileio
from motcua_desktop.fileio import fsync_dir, fsync_file, publish
from motcua_desktop.storage.connection import APPLICATION_ID, readonly_uri
from motcua_desktop.storage.errors import StorageError, classify
from motcua_desktop.storage.integrity import foreign_key_problems, structure_problems
from motcua_desktop.storage.store import Store

PARTIAL = fileio.PARTIAL
__all__ = ["fsync_dir", "fsync_file", "publish"]  # kept here for the callers of this module
# Temporary copies this process is writing right now; any other ".tmp-*.partial" file in the
# backups folder was left by a process that died (the instance lock allows one per data folder).
_IN_USE: set[Path] = set()


def temporary_copy(folder: Path, kind: str = "") -> Path:
    """A new temporary name in ``folder`` (hidden, ``.partial``), registered as in use until
    ``release``."""
    import uuid

    path = folder / f".tmp-{kind}{uuid.uuid4().hex}.db{PARTIAL}"
    _IN_USE.add(path)
    return path


def release(path: Path) -> None:
    """Removes a temporary copy (if still there) and forgets it."""
    path.unlink(missing_ok=True)
    _IN_USE.discard(path)


def remove_stale_partials(folder: Path) -> list[str]:
    """Deletes the database-sized temporary copies that a killed backup or restore left behind."""
    removed = []
    for path in folder.glob(f".tmp-*{PARTIAL}"):
        if path not in _IN_USE:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path.name)
    return removed


class BackupFailed(StorageError):
    pass


@dataclass(frozen=True)
class SnapshotInfo:
    """What a database (or a copy of it) holds, read in one transaction."""

    device_id: str
    epoch: int
    seq: int  # last event of the device's current epoch (0: none yet)
    events: int
    dossiers: int
    last_event_at: str | None  # ISO time of the latest event, as recorded (the PC clock then)
    schema_version: int
    application_id: int


def describe(conn: sqlite3.Connection) -> SnapshotInfo:
    device = conn.execute("SELECT device_id, epoch FROM device WHERE singleton = 1").fetchone()
    if device is None:
        raise BackupFailed("Cơ sở dữ liệu chưa có định danh máy (chưa từng được mở bằng chương trình).")
    head = conn.execute(
        "SELECT last_seq FROM chain_heads WHERE device_id = ? AND epoch = ?", [device[0], device[1]]
    ).fetchone()
    return SnapshotInfo(
        device_id=str(device[0]),
        epoch=int(device[1]),
        seq=int(head[0]) if head else 0,
        events=int(conn.execute("SELECT count(*) FROM events").fetchone()[0]),
        dossiers=int(conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]),
        last_event_at=conn.execute("SELECT max(occurred_at) FROM events").fetchone()[0],
        schema_version=int(conn.execute("PRAGMA user_version").fetchone()[0]),
        application_id=int(conn.execute("PRAGMA application_id").fetchone()[0]),
    )


def snapshot(store: Store, target: Path) -> SnapshotInfo:
    """Copies the whole database into ``target`` (a new file) as of one commit, fsynced.

    Returns what the database held at that commit, read in the same read transaction as the copy.
    """
    if store.in_transaction:
        raise RuntimeError("a snapshot is taken outside any write transaction")
    conn = store.db.conn
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn.execute("BEGIN")  # deferred: a read transaction pins one version of the database
        try:
            info = describe(conn)
            dest = sqlite3.connect(str(target), isolation_level=None)
            try:
                conn.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")  # a self-contained single file
            finally:
                dest.close()
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")
        fsync_file(target)
    except sqlite3.Error as exc:
        _remove_quietly(target)
        known = classify(exc)
        raise BackupFailed(
            "Không tạo được bản sao lưu: "
            + (known.message if known else str(exc))
            + " Dữ liệu đang dùng không bị ảnh hưởng."
        ) from exc
    except OSError as exc:
        _remove_quietly(target)
        raise BackupFailed(
            f"Không ghi được bản sao lưu vào «{target.parent}» ({exc.strerror or exc}). "
            "Dữ liệu đang dùng không bị ảnh hưởng; kiểm tra ổ đĩa hoặc chọn nơi lưu khác."
        ) from exc
    return info


def describe_file(path: Path) -> SnapshotInfo:
    """What the database file at ``path`` holds (opened read-only)."""
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise BackupFailed(f"Không mở được tệp «{path.name}»: {exc}.") from exc
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        if app_id != APPLICATION_ID:
            raise BackupFailed(f"Tệp «{path.name}» không phải bản sao lưu của Một cửa Desktop.")
        return describe(conn)
    except sqlite3.DatabaseError as exc:
        raise BackupFailed(
            f"Tệp «{path.name}» bị hỏng hoặc không phải bản sao lưu của Một cửa Desktop ({exc})."
        ) from exc
    finally:
        conn.close()


def verify_copy(path: Path, expected: SnapshotInfo | None = None) -> list[str]:
    """Problems of a copy: full integrity check, foreign keys, our file marks, and (when given)
    exactly the device, epoch, sequence and counts of the snapshot it was taken from."""
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        problems = structure_problems(conn, full=True)
        if problems:
            return problems
        problems = foreign_key_problems(conn)
        try:
            found = describe(conn)
        except (sqlite3.DatabaseError, BackupFailed) as exc:
            return [*problems, str(exc)]
        if found.application_id != APPLICATION_ID:
            problems.append("sai dấu nhận dạng tệp (application_id)")
        if expected is not None and found != expected:
            problems.append(
                f"nội dung khác ảnh chụp: có {found.events} sự kiện đến số {found.seq}, "
                f"cần {expected.events} sự kiện đến số {expected.seq}"
            )
        return problems
    finally:
        conn.close()


def copy_aside(live: Path, folder: Path, stem: str) -> list[Path]:
    """Keeps a copy of the live database in ``folder`` before it is replaced; never deletes it.

    A sound database is copied with the backup API (one consistent file); a damaged one is
    copied byte for byte together with its ``-wal`` and ``-shm`` files, exactly as it was, for
    whoever tries to salvage it later.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}.db"
    try:
        source = sqlite3.connect(readonly_uri(live), uri=True, isolation_level=None)
        try:
            if structure_problems(source):
                raise sqlite3.DatabaseError("damaged")
            dest = sqlite3.connect(str(target), isolation_level=None)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
        finally:
            source.close()
        fsync_file(target)
        fsync_dir(folder)
        return [target]
    except sqlite3.Error:
        _remove_quietly(target)
    copied = []
    for suffix in ("", "-wal", "-shm"):
        source_file = Path(str(live) + suffix)
        if source_file.exists():
            copy = folder / f"{stem}.db{suffix}"
            shutil.copy2(source_file, copy)
            fsync_file(copy)
            copied.append(copy)
    fsync_dir(folder)
    return copied


def restore_into(source: Path, live: Path, damaged_folder: Path) -> None:
    """Replaces the content of the database at ``live`` by the copy at ``source`` (backup API).

    If the live file is too damaged for SQLite to write into, it is moved (never deleted) into
    ``damaged_folder`` with its ``-wal``/``-shm`` files and the copy is restored into a new file.
    """
    src = sqlite3.connect(readonly_uri(source), uri=True, isolation_level=None)
    try:
        try:
            _backup_into(src, live)
        except sqlite3.DatabaseError:
            damaged_folder.mkdir(parents=True, exist_ok=True)
            for suffix in ("", "-wal", "-shm"):
                item = Path(str(live) + suffix)
                if item.exists():
                    fileio.replace_file(item, damaged_folder / (live.name + suffix))
            fsync_dir(damaged_folder)
            _backup_into(src, live)
    finally:
        src.close()
    fsync_dir(live.parent)


def _backup_into(src: sqlite3.Connection, live: Path) -> None:
    dest = sqlite3.connect(str(live), isolation_level=None, timeout=10)
    try:
        dest.execute("PRAGMA synchronous=FULL")
        src.backup(dest)
        dest.execute("PRAGMA journal_mode=WAL")
        problems = structure_problems(dest, full=True)
        if problems:
            raise sqlite3.DatabaseError("; ".join(problems))
    finally:
        dest.close()


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


@dataclass(frozen=True)
class IssuedNumbers:
    """What a database says this PC has already issued (read before it is replaced)."""

    device_id: str
    epoch: int
    code_seqs: dict[tuple[str, date], int]
    book_lines: dict[str, int]
    complete: bool  # every part was read and the file passed a quick check


def issued_numbers(store: Store) -> IssuedNumbers | None:
    """Numbers issued according to ``store``, as far as it can still be read (None: not at all)."""
    try:
        device = store.events.device()
    except (sqlite3.DatabaseError, RuntimeError):
        return None
    complete = not structure_problems(store.db.conn)
    code_seqs: dict[tuple[str, date], int] = {}
    book_lines: dict[str, int] = {}
    try:
        code_seqs = store.sequences.issued_code_seqs(device.device_id)
    except sqlite3.DatabaseError:
        complete = False
    try:
        book_lines = store.sequences.book_lines()
    except sqlite3.DatabaseError:
        complete = False
    return IssuedNumbers(device.device_id, device.epoch, code_seqs, book_lines, complete)
