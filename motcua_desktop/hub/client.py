"""A counter's connection to the hub: claim its role, push its events, read the others', wait.

Every call either answers or raises ``HubError`` (``HubUnavailable`` when the server does not answer,
``HubRefused`` when it says no); the connection is then unusable and the caller opens a new one
later. TCP keep-alives and a user timeout make a cut LAN fail within seconds instead of hanging.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg

from motcua_desktop.hub import schema
from motcua_desktop.hub.errors import HubError, HubRefused, translate, unavailable
from motcua_desktop.sync.hub_wire import WireEvent

CONNECT_TIMEOUT_S = 3
STRONG_SSLMODES = ("require", "verify-ca", "verify-full")


@dataclass(frozen=True)
class HubChain:
    device_id: str
    epoch: int
    last_seq: int
    last_hash: str


@dataclass(frozen=True)
class HubDevice:
    device_id: str
    counter_no: int
    card: str
    last_seen_at: datetime


def connection_options(url: str, ca_file: Path | None = None) -> dict[str, Any]:
    """libpq options of a counter's URL: TLS required (verified against ``ca_file`` when given),
    short timeouts, keep-alives. Refuses a URL asking for an unencrypted connection."""
    try:
        info: dict[str, Any] = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise HubRefused(f"Chuỗi kết nối máy chủ văn phòng không hợp lệ: {exc}.") from None
    mode = str(info.get("sslmode") or "require")
    if ca_file is not None:
        info["sslrootcert"] = str(ca_file)
        mode = mode if mode in ("verify-ca", "verify-full") else "verify-ca"
    if mode not in STRONG_SSLMODES:
        raise HubRefused(
            f"Kết nối máy chủ văn phòng phải được mã hóa (sslmode={mode} không được chấp nhận). "
            "Dùng sslmode=require hoặc verify-ca với chứng chỉ của máy chủ."
        )
    info["sslmode"] = mode
    info.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
    info.update(
        application_name="motcua-desktop",
        keepalives=1,
        keepalives_idle=5,
        keepalives_interval=2,
        keepalives_count=2,
        tcp_user_timeout=8000,
    )
    return info


def driver() -> str:
    """Which PostgreSQL driver this program runs with ("psycopg 3.2.9, libpq 17.6, binary"): the IT
    officer's first line when a counter cannot connect, and the packaged build's check that it ships
    its own libpq (``binary``; ``python`` would mean a libpq looked for on the PC, absent on Windows)."""
    version = psycopg.pq.version()
    return f"psycopg {psycopg.__version__}, libpq {version // 10000}.{version % 100}, {psycopg.pq.__impl__}"


def describe(url: str) -> str:
    """``host:port/database (user)`` without the password, for messages and the status page."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "?"
    return f"{info.get('host') or 'localhost'}:{info.get('port') or 5432}/{info.get('dbname') or ''}"


