"""The options every sub-command accepts, kept apart from ``base`` so that the top-level parser is built
without importing the database and services (``motcua --version`` and the window start stay light)."""

from __future__ import annotations

import argparse


def common_options(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """Options accepted both before and after the sub-command name."""
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        metavar="THƯ_MỤC",
        default=default,
        help="thư mục dữ liệu (mặc định: biến MOTCUA_DATA_DIR hoặc thư mục dữ liệu của người dùng)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="in kết quả dạng JSON (cho tự động hóa)",
    )
    parser.add_argument(
        "--user",
        metavar="TÊN",
        default=default,
        help="tài khoản thực hiện (hoặc biến MOTCUA_USER); mật khẩu hỏi khi chạy hoặc lấy từ MOTCUA_PASSWORD",
    )
