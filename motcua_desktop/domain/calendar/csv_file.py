"""Calendar data file (``time.md`` §7.7): ``date,kind,name,status,source`` [, ``reason``].

Input is the file's bytes and name (reading the file is the caller's job). UTF-8 with or
without BOM. Every row is checked and every problem reported at once, naming file, row and
column with the fix; one problem rejects the whole file (``FileProblems``), so a half-read
calendar never decides a due date.

A file's rows for a year replace the year's whole schedule (``resolve.py``), so each year with
holiday rows must list the four fixed-date holidays; local decisions (closures, days decided
working or not) may be listed alone.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from typing import TypeVar

from motcua_desktop.domain.calendar.days import CalendarDay, DayKind, DayOrigin, DayStatus
from motcua_desktop.domain.calendar.resolve import LOCAL_KINDS
from motcua_desktop.domain.errors import FileProblem, FileProblems
from motcua_desktop.domain.text import clean_text

REQUIRED_COLUMNS = ("date", "kind", "name", "status", "source")
OPTIONAL_COLUMNS = ("reason",)
FIXED_HOLIDAYS = (
    (1, 1, "Tết Dương lịch"),
    (4, 30, "Ngày Chiến thắng"),
    (5, 1, "Ngày Quốc tế lao động"),
    (9, 2, "Quốc khánh"),
)
MIN_YEAR, MAX_YEAR = 1990, 2199
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEKEND = (5, 6)
_E = TypeVar("_E", DayKind, DayStatus)


def parse_calendar_csv(
    data: bytes, file_name: str, *, origin: DayOrigin = DayOrigin.IMPORTED
) -> tuple[CalendarDay, ...]:
    """All rows of a calendar file, or ``FileProblems`` listing everything wrong with it."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblems(
            file_name,
            [
                FileProblem(
                    file_name,
                    f"không đọc được theo bảng mã UTF-8 (byte thứ {exc.start + 1}).",
                    fix="Mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng «CSV UTF-8».",
                )
            ],
        ) from None
    records = [(line, cells) for line, cells in _records(file_name, text) if any(c.strip() for c in cells)]
    if not records:
        raise FileProblems(file_name, [_header_problem(file_name, "tệp trống.")])
    header_line, header = records[0]
    columns = [c.strip().lower() for c in header]
    problems = _check_header(file_name, header_line, columns)
    if problems:
        raise FileProblems(file_name, problems)
    rows: list[CalendarDay] = []
    seen: dict[date, int] = {}
    for line, cells in records[1:]:
        row = _parse_row(file_name, line, columns, cells, origin, seen, problems)
        if row is not None:
            rows.append(row)
    if not records[1:]:
        problems.append(FileProblem(file_name, "tệp chỉ có dòng tiêu đề, không có ngày nào.", fix=_FORMAT_HINT))
    if not problems:
        problems.extend(_check_years(file_name, rows))
    if problems:
        raise FileProblems(file_name, problems)
    return tuple(sorted(rows, key=lambda r: r.day))


_FORMAT_HINT = "Mỗi dòng một ngày: 2026-01-02,swap_off,Nghỉ hoán đổi,official,Văn bản 12729/VPCP-KGVX."


