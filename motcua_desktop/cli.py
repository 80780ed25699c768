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

from motcua_desktop import APP_NAME, __version__
from motcua_desktop.commands import _argparse_vi as argparse_vi
from motcua_desktop.commands.base import CliApp, CliError, common_options
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.paths import keep_private, private_umask
from motcua_desktop.streams import prepare_streams, reader_gone

log = logging.getLogger("motcua.cli")


def build_parser() -> argparse.ArgumentParser:
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
    for module in command_modules():
        module.register(subparsers)
    return parser


def command_modules() -> list[ModuleType]:
    """The sub-command modules, in the order of ``--help``. Plain imports, so the bundler ships each
    one (tests/cli/test_cli.py fails on a module of ``commands/`` that is not listed)."""
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
    parser = build_parser()
    args = parser.parse_args(argv)
    app = CliApp(args)
    previous_umask = private_umask()  # personal data: files readable by their owner only
    try:
        if args.command is None:
            from motcua_desktop.ui.shell.launcher import run_gui

            return run_gui(data_dir=args.data_dir, smoke=args.smoke)
        keep_private(app.data_dir)
        return _run(app, args)
    finally:
        if previous_umask is not None:
            os.umask(previous_umask)


def _run(app: CliApp, args: argparse.Namespace) -> int:
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
