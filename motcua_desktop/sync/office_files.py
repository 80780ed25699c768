"""The office's human-readable list of the dossiers in a package: XLSX and CSV (UTF-8 with BOM).

These files travel next to the sealed payload, readable by anyone who finds the stick, so they
carry **no personal data in clear**: the applicant appears only as initials ("N.V.A."), and there is
no ID number, phone, address or date of birth. The dossier code is the key to the full record, in
the application or in the encrypted payload (``docs/export-format.md``, "Office files").

Every text cell that a spreadsheet could take for a formula (starting with ``= + - @``, tab or CR)
is written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime

from motcua_desktop.domain.dossier import DossierSummary
from motcua_desktop.domain.text import clean_text
from motcua_desktop.domain.vntime import fmt_datetime, to_vn

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HEADERS = (
    "STT",
    "Mã hồ sơ",
    "Sổ theo dõi (quyển/số)",
    "Mã TTHC",
    "Tên thủ tục",
    "Lĩnh vực",
    "Kênh",
    "Trạng thái",
    "Mã trạng thái (TrangThaiHoSo)",
    "Tiếp nhận",
    "Hẹn trả",
    "Có kết quả",
    "Trả kết quả",
    "Thời hạn",
    "Cán bộ tiếp nhận",
    "Người nộp (viết tắt)",
    "Máy",
)
_WIDTHS = (5, 27, 12, 11, 48, 22, 12, 26, 10, 17, 17, 17, 17, 10, 14, 12, 13)
Cell = str | int | datetime | None


def neutralise(text: str) -> str:
    """``=1+2`` → ``'=1+2``: a spreadsheet shows it as text instead of running it."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def initials(full_name: str) -> str:
    """``Nguyễn Văn An`` → ``N.V.A.`` (a pseudonym, not the name)."""
    return "".join(word[0].upper() + "." for word in clean_text(full_name).split(" ") if word)


def dossier_rows(dossiers: Iterable[DossierSummary]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for number, d in enumerate(dossiers, start=1):
        rows.append(
            [
                number,
                d.code or "(chưa cấp mã)",
                f"{d.book_volume}/{d.book_line}" if d.book_line else "",
                d.procedure_code,
                d.procedure_name,
                d.field,
                d.channel.label,
                d.status.label,
                d.status.national_code,
                d.received_at,
                d.due_at,
                d.result_at,
                d.returned_at,
                d.outcome.label if d.outcome else "",
                d.received_by,
                initials(d.applicant_name),
                d.device_id,
            ]
        )
    return rows


def csv_bytes(rows: Sequence[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return fmt_datetime(value)
    if isinstance(value, int):
        return str(value)
    return neutralise(value)


def xlsx_bytes(title: str, rows: Sequence[Sequence[Cell]]) -> bytes:
    import xlsxwriter  # on first use: the window starts without it

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    sheet = book.add_worksheet("Ho so")
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "border": 1})
    when = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet.write_string(0, 0, neutralise(title), book.add_format({"bold": True, "font_size": 13}))
    for column, (header, width) in enumerate(zip(HEADERS, _WIDTHS, strict=True)):
        sheet.write_string(1, column, header, bold)
        sheet.set_column(column, column, width)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, to_vn(value).replace(tzinfo=None), when)
            elif isinstance(value, int):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, neutralise(value))
    sheet.freeze_panes(2, 2)
    sheet.autofilter(1, 0, 1 + len(rows), len(HEADERS) - 1)
    book.close()
    return buffer.getvalue()
