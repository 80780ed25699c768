"""``motcua no-appointment``, ``motcua rate``, ``motcua listing``: the practices of the best counters
(``docs/practices.md``). ``motcua register --same-day`` is the reception on a «Ngày không hẹn»."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from motcua_desktop.commands.base import CliApp, add_command
from motcua_desktop.domain.same_day import weekdays_text
from motcua_desktop.domain.satisfaction import CRITERIA
from motcua_desktop.domain.setting_types import Setting
from motcua_desktop.domain.settings import NO_APPOINTMENT_WEEKDAYS, SAME_DAY_PROCEDURES
from motcua_desktop.outfiles import OutputFile
from motcua_desktop.services.core.settings import change_settings
from motcua_desktop.services.dossiers.lookup import find_dossier
from motcua_desktop.services.dossiers.paper_survey import enter_paper_rating
from motcua_desktop.services.printing.listing import print_listing

_CRITERIA_HELP = "; ".join(f"{c.key}: {c.short}" for c in CRITERIA)


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    n = add_command(
        subparsers,
        "no-appointment",
        run_no_appointment,
        "ngày không hẹn: các ngày trong tuần và các thủ tục giải quyết ngay tại quầy",
        "Không có tùy chọn: xem cài đặt hiện tại. Đổi cài đặt cần quyền quản trị.",
    )
    n.add_argument("--days", default=None, metavar="NGÀY", help="ví dụ «Thứ tư» hoặc «T4,T6»; chuỗi rỗng để bỏ")
    n.add_argument(
        "--procedures", default=None, metavar="MÃ,…", help="mã các thủ tục giải quyết ngay, cách nhau dấu phẩy"
    )
    r = add_command(
        subparsers,
        "rate",
        run_rate,
        "nhập phiếu đánh giá sự hài lòng bằng giấy của một hồ sơ đã trả kết quả",
        "Mỗi tiêu chí một phím theo thứ tự (Nghị định 118/2025, Điều 33): 1 rất hài lòng, 2 hài lòng, "
        f"3 không hài lòng, 0 bỏ trống. Tiêu chí: {_CRITERIA_HELP}.",
    )
    r.add_argument("code", metavar="MÃ_HỒ_SƠ", help="mã hồ sơ hoặc số mã vạch trên giấy tiếp nhận")
    r.add_argument("keys", metavar="PHÍM", help="ví dụ 11211 (tiêu chí a=1, b=1, c=2, d=1, đ=1)")
    r.add_argument("--comment", default="", help="góp ý ghi trên phiếu")
    r.add_argument("--reason", default="", help="lý do sửa, khi hồ sơ đã có đánh giá")
    lst = add_command(
        subparsers,
        "listing",
        run_listing,
        "in bảng niêm yết công khai thủ tục hành chính (A4 hoặc A3, chữ lớn, mã QR từng thủ tục)",
    )
    lst.add_argument("--out", required=True, type=Path, metavar="TỆP.pdf")
    lst.add_argument("--paper", default="A4", help="A4 (mặc định) hoặc A3")
    lst.add_argument("--procedure", action="append", default=[], metavar="MÃ", help="chỉ in thủ tục này (lặp lại được)")


def run_no_appointment(app: CliApp) -> int:
    a = app.args
    ctx = app.context()
    changes: list[tuple[Setting[Any], Any]] = []
    if a.days is not None:
        changes.append((NO_APPOINTMENT_WEEKDAYS, a.days))
    if a.procedures is not None:
        changes.append((SAME_DAY_PROCEDURES, a.procedures))
    change_settings(ctx, changes)
    days = ctx.store.settings.value(NO_APPOINTMENT_WEEKDAYS)
    procedures = ctx.store.settings.value(SAME_DAY_PROCEDURES)
    app.emit(
        {"weekdays": list(days), "weekdays_text": weekdays_text(days), "procedures": list(procedures)},
        f"Ngày không hẹn: {weekdays_text(days) or 'chưa chọn'}\n"
        f"Thủ tục giải quyết ngay: {', '.join(procedures) or 'chưa chọn'}",
    )
    return 0


def run_rate(app: CliApp) -> int:
    a = app.args
    ctx = app.context()
    d = enter_paper_rating(ctx, find_dossier(ctx, a.code), a.keys, comment=a.comment, correction_reason=a.reason)
    rated = d.return_record.satisfaction if d.return_record else None
    assert rated is not None
    app.emit(
        {
            "code": d.code,
            "channel": rated.channel.value,
            "overall": rated.overall.value,
            "criteria": {k: v.value for k, v in rated.criteria.items()},
        },
        f"Đã nhập phiếu đánh giá của hồ sơ {d.code}: {rated.overall.label} ({len(rated.criteria)} tiêu chí).",
    )
    return 0


def run_listing(app: CliApp) -> int:
    a = app.args
    ctx = app.context()
    with OutputFile(a.out, default_name=f"niem-yet-thu-tuc_{a.paper.upper()}.pdf") as out:
        job = print_listing(ctx, a.paper, a.procedure)
        out.write(job.pdf)
    app.emit(
        {"file": str(out.path), "procedures": job.procedures, "paper": a.paper.upper(), "bytes": len(job.pdf)},
        f"Đã in bảng niêm yết {job.procedures} thủ tục ra {out.path}.",
    )
    return 0
