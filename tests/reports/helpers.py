"""Data for the report tests: a small hand-made office month, and a generated multi-year office."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.lifecycle import FINISHED, Action, Status
from motcua_desktop.domain.projection import replay
from motcua_desktop.domain.timeliness import (
    PendingState,
    TimelinessRule,
    finished_outcome,
    pending_state_for_period,
    receipt_due_at,
    supplement_wait,
)
from motcua_desktop.domain.vntime import VN_TZ, business_day, vn_datetime
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.lifecycle import TransitionInput, transition
from motcua_desktop.services.dossiers.lookup import load_dossier
from motcua_desktop.services.dossiers.registration import record_pre_reception, register
from motcua_desktop.storage import Store, open_store
from tests.factories import MARRIAGE_STATUS, FakeClock, add_user, applicant, birth_registration, context, set_up_office

LEADER = "lanh.dao"
CLERK = "lan.nguyen"
CLERK2 = "mai.le"


def small_office(store: Store, clock: FakeClock) -> dict[str, str]:
    """Six dossiers and one guidance over 26/10–16/11/2026, two clerks; returns letter → dossier code.

    A (hộ tịch, 3 working days) late; B (chứng thực) returned the same day with a fee and ratings;
    C online, supplemented across the month end; D extended, still pending; E withdrawn; F paid fees.
    """
    clock.current = vn_datetime(2026, 10, 26, 8, 0)
    set_up_office(store, clock)
    add_user(store, clock, CLERK2, Role.CLERK, "Lê Thị Mai")
    add_user(store, clock, LEADER, Role.LEADER, "Trần Văn Lãnh")
    lan = context(store, clock, Role.CLERK, CLERK)
    mai = context(store, clock, Role.CLERK, CLERK2)
    codes: dict[str, str] = {}

    def reg(ctx: AppContext, letter: str, procedure: str, name: str, number: str, **extra: str) -> None:
        if procedure == MARRIAGE_STATUS["procedure"]:  # its time limit is entered at reception ([R] in the catalogue)
            extra = {**MARRIAGE_STATUS, **extra}
            del extra["procedure"]
        request = birth_registration(
            procedure=procedure, applicant=applicant(full_name=name, id_number=number), **extra
        )
        codes[letter] = str(register(ctx, request).dossier.code)

    def act(ctx: AppContext, letter: str, action: Action, **fields: object) -> None:
        transition(ctx, codes[letter], TransitionInput(action, **fields))  # type: ignore[arg-type]

    def at(day: int, hour: int, minute: int = 0, month: int = 11) -> None:
        clock.current = vn_datetime(2026, month, day, hour, minute)

    reg(lan, "A", "1.004873", "nguyễn văn an", "038087000001")
    at(26, 8, 20, 10)
    reg(lan, "B", "2.000815", "trần thị bình", "038187000002")
    at(26, 9, 0, 10)
    act(lan, "A", Action.HAND_OVER)
    act(lan, "B", Action.RESULT_READY)
    at(26, 10, 30, 10)
    act(
        lan,
        "B",
        Action.RETURN,
        fee_collected="2.000",
        rating="rat_hai_long",
        criteria={"a": "hai_long", "đ": "rat_hai_long"},
    )
    at(27, 14, 0, 10)
    reg(lan, "C", "1.004873", "lê văn cường", "038087000003", channel="truc_tuyen")
    at(28, 10, 0, 10)
    act(lan, "C", Action.REQUEST_SUPPLEMENT, note="Thiếu giấy tờ", items=["Bản sao giấy khai sinh"])
    at(30, 15, 0, 10)
    act(lan, "A", Action.RESULT_READY)
    at(2, 9, 0)
    act(mai, "A", Action.RETURN, fee_collected="8.000", rating="khong_hai_long")
    reg(mai, "D", "1.004873", "phạm thị dung", "038187000004")
    reg(mai, "E", "2.000815", "đỗ văn em", "038087000005")
    at(2, 11, 0)
    act(mai, "E", Action.WITHDRAW)
    at(3, 8, 30)
    act(lan, "C", Action.RECEIVE_SUPPLEMENT)
    at(4, 9, 0)
    act(mai, "D", Action.HAND_OVER)
    act(mai, "D", Action.EXTEND, note="Cần xác minh thêm", new_due="12/11/2026")
    record_pre_reception(
        mai,
        birth_registration(applicant=applicant(full_name="vũ thị giang", id_number="038187000006")),
        Status.GUIDED,
        reason="Thiếu giấy chứng sinh",
        missing_items=["Giấy chứng sinh"],
    )
    at(6, 10, 0)
    act(lan, "C", Action.RESULT_READY)
    at(16, 8, 0)
    reg(lan, "F", "1.004873", "hoàng văn phúc", "038087000007")
    at(16, 8, 30)
    act(lan, "F", Action.HAND_OVER)
    act(lan, "F", Action.REQUEST_FEES, note="Lệ phí cấp giấy", amount="50.000")
    at(16, 9, 0)
    act(lan, "F", Action.PAY_FEES, amount="50.000")
    at(16, 10, 0)
    return codes


@dataclass
class Demo:
    store: Store
    clock: FakeClock
    leader: AppContext
    dossiers: list[Dossier]


def open_demo(folder: Path, count: int = 3000, years: int = 3, seed: int = 7) -> Demo:
    """A generated office (``services.demo.generate``) signed in as a leader; cheap password hashing."""
    from argon2 import PasswordHasher

    from motcua_desktop.services.accounts import auth
    from motcua_desktop.services.demo.generate import generate_demo
    from tests.factories import MONDAY_9AM

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "PASSWORD_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        store = open_store(folder / "motcua.db")
        clock = FakeClock(MONDAY_9AM)
        set_up_office(store, clock)
        generate_demo(context(store, clock, Role.ADMIN, "admin"), count, years=years, seed=seed)
        leader = context(store, clock, Role.LEADER, LEADER)
    dossiers = [load_dossier(store, uuid) for uuid in store.dossiers.all_uuids()]
    return Demo(store, clock, leader, [d for d in dossiers if d.code])


# ----- an independent reference for II.06a -------------------------------------------------


def _end(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=VN_TZ)


def _finished_day(d: Dossier) -> date | None:
    if d.status not in FINISHED or d.finished_at is None:
        return None
    return max(business_day(d.received_at), business_day(d.finished_at))


def state_at(store: Store, d: Dossier, day: date) -> Dossier:
    """The dossier as it was at the end of ``day``: its events up to then, replayed."""
    events = [e for e in store.events.for_dossier(d.uuid) if e.dossier_rev is not None and e.occurred_at < _end(day)]
    state = replay(sorted(events, key=lambda e: e.dossier_rev or 0))
    assert state is not None
    return state


def reference_pending_state(state: Dossier, day: date, rule: TimelinessRule, calendar: object) -> PendingState:
    """§5.1 / §5.2 judged on the dossier's state at the end of ``day`` (not on stored columns)."""
    if rule is TimelinessRule.DATE_PART:
        if state.status is Status.AWAITING_SUPPLEMENT or state.due_at is None:
            return PendingState.IN_TIME
        due = state.due_at
        if state.extension is not None and state.due_history and state.due_history[-1].reason == "extension":
            due = state.extension.old_due_at  # rules.md §4.2: not the extended date
        return pending_state_for_period(due, day)
    if len(state.supplements) > 1:
        return PendingState.OVERDUE
    due = receipt_due_at(state)
    if due is None:
        return PendingState.IN_TIME
    waited = supplement_wait(calendar, state, _end(day))  # type: ignore[arg-type]
    if waited:
        due = calendar.add_working_time(due, waited)  # type: ignore[attr-defined]
    return pending_state_for_period(due, day)


