"""``motcua report KIND --month 2026-11 --format xlsx --out FILE``: periodic reports to files."""

from __future__ import annotations

import sys
from pathlib import Path

from motcua_desktop.commands.base import CliApp, CliError, add_command, runs_in_safe_mode
from motcua_desktop.domain.errors import Field
from motcua_desktop.domain.vntime import business_day
from motcua_desktop.reports import FORMATS
from motcua_desktop.reports.period import (
    CUTOFF_DAY,
    Period,
    custom_period,
    day_period,
    month_period,
    parse_day,
    parse_month,
    parse_quarter,
    parse_year,
)
from motcua_desktop.services.reports.build import ReportKind, office_period_cutoff, parse_kind, parse_rule
from motcua_desktop.services.reports.files import export_report, save_report

KIND_HELP = ", ".join(f"{k.value} ({k.label})" for k in ReportKind)


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = add_command(
        subparsers,
        "report",
        run,
        "lập báo cáo: biểu II.06a, sổ theo dõi, bảng kê cuối ngày, đánh giá hài lòng (XLSX, PDF, CSV, JSON)",
        "Lập báo cáo của một kỳ ra tệp. Kỳ: --month, --quarter, --year, --day hoặc --from/--to "
        "(mặc định: tháng hiện tại; bảng kê: hôm nay). Không có --out: in JSON ra màn hình.",
    )
    p.add_argument("kind", metavar="LOẠI", help=KIND_HELP)
    p.add_argument("--month", metavar="THÁNG", help="tháng, dạng 2026-11 hoặc 11/2026")
    p.add_argument("--quarter", metavar="QUÝ", help="quý, dạng 2026-Q4 hoặc Q4/2026")
    p.add_argument("--year", metavar="NĂM", help="năm, ví dụ 2026")
    p.add_argument("--day", metavar="NGÀY", help="một ngày dd/mm/yyyy (bảng kê cuối ngày)")
    p.add_argument("--from", dest="date_from", metavar="NGÀY", help="từ ngày dd/mm/yyyy")
    p.add_argument("--to", dest="date_to", metavar="NGÀY", help="đến ngày dd/mm/yyyy")
    p.add_argument("--format", default="xlsx", choices=FORMATS, help="xlsx (mặc định), pdf, csv hoặc json")
    p.add_argument("--out", type=Path, metavar="TỆP", help="tệp kết quả")
    p.add_argument("--clerk", metavar="TÊN", help="bảng kê: tài khoản cán bộ (mặc định: người đang đăng nhập)")
    cutoff = p.add_mutually_exclusive_group()
    cutoff.add_argument(
        "--from-15th",
        dest="cutoff",
        action="store_const",
        const=True,
        help="tháng, quý, năm tính từ ngày 15 tháng trước đến ngày 14 (mặc định theo cài đặt đơn vị)",
    )
    cutoff.add_argument(
        "--calendar-month", dest="cutoff", action="store_const", const=False, help="tháng, quý, năm theo lịch"
    )
    p.add_argument(
        "--rule",
        metavar="CÁCH_TÍNH",
        help="II.06a: date_part (so sánh theo ngày) hoặc qd766 (Quyết định 766); mặc định theo cài đặt đơn vị",
    )


def choose_period(app: CliApp, kind: ReportKind, today_day: Period, cutoff: bool = False) -> Period:
    a = app.args
    chosen = [name for name in ("month", "quarter", "year", "day", "date_from") if getattr(a, name, None) is not None]
    if a.date_to is not None and a.date_from is None:
        raise CliError("--to cần đi kèm --from.")
    if len(chosen) > 1:
        raise CliError("Chỉ chọn một kỳ: --month, --quarter, --year, --day hoặc --from/--to.")
    if a.month:
        return parse_month(a.month, cutoff=cutoff)
    if a.quarter:
        return parse_quarter(a.quarter, cutoff=cutoff)
    if a.year:
        return parse_year(a.year, cutoff=cutoff)
    if a.day:
        return day_period(parse_day(a.day, Field("day", "--day")))
    if a.date_from:
        start = parse_day(a.date_from, Field("date_from", "--from"))
        end = parse_day(a.date_to, Field("date_to", "--to")) if a.date_to else start
        return day_period(start) if start == end else custom_period(start, end)
    if kind is ReportKind.CLOSING:
        return today_day
    today = today_day.start
    if cutoff and today.day >= CUTOFF_DAY:  # the period running now ends on the 14th of next month
        return month_period(today.year + today.month // 12, today.month % 12 + 1, cutoff=True)
    return month_period(today.year, today.month, cutoff=cutoff)


@runs_in_safe_mode
def run(app: CliApp) -> int:
    a = app.args
    kind = parse_kind(a.kind)
    rule = parse_rule(a.rule)
    if a.format != "json" and a.out is None:
        raise CliError(f"Cần --out TỆP cho định dạng {a.format}.")
    ctx = app.context()
    cutoff = office_period_cutoff(ctx) if a.cutoff is None else a.cutoff
    period = choose_period(app, kind, day_period(business_day(ctx.clock.now())), cutoff)
    result = export_report(ctx, kind, period, a.format, rule=rule, clerk=a.clerk)
    if a.out is None:
        sys.stdout.write(result.data.decode("utf-8") + "\n")
        return 0
    save_report(a.out, result.data)
    app.emit(
        {
            "kind": kind.value,
            "format": a.format,
            "file": str(a.out),
            "bytes": len(result.data),
            "period": period.as_json(),
        },
        f"Đã lập «{kind.label}» – {period.label} ra {a.out}.",
    )
    return 0
