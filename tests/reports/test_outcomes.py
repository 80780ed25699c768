"""Every finished dossier has its QĐ 766 outcome stored: recorded when it finishes (every way, on
this PC, in the demo data, on another counter), worked out once for dossiers that finished before
the program recorded it (a migrated database, a counter on an older version, an old backup, a
rebuild from such events), and kept by the saves that follow."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.dossier import Outcome
from motcua_desktop.domain.lifecycle import Action
from motcua_desktop.domain.timeliness import TimelinessRule, finish_details, outcome_qd766
from motcua_desktop.domain.vntime import fmt_date, vn_datetime
from motcua_desktop.reports.period import year_period
from motcua_desktop.services.core.calendar import build_calendar
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers import lifecycle
from motcua_desktop.services.dossiers.lifecycle import TransitionInput, transition
from motcua_desktop.services.dossiers.lookup import correct, load_dossier, rebuild_projection
from motcua_desktop.services.dossiers.outcomes import fill_missing_outcomes, worked_out
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.reports.build import ii06a_report
from motcua_desktop.storage import Store, open_store
from tests.factories import MARRIAGE_STATUS, FakeClock, applicant, birth_registration, context
from tests.helpers.safety import pass_days
from tests.reports.helpers import LEADER, open_demo
from tests.reports.test_services import direct_counts, kept_counts

QD = TimelinessRule.QD766
WAYS = ("result", "late", "refuse", "stop", "withdraw", "close", "return", "two_rounds", "extended")


def live(ctx: AppContext, clock: FakeClock, *others: AppContext) -> dict[str, str]:
    """One dossier finishing each way (way → code), over a few weeks from Monday 16/11/2026 (the
    PCs of ``others`` are used meanwhile too)."""
    codes: dict[str, str] = {}
    for n, way in enumerate(WAYS):
        person = applicant(id_number=f"03808700{n:04d}", full_name=f"nguyễn văn {chr(97 + n)}")
        request = birth_registration(**MARRIAGE_STATUS, applicant=person)  # 3 working days
        codes[way] = str(register(ctx, request).dossier.code)
        clock.advance(minutes=5)

    def act(way: str, action: Action, **fields: Any) -> None:
        transition(ctx, codes[way], TransitionInput(action, **fields))

    for way in ("result", "late", "refuse", "return", "two_rounds", "extended"):
        act(way, Action.HAND_OVER)
    act("result", Action.RESULT_READY)
    act("refuse", Action.REFUSE, note="Không đủ điều kiện")
    act("stop", Action.STOP, note="Công dân đề nghị dừng")
    act("withdraw", Action.WITHDRAW)
    act("close", Action.REQUEST_SUPPLEMENT, note="Thiếu", items=["Giấy chứng sinh"])
    act("return", Action.REQUEST_SUPPLEMENT, note="Thiếu", items=["Giấy chứng sinh"])
    act("two_rounds", Action.REQUEST_SUPPLEMENT, note="Thiếu", items=["Giấy chứng sinh"])
    clock.advance(days=1)
    due = load_dossier(ctx.store, str(ctx.store.dossiers.uuid_for_code(codes["extended"]))).due_at
    assert due is not None
    act("extended", Action.EXTEND, note="Cần xác minh", new_due=fmt_date(due + timedelta(days=7)))
    clock.advance(days=1)
    act("return", Action.RECEIVE_SUPPLEMENT)
    act("two_rounds", Action.RECEIVE_SUPPLEMENT)
    act("two_rounds", Action.HAND_OVER)
    with second_request_allowed():  # as versions before the once-only rule (Decree 118 Art. 11) did
        act("two_rounds", Action.REQUEST_SUPPLEMENT, note="Vẫn thiếu", items=["Tờ khai"])
    clock.advance(days=1)
    act("two_rounds", Action.RECEIVE_SUPPLEMENT)
    act("return", Action.RESULT_READY)
    act("two_rounds", Action.RESULT_READY)
    clock.advance(hours=2)
    act("return", Action.RETURN)
    pass_days(clock, 23, ctx, *others)  # past every due date, and past the 15 days after a supplement request
    act("late", Action.RESULT_READY)
    act("extended", Action.RESULT_READY)
    act("close", Action.CLOSE_UNSUPPLEMENTED)
    return codes


@contextlib.contextmanager
def second_request_allowed() -> Iterator[None]:
    """Lets a dossier be asked to supplement twice, as versions before the once-only rule did: such
    dossiers exist in older data and from counters still on an older version (QĐ 766 counts them late)."""
    real = lifecycle.target_status

    def older(current: Any, action: Any, *, extension_used: bool, supplement_used: bool = False) -> Any:
        return real(current, action, extension_used=extension_used)

    lifecycle.target_status = older  # type: ignore[assignment]
    try:
        yield
    finally:
        lifecycle.target_status = real  # type: ignore[assignment]


def stored_qd(store: Store) -> dict[str, str | None]:
    rows = store.db.execute("SELECT uuid, outcome_qd FROM dossiers WHERE finished_day IS NOT NULL")
    return {str(uuid): outcome for uuid, outcome in rows}


def expected_qd(store: Store) -> dict[str, str]:
    """The QĐ 766 outcome of each finished dossier worked out from its whole history, dossier by dossier."""
    calendar = build_calendar(store)
    return {
        uuid: (outcome_qd766(load_dossier(store, uuid), calendar) or Outcome.ON_TIME).value for uuid in stored_qd(store)
    }


def recorded_qd(store: Store) -> dict[str, str]:
    """The QĐ 766 outcome each finishing event recorded."""
    rows = store.db.execute(
        "SELECT dossier_uuid, json_extract(payload, '$.details.outcomes.qd766') FROM events "
        "WHERE kind = ? AND json_extract(payload, '$.details.outcomes') IS NOT NULL",
        [ev.DOSSIER_TRANSITIONED],
    )
    return {str(uuid): str(outcome) for uuid, outcome in rows}


@pytest.fixture
def as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """This PC finishes dossiers as versions before the per-rule outcomes did: the office rule's only."""
    real = finish_details

    def office_rule_only(*args: Any) -> dict[str, Any]:
        return {k: v for k, v in real(*args).items() if k != "outcomes"}

    monkeypatch.setattr(lifecycle, "finish_details", office_rule_only)


