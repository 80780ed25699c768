"""``motcua user add|passwd|lock|unlock|reset|list``: staff accounts."""

from __future__ import annotations

from motcua_desktop.commands.base import CliApp, add_command, runs_in_safe_mode
from motcua_desktop.domain.accounts import Role, parse_role
from motcua_desktop.domain.vntime import fmt_datetime
from motcua_desktop.services.accounts.auth import change_password
from motcua_desktop.services.accounts.users import (
    Account,
    add_user,
    list_users,
    lock_user,
    reset_password,
    unlock_user,
)


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = subparsers.add_parser("user", help="tài khoản cán bộ", description="Tài khoản cán bộ (quản trị viên).")
    sub = p.add_subparsers(dest="user_command", metavar="LỆNH", required=True)
    add = add_command(
        sub,
        "add",
        run_add,
        "tạo tài khoản (mật khẩu ban đầu hỏi hai lần hoặc lấy từ MOTCUA_NEW_PASSWORD; phải đổi khi đăng nhập lần đầu)",
    )
    add.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP")
    add.add_argument("--name", required=True, metavar="HỌ_TÊN", help="họ và tên đầy đủ (in trên phiếu)")
    add.add_argument(
        "--role", default=Role.CLERK.value, metavar="VAI_TRÒ", help="can_bo (mặc định), lanh_dao hoặc quan_tri"
    )
    add_command(sub, "list", run_list, "liệt kê tài khoản")
    add_command(
        sub,
        "passwd",
        run_passwd,
        "đổi mật khẩu của chính mình (mật khẩu hiện tại: MOTCUA_PASSWORD; mật khẩu mới hỏi hai lần hoặc lấy từ MOTCUA_NEW_PASSWORD)",
    )
    lock = add_command(sub, "lock", run_lock, "khóa tài khoản (nghỉ việc, lộ mật khẩu…) đến khi mở lại")
    lock.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP")
    lock.add_argument("--reason", required=True, metavar="LÝ_DO", help="lý do khóa (ghi vào nhật ký)")
    unlock = add_command(sub, "unlock", run_unlock, "mở khóa tài khoản (kể cả khóa tạm do nhập sai mật khẩu)")
    unlock.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP")
    reset = add_command(
        sub, "reset", run_reset, "đặt mật khẩu dùng một lần cho người quên mật khẩu (phải đổi khi đăng nhập)"
    )
    reset.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP")


def _plain(user: Account) -> dict[str, object]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "disabled": user.disabled,
        "locked_until": user.locked_until,
        "must_change_password": user.must_change_password,
    }


def _status(user: Account) -> str:
    if user.disabled:
        return "đã khóa"
    if user.locked_until is not None:
        return f"tạm khóa đến {fmt_datetime(user.locked_until)}"
    if user.must_change_password:
        return "chờ đổi mật khẩu ban đầu"
    return "hoạt động"


def run_add(app: CliApp) -> int:
    ctx = app.context()
    password = app.new_password(
        f"Mật khẩu ban đầu cho {app.args.username}: ", env="MOTCUA_NEW_PASSWORD", username=app.args.username
    )
    user = add_user(
        ctx, username=app.args.username, full_name=app.args.name, role=parse_role(app.args.role), password=password
    )
    app.emit(
        _plain(user),
        f"Đã tạo tài khoản {user.username} ({Role(user.role).label}). Người dùng phải đổi mật khẩu khi đăng nhập lần đầu.",
    )
    return 0


@runs_in_safe_mode
def run_list(app: CliApp) -> int:
    users = list_users(app.context())
    app.emit(
        [_plain(u) for u in users],
        "\n".join(f"{u.username:<20} {Role(u.role).label:<15} {_status(u):<28} {u.full_name}" for u in users),
    )
    return 0


def run_passwd(app: CliApp) -> int:
    ctx = app.context(allow_password_change=True)
    old = app.password("Mật khẩu hiện tại: ", env="MOTCUA_PASSWORD")
    new = app.new_password("Mật khẩu mới: ", env="MOTCUA_NEW_PASSWORD", username=ctx.actor)
    change_password(ctx, old, new)
    app.emit({"username": ctx.actor, "changed": True}, "Đã đổi mật khẩu.")
    return 0


def run_lock(app: CliApp) -> int:
    user = lock_user(app.context(), app.args.username, app.args.reason)
    app.emit(_plain(user), f"Đã khóa tài khoản {user.username}. Mở lại bằng «motcua user unlock {user.username}».")
    return 0


def run_unlock(app: CliApp) -> int:
    user = unlock_user(app.context(), app.args.username)
    app.emit(_plain(user), f"Đã mở khóa tài khoản {user.username}.")
    return 0


def run_reset(app: CliApp) -> int:
    reset = reset_password(app.context(), app.args.username)
    app.emit(
        {"username": reset.username, "one_time_password": reset.one_time_password},
        f"Mật khẩu dùng một lần của {reset.username}: {reset.one_time_password}\n"
        "Đưa trực tiếp cho người dùng; họ phải đổi mật khẩu ngay khi đăng nhập. Mật khẩu này không được lưu lại ở đâu.",
    )
    return 0
