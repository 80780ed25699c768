"""Reports and the dashboard: II.06a, the tracking book, the clerk's closing sheet, satisfaction.

Figures come from ``storage.report_queries`` (indexed aggregates) and the dossier lists
(``services.dossiers.lists``, so each dashboard number is the count of the list it opens); the
``reports`` package shapes them and renders the files. Definitions: ``docs/reports.md``.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.dossier import Channel, Outcome
from motcua_desktop.domain.dossier_filter import DossierFilter
from motcua_desktop.domain.errors import Field, NotFound, ValidationError
from motcua_desktop.domain.lifecycle import Action, Status
from motcua_desktop.domain.settings import REPORT_RECIPIENT
from motcua_desktop.domain.statistics_readings import (
    DurationBasis,
    SupplementReading,
    statutory_outcome,
    statutory_pending_state,
    waiting_at_end_of,
)
from motcua_desktop.domain.text import clean_text
from motcua_desktop.domain.timeliness import PendingState, TimelinessRule, due_timeline, pending_state_on
from motcua_desktop.domain.vntime import business_day, fmt_date, parse_date
from motcua_desktop.printing import template_for
from motcua_desktop.printing.book import book_fields
from motcua_desktop.printing.template import TableBlock
from motcua_desktop.reports.book import BookColumn, BookReport
from motcua_desktop.reports.closing import ClosingLine, ClosingSheet
from motcua_desktop.reports.header import ReportHeader
from motcua_desktop.reports.ii06a import Counts, Ii06aReport, ProcedureTally, build_ii06a
from motcua_desktop.reports.period import Period
from motcua_desktop.reports.satisfaction import SatisfactionReport, build_satisfaction
from motcua_desktop.reports.sheet import Kind, Value
from motcua_desktop.reports.trips import TripsReport, build_trips
from motcua_desktop.services.core.calendar import timeliness_rule
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.lookup import load_dossier
from motcua_desktop.services.dossiers.outcomes import worked_out
from motcua_desktop.services.printing.forms import tracking_book_lines, tracking_book_setup
from motcua_desktop.services.reports.options import duration_basis, period_cutoff, supplement_reading


class ReportKind(StrEnum):
    II06A = "ii06a"
    BOOK = "book"
    CLOSING = "closing"
    SATISFACTION = "satisfaction"
    TRIPS = "trips"

    @property
    def label(self) -> str:
        return {
            ReportKind.II06A: "Biểu II.06a – Tình hình, kết quả giải quyết TTHC",
            ReportKind.BOOK: "Sổ theo dõi hồ sơ (mẫu 07)",
            ReportKind.CLOSING: "Bảng kê cuối ngày của cán bộ",
            ReportKind.SATISFACTION: "Kết quả đánh giá sự hài lòng",
            ReportKind.TRIPS: "Số lần đi lại của công dân",
        }[self]


def parse_kind(text: str) -> ReportKind:
    try:
        return ReportKind(clean_text(text).lower())
    except ValueError:
        names = ", ".join(k.value for k in ReportKind)
        raise ValidationError(
            Field("kind", "Loại báo cáo"), f"«{text}» không có.", f"Chọn một trong: {names}."
        ) from None


def parse_rule(text: str | None) -> TimelinessRule | None:
    """``date_part`` or ``qd766``; empty: the office's rule."""
    if not text:
        return None
    try:
        return TimelinessRule(clean_text(text).lower())
    except ValueError:
        names = ", ".join(r.value for r in TimelinessRule)
        raise ValidationError(
            Field("rule", "Cách tính đúng hạn"), f"«{text}» không có.", f"Chọn một trong: {names}."
        ) from None


def report_header(ctx: AppContext) -> ReportHeader:
    office = ctx.office()
    session = ctx.session
    return ReportHeader(
        superior=office.superior_name,
        unit=office.unit_name,
        recipient=ctx.store.settings.value(REPORT_RECIPIENT) or office.superior_name,
        place=office.place_name or office.commune_name.removeprefix("Xã ").removeprefix("Phường "),
        generated_at=ctx.clock.now(),
        preparer=session.full_name if session else "",
    )


