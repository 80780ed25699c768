"""What SQLite's own checks and the hash chains cannot see: the program's rules between its tables.

Someone with the file and an SQLite tool can drop the append-only triggers, edit a table directly, or
delete the last events and rewrite ``chain_heads`` so the chain still looks whole. ``motcua check --full``
(``integrity.check_database``) then runs these checks, each comparing what a table says with what
the event log (or another record that left the PC) says:

- the schema: every table, index and trigger the migrations create is there, the triggers unchanged;
- the projection: the ``dossiers`` table equals the dossiers folded again from their events;
- the numbers issued: the daily code counters and the tracking-book counters equal the highest number
  the registration events hold (higher only where a restore moved them, as its event records);
- the end of this PC's chain: nothing that left the PC (a sync package, an acknowledgement) is later
  than the chain's head (a backup: ``integrity.check_database`` checks that always);
- the accounts: every leader's and administrator's account, every role and lock, as the audit events say;
- the clock guard's settings: a leader's confirmation and a re-based mark as their events say.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from itertools import groupby

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.codes import parse_code
from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.events import EventRecord
from motcua_desktop.domain.projection import fold_revisions
from motcua_desktop.domain.settings import CLOCK_OVERRIDE, CLOCK_REBASED, OFFICE
from motcua_desktop.domain.vntime import fmt_date, from_iso_or_none
from motcua_desktop.storage import Store
from motcua_desktop.storage.dossier_table import projection_row
from motcua_desktop.storage.integrity import (
    code_counters,
    exported_heads,
    projection_row_of,
    projection_uuids,
    schema_problems,
)

MAX_PER_CHECK = 10  # problems listed per check (the first ones are enough to act)
# Filled when a data folder is opened for dossiers finished before outcomes were recorded (no event).
DERIVED_COLUMNS = frozenset({"outcome_qd"})


def consistency_problems(store: Store) -> list[str]:
    """Every contradiction found (Vietnamese, one line each); empty when the tables agree with the log."""
    device = store.events.device()
    store.settings.all()  # every setting still decodes (undecodable text raises: the caller reports it)
    folded = _folded(store)
    problems = schema_problems(store.db)[:MAX_PER_CHECK]
    problems += projection_problems(store, folded)
    problems += number_problems(store, folded, device.device_id)
    problems += chain_end_problems(store)
    problems += account_problems(store, device.device_id)
    problems += clock_problems(store, device.device_id)
    return problems


def _folded(store: Store) -> dict[str, Dossier | None]:
    """Every dossier folded again from its events, by uuid (the same fold as a rebuild or an import)."""
    return {
        uuid: fold_revisions(events).dossier
        for uuid, events in groupby(store.events.iter_state_events(), key=lambda e: e.dossier_uuid)
        if uuid is not None
    }


def projection_problems(store: Store, folded: dict[str, Dossier | None]) -> list[str]:
    """The ``dossiers`` table compared with the dossiers folded from the events."""
    problems: list[str] = []
    stored = projection_uuids(store.db)
    for uuid, dossier in folded.items():
        if dossier is None:
            continue
        expected = projection_row(dossier)
        row = projection_row_of(store.db, uuid, expected)
        if row is None:
            problems.append(f"hồ sơ {dossier.code or uuid} có trong nhật ký nhưng không có trong bảng hồ sơ")
            continue
        changed = [c for c, v in expected.items() if row[c] != v and not (c in DERIVED_COLUMNS and v is None)]
        if changed:
            problems.append(
                f"hồ sơ {dossier.code or uuid}: bảng hồ sơ khác với nhật ký ở cột {', '.join(changed[:5])} "
                "(đã bị sửa trực tiếp ngoài chương trình)"
            )
    ghosts = sorted(stored - {u for u, d in folded.items() if d is not None})
    problems += [f"hồ sơ {uuid} có trong bảng hồ sơ nhưng không có sự kiện nào trong nhật ký" for uuid in ghosts]
    return problems[:MAX_PER_CHECK]


def number_problems(store: Store, folded: dict[str, Dossier | None], device_id: str) -> list[str]:
    """Code and tracking-book counters against the numbers the registration events hold."""
    issued: dict[tuple[str, date], int] = {}
    lines: dict[str, int] = {}
    for dossier in folded.values():
        if dossier is None:
            continue
        lines[dossier.book_volume] = max(lines.get(dossier.book_volume, 0), dossier.book_line)
        code = parse_code(dossier.code) if dossier.code and dossier.device_id == device_id else None
        if code is not None:
            key = (code.agency_id, code.day)
            issued[key] = max(issued.get(key, 0), code.seq)
    restores = _restore_texts(store, device_id)
    problems: list[str] = []
    counters = code_counters(store.db)
    for (agency, day), seq in sorted(issued.items()):
        counter = counters.get((agency, day), 0)
        if counter < seq:
            problems.append(
                f"bộ đếm mã hồ sơ {agency} ngày {fmt_date(day)} chỉ đến số {counter} nhưng nhật ký đã cấp số {seq}: "
                "bộ đếm đã bị sửa lùi, sẽ cấp lại mã đã in"
            )
    for (agency, day), counter in sorted(counters.items()):
        seq = issued.get((agency, day), 0)
        if counter > seq and not _moved_by_restore(restores, day.isoformat(), fmt_date(day)):
            problems.append(
                f"bộ đếm mã hồ sơ {agency} ngày {fmt_date(day)} đã đến số {counter} nhưng nhật ký chỉ có hồ sơ đến "
                f"số {seq}: các sự kiện tiếp nhận cuối đã bị xóa"
            )
    for volume, last in sorted(store.sequences.book_lines().items()):
        written = lines.get(volume, 0)
        if last < written:
            problems.append(f"sổ theo dõi quyển {volume}: bộ đếm dòng {last} lùi sau dòng {written} đã ghi")
        elif last > written and not _moved_by_restore(restores, volume):
            problems.append(
                f"sổ theo dõi quyển {volume}: bộ đếm đã đến dòng {last} nhưng nhật ký chỉ có đến dòng {written}: "
                "các sự kiện tiếp nhận cuối đã bị xóa"
            )
    return problems[:MAX_PER_CHECK]


def _restore_texts(store: Store, device_id: str) -> list[str]:
    return [
        json.dumps(e.payload, ensure_ascii=False)
        for e in store.events.of_kinds((ev.DEVICE_EPOCH_STARTED,), device_id=device_id)
    ]


def _moved_by_restore(restores: Iterable[str], *marks: str) -> bool:
    """Whether a restore's event records moving this counter (it names the day or the volume)."""
    return any(mark in text for text in restores for mark in marks)


