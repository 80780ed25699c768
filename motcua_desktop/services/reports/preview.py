"""What the reports page shows of a report: the period picked from its choices, the tables as text,
the dossier list behind a figure, and the small chart beside II.06a and the satisfaction report.

The reports themselves are built by ``services.reports.build``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from motcua_desktop.domain.dossier_filter import DossierFilter
from motcua_desktop.domain.errors import Field, ValidationError
from motcua_desktop.domain.satisfaction import SCALE
from motcua_desktop.printing.fonts import font_files
from motcua_desktop.reports import Report
from motcua_desktop.reports.closing import ClosingSheet
from motcua_desktop.reports.ii06a import COLUMNS as II06A_COLUMNS
from motcua_desktop.reports.ii06a import Ii06aReport
from motcua_desktop.reports.period import (
    Period,
    PeriodKind,
    custom_period,
    day_period,
    month_period,
    quarter_period,
    year_period,
)
from motcua_desktop.reports.satisfaction import SatisfactionReport
from motcua_desktop.reports.sheet import Kind, cell_text
from motcua_desktop.services.reports.build import closing_filters


def chart_fonts() -> tuple[str, tuple[Path, ...]]:
    """(family, font files) of the serif family the printed forms use, for charts."""
    return font_files()


def make_period(
    kind: PeriodKind | str,
    *,
    year: int = 0,
    number: int = 0,
    start: date | None = None,
    end: date | None = None,
    cutoff: bool = False,
) -> Period:
    """A period from the reports page's choices: a month or quarter ``number`` of ``year``, a year,
    a day (``start``) or a range; ``cutoff``: months, quarters and years from the 15th before to
    the 14th (``services.reports.build.office_period_cutoff`` is the office's choice)."""
    kind = PeriodKind(kind)
    if kind is PeriodKind.MONTH:
        return month_period(year, number, cutoff=cutoff)
    if kind is PeriodKind.QUARTER:
        return quarter_period(year, number, cutoff=cutoff)
    if kind is PeriodKind.YEAR:
        return year_period(year, cutoff=cutoff)
    if start is None:
        raise ValidationError(Field("day", "Ngày"), "chưa chọn.", "Chọn ngày (dd/mm/yyyy).")
    if kind is PeriodKind.DAY or end is None:
        return day_period(start)
    return custom_period(start, end)


@dataclass(frozen=True)
class PreviewTable:
    """One table of a report as the screen shows it (the same text as the PDF)."""

    title: str
    headings: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[tuple[str, ...], ...]
    styles: tuple[str, ...]  # "normal" | "group" | "total"
    notes: tuple[str, ...]


def preview(report: Report) -> list[PreviewTable]:
    tables = []
    for sheet in report.sheets():
        numeric = tuple(c.kind in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT) for c in sheet.columns)
        rows = tuple(
            tuple(cell_text(v, c.kind) for v, c in zip(row.values, sheet.columns, strict=True)) for row in sheet.rows
        )
        headings = sheet.flat_headings("\n")
        if sheet.number_headings:
            headings = [f"{h}\n({i})" for i, h in enumerate(headings, 1)]
        tables.append(
            PreviewTable(
                sheet.title,
                tuple(headings),
                numeric,
                rows,
                tuple(row.style.value for row in sheet.rows),
                sheet.notes,
            )
        )
    return tables


def cell_filter(report: Report, table: int, row: int, column: int) -> DossierFilter | None:
    """The dossier list behind a figure of a preview table, when one list can show it."""
    if isinstance(report, Ii06aReport) and table == 0 and 0 <= row < len(report.rows) and column >= 2:
        keys = [key for _, key, _ in II06A_COLUMNS]
        if column - 2 < len(keys):
            return report.filters(report.rows[row]).get(keys[column - 2])
    if isinstance(report, ClosingSheet):
        section = report.sheets()[0].rows[row].values[0] if row < len(report.sheets()[0].rows) else None
        wanted = {"I": "received", "III": "returned"}.get(str(section))
        if wanted:
            return closing_filters(report.clerk, report.day)[wanted]
    return None


@dataclass(frozen=True)
class ReportChart:
    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    keys: tuple[str, ...]  # "early", "on_time", "late", "in_time", "overdue", or rating levels
    filters: dict[str, DossierFilter]


def report_chart(report: Report) -> ReportChart | None:
    """The small chart shown beside a report's preview (II.06a and satisfaction)."""
    if isinstance(report, Ii06aReport):
        total = report.rows[0]
        c = total.counts
        filters = report.filters(total)
        return ReportChart(
            f"{report.period.label} – kết quả giải quyết",
            ("Trước hạn", "Đúng hạn", "Quá hạn", "Đang g.q. trong hạn", "Đang g.q. quá hạn"),
            (c.early, c.on_time, c.late, c.in_time, c.overdue),
            ("early", "on_time", "late", "in_time", "overdue"),
            {k: filters[k] for k in ("early", "on_time", "late")},
        )
    if isinstance(report, SatisfactionReport):
        t = report.overall
        return ReportChart(
            f"{report.period.label} – đánh giá chung ({t.rated} lượt)",
            tuple(rating.label for rating in SCALE),
            (t.very_satisfied, t.satisfied, t.dissatisfied),
            ("very_satisfied", "satisfied", "dissatisfied"),
            {},
        )
    return None