def test_every_way_of_finishing_records_the_qd766_outcome(office_store: Store, clock: FakeClock) -> None:
    codes = live(context(office_store, clock), clock)
    stored = stored_qd(office_store)
    assert len(stored) == len(WAYS)
    assert None not in stored.values()
    assert stored == expected_qd(office_store) == recorded_qd(office_store)
    by_way = {way: stored[str(office_store.dossiers.uuid_for_code(code))] for way, code in codes.items()}
    assert by_way["late"] == by_way["two_rounds"] == by_way["extended"] == Outcome.LATE.value  # §5.2
    assert by_way["result"] == by_way["withdraw"] == by_way["close"] == Outcome.EARLY.value
    dp = dict(office_store.db.execute("SELECT code, outcome_dp FROM dossiers").fetchall())
    assert dp[codes["two_rounds"]] != Outcome.LATE.value and dp[codes["withdraw"]] == Outcome.ON_TIME.value


def test_the_demo_records_the_qd766_outcome_as_the_app_does(tmp_path: Path) -> None:
    demo = open_demo(tmp_path, count=600, years=1, seed=11)
    stored = stored_qd(demo.store)
    assert len(stored) > 500 and None not in stored.values()
    assert stored == expected_qd(demo.store) == recorded_qd(demo.store)
    assert set(stored.values()) == {o.value for o in Outcome}
    demo.store.close()


