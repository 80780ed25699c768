"""argparse's own words (usage, section titles, built-in help, error messages) are Vietnamese."""

from __future__ import annotations

import argparse
import ast
import inspect
import subprocess
import sys

import pytest

from motcua_desktop.cli import build_parser
from motcua_desktop.commands import _argparse_vi as argparse_vi


def looked_up_strings() -> tuple[set[str], set[tuple[str, str]]]:
    """Every string this Python's argparse passes through ``_`` or ``ngettext``."""
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if node.func.id == "_" and texts:
            singles.add(texts[0])
        elif node.func.id == "ngettext" and len(texts) >= 2:
            plurals.add((texts[0], texts[1]))
    return singles, plurals


def test_every_string_argparse_translates_has_a_vietnamese_text() -> None:
    singles, plurals = looked_up_strings()
    assert len(singles) > 20 and plurals  # the reading of argparse's source works
    assert sorted(singles - set(argparse_vi.VI)) == []
    assert sorted(plurals - set(argparse_vi.VI_PLURAL)) == []


def parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found.extend(parsers(sub))
    return found


ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "show program's", "and exit", "default:")


def test_help_of_every_command_has_no_english_from_argparse() -> None:
    every = parsers(build_parser())
    assert len(every) > 30
    for parser in every:
        text = parser.format_help()
        assert [word for word in ENGLISH if word in text] == [], parser.prog
        assert text.startswith("cách dùng: ")
    top = every[0].format_help()
    assert "--version" in top and argparse_vi.VERSION_HELP in top


def test_version_and_a_usage_error_are_in_vietnamese() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "motcua_desktop", "--version"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("Một cửa Desktop ")
    done = subprocess.run(
        [sys.executable, "-m", "motcua_desktop", "search"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 2
    assert "lỗi: thiếu tham số bắt buộc: NỘI_DUNG" in done.stderr and "error" not in done.stderr


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["show", "a", "b"], "tham số không hiểu: b"),
        (["search", "x", "--limit"], "tham số --limit: cần một giá trị"),
        (["search", "x", "--limit", "nhiều"], "tham số --limit: giá trị int không hợp lệ: 'nhiều'"),
        (["nosuch"], "lựa chọn không hợp lệ: 'nosuch'"),
    ],
)
def test_usage_errors_are_vietnamese(argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(argv)
    assert stopped.value.code == 2
    assert expected in capsys.readouterr().err
