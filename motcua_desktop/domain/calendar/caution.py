"""What the counter says next to a due date, and what it says from November about next year.

A due date computed over undecided days counts them as off (``candidates.py``); the clerk and the
citizen are told which days and why, so a later official notice that gives an earlier date is no
surprise. From 1 November (notices usually come out from October to December) the dashboard and
``motcua check`` say when next year has no official schedule yet.
"""

from __future__ import annotations

from datetime import date, datetime

from motcua_desktop.domain.calendar.work_calendar import WorkCalendar
from motcua_desktop.domain.calendar.year_status import day_list
from motcua_desktop.domain.vntime import to_vn

NEXT_YEAR_WARNING_MONTH = 11  # from 1 November


def due_caution(calendar: WorkCalendar, received_at: datetime, due_at: datetime) -> str:
    """Vietnamese note for a due date ("" when every day it counts is decided)."""
    undecided = calendar.undecided_between(received_at, due_at)
    if undecided:
        occasions = "; ".join(dict.fromkeys(c.occasion for c in undecided))
        return (
            f"Ngày hẹn đã tính {day_list(c.day for c in undecided)} là ngày nghỉ vì chưa được quyết định "
            f"({occasions}). Khi có thông báo chính thức, ngày hẹn có thể sớm hơn."
        )
    year = to_vn(due_at).year
    if not calendar.year_status(year).confirmed:
        return f"Lịch nghỉ năm {year} chưa chính thức; ngày hẹn có thể phải điều chỉnh khi có thông báo."
    return ""


def next_year_notice(calendar: WorkCalendar, today: date) -> str:
    """From 1 November: "" once next year's days off are official, else what to do."""
    if today.month < NEXT_YEAR_WARNING_MONTH:
        return ""
    status = calendar.year_status(today.year + 1)
    if status.confirmed:
        return ""
    year = today.year + 1
    waiting = " Có lịch đã được đưa tin, chờ quản trị viên đối chiếu văn bản và xác nhận." if status.pending else ""
    return (
        f"Năm {year} chưa có lịch nghỉ chính thức ({status.confirmation.label.lower()}).{waiting} "
        f"Khi có thông báo của Bộ Nội vụ, quản trị viên nhập tệp lịch năm {year} "
        "(Cài đặt › Giờ làm việc và lịch, hoặc «motcua calendar import»)."
    )
