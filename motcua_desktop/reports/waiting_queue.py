"""Báo cáo hàng chờ: tickets, waiting and service times per field and per hour of the day
(``domain.waiting_queue.queue_figures``, ``docs/practices.md``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from motcua_desktop.domain.waiting_queue import QUEUE_COLUMNS, QueueFigures, QueueRow
from motcua_desktop.reports.header import ReportHeader
from motcua_desktop.reports.period import Period
from motcua_desktop.reports.sheet import Column, Heading, Kind, Row, RowStyle, Sheet, Signer

TITLE = "BÁO CÁO THỜI GIAN CHỜ VÀ PHỤC VỤ TẠI BỘ PHẬN MỘT CỬA"


@dataclass(frozen=True)
class QueueReport:
    kind: ClassVar[str] = "queue"
    header: ReportHeader
    period: Period
    figures: QueueFigures

    def as_json(self) -> dict[str, Any]:
        def row(r: QueueRow) -> dict[str, Any]:
            return {
                "label": r.label,
                "tickets": r.tickets,
                "served": r.served,
                "absent": r.absent,
                "not_finished": r.waiting,
                "average_wait_seconds": r.average_wait,
                "longest_wait_seconds": r.longest_wait,
                "average_service_seconds": r.average_service,
            }

        return {
            "report": self.kind,
            "title": TITLE,
            **self.header.as_json(),
            "period": self.period.as_json(),
            "by_field": [row(r) for r in self.figures.by_field],
            "by_hour": [row(r) for r in self.figures.by_hour],
            "total": row(self.figures.total),
        }

    def sheets(self) -> list[Sheet]:
        columns = (Column(Kind.TEXT, 26), *(Column(Kind.CENTER, 11) for _ in QUEUE_COLUMNS[1:]))
        subtitles = (f"Kỳ báo cáo: {self.period.label} ({self.period.range_text})",)
        notes = (
            "Thời gian chờ: từ lúc lấy số đến lúc được gọi; thời gian phục vụ: từ lúc được gọi đến lúc xong "
            "(không tính người vắng mặt). Đơn vị: phút.",
        )

        def sheet(name: str, first: str, rows: list[QueueRow]) -> Sheet:
            body = [Row(tuple(r.cells())) for r in rows]
            body.append(Row(tuple(self.figures.total.cells()), RowStyle.TOTAL))
            return Sheet(
                name=name,
                title=TITLE,
                subtitles=(*subtitles, name),
                columns=columns,
                headings=((Heading(first), *(Heading(text) for text in QUEUE_COLUMNS[1:])),),
                rows=tuple(body),
                letterhead=self.header.letterhead(),
                notes=notes,
                place_date=self.header.place_date,
                signers=(Signer("NGƯỜI LẬP BÁO CÁO", name=self.header.preparer), Signer("THỦ TRƯỞNG ĐƠN VỊ")),
            )

        return [
            sheet("Theo lĩnh vực", "Lĩnh vực", self.figures.by_field),
            sheet("Theo giờ lấy số", "Giờ lấy số", self.figures.by_hour),
        ]