def _records(file_name: str, text: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    out: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            out.append((reader.line_num, cells))
    except csv.Error:
        raise FileProblems(
            file_name,
            [
                FileProblem(
                    file_name,
                    "dấu ngoặc kép không đúng cách.",
                    row=reader.line_num,
                    fix='Nội dung có dấu phẩy phải nằm trọn trong một cặp ngoặc kép; ngoặc kép bên trong ghi thành hai dấu "".',
                )
            ],
        ) from None
    return out


def _header_problem(file_name: str, problem: str, line: int = 1) -> FileProblem:
    return FileProblem(
        file_name,
        problem,
        row=line,
        fix=f"Dòng tiêu đề phải là: {','.join(REQUIRED_COLUMNS)} (có thể thêm cột reason).",
    )


def _check_header(file_name: str, line: int, columns: list[str]) -> list[FileProblem]:
    problems: list[FileProblem] = []
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        problems.append(_header_problem(file_name, f"thiếu cột {', '.join(missing)}.", line))
    unknown = [c for c in columns if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        names = ", ".join(c or "(trống)" for c in unknown)
        problems.append(_header_problem(file_name, f"có cột không dùng được: {names}.", line))
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        problems.append(_header_problem(file_name, f"cột {', '.join(duplicated)} bị lặp.", line))
    return problems


def _parse_row(
    file_name: str,
    line: int,
    columns: list[str],
    cells: list[str],
    origin: DayOrigin,
    seen: dict[date, int],
    problems: list[FileProblem],
) -> CalendarDay | None:
    def problem(column: str | None, text: str, fix: str) -> None:
        problems.append(FileProblem(file_name, text, row=line, column=column, fix=fix))

    if len(cells) != len(columns):
        problem(
            None,
            f"có {len(cells)} cột, cần {len(columns)}.",
            "Kiểm tra dấu phẩy; nội dung có dấu phẩy phải đặt trong ngoặc kép.",
        )
        return None
    values = {c: clean_text(v) for c, v in zip(columns, cells, strict=True)}
    before = len(problems)

    day = _parse_day(values["date"])
    if day is None:
        problem(
            "date",
            f"«{values['date']}» không phải ngày hợp lệ.",
            f"Ghi theo dạng YYYY-MM-DD, năm từ {MIN_YEAR} đến {MAX_YEAR}, ví dụ 2026-01-02.",
        )
    elif day in seen:
        problem(
            "date",
            f"ngày {day.strftime('%d/%m/%Y')} đã có ở dòng {seen[day]}.",
            "Mỗi ngày chỉ ghi một dòng; xóa dòng thừa.",
        )
    else:
        seen[day] = line

    kind = _enum(DayKind, values["kind"])
    if kind is None:
        problem(
            "kind",
            f"«{values['kind']}» không phải loại ngày.",
            f"Dùng một trong: {', '.join(k.value for k in DayKind)}.",
        )
    status = _enum(DayStatus, values["status"])
    if status is None:
        problem(
            "status",
            f"«{values['status']}» không phải trạng thái.",
            f"Dùng một trong: {', '.join(s.value for s in DayStatus)}.",
        )
    if not values["name"]:
        problem("name", "tên ngày đang để trống.", "Ví dụ: «Tết Dương lịch».")
    if not values["source"]:
        problem(
            "source", "chưa ghi căn cứ.", "Ghi số văn bản, thông báo hoặc điều luật, ví dụ «Thông báo 9441/TB-BNV»."
        )
    reason = values.get("reason", "")
    if kind is not None and (kind.needs_reason or origin is DayOrigin.ADMIN) and not reason:
        problem("reason", f"loại «{kind.value}» phải có lý do.", "Thêm cột reason và ghi lý do, ví dụ «Bão số 3».")
    if day is not None and kind is not None:
        if kind is DayKind.MAKEUP_WORKDAY and day.weekday() not in _WEEKEND:
            problem(
                "kind",
                f"ngày làm bù {day.strftime('%d/%m/%Y')} không phải Thứ Bảy hay Chủ nhật.",
                "Kiểm tra lại ngày hoặc loại ngày.",
            )
        if kind in (DayKind.COMPENSATORY, DayKind.SWAP_OFF) and day.weekday() in _WEEKEND:
            problem(
                "kind",
                f"ngày {day.strftime('%d/%m/%Y')} là cuối tuần, không thể là «{kind.value}».",
                "Nghỉ bù và nghỉ hoán đổi phải rơi vào ngày từ Thứ Hai đến Thứ Sáu.",
            )
    if len(problems) > before or day is None or kind is None or status is None:
        return None
    return CalendarDay(day, kind, values["name"], status, values["source"], reason, origin)


def _parse_day(text: str) -> date | None:
    if not _ISO_DATE.match(text):
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None


def _enum(cls: type[_E], text: str) -> _E | None:
    try:
        return cls(text.strip().lower())
    except ValueError:
        return None


def _check_years(file_name: str, rows: list[CalendarDay]) -> list[FileProblem]:
    problems: list[FileProblem] = []
    holidays = {r.day for r in rows if r.kind is DayKind.HOLIDAY and r.applies}
    years = sorted({r.day.year for r in rows if r.applies and r.kind not in LOCAL_KINDS})
    for year in years:
        missing = [
            f"{date(year, m, d).strftime('%d/%m/%Y')} ({name})"
            for m, d, name in FIXED_HOLIDAYS
            if date(year, m, d) not in holidays
        ]
        if missing:
            problems.append(
                FileProblem(
                    file_name,
                    f"năm {year} thiếu ngày lễ cố định: {', '.join(missing)}.",
                    column="date",
                    fix=(
                        "Các dòng của một năm thay cho toàn bộ lịch nghỉ năm đó, nên phải liệt kê đủ ngày lễ cả năm "
                        "(Bộ luật Lao động Điều 112). Ngày nghỉ riêng của xã hãy ghi loại closure hoặc decided_off."
                    ),
                )
            )
    return problems
