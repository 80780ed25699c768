"""Numbers and money read the Vietnamese way everywhere (one formatter for screens, paper, reports)."""

from __future__ import annotations

import pytest

from motcua_desktop.domain.money import fee_owed, format_vnd, share_text, vn_number, vn_percent


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (999, "999"), (1000, "1.000"), (1234567, "1.234.567"), (2.0, "2"), (1234.5, "1.234,5"), (0.5, "0,5")],
)
def test_thousands_with_dots_and_decimals_with_a_comma(value: float, text: str) -> None:
    assert vn_number(value) == text


def test_more_decimals_on_request() -> None:
    assert vn_number(3.14159, decimals=2) == "3,14"


def test_money_says_dong() -> None:
    assert format_vnd(50000) == "50.000 đồng"
    assert format_vnd(0) == "0 đồng"


def test_shares_as_percentages() -> None:
    assert vn_percent(0.125) == "12,5%"
    assert share_text(1, 3) == "33,3%"
    assert share_text(0, 0) == "–"


def test_what_is_still_owed_is_never_negative() -> None:
    assert fee_owed(50000, 20000) == 30000
    assert fee_owed(50000, 50000) == 0
    assert fee_owed(50000, 80000) == 0
