"""``motcua check [--full]``: is the database sound and the audit trail intact?"""

from __future__ import annotations

from motcua_desktop.commands.base import CliApp, add_command, runs_in_safe_mode
from motcua_desktop.services.safety.integrity import check_database


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = add_command(
        subparsers,
        "check",
        run,
        "kiểm tra cơ sở dữ liệu (cấu trúc, khóa ngoại, chuỗi mã băm của nhật ký); chỉ đọc, không cần đăng nhập",
    )
    p.add_argument(
        "--full",
        action="store_true",
        help=(
            "kiểm tra đầy đủ (chậm hơn): integrity_check, khóa ngoại, trigger, bảng hồ sơ và bộ đếm số so với nhật ký, "
            "tài khoản và vai trò, cài đặt giờ"
        ),
    )


@runs_in_safe_mode
def run(app: CliApp) -> int:
    _ = app.log_path
    report = check_database(app.data_dir, full=app.args.full)
    app.emit(
        {
            "ok": report.ok,
            "problems": list(report.problems),
            "chain_break": report.chains.first_break if report.chains else None,
            "message": report.message(),
        },
        report.message(),
    )
    return 0 if report.ok else 3
