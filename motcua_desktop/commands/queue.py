"""``motcua queue take|call|done|absent|board|report``: the waiting queue of this PC."""

from __future__ import annotations

from pathlib import Path

from motcua_desktop.commands.base import CliApp, add_command, runs_in_safe_mode
from motcua_desktop.domain.vntime import fmt_datetime, parse_date
from motcua_desktop.domain.waiting_queue import QUEUE_COLUMNS, call_words
from motcua_desktop.outfiles import OutputFile
from motcua_desktop.services.queue.tickets import (
    TICKET_LAYOUTS,
    call_next,
    finish_current,
    queue_board,
    queue_fields,
    queue_report,
    set_queue_options,
    take_ticket,
    ticket_pdf,
)

HELP = "hàng chờ: cấp số thứ tự theo lĩnh vực, gọi số đến quầy, báo cáo thời gian chờ"


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = subparsers.add_parser("queue", help=HELP, description=HELP[0].upper() + HELP[1:] + ".")
    sub = p.add_subparsers(dest="queue_command", metavar="LỆNH", required=True)
    take = add_command(sub, "take", run_take, "cấp một số thứ tự của lĩnh vực (và in ra tệp PDF)")
    take.add_argument("field", metavar="LĨNH_VỰC", help="mã hoặc tên lĩnh vực (HT, DD, CT…)")
    take.add_argument("--out", type=Path, default=None, metavar="TỆP.pdf", help="in phiếu số thứ tự ra tệp PDF")
    take.add_argument("--layout", choices=TICKET_LAYOUTS, default=None, help="khổ giấy của phiếu")
    call = add_command(sub, "call", run_call, "quầy gọi số tiếp theo (số đang phục vụ được ghi là xong)")
    call.add_argument("--counter", required=True, metavar="SỐ_QUẦY", help="số quầy gọi")
    call.add_argument("--field", action="append", default=None, metavar="LĨNH_VỰC", help="chỉ gọi lĩnh vực này")
    done = add_command(sub, "done", run_done, "quầy phục vụ xong số hiện tại")
    done.add_argument("--counter", required=True, metavar="SỐ_QUẦY", help="số quầy")
    absent = add_command(sub, "absent", run_absent, "người có số hiện tại không có mặt khi gọi")
    absent.add_argument("--counter", required=True, metavar="SỐ_QUẦY", help="số quầy")
    add_command(sub, "board", run_board, "những số vừa gọi và số người đang chờ theo lĩnh vực")
    opt = add_command(sub, "fields", run_fields, "đặt các lĩnh vực của hàng chờ và khổ giấy in số (quản trị)")
    opt.add_argument("field", nargs="*", metavar="MÃ=Tên", help="mỗi lĩnh vực một mục, theo thứ tự nút: HT=Hộ tịch")
    opt.add_argument("--layout", choices=TICKET_LAYOUTS, default=None, help="khổ giấy in số thứ tự")
    rep = add_command(sub, "report", run_report, "thời gian chờ và phục vụ theo lĩnh vực và theo giờ trong ngày")
    rep.add_argument("--from", dest="date_from", required=True, metavar="NGÀY", help="từ ngày dd/mm/yyyy")
    rep.add_argument("--to", dest="date_to", required=True, metavar="NGÀY", help="đến ngày dd/mm/yyyy")


def run_take(app: CliApp) -> int:
    """The output file is opened before the ticket is taken: a file that cannot be written is refused
    (exit code 2) with no ticket given."""
    a = app.args
    ctx = app.context()
    out = OutputFile(a.out) if a.out is not None else None
    try:
        ticket = take_ticket(ctx, a.field)
        text = f"Số {ticket.label} lúc {fmt_datetime(ticket.taken_at)}."
        if out is not None:
            out.write(ticket_pdf(ctx, ticket, a.layout))
            text += f" Đã in phiếu ra {out.path}."
    finally:
        if out is not None:
            out.discard()
    app.emit(ticket, text)
    return 0


def run_call(app: CliApp) -> int:
    ticket = call_next(app.context(), app.args.counter, app.args.field)
    if ticket is None:
        app.emit(None, "Không còn ai chờ.")
        return 0
    app.emit(ticket, call_words(ticket.label, ticket.counter or 0) + ".")
    return 0


def run_done(app: CliApp) -> int:
    ticket = finish_current(app.context(), app.args.counter)
    app.emit(ticket, f"Số {ticket.label} đã phục vụ xong.")
    return 0


def run_absent(app: CliApp) -> int:
    ticket = finish_current(app.context(), app.args.counter, absent=True)
    app.emit(ticket, f"Số {ticket.label} ghi vắng mặt.")
    return 0


@runs_in_safe_mode
def run_board(app: CliApp) -> int:
    board = queue_board(app.context())
    calls = [call_words(t.label, t.counter or 0) for t in board.last_calls]
    waiting = [f"{f.name}: {board.waiting.get(f.code, 0)} người chờ" for f in board.fields]
    app.emit(board, "\n".join([*calls, *waiting]) or "Chưa có số nào.")
    return 0


def run_fields(app: CliApp) -> int:
    ctx = app.context()
    set_queue_options(ctx, fields=app.args.field or None, layout=app.args.layout)
    fields = queue_fields(ctx)
    app.emit(fields, "\n".join(f"{f.code}: {f.name}" for f in fields))
    return 0


@runs_in_safe_mode
def run_report(app: CliApp) -> int:
    figures = queue_report(app.context(), parse_date(app.args.date_from), parse_date(app.args.date_to))

    def table(title: str, rows: list[list[str]]) -> str:
        lines = [title, " | ".join(QUEUE_COLUMNS[1:])]
        lines += [" | ".join(row) for row in rows]
        return "\n".join(lines)

    app.emit(
        figures,
        lambda: "\n\n".join(
            [
                table("Theo lĩnh vực", [r.cells() for r in figures.by_field]),
                table("Theo giờ lấy số", [r.cells() for r in figures.by_hour]),
                " | ".join(figures.total.cells()),
            ]
        ),
    )
    return 0
