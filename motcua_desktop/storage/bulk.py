"""Fast loading of many dossiers at once (synthetic demo data, benchmarks).

Events keep the same chain (sequence, previous hash, ``domain.events.encode_header``/``event_hash``) as
``EventLog.append``. For the load the writer:

- drops the non-unique indexes of ``events`` and ``dossiers`` and builds them once at the end
  (sorted builds are several times faster than millions of random B-tree inserts, and give packed
  pages). The dropped definitions are kept in ``settings`` in the same transaction, so a load that
  was interrupted gets its indexes back the next time a ``BulkWriter`` opens the database;
- writes in large transactions with ``synchronous=NORMAL`` (no fsync per batch; WAL stays
  corruption-safe) and, when no other connection has the file open, in rollback-journal mode so
  new pages are written once instead of twice (WAL, then checkpoint). The connection's usual
  settings (WAL, ``synchronous=FULL``) are restored by ``finish``;
- builds the name index (FTS5) from the table once at the end.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from motcua_desktop.domain.events import GENESIS_HASH, encode_header, event_hash, event_header
from motcua_desktop.domain.settings import BULK_PENDING_INDEXES
from motcua_desktop.storage.connection import pragma_value
from motcua_desktop.storage.dossier_table import insert_ratings
from motcua_desktop.storage.event_log import _COLUMNS as EVENT_COLUMNS
from motcua_desktop.storage.report_rows import RatingRow
from motcua_desktop.storage.store import Store

_BULK_TABLES = ("events", "dossiers")
_INSERT_EVENT = f"INSERT INTO events ({EVENT_COLUMNS}, imported) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0)"


class BulkWriter:
    def __init__(self, store: Store, *, batch: int = 50_000) -> None:
        self.store = store
        self.batch = batch
        restore_pending_indexes(store)
        device = store.events.device()
        self.device_id, self.epoch = device.device_id, device.epoch
        head = store.events.head(self.device_id, self.epoch)
        self.seq, self.prev_hash = (0, GENESIS_HASH) if head is None else (head.last_seq, head.last_hash)
        self._events: list[tuple[Any, ...]] = []
        self._dossiers: list[Sequence[Any]] = []
        self._dossier_sql = ""
        self._ratings: list[RatingRow] = []
        self.code_sequences: dict[tuple[str, date], tuple[int, int, int]] = {}
        self.book_lines: dict[str, int] = {}
        self.events_written = 0
        self.dossiers_written = 0
        self._journal = str(pragma_value(store.db, "journal_mode"))
        self._cache_size = int(str(pragma_value(store.db, "cache_size")))
        self._started = False

    def start(self) -> None:
        """Switches the connection to load settings and drops the non-unique indexes."""
        db = self.store.db
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA cache_size=-262144")  # 256 MiB: the unique indexes stay in memory
        db.execute("PRAGMA threads=2")  # index builds at the end sort with a helper thread
        with contextlib.suppress(sqlite3.OperationalError):  # refused while another connection is open
            db.execute("PRAGMA journal_mode=DELETE")
        with self.store.transaction():
            rows = db.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND tbl_name IN ({', '.join('?' * len(_BULK_TABLES))})",
                list(_BULK_TABLES),
            ).fetchall()
            dropped = [(name, sql) for name, sql in rows if not sql.upper().startswith("CREATE UNIQUE")]
            if dropped:
                self.store.settings.put(BULK_PENDING_INDEXES, [sql for _, sql in dropped])
            for name, _ in dropped:
                db.execute(f'DROP INDEX "{name}"')
        self._started = True

    def event(
        self,
        *,
        uuid: str,
        kind: str,
        actor: str,
        occurred_at: str,
        payload_json: str,
        dossier_uuid: str | None = None,
        dossier_rev: int | None = None,
    ) -> str:
        """Appends the next event of this PC's chain (``occurred_at`` in stored ISO form, the payload
        already canonical JSON); returns its hash."""
        self.seq += 1
        header_json = encode_header(
            event_header(
                uuid,
                self.device_id,
                self.epoch,
                self.seq,
                kind,
                actor,
                occurred_at,
                dossier_uuid,
                dossier_rev,
                self.prev_hash,
            )
        )
        digest = event_hash(header_json, payload_json)
        self._events.append(
            (
                uuid,
                self.device_id,
                self.epoch,
                self.seq,
                kind,
                actor,
                occurred_at,
                dossier_uuid,
                dossier_rev,
                payload_json,
                self.prev_hash,
                digest,
            )
        )
        self.prev_hash = digest
        if len(self._events) >= self.batch:
            self.flush()
        return digest

    def dossiers(
        self,
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
        ratings: Iterable[RatingRow] = (),
    ) -> None:
        """Projection rows (values in the order of ``columns``, as ``dossier_table.projection_row``)
        and the satisfaction ratings of those dossiers (``report_queries.satisfaction_rows``)."""
        if not self._dossier_sql:
            self._dossier_sql = f"INSERT INTO dossiers ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        self._dossiers.extend(rows)
        self._ratings.extend(ratings)
        if len(self._dossiers) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self._events and not self._dossiers:
            return
        db = self.store.db
        with self.store.transaction():
            if self._events:
                db.conn.executemany(_INSERT_EVENT, self._events)
                db.execute(
                    "INSERT INTO chain_heads (device_id, epoch, last_seq, last_hash) VALUES (?,?,?,?) "
                    "ON CONFLICT (device_id, epoch) DO UPDATE SET last_seq = excluded.last_seq, "
                    "last_hash = excluded.last_hash",
                    [self.device_id, self.epoch, self.seq, self.prev_hash],
                )
            if self._dossiers:
                db.conn.executemany(self._dossier_sql, self._dossiers)
                insert_ratings(db, self._ratings)
        self.events_written += len(self._events)
        self.dossiers_written += len(self._dossiers)
        self._events.clear()
        self._dossiers.clear()
        self._ratings.clear()

    def finish(self) -> None:
        """Writes what is buffered and the sequences issued, rebuilds the indexes and the name index,
        and puts the connection back to its usual settings."""
        self.flush()
        db = self.store.db
        with self.store.transaction():
            for (agency, day), (last, first, final) in self.code_sequences.items():
                db.execute(
                    "INSERT INTO code_sequences (agency_id, day, last_seq, block_first, block_last) VALUES (?,?,?,?,?) "
                    "ON CONFLICT (agency_id, day) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)",
                    [agency, day.isoformat(), last, first, final],
                )
            for volume, line in self.book_lines.items():
                db.execute(
                    "INSERT INTO book_sequences (volume, last_line) VALUES (?, ?) "
                    "ON CONFLICT (volume) DO UPDATE SET last_line = max(last_line, excluded.last_line)",
                    [volume, line],
                )
        restore_pending_indexes(self.store)
        with self.store.transaction():
            self.store.dossiers.rebuild_name_index()
        db.execute("ANALYZE")  # full statistics for the planner: a fresh load has none (seconds on 1M rows)
        if self._started:
            if self._journal.lower() == "wal":
                db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute(f"PRAGMA cache_size={self._cache_size}")
            db.execute("PRAGMA threads=0")


def restore_pending_indexes(store: Store) -> None:
    """Re-creates the indexes a bulk load dropped (at its end, or after it was interrupted)."""
    pending = store.settings.value(BULK_PENDING_INDEXES)
    if not pending:
        return
    with store.transaction():
        for sql in pending:
            store.db.execute(sql.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
        store.settings.clear(BULK_PENDING_INDEXES)
