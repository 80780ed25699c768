"""Every setting of a counter PC in one list: its key, its type, its default and who may change it.

Settings are JSON values in the ``settings`` table (``storage.settings_table``), one database per
counter PC, so a setting is the office's choice on that PC. Code names a setting by its ``Setting``
here, never by a key string: ``store.settings.value(SETTING)`` reads it (the default when unset or
unreadable), ``services.core.settings.change_setting`` changes it (permission, then the value
checked, written and recorded as a ``settings.changed`` event in one transaction).

What a ``Setting`` is and its usual kinds: ``domain.setting_types``. ``changed_by`` is the permission a user needs to change a setting; ``None`` marks a setting kept by
the program itself (the clock guard, the demo generator, the bulk loader), which no one types in.

Decoders import the heavier domain modules (calendar, timeliness) on first use: this module is read
when the sign-in screen opens.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import Field, ValidationError
from motcua_desktop.domain.setting_types import (
    Setting,
    choice_setting,
    enum_setting,
    flag_setting,
    plain,
    same,
    stored,
    stored_or_none,
    text_setting,
    time_setting,
)

if TYPE_CHECKING:
    from motcua_desktop.domain.calendar import AppointmentStyle, CalendarConfig, SupplementPolicy
    from motcua_desktop.domain.clock_guard import ClockOverride
    from motcua_desktop.domain.office import OfficeSettings
    from motcua_desktop.domain.statistics_readings import DurationBasis, SupplementReading
    from motcua_desktop.domain.timeliness import TimelinessRule
    from motcua_desktop.domain.waiting_queue import QueueField

# --- the office ---------------------------------------------------------------------------------


def _office_class() -> type[OfficeSettings]:
    from motcua_desktop.domain.office import OfficeSettings

    return OfficeSettings


OFFICE: Setting[OfficeSettings | None] = Setting(
    "office", "Thông tin đơn vị", stored_or_none(_office_class), plain, same, Permission.SETTINGS
)


# --- the working calendar and the office's rules ------------------------------------------------


def _calendar_config_class() -> type[CalendarConfig]:
    from motcua_desktop.domain.calendar import CalendarConfig

    return CalendarConfig


def _appointment_style() -> type[AppointmentStyle]:
    from motcua_desktop.domain.calendar import AppointmentStyle

    return AppointmentStyle


def _supplement_policy() -> type[SupplementPolicy]:
    from motcua_desktop.domain.calendar import SupplementPolicy

    return SupplementPolicy


def _timeliness_rule() -> type[TimelinessRule]:
    from motcua_desktop.domain.timeliness import TimelinessRule

    return TimelinessRule


# Changed with the rest of the calendar (``services.office.calendar.set_office_hours``: recorded as
# ``calendar.changed`` with the dossiers whose due date it would move).
CALENDAR_CONFIG: Setting[CalendarConfig] = Setting(
    "calendar_config",
    "Giờ làm việc",
    stored(_calendar_config_class),
    plain,
    same,
    Permission.CALENDAR,
)
APPOINTMENT_STYLE: Setting[AppointmentStyle] = enum_setting(
    "appointment_style", "Cách ghi ngày hẹn trả", _appointment_style, "exact"
)
SUPPLEMENT_POLICY: Setting[SupplementPolicy] = enum_setting(
    "supplement_policy", "Cách tính lại hạn khi nhận hồ sơ bổ sung", _supplement_policy, "restart"
)
TIMELINESS_RULE: Setting[TimelinessRule] = enum_setting(
    "timeliness_rule", "Cách tính đúng hạn", _timeliness_rule, "date_part"
)


# The shipped days-off files last reviewed for moved appointments (``services.office.due_flags``).
SHIPPED_CALENDAR_DIGEST = text_setting("calendar.shipped_digest", "Lịch nghỉ kèm phần mềm đã xem xét", None)


def _hours(raw: Any) -> Decimal:
    return Decimal(str(raw if raw is not None else 8))  # one working day


def _parse_hours(value: Any) -> Decimal:
    try:
        hours = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        hours = Decimal(0)
    if not hours.is_finite() or not 0 < hours <= 80:
        raise ValidationError(
            Field("near_due_hours", "Số giờ làm việc coi là sắp đến hạn"),
            f"«{value}» không hợp lệ.",
            "Từ 0,5 đến 80 giờ.",
        )
    return hours


NEAR_DUE_HOURS: Setting[Decimal] = Setting(
    "near_due_hours", "Số giờ làm việc coi là sắp đến hạn", _hours, str, _parse_hours, Permission.SETTINGS
)

# --- safety -------------------------------------------------------------------------------------

BACKUP_OFFSITE_DIR = text_setting("backup.offsite_dir", "Nơi sao lưu thứ hai", Permission.SETTINGS, fresh=True)
RECOVERY_PUBLIC_KEY = text_setting(
    "backup.recovery_public_key", "Khóa công khai khôi phục", Permission.SETTINGS, fresh=True
)
IDLE_LOCK_RANGE = (1, 30)
DEFAULT_IDLE_LOCK_MINUTES = 5


def _idle_minutes(raw: Any) -> int:
    low, high = IDLE_LOCK_RANGE
    return raw if isinstance(raw, int) and low <= raw <= high else DEFAULT_IDLE_LOCK_MINUTES


def _parse_idle_minutes(value: Any) -> int:
    low, high = IDLE_LOCK_RANGE
    if not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            Field("security.idle_lock_minutes", "Thời gian tự khóa màn hình"),
            f"phải từ {low} đến {high} phút.",
            "Nên để 5 phút ở quầy đông người.",
        )
    return value


IDLE_LOCK_MINUTES: Setting[int] = Setting(
    "security.idle_lock_minutes",
    "Thời gian tự khóa màn hình",
    _idle_minutes,
    same,
    _parse_idle_minutes,
    Permission.SETTINGS,
    fresh=True,
)

# The clock guard's memory (``services.core.clock_guard``); a leader's confirmation is its own audited
# use case (``clock.confirmed``), not a setting anyone types.
CLOCK_HIGH_WATER = time_setting("clock.high_water", "Thời điểm muộn nhất đã thấy")


def _event_position(raw: Any) -> tuple[int, int] | None:
    return (int(raw["epoch"]), int(raw["seq"])) if isinstance(raw, dict) else None


def _event_position_json(value: tuple[int, int] | None) -> Any:
    return None if value is None else {"epoch": value[0], "seq": value[1]}


# (epoch, seq) of the leader's confirmation that re-based the high-water mark: earlier events no longer count.
CLOCK_REBASED: Setting[tuple[int, int] | None] = Setting(
    "clock.rebased",
    "Mốc thời gian tính lại theo xác nhận của lãnh đạo",
    _event_position,
    _event_position_json,
    _event_position,
    None,
)


def _clock_override_class() -> type[ClockOverride]:
    from motcua_desktop.domain.clock_guard import ClockOverride

    return ClockOverride


CLOCK_OVERRIDE: Setting[ClockOverride | None] = Setting(
    "clock.override", "Giờ đúng do lãnh đạo xác nhận", stored_or_none(_clock_override_class), plain, same, None
)

# --- printing -----------------------------------------------------------------------------------

PRINT_MODES = {"preview": "Xem trước rồi in", "direct": "In thẳng ra máy in"}
PRINT_MODE = choice_setting("print.mode", "Cách in", tuple(PRINT_MODES), "preview", Permission.SETTINGS)
RECEIPT_LAYOUT = text_setting("print.receipt_layout", "Khổ giấy in giấy tiếp nhận", Permission.SETTINGS)
RECEIPT_QR = flag_setting("print.receipt_qr", "Mã QR trên giấy tiếp nhận", Permission.SETTINGS)
TEMPLATE_DIR = text_setting("print.template_dir", "Thư mục mẫu phiếu của tỉnh", Permission.SETTINGS)
WEBSITE = text_setting("print.website", "Trang tra cứu in trên phiếu", Permission.SETTINGS)
SIGNER_TITLE = text_setting("print.signer_title", "Chức danh người ký", Permission.SETTINGS)
SIGNER_NAME = text_setting("print.signer_name", "Họ tên người ký", Permission.SETTINGS)
PAPERS = {"auto": "Theo mẫu phiếu", "A4": "A4", "A5": "A5", "80mm": "Giấy cuộn 80 mm"}
ORIENTATIONS = {"auto": "Theo mẫu phiếu", "portrait": "Dọc", "landscape": "Ngang"}


@dataclass(frozen=True)
class PrinterChoice:
    """The printer of one form on this PC (``printer_name`` empty: the Windows default printer)."""

    printer_name: str = ""
    paper: str = "auto"
    orientation: str = "auto"
    copies: int = 1


def _printer(raw: Any) -> PrinterChoice:
    data = raw if isinstance(raw, dict) else {}
    try:
        return PrinterChoice(
            str(data.get("printer_name", "")),
            str(data.get("paper", "auto")),
            str(data.get("orientation", "auto")),
            int(data.get("copies", 1)),
        )
    except (TypeError, ValueError):
        return PrinterChoice()


def _parse_printer(choice: PrinterChoice) -> PrinterChoice:
    from motcua_desktop.domain.text import clean_text

    if choice.paper not in PAPERS:
        raise ValidationError(Field("paper", "Khổ giấy"), f"«{choice.paper}» không có.", "Chọn: " + ", ".join(PAPERS))
    if choice.orientation not in ORIENTATIONS:
        raise ValidationError(
            Field("orientation", "Hướng giấy"), f"«{choice.orientation}» không có.", "Chọn: " + ", ".join(ORIENTATIONS)
        )
    if not 1 <= choice.copies <= 9:
        raise ValidationError(Field("copies", "Số bản in"), f"{choice.copies} không hợp lệ.", "Từ 1 đến 9 bản.")
    return PrinterChoice(clean_text(choice.printer_name), choice.paper, choice.orientation, choice.copies)


PRINTER_PREFIX = "print.printer."


def printer_setting(form: str) -> Setting[PrinterChoice]:
    """The printer of form ``form`` (``01``…``07``): one setting per form, ``print.printer.<form>``."""
    return Setting(PRINTER_PREFIX + form, f"Máy in mẫu {form}", _printer, asdict, _parse_printer, Permission.SETTINGS)


# --- reports, demo data, bulk loading -----------------------------------------------------------

REPORT_RECIPIENT = text_setting("reports.recipient", "Đơn vị nhận báo cáo", Permission.SETTINGS)
# Months, quarters and years from the 15th of the month before to the 14th (``reports.period``).
PERIOD_CUTOFF = flag_setting(
    "reports.period_cutoff", "Kỳ báo cáo từ ngày 15 tháng trước đến ngày 14", Permission.SETTINGS
)


def _supplement_reading() -> type[SupplementReading]:
    from motcua_desktop.domain.statistics_readings import SupplementReading

    return SupplementReading


def _duration_basis() -> type[DurationBasis]:
    from motcua_desktop.domain.statistics_readings import DurationBasis

    return DurationBasis


# How the statistics read two open points (``domain.statistics_readings``); each report prints its reading.
SUPPLEMENT_READING: Setting[SupplementReading] = enum_setting(
    "reports.awaiting_supplement", "Cách tính hồ sơ chờ bổ sung", _supplement_reading, "resolved"
)
DURATION_BASIS: Setting[DurationBasis] = enum_setting(
    "reports.duration_basis", "Thời hạn dùng để xét", _duration_basis, "promised"
)
DEMO_DATA = flag_setting("demo_data", "Dữ liệu mẫu", None)  # set by the demo generator (needs SETTINGS)


def _sql_list(raw: Any) -> list[str]:
    return [str(s) for s in raw] if isinstance(raw, list) else []


BULK_PENDING_INDEXES: Setting[list[str]] = Setting(
    "bulk_load_pending_indexes", "Chỉ mục chờ dựng lại sau khi nạp hàng loạt", _sql_list, list, _sql_list, None
)

# --- complaints and the waiting queue (issue 19 §6, §7) -----------------------------------------


def _answer_days(raw: Any) -> int:
    from motcua_desktop.domain.complaints import DEFAULT_ANSWER_DAYS, parse_answer_days

    try:
        return parse_answer_days(raw)
    except ValidationError:
        return DEFAULT_ANSWER_DAYS


def _parse_answer_days(value: Any) -> int:
    from motcua_desktop.domain.complaints import parse_answer_days

    return parse_answer_days(value)


COMPLAINT_ANSWER_DAYS: Setting[int] = Setting(
    "complaints.answer_days",
    "Thời hạn trả lời phản ánh, kiến nghị (ngày làm việc)",
    _answer_days,
    same,
    _parse_answer_days,
    Permission.SETTINGS,
)


def _queue_fields(raw: Any) -> tuple[QueueField, ...]:
    from motcua_desktop.domain.waiting_queue import stored_queue_fields

    return stored_queue_fields(raw)


def _parse_queue_fields(value: Any) -> tuple[QueueField, ...]:
    from motcua_desktop.domain.waiting_queue import parse_queue_fields

    return parse_queue_fields(value)


def _queue_fields_json(value: tuple[QueueField, ...]) -> Any:
    return [f.to_dict() for f in value]


QUEUE_FIELDS: Setting[tuple[QueueField, ...]] = Setting(
    "queue.fields", "Lĩnh vực của hàng chờ", _queue_fields, _queue_fields_json, _parse_queue_fields, Permission.SETTINGS
)

QUEUE_TICKET_LAYOUT = choice_setting(
    "queue.ticket_layout", "Khổ giấy in số thứ tự", ("80mm", "a6"), "80mm", Permission.SETTINGS
)

# --- the practices of the best counters (issue 19; ``docs/practices.md``) ----------------------


def _weekdays(raw: Any) -> tuple[int, ...]:
    return tuple(sorted({d for d in raw if isinstance(d, int) and 0 <= d <= 6})) if isinstance(raw, list) else ()


def _parse_weekdays(value: Any) -> tuple[int, ...]:
    from motcua_desktop.domain.same_day import parse_weekdays

    return parse_weekdays(value)


def _keys(raw: Any) -> tuple[str, ...]:
    return tuple(str(k) for k in raw) if isinstance(raw, list) else ()


def _parse_keys(value: Any) -> tuple[str, ...]:
    from motcua_desktop.domain.same_day import parse_procedures

    return parse_procedures(value)


# «Ngày không hẹn» (``domain.same_day``): the weekdays (0 = Monday) and the procedures resolved on the spot.
NO_APPOINTMENT_WEEKDAYS: Setting[tuple[int, ...]] = Setting(
    "practices.no_appointment_weekdays",
    "Ngày không hẹn trong tuần",
    _weekdays,
    list,
    _parse_weekdays,
    Permission.SETTINGS,
)
SAME_DAY_PROCEDURES: Setting[tuple[str, ...]] = Setting(
    "practices.same_day_procedures",
    "Thủ tục giải quyết ngay trong ngày không hẹn",
    _keys,
    list,
    _parse_keys,
    Permission.SETTINGS,
)
# The public listing (``printing.listing``): who takes complaints, beside the office's address and phone.
LISTING_LEADER = text_setting(
    "listing.leader_contact", "Lãnh đạo tiếp nhận phản ánh (họ tên, chức vụ, điện thoại)", Permission.SETTINGS
)
LISTING_COMPLAINTS = text_setting(
    "listing.complaint_contact", "Địa chỉ, điện thoại tiếp nhận phản ánh, kiến nghị", Permission.SETTINGS
)

# Every setting, for the documentation and the test that no code uses a key of its own.
SETTINGS: tuple[Setting[Any], ...] = (
    OFFICE,
    CALENDAR_CONFIG,
    APPOINTMENT_STYLE,
    SUPPLEMENT_POLICY,
    TIMELINESS_RULE,
    SHIPPED_CALENDAR_DIGEST,
    NEAR_DUE_HOURS,
    BACKUP_OFFSITE_DIR,
    RECOVERY_PUBLIC_KEY,
    IDLE_LOCK_MINUTES,
    CLOCK_HIGH_WATER,
    CLOCK_REBASED,
    CLOCK_OVERRIDE,
    PRINT_MODE,
    RECEIPT_LAYOUT,
    RECEIPT_QR,
    TEMPLATE_DIR,
    WEBSITE,
    SIGNER_TITLE,
    SIGNER_NAME,
    REPORT_RECIPIENT,
    PERIOD_CUTOFF,
    SUPPLEMENT_READING,
    DURATION_BASIS,
    DEMO_DATA,
    BULK_PENDING_INDEXES,
    COMPLAINT_ANSWER_DAYS,
    QUEUE_FIELDS,
    QUEUE_TICKET_LAYOUT,
    NO_APPOINTMENT_WEEKDAYS,
    SAME_DAY_PROCEDURES,
    LISTING_LEADER,
    LISTING_COMPLAINTS,
)
SETTING_FAMILIES = {PRINTER_PREFIX: printer_setting}  # a key per form: ``print.printer.01``…


def setting_for(key: str) -> Setting[Any] | None:
    """The setting stored under ``key`` (None: not a setting of this program)."""
    for setting in SETTINGS:
        if setting.key == key:
            return setting
    for prefix, make in SETTING_FAMILIES.items():
        if key.startswith(prefix):
            return make(key.removeprefix(prefix))
    return None
