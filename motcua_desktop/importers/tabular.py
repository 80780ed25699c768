"""Rows of a CSV or XLSX file as lists of text cells, with size limits against hostile files.

Spreadsheets exported by the national and provincial procedure databases put title rows above
the header and merge cells (a heading over two columns, a sector name down the rows of its
procedures): every cell of a merged range reads as the value of its top-left cell, and the rows
are returned as they are, so the caller finds its header row itself.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from motcua_desktop.domain.errors import FileProblem
from motcua_desktop.domain.text import clean_text
from motcua_desktop.importers.text_decoding import decode_text, repair_legacy_cells

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 100_000


@dataclass(frozen=True)
class Rows:
    """Non-empty rows of the first sheet, cleaned (NFC, no control characters), with their 1-based
    line numbers in the file."""

    lines: list[tuple[int, list[str]]]
    is_xlsx: bool


def read_rows(data: bytes, file_name: str) -> Rows:
    if len(data) > MAX_FILE_BYTES:
        raise FileProblem(file_name, f"tệp quá lớn ({len(data) // 1024 // 1024} MB).", fix="Tối đa 20 MB.")
    is_xlsx = data[:4] == b"PK\x03\x04" or file_name.lower().endswith((".xlsx", ".xlsm"))
    if is_xlsx:
        raw_rows = _xlsx_rows(data, file_name)
        # Cells typed with a legacy font (.VnTime, VNI-Times) hold its bytes as Latin-1 letters.
        cells = repair_legacy_cells([c for row in raw_rows for c in row], file_name)
        it = iter(cells)
        raw_rows = [[next(it) for _ in row] for row in raw_rows]
    else:
        raw_rows = _csv_rows(decode_text(data, file_name), file_name)
    numbered = [(i, [clean_text(c) for c in row]) for i, row in enumerate(raw_rows, start=1)]
    numbered = [(i, row) for i, row in numbered if any(row)]
    if not numbered:
        raise FileProblem(file_name, "tệp không có dữ liệu.")
    if len(numbered) > MAX_ROWS:
        raise FileProblem(file_name, f"tệp có quá nhiều dòng ({len(numbered)}).", fix=f"Tối đa {MAX_ROWS} dòng.")
    return Rows(numbered, is_xlsx)


def _csv_rows(text: str, file_name: str) -> list[list[str]]:
    sample = text[:8192]
    lines = [line for line in sample.splitlines() if line.strip()]
    # The delimiter is the one the most lines use most: a title line above the header has none.
    delimiter = max((",", ";", "\t"), key=lambda d: sorted((line.count(d) for line in lines[:20]), reverse=True)[:3])
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise FileProblem(
            file_name, f"tệp CSV không đúng định dạng ({exc}).", fix="Kiểm tra dấu ngoặc kép và dấu phân cách."
        ) from None


def _xlsx_rows(data: bytes, file_name: str) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise FileProblem(
            file_name, "tệp Excel bị hỏng hoặc không đầy đủ.", fix="Mở và lưu lại tệp bằng Excel rồi nhập lại."
        ) from None
    if total > MAX_UNZIPPED_BYTES:
        raise FileProblem(file_name, "tệp Excel giải nén quá lớn (nghi tệp độc hại).")
    import openpyxl  # defusedxml is installed, so openpyxl parses with XML-bomb protection

    try:
        # Not read-only: merged ranges are only known to a fully loaded sheet.
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise FileProblem(
            file_name, f"không đọc được tệp Excel ({type(exc).__name__}).", fix="Mở và lưu lại tệp bằng Excel."
        ) from None
    try:
        sheet = book.worksheets[0]
        if sheet.max_row > MAX_ROWS + 10:
            raise FileProblem(file_name, f"tệp có quá nhiều dòng ({sheet.max_row}).", fix=f"Tối đa {MAX_ROWS} dòng.")
        rows = [[_cell_text(v) for v in values] for values in sheet.iter_rows(values_only=True)]
        for cells in sheet.merged_cells.ranges:
            top = rows[cells.min_row - 1][cells.min_col - 1] if cells.min_row <= len(rows) else ""
            for r in range(cells.min_row, min(cells.max_row, len(rows)) + 1):
                row = rows[r - 1]
                row.extend([""] * (cells.max_col - len(row)))
                for c in range(cells.min_col, cells.max_col + 1):
                    row[c - 1] = top
        return rows
    except FileProblem:
        raise
    except Exception as exc:  # damaged sheet XML, bad CRC, truncated member…
        raise FileProblem(
            file_name, f"tệp Excel bị hỏng ({type(exc).__name__}).", fix="Mở và lưu lại tệp bằng Excel rồi nhập lại."
        ) from None
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M") if (value.hour or value.minute) else value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)