def chain_end_problems(store: Store) -> list[str]:
    """This PC's current chain against what already left the PC: sync packages and acknowledgements name
    events the database must still hold (the last events deleted, ``chain_heads`` rewritten). Backups of
    this PC later than the chain are the "behind a backup" check ``check_database`` always runs."""
    device = store.events.device()
    head = store.events.own_head()
    last = head.last_seq if head else 0
    problems = []
    for epoch, seq, digest, what in exported_heads(store.db, device.device_id):
        if epoch != device.epoch:
            continue
        event = store.events.at(device.device_id, epoch, seq)
        if seq > last or event is None:
            problems.append(f"sự kiện số {seq} đã ra khỏi máy trong {what} nhưng không còn trong nhật ký (đã bị xóa)")
        elif event.hash != digest:
            problems.append(f"sự kiện số {seq} khác với bản đã ra khỏi máy trong {what} (đã bị sửa)")
    return problems[:MAX_PER_CHECK]


def account_problems(store: Store, device_id: str) -> list[str]:
    """Accounts, roles and locks as their audit events say (``user.added``, ``user.locked``,
    ``user.unlocked``, role changes); the first administrator is the one who set the office up.

    A clerk's account without a creation event is not reported (the test builders and tools that make
    accounts directly make clerks); one holding a leader's or an administrator's role always is, and so
    is every account whose role or lock differs from its events."""
    expected: dict[str, tuple[str, bool]] = {}
    founder = ""
    kinds = (ev.USER_ADDED, ev.USER_LOCKED, ev.USER_UNLOCKED, ev.SETTINGS_CHANGED)
    for event in store.events.of_kinds(kinds, device_id=device_id):
        p = event.payload
        name = str(p.get("username", ""))
        if event.kind == ev.USER_ADDED:
            expected[name] = (str(p.get("role", "")), False)
        elif event.kind in (ev.USER_LOCKED, ev.USER_UNLOCKED) and name in expected:
            expected[name] = (expected[name][0], event.kind == ev.USER_LOCKED)
        elif event.kind == ev.SETTINGS_CHANGED and p.get("key") == "user.role" and name in expected:
            expected[name] = (str(p.get("after", "")), expected[name][1])
        elif event.kind == ev.SETTINGS_CHANGED and p.get("key") == OFFICE.key and not founder:
            founder = event.actor
            expected.setdefault(founder, (Role.ADMIN.value, False))
    problems = []
    users = {u.username: u for u in store.users.all()}
    for name, user in sorted(users.items()):
        if name not in expected:
            if user.role != Role.CLERK.value:  # a leader's or an administrator's powers always come from an event
                problems.append(
                    f"tài khoản «{name}» ({_role(user.role)}) không có sự kiện tạo tài khoản trong nhật ký "
                    "(đã được thêm hoặc nâng quyền ngoài chương trình)"
                )
            continue
        role, locked = expected[name]
        if user.role != role:
            problems.append(
                f"tài khoản «{name}» có vai trò «{_role(user.role)}» nhưng nhật ký ghi «{_role(role)}» "
                "(đã bị sửa ngoài chương trình)"
            )
        if user.disabled != locked:
            state = "đang khóa" if user.disabled else "đang mở"
            problems.append(f"tài khoản «{name}» {state} nhưng nhật ký ghi ngược lại (đã bị sửa ngoài chương trình)")
    problems += [
        f"tài khoản «{name}» có trong nhật ký nhưng đã bị xóa khỏi bảng tài khoản"
        for name in expected
        if name not in users
    ]
    return problems[:MAX_PER_CHECK]


