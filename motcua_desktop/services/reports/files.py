"""A report as a file: built by its kind (``services.reports.build``), rendered as XLSX, PDF, CSV or JSON
with an ASCII file name, and saved where the user chose (replaced whole, a sheet open in Excel waited for)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from motcua_desktop.domain.errors import Field, ValidationError
from motcua_desktop.domain.text import ascii_slug
from motcua_desktop.domain.timeliness import TimelinessRule
from motcua_desktop.printing.fonts import font_family
from motcua_desktop.reports import FORMATS, Report, render
from motcua_desktop.reports.book import BookReport
from motcua_desktop.reports.closing import ClosingSheet
from motcua_desktop.reports.ii06a import Ii06aReport
from motcua_desktop.reports.period import Period
from motcua_desktop.reports.satisfaction import SatisfactionReport
from motcua_desktop.reports.trips import TripsReport
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.printing.forms import print_tracking_book
from motcua_desktop.services.reports.build import (
    ReportKind,
    closing_sheet,
    ii06a_report,
    satisfaction_report,
    tracking_book,
    trips_report,
)


@dataclass(frozen=True)
class ReportFile:
    kind: ReportKind
    format: str
    data: bytes
    file_name: str  # ASCII, for "save as"


_FILE_PREFIX = {
    ReportKind.II06A: "bieu-II06a",
    ReportKind.BOOK: "so-theo-doi",
    ReportKind.CLOSING: "bang-ke",
    ReportKind.SATISFACTION: "danh-gia-hai-long",
    ReportKind.TRIPS: "so-lan-di-lai",
}


def build_report(
    ctx: AppContext,
    kind: ReportKind,
    period: Period,
    *,
    rule: TimelinessRule | None = None,
    clerk: str | None = None,
) -> Report:
    """The report object of ``kind`` (the closing sheet needs a one-day period)."""
    if kind is ReportKind.II06A:
        return ii06a_report(ctx, period, rule)
    if kind is ReportKind.BOOK:
        return tracking_book(ctx, period)
    if kind is ReportKind.CLOSING:
        if period.start != period.end:
            raise ValidationError(
                Field("day", "Ngày"), "bảng kê cuối ngày lập cho một ngày.", "Chọn một ngày (--day dd/mm/yyyy)."
            )
        return closing_sheet(ctx, period.start, clerk)
    if kind is ReportKind.TRIPS:
        return trips_report(ctx, period)
    return satisfaction_report(ctx, period)


def report_file(ctx: AppContext, report: Report, fmt: str) -> ReportFile:
    """``report`` rendered as ``xlsx``, ``pdf``, ``csv`` or ``json``; the book's PDF is form 07 itself."""
    if fmt not in FORMATS:
        raise ValidationError(
            Field("format", "Định dạng"), f"«{fmt}» không có.", f"Chọn một trong: {', '.join(FORMATS)}."
        )
    kind = ReportKind(report.kind)
    if isinstance(report, BookReport) and fmt == "pdf":
        data = print_tracking_book(ctx, report.period.start, report.period.end).pdf
    else:
        data = render(report, fmt, font_family() if fmt == "pdf" else None)
    if isinstance(report, ClosingSheet):
        name = f"{_FILE_PREFIX[kind]}_{report.day:%Y%m%d}_{ascii_slug(report.clerk)}.{fmt}"
    else:
        assert isinstance(report, Ii06aReport | BookReport | SatisfactionReport | TripsReport)
        name = f"{_FILE_PREFIX[kind]}_{report.period.slug}.{fmt}"
    return ReportFile(kind, fmt, data, name)


def export_report(
    ctx: AppContext,
    kind: ReportKind,
    period: Period,
    fmt: str,
    *,
    rule: TimelinessRule | None = None,
    clerk: str | None = None,
) -> ReportFile:
    """Builds and renders a report in one call (the command line)."""
    if fmt not in FORMATS:
        raise ValidationError(
            Field("format", "Định dạng"), f"«{fmt}» không có.", f"Chọn một trong: {', '.join(FORMATS)}."
        )
    if kind is ReportKind.BOOK and fmt == "pdf":
        job = print_tracking_book(ctx, period.start, period.end)
        return ReportFile(kind, fmt, job.pdf, job.file_name)
    return report_file(ctx, build_report(ctx, kind, period, rule=rule, clerk=clerk), fmt)


def save_report(path: Path, data: bytes) -> None:
    """Writes an exported report; a file that cannot be written is a known error naming it."""
    from motcua_desktop.domain.errors import FileProblem
    from motcua_desktop.fileio import reason, write_atomic

    try:
        write_atomic(Path(path), data)  # a sheet left open in Excel is waited for, then named
    except OSError as exc:
        raise FileProblem(
            Path(path).name, f"không ghi được ({reason(exc)}).", fix="Chọn thư mục khác hoặc đóng tệp đang mở."
        ) from None
