"""Numbers and money the Vietnamese way, and what a citizen still owes.

Vietnamese writes thousands with dots and decimals with a comma (``1.234.567``, ``2,5``, ``12,5%``).
Every screen, printed form, report and command line formats through these functions, so a number
reads the same on the counter's screen as on the paper the citizen takes home.
"""

from __future__ import annotations

CURRENCY = "đồng"


def vn_number(value: int | float, decimals: int = 1) -> str:
    """``1234567`` → ``1.234.567``; a fraction keeps ``decimals`` digits after a decimal comma
    (``1234.5`` → ``1.234,5``). Whole numbers never show a fraction."""
    if isinstance(value, float) and not value.is_integer():
        whole, _, frac = f"{value:,.{decimals}f}".partition(".")
        whole = whole.replace(",", ".")
        return f"{whole},{frac}" if frac else whole
    return f"{int(value):,}".replace(",", ".")


def vn_percent(share: float) -> str:
    """A share as a percentage with one decimal: ``0.125`` → ``12,5%``."""
    return f"{share * 100:.1f}".replace(".", ",") + "%"


def share_text(count: int, total: int) -> str:
    """``count`` out of ``total`` as a percentage, or a dash when there is nothing to share."""
    return vn_percent(count / total) if total else "–"


def format_vnd(amount: int) -> str:
    """``50000`` → ``50.000 đồng``."""
    return f"{vn_number(amount)} {CURRENCY}"


def fee_owed(fee_amount: int, fee_paid: int) -> int:
    """What the citizen still has to pay (never below zero: an overpayment is not a debt of the office)."""
    return max(0, fee_amount - fee_paid)
