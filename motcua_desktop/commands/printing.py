"""``motcua print CODE --form 01 --out FILE.pdf``, ``motcua print-book --from --to --out``."""

from __future__ import annotations

from pathlib import Path

from motcua_desktop.commands.base import CliApp, CliError, add_command
from motcua_desktop.domain.vntime import parse_date
from motcua_desktop.outfiles import OutputFile
from motcua_desktop.services.printing.forms import print_form, print_tracking_book


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = add_command(
        subparsers, "print", run_print, "in một mẫu phiếu của hồ sơ ra tệp PDF (lần in sau được ghi là in lại)"
    )
    p.add_argument("code", metavar="MÃ_HỒ_SƠ")
    p.add_argument(
        "--form",
        default="01",
        help="01 giấy tiếp nhận (mặc định), 02 bổ sung, 03 từ chối, 04 xin lỗi/gia hạn, 05 dừng, 06 phiếu kiểm soát",
    )
    p.add_argument("--out", required=True, type=Path, metavar="TỆP.pdf")
    p.add_argument("--layout", default=None, help="giấy tiếp nhận: a4x2 (2 liên trên A4), a5, 80mm (giấy in nhiệt)")
    p.add_argument("--qr", action="store_true", default=None, help="in thêm mã QR chứa mã hồ sơ")
    b = add_command(subparsers, "print-book", run_book, "in Sổ theo dõi hồ sơ (mẫu 07) của một khoảng ngày ra tệp PDF")
    b.add_argument("--from", dest="date_from", required=True, metavar="NGÀY", help="dd/mm/yyyy")
    b.add_argument("--to", dest="date_to", required=True, metavar="NGÀY", help="dd/mm/yyyy")
    b.add_argument("--out", required=True, type=Path, metavar="TỆP.pdf")


def run_print(app: CliApp) -> int:
    """The file is opened beside its final name first and renamed into place inside the
    transaction that records the print: a file that cannot be written records no print."""
    a = app.args
    ctx = app.context()
    with OutputFile(a.out) as out:
        job = print_form(ctx, a.code, a.form, layout=a.layout, qr=a.qr, deliver=out.write)
    app.emit(
        {"form": job.form, "file": str(out.path), "reprint": job.reprint, "bytes": len(job.pdf)},
        f"Đã in mẫu {job.form}{' (in lại)' if job.reprint else ''} ra {out.path}.",
    )
    return 0


def run_book(app: CliApp) -> int:
    a = app.args
    try:
        start, end = parse_date(a.date_from), parse_date(a.date_to)
    except ValueError:
        raise CliError("--from/--to phải là ngày dạng dd/mm/yyyy.") from None
    ctx = app.context()
    with OutputFile(a.out) as out:
        job = print_tracking_book(ctx, start, end)
        out.write(job.pdf)
    app.emit({"form": "07", "file": str(out.path), "bytes": len(job.pdf)}, f"Đã in sổ theo dõi ra {out.path}.")
    return 0