def test_worked_out_from_the_stored_columns_equals_the_history(tmp_path: Path) -> None:
    """What the fill and the report work out from a row equals the dossier-by-dossier computation,
    supplements, extensions, withdrawals and all."""
    demo = open_demo(tmp_path, count=600, years=1, seed=5)
    store = demo.store
    expected = expected_qd(store)
    with store.transaction():
        store.db.execute("UPDATE dossiers SET outcome_qd = NULL")
    rows = store.reports.finished_without_outcome(date(2000, 1, 1), date(2100, 1, 1), QD)
    uuids = dict(store.db.execute("SELECT id, uuid FROM dossiers").fetchall())
    found = {uuids[row.row_id]: outcome.value for row, outcome in worked_out(rows, QD, build_calendar(store))}
    assert found == expected
    assert any(row.timeline and row.timeline.pauses for row in rows)
    store.close()


def test_outcomes_finished_before_they_were_recorded_are_worked_out_once(
    office_store: Store, clock: FakeClock, as_before: None
) -> None:
    live(context(office_store, clock), clock)
    assert set(stored_qd(office_store).values()) == {None} and recorded_qd(office_store) == {}
    leader = context(office_store, clock, Role.LEADER, LEADER)
    before = ii06a_report(leader, year_period(2026), QD)  # worked out in the report, nothing stored
    assert before.recomputed == len(WAYS) and "tính lại" in before.notes[-1]
    assert set(stored_qd(office_store).values()) == {None}

    assert len(office_store.reports.days_without_outcome(QD)) > 1
    assert fill_missing_outcomes(office_store, batch=1) == len(WAYS)  # a query and a transaction per day
    assert stored_qd(office_store) == expected_qd(office_store)
    assert kept_counts(office_store) == direct_counts(office_store)
    assert office_store.reports.days_without_outcome(QD) == []
    assert fill_missing_outcomes(office_store) == 0
    after = ii06a_report(leader, year_period(2026), QD)
    assert after.recomputed == 0 and after.as_json()["rows"] == before.as_json()["rows"]
    assert (after.total.early, after.total.late) == (6, 3)


def test_the_report_works_them_out_without_reading_histories(
    office_store: Store, clock: FakeClock, as_before: None
) -> None:
    """On a database nobody filled (read-only here): one query for all of them, no history read."""
    live(context(office_store, clock), clock)
    expected = ii06a_report(context(office_store, clock, Role.LEADER, LEADER), year_period(2026), QD).total
    path = office_store.path
    office_store.close()
    readonly = open_store(path, readonly=True)
    assert fill_missing_outcomes(readonly) == 0
    statements: list[str] = []
    readonly.db.conn.set_trace_callback(statements.append)
    report = ii06a_report(context(readonly, clock, Role.LEADER, LEADER), year_period(2026), QD)
    readonly.db.conn.set_trace_callback(None)
    assert report.recomputed == len(WAYS) and report.total == expected
    assert len(statements) < 15 and not any("events" in s for s in statements)
    readonly.close()


def test_later_saves_keep_a_worked_out_outcome(office_store: Store, clock: FakeClock, as_before: None) -> None:
    ctx = context(office_store, clock)
    codes = live(ctx, clock)
    fill_missing_outcomes(office_store)
    expected = expected_qd(office_store)
    uuid = str(office_store.dossiers.uuid_for_code(codes["late"]))
    clock.advance(hours=1)
    transition(ctx, codes["late"], TransitionInput(Action.RETURN))  # saved again, still no recorded outcome
    correct(ctx, codes["late"], reason="Ghi nhầm", summary="Đăng ký khai sinh (sửa)")
    assert stored_qd(office_store)[uuid] == expected[uuid] == Outcome.LATE.value
    assert kept_counts(office_store) == direct_counts(office_store)
    assert rebuild_projection(office_store) == len(WAYS)  # rebuilt from events without them: worked out again
    assert stored_qd(office_store) == expected_qd(office_store) == expected