def office_rule(ctx: AppContext) -> TimelinessRule:
    return timeliness_rule(ctx.store)


def office_period_cutoff(ctx: AppContext) -> bool:
    """Whether the office reports from the 15th of the month before to the 14th."""
    return period_cutoff(ctx.store)


def _today(ctx: AppContext) -> date:
    return business_day(ctx.clock.now())


def _judged_on(ctx: AppContext, period: Period) -> date:
    """The day pending dossiers are judged on: the period's end, or today while it runs."""
    today = _today(ctx)
    if period.start > today:
        raise ValidationError(
            Field("period", "Kỳ báo cáo"),
            f"bắt đầu ngày {fmt_date(period.start)}, sau hôm nay.",
            "Chọn kỳ đã bắt đầu (tháng, quý, năm hiện tại hoặc trước đó).",
        )
    return min(period.end, today)


# ----- II.06a ---------------------------------------------------------------------------

_OUTCOME_COLUMNS = {Outcome.EARLY: "early", Outcome.ON_TIME: "on_time", Outcome.LATE: "late"}


def ii06a_report(ctx: AppContext, period: Period, rule: TimelinessRule | None = None) -> Ii06aReport:
    """Biểu II.06a for ``period`` under ``rule`` (default: the office's rule)."""
    ctx.require(Permission.REPORTS)
    rule = rule or office_rule(ctx)
    as_of = _judged_on(ctx, period)
    queries = ctx.store.reports
    calendar: Any = ctx.calendar()
    counts: dict[tuple[str, str], dict[str, int]] = {}

    def add(field_name: str, key: str, column: str, n: int) -> None:
        group = counts.setdefault((field_name, key), {})
        group[column] = group.get(column, 0) + n

    for g in queries.received(period.start, period.end):
        add(g.field, g.procedure_key, "online" if g.category == Channel.ONLINE.value else "direct_postal", g.count)
    unknown = False
    for g in queries.finished(period.start, period.end, rule):
        if g.category is None:
            unknown = True
        else:
            add(g.field, g.procedure_key, _OUTCOME_COLUMNS[Outcome(g.category)], g.count)
    recomputed = 0
    if unknown:
        # Finished before outcomes were recorded per rule and not yet filled in (``services.dossiers.outcomes``
        # fills them when the data folder is opened; a read-only one is not): worked out here.
        rows = queries.finished_without_outcome(period.start, period.end, rule)
        for row, outcome in worked_out(rows, rule, calendar):
            add(row.field, row.procedure_key, _OUTCOME_COLUMNS[outcome], 1)
            recomputed += 1
    for g in queries.pending_counts(period.start - timedelta(days=1)):
        add(g.field, g.procedure_key, "carried_over", g.count)
    reading, basis = supplement_reading(ctx.store), duration_basis(ctx.store)
    for p in queries.pending(period.end):
        if waiting_at_end_of(as_of, p.timeline):
            add(p.field, p.procedure_key, "waiting", p.count)
            if reading is SupplementReading.RESOLVED:  # rules.md §6.1 col. 9, §5.1
                add(p.field, p.procedure_key, "on_time", p.count)
                continue
        state = pending_state_on(as_of, rule, due_day=p.due_day, timeline=p.timeline, calendar=calendar)
        add(p.field, p.procedure_key, "in_time" if state is PendingState.IN_TIME else "overdue", p.count)
    if basis is DurationBasis.STATUTORY:
        for (field_name, key), column, n in _statutory_adjustments(ctx, period, as_of, rule, reading, calendar):
            add(field_name, key, column, n)
    names = queries.procedure_names(key for _, key in counts)
    tallies = [
        ProcedureTally(field_name, key, *names[key], Counts(**values)) for (field_name, key), values in counts.items()
    ]
    return build_ii06a(
        report_header(ctx),
        period,
        as_of,
        rule,
        tallies,
        recomputed=recomputed,
        supplement_reading=reading,
        duration_basis=basis,
    )


