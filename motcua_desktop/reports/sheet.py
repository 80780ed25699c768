"""A printable report table, independent of the file format.

Each report turns into one or more ``Sheet``s; ``xlsx.py``, ``pdf.py`` and ``csv_file.py`` render
any sheet, so the three formats always show the same title, headings, rows and totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from motcua_desktop.domain.money import vn_number, vn_percent
from motcua_desktop.domain.vntime import fmt_date, official_date

Value = str | int | float | date | None
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


class Kind(StrEnum):
    """How a column's values are shown."""

    TEXT = "text"
    NUMBER = "number"  # whole numbers with Vietnamese thousands dots (1.234.567)
    MONEY = "money"  # đồng, same format
    DATE = "date"  # dd/mm/yyyy
    PERCENT = "percent"  # a share 0–1
    CENTER = "center"  # short text centred (row numbers, codes)


class RowStyle(StrEnum):
    NORMAL = "normal"
    GROUP = "group"  # a field / section heading row with its subtotal
    TOTAL = "total"


@dataclass(frozen=True)
class Column:
    kind: Kind
    width: float  # in characters (≈ 2 mm each on paper)


@dataclass(frozen=True)
class Heading:
    """One cell of the heading rows; spans ``columns`` to the right and ``rows`` down."""

    text: str
    columns: int = 1
    rows: int = 1


@dataclass(frozen=True)
class Row:
    values: tuple[Value, ...]
    style: RowStyle = RowStyle.NORMAL
    merge: tuple[int, int] | None = None  # (first, last) columns shown as one cell with the first's value


@dataclass(frozen=True)
class Signer:
    title: str  # "NGƯỜI LẬP BÁO CÁO"
    note: str = "(Ký, ghi rõ họ tên)"
    name: str = ""


@dataclass(frozen=True)
class Letterhead:
    """The two header columns of administrative documents (Decree 30/2020)."""

    superior: str  # "UBND XÃ ĐÔNG TIẾN"
    unit: str  # "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ ĐÔNG TIẾN"
    form_code: str = ""  # "Biểu số II.06a/VPCP/KSTT" printed top right when set
    motto: bool = True  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Sheet:
    name: str  # worksheet name (≤ 31 characters)
    title: str
    subtitles: tuple[str, ...]
    columns: tuple[Column, ...]
    headings: tuple[tuple[Heading, ...], ...]  # heading rows, top to bottom
    rows: tuple[Row, ...]
    letterhead: Letterhead | None = None
    notes: tuple[str, ...] = ()
    place_date: str = ""  # "Đông Tiến, ngày 01 tháng 12 năm 2026" above the signatures
    signers: tuple[Signer, ...] = ()
    landscape: bool = True
    empty_text: str = "Không có số liệu."
    number_headings: bool = False  # a row (1), (2), … under the headings, as on official forms
    meta: dict[str, str] = field(default_factory=dict)  # document properties (author, subject)

    def heading_grid(self) -> list[list[tuple[Heading, bool]]]:
        """Each heading row as (heading, is_origin) per column: spans expanded, for CSV and checks."""
        width = len(self.columns)
        grid: list[list[tuple[Heading, bool] | None]] = [[None] * width for _ in self.headings]
        for r, row in enumerate(self.headings):
            c = 0
            for heading in row:
                while c < width and grid[r][c] is not None:
                    c += 1
                if c >= width:
                    raise ValueError(f"sheet {self.name!r}: heading row {r + 1} is wider than its columns")
                for dr in range(heading.rows):
                    for dc in range(heading.columns):
                        grid[r + dr][c + dc] = (heading, dr == 0 and dc == 0)
                c += heading.columns
        if any(cell is None for row in grid for cell in row):
            raise ValueError(f"sheet {self.name!r}: heading rows leave gaps")
        return [[cell for cell in row if cell is not None] for row in grid]

    def flat_headings(self, separator: str = " – ") -> list[str]:
        """One label per column: the headings above it joined with ``separator`` (CSV, previews)."""
        grid = self.heading_grid()
        labels = []
        for c in range(len(self.columns)):
            parts: list[str] = []
            for row in grid:
                text = row[c][0].text
                if text and (not parts or parts[-1] != text):
                    parts.append(text)
            labels.append(separator.join(parts))
        return labels


def place_date_line(place: str, day: date | datetime) -> str:
    """ "Đông Tiến, ngày 01 tháng 12 năm 2026"."""
    when = day.date() if isinstance(day, datetime) else day
    return f"{place}, {official_date(when)}" if place else official_date(when).capitalize()


def cell_text(value: Any, kind: Kind) -> str:
    """How a value reads on paper and in previews (the same text in the PDF and the GUI)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime | date):
        return fmt_date(value)
    if kind is Kind.PERCENT and isinstance(value, int | float):
        return vn_percent(float(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return vn_number(value)
    return str(value)
