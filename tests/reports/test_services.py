"""Report services on a small hand-made office: definitions, permissions, stability, storage upkeep."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.dossier import Outcome
from motcua_desktop.domain.dossier_filter import DossierFilter
from motcua_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from motcua_desktop.domain.statistics_readings import DurationBasis, SupplementReading
from motcua_desktop.domain.timeliness import TimelinessRule
from motcua_desktop.domain.transitions import ResultReadyInput, SupplementReceivedInput, SupplementRequestInput
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.reports.ii06a import Counts
from motcua_desktop.reports.period import day_period, month_period, year_period
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lists import count_dossiers, list_dossiers
from motcua_desktop.services.dossiers.lookup import find_dossier, rebuild_projection
from motcua_desktop.services.dossiers.outcomes import fill_missing_outcomes
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.office.catalogue import import_catalogue, set_local_fields
from motcua_desktop.services.reports.build import (
    ReportKind,
    closing_filters,
    closing_sheet,
    ii06a_report,
    satisfaction_report,
)
from motcua_desktop.services.reports.dashboard import dashboard
from motcua_desktop.services.reports.files import build_report, export_report
from motcua_desktop.services.reports.options import set_report_options
from motcua_desktop.storage.migrations import v004_reports
from tests.factories import applicant, birth_registration, context
from tests.reports.helpers import CLERK, CLERK2, LEADER, small_office

DP, QD = TimelinessRule.DATE_PART, TimelinessRule.QD766


@pytest.fixture
def office(store, clock):  # type: ignore[no-untyped-def]
    codes = small_office(store, clock)
    return context(store, clock, Role.LEADER, LEADER), codes


def test_ii06a_definitions_on_known_dossiers(office) -> None:  # type: ignore[no-untyped-def]
    """A late; B same day; C online, waiting for a supplement over the month end; E withdrawn; D extended."""
    leader, _ = office
    october = ii06a_report(leader, month_period(2026, 10), DP)
    # C waits for the citizen's supplement at the end of October: resolved on time (rules.md §6.1 col. 9)
    assert october.total == Counts(online=1, direct_postal=2, carried_over=0, on_time=2, late=1, waiting=1)
    assert "được tính là đã giải quyết đúng hạn (cột 9)" in " ".join(october.notes)
    november = ii06a_report(leader, month_period(2026, 11), DP)
    # C carried over and on time against its restarted due date; E withdrawn counts on time;
    # D overdue (due 12/11 after the extension, judged on 16/11), F in time.
    assert november.total == Counts(direct_postal=3, carried_over=1, on_time=2, in_time=1, overdue=1)
    assert november.as_of == date(2026, 11, 16) and "số liệu tính đến hết ngày 16/11/2026" in " ".join(november.notes)
    qd = ii06a_report(leader, month_period(2026, 11), QD)
    # QĐ 766: C is late (receipt due 30/10 plus the waiting time is before 06/11).
    assert qd.total == Counts(direct_postal=3, carried_over=1, on_time=1, late=1, in_time=1, overdue=1)
    assert "766" in qd.notes[0] and "ngày" in november.notes[0]
    fields = [r.label for r in november.rows if r.level == "field"]
    assert fields == ["Chứng thực", "Hộ tịch"] and november.rows[1].number == "I"


def test_the_other_reading_keeps_a_dossier_waiting_for_a_supplement_pending(office, store, clock) -> None:  # type: ignore[no-untyped-def]
    leader, _ = office
    admin = context(store, clock, Role.ADMIN, "admin")
    set_report_options(admin, reading=SupplementReading.PENDING.value)
    october = ii06a_report(leader, month_period(2026, 10), DP)
    assert october.total == Counts(online=1, direct_postal=2, carried_over=0, on_time=1, late=1, in_time=1, waiting=1)
    assert october.supplement_reading is SupplementReading.PENDING
    assert "được tính là đang giải quyết trong hạn (cột 12)" in " ".join(october.notes)
    november = ii06a_report(leader, month_period(2026, 11), DP)
    assert november.total.carried_over == october.total.pending == 1  # (6) = the previous (11)


def test_statutory_basis_judges_a_shortened_procedure_against_the_law(office, store, clock) -> None:  # type: ignore[no-untyped-def]
    """A result on the third working day of a procedure the province shortened to 2 working days
    (statutory 3): late against the receipt, on time against the law (the office's choice)."""
    leader, _ = office
    admin = context(store, clock, Role.ADMIN, "admin")
    clock.current = vn_datetime(2026, 12, 1, 9, 0)
    import_catalogue(admin, _statutory_file(store))
    set_local_fields(admin, "1.004873", duration_unit="NGAY_LAM_VIEC", duration_amount="2", basis="QĐ 1/QĐ-UBND")
    clerk = context(store, clock, Role.CLERK, CLERK)
    person = applicant(full_name="ngô văn tư", id_number="038087000099")
    dossier = register(clerk, birth_registration(procedure="1.004873", applicant=person)).dossier
    assert dossier.procedure.shortened and dossier.due_at == vn_datetime(2026, 12, 3, 9, 0)
    clock.current = vn_datetime(2026, 12, 4, 8, 30)  # the statutory third working day
    transition(clerk, find_dossier(clerk, dossier.code), ResultReadyInput())
    december = month_period(2026, 12)
    promised = ii06a_report(leader, december, DP)
    set_report_options(admin, basis=DurationBasis.STATUTORY.value)
    statutory = ii06a_report(leader, december, DP)
    assert (promised.total.late, promised.total.on_time) == (1, 0)
    assert (statutory.total.late, statutory.total.on_time) == (0, 1)
    assert "theo thời hạn giải quyết do pháp luật quy định" in " ".join(statutory.notes)


def _statutory_file(store) -> Path:  # type: ignore[no-untyped-def]
    """A provincial list establishing 1.004873's statutory 3 working days."""
    path = Path(store.path).parent / "danh-muc-tinh.csv"
    path.write_text(
        "TT,Mã số TTHC,Tên thủ tục hành chính,Lĩnh vực,Thời hạn giải quyết\n"
        "1,1.004873,Cấp Giấy xác nhận tình trạng hôn nhân,Hộ tịch,03 ngày làm việc\n",
        encoding="utf-8",
    )
    return path


def test_pending_dossiers_are_judged_with_what_was_known_then(office, store, clock) -> None:  # type: ignore[no-untyped-def]
    """A report of a past period is the same before and after later extensions and supplements."""
    leader, codes = office
    before = {rule: ii06a_report(leader, month_period(2026, 10), rule).as_json() for rule in (DP, QD)}
    clerk = context(store, clock, Role.CLERK, CLERK)
    clock.advance(days=1)
    transition(clerk, find_dossier(clerk, codes["F"]), SupplementRequestInput(note="Thiếu", items=["Tờ khai"]))
    clock.advance(days=2)
    transition(clerk, find_dossier(clerk, codes["F"]), SupplementReceivedInput())
    after = {rule: ii06a_report(leader, month_period(2026, 10), rule).as_json() for rule in (DP, QD)}
    for rule in (DP, QD):
        assert [r["figures"] for r in after[rule]["rows"]] == [r["figures"] for r in before[rule]["rows"]]
    nov = ii06a_report(leader, month_period(2026, 11), DP)
    assert nov.total.pending == 2 and nov.as_of == date(2026, 11, 19)


def test_pending_split_follows_the_due_date_in_force_at_the_period_end(office) -> None:  # type: ignore[no-untyped-def]
    """D was due 05/11 and extended on 04/11 to 12/11: at the end of 06/11 overdue under both rules,
    which judge an extended dossier against the receipt's date (rules.md §4.2)."""
    leader, _ = office
    from motcua_desktop.reports.period import custom_period

    rows = {}
    for rule in (DP, QD):
        report = ii06a_report(leader, custom_period(date(2026, 11, 2), date(2026, 11, 6)), rule)
        rows[rule] = next(r for r in report.rows if r.label.startswith("Cấp Giấy xác nhận")).counts
    assert (rows[DP].in_time, rows[DP].overdue) == (0, 1)
    assert (rows[QD].in_time, rows[QD].overdue) == (0, 1)
    assert ii06a_report(leader, custom_period(date(2026, 11, 2), date(2026, 11, 4)), DP).total.overdue == 0
    assert ii06a_report(leader, custom_period(date(2026, 11, 2), date(2026, 11, 13)), DP).total.overdue == 1


def test_reports_need_the_reports_permission(office, store, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = context(store, clock, Role.CLERK, CLERK)
    with pytest.raises(PermissionDenied, match="xem báo cáo"):
        ii06a_report(clerk, month_period(2026, 11))
    with pytest.raises(PermissionDenied):
        satisfaction_report(clerk, month_period(2026, 11))
    with pytest.raises(PermissionDenied):
        closing_sheet(clerk, date(2026, 11, 2), CLERK2)
    assert closing_sheet(clerk, date(2026, 10, 26)).clerk == CLERK  # a clerk's own day needs no more
    assert export_report(clerk, ReportKind.BOOK, month_period(2026, 10), "xlsx").data[:2] == b"PK"


def test_closing_sheet_totals_and_lists(office, store, clock) -> None:  # type: ignore[no-untyped-def]
    leader, codes = office
    sheet = closing_sheet(leader, date(2026, 10, 26), CLERK)
    assert [line.code for line in sheet.received] == [codes["A"], codes["B"]]
    assert [line.code for line in sheet.returned] == [codes["B"]] and sheet.returned[0].amount == 2000
    assert sheet.fees_total == 2000 and sheet.received[0].detail == "Hẹn trả 29/10/2026"
    nov16 = closing_sheet(leader, date(2026, 11, 16), CLERK)
    assert [(p.code, p.amount, p.detail) for p in nov16.payments] == [
        (codes["F"], 50000, "Thực hiện nghĩa vụ tài chính")
    ]
    mai = closing_sheet(leader, date(2026, 11, 4), CLERK2)
    assert len(mai.pre_reception) == 1 and mai.pre_reception[0].detail.startswith("Đã hướng dẫn")
    for day, clerk in ((date(2026, 10, 26), CLERK), (date(2026, 11, 2), CLERK2), (date(2026, 11, 16), CLERK)):
        sheet = closing_sheet(leader, day, clerk)
        lists = closing_filters(clerk, day)
        assert count_dossiers(leader, lists["received"]) == len(sheet.received)
        assert len(list_dossiers(leader, lists["returned"])) == len(sheet.returned)
    with pytest.raises(NotFound, match="Không có cán bộ «nobody»"):
        closing_sheet(leader, date(2026, 11, 2), "nobody")
    with pytest.raises(ValidationError, match="một ngày"):
        build_report(leader, ReportKind.CLOSING, month_period(2026, 11))


def test_satisfaction_per_criterion_and_procedure(office) -> None:  # type: ignore[no-untyped-def]
    leader, _ = office
    report = satisfaction_report(leader, year_period(2026))
    assert report.returned == 2 and report.overall.rated == 2
    assert (report.overall.very_satisfied, report.overall.dissatisfied) == (
        1,
        1,
    ) and report.overall.satisfied_share == 0.5
    criteria = {key: tally for key, _, tally in report.criteria}
    assert list(criteria)[:5] == ["a", "b", "c", "d", "đ"]
    assert criteria["a"].satisfied == 1 and criteria["đ"].very_satisfied == 1 and criteria["b"].rated == 0
    assert criteria["b"].satisfied_share is None


def test_future_periods_are_refused(office) -> None:  # type: ignore[no-untyped-def]
    leader, _ = office
    with pytest.raises(ValidationError, match="Kỳ báo cáo: bắt đầu ngày 01/12/2026"):
        ii06a_report(leader, month_period(2026, 12))


def test_dashboard_on_known_dossiers(office) -> None:  # type: ignore[no-untyped-def]
    leader, _ = office
    data = dashboard(leader)
    counts = {i.key: i.count for i in data.items}
    assert counts == {
        "received_today": 1,
        "returned_today": 0,
        "due_today": 0,
        "overdue": 1,
        "awaiting_supplement": 0,
        "pending": 2,
    }
    assert [i.count for i in data.outcomes] == [0, 2, 0] and data.share(Outcome.ON_TIME) == 1.0
    assert data.received_by_day[-1].count == 1 and data.received_by_day[-1].label == "16/11"


def direct_counts(store) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    """The daily counts recomputed from the dossiers table."""
    return sorted(
        store.db.execute(
            "SELECT 'received', field, procedure_key, channel, received_day, count(*) FROM dossiers "
            "WHERE code IS NOT NULL GROUP BY 2, 3, 4, 5 UNION ALL "
            "SELECT 'date_part', field, procedure_key, coalesce(outcome_dp, ''), finished_day, count(*) FROM dossiers "
            "WHERE finished_day IS NOT NULL GROUP BY 2, 3, 4, 5 UNION ALL "
            "SELECT 'qd766', field, procedure_key, coalesce(outcome_qd, ''), finished_day, count(*) FROM dossiers "
            "WHERE finished_day IS NOT NULL GROUP BY 2, 3, 4, 5 UNION ALL "
            "SELECT 'returned', field, procedure_key, '', substr(returned_at, 1, 10), count(*) FROM dossiers "
            "WHERE returned_at IS NOT NULL GROUP BY 2, 3, 4, 5 UNION ALL "
            "SELECT 'rating', field, procedure_key, criterion || char(31) || rating, returned_day, count(*) "
            "FROM satisfaction_ratings GROUP BY 2, 3, 4, 5"
        ).fetchall()
    )


def kept_counts(store) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    return sorted(
        store.db.execute(
            "SELECT g.measure, g.field, g.procedure_key, g.category, c.day, c.n FROM report_counts c "
            "JOIN report_groups g ON g.id = c.grp WHERE c.n != 0"
        ).fetchall()
    )


def test_rebuild_and_migration_give_the_same_report_columns(office, store) -> None:  # type: ignore[no-untyped-def]
    leader, _ = office
    assert kept_counts(store) == direct_counts(store) and len(direct_counts(store)) > 10
    columns = "uuid, finished_day, span_class, due_day, due_timeline, outcome_dp, outcome_qd, returned_by"
    before = store.db.execute(f"SELECT {columns} FROM dossiers ORDER BY uuid").fetchall()
    ratings = store.db.execute("SELECT * FROM satisfaction_ratings ORDER BY 1, 2").fetchall()
    assert len(ratings) == 4 and any(r[5] is not None for r in before)
    rebuild_projection(store)
    assert store.db.execute(f"SELECT {columns} FROM dossiers ORDER BY uuid").fetchall() == before
    assert kept_counts(store) == direct_counts(store)
    assert store.db.execute("SELECT * FROM satisfaction_ratings ORDER BY 1, 2").fetchall() == ratings
    # The migration's fill of existing rows gives the same values (QĐ 766 outcomes are left to the service).
    with store.transaction():
        store.db.execute(
            "UPDATE dossiers SET finished_day = NULL, span_class = 2, due_day = NULL, due_timeline = NULL, "
            "outcome_dp = NULL, outcome_qd = NULL, returned_by = NULL"
        )
        store.db.execute("DELETE FROM satisfaction_ratings")
        v004_reports._fill_columns(store.db)
        v004_reports._fill_returns(store.db)
    after = store.db.execute(f"SELECT {columns} FROM dossiers ORDER BY uuid").fetchall()
    assert kept_counts(store) == direct_counts(store)
    with store.transaction():  # the migration's own fill of the counts gives the same
        store.db.execute("DELETE FROM report_counts")
        store.db.execute("DELETE FROM report_groups")
        v004_reports._fill_counts(store.db)
    assert kept_counts(store) == direct_counts(store)
    assert [r[:6] + r[7:] for r in after] == [r[:6] + r[7:] for r in before]
    assert store.db.execute("SELECT * FROM satisfaction_ratings ORDER BY 1, 2").fetchall() == ratings
    # Dossiers finished before outcomes were recorded per rule: QĐ 766 worked out from their history.
    report = ii06a_report(leader, month_period(2026, 11), QD)
    assert report.recomputed == 2 and report.total.late == 1 and "tính lại" in report.notes[-1]
    assert count_dossiers(leader, DossierFilter(finished_from=date(2026, 11, 1), outcome_rule=QD)) == 2


def test_closing_sheet_is_printable_for_a_day_without_work(office) -> None:  # type: ignore[no-untyped-def]
    leader, _ = office
    made = export_report(leader, ReportKind.CLOSING, day_period(date(2026, 11, 7)), "json", clerk=CLERK)
    assert b'"fees_total": 0' in made.data and made.file_name == "bang-ke_20261107_lan-nguyen.json"


def test_migration_from_version_3_fills_everything(office, store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A database of the previous schema with the same dossiers, migrated, gives the same figures."""
    from motcua_desktop.storage import open_store

    leader, _ = office
    columns = "uuid, finished_day, span_class, due_day, due_timeline, outcome_dp, returned_by, trips"
    before = store.db.execute(f"SELECT {columns} FROM dossiers ORDER BY uuid").fetchall()
    ratings = store.db.execute("SELECT * FROM satisfaction_ratings ORDER BY 1, 2").fetchall()
    figures = ii06a_report(leader, month_period(2026, 11), DP).as_json()["rows"]
    path = store.path
    store.close()
    old = open_store(path)  # back to schema 3: what migration 4 (reports) added is removed
    for (name,) in old.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report%'"
    ).fetchall():
        old.db.execute(f"DROP TRIGGER {name}")
    for name in ("reports_received", "reports_finished", "reports_pending", "reports_returned"):
        old.db.execute(f"DROP INDEX {name}")
    for table in ("satisfaction_ratings", "report_counts", "report_groups"):
        old.db.execute(f"DROP TABLE {table}")
    for table in ("hub_state", "hub_peers"):  # what the later migration 6 (the office hub) added
        old.db.execute(f"DROP TABLE {table}")
    dropped = ("finished_day", "span_class", "due_day", "due_timeline", "outcome_dp", "outcome_qd", "returned_by")
    old.db.execute("DROP INDEX dossiers_bundle")  # the later migration 8
    for column in (*dropped, "trips", "bundle_uuid"):  # trips, bundle_uuid: the later migrations 7 and 8
        old.db.execute(f"ALTER TABLE dossiers DROP COLUMN {column}")
    old.db.execute("PRAGMA user_version = 3")
    old.close()
    migrated = open_store(path, backup_dir=tmp_path / "backups")
    assert migrated.schema_version() >= 4 and list((tmp_path / "backups").glob("*.db"))
    assert migrated.db.execute(f"SELECT {columns} FROM dossiers ORDER BY uuid").fetchall() == before
    assert migrated.db.execute("SELECT * FROM satisfaction_ratings ORDER BY 1, 2").fetchall() == ratings
    assert kept_counts(migrated) == direct_counts(migrated)
    again = context(migrated, leader.clock, Role.LEADER, LEADER)
    assert ii06a_report(again, month_period(2026, 11), DP).as_json()["rows"] == figures
    qd = ii06a_report(again, month_period(2026, 11), QD)
    assert qd.recomputed == 2
    # Opening the data folder works them out once and stores them (services.dossiers.outcomes): same figures.
    assert fill_missing_outcomes(migrated) == 4
    filled = ii06a_report(again, month_period(2026, 11), QD)
    assert filled.recomputed == 0 and filled.as_json()["rows"] == qd.as_json()["rows"]
    assert kept_counts(migrated) == direct_counts(migrated)
    migrated.close()