class HubConnection:
    """One autocommit connection; also the listener for the hub's notifications."""

    def __init__(self, conn: psycopg.Connection[tuple[Any, ...]], where: str) -> None:
        self._conn = conn
        self.where = where
        self.agency_id = ""
        self.counter_no = 0
        self.listening = False

    @classmethod
    def open(cls, url: str, ca_file: Path | None = None) -> HubConnection:
        options = connection_options(url, ca_file)
        where = describe(url)
        try:
            conn = psycopg.connect(autocommit=True, **options)
        except psycopg.Error as exc:
            raise translate(exc, where) from None
        except OSError as exc:
            raise unavailable(where, exc) from None
        hub = cls(conn, where)
        try:
            with hub._errors():
                row = conn.execute(
                    "SELECT (SELECT value FROM motcua.hub_meta WHERE key = 'schema_version'), motcua.my_agency(), "
                    "motcua.my_counter()"
                ).fetchone()
        except HubError:
            hub.close()
            raise
        if row is None or row[1] is None:
            hub.close()
            raise HubRefused(f"Máy chủ văn phòng ({where}): tài khoản này không phải tài khoản của một quầy.")
        if str(row[0]) != str(schema.SCHEMA_VERSION):
            hub.close()
            raise HubRefused(
                f"Máy chủ văn phòng ({where}) dùng lược đồ phiên bản {row[0]}, chương trình này cần phiên bản "
                f"{schema.SCHEMA_VERSION}. Hãy cập nhật Một cửa Desktop trên mọi máy cùng lúc."
            )
        hub.agency_id, hub.counter_no = str(row[1]), int(row[2])
        return hub

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as exc:
            raise translate(exc, self.where) from None
        except OSError as exc:
            raise unavailable(self.where, exc) from None

    def close(self) -> None:
        with suppress(psycopg.Error, OSError):  # closing a dead connection
            self._conn.close()

    def __enter__(self) -> HubConnection:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return bool(self._conn.closed)

    # --- who this counter is --------------------------------------------------------------------
    def claim(self, card: str) -> int:
        """Binds this counter's role to its device (first time) and publishes its key card."""
        with self._errors():
            row = self._conn.execute("SELECT motcua.claim(%s)", [card]).fetchone()
        return int(row[0]) if row else 0

    def heartbeat(self) -> datetime | None:
        with self._errors():
            row = self._conn.execute("SELECT motcua.heartbeat()").fetchone()
        return row[0] if row else None

    def now(self) -> datetime:
        with self._errors():
            row = self._conn.execute("SELECT now()").fetchone()
        assert row is not None
        return row[0]  # type: ignore[no-any-return]

    # --- reading ----------------------------------------------------------------------------------
    def chains(self) -> list[HubChain]:
        with self._errors():
            rows = self._conn.execute(
                "SELECT device_id, epoch, last_seq, last_hash FROM motcua.chains ORDER BY device_id, epoch"
            ).fetchall()
        return [HubChain(r[0], int(r[1]), int(r[2]), r[3]) for r in rows]

    def devices(self) -> list[HubDevice]:
        with self._errors():
            rows = self._conn.execute(
                "SELECT device_id, counter_no, card, last_seen_at FROM motcua.devices ORDER BY counter_no, device_id"
            ).fetchall()
        return [HubDevice(r[0], int(r[1]), r[2], r[3]) for r in rows]

    def fetch(self, device_id: str, epoch: int, after_seq: int, limit: int) -> list[WireEvent]:
        """Events of one chain after ``after_seq``, in sequence order (the hub holds them without gaps)."""
        with self._errors():
            rows = self._conn.execute(
                "SELECT device_id, epoch, seq, uuid, prev_hash, hash, line, signature FROM motcua.events "
                "WHERE agency_id = %s AND device_id = %s AND epoch = %s AND seq > %s ORDER BY seq LIMIT %s",
                [self.agency_id, device_id, epoch, after_seq, limit],
            ).fetchall()
        return [WireEvent(r[0], int(r[1]), int(r[2]), r[3], r[4], r[5], r[6], r[7]) for r in rows]

    def hash_at(self, device_id: str, epoch: int, seq: int) -> str | None:
        with self._errors():
            row = self._conn.execute(
                "SELECT hash FROM motcua.events WHERE agency_id = %s AND device_id = %s AND epoch = %s AND seq = %s",
                [self.agency_id, device_id, epoch, seq],
            ).fetchone()
        return None if row is None else str(row[0])

    # --- writing ----------------------------------------------------------------------------------
    def push(self, rows: Sequence[WireEvent]) -> int:
        """Appends this counter's events (one statement; rows the hub holds already are skipped, so a
        resend after a cut is harmless). Returns how many were new."""
        if not rows:
            return 0
        columns: list[list[Any]] = [[] for _ in range(8)]
        for r in rows:
            for i, value in enumerate((r.device_id, r.epoch, r.seq, r.uuid, r.prev_hash, r.hash, r.line, r.signature)):
                columns[i].append(value)
        with self._errors():
            cursor = self._conn.execute(
                "INSERT INTO motcua.events (agency_id, device_id, epoch, seq, uuid, prev_hash, hash, line, signature) "
                "SELECT %s, * FROM unnest(%b::text[], %b::int[], %b::bigint[], %b::text[], %b::text[], %b::text[], "
                "%b::text[], %b::text[]) ON CONFLICT DO NOTHING",  # binary arrays: no quoting of the JSON lines
                [self.agency_id, *columns],
            )
        return int(cursor.rowcount)

    # --- waiting ----------------------------------------------------------------------------------
    def listen(self) -> None:
        with self._errors():
            self._conn.execute(f"LISTEN {schema.CHANNEL}")
        self.listening = True

    def wait(self, timeout: float) -> list[str]:
        """Payloads of the notifications that arrive within ``timeout`` seconds (or were queued)."""
        found: list[str] = []
        with self._errors():
            for note in self._conn.notifies(timeout=timeout, stop_after=1):
                found.append(note.payload)
        return found