def _statutory_adjustments(
    ctx: AppContext, period: Period, as_of: date, rule: TimelinessRule, reading: SupplementReading, calendar: Any
) -> list[tuple[tuple[str, str], str, int]]:
    """Moves between columns for dossiers whose receipt promised less than the statutory time, when
    the office judges against the statutory time: each such dossier is judged again from its history
    (only procedures that ever had a shortened time are read)."""
    keys = ctx.store.catalogue.keys_with_local_duration()
    moves: list[tuple[tuple[str, str], str, int]] = []
    for uuid, field_name, key, stored in ctx.store.reports.finished_of(period.start, period.end, keys, rule):
        dossier = load_dossier(ctx.store, uuid)
        judged = statutory_outcome(dossier, rule, calendar)
        if judged is None or stored is None or judged.value == stored:
            continue
        moves += [
            ((field_name, key), _OUTCOME_COLUMNS[Outcome(stored)], -1),
            ((field_name, key), _OUTCOME_COLUMNS[judged], 1),
        ]
    for uuid, field_name, key in ctx.store.reports.pending_of(period.end, keys):
        dossier = load_dossier(ctx.store, uuid)
        timeline = due_timeline(dossier)
        if not dossier.procedure.shortened or (
            reading is SupplementReading.RESOLVED and waiting_at_end_of(as_of, timeline)
        ):
            continue
        due_day = business_day(dossier.due_at) if dossier.due_at else None
        before = pending_state_on(as_of, rule, due_day=due_day, timeline=timeline, calendar=calendar)
        after = statutory_pending_state(dossier, as_of, rule, calendar)
        if before is not after:
            column = {PendingState.IN_TIME: "in_time", PendingState.OVERDUE: "overdue"}
            moves += [((field_name, key), column[before], -1), ((field_name, key), column[after], 1)]
    return moves


# ----- tracking book (form 07) -------------------------------------------------------------


def tracking_book(ctx: AppContext, period: Period) -> BookReport:
    """The tracking book as a table: the columns of the form 07 template, one row per dossier."""
    lines = tracking_book_lines(ctx, period.start, period.end)
    context, options = tracking_book_setup(ctx)
    template = template_for("07", options)
    table = next(b for b in template.blocks if isinstance(b, TableBlock))
    fields = book_fields(lines, context, options, period.start, period.end)
    lookup = fields.lookup(str(template.path))
    columns: list[BookColumn] = []
    readers = []
    for column in table.columns:
        names = column.value.names
        name = names[0] if len(names) == 1 and column.value.text(lambda _: "x") == "x" else ""
        kind = Kind.TEXT
        if name in ("n", "sets_count"):
            kind = Kind.NUMBER
        elif name.endswith("_date"):
            kind = Kind.DATE
        elif column.align == "center":
            kind = Kind.CENTER
        group = column.group.text(lookup) if column.group else ""
        columns.append(BookColumn(column.header.text(lookup), group, column.width, kind))
        readers.append((column.value, kind))
    rows: list[tuple[Value, ...]] = []
    for row in fields.lists[table.rows]:
        get = fields.lookup(str(template.path), row)
        rows.append(tuple(_typed(markup.text(get), kind) for markup, kind in readers))
    volumes = tuple(sorted({line.volume for line in lines if line.volume}))
    return BookReport(report_header(ctx), period, volumes, tuple(columns), tuple(rows))


def _typed(text: str, kind: Kind) -> Value:
    if not text:
        return None
    if kind is Kind.NUMBER and text.isdigit():
        return int(text)
    if kind is Kind.DATE:
        try:
            return parse_date(text)
        except ValueError:
            return text
    return text


# ----- the clerk's closing sheet -------------------------------------------------------------


