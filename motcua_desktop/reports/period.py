"""Reporting periods: a day, a month, a quarter, a year, or any range of days (inclusive).

Months, quarters and years are calendar ones, or, with ``cutoff`` (the way many provinces report,
``rules.md`` §6.1), run from the 15th of the month before to the 14th: month 11/2026 is
15/10/2026–14/11/2026, quarter IV/2026 is 15/9/2026–14/12/2026, year 2026 is 15/12/2025–14/12/2026.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.vntime import fmt_date, parse_date

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")
MAX_DAYS = 3700  # about ten years


class PeriodKind(StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"

    @property
    def label(self) -> str:
        return {
            PeriodKind.DAY: "Ngày",
            PeriodKind.MONTH: "Tháng",
            PeriodKind.QUARTER: "Quý",
            PeriodKind.YEAR: "Năm",
            PeriodKind.CUSTOM: "Khoảng ngày",
        }[self]


CUTOFF_DAY = 15  # periods "from the 15th of the month before to the 14th"


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    kind: PeriodKind = PeriodKind.CUSTOM
    cutoff: bool = False  # a month, quarter or year from the 15th before to the 14th

    @property
    def label(self) -> str:
        if self.kind is PeriodKind.DAY:
            return f"Ngày {fmt_date(self.start)}"
        if self.kind is PeriodKind.MONTH:
            return f"Tháng {self.end.month:02d}/{self.end.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"Quý {ROMAN[(self.end.month - 1) // 3]}/{self.end.year}"
        if self.kind is PeriodKind.YEAR:
            return f"Năm {self.end.year}"
        return f"Từ ngày {fmt_date(self.start)} đến ngày {fmt_date(self.end)}"

    @property
    def range_text(self) -> str:
        return f"từ ngày {fmt_date(self.start)} đến ngày {fmt_date(self.end)}"

    @property
    def slug(self) -> str:
        """ASCII, for file names."""
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        before = self.start - timedelta(days=1)
        if self.kind is PeriodKind.DAY:
            return day_period(before)
        if self.kind is PeriodKind.MONTH:
            return month_period(before.year, before.month, cutoff=self.cutoff)
        if self.kind is PeriodKind.QUARTER:
            return quarter_period(before.year, (before.month - 1) // 3 + 1, cutoff=self.cutoff)
        if self.kind is PeriodKind.YEAR:
            return year_period(before.year, cutoff=self.cutoff)
        return custom_period(before - (self.end - self.start), before)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def as_json(self) -> dict[str, str]:
        data = {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "kind": self.kind.value,
            "label": self.label,
        }
        if self.cutoff:
            data["cutoff"] = f"từ ngày {CUTOFF_DAY} tháng trước đến ngày {CUTOFF_DAY - 1}"
        return data


def day_period(day: date) -> Period:
    return Period(day, day, PeriodKind.DAY)


def _cutoff_start(year: int, month: int) -> date:
    """The 15th of the month before ``month``."""
    return date(year - 1, 12, CUTOFF_DAY) if month == 1 else date(year, month - 1, CUTOFF_DAY)


def month_period(year: int, month: int, *, cutoff: bool = False) -> Period:
    _check_year(year, "Tháng")
    if not 1 <= month <= 12:
        raise ValidationError("Tháng", f"{month} không hợp lệ.", "Nhập tháng từ 1 đến 12.")
    if cutoff:
        return Period(_cutoff_start(year, month), date(year, month, CUTOFF_DAY - 1), PeriodKind.MONTH, True)
    start = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return Period(start, following - timedelta(days=1), PeriodKind.MONTH)


def quarter_period(year: int, quarter: int, *, cutoff: bool = False) -> Period:
    _check_year(year, "Quý")
    if not 1 <= quarter <= 4:
        raise ValidationError("Quý", f"{quarter} không hợp lệ.", "Nhập quý từ 1 đến 4.")
    first = month_period(year, 3 * quarter - 2, cutoff=cutoff)
    last = month_period(year, 3 * quarter, cutoff=cutoff)
    if cutoff:  # from the 15th of the previous quarter's last month
        return Period(_cutoff_start(year, 3 * quarter - 2), last.end, PeriodKind.QUARTER, True)
    return Period(first.start, last.end, PeriodKind.QUARTER)


def year_period(year: int, *, cutoff: bool = False) -> Period:
    _check_year(year, "Năm")
    if cutoff:
        return Period(date(year - 1, 12, CUTOFF_DAY), date(year, 12, CUTOFF_DAY - 1), PeriodKind.YEAR, True)
    return Period(date(year, 1, 1), date(year, 12, 31), PeriodKind.YEAR)


def custom_period(start: date, end: date) -> Period:
    if end < start:
        raise ValidationError(
            "Kỳ báo cáo",
            f"ngày kết thúc {fmt_date(end)} trước ngày bắt đầu {fmt_date(start)}.",
            "Nhập lại «đến ngày» sau «từ ngày».",
        )
    if (end - start).days > MAX_DAYS:
        raise ValidationError("Kỳ báo cáo", "dài quá 10 năm.", "Chọn khoảng ngày ngắn hơn.")
    return Period(start, end, PeriodKind.CUSTOM)


def _check_year(year: int, field: str) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError(field, f"năm {year} không hợp lệ.", "Nhập năm từ 2000 đến 2100.")


_MONTH = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})[/.-](\d{4}))\s*$")
_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]?\s*([1-4])\s*$|^\s*[Qq]?([1-4])\s*[/.-]\s*(\d{4})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


def parse_month(text: str, *, cutoff: bool = False) -> Period:
    """``2026-11`` or ``11/2026``."""
    match = _MONTH.match(text or "")
    if not match:
        raise ValidationError("Tháng", f"«{text}» không đúng dạng.", "Nhập dạng 2026-11 hoặc 11/2026.")
    year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
    return month_period(int(year), int(month), cutoff=cutoff)


def parse_quarter(text: str, *, cutoff: bool = False) -> Period:
    """``2026-Q4``, ``2026Q4`` or ``Q4/2026``."""
    match = _QUARTER.match(text or "")
    if not match:
        raise ValidationError("Quý", f"«{text}» không đúng dạng.", "Nhập dạng 2026-Q4 hoặc Q4/2026.")
    year, quarter = (match[1], match[2]) if match[1] else (match[4], match[3])
    return quarter_period(int(year), int(quarter), cutoff=cutoff)


def parse_year(text: str, *, cutoff: bool = False) -> Period:
    match = _YEAR.match(text or "")
    if not match:
        raise ValidationError("Năm", f"«{text}» không đúng dạng.", "Nhập 4 chữ số, ví dụ 2026.")
    return year_period(int(match[1]), cutoff=cutoff)


def parse_day(text: str, field: str = "Ngày") -> date:
    try:
        return parse_date(text or "")
    except ValueError:
        raise ValidationError(field, f"«{text}» không phải ngày.", "Nhập dạng dd/mm/yyyy.") from None
