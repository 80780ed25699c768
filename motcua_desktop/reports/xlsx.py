"""Sheets → an XLSX workbook (XlsxWriter) laid out for printing on A4.

Numbers carry the format ``NUMBER_FORMAT``: thousands separated by dots (1.234.567) whatever the
PC's regional settings, because the dots are literal characters chosen by the size of the value
(Excel's ``#,##0`` would show 1,234 on a PC set to English formats). Cells stay numbers, so sums
and filters work. Dates are real dates shown ``dd/mm/yyyy``. Text is always written as text, so
a value starting with ``=`` never becomes a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

import xlsxwriter

from motcua_desktop.reports.sheet import MOTTO, Kind, RowStyle, Sheet

# Up to 999.999.999 (three sections: two conditions and the rest).
NUMBER_FORMAT = r"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0"
DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = "0.0%"
FONT = "Times New Roman"
A4 = 9
SIGN_SPACE_ROWS = 4


class _Formats:
    def __init__(self, book: Any) -> None:
        self.book = book
        self._cache: dict[tuple[tuple[str, Any], ...], Any] = {}

    def get(self, **props: Any) -> Any:
        key = tuple(sorted(props.items()))
        if key not in self._cache:
            self._cache[key] = self.book.add_format({"font_name": FONT, "font_size": 11, **props})
        return self._cache[key]


def write_workbook(sheets: Sequence[Sheet], *, created: datetime | None = None, author: str = "") -> bytes:
    """The XLSX bytes of ``sheets``, one worksheet each."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    properties: dict[str, Any] = {"title": sheets[0].title if sheets else "", "author": author, "company": author}
    if created is not None:
        properties["created"] = created.replace(tzinfo=None)
    book.set_properties(properties)
    formats = _Formats(book)
    for sheet in sheets:
        _write_sheet(book.add_worksheet(sheet.name[:31]), sheet, formats)
    book.close()
    return buffer.getvalue()


