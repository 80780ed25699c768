"""The database of one counter PC: opening, checking, migrating, transactions.

One ``Store`` per thread (SQLite connections are not shared between threads). Every user
action runs in one ``transaction()``: ``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error,
so a dossier, its event and its sequence numbers are written together or not at all.
"""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from motcua_desktop.domain.vntime import VN_TZ, iso
from motcua_desktop.fileio import fault_point, fsync_file, publish
from motcua_desktop.storage.connection import APPLICATION_ID, connect, pragma_int
from motcua_desktop.storage.errors import (
    READONLY,
    DatabaseDamaged,
    EmptyDatabase,
    NewerDatabase,
    ReadOnlyDatabase,
    StorageError,
    WrongDatabase,
    classify,
    environment_fault,
    folder_error,
)
from motcua_desktop.storage.integrity import header_lies, is_empty_file
from motcua_desktop.storage.migrations import all_migrations

if TYPE_CHECKING:
    from motcua_desktop.storage.calendar_table import CalendarTable
    from motcua_desktop.storage.catalogue_table import CatalogueTable
    from motcua_desktop.storage.complaints_table import ComplaintsTable
    from motcua_desktop.storage.dossier_table import DossierTable
    from motcua_desktop.storage.event_log import EventLog
    from motcua_desktop.storage.practice_queries import PracticeQueries
    from motcua_desktop.storage.queue_table import QueueTable
    from motcua_desktop.storage.report_queries import ReportQueries
    from motcua_desktop.storage.sequences import Sequences
    from motcua_desktop.storage.settings_table import SettingsTable
    from motcua_desktop.storage.sync_tables import SyncTables
    from motcua_desktop.storage.users_table import UsersTable


