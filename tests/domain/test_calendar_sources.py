"""Precedence of calendar data: administrator > imported/shipped year set > rules (holidays.VN)."""

from __future__ import annotations

from datetime import date

import pytest

from motcua_desktop.domain.calendar import (
    CalendarConfig,
    CalendarDay,
    Confirmation,
    DayKind,
    DayOrigin,
    DayStatus,
    WorkCalendar,
    admin_day,
    confirm_proposed,
    hung_kings_day,
    lunar_new_year,
)
from motcua_desktop.domain.calendar.rules import rule_days
from motcua_desktop.domain.errors import ValidationError
from tests.domain.calendar_support import at, d, official_calendar, shipped_rows, working_days

RULES_ONLY = WorkCalendar()


def _row(day: str, kind: DayKind, status: DayStatus, origin: DayOrigin, name: str = "Ngày thử") -> CalendarDay:
    return CalendarDay(d(day), kind, name, status, "Thông báo thử", origin=origin)


def _year_file(year: int, origin: DayOrigin, status: DayStatus, *extra: CalendarDay) -> list[CalendarDay]:
    fixed = [f"{year}-01-01", f"{year}-04-30", f"{year}-05-01", f"{year}-09-02"]
    return [*(_row(day, DayKind.HOLIDAY, status, origin) for day in fixed), *extra]


# Tết in Vietnam (lunar calendar at UTC+7). Chinese calendars (UTC+8) give 1985-02-20,
# 2007-02-18 and 2030-02-03 for the same years: a library using them would be wrong here.
@pytest.mark.parametrize(
    ("year", "vietnamese", "chinese"),
    [(1985, "1985-01-21", "1985-02-20"), (2007, "2007-02-17", "2007-02-18"), (2030, "2030-02-02", "2030-02-03")],
)
def test_tet_follows_the_vietnamese_lunar_calendar(year: int, vietnamese: str, chinese: str) -> None:
    assert lunar_new_year(year) == d(vietnamese)
    assert lunar_new_year(year) != d(chinese)
    assert not RULES_ONLY.is_working_day(d(vietnamese))
    names = {e.row.day: e.row.name for e in RULES_ONLY.days_in_year(year)}
    assert names[d(vietnamese)] == "Tết Nguyên Đán"


@pytest.mark.parametrize(
    ("year", "tet", "hung"),
    [
        (2025, "2025-01-29", "2025-04-07"),
        (2026, "2026-02-17", "2026-04-26"),
        (2027, "2027-02-06", "2027-04-16"),
        (2028, "2028-01-26", "2028-04-04"),
        (2029, "2029-02-13", "2029-04-23"),
        (2030, "2030-02-02", "2030-04-12"),
    ],
)
def test_lunar_dates_match_time_md(year: int, tet: str, hung: str) -> None:
    assert lunar_new_year(year) == d(tet)
    assert hung_kings_day(year) == d(hung)


def test_rules_reproduce_the_shipped_computed_2027_rows() -> None:
    """The fallback and the hand-computed 2027 file agree, except the undecided Quốc khánh adjacent day."""
    shipped = {(r.day, r.kind) for r in shipped_rows() if r.day.year == 2027 and r.status is DayStatus.COMPUTED}
    computed = {(r.day, r.kind) for r in rule_days(2027)}
    assert computed - shipped == {(d("2027-09-03"), DayKind.HOLIDAY)}
    assert shipped - computed == set()


def test_rules_ignore_the_library_swap_decisions() -> None:
    # holidays 0.109 moves 22/08/2026 (Sat, worked) ↔ 31/08/2026 (Mon, off); a rule never does.
    assert RULES_ONLY.is_working_day(d("2026-08-31"))
    assert not RULES_ONLY.is_working_day(d("2026-08-22"))
    # Nor does it know the official 2026-01-02 swap: only the data file does.
    assert RULES_ONLY.is_working_day(d("2026-01-02"))
    assert not official_calendar().is_working_day(d("2026-01-02"))


def test_rules_apply_compensatory_days_article_111() -> None:
    assert not RULES_ONLY.is_working_day(d("2028-01-03"))  # 1/1/2028 is a Saturday
    assert not RULES_ONLY.is_working_day(d("2028-05-02"))  # 30/4/2028 is a Sunday (1/5 is Monday)
    assert not RULES_ONLY.is_working_day(d("2026-11-24"))  # Ngày Văn hóa Việt Nam from 2026
    assert RULES_ONLY.is_working_day(d("2025-11-24"))  # not a holiday before 2026


