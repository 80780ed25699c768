"""``motcua hub init|connect|disconnect|status|sync``: the office hub on PostgreSQL (docs/hub.md)."""

from __future__ import annotations

from typing import Any

from motcua_desktop.commands.base import CliApp, add_command, runs_in_safe_mode
from motcua_desktop.domain.vntime import fmt_datetime
from motcua_desktop.services.hub import setup as hub_setup
from motcua_desktop.services.hub.status import hub_status, status_context, sync_now


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "hub",
        help="máy chủ văn phòng (PostgreSQL): các quầy dùng chung dữ liệu ngay khi có mạng nội bộ",
        description="Mỗi quầy vẫn làm việc trên dữ liệu của mình; máy chủ văn phòng chỉ chuyển các sự kiện có chữ "
        "ký giữa các quầy. Mất mạng hay máy chủ hỏng không làm quầy dừng việc.",
    )
    sub = p.add_subparsers(dest="hub_command", metavar="LỆNH", required=True)
    i = add_command(
        sub,
        "init",
        run_init,
        "tạo lược đồ và tài khoản cho từng quầy trên máy chủ PostgreSQL (cán bộ CNTT, tài khoản postgres)",
        "Chạy một lần (có thể chạy lại để thêm quầy). In ra chuỗi kết nối riêng của từng quầy; mật khẩu chỉ in một lần.",
    )
    i.add_argument("url", metavar="POSTGRES_URL", help="ví dụ postgresql://postgres:MẬT_KHẨU@192.168.1.10/motcua")
    i.add_argument("--counters", type=int, default=10, metavar="N", help="số quầy (mặc định 10)")
    i.add_argument("--agency-id", default="", metavar="MÃ", help="mã định danh đơn vị (mặc định: của máy này)")
    i.add_argument("--host", default="", metavar="ĐỊA_CHỈ", help="địa chỉ máy chủ mà các quầy dùng (mặc định: như URL)")
    i.add_argument("--port", type=int, default=None, metavar="CỔNG", help="cổng mà các quầy dùng (mặc định: như URL)")
    i.add_argument(
        "--reset-counter",
        type=int,
        action="append",
        default=[],
        metavar="N",
        help="quầy thay máy mới: cấp mật khẩu mới và cho máy mới nhận tài khoản (có thể lặp lại)",
    )
    c = add_command(
        sub, "connect", run_connect, "kết nối máy này với máy chủ văn phòng (quản trị viên, chuỗi do «hub init» in ra)"
    )
    c.add_argument("url", metavar="URL")
    c.add_argument("--ca", default=None, metavar="TỆP_CHỨNG_CHỈ", help="chứng chỉ của máy chủ (server.crt) để xác thực")
    add_command(sub, "disconnect", run_disconnect, "thôi kết nối máy chủ văn phòng (quản trị viên)")
    add_command(
        sub,
        "status",
        run_status,
        "tình trạng: kết nối, lần gửi/nhận cuối, độ trễ, số sự kiện chưa gửi/chưa nhận, độ mới của từng quầy",
    )
    add_command(sub, "sync", run_sync, "gửi và nhận ngay một lượt (khi cửa sổ chương trình không mở)")


def run_init(app: CliApp) -> int:
    a = app.args
    agency = a.agency_id
    if not agency:
        from motcua_desktop.services.workspace import office_or_none

        office = office_or_none(app.anonymous())
        agency = office.agency_id if office else ""
    result = hub_setup.initialise(
        a.url, agency_id=agency, counters=a.counters, reset=tuple(a.reset_counter), host=a.host, port=a.port
    )

    def text() -> str:
        lines = [
            f"Máy chủ văn phòng «{result.database}» cho đơn vị {result.agency_id}: "
            + ("đã tạo lược đồ." if result.created_schema else "lược đồ đã có, đã bổ sung."),
            "Trao cho quản trị viên từng quầy dòng lệnh của quầy đó (mật khẩu chỉ in lần này):",
        ]
        for access in result.counters:
            if access.password is None:
                lines.append(f"  Quầy {access.counter_no}: tài khoản {access.role} đã có (giữ mật khẩu cũ)")
            else:
                lines.append(f'  Quầy {access.counter_no}: motcua hub connect "{access.url}" --ca server.crt')
        if hub_setup.host_is_local(result):
            lines.append(
                "Lưu ý: chuỗi kết nối đang ghi địa chỉ của chính máy chủ; hãy chạy lại với --host <địa chỉ IP của máy "
                "chủ trong mạng nội bộ> hoặc sửa địa chỉ trong chuỗi."
            )
        return "\n".join(lines)

    app.emit(result, text)
    return 0


def run_connect(app: CliApp) -> int:
    from pathlib import Path

    done = hub_setup.connect(app.context(), app.args.url, Path(app.args.ca) if app.args.ca else None)
    app.emit(
        done,
        f"Đã kết nối quầy {done.counter_no} với máy chủ văn phòng {done.where}"
        + (" (đã xác thực chứng chỉ máy chủ)." if done.verifies_server else " (mã hóa TLS, chưa xác thực chứng chỉ).")
        + " Chương trình sẽ tự gửi và nhận dữ liệu khi cửa sổ làm việc mở.",
    )
    return 0


def run_disconnect(app: CliApp) -> int:
    done = hub_setup.disconnect(app.context())
    app.emit({"disconnected": done}, "Đã thôi kết nối máy chủ văn phòng." if done else "Máy này chưa kết nối máy chủ.")
    return 0


@runs_in_safe_mode
def run_status(app: CliApp) -> int:
    with status_context(app.data_dir, app.anonymous) as ctx:
        status = hub_status(ctx)

    def text() -> str:
        if not status.configured:
            return f"Máy này chưa kết nối máy chủ văn phòng. (Trình kết nối PostgreSQL: {status.driver}.)"
        lines = [
            f"Máy chủ văn phòng: {status.server}"
            + (" (chứng chỉ đã xác thực)" if status.verifies_server else " (TLS, chứng chỉ chưa xác thực)"),
            "Kết nối: "
            + ("được" if status.reachable else f"không được từ {fmt_datetime(status.lost_at)} — {status.error}"),
            f"Gửi lần cuối: {fmt_datetime(status.last_push_at) or 'chưa'}; nhận lần cuối: "
            f"{fmt_datetime(status.last_pull_at) or 'chưa'}",
        ]
        if status.unsent is not None:
            lines.append(f"Chưa gửi lên: {status.unsent} sự kiện; chưa nhận về: {status.behind} sự kiện")
        lines += [f"  {c.text}" for c in status.counters]
        lines.append(f"Trình kết nối PostgreSQL: {status.driver}")
        return "\n".join(lines)

    app.emit(status, text)
    return 0


def run_sync(app: CliApp) -> int:
    result = sync_now(app.context())
    app.emit(
        result,
        f"Máy chủ văn phòng {result.server}: đã gửi {result.pushed} sự kiện, nhận {result.pulled.events_added} sự kiện"
        f" ({len(result.pulled.dossiers)} hồ sơ)."
        + "".join(f"\nCần xem xét: {m}" for m in result.pulled.new_reports)
        + "".join(f"\nKhông nhận: {m}" for m in result.pulled.problems.values()),
    )
    return 0
