"""Complaints and suggestions ("phản ánh, kiến nghị") about the counter's work, and how they are counted.

Every article of issue 19 asks the counter to publish where complaints go and to answer them; provinces
publish how many were received and how many were dealt with (Phú Yên: 649 received, 515 dealt with).
A complaint comes at the counter, by telephone, by letter or from the suggestion box; it may concern a
dossier; a person is assigned to answer it by a due date counted in working days on the office's
calendar (``DEFAULT_ANSWER_DAYS``, a setting: 10 is the program's default, not read in an instrument; the
office sets what its province's rules give). An unanswered complaint past its due date is overdue,
with the same words and colour as an overdue dossier (``domain.deadline.Urgency``).

The report (``complaint_figures``) counts per period: open at the start, received, answered on time,
answered late, open at the end and of those overdue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from motcua_desktop.domain.deadline import Urgency
from motcua_desktop.domain.duration import Duration, DurationUnit
from motcua_desktop.domain.errors import Field, ValidationError
from motcua_desktop.domain.fields import clean_field
from motcua_desktop.domain.money import vn_number
from motcua_desktop.domain.timeliness import is_due_today, is_overdue
from motcua_desktop.domain.vntime import fmt_date

if TYPE_CHECKING:
    from motcua_desktop.domain.calendar import WorkCalendar

DEFAULT_ANSWER_DAYS = 10
ANSWER_DAYS_RANGE = (1, 60)


class Channel(StrEnum):
    COUNTER = "counter"
    PHONE = "phone"
    LETTER = "letter"
    BOX = "box"

    @property
    def label(self) -> str:
        return _CHANNEL_LABELS[self]


_CHANNEL_LABELS = {
    Channel.COUNTER: "Tại quầy",
    Channel.PHONE: "Điện thoại",
    Channel.LETTER: "Thư",
    Channel.BOX: "Hòm thư góp ý",
}

CHANNEL_FIELD = Field("complaint.channel", "Hình thức tiếp nhận")
SENDER_FIELD = Field("complaint.sender", "Người phản ánh")
CONTACT_FIELD = Field("complaint.contact", "Địa chỉ, điện thoại liên hệ")
CONTENT_FIELD = Field("complaint.content", "Nội dung phản ánh, kiến nghị")
ASSIGNEE_FIELD = Field("complaint.assignee", "Người được giao trả lời")
ANSWER_FIELD = Field("complaint.answer", "Nội dung trả lời")
DAYS_FIELD = Field("complaints.answer_days", "Thời hạn trả lời phản ánh, kiến nghị (ngày làm việc)")


def parse_channel(text: str) -> Channel:
    key = (text or "").strip().casefold()
    for channel in Channel:
        if key in (channel.value, channel.label.casefold()):
            return channel
    allowed = ", ".join(f"{c.value} ({c.label})" for c in Channel)
    raise ValidationError(CHANNEL_FIELD, f"«{text}» không có trong danh sách.", f"Chọn một trong: {allowed}.")


@dataclass(frozen=True)
class ComplaintInput:
    """What the clerk types when a complaint comes in (checked by ``check_input``)."""

    channel: Channel
    sender: str
    content: str
    contact: str = ""
    dossier_code: str = ""
    assignee: str = ""


def check_input(raw: ComplaintInput) -> ComplaintInput:
    """The input cleaned; a ``ValidationError`` names the field and what to do."""
    return ComplaintInput(
        channel=raw.channel,
        sender=clean_field(raw.sender, SENDER_FIELD, limit=200)
        or ("Không ghi tên" if raw.channel is Channel.BOX else _required(SENDER_FIELD)),
        content=clean_field(raw.content, CONTENT_FIELD, limit=4000, multiline=True, required=True),
        contact=clean_field(raw.contact, CONTACT_FIELD, limit=200),
        dossier_code=clean_field(raw.dossier_code, Field("complaint.dossier", "Hồ sơ liên quan"), limit=40),
        assignee=clean_field(raw.assignee, ASSIGNEE_FIELD, limit=64),
    )


def check_answer(text: str) -> str:
    return clean_field(text, ANSWER_FIELD, limit=4000, multiline=True, required=True)


def _required(field: Field) -> str:
    raise ValidationError(field, "chưa nhập.", "Ghi họ tên người phản ánh (thư góp ý không tên: chọn «Hòm thư góp ý»).")


def parse_answer_days(value: object) -> int:
    low, high = ANSWER_DAYS_RANGE
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValidationError(DAYS_FIELD, f"phải là số ngày từ {low} đến {high}.", "Mặc định là 10 ngày làm việc.")
    return value


def answer_due(calendar: WorkCalendar, received_at: datetime, days: int) -> datetime:
    """The moment the answer is due: ``days`` working days after reception on the office's calendar."""
    return calendar.due_at(received_at, Duration(DurationUnit.WORKING_DAYS, Decimal(days)))