def test_shipped_official_data_wins_over_the_rules() -> None:
    cal = official_calendar()
    # 2025: the notice's Tết is 27–31/1; the rules would give 28/1–3/2.
    assert not cal.is_working_day(d("2025-01-27"))
    assert cal.is_working_day(d("2025-02-03"))
    assert not RULES_ONLY.is_working_day(d("2025-02-03"))
    assert cal.plan(2025).basis is DayOrigin.SHIPPED


def test_imported_official_year_replaces_shipped_computed_year() -> None:
    tet = [
        _row(day, DayKind.HOLIDAY, DayStatus.OFFICIAL, DayOrigin.IMPORTED)
        for day in ("2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10")
    ]
    cal = official_calendar(None, *_year_file(2027, DayOrigin.IMPORTED, DayStatus.OFFICIAL, *tet))
    assert cal.plan(2027).basis is DayOrigin.IMPORTED
    assert not cal.is_working_day(d("2027-02-04"))
    assert cal.is_working_day(d("2027-02-11"))  # the shipped computed compensatory day is gone
    assert cal.is_working_day(d("2027-04-16")) is True  # not in the imported file: replaced wholesale
    # The file does not place the day next to 2/9: both candidates stay off and the year unconfirmed.
    status = cal.year_status(2027)
    assert not status.confirmed and [c.day for c in status.undecided] == [d("2027-09-01"), d("2027-09-03")]
    adjacent = _row("2027-09-03", DayKind.HOLIDAY, DayStatus.OFFICIAL, DayOrigin.IMPORTED)
    placed = official_calendar(None, *_year_file(2027, DayOrigin.IMPORTED, DayStatus.OFFICIAL, *tet, adjacent))
    assert placed.year_status(2027).confirmed and placed.is_working_day(d("2027-09-01"))


def test_computed_import_does_not_replace_official_shipped_data() -> None:
    cal = official_calendar(None, *_year_file(2026, DayOrigin.IMPORTED, DayStatus.COMPUTED))
    assert cal.plan(2026).basis is DayOrigin.SHIPPED
    assert not cal.is_working_day(d("2026-01-02"))


def test_official_import_replaces_official_shipped_data() -> None:
    cal = official_calendar(None, *_year_file(2026, DayOrigin.IMPORTED, DayStatus.OFFICIAL))
    assert cal.plan(2026).basis is DayOrigin.IMPORTED
    assert cal.is_working_day(d("2026-01-02"))  # the imported year does not list the swap


def test_closure_only_import_does_not_replace_the_year() -> None:
    closure = CalendarDay(
        d("2026-09-07"),
        DayKind.CLOSURE,
        "Nghỉ do bão",
        DayStatus.OFFICIAL,
        "QĐ 12/QĐ-UBND",
        "Bão số 7",
        DayOrigin.IMPORTED,
    )
    cal = official_calendar(None, closure)
    assert cal.plan(2026).basis is DayOrigin.SHIPPED
    assert not cal.is_working_day(d("2026-09-07"))
    assert not cal.is_working_day(d("2026-02-17"))


def test_administrator_closure_moves_due_dates() -> None:
    typhoon = admin_day(d("2026-03-03"), DayKind.CLOSURE, "Nghỉ do bão số 1", "Bão đổ bộ, theo QĐ 5/QĐ-UBND")
    cal = official_calendar(None, typhoon)
    assert not cal.is_working_day(d("2026-03-03"))
    assert cal.due_at(at("2026-03-02 09:00"), working_days("2")) == at("2026-03-05 09:00")
    assert cal.day_off_reason(d("2026-03-03")) == "Nghỉ do bão số 1"


def test_administrator_can_make_a_day_off_a_working_day_and_back() -> None:
    work = admin_day(d("2026-11-24"), DayKind.DECIDED_WORKDAY, "Trực tiếp nhận hồ sơ", "Chỉ đạo của UBND xã")
    assert official_calendar(None, work).is_working_day(d("2026-11-24"))
    off_again = admin_day(d("2026-11-24"), DayKind.DECIDED_OFF, "Nghỉ lễ", "Hủy quyết định trước")
    assert not official_calendar(None, work, off_again).is_working_day(d("2026-11-24"))  # later row wins


def test_administrator_rows_need_a_reason() -> None:
    with pytest.raises(ValidationError, match="Lý do") as caught:
        admin_day(d("2026-03-03"), DayKind.CLOSURE, "Nghỉ do bão", "  ")
    assert "03/03/2026" in caught.value.message