def test_opening_the_data_folder_fills_them(office_store: Store, clock: FakeClock, as_before: None) -> None:
    """The window (``open_context``/``context_for``) and the command line fill them on opening."""
    from motcua_desktop.commands.base import CliApp
    from motcua_desktop.services.workspace import open_context

    live(context(office_store, clock), clock)
    path = office_store.path
    office_store.close()
    opened = open_context(path.parent, clock=clock)
    assert stored_qd(opened.store) == expected_qd(opened.store)
    with opened.store.transaction():  # as a database migrated from schema 3 has them
        opened.store.db.execute("UPDATE dossiers SET outcome_qd = NULL")
    opened.store.close()
    cli = CliApp(argparse.Namespace(data_dir=str(path.parent)))
    store = cli.store()
    assert None not in stored_qd(store).values() and stored_qd(store) == expected_qd(store)
    cli.close()


def test_a_restored_old_backup_gets_them(office_store: Store, clock: FakeClock, as_before: None) -> None:
    from motcua_desktop.services.safety.backup import backup_now
    from motcua_desktop.services.safety.restore import restore_backup

    live(context(office_store, clock), clock)
    admin = context(office_store, clock, Role.ADMIN, "admin")
    backup = backup_now(admin).local.path
    with office_store.transaction():
        office_store.db.execute("UPDATE dossiers SET outcome_qd = 'dung_han' WHERE finished_day IS NOT NULL")
    restore_backup(admin, backup)
    assert admin.store is not office_store
    stored = stored_qd(admin.store)
    assert len(stored) == len(WAYS) and stored == expected_qd(admin.store)
    admin.store.close()


def test_consolidation_records_them_from_every_counter(tmp_path: Path, clock: FakeClock) -> None:
    """A counter on this version sends its recorded outcomes; one still on an older version sends
    none, and the consolidating PC works them out."""
    from tests.sync.helpers import make_office

    office = make_office(tmp_path, clock)
    try:
        everyone = (office.c1.clerk, office.c2.clerk, office.leader.leader)
        live(office.c1.clerk, clock, *everyone)
        clock.current = vn_datetime(2026, 12, 14, 9, 0)  # the next Monday
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(
                lifecycle,
                "finish_details",
                lambda *a: {k: v for k, v in finish_details(*a).items() if k != "outcomes"},
            )
            old = live(office.c2.clerk, clock, *everyone)
        assert set(stored_qd(office.c2.store).values()) == {None}
        office.c1.export(tmp_path / "usb1")
        office.c2.export(tmp_path / "usb2")
        office.leader.import_(tmp_path / "usb1", tmp_path / "usb2")
        leader = office.leader.store
        stored = stored_qd(leader)
        assert len(stored) == 2 * len(WAYS) and None not in stored.values()
        assert stored == expected_qd(leader)
        c1 = stored_qd(office.c1.store)
        assert {u: stored[u] for u in c1} == c1
        assert stored[str(leader.dossiers.uuid_for_code(old["late"]))] == Outcome.LATE.value
        assert kept_counts(leader) == direct_counts(leader)
    finally:
        office.close()


def test_a_failure_to_fill_does_not_stop_the_opening(
    office_store: Store, clock: FakeClock, as_before: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from motcua_desktop.services.workspace import open_context
    from motcua_desktop.storage.errors import DiskFull
    from motcua_desktop.storage.report_queries import ReportQueries

    live(context(office_store, clock), clock)
    path = office_store.path
    office_store.close()

    def full(*_: object) -> int:
        raise DiskFull("Ổ đĩa đầy.")

    monkeypatch.setattr(ReportQueries, "set_outcomes", full)
    opened = open_context(path.parent, clock=clock)
    assert set(stored_qd(opened.store).values()) == {None}
    report = ii06a_report(context(opened.store, clock, Role.LEADER, LEADER), year_period(2026), QD)
    assert report.recomputed == len(WAYS) and report.total.late == 3
    opened.store.close()