def complaint_code(year: int, number: int) -> str:
    """``PA-2026-0007``: the complaint's number in the register of its year on this PC."""
    return f"PA-{year}-{number:04d}"


@dataclass(frozen=True)
class Complaint:
    uuid: str
    code: str
    received_at: datetime
    channel: Channel
    sender: str
    contact: str
    content: str
    dossier_code: str
    assignee: str
    due_at: datetime
    recorded_by: str
    answer: str = ""
    answered_at: datetime | None = None
    answered_by: str = ""

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def answered_on_time(self) -> bool | None:
        if self.answered_at is None:
            return None
        return self.answered_at <= self.due_at


def complaint_urgency(complaint: Complaint, now: datetime, near_due_before: datetime) -> Urgency | None:
    """Like a dossier's: None once answered, else overdue / due today / near due / in time."""
    if complaint.is_answered:
        return None
    if is_overdue(complaint.due_at, now):
        return Urgency.OVERDUE
    if is_due_today(complaint.due_at, now):
        return Urgency.DUE_TODAY
    if complaint.due_at <= near_due_before:
        return Urgency.NEAR_DUE
    return Urgency.IN_TIME


def complaint_state(complaint: Complaint, now: datetime) -> str:
    """The words of the register's "Tình trạng" column."""
    if complaint.answered_at is not None:
        when = fmt_date(complaint.answered_at)
        return f"Đã trả lời {when}" + ("" if complaint.answered_on_time else " (trễ hạn)")
    return "Quá hạn, chưa trả lời" if is_overdue(complaint.due_at, now) else "Đang xử lý"


@dataclass(frozen=True)
class ComplaintPeriod:
    label: str
    start: date
    end: date  # inclusive


@dataclass(frozen=True)
class ComplaintFigures:
    """One row of the report: what happened to complaints in one period."""

    period: ComplaintPeriod
    open_at_start: int  # received before the period and not answered before it
    received: int
    answered_on_time: int  # answered in the period by their due date
    answered_late: int  # answered in the period after their due date
    open_at_end: int  # not answered at the end of the period
    overdue_at_end: int  # of those, past their due date at the end of the period

    @property
    def answered(self) -> int:
        return self.answered_on_time + self.answered_late

    def cells(self) -> list[str]:
        """The row as the report prints it (``COMPLAINT_COLUMNS``)."""
        counts = (
            self.open_at_start,
            self.received,
            self.answered_on_time,
            self.answered_late,
            self.open_at_end,
            self.overdue_at_end,
        )
        return [self.period.label, *(vn_number(n, 0) for n in counts)]


COMPLAINT_COLUMNS = (
    "Kỳ",
    "Tồn đầu kỳ",
    "Tiếp nhận",
    "Trả lời đúng hạn",
    "Trả lời trễ hạn",
    "Còn tồn",
    "Trong đó quá hạn",
)


def complaint_figures(complaints: Iterable[Complaint], periods: Iterable[ComplaintPeriod]) -> list[ComplaintFigures]:
    """The report, one row per period. A complaint counts by its reception and answer dates (Vietnam
    time); "open at the end" is judged at the end of the period's last day."""
    items = list(complaints)
    rows = []
    for period in periods:
        start, end = period.start, period.end
        open_start = received = on_time = late = open_end = overdue_end = 0
        for c in items:
            got = c.received_at.date()
            answered = c.answered_at.date() if c.answered_at is not None else None
            if got < start and (answered is None or answered >= start):
                open_start += 1
            if start <= got <= end:
                received += 1
            if answered is not None and start <= answered <= end:
                if c.answered_on_time:
                    on_time += 1
                else:
                    late += 1
            if got <= end and (answered is None or answered > end):
                open_end += 1
                if c.due_at.date() <= end:  # due on or before the last day: past due once it ends
                    overdue_end += 1
        rows.append(ComplaintFigures(period, open_start, received, on_time, late, open_end, overdue_end))
    return rows


def month_periods(year: int) -> list[ComplaintPeriod]:
    """The twelve months of ``year`` (the yearly review's table), labelled ``Tháng 1/2026``…"""
    periods = []
    for month in range(1, 13):
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        periods.append(
            ComplaintPeriod(f"Tháng {month}/{year}", date(year, month, 1), date.fromordinal(nxt.toordinal() - 1))
        )
    return periods


def months_between(start: date, end: date) -> list[ComplaintPeriod]:
    """The months ``start``–``end`` touches, each cut to that range (a report's monthly rows)."""
    periods = []
    first = date(start.year, start.month, 1)
    while first <= end:
        nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        last = date.fromordinal(nxt.toordinal() - 1)
        periods.append(ComplaintPeriod(f"Tháng {first.month}/{first.year}", max(first, start), min(last, end)))
        first = nxt
    return periods


def total_period(start: date, end: date) -> ComplaintPeriod:
    return ComplaintPeriod(f"{fmt_date(start)} – {fmt_date(end)}", start, end)
