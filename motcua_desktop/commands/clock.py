"""``motcua clock status|confirm|accept-jump``: the PC clock as the program sees it."""

from __future__ import annotations

from motcua_desktop.commands.base import CliApp, add_command, runs_in_safe_mode
from motcua_desktop.domain.errors import Field, ValidationError
from motcua_desktop.domain.fields import shown
from motcua_desktop.domain.vntime import parse_datetime
from motcua_desktop.services.core.clock_guard import clock_status, confirm_correct_time, confirm_forward_jump


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = subparsers.add_parser("clock", help="giờ máy tính", description="Kiểm tra và xác nhận giờ máy tính.")
    sub = p.add_subparsers(dest="clock_command", metavar="LỆNH", required=True)
    add_command(sub, "status", run_status, "giờ máy tính có hợp lệ để tiếp nhận hồ sơ không")
    confirm = add_command(
        sub,
        "confirm",
        run_confirm,
        "lãnh đạo xác nhận ngày giờ đúng khi đồng hồ máy tính sai (bị lùi, hoặc nhảy tới nhiều ngày) (ghi nhật ký)",
    )
    confirm.add_argument("at", metavar="NGÀY_GIỜ", help='ngày giờ đúng, dạng "dd/mm/yyyy hh:mm"')
    confirm.add_argument("--reason", default="", help="ghi chú (ví dụ: hết pin đồng hồ, đã báo kỹ thuật)")
    add_command(
        sub,
        "accept-jump",
        run_accept_jump,
        "lãnh đạo xác nhận hôm nay đúng là ngày máy tính đang chỉ (sau nghỉ dài ngày)",
    )


@runs_in_safe_mode
def run_status(app: CliApp) -> int:
    result = clock_status(app.context())
    app.emit({"verdict": result.verdict, "now": result.now, "reference": result.reference}, result.message())
    return 3 if result.blocks_registration or result.blocks_writing else 0


def run_confirm(app: CliApp) -> int:
    try:
        at = parse_datetime(app.args.at)
    except ValueError:
        raise ValidationError(
            Field("correct_time", "Ngày giờ đúng"),
            f"«{shown(app.args.at)}» không phải ngày giờ.",
            'Dạng "dd/mm/yyyy hh:mm".',
        ) from None
    result = confirm_correct_time(app.context(), at, app.args.reason)
    app.emit({"verdict": result.verdict, "now": result.now}, result.message())
    return 0


def run_accept_jump(app: CliApp) -> int:
    result = confirm_forward_jump(app.context())
    app.emit({"verdict": result.verdict, "now": result.now}, result.message())
    return 0
