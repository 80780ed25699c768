"""Vietnamese for argparse's own messages ("usage:", "options", error texts, built-in help).

argparse looks its strings up through ``gettext``; we answer those look-ups from a table that holds
every string argparse translates on the Python versions we support (3.11–3.13;
tests/cli/test_argparse_vi.py reads argparse's source and fails on one missing). The help of
``--version`` is not looked up on 3.11, so ``cli.py`` passes it explicitly.
"""

from __future__ import annotations

import argparse

VERSION_HELP = "hiện phiên bản chương trình rồi thoát"

VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "subcommands": "lệnh con",
    "%(heading)s:": "%(heading)s:",
    " (default: %(default)s)": " (mặc định: %(default)s)",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": VERSION_HELP,
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: cảnh báo: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "unrecognized arguments: %s": "tham số không hiểu: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "not allowed with argument %s": "không dùng được cùng tham số %s",
    "ignored explicit argument %r": "giá trị %r không dùng được ở đây",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn mơ hồ: %(option)s có thể là %(matches)s",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "lệnh con không có: %(parser_name)r (chọn một trong %(choices)s)",
    "can't open '%(filename)s': %(error)s": "không mở được «%(filename)s»: %(error)s",
    'argument "-" with mode %r': "tham số «-» với chế độ %r",
    "option '%(option)s' is deprecated": "tùy chọn «%(option)s» đã cũ, sẽ bị bỏ",
    "argument '%(argument_name)s' is deprecated": "tham số «%(argument_name)s» đã cũ, sẽ bị bỏ",
    "command '%(parser_name)s' is deprecated": "lệnh «%(parser_name)s» đã cũ, sẽ bị bỏ",
    # Mistakes in the program's own option definitions (never a user's), still in Vietnamese.
    "%r is not callable": "%r không gọi được",
    ".__call__() not defined": ".__call__() chưa được định nghĩa",
    "'required' is an invalid argument for positionals": "'required' không dùng được cho tham số vị trí",
    "cannot have multiple subparser arguments": "không thể có nhiều nhóm lệnh con",
    "cannot merge actions - two groups are named %r": "không gộp được: hai nhóm cùng tên %r",
    "conflicting subparser: %s": "lệnh con trùng: %s",
    "conflicting subparser alias: %s": "tên gọi khác của lệnh con bị trùng: %s",
    "dest= is required for options like %r": "cần dest= cho tùy chọn như %r",
    "invalid conflict_resolution value: %r": "giá trị conflict_resolution không hợp lệ: %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r": (
        "tùy chọn %(option)r không hợp lệ: phải bắt đầu bằng ký tự %(prefix_chars)r"
    ),
    "mutually exclusive arguments must be optional": "các tham số loại trừ nhau phải là tùy chọn",
}

# ngettext look-ups: (singular, plural) → Vietnamese (one form: Vietnamese has no plural).
VI_PLURAL = {
    ("expected %s argument", "expected %s arguments"): "cần %s giá trị",
    ("conflicting option string: %s", "conflicting option strings: %s"): "tùy chọn trùng: %s",
}


def install() -> None:
    """Answers argparse's look-ups in Vietnamese (idempotent)."""
    original = argparse._  # type: ignore[attr-defined]
    if getattr(original, "vietnamese", False):
        return

    def translate(text: str) -> str:
        return VI.get(text) or str(original(text))

    translate.vietnamese = True  # type: ignore[attr-defined]
    argparse._ = translate  # type: ignore[attr-defined]


def ngettext_install() -> None:
    original = argparse.ngettext  # type: ignore[attr-defined]
    if getattr(original, "vietnamese", False):
        return

    def translate(singular: str, plural: str, n: int) -> str:
        return VI_PLURAL.get((singular, plural)) or str(original(singular, plural, n))

    translate.vietnamese = True  # type: ignore[attr-defined]
    argparse.ngettext = translate  # type: ignore[attr-defined]
