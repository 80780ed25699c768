"""Registering one dossier through the service vs a bare fsync'd SQLite transaction writing the same rows.

``services.dossiers.registration.register`` (validation, catalogue, due date, code and book sequences, the
hash-chained event, the projection row and its name-index entry, the idempotency key, one
``BEGIN IMMEDIATE … COMMIT`` with WAL + synchronous=FULL, then the duplicate check) on a scratch copy of
the 1M-dossier database, vs the floor: on the same file and connection settings, one transaction that
looks up the request id, upserts a code and a book sequence, reads the chain head and inserts the same
bytes the service wrote (dossier row, FTS entry, event row, chain head, request key; copies of the
last registrations, one per applicant name, with the ID numbers numbered as the requests number
them), prepared beforehand, then runs the duplicate query. Interleaved; target ≤ 1.5×.

    python bench/bench_register.py [--quick]
"""

from __future__ import annotations

import sys
import uuid as uuidlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.contract import BenchEnv, BenchRow, interleaved, median, p99

GIVEN = ("An", "Bình", "Lan", "Hoa", "Đức", "Minh", "Thảo", "Quân")


def scratch_db(env: BenchEnv) -> Path:
    """A copy of the demo database that this benchmark may change (made once, kept)."""
    return env.scratch_folder("scratch") / "motcua.db"


