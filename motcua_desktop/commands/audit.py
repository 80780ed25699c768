"""``motcua audit list|verify``: the audit trail (leaders and administrators)."""

from __future__ import annotations

import argparse

from motcua_desktop.commands.base import CliApp, add_command, runs_in_safe_mode
from motcua_desktop.domain.errors import Field
from motcua_desktop.domain.vntime import fmt_datetime
from motcua_desktop.services.safety.audit import AuditQuery, audit_kinds, filter_date, list_audit, verify_log


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = subparsers.add_parser(
        "audit", help="nhật ký thao tác (ai làm gì, lúc nào)", description="Nhật ký thao tác: xem, lọc, kiểm tra."
    )
    sub = p.add_subparsers(dest="audit_command", metavar="LỆNH", required=True)
    kinds = ", ".join(kind for kind, _ in audit_kinds())
    # Here ``--user`` filters the trail; the account signing in is given before ``audit``
    # (``motcua --user TÊN audit list --user KHÁC``) or in MOTCUA_USER.
    lst = sub.add_parser(
        "list",
        help="xem nhật ký, mới nhất trước",
        description="Xem nhật ký, mới nhất trước. Tài khoản đăng nhập: đặt trước «audit» (motcua --user TÊN audit "
        "list …) hoặc biến MOTCUA_USER; --user sau «list» là bộ lọc.",
    )
    lst.add_argument("--data-dir", metavar="THƯ_MỤC", default=argparse.SUPPRESS, help="thư mục dữ liệu")
    lst.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="in kết quả dạng JSON")
    lst.set_defaults(handler=run_list)
    lst.add_argument("--user", dest="filter_user", default="", metavar="TÊN", help="chỉ thao tác của tài khoản này")
    lst.add_argument("--from", dest="date_from", default="", metavar="NGÀY", help="từ ngày dd/mm/yyyy")
    lst.add_argument("--to", dest="date_to", default="", metavar="NGÀY", help="đến ngày dd/mm/yyyy")
    lst.add_argument("--dossier", default="", metavar="MÃ_HỒ_SƠ", help="chỉ thao tác trên hồ sơ này")
    lst.add_argument(
        "--kind", default="", metavar="LOẠI", help=f"loại thao tác, hoặc nhóm kết thúc bằng dấu chấm (auth.): {kinds}"
    )
    lst.add_argument("--limit", type=int, default=500, help="số dòng tối đa (mặc định 500)")
    add_command(sub, "verify", run_verify, "chứng minh nhật ký không bị sửa, xóa, chèn (kiểm tra chuỗi mã băm)")


@runs_in_safe_mode
def run_list(app: CliApp) -> int:
    """``--user`` of the sub-command filters; the signed-in account comes from MOTCUA_USER or the
    top-level ``--user`` given before ``audit``."""
    a = app.args
    query = AuditQuery(
        user=a.filter_user,
        date_from=filter_date(a.date_from, Field("date_from", "--from")),
        date_to=filter_date(a.date_to, Field("date_to", "--to")),
        dossier=a.dossier,
        kind=a.kind,
        limit=a.limit,
    )
    entries = list_audit(app.context(), query)
    app.emit(
        entries,
        lambda: "\n".join(
            [
                *(
                    f"{fmt_datetime(e.at):<17} {e.actor:<14} {e.title:<40} {e.dossier_code:<27} {e.detail}"
                    + (" [giờ máy nghi sai]" if e.clock_suspect else "")
                    for e in entries
                ),
                f"{len(entries)} dòng.",
            ]
        ),
    )
    return 0


@runs_in_safe_mode
def run_verify(app: CliApp) -> int:
    report = verify_log(app.context())
    app.emit(
        {
            "ok": report.ok,
            "chains": report.chains,
            "first_break": report.first_break,
            "message": report.message(),
        },
        report.message(),
    )
    return 0 if report.ok else 3