def _write_sheet(ws: Any, sheet: Sheet, f: _Formats) -> None:
    width = len(sheet.columns)
    last = width - 1
    for i, column in enumerate(sheet.columns):
        ws.set_column(i, i, column.width)
    row = 0
    if sheet.letterhead is not None:
        row = _letterhead(ws, sheet, f, last)
    _merge(ws, row, 0, last, sheet.title, f.get(bold=True, font_size=14, align="center", valign="vcenter"))
    ws.set_row(row, 22)
    row += 1
    for subtitle in sheet.subtitles:
        _merge(ws, row, 0, last, subtitle, f.get(italic=True, align="center", text_wrap=True))
        row += 1
    row += 1
    heading_first = row
    head = f.get(bold=True, align="center", valign="vcenter", text_wrap=True, border=1, bg_color="#E7E6E6")
    for r, cells in enumerate(sheet.heading_grid()):
        for c, (heading, origin) in enumerate(cells):
            if not origin:
                continue
            if heading.columns > 1 or heading.rows > 1:
                ws.merge_range(row + r, c, row + r + heading.rows - 1, c + heading.columns - 1, heading.text, head)
            else:
                ws.write_string(row + r, c, heading.text, head)
    row += len(sheet.headings)
    if sheet.number_headings:
        numbers = f.get(italic=True, align="center", border=1, font_size=10)
        for c in range(width):
            ws.write_string(row, c, f"({c + 1})", numbers)
        row += 1
    ws.repeat_rows(heading_first, row - 1)
    ws.freeze_panes(row, 0)
    if not sheet.rows:
        _merge(ws, row, 0, last, sheet.empty_text, f.get(italic=True, align="center", border=1))
        row += 1
    for body in sheet.rows:
        for c, value in enumerate(body.values):
            _cell(ws, row, c, value, sheet.columns[c].kind, body.style, f)
        if body.merge is not None:
            first, last_merged = body.merge
            props = {"border": 1, "valign": "top", "text_wrap": True}
            if body.style is not RowStyle.NORMAL:
                props.update(bold=True, bg_color="#F2F2F2" if body.style is RowStyle.GROUP else "#D9D9D9")
            _merge(ws, row, first, last_merged, str(body.values[first] or ""), f.get(**props))
        row += 1
    row += 1
    for note in sheet.notes:
        _merge(ws, row, 0, last, note, f.get(italic=True, text_wrap=True, valign="top", font_size=10))
        ws.set_row(row, 15 * max(1, len(note) // max(40, int(sum(c.width for c in sheet.columns))) + 1))
        row += 1
    if sheet.signers:
        _signatures(ws, sheet, f, row + 1, width)
    _print_setup(ws, sheet)


def _letterhead(ws: Any, sheet: Sheet, f: _Formats, last: int) -> int:
    head = sheet.letterhead
    assert head is not None
    split = max(0, min(last - 1, len(sheet.columns) * 2 // 5 - 1))
    left = [(head.superior.upper(), False), (head.unit.upper(), True)]
    right: list[tuple[str, bool]] = []
    if head.form_code:
        right.append((head.form_code, True))
    if head.motto:
        right += [(MOTTO[0], True), (MOTTO[1], True)]
    for i in range(max(len(left), len(right))):
        if i < len(left) and left[i][0]:
            text, bold = left[i]
            _merge(ws, i, 0, split, text, f.get(bold=bold, align="center", font_size=11))
        if i < len(right):
            text, bold = right[i]
            _merge(ws, i, split + 1, last, text, f.get(bold=bold, align="center", font_size=11))
    return max(len(left), len(right)) + 1


def _cell(ws: Any, row: int, col: int, value: Any, kind: Kind, style: RowStyle, f: _Formats) -> None:
    props: dict[str, Any] = {"border": 1, "valign": "top"}
    if style is RowStyle.GROUP:
        props.update(bold=True, bg_color="#F2F2F2")
    elif style is RowStyle.TOTAL:
        props.update(bold=True, bg_color="#D9D9D9")
    if kind in (Kind.NUMBER, Kind.MONEY):
        props["num_format"] = NUMBER_FORMAT
    elif kind is Kind.PERCENT:
        props["num_format"] = PERCENT_FORMAT
    elif kind is Kind.DATE:
        props.update(num_format=DATE_FORMAT, align="center")
    elif kind is Kind.CENTER:
        props["align"] = "center"
    else:
        props["text_wrap"] = True
    cell_format = f.get(**props)
    if value is None or value == "":
        ws.write_blank(row, col, None, cell_format)
    elif isinstance(value, bool):
        ws.write_string(row, col, "Có" if value else "Không", cell_format)
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, cell_format)
    elif isinstance(value, datetime):
        ws.write_datetime(row, col, value.replace(tzinfo=None), cell_format)
    elif isinstance(value, date):
        ws.write_datetime(row, col, datetime.combine(value, time(0)), cell_format)
    else:
        ws.write_string(row, col, str(value), cell_format)


def _signatures(ws: Any, sheet: Sheet, f: _Formats, row: int, width: int) -> None:
    count = len(sheet.signers)
    bounds = [(width * i // count, width * (i + 1) // count - 1) for i in range(count)]
    if sheet.place_date:
        first, last = bounds[-1]
        _merge(ws, row, first, last, sheet.place_date, f.get(italic=True, align="center"))
        row += 1
    for (first, last), signer in zip(bounds, sheet.signers, strict=True):
        _merge(ws, row, first, last, signer.title, f.get(bold=True, align="center"))
        _merge(ws, row + 1, first, last, signer.note, f.get(italic=True, align="center", font_size=10))
        if signer.name:
            _merge(ws, row + 2 + SIGN_SPACE_ROWS, first, last, signer.name, f.get(bold=True, align="center"))


def _merge(ws: Any, row: int, first: int, last: int, text: str, cell_format: Any) -> None:
    if last > first:
        ws.merge_range(row, first, row, last, text, cell_format)
    else:
        ws.write_string(row, first, text, cell_format)


def _print_setup(ws: Any, sheet: Sheet) -> None:
    ws.set_paper(A4)
    if sheet.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)  # all columns on the page width, as many pages as needed
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer("&C&9Trang &P/&N")
