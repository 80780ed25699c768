"""``motcua calendar due|show|import|set-day|confirm``: the working calendar."""

from __future__ import annotations

from pathlib import Path

from motcua_desktop.commands.base import CliApp, CliError, add_command
from motcua_desktop.domain.calendar import DayKind
from motcua_desktop.domain.duration import make_duration
from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.vntime import fmt_date, fmt_datetime, parse_date, parse_datetime, weekday_short
from motcua_desktop.services.core.calendar import appointment_for
from motcua_desktop.services.office.calendar import confirm_day, import_calendar_file, set_day, year_overview
from motcua_desktop.services.office.catalogue import get_procedure


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = subparsers.add_parser(
        "calendar",
        help="lịch làm việc, ngày nghỉ, tính ngày hẹn trả",
        description="Lịch làm việc: ngày lễ, nghỉ bù, hoán đổi, làm bù, nghỉ đột xuất.",
    )
    sub = p.add_subparsers(dest="calendar_command", metavar="LỆNH", required=True)
    due = add_command(sub, "due", run_due, "tính ngày giờ hẹn trả từ thời điểm tiếp nhận")
    due.add_argument("--received", required=True, metavar='"YYYY-MM-DD HH:MM"', help="thời điểm tiếp nhận")
    group = due.add_mutually_exclusive_group(required=True)
    group.add_argument("--procedure", metavar="MÃ_TTHC", help="lấy thời hạn theo danh mục")
    group.add_argument("--duration", metavar="SỐ", help="số thời hạn (ví dụ 2,5)")
    due.add_argument("--unit", default="working-days", help="working-days (mặc định), calendar-days, hours, same-day")
    show = add_command(sub, "show", run_show, "liệt kê ngày nghỉ, ngày làm bù của một năm và tình trạng xác nhận")
    show.add_argument("year", type=int, metavar="NĂM")
    imp = add_command(sub, "import", run_import, "nhập lịch nghỉ chính thức của một năm từ tệp CSV (quản trị viên)")
    imp.add_argument("file", type=Path, metavar="TỆP")
    day = add_command(
        sub, "set-day", run_set_day, "ghi một ngày nghỉ đột xuất / nghỉ / làm việc theo quyết định (quản trị viên)"
    )
    day.add_argument("date", metavar="NGÀY", help="dd/mm/yyyy")
    day.add_argument(
        "--kind", default=DayKind.CLOSURE.value, help="closure (nghỉ đột xuất, mặc định), decided_off, decided_workday"
    )
    day.add_argument("--name", required=True, help='ví dụ "Nghỉ do bão số 3"')
    day.add_argument("--reason", required=True, help="lý do, văn bản quyết định")
    conf = add_command(sub, "confirm", run_confirm, "xác nhận áp dụng một ngày đang ở dạng đề xuất (quản trị viên)")
    conf.add_argument("date", metavar="NGÀY", help="dd/mm/yyyy")
    conf.add_argument("--reason", required=True, help="căn cứ xác nhận (số văn bản)")


def run_due(app: CliApp) -> int:
    a = app.args
    try:
        received = parse_datetime(a.received)
    except ValueError:
        raise CliError(f'--received «{a.received}» không phải ngày giờ; dạng "YYYY-MM-DD HH:MM".') from None
    ctx = app.anonymous()
    if a.procedure:
        procedure = get_procedure(ctx, a.procedure)
        if procedure.duration is None:
            raise CliError(f"Thủ tục {a.procedure} chưa có thời hạn trong danh mục; dùng --duration và --unit.")
        duration = procedure.duration
    else:
        duration = make_duration(a.unit, a.duration)
    calendar = ctx.calendar()
    due = calendar.due_at(received, duration)
    warning = calendar.year_status(due.year).warning  # type: ignore[attr-defined]
    text = appointment_for(ctx.store, due)
    app.emit(
        {
            "received_at": received,
            "duration": duration.to_dict(),
            "due_at": due,
            "appointment_text": text,
            "warning": warning,
        },
        "\n".join(
            filter(
                None,
                [
                    f"Tiếp nhận: {fmt_datetime(received)}",
                    f"Thời hạn: {duration.label()}",
                    f"Hẹn trả: {fmt_datetime(due)} ({text})",
                    warning,
                ],
            )
        ),
    )
    return 0


def run_show(app: CliApp) -> int:
    overview = year_overview(app.anonymous(), app.args.year)

    def text() -> str:
        lines = [f"Lịch năm {overview.year}: {overview.status.confirmation.label}"]  # type: ignore[attr-defined]
        for entry in overview.entries:
            row = entry.row
            mark = "" if entry.applied else " [chưa áp dụng]"
            lines.append(
                f"  {fmt_date(row.day)} {weekday_short(row.day):<3} {row.kind.label:<26} "
                f"{row.status.label:<18} {row.name}{mark}"
            )
        if overview.status.warning:
            lines.append("Cảnh báo: " + overview.status.warning)
        return "\n".join(lines)

    app.emit(
        {
            "year": overview.year,
            "status": overview.status,
            "days": [
                {
                    "date": e.row.day,
                    "kind": e.row.kind,
                    "name": e.row.name,
                    "status": e.row.status,
                    "origin": e.row.origin,
                    "applied": e.applied,
                    "source": e.row.source,
                }
                for e in overview.entries
            ],
        },
        text,
    )
    return 0


def run_import(app: CliApp) -> int:
    change = import_calendar_file(app.context(), app.args.file)
    app.emit({"summary": change.summary, "flagged": change.flagged}, change.summary)
    return 0


def _date(text: str):  # type: ignore[no-untyped-def]
    try:
        return parse_date(text)
    except ValueError:
        raise ValidationError("Ngày", f"«{text}» không phải ngày.", "Dạng dd/mm/yyyy.") from None


def run_set_day(app: CliApp) -> int:
    a = app.args
    try:
        kind = DayKind(a.kind)
    except ValueError:
        raise CliError(f"--kind «{a.kind}» không hợp lệ: closure, decided_off hoặc decided_workday.") from None
    change = set_day(app.context(), _date(a.date), kind, a.name, a.reason)
    app.emit({"summary": change.summary, "flagged": change.flagged}, change.summary)
    return 0


def run_confirm(app: CliApp) -> int:
    change = confirm_day(app.context(), _date(app.args.date), app.args.reason)
    app.emit({"summary": change.summary, "flagged": change.flagged}, change.summary)
    return 0
