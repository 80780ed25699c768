"""Is the PC clock believable? Compared with the latest time the app has seen and the build date.

A dead CMOS battery resets the clock to a BIOS date (often 01/01/2000); a wrong year is typed;
the PC is installed in another time zone. A receipt printed with such a date carries a wrong
appointment date, so registration is refused while the clock is behind what the app has already
recorded (beyond a small tolerance), until the clock is fixed or a leader confirms the correct
time. A large jump forward (a wrong month or year typed, a BIOS set ahead) stops every write
until a leader confirms the real time: a time written in the future would later make the
correct clock look "behind" and block the counter, and moving the clock far forward must not be a
way around the block either.

Ordering never depends on the clock (events are ordered by device, epoch and sequence); this
module only decides whether "now" may be written on legal documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from motcua_desktop.domain.vntime import business_day, fmt_datetime

# Clocks drift a little and two PCs are never exactly in step: five minutes is not "behind".
TOLERANCE = timedelta(minutes=5)
# Tết and other long holidays keep an office closed for up to about ten days; beyond two weeks
# without any activity the date is asked about (a typed wrong month or year is caught).
JUMP_LIMIT = timedelta(days=14)


class ClockVerdict(StrEnum):
    OK = "ok"
    BEHIND = "behind"  # earlier than what the app has already seen: registration refused
    JUMPED = "jumped"  # far ahead of the last activity: nothing is written until a leader confirms
    CORRECTED = "corrected"  # behind, but a leader confirmed the correct time: that time is used

    @property
    def label(self) -> str:
        return {
            ClockVerdict.OK: "Giờ máy tính hợp lệ",
            ClockVerdict.BEHIND: "Giờ máy tính bị lùi",
            ClockVerdict.JUMPED: "Giờ máy tính nhảy tới trước nhiều ngày",
            ClockVerdict.CORRECTED: "Đang dùng giờ do lãnh đạo xác nhận",
        }[self]


@dataclass(frozen=True)
class ClockOverride:
    """A leader's confirmation of the correct time while the PC clock is known to be wrong."""

    pc_time: datetime  # what the PC clock said at the confirmation
    confirmed_time: datetime  # what the leader confirmed the time really was
    by: str

    @property
    def offset(self) -> timedelta:
        return self.confirmed_time - self.pc_time


@dataclass(frozen=True)
class ClockCheck:
    verdict: ClockVerdict
    pc_now: datetime  # the PC clock
    now: datetime  # the time the app uses: the PC clock, or the PC clock corrected by the override
    reference: datetime  # latest time known to have passed (high-water mark, or build date)
    override: ClockOverride | None = None  # in force
    override_ended: bool = False  # an override was stored but the PC clock has since been fixed

    @property
    def blocks_registration(self) -> bool:
        return self.verdict is ClockVerdict.BEHIND

    @property
    def needs_confirmation(self) -> bool:
        """The date may be right (a long closure) or wrong (a typed year): a leader confirms it
        before anything is written at that date."""
        return self.verdict is ClockVerdict.JUMPED

    @property
    def blocks_writing(self) -> bool:
        return self.verdict is ClockVerdict.JUMPED

    @property
    def suspect(self) -> bool:
        """Times written now may be wrong: events are flagged ``clock_suspect``."""
        return self.verdict in (ClockVerdict.BEHIND, ClockVerdict.CORRECTED)

    def message(self) -> str:
        if self.verdict is ClockVerdict.BEHIND:
            return (
                f"Đồng hồ máy tính đang chỉ {fmt_datetime(self.pc_now)}, sớm hơn thời điểm chương trình đã ghi nhận "
                f"({fmt_datetime(self.reference)}). Ngày hẹn in trên phiếu sẽ sai, nên tạm ngừng tiếp nhận hồ sơ. "
                "Hãy chỉnh lại ngày giờ của máy tính (thường do hết pin đồng hồ), hoặc nhờ lãnh đạo xác nhận "
                "ngày giờ đúng trong chương trình."
            )
        if self.verdict is ClockVerdict.JUMPED:
            return (
                f"Đồng hồ máy tính đang chỉ {fmt_datetime(self.pc_now)}, muộn hơn lần sử dụng gần nhất "
                f"({fmt_datetime(self.reference)}) tới {(business_day(self.pc_now) - business_day(self.reference)).days} ngày. "
                "Chưa ghi gì với ngày giờ này. Nếu ngày giờ máy tính sai, hãy chỉnh lại; nếu đúng (đơn vị nghỉ dài ngày), "
                "nhờ lãnh đạo xác nhận ngày giờ đúng (motcua clock confirm) rồi làm việc tiếp."
            )
        if self.verdict is ClockVerdict.CORRECTED and self.override is not None:
            return (
                f"Đồng hồ máy tính vẫn sai ({fmt_datetime(self.pc_now)}); chương trình đang dùng giờ do "
                f"{self.override.by} xác nhận: {fmt_datetime(self.now)}. Hãy chỉnh lại đồng hồ máy tính sớm nhất."
            )
        return f"Giờ máy tính: {fmt_datetime(self.now)}."


def check_clock(
    pc_now: datetime,
    *,
    high_water: datetime | None,
    floor: datetime,
    override: ClockOverride | None = None,
    tolerance: timedelta = TOLERANCE,
    jump_limit: timedelta = JUMP_LIMIT,
) -> ClockCheck:
    """The verdict on the PC clock reading ``pc_now``.

    ``high_water`` is the latest time the app has recorded (events, start-ups); ``floor`` the
    build date of this version: no correct clock can be earlier. A stored ``override`` stays in
    force only while the PC clock is still wrong; once the clock has been fixed it has ended.
    """
    reference = max(high_water, floor) if high_water is not None else floor
    ended = override is not None
    if override is not None and _still_wrong(pc_now, override, reference, tolerance):
        corrected = pc_now + override.offset
        if corrected < reference - tolerance:
            return ClockCheck(ClockVerdict.BEHIND, pc_now, pc_now, reference, None, override_ended=True)
        return ClockCheck(ClockVerdict.CORRECTED, pc_now, corrected, reference, override)
    if pc_now < reference - tolerance:
        return ClockCheck(ClockVerdict.BEHIND, pc_now, pc_now, reference, override_ended=ended)
    if high_water is not None and pc_now > high_water + jump_limit:
        return ClockCheck(ClockVerdict.JUMPED, pc_now, pc_now, high_water, override_ended=ended)
    return ClockCheck(ClockVerdict.OK, pc_now, pc_now, reference, override_ended=ended)


def _still_wrong(pc_now: datetime, override: ClockOverride, reference: datetime, tolerance: timedelta) -> bool:
    """Is the PC clock still as wrong as when the leader confirmed the time? A clock that was
    behind is fixed once it is no longer behind; a clock that was ahead is fixed once it has been
    set back before the time it showed at the confirmation (a running clock never goes back)."""
    if override.offset >= timedelta(0):
        return pc_now < reference - tolerance
    return pc_now >= override.pc_time - tolerance
