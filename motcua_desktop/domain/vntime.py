"""Business time is Vietnam time (UTC+7, no daylight saving), whatever the PC's time zone.

All stored timestamps are ISO 8601 strings in UTC+7 (``2026-11-22T09:30:00+07:00``), so they
sort as text and mean the same thing on every PC.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")


def to_vn(moment: datetime) -> datetime:
    """The same instant in Vietnam time; a naive datetime is taken to be Vietnam time already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VN_TZ)
    return moment.astimezone(VN_TZ)


def vn_datetime(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=VN_TZ)


def iso(moment: datetime) -> str:
    """Storage form: seconds precision, Vietnam offset."""
    if moment.tzinfo is VN_TZ and not moment.microsecond:
        return moment.isoformat()
    return to_vn(moment).replace(microsecond=0).isoformat()


def from_iso(text: str) -> datetime:
    return to_vn(datetime.fromisoformat(text))


def iso_or_none(moment: datetime | None) -> str | None:
    return None if moment is None else iso(moment)


def from_iso_or_none(text: str | None) -> datetime | None:
    return None if not text else from_iso(text)


def business_day(moment: datetime) -> date:
    """The Vietnamese calendar date of an instant."""
    return to_vn(moment).date()


def fmt_date(day: date | datetime | None) -> str:
    """``dd/mm/yyyy`` as everywhere in the UI."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = to_vn(day).date()
    return day.strftime("%d/%m/%Y")


def fmt_datetime(moment: datetime | None) -> str:
    """``hh:mm dd/mm/yyyy``."""
    if moment is None:
        return ""
    moment = to_vn(moment)
    return moment.strftime("%H:%M %d/%m/%Y")


def official_date(day: date) -> str:
    """Date words of administrative documents (Decree 30/2020): ``ngày 05 tháng 01 năm 2026``.

    The day is padded below 10; the month only for January and February.
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


_DMY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_YMD = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_COMPACT = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")


def parse_date(text: str) -> date:
    """Accepts ``dd/mm/yyyy`` (also with ``.`` or ``-``), ``yyyy-mm-dd`` and ``ddmmyyyy``.

    Raises ValueError (callers turn it into a field error).
    """
    for pattern, order in ((_DMY, "dmy"), (_YMD, "ymd"), (_COMPACT, "dmy")):
        match = pattern.match(text)
        if match:
            parts = [int(g) for g in match.groups()]
            if order == "dmy":
                return date(parts[2], parts[1], parts[0])
            return date(parts[0], parts[1], parts[2])
    raise ValueError(text)


def parse_datetime(text: str) -> datetime:
    """``yyyy-mm-dd hh:mm[:ss]``, ``dd/mm/yyyy hh:mm`` or full ISO with offset; result in Vietnam time."""
    text = text.strip()
    try:
        return to_vn(datetime.fromisoformat(text))
    except OverflowError:  # a far-off date with an offset: no such time in Vietnam
        raise ValueError(text) from None
    except ValueError:
        pass
    day_part, _, time_part = text.partition(" ")
    day = parse_date(day_part)
    clock = time.fromisoformat(time_part.strip()) if time_part.strip() else time(0, 0)
    return datetime.combine(day, clock, tzinfo=VN_TZ)


WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
WEEKDAYS_SHORT = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


def weekday_short(day: date) -> str:
    return WEEKDAYS_SHORT[day.weekday()]
