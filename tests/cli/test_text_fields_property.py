"""Property of the command line's text fields (issue 14, "must show"): whatever is typed, the
command either exits 0 with the value stored exactly as shown (the documented normal form: NFC,
runs of spaces as one, trimmed; names capitalised; digits of any script as ASCII), or exits 2
with a Vietnamese message naming the field, and the database is byte for byte what it was.

Run in-process through ``cli.main`` (no subprocess) with a bounded number of examples per field.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.test_cli import SETUP, register, run

EXAMPLES = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
BASE = [
    "register",
    "--procedure",
    "1.001193",
    "--name=Lê Văn Bình",
    "--all-documents",
    "--json",
    "--id-number=038187042030",
]
# Characters that break naive handling: invisible, control, direction, surrogate, look-alike digits,
# decomposed letters, other scripts' digits, long runs.
SPECIAL = st.sampled_from(
    [
        "\u200b",
        "\u200d",
        "\ufeff",
        "\u202e",
        "\x1b",
        "\x00",
        "\x7f",
        "\udcff",
        "²",
        "①",
        "٣",
        "０",
        "\t",
        "\n",
        "\r\n",
        "  ",
        "\u00a0",
        "e\u0301",
        "Đ",
        "ạ",
        "ﬁ",
        "'",
        "-",
        "=",
        "<b>",
        "%s",
        '"',
        ",",
        ".",
    ]
)
TEXT = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(SPECIAL, st.text(max_size=6)), max_size=8).map("".join),
    st.integers(0, 3000).map(lambda n: "ă" * n),
)


def digest(folder: Path) -> str:
    conn = sqlite3.connect(folder / "motcua.db")
    try:
        h = hashlib.sha256()
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            for row in sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{table}"')):
                h.update(row.encode())
        return h.hexdigest()
    finally:
        conn.close()


def shown(capsys, code: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    status, out, err = run(capsys, "show", code, "--json")
    assert status == 0, err
    dossier: dict[str, Any] = json.loads(out)["dossier"]
    return dossier


def spaced(text: str) -> str:
    """The documented normal form of a one-line field."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def lines(text: str) -> str:
    """The documented normal form of a multi-line field."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def capitalised(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in spaced(text).split(" ") if w)


def check(
    office: Path, capsys, argv: list[str], label: str, stored: Callable[[dict[str, Any]], Any], expected: Any
) -> None:  # type: ignore[no-untyped-def]
    """The property for one input: exit 0 and stored == expected, or exit 2 naming ``label`` and no write."""
    before = digest(office)
    status, out, err = run(capsys, *argv)
    if status == 0:
        code = json.loads(out)["code"]
        assert stored(shown(capsys, code)) == expected, argv
    else:
        assert status == 2, (argv, err)
        assert label in err, (label, err)
        assert "Traceback" not in err
        assert digest(office) == before, f"{argv!r} exited 2 but wrote"


@EXAMPLES
@given(TEXT)
def test_name(office: Path, capsys, text: str) -> None:  # type: ignore[no-untyped-def]
    argv = [*BASE[:3], f"--name={text}", *BASE[4:]]
    check(office, capsys, argv, "Họ và tên", lambda d: d["applicant"]["full_name"], capitalised(text))


@EXAMPLES
@given(TEXT)
def test_address(office: Path, capsys, text: str) -> None:  # type: ignore[no-untyped-def]
    argv = [*BASE, f"--address={text}"]
    check(office, capsys, argv, "Địa chỉ", lambda d: d["applicant"]["address"].get("detail", ""), spaced(text))


@EXAMPLES
@given(TEXT)
def test_note(office: Path, capsys, text: str) -> None:  # type: ignore[no-untyped-def]
    check(office, capsys, [*BASE, f"--note={text}"], "Ghi chú", lambda d: d.get("note", ""), lines(text))


@EXAMPLES
@given(TEXT)
def test_summary(office: Path, capsys, text: str) -> None:  # type: ignore[no-untyped-def]
    expected = lines(text) or "Đăng ký khai sinh"
    check(office, capsys, [*BASE, f"--summary={text}"], "Trích yếu", lambda d: d["summary"], expected)


@EXAMPLES
@given(TEXT)
def test_deciding_unit(office: Path, capsys, text: str) -> None:  # type: ignore[no-untyped-def]
    expected = spaced(text) or SETUP[SETUP.index("--superior") + 1]  # the office's default
    argv = [*BASE, f"--deciding-unit={text}"]
    check(office, capsys, argv, "Cơ quan giải quyết", lambda d: d["deciding_unit"], expected)


@EXAMPLES
@given(TEXT)
def test_document_name(office: Path, capsys, text: str) -> None:  # type: ignore[no-untyped-def]
    argv = [*BASE[:4], f"--document={text}:ban_sao_chung_thuc:2", *BASE[5:]]
    name = spaced(text.split(":", maxsplit=1)[0])
    names = [name] if name else []
    check(office, capsys, argv, "Thành phần hồ sơ", lambda d: [x["name"] for x in d.get("documents", [])], names)


DIGITS = st.lists(
    st.one_of(st.sampled_from("0123456789"), st.sampled_from("０１２３٣٤०१ .-²①a")), min_size=0, max_size=14
).map("".join)


def ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(ch)) for ch in text if unicodedata.decimal(ch, None) is not None)


@EXAMPLES
@given(st.one_of(DIGITS, st.just("038187042030"), st.just("０３８１８７０４２０３０"), TEXT))
def test_id_number(office: Path, capsys, text: str) -> None:  # type: ignore[no-untyped-def]
    argv = [*BASE, f"--id-number={text}"]
    check(office, capsys, argv, "Số giấy tờ", lambda d: d["applicant"]["id_number"], ascii_digits(text))


@EXAMPLES
@given(st.one_of(DIGITS, st.just("0912 345 678"), st.just("０９１２.３４５.６７８"), TEXT))
def test_phone(office: Path, capsys, text: str) -> None:  # type: ignore[no-untyped-def]
    argv = [*BASE, f"--phone={text}"]
    check(office, capsys, argv, "Số điện thoại", lambda d: d["applicant"].get("phone", ""), national(text))


def national(text: str) -> str:
    """What a stored phone is: the typed digits in national form. A number typed without its
    national prefix (``300000000``, the 0 lost by a spreadsheet) gets it back; ``+84…`` becomes ``0…``."""
    digits = ascii_digits(text)
    if not digits or digits.startswith("0"):
        return digits
    if "+" in text and digits.startswith("84"):
        return "0" + digits[2:]
    return "0" + digits


def vnd(text: str) -> int:
    """Dots (or spaces) group thousands; đ/đồng/VND may follow; nothing else is an amount."""
    bare = re.sub(r"\s*(đồng|đ|vnđ|vnd|₫)\s*$", "", spaced(text), flags=re.IGNORECASE).strip()
    digits = ascii_digits(bare)
    return int(digits) if digits else 0


@EXAMPLES
@given(st.one_of(DIGITS, st.sampled_from(["50.000", "1.5", "50,000", "50.00", "50 000 đ", "1.500.000"]), TEXT))
def test_fee(office: Path, capsys, text: str) -> None:  # type: ignore[no-untyped-def]
    argv = [*BASE, f"--fee={text}"]
    check(office, capsys, argv, "Phí, lệ phí", lambda d: d["fee_amount"], vnd(text))


@EXAMPLES
@given(TEXT)
def test_request_id(office: Path, capsys, text: str) -> None:  # type: ignore[no-untyped-def]
    argv = [*BASE, f"--request-id={text}"]
    check(office, capsys, argv, "Khóa chống trùng", lambda d: d["applicant"]["full_name"], "Lê Văn Bình")


@EXAMPLES
@given(TEXT)
def test_location(office: Path, capsys, text: str) -> None:  # type: ignore[no-untyped-def]
    code = register(capsys)["code"]
    before = digest(office)
    # "--" ends the options: a place that begins with "-" is still the place, not an option.
    status, out, err = run(capsys, "locate", "--json", code, "--", text)
    if status == 0:
        assert json.loads(out)["file_location"] == spaced(text) == shown(capsys, code)["file_location"]
    else:
        assert status == 2 and "Nơi lưu hồ sơ giấy" in err and digest(office) == before


@pytest.mark.parametrize("field", ["--name", "--note", "--address"])
def test_the_property_can_fail(office: Path, capsys, field: str) -> None:  # type: ignore[no-untyped-def]
    """A zero-width space is refused rather than dropped: were it dropped, the stored value would
    differ from what was typed and the property above would fail on it."""
    status, _, err = run(capsys, *BASE, f"{field}=Lê\u200bVăn")
    assert status == 2 and "vị trí 3" in err
