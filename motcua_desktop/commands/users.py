"""``motcua user add|passwd|list``: staff accounts."""

from __future__ import annotations

from motcua_desktop.commands.base import CliApp, add_command
from motcua_desktop.domain.accounts import Role, parse_role
from motcua_desktop.services.auth import change_password
from motcua_desktop.services.users import add_user, list_users


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = subparsers.add_parser("user", help="tài khoản cán bộ", description="Tài khoản cán bộ (quản trị viên).")
    sub = p.add_subparsers(dest="user_command", metavar="LỆNH", required=True)
    add = add_command(sub, "add", run_add, "tạo tài khoản (mật khẩu ban đầu phải đổi khi đăng nhập lần đầu)")
    add.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP")
    add.add_argument("--name", required=True, metavar="HỌ_TÊN", help="họ và tên đầy đủ (in trên phiếu)")
    add.add_argument(
        "--role", default=Role.CLERK.value, metavar="VAI_TRÒ", help="can_bo (mặc định), lanh_dao hoặc quan_tri"
    )
    add_command(sub, "list", run_list, "liệt kê tài khoản")
    add_command(
        sub, "passwd", run_passwd, "đổi mật khẩu của chính mình (mật khẩu mới lấy từ MOTCUA_NEW_PASSWORD hoặc hỏi)"
    )


def run_add(app: CliApp) -> int:
    ctx = app.context()
    password = app.password(f"Mật khẩu ban đầu cho {app.args.username}: ", env="MOTCUA_NEW_PASSWORD")
    user = add_user(
        ctx, username=app.args.username, full_name=app.args.name, role=parse_role(app.args.role), password=password
    )
    app.emit(
        {"username": user.username, "full_name": user.full_name, "role": user.role},
        f"Đã tạo tài khoản {user.username} ({Role(user.role).label}). Người dùng phải đổi mật khẩu khi đăng nhập lần đầu.",
    )
    return 0


def run_list(app: CliApp) -> int:
    users = list_users(app.context())
    app.emit(
        [
            {
                "username": u.username,
                "full_name": u.full_name,
                "role": u.role,
                "disabled": u.disabled,
                "must_change_password": u.must_change_password,
            }
            for u in users
        ],
        "\n".join(
            f"{u.username:<20} {Role(u.role).label:<15} {u.full_name}" + (" (đã khóa)" if u.disabled else "")
            for u in users
        ),
    )
    return 0


def run_passwd(app: CliApp) -> int:
    ctx = app.context(allow_password_change=True)
    old = app.password("Mật khẩu hiện tại: ", env="MOTCUA_PASSWORD")
    new = app.password("Mật khẩu mới: ", env="MOTCUA_NEW_PASSWORD")
    change_password(ctx, old, new)
    app.emit({"username": ctx.actor, "changed": True}, "Đã đổi mật khẩu.")
    return 0