def _role(value: str) -> str:
    try:
        return Role(value).label
    except ValueError:
        return value


def clock_problems(store: Store, device_id: str) -> list[str]:
    """The clock guard's settings against the leaders' confirmations they come from."""
    problems = []
    confirmations = store.events.of_kinds((ev.CLOCK_CONFIRMED,), device_id=device_id)
    override = store.settings.value(CLOCK_OVERRIDE)
    if override is not None and not any(_confirms(e, override.pc_time, override.confirmed_time) for e in confirmations):
        problems.append(
            "cài đặt giờ đúng do lãnh đạo xác nhận không khớp xác nhận nào trong nhật ký (đã bị sửa ngoài chương trình)"
        )
    rebased = store.settings.value(CLOCK_REBASED)
    if rebased is not None:
        event = store.events.at(device_id, rebased[0], rebased[1])
        if event is None or event.kind != ev.CLOCK_CONFIRMED or "rebased_from" not in event.payload:
            problems.append(
                "mốc thời gian tính lại không trỏ tới xác nhận giờ nào của lãnh đạo (đã bị sửa ngoài chương trình)"
            )
    return problems


def _confirms(event: EventRecord, pc_time: object, confirmed_time: object) -> bool:
    p = event.payload
    return from_iso_or_none(p.get("pc_time")) == pc_time and from_iso_or_none(p.get("confirmed_time")) == confirmed_time