def reference_ii06a(
    store: Store,
    dossiers: list[Dossier],
    start: date,
    end: date,
    as_of: date,
    rule: TimelinessRule,
    calendar: object,
    *,
    waiting_resolved: bool = True,
) -> dict[tuple[str, str], dict[str, int]]:
    """II.06a figures per (field, procedure), computed dossier by dossier from their histories; a
    dossier waiting for a supplement at ``as_of`` counts on time (rules.md §6.1 col. 9) unless
    ``waiting_resolved`` is False."""
    out: dict[tuple[str, str], dict[str, int]] = {}

    def add(d: Dossier, column: str) -> None:
        group = out.setdefault((d.procedure.field, d.procedure.key), {})
        group[column] = group.get(column, 0) + 1

    names = {"truoc_han": "early", "dung_han": "on_time", "qua_han": "late"}
    for d in dossiers:
        received = business_day(d.received_at)
        finished = _finished_day(d)
        if received > end:
            continue
        if start <= received:
            add(d, "online" if d.channel.value == "truc_tuyen" else "direct_postal")
        elif finished is None or finished >= start:
            add(d, "carried_over")
        if finished is not None and start <= finished <= end:
            outcome = finished_outcome(d, rule, calendar)  # type: ignore[arg-type]
            add(d, names[outcome.value] if outcome else "on_time")
        elif finished is None or finished > end:
            then = state_at(store, d, as_of)
            if waiting_resolved and then.status is Status.AWAITING_SUPPLEMENT:
                add(d, "on_time")
                continue
            state = reference_pending_state(then, as_of, rule, calendar)
            add(d, "in_time" if state is PendingState.IN_TIME else "overdue")
    return out
