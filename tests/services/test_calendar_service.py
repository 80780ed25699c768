from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.calendar import CalendarConfig, DayKind, Session
from motcua_desktop.domain.errors import FileProblems, NotFound, PermissionDenied, ValidationError
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.services.core.calendar import STYLE_KEY, appointment_for
from motcua_desktop.services.dossiers.lookup import load_dossier
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.office.calendar import (
    confirm_day,
    set_day,
    set_office_hours,
    set_option,
    year_overview,
)
from motcua_desktop.services.office.calendar_notice import apply_calendar_import, preview_calendar_import
from motcua_desktop.services.office.due_flags import due_flags
from tests.factories import MARRIAGE_STATUS, birth_registration, context


def _device(store):  # type: ignore[no-untyped-def]
    device = store.events.device()
    return device.device_id, device.epoch


@pytest.fixture
def admin(office_store, clock):  # type: ignore[no-untyped-def]
    return context(office_store, clock, role=Role.ADMIN, username="admin2")


def test_closure_flags_open_dossiers_but_never_moves_a_printed_date(office_store, clock, admin) -> None:  # type: ignore[no-untyped-def]
    clerk = context(office_store, clock)
    dossier = register(clerk, birth_registration(**MARRIAGE_STATUS)).dossier  # 3 working days: due Thu 19/11
    assert dossier.due_at.date() == date(2026, 11, 19)
    change = set_day(admin, date(2026, 11, 18), DayKind.CLOSURE, "Nghỉ do bão số 9", "Quyết định 12/QĐ-UBND")
    assert [f.dossier_uuid for f in change.flagged] == [dossier.uuid]
    assert "không tự thay đổi" in change.summary
    flag = due_flags(clerk)[0]
    assert flag.printed_due == dossier.due_at and flag.recomputed_due.date() == date(2026, 11, 20)
    assert load_dossier(office_store, dossier.uuid).due_at == dossier.due_at  # the promise stands
    assert year_overview(admin, 2027).status.pending  # the reported 2027 days wait for confirmation
    with pytest.raises(ValidationError, match="Lý do"):
        set_day(admin, date(2026, 11, 25), DayKind.CLOSURE, "Nghỉ", " ")


def test_proposed_swap_applies_only_when_confirmed(admin, clock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "de-xuat.csv"
    path.write_text(
        "date,kind,name,status,source\n2026-12-21,swap_off,Hoán đổi (đề xuất),proposed,Tờ trình 1\n"
        "2026-12-26,makeup_workday,Làm bù (đề xuất),proposed,Tờ trình 1\n",
        encoding="utf-8",
    )
    apply_calendar_import(admin, path, digest=preview_calendar_import(admin, path).digest)
    calendar = admin.calendar()
    assert not calendar.is_working_day(date(2026, 12, 21))  # waiting: counted as off, never a shorter promise
    assert not calendar.is_working_day(date(2026, 12, 26))  # and its make-up Saturday is not worked yet
    confirm_day(admin, date(2026, 12, 21), "Thông báo số 123/TB-BNV")
    confirm_day(admin, date(2026, 12, 26), "Thông báo số 123/TB-BNV")
    assert not admin.calendar().is_working_day(date(2026, 12, 21))
    assert admin.calendar().is_working_day(date(2026, 12, 26))
    entries = {e.row.day: e for e in year_overview(admin, 2026).entries if e.applied}
    assert entries[date(2026, 12, 21)].row.origin.value == "admin"
    with pytest.raises(NotFound):
        confirm_day(admin, date(2026, 11, 26), "x")


def _import(admin, path: Path):  # type: ignore[no-untyped-def]
    return apply_calendar_import(admin, path, digest=preview_calendar_import(admin, path).digest)


def test_import_replaces_earlier_imports_of_the_same_year(admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    header = "date,kind,name,status,source\n"
    fixed = (
        "2028-01-01,holiday,Tết Dương lịch,official,BLLĐ\n2028-04-30,holiday,Ngày Chiến thắng,official,BLLĐ\n"
        "2028-05-01,holiday,Quốc tế lao động,official,BLLĐ\n2028-09-02,holiday,Quốc khánh,official,BLLĐ\n"
    )
    first = tmp_path / "lich-2028.csv"
    first.write_text(header + fixed + "2028-01-24,holiday,Tết (giả định),official,TB 1\n", encoding="utf-8")
    _import(admin, first)
    assert not admin.calendar().is_working_day(date(2028, 1, 24))
    second = tmp_path / "lich-2028-moi.csv"
    second.write_text(header + fixed + "2028-01-25,holiday,Tết,official,TB 2\n", encoding="utf-8")
    _import(admin, second)
    # The second file replaces the first: its official Tết row places Tết, so 24/1 is a working day.
    assert admin.calendar().is_working_day(date(2028, 1, 24)) and not admin.calendar().is_working_day(date(2028, 1, 25))
    bad = tmp_path / "loi.csv"
    bad.write_text(header + "2028-13-01,holiday,Sai,official,x\n", encoding="utf-8")
    with pytest.raises(FileProblems, match="dòng 2"):
        preview_calendar_import(admin, bad)


def test_office_hours_and_appointment_style(admin, office_store) -> None:  # type: ignore[no-untyped-def]
    config = CalendarConfig(morning=Session(time(7, 30), time(11, 30)), afternoon=Session(time(13, 30), time(17, 0)))
    set_office_hours(admin, config)
    due = vn_datetime(2026, 11, 19, 16, 0)
    assert appointment_for(office_store, due) == "16 giờ 00 phút, ngày 19 tháng 11 năm 2026"
    set_option(admin, STYLE_KEY, "session")
    assert appointment_for(office_store, due).startswith("Buổi chiều")
    with pytest.raises(ValidationError):
        set_option(admin, STYLE_KEY, "sometimes")


def test_only_administrators_change_the_calendar(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = context(office_store, clock)
    with pytest.raises(PermissionDenied):
        set_day(clerk, date(2026, 12, 1), DayKind.CLOSURE, "Nghỉ", "Lý do")
    assert clerk.calendar().is_working_day(date(2026, 12, 1))
    assert [e.kind for e in office_store.events.chain(*_device(office_store))][-1] == "auth.denied"  # only the refusal
