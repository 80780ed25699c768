"""Vietnamese for argparse's own messages ("usage:", "options", error texts).

argparse looks its strings up through ``gettext``; we answer those look-ups from a table.
"""

from __future__ import annotations

import argparse

VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện phiên bản chương trình rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không hiểu: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn mơ hồ: %(option)s có thể là %(matches)s",
}


def install() -> None:
    original = argparse._  # type: ignore[attr-defined]

    def translate(text: str) -> str:
        return VI.get(text, original(text))

    argparse._ = translate  # type: ignore[attr-defined]


def ngettext_install() -> None:
    original = argparse.ngettext  # type: ignore[attr-defined]

    def translate(singular: str, plural: str, n: int) -> str:
        if singular == "expected %s argument":
            return "cần %s giá trị"
        return str(original(singular, plural, n))

    argparse.ngettext = translate  # type: ignore[attr-defined]
