"""A yearly notice previewed before it applies; moved appointments flagged and settled by the clerk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.calendar.changes import ChangeKind
from motcua_desktop.domain.errors import FileProblem, ValidationError
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.services.dossiers.lookup import load_dossier
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.office.calendar import year_overview
from motcua_desktop.services.office.calendar_notice import (
    apply_calendar_import,
    confirm_reported,
    preview_calendar_import,
    preview_reported,
)
from motcua_desktop.services.office.due_flags import (
    flagged_appointments,
    keep_printed_due,
    redate_for_calendar,
)
from motcua_desktop.services.printing.forms import print_form
from tests.factories import birth_registration, context
from tests.helpers.safety import pass_until

HEADER = "date,kind,name,status,source\n"
NOTICE_2027 = HEADER + "".join(
    f"2027-{md},holiday,{name},official,Thông báo 1234/TB-BNV\n"
    for md, name in [
        ("01-01", "Tết Dương lịch"),
        ("02-04", "Tết (28 Chạp)"),
        ("02-05", "Tết (29 Chạp)"),
        ("02-08", "Tết (mùng 3)"),
        ("02-09", "Tết (mùng 4)"),
        ("02-10", "Tết (mùng 5)"),
        ("04-16", "Giỗ Tổ"),
        ("04-30", "Ngày Chiến thắng"),
        ("05-01", "Quốc tế lao động"),
        ("09-02", "Quốc khánh"),
        ("09-03", "Quốc khánh (liền kề)"),
    ]
)


@pytest.fixture
def admin(office_store, clock):  # type: ignore[no-untyped-def]
    return context(office_store, clock, role=Role.ADMIN, username="admin2")


@pytest.fixture
def tet_dossier(office_store, clock):  # type: ignore[no-untyped-def]
    """Received Tue 26/01/2027 09:00 with 10 working days, across the undecided Tết 2027."""
    clerk = context(office_store, clock)
    pass_until(clock, vn_datetime(2027, 1, 26, 9, 0), clerk)  # the counter is used week after week
    request = birth_registration(duration_unit="working-days", duration_amount="10")
    return register(clerk, request).dossier


def test_before_any_notice_every_tet_candidate_is_off(tet_dossier) -> None:  # type: ignore[no-untyped-def]
    # Off: 4/2 (reported, and 2 days before mùng 1), 5/2, 8–10/2, and 11/2 (the computed make-up day).
    assert tet_dossier.due_at == vn_datetime(2027, 2, 17, 9, 0)


def test_import_is_previewed_then_applied_and_moved_appointments_are_flagged(
    admin, tet_dossier, tmp_path: Path, office_store
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "thong-bao-2027.csv"
    path.write_text(NOTICE_2027, encoding="utf-8")
    before = office_store.events.count()
    preview = preview_calendar_import(admin, path)
    assert preview.years == (2027,) and preview.instruments == ("Thông báo 1234/TB-BNV",)
    by_day = {c.day: c for c in preview.changes}
    assert by_day[date(2027, 2, 11)].kind is ChangeKind.REMOVED and by_day[date(2027, 2, 11)].moves_days_off
    assert by_day[date(2027, 9, 1)].kind is ChangeKind.REMOVED  # the other 2/9 candidate is dropped
    assert by_day[date(2027, 2, 4)].kind is ChangeKind.CHANGED  # candidate → official day off
    assert date(2027, 11, 24) in by_day  # the file does not list 24/11: a computed day off disappears
    assert [m.code for m in preview.moved] == [tet_dossier.code]
    assert preview.moved[0].new_due == vn_datetime(2027, 2, 16, 9, 0) and preview.moved[0].earlier
    assert "1 hồ sơ đã in phiếu hẹn" in preview.describe()
    assert office_store.events.count() == before  # a preview writes nothing
    assert admin.calendar().candidate(date(2027, 2, 11)) is None  # still the shipped computed day off
    assert not admin.calendar().is_working_day(date(2027, 2, 11))

    with pytest.raises(ValidationError, match="Xem trước lại"):
        apply_calendar_import(admin, path, digest="khác")
    change = apply_calendar_import(admin, path, digest=preview.digest)
    assert [f.dossier_uuid for f in change.flagged] == [tet_dossier.uuid]
    assert admin.calendar().is_working_day(date(2027, 2, 11)) and admin.calendar().year_status(2027).confirmed
    assert load_dossier(office_store, tet_dossier.uuid).due_at == tet_dossier.due_at  # never moved silently
    entries = [e for e in year_overview(admin, 2027).entries if e.applied and e.row.day == date(2027, 2, 4)]
    assert "thong-bao-2027.csv" in entries[0].row.provenance and "admin2" in entries[0].row.provenance
    event = next(
        e for e in reversed(list(office_store.events.chain(*_device(office_store)))) if e.kind == "calendar.changed"
    )
    assert event.actor == "admin2" and event.payload["file"] == "thong-bao-2027.csv"
    assert event.payload["instruments"] == ["Thông báo 1234/TB-BNV"] and event.payload["moved"] == [tet_dossier.code]


def test_clerk_gives_the_new_date_and_prints_a_new_slip(
    admin, tet_dossier, tmp_path: Path, office_store, clock
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "thong-bao-2027.csv"
    path.write_text(NOTICE_2027, encoding="utf-8")
    apply_calendar_import(admin, path, digest=preview_calendar_import(admin, path).digest)
    clerk = context(office_store, clock)
    (flagged,) = flagged_appointments(clerk)
    assert flagged.earlier and flagged.new_due == vn_datetime(2027, 2, 16, 9, 0)
    with pytest.raises(ValidationError, match="quá thời hạn luật định"):
        keep_printed_due(clerk, tet_dossier.uuid, "Giữ như cũ")  # a later promise than the law allows
    print_form(clerk, tet_dossier.code)  # the first slip
    updated = redate_for_calendar(clerk, tet_dossier.uuid)
    assert updated.due_at == updated.original_due_at == vn_datetime(2027, 2, 16, 9, 0)
    assert updated.due_history[-1].reason == "calendar" and updated.corrections == 1
    assert flagged_appointments(clerk) == []
    job = print_form(clerk, tet_dossier.code)
    assert job.reprint


def test_a_later_date_may_be_waived_keeping_the_printed_promise(admin, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.domain.calendar import DayKind
    from motcua_desktop.services.office.calendar import set_day

    clerk = context(office_store, clock)
    dossier = register(clerk, birth_registration(duration_unit="working-days", duration_amount="3")).dossier
    set_day(admin, date(2026, 11, 18), DayKind.CLOSURE, "Nghỉ do bão", "QĐ 12/QĐ-UBND")
    with pytest.raises(ValidationError, match="Lý do"):
        keep_printed_due(clerk, dossier.uuid, "  ")
    keep_printed_due(clerk, dossier.uuid, "Đã báo công dân; vẫn trả đúng hẹn cũ")
    assert flagged_appointments(clerk) == []
    assert load_dossier(office_store, dossier.uuid).due_at == dossier.due_at


def test_reported_schedule_is_confirmed_only_by_an_administrator_who_read_it(admin, tet_dossier, office_store) -> None:  # type: ignore[no-untyped-def]
    status = year_overview(admin, 2027).status
    assert {r.day for r in status.pending} >= {date(2027, 2, 4), date(2027, 9, 3)}
    assert "Công văn 10065/VPCP-KGVX" in status.warning
    preview = preview_reported(admin, 2027)
    assert [m.code for m in preview.moved] == [tet_dossier.code]
    with pytest.raises(ValidationError, match="Văn bản đã đối chiếu"):
        confirm_reported(admin, 2027, checked=" ", digest=preview.digest)
    confirm_reported(
        admin, 2027, checked="Công văn 10065/VPCP-KGVX, bản trên Cổng TTĐT Chính phủ", digest=preview.digest
    )
    calendar = admin.calendar()
    assert calendar.is_working_day(date(2027, 2, 11)) and calendar.is_working_day(date(2027, 9, 1))
    assert not calendar.is_working_day(date(2027, 9, 3)) and not calendar.is_working_day(date(2027, 2, 4))
    after = year_overview(admin, 2027)
    assert after.status.confirmed and after.status.pending == ()
    official = [e.row for e in after.entries if e.applied and e.row.day == date(2027, 9, 3)]
    assert official[0].status.value == "official" and "đã đối chiếu: Công văn 10065" in official[0].source


def test_unreadable_file_names_the_file(admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FileProblem, match=r"khong-co\.csv"):
        preview_calendar_import(admin, tmp_path / "khong-co.csv")


def _device(store):  # type: ignore[no-untyped-def]
    device = store.events.device()
    return device.device_id, device.epoch


def test_a_program_update_of_the_shipped_days_flags_the_appointments_it_moves(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    """Appointments printed with an older shipped schedule (here one without 24/11/2026, as the
    2026 Quốc khánh swap was missing before) are flagged once after the update, in the audit,
    and never moved by the program itself."""
    from motcua_desktop.domain.calendar import WorkCalendar
    from motcua_desktop.services.core.calendar import shipped_rows
    from motcua_desktop.services.office.due_flags import SHIPPED_DIGEST_KEY, review_shipped_calendar

    old_rows = [r for r in shipped_rows() if r.day != date(2026, 11, 24)]
    before_update = context(office_store, clock, calendar=WorkCalendar(None, old_rows))
    dossier = register(before_update, birth_registration(duration_unit="working-days", duration_amount="10")).dossier
    assert dossier.due_at == vn_datetime(2026, 11, 30, 9, 0)  # Mon 16/11 09:00 + 10 days, 24/11 counted
    with office_store.transaction():
        office_store.settings.set(SHIPPED_DIGEST_KEY, "the previous version")
    flags = review_shipped_calendar(office_store, clock)
    assert [f.recomputed_due for f in flags] == [vn_datetime(2026, 12, 1, 9, 0)]
    assert load_dossier(office_store, dossier.uuid).due_at == dossier.due_at
    assert review_shipped_calendar(office_store, clock) == []  # once per version
    event = list(office_store.events.chain(*_device(office_store)))[-1]
    assert event.kind == "calendar.changed" and event.payload["moved"] == 1


def test_dashboard_says_from_november_that_next_year_is_not_official(admin, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.services.reports.dashboard import dashboard

    clerk = context(office_store, clock)
    assert "Năm 2027 chưa có lịch nghỉ chính thức" in dashboard(clerk).calendar_notice  # Mon 16/11/2026
    preview = preview_reported(admin, 2027)
    confirm_reported(admin, 2027, checked="Công văn 10065/VPCP-KGVX", digest=preview.digest)
    assert dashboard(clerk).calendar_notice == ""
    clock.current = vn_datetime(2027, 10, 30, 9, 0)  # before November nothing is said about 2028
    assert dashboard(clerk).calendar_notice == ""
