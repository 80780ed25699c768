"""``motcua setup``: first run on a new PC (office, counter, first administrator)."""

from __future__ import annotations

from motcua_desktop.commands.base import CliApp, CliError, add_command
from motcua_desktop.domain.office import make_office_settings
from motcua_desktop.paths import database_path
from motcua_desktop.services.office.setup import check_first_admin, first_run_setup, is_set_up


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = add_command(
        subparsers,
        "setup",
        run,
        "thiết lập lần đầu: thông tin đơn vị, số quầy, tài khoản quản trị",
        "Thiết lập lần đầu trên máy mới. Tạo cơ sở dữ liệu, lưu thông tin đơn vị, tạo tài khoản quản trị "
        "đầu tiên và nạp danh mục thủ tục mẫu. Mật khẩu quản trị được hỏi hai lần, hoặc lấy từ biến MOTCUA_PASSWORD.",
    )
    p.add_argument("--superior", required=True, metavar="TÊN", help='cơ quan chủ quản, ví dụ "UBND phường Đông Tiến"')
    p.add_argument(
        "--unit",
        required=True,
        metavar="TÊN",
        help='đơn vị tiếp nhận, ví dụ "Trung tâm Phục vụ hành chính công phường Đông Tiến"',
    )
    p.add_argument(
        "--agency-id", required=True, metavar="MÃ", help="mã định danh điện tử của đơn vị, ví dụ 000.00.12.H56"
    )
    p.add_argument("--province", required=True, metavar="TỈNH", help="mã hoặc tên tỉnh/thành phố (sau sắp xếp 2025)")
    p.add_argument("--commune", required=True, metavar="XÃ", help="mã hoặc tên xã/phường")
    p.add_argument("--counter", required=True, metavar="SỐ", help="số quầy của máy này (1–10)")
    p.add_argument(
        "--deciding-unit", default="", metavar="TÊN", help="cơ quan giải quyết mặc định (mặc định: cơ quan chủ quản)"
    )
    p.add_argument("--sole-issuer", action="store_true", help="chỉ máy này cấp mã hồ sơ cho đơn vị (dải số 0001–9999)")
    p.add_argument("--place", default="", metavar="ĐỊA_DANH", help='địa danh ghi trên phiếu ("Đông Tiến, ngày …")')
    p.add_argument("--phone", default="", help="số điện thoại của bộ phận một cửa")
    p.add_argument("--address", default="", help="địa chỉ của bộ phận một cửa")
    p.add_argument("--admin-user", required=True, metavar="TÊN", help="tên đăng nhập của quản trị viên đầu tiên")
    p.add_argument("--admin-name", required=True, metavar="HỌ_TÊN", help="họ và tên quản trị viên")


def run(app: CliApp) -> int:
    """Every answer is checked before the database is created: a refused set-up (exit 2) leaves
    no database behind, and a failure after creating it removes the new file again."""
    a = app.args
    office = make_office_settings(
        superior_name=a.superior,
        unit_name=a.unit,
        agency_id=a.agency_id,
        province=a.province,
        commune=a.commune,
        counter_no=a.counter,
        deciding_unit=a.deciding_unit,
        sole_issuer=a.sole_issuer,
        place_name=a.place,
        phone=a.phone,
        address=a.address,
    )
    # MOTCUA_PASSWORD: the administrator's password, the same variable later commands sign in with.
    password = app.new_password(f"Đặt mật khẩu cho {a.admin_user}: ", env="MOTCUA_PASSWORD", username=a.admin_user)
    check_first_admin(a.admin_user, a.admin_name, password)
    path = database_path(app.data_dir)
    created = not path.exists()
    store = app.store()
    if is_set_up(store):
        raise CliError(
            "Máy này đã được thiết lập. Dùng giao diện Cài đặt (quản trị viên) để thay đổi thông tin đơn vị."
        )
    ctx = app.anonymous()
    try:
        first_run_setup(
            store, ctx.clock, office, admin_username=a.admin_user, admin_full_name=a.admin_name, admin_password=password
        )
    except BaseException:
        if created:
            app.close()
            for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                leftover.unlink(missing_ok=True)
        raise
    device = store.events.device()
    app.emit(
        {
            "office": office,
            "device_id": device.device_id,
            "database": str(store.path),
            "procedures": store.catalogue.count_current(),
        },
        f"Đã thiết lập {office.unit_name} (mã định danh {office.agency_id}), quầy số {office.counter_no}, "
        f"máy {device.device_id}.\nCơ sở dữ liệu: {store.path}\nDanh mục: {store.catalogue.count_current()} thủ tục.\n"
        f"Bước tiếp theo: tạo tài khoản cán bộ bằng «motcua user add --user {a.admin_user} …».",
    )
    return 0
