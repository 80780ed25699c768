"""Database copies on disk: consistent snapshots, durable writes, verification, restore.

A snapshot uses SQLite's online backup API inside one read transaction, so it is exactly the
database as of one commit, even while the counter keeps registering; never a plain file copy
of a live database (which can tear). Files are written under a temporary name, fsynced, renamed,
and the folder fsynced, so a power cut leaves either the old state or the complete new file
(``motcua_desktop.fileio``: binary mode, and renames retried while an antivirus holds the file).
"""

from __future__ import annotations

import contextlib
import json
import logging
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
from motcua_desktop.storage.sync_outbox import AckRow, BatchRow

PARTIAL = fileio.PARTIAL
log = logging.getLogger("motcua.backup")
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
    for path in folder.glob(f".tmp-*{PARTIAL}*"):  # with the copy's own "-journal" left by a kill
        if Path(str(path).removesuffix("-journal")) not in _IN_USE:
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
    whoever tries to salvage it later. Each file is written under a temporary name, fsynced and
    renamed: a copy under its final name is always complete.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}.db"
    partial = target.with_name(target.name + PARTIAL)
    try:
        source = sqlite3.connect(readonly_uri(live), uri=True, isolation_level=None)
        try:
            if structure_problems(source):
                raise sqlite3.DatabaseError("damaged")
            _remove_quietly(partial)
            dest = sqlite3.connect(str(partial), isolation_level=None)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
        finally:
            source.close()
        fsync_file(partial)
        publish(partial, target)
        return [target]
    except sqlite3.Error:
        _remove_quietly(partial)
        _remove_quietly(Path(str(partial) + "-journal"))
    copied = []
    for suffix in ("-wal", "-shm", ""):  # the main file last: its name says the copy is complete
        source_file = Path(str(live) + suffix)
        if source_file.exists():
            copy = folder / f"{stem}.db{suffix}"
            temporary = copy.with_name(copy.name + PARTIAL)
            shutil.copy2(source_file, temporary)
            fsync_file(temporary)
            publish(temporary, copy)
            copied.append(copy)
    return sorted(copied, key=lambda p: p.name)


# --- the restore as one atomic step ------------------------------------------------------------
#
# ``motcua.db.restore-new`` is the restored database, complete (content of the backup, new epoch,
# sequences moved, outbox carried over) and fsynced before ``motcua.db.restore-journal`` names it.
# The journal is the commit point: with it, the next opening finishes the swap (``finish_restore``);
# without it, a left-over new file is only removed. So a kill at any moment leaves either the old
# database or the whole restored one, never the content of one with the numbering of the other.

RESTORE_NEW = ".restore-new"
RESTORE_JOURNAL = ".restore-journal"
_SIDE_FILES = ("-wal", "-shm", "-journal")


def restore_paths(live: Path) -> tuple[Path, Path]:
    """(the new database being built, the restore journal) beside ``live``."""
    return live.with_name(live.name + RESTORE_NEW), live.with_name(live.name + RESTORE_JOURNAL)


def build_restored(source: Path, target: Path) -> None:
    """A new single-file database at ``target`` holding the copy at ``source`` (backup API)."""
    discard_files(target)
    try:
        src = sqlite3.connect(readonly_uri(source), uri=True, isolation_level=None)
        try:
            dest = sqlite3.connect(str(target), isolation_level=None)
            try:
                dest.execute("PRAGMA synchronous=FULL")
                src.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        known = classify(exc)
        raise BackupFailed(
            "Không tạo được cơ sở dữ liệu khôi phục: "
            + (known.message if known else str(exc))
            + " Dữ liệu đang dùng không thay đổi."
        ) from exc


def seal_restored(target: Path) -> None:
    """The new database back to one self-contained file (no ``-wal``), fsynced with its folder."""
    conn = sqlite3.connect(str(target), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        problems = structure_problems(conn)  # quick: the full check ran before (``check_open``)
    finally:
        conn.close()
    if problems:
        raise BackupFailed("Cơ sở dữ liệu khôi phục không đạt kiểm tra: " + "; ".join(problems[:3]))
    fsync_file(target)
    fsync_dir(target.parent)


def checkpoint(live: Path) -> bool:
    """Moves everything committed in ``live``'s ``-wal`` into the file itself (False: not possible,
    e.g. a damaged file; its byte copy is kept aside)."""
    try:
        conn = sqlite3.connect(str(live), isolation_level=None, timeout=10)
        try:
            row = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return row is not None and int(row[0]) == 0


def commit_restore(live: Path, journal: dict[str, object]) -> None:
    """Writes the restore journal (the commit point) and swaps the new database in."""
    _, marker = restore_paths(live)
    fileio.write_atomic(marker, (json.dumps(journal, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    finish_restore(live)


def finish_restore(live: Path) -> str:
    """At every opening, before the database is opened: a restore that was interrupted is finished
    (journal present: "completed") or its left-overs removed (no journal: "undone"); "" when there
    was none. The old ``-wal``/``-shm`` go first (the old file was checkpointed before the journal
    was written, and its copy kept aside): never would SQLite apply them to the new file."""
    new, marker = restore_paths(live)
    if marker.exists():
        log.warning("finishing an interrupted restore of %s: %s", live, read_restore_journal(live))
        if new.exists():
            for suffix in _SIDE_FILES:
                fileio.remove_file(Path(str(live) + suffix))
            fileio.replace_file(new, live)
        fsync_dir(live.parent)
        fileio.remove_file(marker)
        fsync_dir(live.parent)
        return "completed"
    leftovers = [new, *(Path(str(new) + s) for s in _SIDE_FILES), marker.with_name(marker.name + PARTIAL)]
    leftovers += (live.parent / "backups" / "before-restore").glob(f"*{PARTIAL}")  # a copy aside cut short
    found = [p for p in leftovers if p.exists()]
    for path in found:
        log.warning("removing what an interrupted restore left: %s", path.name)
        fileio.remove_file(path)
    return "undone" if found else ""


def discard_files(path: Path) -> None:
    """Removes a database file being built and its side files (a restore that did not commit)."""
    for suffix in ("", *_SIDE_FILES):
        _remove_quietly(Path(str(path) + suffix))


def read_restore_journal(live: Path) -> dict[str, object] | None:
    _, marker = restore_paths(live)
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def outbox_state(store: Store, device_id: str) -> tuple[list[BatchRow], list[AckRow]]:
    """This PC's export batches and acknowledgements as far as ``store`` can still be read (carried
    into a restored database, so that the numbering continues after what was really exported)."""
    try:
        batches = store.sync.outbox.batches(device_id=device_id)
        acks = [a for a in store.sync.outbox.acks() if a.device_id == device_id]
    except sqlite3.DatabaseError:
        return [], []
    return batches, acks


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
