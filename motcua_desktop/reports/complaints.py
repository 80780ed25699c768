"""Báo cáo tình hình tiếp nhận, trả lời phản ánh, kiến nghị: one row per month of the period and the
period's total (counting rules: ``domain.complaints.complaint_figures``, ``docs/practices.md``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from motcua_desktop.domain.complaints import COMPLAINT_COLUMNS, ComplaintFigures
from motcua_desktop.reports.header import ReportHeader
from motcua_desktop.reports.period import Period
from motcua_desktop.reports.sheet import Column, Heading, Kind, Row, RowStyle, Sheet, Signer

TITLE = "BÁO CÁO TÌNH HÌNH TIẾP NHẬN, TRẢ LỜI PHẢN ÁNH, KIẾN NGHỊ"


def _values(r: ComplaintFigures) -> tuple[int, ...]:
    return (r.open_at_start, r.received, r.answered_on_time, r.answered_late, r.open_at_end, r.overdue_at_end)


@dataclass(frozen=True)
class ComplaintsReport:
    kind: ClassVar[str] = "complaints"
    header: ReportHeader
    period: Period
    months: tuple[ComplaintFigures, ...]
    total: ComplaintFigures

    def as_json(self) -> dict[str, Any]:
        def row(r: ComplaintFigures) -> dict[str, Any]:
            return {
                "label": r.period.label,
                "start": r.period.start.isoformat(),
                "end": r.period.end.isoformat(),
                "open_at_start": r.open_at_start,
                "received": r.received,
                "answered_on_time": r.answered_on_time,
                "answered_late": r.answered_late,
                "open_at_end": r.open_at_end,
                "overdue_at_end": r.overdue_at_end,
            }

        return {
            "report": self.kind,
            "title": TITLE,
            **self.header.as_json(),
            "period": self.period.as_json(),
            "months": [row(r) for r in self.months],
            "total": row(self.total),
        }

    def sheets(self) -> list[Sheet]:
        rows = [Row((r.period.label, *_values(r))) for r in self.months]
        rows.append(Row(("Cả kỳ", *_values(self.total)), RowStyle.TOTAL))
        return [
            Sheet(
                name="Phản ánh, kiến nghị",
                title=TITLE,
                subtitles=(f"Kỳ báo cáo: {self.period.label} ({self.period.range_text})",),
                columns=(Column(Kind.TEXT, 24), *(Column(Kind.NUMBER, 13) for _ in COMPLAINT_COLUMNS[1:])),
                headings=(tuple(Heading(text) for text in COMPLAINT_COLUMNS),),
                rows=tuple(rows),
                letterhead=self.header.letterhead(),
                notes=(
                    "Hạn trả lời tính theo ngày làm việc kể từ ngày tiếp nhận. Đúng hạn: trả lời trước hoặc đúng "
                    "thời điểm hết hạn. Còn tồn: chưa trả lời khi hết kỳ; quá hạn: đã hết hạn trong hoặc trước kỳ.",
                ),
                place_date=self.header.place_date,
                signers=(Signer("NGƯỜI LẬP BÁO CÁO", name=self.header.preparer), Signer("THỦ TRƯỞNG ĐƠN VỊ")),
                landscape=False,
            )
        ]