class Store:
    """The tables are made on first use, each importing its module then: the sign-in screen needs
    the settings, users and events, not the dossiers' projection, the reports or the sync tables
    (and the domain modules behind them)."""

    def __init__(self, db: sqlite_utils.Database, path: Path, *, readonly: bool = False) -> None:
        self.db = db
        self.path = path
        self.readonly = readonly
        self._depth = 0
        # Set by the clock guard while nothing may be written (a PC clock far ahead, unconfirmed):
        # called as each guarded transaction starts, it raises the known error that explains why.
        self.write_guard: Callable[[], None] | None = None
        # Records of what a command observed (a sign-in, a clock found fixed) that belong with its
        # first write: they join the first guarded transaction that commits, so a command refused
        # with exit code 2 leaves nothing behind (``flush_deferred`` records them on success).
        self.deferred: list[Callable[[], None]] = []
        self.commits = 0  # transactions committed on this connection (the CLI tells "recorded" from "not")
        # Why nothing may be written on a read-only store (safe mode: the reason and what to do); every
        # transaction is refused with it before it starts.
        self.refusal = ""

    @cached_property
    def events(self) -> EventLog:
        from motcua_desktop.storage.event_log import EventLog

        return EventLog(self.db)

    @cached_property
    def dossiers(self) -> DossierTable:
        from motcua_desktop.storage.dossier_table import DossierTable

        return DossierTable(self.db)

    @cached_property
    def settings(self) -> SettingsTable:
        from motcua_desktop.storage.settings_table import SettingsTable

        return SettingsTable(self.db)

    @cached_property
    def catalogue(self) -> CatalogueTable:
        from motcua_desktop.storage.catalogue_table import CatalogueTable

        return CatalogueTable(self.db)

    @cached_property
    def sequences(self) -> Sequences:
        from motcua_desktop.storage.sequences import Sequences

        return Sequences(self.db)

    @cached_property
    def users(self) -> UsersTable:
        from motcua_desktop.storage.users_table import UsersTable

        return UsersTable(self.db)

    @cached_property
    def calendar(self) -> CalendarTable:
        from motcua_desktop.storage.calendar_table import CalendarTable

        return CalendarTable(self.db)

    @cached_property
    def sync(self) -> SyncTables:
        from motcua_desktop.storage.sync_tables import SyncTables

        return SyncTables(self.db)

    @cached_property
    def reports(self) -> ReportQueries:
        from motcua_desktop.storage.report_queries import ReportQueries

        return ReportQueries(self.db)

    @cached_property
    def complaints(self) -> ComplaintsTable:
        from motcua_desktop.storage.complaints_table import ComplaintsTable

        return ComplaintsTable(self.db)

    @cached_property
    def queue(self) -> QueueTable:
        from motcua_desktop.storage.queue_table import QueueTable

        return QueueTable(self.db)

    @cached_property
    def practices(self) -> PracticeQueries:
        from motcua_desktop.storage.practice_queries import PracticeQueries

        return PracticeQueries(self.db)

    @contextmanager
    def replayable(self) -> Iterator[None]:
        """Transactions whose content can be fetched again (other counters' events pulled from the office
        hub) commit without their own fsync (``synchronous=NORMAL`` in WAL: still atomic and consistent;
        a power cut may lose the last of them, and the next pull brings them again). The next ordinary
        commit fsyncs them with it, so nothing a clerk builds on them is less durable."""
        self.db.execute("PRAGMA synchronous=NORMAL")
        try:
            yield
        finally:
            self.db.execute("PRAGMA synchronous=FULL")

    @contextmanager
    def transaction(self, *, guarded: bool = True) -> Iterator[None]:
        """All-or-nothing unit of work; nested calls join the outer transaction.

        ``guarded=False`` is for security records that must be kept whatever the clock says (a
        wrong password): the write guard is not asked and deferred records are not added.
        """
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        if self.readonly:
            raise ReadOnlyDatabase(self.refusal or READONLY)
        if guarded and self.write_guard is not None:
            self.write_guard()
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise (classify(exc) or exc) from exc
        self._depth = 1
        try:
            if guarded:
                for record in self.deferred:
                    record()
            yield
        except sqlite3.Error as exc:
            self._rollback()
            known = classify(exc)
            if known is not None:
                raise known from exc
            raise
        except BaseException:
            self._rollback()
            raise
        else:
            try:
                fault_point("commit")  # SQLite's commit is the durable step (the kill tests stop here)
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise (classify(exc) or exc) from exc
            if guarded:
                self.deferred.clear()
            self.commits += 1
            fault_point("committed")  # and just after it: written, not yet shown to anyone
        finally:
            self._depth = 0

    def flush_deferred(self) -> None:
        """Writes the deferred records now (a command that succeeded without writing anything)."""
        if self.deferred and not self.readonly:
            with self.transaction():
                pass

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def _rollback(self) -> None:
        if self.db.conn.in_transaction:
            self.db.conn.execute("ROLLBACK")

    def make_readonly(self, refusal: str = "") -> None:
        """No more writes on this connection (safe mode: ``refusal`` says why and what to do)."""
        self.db.execute("PRAGMA query_only = ON")
        self.readonly = True
        self.refusal = refusal or self.refusal

    def schema_version(self) -> int:
        return pragma_int(self.db, "user_version")

    def close(self) -> None:
        """Closes the connection, first letting SQLite refresh the planner's statistics where this
        connection's queries showed they are missing or stale (its recommended ``PRAGMA optimize``
        before closing; ``analysis_limit`` keeps that a sample, milliseconds on a million rows).
        Without statistics the report queries pick a worse index and run several times slower."""
        if not self.readonly:
            with contextlib.suppress(sqlite3.Error):  # busy, read-only or already closed: next time
                if not self.db.conn.in_transaction:
                    self.db.execute("PRAGMA analysis_limit = 1000")
                    self.db.execute("PRAGMA optimize")
        self.deferred.clear()  # what a command observed on this connection is not written elsewhere
        self.write_guard = None
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: Path | str, *, readonly: bool = False, backup_dir: Path | None = None) -> Store:
    """Opens (creating when absent) and migrates the database at ``path``.

    An existing but empty file (0 bytes) is refused (``EmptyDatabase``), never taken for a new database.
    Refuses a file that is not ours or comes from a newer version of the program, with a
    message saying so. Before migrating an existing file, a copy is taken in ``backup_dir``
    (default: ``<data folder>/backups/pre-migration``).
    """
    path = Path(path)
    if is_empty_file(path):  # a power cut's empty file: a new database in its place would reissue codes
        raise EmptyDatabase(
            f"Tệp cơ sở dữ liệu «{path}» có nhưng rỗng (0 byte); chương trình không tạo cơ sở dữ liệu mới thay "
            "cho nó. Hãy khôi phục từ bản sao lưu."
        )
    is_new = not path.exists() or path.stat().st_size == 0
    if readonly and is_new:
        raise StorageError(f"Không tìm thấy cơ sở dữ liệu «{path}».")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise folder_error(exc, path.parent) from None
    try:
        db = connect(path, readonly=readonly)
    except sqlite3.DatabaseError as exc:  # a full disk or a read-only folder is said as such, never "not ours"
        raise (environment_fault(exc, path) or _not_ours(path)) from exc
    try:
        _check_and_migrate(db, path, is_new=is_new, readonly=readonly, backup_dir=backup_dir)
    except sqlite3.DatabaseError as exc:
        db.conn.close()
        fault = environment_fault(exc, path)
        if fault is not None:
            raise fault from exc
        if "not a database" in str(exc) or "file is encrypted" in str(exc):
            raise _not_ours(path) from exc
        known = classify(exc)
        if known is not None:
            raise known from exc
        if not is_new:  # "table settings already exists": the header's schema version does not match the content
            raise _damaged(path, exc) from exc
        raise
    except UnicodeDecodeError as exc:  # text the file's header says is in another encoding
        db.conn.close()
        raise _damaged(path, exc) from exc
    except BaseException:
        db.conn.close()
        raise
    return Store(db, path, readonly=readonly)