def closing_sheet(ctx: AppContext, day: date, clerk: str | None = None) -> ClosingSheet:
    """What one clerk did on ``day``; a clerk may always get their own sheet, others need REPORTS."""
    session = ctx.require(Permission.SEARCH)
    username = clean_text(clerk or session.username).lower()
    if username != session.username:
        ctx.require(Permission.REPORTS)
    user = ctx.store.users.get(username)
    if user is None:
        raise NotFound(f"Không có cán bộ «{username}». Kiểm tra tên đăng nhập (ví dụ: lan.nguyen).")
    received: list[ClosingLine] = []
    guided: list[ClosingLine] = []
    returned: list[ClosingLine] = []
    payments: list[ClosingLine] = []
    for e in ctx.store.reports.clerk_day(username, day):
        code = e.code or ""
        if e.action == "register":
            status = Status(e.status_after)
            if status in (Status.GUIDED, Status.REFUSED_AT_COUNTER):
                guided.append(ClosingLine(e.at, code, e.procedure_name, e.applicant_name, status.label))
            else:
                detail = f"Hẹn trả {fmt_date(e.due_at)}" if e.due_at else "Đã tiếp nhận"
                received.append(ClosingLine(e.at, code, e.procedure_name, e.applicant_name, detail))
        elif e.action == Action.RETURN.value:
            person = e.collector_name or e.applicant_name
            returned.append(ClosingLine(e.at, code, e.procedure_name, person, "Trả kết quả", e.amount))
            if e.amount:
                payments.append(ClosingLine(e.at, code, e.procedure_name, person, "Thu khi trả kết quả", e.amount))
        elif e.action == Action.PAY_FEES.value and e.amount:
            payments.append(
                ClosingLine(e.at, code, e.procedure_name, e.applicant_name, "Thực hiện nghĩa vụ tài chính", e.amount)
            )
    return ClosingSheet(
        report_header(ctx),
        day,
        username,
        user.full_name,
        tuple(received),
        tuple(guided),
        tuple(returned),
        tuple(payments),
    )


def closing_filters(clerk: str, day: date) -> dict[str, DossierFilter]:
    """The lists behind the closing sheet's "received" and "returned" sections."""
    return {
        "received": DossierFilter(with_code_only=True, received_by=clerk, received_from=day, received_to=day),
        "returned": DossierFilter(returned_on=day, returned_by=clerk),
    }


# ----- satisfaction ---------------------------------------------------------------------


def satisfaction_report(ctx: AppContext, period: Period) -> SatisfactionReport:
    ctx.require(Permission.REPORTS)
    _judged_on(ctx, period)
    queries = ctx.store.reports
    returned = queries.returned(period.start, period.end)
    ratings = queries.ratings(period.start, period.end)
    names = queries.procedure_names({g.procedure_key for g in returned} | {r.procedure_key for r in ratings})
    return build_satisfaction(
        report_header(ctx),
        period,
        [(g.field, g.procedure_key, g.count) for g in returned],
        [(r.field, r.procedure_key, r.criterion, r.rating, r.count) for r in ratings],
        names,
    )


# ----- trips ------------------------------------------------------------------------------


def trips_report(ctx: AppContext, period: Period) -> TripsReport:
    """How many times citizens came for the dossiers returned in ``period``, beside the previous period."""
    ctx.require(Permission.REPORTS)
    queries = ctx.store.reports
    previous = period.previous()
    now = queries.trips(period.start, period.end)
    before = queries.trips(previous.start, previous.end)
    names = queries.procedure_names({key for _f, key, _t, _n in now})
    return build_trips(report_header(ctx), period, previous, now, before, names)


def clerks(ctx: AppContext) -> list[tuple[str, str]]:
    """(username, full name) of the accounts a closing sheet can be made for."""
    session = ctx.require(Permission.SEARCH)
    if not ctx.can(Permission.REPORTS):
        return [(session.username, session.full_name)]
    return [(u.username, u.full_name) for u in ctx.store.users.all() if not u.disabled]
