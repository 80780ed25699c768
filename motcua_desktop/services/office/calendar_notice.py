"""A yearly notice of days off, previewed before it is applied: an imported file (``time.md`` §7.7)
or a reported schedule the administrator confirms after reading its instrument.

The preview lists the days added, removed and changed and the printed appointments the new
calendar would move; applying it checks that the administrator saw exactly these rows (a digest
of the preview), stores the rows with their provenance, writes one audit event naming the file,
the instruments, the user and the time, and flags the moved appointments for the clerk.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.calendar import CalendarDay, DayOrigin, DayStatus, WorkCalendar, parse_calendar_csv
from motcua_desktop.domain.calendar.changes import DayChange, compare_years
from motcua_desktop.domain.calendar.year_status import day_list, instrument_of
from motcua_desktop.domain.errors import Field, FileProblem, NotFound, ValidationError
from motcua_desktop.domain.serde import canonical_json, to_plain
from motcua_desktop.domain.text import clean_text
from motcua_desktop.domain.vntime import fmt_datetime
from motcua_desktop.services.core.calendar import build_calendar, calendar_config, reported_rows, shipped_rows
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.office.calendar import CalendarChange, change_calendar
from motcua_desktop.services.office.due_flags import MovedAppointment, moved_appointments


@dataclass(frozen=True)
class NoticePreview:
    """What applying a notice would do; nothing is written while it is shown."""

    source_name: str  # the file name, or "lịch đã đưa tin năm 2027"
    digest: str  # identifies exactly these rows: applying checks it
    years: tuple[int, ...]
    rows: tuple[CalendarDay, ...]
    instruments: tuple[str, ...]
    changes: tuple[DayChange, ...]
    moved: tuple[MovedAppointment, ...]

    def describe(self) -> str:
        """The preview in Vietnamese, as the command line prints it and the window shows it."""
        lines = [
            f"Lịch nghỉ năm {', '.join(map(str, self.years))} từ «{self.source_name}»: {len(self.rows)} ngày.",
            "Căn cứ: " + ("; ".join(self.instruments) or "(không ghi)"),
        ]
        if self.changes:
            lines.append(f"Thay đổi so với lịch đang áp dụng ({len(self.changes)} ngày):")
            lines += [f"  {c.kind.label}: {c.describe()}" for c in self.changes]
        else:
            lines.append("Không có ngày nào khác với lịch đang áp dụng.")
        if self.moved:
            lines.append(f"{len(self.moved)} hồ sơ đã in phiếu hẹn sẽ có ngày hẹn khác:")
            lines += [f"  {m.describe()}" for m in self.moved]
            lines.append(
                "Ngày hẹn đã in không tự thay đổi: sau khi áp dụng, các hồ sơ này vào danh sách "
                "«cần xem lại ngày hẹn» để cán bộ in phiếu hẹn mới."
            )
        else:
            lines.append("Không có phiếu hẹn đã in nào bị ảnh hưởng.")
        return "\n".join(lines)


def preview_calendar_import(ctx: AppContext, path: Path) -> NoticePreview:
    """Reads and checks a notice file and shows what importing it would change (writes nothing)."""
    ctx.require(Permission.CALENDAR)
    name, data = _read(path)
    rows = parse_calendar_csv(data, name, origin=DayOrigin.IMPORTED)
    return _preview(ctx, name, rows)


def apply_calendar_import(ctx: AppContext, path: Path, *, digest: str) -> CalendarChange:
    """Imports the file previewed with ``digest``; refuses when the file changed since the preview."""
    ctx.require(Permission.CALENDAR)
    preview = preview_calendar_import(ctx, path)
    _same(preview, digest)
    provenance = f"tệp {preview.source_name}, {ctx.actor}, {fmt_datetime(ctx.clock.now())}"
    rows = [dataclasses.replace(r, provenance=provenance) for r in preview.rows]
    return _apply(ctx, preview, rows)


def preview_reported(ctx: AppContext, year: int) -> NoticePreview:
    """The reported schedule of ``year`` as it would apply once confirmed (its reported rows official)."""
    ctx.require(Permission.CALENDAR)
    reported = reported_rows(year)
    if not any(r.status is DayStatus.REPORTED for r in reported):
        raise NotFound(f"Không có lịch nghỉ nào của năm {year} đang ở mức «đã đưa tin» để xác nhận.")
    rows = [
        dataclasses.replace(
            r,
            origin=DayOrigin.IMPORTED,
            status=DayStatus.OFFICIAL if r.status is DayStatus.REPORTED else r.status,
            reason=REPORTED_MARK if r.status is DayStatus.REPORTED else r.reason,
        )
        for r in reported
    ]
    return _preview(ctx, f"lịch đã đưa tin năm {year}", rows)


REPORTED_MARK = "reported"  # reason of a row that was reported, until confirmation names what was read


def confirm_reported(ctx: AppContext, year: int, *, checked: str, digest: str) -> CalendarChange:
    """Applies the reported schedule of ``year`` after the administrator read its instrument.

    ``checked`` says what was read ("Đã đối chiếu Công văn 10065/VPCP-KGVX trên Cổng TTĐT Chính phủ");
    the reported rows become official with it in their source; the others keep their status.
    """
    ctx.require(Permission.CALENDAR)
    text = clean_text(checked)
    if not text:
        raise ValidationError(
            Field("checked", "Văn bản đã đối chiếu"),
            "chưa nhập.",
            "Ghi số, ngày của văn bản đã đọc và nơi đọc, ví dụ «Công văn 10065/VPCP-KGVX, bản trên Cổng TTĐT Chính phủ».",
        )
    preview = preview_reported(ctx, year)
    _same(preview, digest)
    provenance = f"xác nhận lịch đã đưa tin, {ctx.actor}, {fmt_datetime(ctx.clock.now())}"
    rows = [
        dataclasses.replace(r, source=f"{r.source} — đã đối chiếu: {text}", reason="", provenance=provenance)
        if r.reason == REPORTED_MARK
        else dataclasses.replace(r, provenance=provenance)
        for r in preview.rows
    ]
    return _apply(ctx, preview, rows, checked=text)


def _read(path: Path) -> tuple[str, bytes]:
    name = Path(path).name
    try:
        return name, Path(path).read_bytes()
    except OSError as exc:
        raise FileProblem(name, f"không đọc được tệp ({exc.strerror}).", fix="Chọn lại tệp lịch (.csv).") from None


def _preview(ctx: AppContext, name: str, rows: list[CalendarDay] | tuple[CalendarDay, ...]) -> NoticePreview:
    years = tuple(sorted({r.day.year for r in rows}))
    before = build_calendar(ctx.store)
    after = _calendar_after(ctx, years, rows)
    changes = compare_years(before, after, years)
    moved = tuple(moved_appointments(ctx.store, after, ctx.clock.now()))
    # The notice's own instruments; computed rows only cite the Labour Code they were derived from.
    decided = [r for r in rows if r.source and r.status is not DayStatus.COMPUTED] or [r for r in rows if r.source]
    instruments = tuple(dict.fromkeys(instrument_of(r.source) for r in decided))
    digest = hashlib.sha256(canonical_json([to_plain(r) for r in rows]).encode()).hexdigest()
    return NoticePreview(name, digest, years, tuple(rows), instruments, changes, moved)


def _calendar_after(
    ctx: AppContext, years: tuple[int, ...], rows: list[CalendarDay] | tuple[CalendarDay, ...]
) -> WorkCalendar:
    """The calendar once ``rows`` replace the imported rows of their years (as storage will do)."""
    kept = [r for r in ctx.store.calendar.rows() if not (r.origin is DayOrigin.IMPORTED and r.day.year in years)]
    return WorkCalendar(calendar_config(ctx.store), [*shipped_rows(), *kept, *rows])


def _same(preview: NoticePreview, digest: str) -> None:
    if preview.digest != digest:
        raise ValidationError(
            Field("file", "Tệp lịch"),
            f"nội dung «{preview.source_name}» đã khác với lúc xem trước.",
            "Xem trước lại rồi mới áp dụng.",
        )


def _apply(ctx: AppContext, preview: NoticePreview, rows: list[CalendarDay], *, checked: str = "") -> CalendarChange:
    years = list(preview.years)
    summary = (
        f"Đã áp dụng lịch nghỉ năm {', '.join(map(str, years))} từ «{preview.source_name}» "
        f"({len(rows)} ngày; {len(preview.changes)} ngày thay đổi)."
    )

    def change(store, now):  # type: ignore[no-untyped-def]
        store.calendar.replace_imported_years(years, rows, at=now, by=ctx.actor, source_file=preview.source_name)
        return summary

    details: dict[str, object] = {
        "file": preview.source_name,
        "sha256": preview.digest,
        "years": years,
        "rows": len(rows),
        "instruments": list(preview.instruments),
        "changed_days": day_list(c.day for c in preview.changes),
        "moved": [m.code for m in preview.moved],
        "summary": summary,
    }
    if checked:
        details["checked"] = checked
    return change_calendar(ctx, change, details)
