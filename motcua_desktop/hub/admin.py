"""``motcua hub init``: the hub's schema and one login role per counter, in one transaction.

Run by the IT officer with a PostgreSQL superuser's URL. It may run again: it adds what is missing
(counters, a commune's partition) and leaves existing roles and their passwords alone, except the
counters named with ``reset`` (a replaced PC): new password, and the role may claim a new device.
Passwords are hashed (SCRAM) here, so they never reach the server or its log in clear.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

import psycopg
from psycopg import sql

from motcua_desktop.hub import schema
from motcua_desktop.hub.errors import HubRefused, translate
from motcua_desktop.hub.schema import HubNames

MAX_COUNTERS = 99


@dataclass(frozen=True)
class CounterAccess:
    counter_no: int
    role: str
    password: str | None  # None: the role existed and keeps its password
    url: str  # what to give the counter (``motcua hub connect URL``), with the password when new


@dataclass(frozen=True)
class HubInit:
    database: str
    agency_id: str
    counters: tuple[CounterAccess, ...]
    created_schema: bool


def init_hub(
    admin_url: str,
    *,
    agency_id: str,
    counters: int,
    reset: Sequence[int] = (),
    counter_host: str = "",
    counter_port: int | None = None,
) -> HubInit:
    """Creates (or completes) the hub in the database of ``admin_url`` for the commune ``agency_id``."""
    if not 1 <= counters <= MAX_COUNTERS:
        raise HubRefused(f"Số quầy phải từ 1 đến {MAX_COUNTERS}.")
    info = psycopg.conninfo.conninfo_to_dict(admin_url)
    where = f"{info.get('host') or 'localhost'}:{info.get('port') or 5432}"
    try:
        with psycopg.connect(admin_url, connect_timeout=10, application_name="motcua hub init") as conn:
            return _init(conn, agency_id, counters, set(reset), counter_host, counter_port)
    except psycopg.Error as exc:
        raise translate(exc, where) from exc


def _init(
    conn: psycopg.Connection[tuple[object, ...]],
    agency_id: str,
    counters: int,
    reset: set[int],
    counter_host: str,
    counter_port: int | None,
) -> HubInit:
    row = conn.execute("SELECT current_database(), rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
    assert row is not None
    database, superuser = str(row[0]), bool(row[1])
    if not superuser:
        raise HubRefused(
            "«motcua hub init» cần tài khoản quản trị PostgreSQL (superuser, ví dụ «postgres») để tạo các vai trò."
        )
    names = HubNames(database)
    owner, group = sql.Identifier(names.owner), sql.Identifier(names.group)
    for role in (names.owner, names.group):
        if not _role_exists(conn, role):
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
    created = conn.execute("SELECT to_regclass('motcua.events') IS NULL").fetchone() == (True,)
    conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS motcua AUTHORIZATION {}").format(owner))
    conn.execute(sql.SQL("SET LOCAL ROLE {}").format(owner))
    conn.execute(schema.TABLES)
    conn.execute(
        sql.SQL("CREATE TABLE IF NOT EXISTS motcua.{} PARTITION OF motcua.events FOR VALUES IN ({})").format(
            sql.Identifier(names.partition(agency_id)), sql.Literal(agency_id)
        )
    )
    conn.execute(schema.FUNCTIONS)
    conn.execute(sql.SQL(schema.SECURITY).format(group=group))
    conn.execute(
        "INSERT INTO motcua.hub_meta (key, value) VALUES ('schema_version', %s) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [str(schema.SCHEMA_VERSION)],
    )
    conn.execute("RESET ROLE")
    conn.execute(sql.SQL("REVOKE CONNECT, TEMPORARY ON DATABASE {} FROM PUBLIC").format(sql.Identifier(database)))
    conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), group))
    info = psycopg.conninfo.conninfo_to_dict(conn.info.dsn)
    host = counter_host or str(info.get("host") or "localhost")
    port = counter_port or int(info.get("port") or 5432)
    access = []
    for number in range(1, counters + 1):
        role = names.counter_role(agency_id, number)
        password: str | None = None
        if not _role_exists(conn, role):
            password = secrets.token_urlsafe(18)
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN CONNECTION LIMIT 8 PASSWORD {} IN ROLE {}").format(
                    sql.Identifier(role), sql.Literal(_scram(conn, role, password)), group
                )
            )
        elif number in reset:
            password = secrets.token_urlsafe(18)
            conn.execute(
                sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                    sql.Identifier(role), sql.Literal(_scram(conn, role, password))
                )
            )
        conn.execute(
            "INSERT INTO motcua.counter_roles (role_name, agency_id, counter_no) VALUES (%s, %s, %s) "
            "ON CONFLICT (role_name) DO NOTHING",
            [role, agency_id, number],
        )
        if number in reset:
            conn.execute("UPDATE motcua.counter_roles SET device_id = NULL WHERE role_name = %s", [role])
        access.append(CounterAccess(number, role, password, counter_url(host, port, database, role, password)))
    return HubInit(database, agency_id, tuple(access), created)


def _role_exists(conn: psycopg.Connection[tuple[object, ...]], role: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone() is not None


def _scram(conn: psycopg.Connection[tuple[object, ...]], role: str, password: str) -> str:
    return conn.pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256").decode("ascii")


def counter_url(host: str, port: int, database: str, role: str, password: str | None) -> str:
    secret = f":{quote(password, safe='')}" if password else ""
    return f"postgresql://{quote(role, safe='')}{secret}@{host}:{port}/{quote(database, safe='')}?sslmode=require"
