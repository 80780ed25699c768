"""``motcua complaint add|list|answer|assign|report``: the register of complaints and suggestions."""

from __future__ import annotations

from motcua_desktop.commands.base import CliApp, add_command, runs_in_safe_mode
from motcua_desktop.domain.complaints import (
    COMPLAINT_COLUMNS,
    Channel,
    ComplaintInput,
    complaint_state,
    month_periods,
    parse_channel,
    total_period,
)
from motcua_desktop.domain.errors import Field
from motcua_desktop.domain.vntime import fmt_date, fmt_datetime, parse_date
from motcua_desktop.services.complaints.register import (
    answer_complaint,
    assign_complaint,
    complaint_register,
    complaint_report,
    receive_complaint,
    set_answer_days,
)

HELP = "sổ phản ánh, kiến nghị: ghi nhận, giao người trả lời, trả lời, báo cáo"


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = subparsers.add_parser("complaint", help=HELP, description=HELP[0].upper() + HELP[1:] + ".")
    sub = p.add_subparsers(dest="complaint_command", metavar="LỆNH", required=True)
    channels = ", ".join(f"{c.value} ({c.label})" for c in Channel)
    add = add_command(sub, "add", run_add, "ghi nhận một phản ánh, kiến nghị (in mã và hạn trả lời)")
    add.add_argument("--channel", required=True, metavar="HÌNH_THỨC", help=f"hình thức tiếp nhận: {channels}")
    add.add_argument("--sender", default="", metavar="HỌ_TÊN", help="người phản ánh (bỏ trống với hòm thư góp ý)")
    add.add_argument("--contact", default="", metavar="LIÊN_HỆ", help="địa chỉ hoặc số điện thoại để trả lời")
    add.add_argument("--content", required=True, metavar="NỘI_DUNG", help="nội dung phản ánh, kiến nghị")
    add.add_argument("--dossier", default="", metavar="MÃ_HỒ_SƠ", help="hồ sơ liên quan (nếu có)")
    add.add_argument("--assignee", default="", metavar="TÊN_ĐĂNG_NHẬP", help="người được giao trả lời")
    lst = add_command(sub, "list", run_list, "xem sổ, mới nhất trước; quá hạn được đánh dấu")
    lst.add_argument("--open", action="store_true", help="chỉ những phản ánh chưa trả lời, hạn gần nhất trước")
    ans = add_command(sub, "answer", run_answer, "ghi nội dung trả lời (một lần) và thời điểm trả lời")
    ans.add_argument("code", metavar="MÃ", help="mã phản ánh, dạng PA-2026-0001")
    ans.add_argument("--text", required=True, metavar="NỘI_DUNG", help="nội dung đã trả lời")
    asg = add_command(sub, "assign", run_assign, "giao (hoặc giao lại) người trả lời")
    asg.add_argument("code", metavar="MÃ", help="mã phản ánh, dạng PA-2026-0001")
    asg.add_argument("assignee", metavar="TÊN_ĐĂNG_NHẬP", help="người được giao")
    days = add_command(sub, "days", run_days, "đặt thời hạn trả lời (số ngày làm việc) cho phản ánh nhận từ nay")
    days.add_argument("days", type=int, metavar="SỐ_NGÀY", help="từ 1 đến 60, thường là 10")
    rep = add_command(
        sub, "report", run_report, "số tiếp nhận, trả lời đúng hạn, trễ hạn, còn tồn theo tháng hoặc một khoảng ngày"
    )
    rep.add_argument("--year", type=int, default=None, help="cả năm, từng tháng (mặc định: năm nay)")
    rep.add_argument("--from", dest="date_from", default="", metavar="NGÀY", help="từ ngày dd/mm/yyyy")
    rep.add_argument("--to", dest="date_to", default="", metavar="NGÀY", help="đến ngày dd/mm/yyyy")


def run_add(app: CliApp) -> int:
    a = app.args
    channel = parse_channel(a.channel)
    ctx = app.context()
    c = receive_complaint(ctx, ComplaintInput(channel, a.sender, a.content, a.contact, a.dossier, a.assignee))
    app.emit(c, f"Đã ghi phản ánh, kiến nghị {c.code}; hạn trả lời {fmt_datetime(c.due_at)}.")
    return 0


@runs_in_safe_mode
def run_list(app: CliApp) -> int:
    ctx = app.context()
    lines = complaint_register(ctx, open_only=bool(app.args.open))
    now = ctx.clock.now()

    def text() -> str:
        rows = [
            f"{line.complaint.code:<13} {fmt_date(line.complaint.received_at):<10} {line.complaint.channel.label:<14}"
            f" hạn {fmt_date(line.complaint.due_at):<10} {complaint_state(line.complaint, now):<32}"
            f" {line.complaint.sender} – {line.complaint.content[:60]}"
            for line in lines
        ]
        return "\n".join([*rows, f"{len(lines)} phản ánh, kiến nghị."])

    app.emit(lines, text)
    return 0


def run_answer(app: CliApp) -> int:
    c = answer_complaint(app.context(), app.args.code, app.args.text)
    late = "" if c.answered_on_time else " (trễ hạn)"
    app.emit(c, f"Đã ghi trả lời {c.code} lúc {fmt_datetime(c.answered_at)}{late}.")
    return 0


def run_assign(app: CliApp) -> int:
    c = assign_complaint(app.context(), app.args.code, app.args.assignee)
    app.emit(c, f"Đã giao {c.code} cho {c.assignee}.")
    return 0


def run_days(app: CliApp) -> int:
    days = set_answer_days(app.context(), app.args.days)
    app.emit({"answer_days": days}, f"Thời hạn trả lời phản ánh, kiến nghị: {days} ngày làm việc.")
    return 0


@runs_in_safe_mode
def run_report(app: CliApp) -> int:
    a = app.args
    ctx = app.context()
    if a.date_from or a.date_to:
        start = parse_date(a.date_from) if a.date_from else None
        end = parse_date(a.date_to) if a.date_to else None
        if start is None or end is None:
            from motcua_desktop.domain.errors import ValidationError

            missing = Field("date_from", "--from") if start is None else Field("date_to", "--to")
            raise ValidationError(missing, "chưa nhập.", "Cho cả --from và --to (dd/mm/yyyy), hoặc dùng --year.")
        periods = [total_period(start, end)]
    else:
        periods = month_periods(a.year or ctx.clock.now().year)
        periods.append(total_period(periods[0].start, periods[-1].end))
    rows = complaint_report(ctx, periods)

    def text() -> str:
        return "\n".join(" | ".join(cells) for cells in [list(COMPLAINT_COLUMNS), *(r.cells() for r in rows)])

    app.emit(rows, text)
    return 0
