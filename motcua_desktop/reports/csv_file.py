"""Sheets → CSV for people who open it in a spreadsheet.

UTF-8 with a byte-order mark (so Excel reads the Vietnamese letters), one heading line whose
labels join the heading rows above each column, then the rows. Numbers and dates are written
as the spreadsheet expects them (``1234``, ``dd/mm/yyyy``). Text that a spreadsheet would run as
a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading
apostrophe, so a citizen's name can never execute anything.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

from motcua_desktop.domain.vntime import fmt_date
from motcua_desktop.reports.sheet import Kind, Sheet

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``=HYPERLINK(…)`` → ``'=HYPERLINK(…)`` (OWASP CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _value(value: Any, kind: Kind) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return fmt_date(value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if kind is Kind.PERCENT else repr(value)
    return neutralise(str(value))


def write_csv(sheet: Sheet) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(label) for label in sheet.flat_headings()])
    for row in sheet.rows:
        writer.writerow([_value(v, c.kind) for v, c in zip(row.values, sheet.columns, strict=True)])
    return (BOM + buffer.getvalue()).encode("utf-8")