def test_proposed_swap_is_not_applied_until_confirmed_and_never_shortens_a_due_date() -> None:
    proposal = _row("2026-11-23", DayKind.SWAP_OFF, DayStatus.PROPOSED, DayOrigin.SHIPPED, "Hoán đổi (đề xuất)")
    makeup = _row("2026-11-28", DayKind.MAKEUP_WORKDAY, DayStatus.PROPOSED, DayOrigin.SHIPPED, "Làm bù (đề xuất)")
    cal = official_calendar(None, proposal, makeup)
    # While it waits, the Monday counts as off and the Saturday as a day off too: never a shorter promise.
    assert not cal.is_working_day(d("2026-11-23")) and not cal.is_working_day(d("2026-11-28"))
    assert {r.day for r in cal.year_status(2026).pending} == {d("2026-11-23"), d("2026-11-28")}
    assert [c.day for c in cal.year_status(2026).undecided] == [d("2026-11-23")]

    confirmed = [confirm_proposed(row, "Thông báo chính thức của Bộ Nội vụ") for row in (proposal, makeup)]
    after = official_calendar(None, proposal, makeup, *confirmed)
    assert not after.is_working_day(d("2026-11-23"))
    assert after.is_working_day(d("2026-11-28"))
    assert after.year_status(2026).pending == () and after.year_status(2026).confirmed
    assert confirmed[0].origin is DayOrigin.ADMIN
    assert "(đề xuất)" not in confirmed[0].name


def test_confirming_a_row_that_is_not_a_proposal_is_refused() -> None:
    official = next(r for r in shipped_rows() if r.day == d("2026-11-24"))
    with pytest.raises(ValidationError, match="không phải đề xuất hay tin chưa đối chiếu"):
        confirm_proposed(official, "lý do")


def test_days_in_year_lists_status_and_whether_applied() -> None:
    entries = {e.row.day: e for e in official_calendar().days_in_year(2026)}
    assert entries[d("2026-11-24")].applied and entries[d("2026-11-24")].row.status is DayStatus.OFFICIAL
    waiting = {e.row.day: e for e in official_calendar().days_in_year(2027) if not e.applied}
    assert waiting[d("2027-02-04")].row.status is DayStatus.REPORTED
    assert "Chưa áp dụng chính thức" in waiting[d("2027-02-04")].note and waiting[d("2027-02-04")].candidate
    assert waiting[d("2027-09-01")].candidate and "chưa được quyết định" in waiting[d("2027-09-01")].note
    assert entries[d("2026-01-10")].row.kind is DayKind.MAKEUP_WORKDAY and entries[d("2026-01-10")].applied
    assert "hằng tuần" in entries[d("2026-04-26")].note  # Giỗ Tổ on a Sunday
    assert [e.row.day for e in official_calendar().days_in_year(2026)] == sorted(entries)


def test_make_up_row_listed_but_not_applied_when_config_says_so() -> None:
    entries = {e.row.day: e for e in official_calendar(CalendarConfig(makeup_saturdays_work=False)).days_in_year(2026)}
    assert not entries[d("2026-01-10")].applied
    assert "làm bù" in entries[d("2026-01-10")].note


@pytest.mark.parametrize(
    ("year", "confirmation", "warns"),
    [
        (2025, Confirmation.OFFICIAL, False),
        (2026, Confirmation.OFFICIAL, False),  # the 31/8 swap is official, the 23/11 one was dropped
        (2027, Confirmation.COMPUTED, True),
        (2028, Confirmation.RULES_ONLY, True),
    ],
)
def test_year_status(year: int, confirmation: Confirmation, warns: bool) -> None:
    status = official_calendar().year_status(year)
    assert status.confirmation is confirmation
    assert status.confirmed is (confirmation is Confirmation.OFFICIAL)
    assert bool(status.warning) is warns


def test_year_without_data_warns_in_vietnamese() -> None:
    warning = official_calendar().year_status(2028).warning
    assert "Năm 2028 chưa có lịch nghỉ chính thức" in warning
    assert "nhập tệp lịch năm 2028" in warning
    assert "chưa được xác nhận chính thức" in official_calendar().year_status(2027).warning
    warning_2027 = official_calendar().year_status(2027).warning
    assert "Công văn 10065/VPCP-KGVX" in warning_2027 and "04/02, 01/09, 03/09/2027" in warning_2027


def test_only_proposals_for_a_year_leave_it_to_the_rules() -> None:
    proposal = _row("2028-04-28", DayKind.SWAP_OFF, DayStatus.PROPOSED, DayOrigin.IMPORTED)
    cal = WorkCalendar(CalendarConfig(), [proposal])
    assert cal.plan(2028).basis is DayOrigin.RULES
    assert not cal.is_working_day(date(2028, 4, 28))  # waiting, so counted as a day off
    assert cal.year_status(2028).pending == (proposal,)
