"""Clock changes in a dossier's life: supplement, extension, stop/withdrawal, 15-day close.

Pure decisions: each function returns the new due moment (and the reason code that
``DueRevision`` keeps) before an event is written; ``projection.py`` then records the round,
the original due date and every revised one. A due date already printed is never recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from motcua_desktop.domain.calendar.work_calendar import WorkCalendar
from motcua_desktop.domain.dossier import Dossier, DueRevision, Extension
from motcua_desktop.domain.duration import Duration
from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.text import clean_text
from motcua_desktop.domain.vntime import business_day, fmt_date, fmt_datetime, to_vn

# DueRevision.reason codes (dossier.py)
REASON_RECEIVED = "received"
REASON_RESTART = "supplement-restart"
REASON_EXTEND = "supplement-extend"
REASON_EXTENSION = "extension"

SUPPLEMENT_WAIT_DAYS = 15  # Decree 118 Art. 19(5): close when nothing arrives within 15 days


class SupplementPolicy(StrEnum):
    """How a received supplement moves the due date (``rules.md`` §4.1)."""

    RESTART = "restart"  # Decree 118 Art. 19(5): the full duration again from the supplement (default)
    EXTEND = "extend"  # provincial practice: old due + the working time spent waiting

    @property
    def label(self) -> str:
        return {
            SupplementPolicy.RESTART: "Tính lại từ đầu khi nhận đủ hồ sơ bổ sung (Nghị định 118, Điều 19 khoản 5)",
            SupplementPolicy.EXTEND: "Cộng thêm thời gian chờ bổ sung vào hạn cũ",
        }[self]


@dataclass(frozen=True)
class DueDecision:
    """A new due moment and why; ``revision`` is what ``Dossier.due_history`` keeps."""

    due_at: datetime
    reason: str

    def revision(self, at: datetime) -> DueRevision:
        return DueRevision(self.due_at, self.reason, at)


def initial_due(calendar: WorkCalendar, received_at: datetime, duration: Duration) -> DueDecision:
    """The due date printed on the receipt (the first entry of ``due_history``)."""
    return DueDecision(calendar.due_at(received_at, duration), REASON_RECEIVED)


def due_after_supplement(
    calendar: WorkCalendar,
    *,
    duration: Duration,
    due_before: datetime,
    requested_at: datetime,
    received_at: datetime,
    policy: SupplementPolicy = SupplementPolicy.RESTART,
) -> DueDecision:
    """New due moment when the supplement arrives at ``received_at``."""
    if to_vn(received_at) < to_vn(requested_at):
        raise ValidationError(
            "Thời điểm nhận bổ sung",
            f"{fmt_datetime(received_at)} trước thời điểm yêu cầu bổ sung {fmt_datetime(requested_at)}.",
            "Kiểm tra lại ngày giờ nhận hồ sơ bổ sung.",
        )
    if policy is SupplementPolicy.RESTART:
        return DueDecision(calendar.due_at(received_at, duration), REASON_RESTART)
    waited = calendar.working_time_between(requested_at, received_at)
    if waited == timedelta(0):
        return DueDecision(to_vn(due_before), REASON_EXTEND)
    return DueDecision(calendar.add_working_time(due_before, waited), REASON_EXTEND)


def receive_supplement(
    calendar: WorkCalendar,
    dossier: Dossier,
    received_at: datetime,
    policy: SupplementPolicy = SupplementPolicy.RESTART,
) -> DueDecision:
    """``due_after_supplement`` for the dossier's open supplement round."""
    open_round = dossier.open_supplement
    if open_round is None:
        raise ValidationError("Hồ sơ bổ sung", f"hồ sơ {dossier.code} không có yêu cầu bổ sung nào đang chờ.")
    duration = dossier.procedure.duration
    if duration is None or dossier.due_at is None:
        raise ValidationError(
            "Thời hạn giải quyết",
            f"hồ sơ {dossier.code} không có thời hạn nên không tính được ngày hẹn mới.",
            "Nhập ngày hẹn mới bằng tay.",
        )
    return due_after_supplement(
        calendar,
        duration=duration,
        due_before=dossier.due_at,
        requested_at=open_round.requested_at,
        received_at=received_at,
        policy=policy,
    )


# ----- extension ("gia hạn", Decree 118 Art. 19(6)) ---------------------------------------


def extension_due(calendar: WorkCalendar, day: date) -> datetime:
    """The new due moment for a date chosen by the clerk: closing time of that working day."""
    if not calendar.is_working_day(day):
        raise ValidationError(
            "Ngày hẹn mới",
            f"{fmt_date(day)} là ngày nghỉ ({calendar.day_off_reason(day)}).",
            f"Chọn một ngày làm việc, ví dụ {fmt_date(calendar.next_working_day(day))}.",
        )
    return calendar.end_of_day(day)


