"""Sổ theo dõi hồ sơ (form 07) as a spreadsheet: the same columns, in the same order, as the
printed book, because the service fills this table from the form 07 template and its rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from motcua_desktop.domain.vntime import fmt_date
from motcua_desktop.reports.header import ReportHeader
from motcua_desktop.reports.period import Period
from motcua_desktop.reports.sheet import Column, Heading, Kind, Row, Sheet, Value

TITLE = "SỔ THEO DÕI HỒ SƠ"
CHARS_PER_UNIT = 6.0  # template widths are relative; about 140 characters across A4 landscape


@dataclass(frozen=True)
class BookColumn:
    header: str
    group: str  # heading shared by neighbouring columns ("Trả kết quả cho cá nhân, tổ chức"), or ""
    width: float  # relative, as in the template
    kind: Kind


@dataclass(frozen=True)
class BookReport:
    kind: ClassVar[str] = "book"
    header: ReportHeader
    period: Period
    volumes: tuple[str, ...]
    columns: tuple[BookColumn, ...]
    rows: tuple[tuple[Value, ...], ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "report": "book",
            "title": TITLE,
            **self.header.as_json(),
            "period": self.period.as_json(),
            "volumes": list(self.volumes),
            "columns": [c.header if not c.group else f"{c.group} – {c.header}" for c in self.columns],
            "rows": [[v.isoformat() if isinstance(v, date) else v for v in row] for row in self.rows],
            "count": len(self.rows),
        }

    def sheets(self) -> list[Sheet]:
        grouped = any(c.group for c in self.columns)
        top: list[Heading] = []
        below: list[Heading] = []
        i = 0
        while i < len(self.columns):
            column = self.columns[i]
            if column.group:
                span = 1
                while i + span < len(self.columns) and self.columns[i + span].group == column.group:
                    span += 1
                top.append(Heading(column.group, columns=span))
                below += [Heading(c.header) for c in self.columns[i : i + span]]
                i += span
            else:
                top.append(Heading(column.header, rows=2 if grouped else 1))
                i += 1
        volumes = ", ".join(self.volumes) or "…"
        return [
            Sheet(
                name="Sổ theo dõi",
                title=TITLE,
                subtitles=(
                    f"Quyển số: {volumes} – Từ ngày {fmt_date(self.period.start)} đến ngày {fmt_date(self.period.end)} "
                    f"({len(self.rows)} hồ sơ)",
                ),
                columns=tuple(Column(c.kind, round(c.width * CHARS_PER_UNIT, 1)) for c in self.columns),
                headings=(tuple(top), tuple(below)) if grouped else (tuple(top),),
                rows=tuple(Row(values) for values in self.rows),
                letterhead=self.header.letterhead(),
                empty_text="Không có hồ sơ nào trong khoảng thời gian này.",
            )
        ]