def _damaged(path: Path, exc: Exception) -> DatabaseDamaged:
    return DatabaseDamaged(
        f"Tệp cơ sở dữ liệu «{path.name}» bị hỏng: phần đầu tệp không khớp nội dung ({exc}). "
        "Hãy khôi phục từ bản sao lưu gần nhất."
    )


def _not_ours(path: Path) -> WrongDatabase:
    return WrongDatabase(
        f"Tệp «{path.name}» không phải cơ sở dữ liệu của Một cửa Desktop (hoặc đã hỏng nặng). "
        "Hãy chọn đúng tệp, hoặc khôi phục từ bản sao lưu."
    )


def _check_and_migrate(
    db: sqlite_utils.Database, path: Path, *, is_new: bool, readonly: bool, backup_dir: Path | None
) -> None:
    migrations = all_migrations()
    latest = migrations[-1].version
    app_id = pragma_int(db, "application_id")
    version = pragma_int(db, "user_version")
    has_tables = bool(db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
    if app_id != APPLICATION_ID and (app_id != 0 or has_tables):
        raise _not_ours(path)
    if version > latest:
        raise NewerDatabase(
            f"Cơ sở dữ liệu «{path.name}» được tạo bởi phiên bản mới hơn của chương trình (lược đồ {version}, "
            f"phiên bản này chỉ hiểu đến {latest}). Hãy cài phiên bản mới nhất; dữ liệu không bị thay đổi."
        )
    if version == latest:
        return
    if has_tables and header_lies(db, tuple(migrations), version):  # the content is already at the latest schema
        raise DatabaseDamaged(
            f"Tệp cơ sở dữ liệu «{path.name}» bị hỏng: phần đầu tệp ghi lược đồ số {version} nhưng nội dung đã là "
            f"lược đồ {latest} (một byte của phần đầu tệp bị thay đổi). Không nâng cấp gì; hãy khôi phục từ bản sao "
            "lưu gần nhất."
        )
    if readonly:
        raise DatabaseDamaged(
            f"Cơ sở dữ liệu cần nâng cấp lược đồ ({version} → {latest}) nhưng đang mở ở chế độ chỉ đọc."
        )
    if not is_new and version > 0:
        backup_before_migration(db, path, version, backup_dir)
    if version == 0:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for migration in migrations:
        if migration.version <= version:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            current = pragma_int(db, "user_version")
            if current >= migration.version:  # another process migrated meanwhile
                db.execute("ROLLBACK")
                continue
            migration.apply(db)
            db.execute(f"PRAGMA user_version = {migration.version}")
            fault_point(f"commit migration {migration.version}")
            db.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.execute("ROLLBACK")
            raise
    if db.execute("SELECT count(*) FROM device").fetchone()[0] == 0:
        with_device(db)


def with_device(db: sqlite_utils.Database) -> None:
    """Gives a brand-new database its device identity (epoch 1)."""
    device_id = "MC-" + secrets.token_hex(4).upper()
    db.execute("BEGIN IMMEDIATE")
    try:
        if db.execute("SELECT count(*) FROM device").fetchone()[0] == 0:
            db.execute(
                "INSERT INTO device (singleton, device_id, epoch, created_at) VALUES (1, ?, 1, ?)",
                [device_id, iso(datetime.now(VN_TZ))],
            )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def backup_before_migration(db: sqlite_utils.Database, path: Path, version: int, backup_dir: Path | None) -> Path:
    """Consistent copy of the database (SQLite backup API), fsynced, before a schema change."""
    folder = backup_dir or path.parent / "backups" / "pre-migration"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(VN_TZ).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-v{version}-{stamp}.db"
    partial = target.with_name(target.name + ".partial")  # a crash mid-copy never leaves a torn file named .db
    dest = sqlite3.connect(str(partial))
    try:
        db.conn.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    fsync_file(partial)
    publish(partial, target)  # rename retried while an antivirus holds the new file
    return target