def extension_latest_day(calendar: WorkCalendar, current_due: datetime) -> date:
    """The last day the apology and extension proposal may be issued: the working day before the
    due day (Decree 118 Art. 19(6): at least one working day before the deadline)."""
    day = business_day(current_due) - timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def extension_requested_in_time(
    requested_at: datetime, current_due: datetime, calendar: WorkCalendar | None = None
) -> bool:
    """Whether the extension comes at least one day before the due date (Art. 19(6)); with the
    working ``calendar``, at least one working day before it (the rule the counter applies)."""
    if calendar is not None:
        return business_day(requested_at) <= extension_latest_day(calendar, current_due)
    return business_day(requested_at) <= business_day(current_due) - timedelta(days=1)


def extension_warning(requested_at: datetime, current_due: datetime, calendar: WorkCalendar | None = None) -> str:
    """Vietnamese message when the extension is late ("" when it is in time)."""
    if extension_requested_in_time(requested_at, current_due, calendar):
        return ""
    if calendar is not None:
        return (
            f"Văn bản xin lỗi và đề nghị gia hạn phải lập chậm nhất ngày "
            f"{fmt_date(extension_latest_day(calendar, current_due))}, 01 ngày làm việc trước hạn "
            f"{fmt_date(current_due)} (Nghị định 118/2025, Điều 19 khoản 6); ngày {fmt_date(requested_at)} đã quá "
            "thời điểm này nên không gia hạn được. Hồ sơ vẫn theo ngày hẹn đã có."
        )
    return (
        f"Đề nghị gia hạn lập ngày {fmt_date(requested_at)}, chưa đủ 01 ngày trước hạn {fmt_date(current_due)}. "
        "Nghị định 118/2025 (Điều 19 khoản 6) yêu cầu xin lỗi và đề nghị gia hạn chậm nhất 01 ngày trước hạn."
    )


def make_extension(dossier: Dossier, *, at: datetime, new_due_at: datetime, reason: str, by: str) -> Extension:
    """The one allowed extension; raises ValidationError if used already or not later than the due."""
    if dossier.extension is not None:
        raise ValidationError(
            "Gia hạn",
            f"hồ sơ {dossier.code} đã được gia hạn một lần (đến {fmt_datetime(dossier.extension.new_due_at)}).",
            "Nghị định 118/2025 (Điều 19 khoản 6) chỉ cho phép hẹn lại một lần.",
        )
    if dossier.due_at is None:
        raise ValidationError("Gia hạn", f"hồ sơ {dossier.code} không có ngày hẹn trả để gia hạn.")
    if to_vn(new_due_at) <= to_vn(dossier.due_at):
        raise ValidationError(
            "Ngày hẹn mới",
            f"{fmt_datetime(new_due_at)} không sau hạn hiện tại {fmt_datetime(dossier.due_at)}.",
            "Chọn ngày hẹn mới sau hạn hiện tại.",
        )
    text = clean_text(reason)
    if not text:
        raise ValidationError("Lý do gia hạn", "không được để trống.", "Ghi lý do sẽ in trên văn bản xin lỗi.")
    return Extension(to_vn(at), to_vn(dossier.due_at), to_vn(new_due_at), text, by)


# ----- stop, withdrawal, waiting ----------------------------------------------------------

_CLOCK_RUNNING = frozenset(
    {Status.RECEIVED, Status.IN_PROCESSING, Status.SUPPLEMENTED, Status.AWAITING_FEES, Status.EXTENDED}
)


def running_due_at(dossier: Dossier) -> datetime | None:
    """The deadline the dossier is running against now, or None.

    None once it is stopped, withdrawn, closed or finished (no deadline is counted after the
    request), and while it waits for the citizen's supplement (the due date is decided again
    when the supplement arrives).
    """
    if dossier.status not in _CLOCK_RUNNING:
        return None
    return dossier.due_at


def close_allowed_from(calendar: WorkCalendar, requested_at: datetime) -> date:
    """First date on which a dossier never supplemented may be closed.

    The 15 days run from the day after the notice (Civil Code 2015 Art. 147); when the last
    day is a day off the period ends with the next working day (Art. 148(5)).
    """
    last = business_day(requested_at) + timedelta(days=SUPPLEMENT_WAIT_DAYS)
    return calendar.working_day_on_or_after(last) + timedelta(days=1)


def may_close_unsupplemented(calendar: WorkCalendar, dossier: Dossier, now: datetime) -> bool:
    open_round = dossier.open_supplement
    if dossier.status is not Status.AWAITING_SUPPLEMENT or open_round is None:
        return False
    return business_day(now) >= close_allowed_from(calendar, open_round.requested_at)
