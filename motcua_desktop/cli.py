"""``motcua``: the command line, a thin layer over the services (for administrators and automation).

Without a sub-command it opens the counter window. Exit codes: 0 done; 2 bad input or a known
problem (Vietnamese message on stderr, nothing written); 1 an unexpected error (logged; the message
says whether the command's work had already been recorded). Output is UTF-8 whatever the
console's or the redirection's code page (``streams``); a reader that leaves early (``| head -1``)
does not turn recorded work into a failure.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING

from motcua_desktop import APP_NAME, __version__
from motcua_desktop.commands import _argparse_vi as argparse_vi
from motcua_desktop.commands._options import common_options
from motcua_desktop.paths import keep_private, private_umask
from motcua_desktop.streams import prepare_streams, reader_gone

if TYPE_CHECKING:
    from motcua_desktop.commands.base import CliApp

log = logging.getLogger("motcua.cli")

# Every sub-command: (name, module of ``commands/``, one-line help), in the order of ``--help``. The
# parser lists them from here, so only the chosen command's module is imported: ``motcua --version``
# and the window start do not load reportlab, cryptography, sync or reports. tests/cli/test_cli.py
# checks that each module registers exactly these names with these helps.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("audit", "audit", "nhật ký thao tác (ai làm gì, lúc nào)"),
    ("backup", "backup", "sao lưu ngay (kiểm tra, xoay vòng, chép bản mã hóa ra nơi thứ hai)"),
    (
        "restore",
        "backup",
        "khôi phục từ bản sao lưu (quản trị viên): xem trước, giữ lại bản hiện tại, bắt đầu kỷ nguyên mới",
    ),
    ("calendar", "calendar", "lịch làm việc, ngày nghỉ, tính ngày hẹn trả"),
    ("catalogue", "catalogue", "danh mục thủ tục hành chính"),
    (
        "check",
        "check",
        "kiểm tra cơ sở dữ liệu (cấu trúc, khóa ngoại, chuỗi mã băm của nhật ký); chỉ đọc, không cần đăng nhập",
    ),
    ("clock", "clock", "giờ máy tính"),
    ("demo", "demo", "tạo dữ liệu mẫu (hồ sơ giả lập nhiều năm) trong một thư mục dữ liệu riêng"),
    ("register", "dossiers", "tiếp nhận một hồ sơ (in mã hồ sơ và ngày hẹn trả)"),
    ("show", "dossiers", "xem hồ sơ và toàn bộ lịch sử (việc xem được ghi nhật ký)"),
    ("search", "dossiers", "tìm hồ sơ theo mã, tên (gõ không dấu được), số căn cước, số điện thoại"),
    ("transition", "dossiers", "chuyển trạng thái hồ sơ"),
    ("locate", "dossiers", "ghi nơi lưu hồ sơ giấy"),
    ("visit", "dossiers", "ghi lượt công dân đến nhận mà chưa có kết quả"),
    ("hub", "hub", "máy chủ văn phòng (PostgreSQL): các quầy dùng chung dữ liệu ngay khi có mạng nội bộ"),
    ("print", "printing", "in một mẫu phiếu của hồ sơ ra tệp PDF (lần in sau được ghi là in lại)"),
    ("print-book", "printing", "in Sổ theo dõi hồ sơ (mẫu 07) của một khoảng ngày ra tệp PDF"),
    (
        "report",
        "report",
        "lập báo cáo: biểu II.06a, sổ theo dõi, bảng kê cuối ngày, đánh giá hài lòng (XLSX, PDF, CSV, JSON)",
    ),
    ("setup", "setup", "thiết lập lần đầu: thông tin đơn vị, số quầy, tài khoản quản trị"),
    ("export", "sync", "xuất dữ liệu cuối ngày ra USB (đã mã hóa, có chữ ký)"),
    ("import", "sync", "nhập gói dữ liệu của quầy khác (tổng hợp) hoặc tệp xác nhận của cấp trên"),
    ("verify", "sync", "kiểm tra một gói, tệp xác nhận hoặc thẻ khóa (không nhập, không cần đăng nhập)"),
    (
        "upstream",
        "sync",
        "công cụ phía cơ quan cấp trên: tạo khóa, giải mã, xác nhận, chuyển sang trường Cổng DVC quốc gia",
    ),
    ("sync", "sync", "khóa đồng bộ, nơi nhận, đăng ký máy quầy, tình trạng và báo cáo đồng bộ"),
    ("user", "users", "tài khoản cán bộ"),
)
ALL = "*"  # build_parser(ALL): every command's real parser (help walkers, tests)


def build_parser(command: str | None = ALL) -> argparse.ArgumentParser:
    """The parser with the real sub-parser of ``command`` (of every command for ``ALL``; of none for
    None); the others are listed by name and help only, their modules not imported."""
    argparse_vi.install()
    argparse_vi.ngettext_install()
    parser = argparse.ArgumentParser(
        prog="motcua",
        description=f"{APP_NAME} – phần mềm Bộ phận Một cửa cấp xã. Không có lệnh con: mở cửa sổ làm việc.",
    )
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} {__version__}", help=argparse_vi.VERSION_HELP
    )
    common_options(parser, top_level=True)
    parser.add_argument(
        "--smoke", action="store_true", help="khởi động thử với thư mục dữ liệu tạm rồi thoát (kiểm tra bản đóng gói)"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="LỆNH")
    chosen = {module for name, module, _ in COMMANDS if command in (ALL, name)}
    registered: set[str] = set()
    for name, module, help_text in COMMANDS:
        if module in chosen:
            if module not in registered:  # registers all of the module's commands, in this order
                _command_module(module).register(subparsers)
                registered.add(module)
        else:  # a placeholder taking any arguments: enough to find which command was asked for
            subparsers.add_parser(name, help=help_text, add_help=False, prefix_chars="\0")
    return parser


def _command_module(module: str) -> ModuleType:
    """One module of ``commands/`` by its name in ``COMMANDS``, through a plain import statement: the
    bundler follows these, not ``importlib`` (tests/test_layers.py)."""
    if module == "audit":
        from motcua_desktop.commands import audit

        return audit
    if module == "backup":
        from motcua_desktop.commands import backup

        return backup
    if module == "calendar":
        from motcua_desktop.commands import calendar

        return calendar
    if module == "catalogue":
        from motcua_desktop.commands import catalogue

        return catalogue
    if module == "check":
        from motcua_desktop.commands import check

        return check
    if module == "clock":
        from motcua_desktop.commands import clock

        return clock
    if module == "demo":
        from motcua_desktop.commands import demo

        return demo
    if module == "dossiers":
        from motcua_desktop.commands import dossiers

        return dossiers
    if module == "hub":
        from motcua_desktop.commands import hub

        return hub
    if module == "printing":
        from motcua_desktop.commands import printing

        return printing
    if module == "report":
        from motcua_desktop.commands import report

        return report
    if module == "setup":
        from motcua_desktop.commands import setup

        return setup
    if module == "sync":
        from motcua_desktop.commands import sync

        return sync
    if module == "users":
        from motcua_desktop.commands import users

        return users
    raise KeyError(module)


def chosen_command(argv: Sequence[str] | None) -> str | None:
    """The sub-command named in ``argv`` (None: the window), found without importing any command
    module; ``--version``, ``--help`` and usage errors of the top level end here, as they would later."""
    known, _ = build_parser(None).parse_known_args(argv)
    return known.command  # type: ignore[no-any-return]


def command_modules() -> list[ModuleType]:
    """The sub-command modules, in the order of ``--help``. Plain imports, so the bundler ships each
    one (tests/cli/test_cli.py fails on a module of ``commands/`` that is not listed); ``main`` imports
    only the chosen one, by the name ``COMMANDS`` gives."""
    from motcua_desktop.commands import (
        audit,
        backup,
        calendar,
        catalogue,
        check,
        clock,
        demo,
        dossiers,
        hub,
        printing,
        report,
        setup,
        sync,
        users,
    )

    return [audit, backup, calendar, catalogue, check, clock, demo, dossiers, hub, printing, report, setup, sync, users]


def main(argv: Sequence[str] | None = None) -> int:
    prepare_streams()  # before argparse: even --help is Vietnamese
    args = build_parser(chosen_command(argv)).parse_args(argv)
    previous_umask = private_umask()  # personal data: files readable by their owner only
    try:
        if args.command is None:
            from motcua_desktop.ui.shell.launcher import run_gui

            return run_gui(data_dir=args.data_dir, smoke=args.smoke)
        from motcua_desktop.commands.base import CliApp

        app = CliApp(args)
        keep_private(app.data_dir)
        return _run(app, args)
    finally:
        if previous_umask is not None:
            os.umask(previous_umask)


def _run(app: CliApp, args: argparse.Namespace) -> int:
    from motcua_desktop.commands.base import CliError
    from motcua_desktop.domain.errors import KnownError

    try:
        code = int(args.handler(app) or 0)
        if code != 2:
            app.finish()
        return code
    except (KnownError, CliError) as exc:
        app.fail(str(exc))
        return 2
    except KeyboardInterrupt:
        app.fail("Đã dừng theo yêu cầu; thao tác dở dang không được ghi.")
        return 2
    except Exception as exc:
        if reader_gone(exc) and app.work_recorded:
            return 0  # the work is recorded; only the reader of its output went away
        log.exception("unexpected error in command %s", args.command)
        recorded = (
            "thao tác ĐÃ ĐƯỢC GHI vào cơ sở dữ liệu (lỗi xảy ra khi báo kết quả); kiểm tra bằng lệnh show hoặc search "
            "trước khi làm lại"
            if app.work_recorded
            else "thao tác không được ghi"
        )
        app.fail(
            f"Đã xảy ra lỗi không mong muốn; {recorded}. Chi tiết đã được lưu vào tệp nhật ký "
            f"{app.log_path}. Hãy gửi tệp này cho bộ phận hỗ trợ."
        )
        return 1
    finally:
        app.close()


if __name__ == "__main__":
    sys.exit(main())
