"""A citizen's trips per dossier (``domain.trips``) and the trips report on a known month."""

from __future__ import annotations

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.errors import TransitionError
from motcua_desktop.domain.lifecycle import Action
from motcua_desktop.domain.transitions import input_for
from motcua_desktop.domain.trips import trips
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.reports import render
from motcua_desktop.reports.period import month_period
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lookup import find_dossier, load_dossier, open_dossier, record_not_ready_visit
from motcua_desktop.services.reports.build import ReportKind, trips_report
from motcua_desktop.services.reports.files import build_report
from motcua_desktop.storage.migrations import v007_trips
from tests.factories import context
from tests.reports.helpers import CLERK, LEADER, small_office


@pytest.fixture
def office(store, clock):  # type: ignore[no-untyped-def]
    """``small_office`` plus: C's citizen came on 05/11 before the result (a not-ready visit) and took it
    on 09/11; D's citizen came on 10/11 while the extension ran."""
    codes = small_office(store, clock)
    lan = context(store, clock, Role.CLERK, CLERK)
    clock.current = vn_datetime(2026, 11, 16, 10, 30)
    return lan, context(store, clock, Role.LEADER, LEADER), codes


def _visit_then_return(store, clock, lan, codes):  # type: ignore[no-untyped-def]
    # The replayed month ends on 16/11; these visits are recorded "now" on 16/11 and 17/11.
    record_not_ready_visit(lan, find_dossier(lan, codes["D"]))
    clock.current = vn_datetime(2026, 11, 17, 9, 0)
    transition(lan, find_dossier(lan, codes["C"]), input_for(Action.RETURN, {"rating": "hai_long"}))


def test_trips_count_reception_supplement_visits_and_return(office, store, clock) -> None:  # type: ignore[no-untyped-def]
    lan, _leader, codes = office

    def state(letter: str):  # type: ignore[no-untyped-def]
        return load_dossier(store, find_dossier(lan, codes[letter]).uuid)

    assert trips(state("A")) == 2  # received 26/10, returned 02/11
    assert trips(state("B")) == 1  # received and returned on 26/10: one trip
    assert trips(state("C")) == 2  # received 27/10, the supplement brought on 03/11
    assert trips(state("D")) == 1
    _visit_then_return(store, clock, lan, codes)
    assert trips(state("D")) == 2
    titles = [entry.title for entry in open_dossier(lan, codes["D"]).history]
    assert titles[-2:] == ["Công dân đến nhận nhưng chưa có kết quả", "Xem thông tin cá nhân"]
    assert trips(state("C")) == 3


def test_a_not_ready_visit_is_refused_once_the_result_is_ready(office, store) -> None:  # type: ignore[no-untyped-def]
    lan, _leader, codes = office
    before = store.events.count()
    with pytest.raises(TransitionError, match="trả kết quả"):
        record_not_ready_visit(lan, find_dossier(lan, codes["C"]))  # C's result is ready since 06/11
    with pytest.raises(TransitionError, match="đang giải quyết"):
        record_not_ready_visit(lan, find_dossier(lan, codes["A"]))  # returned
    assert store.events.count() == before


def test_trips_report_on_a_known_month(office, store, clock) -> None:  # type: ignore[no-untyped-def]
    lan, leader, codes = office
    _visit_then_return(store, clock, lan, codes)
    report = trips_report(leader, month_period(2026, 11))
    # November: A (2 trips) and C (received, supplement, returned on 17/11: 3 trips), both 1.004873.
    assert report.total.dossiers == 2 and report.total.total_trips == 5
    assert report.total.average == 2.5 and report.total.most_trips == 3
    assert report.total.few_trips == 1 and report.total.few_share == 0.5
    # October (the previous period): B, returned the day it was received.
    assert report.previous.start.isoformat() == "2026-10-01"
    assert report.total_before.dossiers == 1 and report.total_before.average == 1.0
    (procedure,) = report.procedures
    assert procedure.procedure_code == "1.004873" and procedure.now.repeat_trips == 3
    assert [p.procedure_key for p in report.most_repeated()] == [procedure.procedure_key]
    data = report.as_json()
    assert data["total"]["trips"] == 5 and data["total_previous"]["few_share"] == 1.0
    text = render(report, "csv").decode("utf-8")
    assert "BÁO CÁO SỐ LẦN ĐI LẠI CỦA CÔNG DÂN" in text and "2,50" in text


def test_trips_report_through_the_report_kinds(office) -> None:  # type: ignore[no-untyped-def]
    _lan, leader, _codes = office
    report = build_report(leader, ReportKind.TRIPS, month_period(2026, 10))
    assert report.kind == "trips" and ReportKind.TRIPS.label == "Số lần đi lại của công dân"
    assert report.as_json()["total"]["dossiers"] == 1


def test_the_trips_column_is_filled_for_existing_dossiers(office, store, clock) -> None:  # type: ignore[no-untyped-def]
    """Migration 7 on a database of the previous version: the column worked out from the rows, the
    supplemented dossiers replayed."""
    lan, _leader, codes = office
    _visit_then_return(store, clock, lan, codes)
    expected = dict(store.db.execute("SELECT code, trips FROM dossiers WHERE code IS NOT NULL").fetchall())
    with store.transaction():
        store.db.execute("ALTER TABLE dossiers DROP COLUMN trips")
        v007_trips.apply(store.db)
    found = dict(store.db.execute("SELECT code, trips FROM dossiers WHERE code IS NOT NULL").fetchall())
    # C's visit after the migration's version would be replayed too; D's visit (no supplement) is
    # newer than the migration, so the row rule gives it 1.
    assert found == {**expected, codes["D"]: 1}