class StepClock:
    """Counter hours on the days after the newest dossier: one registration a minute, 08:00–16:00."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def step(self) -> None:
        self.current += timedelta(minutes=1)
        if self.current.hour >= 16:
            self.current = (self.current + timedelta(days=1)).replace(hour=8, minute=0)


def measure(env: BenchEnv) -> list[BenchRow]:
    from motcua_desktop.domain.accounts import Role
    from motcua_desktop.domain.registration import DocumentInput, PersonInput, RegistrationRequest
    from motcua_desktop.domain.vntime import from_iso
    from motcua_desktop.services.accounts.auth import create_user
    from motcua_desktop.services.core.clock_guard import high_water
    from motcua_desktop.services.core.context import AppContext, Session
    from motcua_desktop.services.dossiers.registration import register
    from motcua_desktop.storage import open_store

    store = open_store(scratch_db(env))
    db = store.db
    newest = from_iso(db.execute("SELECT max(received_at) FROM dossiers").fetchone()[0])
    seen = high_water(AppContext(store))  # the clock guard refuses a clock behind what the file has seen
    start = max(newest, seen) if seen else newest
    clock = StepClock((start + timedelta(days=1)).replace(hour=8, minute=0, second=0))
    if store.users.get("bench.clerk") is None:
        with store.transaction():
            create_user(
                store,
                clock,
                username="bench.clerk",
                full_name="Cán Bộ Đo",
                role=Role.CLERK,
                password="bench-clerk-2026",
                must_change_password=False,
            )
    ctx = AppContext(store, clock=clock, session=Session("bench.clerk", "Cán Bộ Đo", Role.CLERK))
    counter = [0]
    # Each run numbers its applicants from a block of its own (runs start on successive days), so the
    # duplicate check finds what it finds at a counter (next to nothing), not a pile of same-number
    # dossiers left by earlier runs that would grow run after run (the floor's ones too); the floor
    # numbers its rows from the opposite half of the range.
    ids_from = clock.current.toordinal() % 500 * 1000

    def request() -> RegistrationRequest:
        counter[0] += 1
        i = counter[0]
        return RegistrationRequest(
            procedure="1.001193",
            applicant=PersonInput(
                full_name=f"nguyễn văn {GIVEN[i % len(GIVEN)].lower()}",
                birth_date="15/03/1987",
                sex="nam",
                id_type="CCCD",
                id_number=f"038087{(ids_from + i) % 1_000_000:06d}",
                phone="0912 345 678",
                address_detail="Thôn Phú Lâm",
                province="Thanh Hóa",
                commune="Phường Đông Tiến",
            ),
            documents=[DocumentInput("Tờ khai đăng ký khai sinh"), DocumentInput("Giấy chứng sinh", "ban_chinh", 1)],
            summary="Đăng ký khai sinh",
            request_id=str(uuidlib.uuid4()),
        )

    runs = env.repeat(400, 40)
    warmup = 10
    # The forms are filled in beforehand, as the floor's rows are prepared beforehand: what is timed
    # is register() on a submitted form.
    requests = iter([request() for _ in range(len(GIVEN) + warmup + runs)])

    def ours() -> None:
        register(ctx, next(requests))
        clock.step()

    for _ in GIVEN:  # real registrations, one per name: the floor writes copies of their rows
        ours()
    floor = _floor_writer(db, ids_from=ids_from + 500_000)
    a, b = interleaved(runs, ours, floor, warmup=warmup)
    store.close()
    return [
        BenchRow(
            "register one dossier (committed, 1M DB)",
            median(a),
            "ms",
            median(b),
            max_ratio=1.5,
            n=len(a),
            floor_name="bare fsync'd transaction, same rows and must-do reads",
            note=f"p99 {p99(a):.2f} vs {p99(b):.2f} ms; WAL, synchronous=FULL; floor also reads request id, "
            "chain head and the duplicate query",
        )
    ]


def _floor_writer(db: Any, *, ids_from: int, samples: int = len(GIVEN)):  # type: ignore[no-untyped-def]
    """A function doing one bare transaction that writes what a registration writes.

    The rows are copies of the last ``samples`` registrations (one per name the requests cycle
    through, so the name index and name-search entries vary as the app's do), with fresh uuids and
    codes and ID numbers counted like ``request()`` counts them, from ``ids_from``. Besides the
    writes, the floor does the reads a registration cannot do without: the request-id look-up inside
    the transaction (a double submit must not register twice), the chain head (sequence and previous
    hash of the new event) and, after the commit, the duplicate query (same person, same procedure,
    same day).
    """
    conn = db.conn
    cursor = conn.execute("SELECT * FROM dossiers WHERE code NOT LIKE 'FLOOR-%' ORDER BY id DESC LIMIT ?", [samples])
    dossier_columns = [c[0] for c in cursor.description][1:]  # without id
    dossiers = [dict(zip(dossier_columns, r[1:], strict=True)) for r in cursor.fetchall()]
    events = []
    for row in dossiers:
        cursor = conn.execute("SELECT * FROM events WHERE dossier_uuid = ? AND dossier_rev = 1", [row["uuid"]])
        event_columns = [c[0] for c in cursor.description][1:]
        events.append(dict(zip(event_columns, cursor.fetchone()[1:], strict=True)))
    insert_dossier = (
        f"INSERT INTO dossiers ({', '.join(dossier_columns)}) VALUES ({', '.join('?' * len(dossier_columns))})"
    )
    insert_event = f"INSERT INTO events ({', '.join(event_columns)}) VALUES ({', '.join('?' * len(event_columns))})"
    state = {"n": 0}

    def one() -> None:
        state["n"] += 1
        n = state["n"]
        dossier, event = dossiers[n % len(dossiers)], events[n % len(events)]
        request_id = str(uuidlib.uuid4())
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("SELECT dossier_uuid FROM registration_requests WHERE request_id = ?", [request_id]).fetchone()
        head = conn.execute(
            "SELECT last_seq, last_hash FROM chain_heads WHERE device_id = 'MC-FLOOR' AND epoch = 1"
        ).fetchone()
        seq = head[0] + 1 if head else 1
        row = {
            **dossier,
            "uuid": str(uuidlib.uuid4()),
            "code": f"FLOOR-{seq:09d}",
            "code_compact": f"FLOOR{seq:09d}",
            "applicant_id_number": f"038087{(ids_from + n) % 1_000_000:06d}",  # numbered as request() numbers them
        }
        conn.execute(
            "INSERT INTO code_sequences (agency_id, day, last_seq, block_first, block_last) VALUES ('FLOOR', ?, 1, 1, 999)"
            " ON CONFLICT (agency_id, day) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq",
            [row["received_day"]],
        ).fetchone()
        conn.execute(
            "INSERT INTO book_sequences (volume, last_line) VALUES ('FLOOR', 1) "
            "ON CONFLICT (volume) DO UPDATE SET last_line = last_line + 1 RETURNING last_line"
        ).fetchone()
        ev = {**event, "uuid": str(uuidlib.uuid4()), "device_id": "MC-FLOOR", "seq": seq, "dossier_uuid": row["uuid"]}
        rowid = conn.execute(insert_dossier, list(row.values())).lastrowid
        conn.execute("INSERT INTO dossiers_fts (rowid, names_folded) VALUES (?, ?)", [rowid, row["names_folded"]])
        conn.execute(insert_event, list(ev.values()))
        conn.execute(
            "INSERT INTO chain_heads (device_id, epoch, last_seq, last_hash) VALUES ('MC-FLOOR', 1, ?, ?) "
            "ON CONFLICT (device_id, epoch) DO UPDATE SET last_seq = excluded.last_seq, last_hash = excluded.last_hash",
            [seq, ev["hash"]],
        )
        conn.execute(
            "INSERT INTO registration_requests (request_id, dossier_uuid) VALUES (?, ?)", [request_id, row["uuid"]]
        )
        conn.execute("COMMIT")
        conn.execute(
            "SELECT * FROM dossiers WHERE applicant_id_number = ? AND procedure_key = ? AND received_day = ? "
            "AND uuid != ? ORDER BY id",
            [row["applicant_id_number"], row["procedure_key"], row["received_day"], row["uuid"]],
        ).fetchall()

    return one


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    from bench.run import table

    print("\n".join(table([("bench_register", r) for r in measure(BenchEnv(quick=args.quick))])))


if __name__ == "__main__":
    main()
