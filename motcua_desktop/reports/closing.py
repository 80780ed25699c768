"""Bảng kê cuối ngày của cán bộ (per-clerk closing sheet): what one clerk did on one day.

Four sections: dossiers received (with a dossier code), dossiers only guided or refused at the
counter, results returned, and money taken (fees collected at return or recorded as paid),
with totals and signature lines: the clerk, the person who receives the money, the head.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from motcua_desktop.domain.money import format_vnd
from motcua_desktop.domain.vntime import fmt_date, to_vn
from motcua_desktop.reports.header import ReportHeader
from motcua_desktop.reports.sheet import Column, Heading, Kind, Row, RowStyle, Sheet, Signer

TITLE = "BẢNG KÊ HỒ SƠ VÀ PHÍ, LỆ PHÍ TRONG NGÀY"


@dataclass(frozen=True)
class ClosingLine:
    at: datetime
    code: str
    procedure_name: str
    person: str  # applicant (reception) or who collected the result (return)
    detail: str
    amount: int = 0


@dataclass(frozen=True)
class ClosingSheet:
    kind: ClassVar[str] = "closing"
    header: ReportHeader
    day: date
    clerk: str  # username
    clerk_name: str
    received: tuple[ClosingLine, ...]
    pre_reception: tuple[ClosingLine, ...]  # guided or refused at the counter (no dossier code)
    returned: tuple[ClosingLine, ...]
    payments: tuple[ClosingLine, ...]  # every line where money was taken

    @property
    def fees_total(self) -> int:
        return sum(line.amount for line in self.payments)

    def totals(self) -> dict[str, int]:
        return {
            "received": len(self.received),
            "pre_reception": len(self.pre_reception),
            "returned": len(self.returned),
            "payments": len(self.payments),
            "fees_total": self.fees_total,
        }

    def as_json(self) -> dict[str, Any]:
        def lines(items: tuple[ClosingLine, ...]) -> list[dict[str, Any]]:
            return [
                {
                    "at": to_vn(i.at).isoformat(),
                    "code": i.code,
                    "procedure_name": i.procedure_name,
                    "person": i.person,
                    "detail": i.detail,
                    "amount": i.amount,
                }
                for i in items
            ]

        return {
            "report": "closing",
            "title": TITLE,
            **self.header.as_json(),
            "day": self.day.isoformat(),
            "clerk": self.clerk,
            "clerk_name": self.clerk_name,
            "received": lines(self.received),
            "pre_reception": lines(self.pre_reception),
            "returned": lines(self.returned),
            "payments": lines(self.payments),
            "totals": self.totals(),
        }

    def sheets(self) -> list[Sheet]:
        rows: list[Row] = []
        sections = (
            ("I", "HỒ SƠ TIẾP NHẬN", self.received, False),
            ("II", "HƯỚNG DẪN HOÀN THIỆN, TỪ CHỐI TIẾP NHẬN (không cấp mã hồ sơ)", self.pre_reception, False),
            ("III", "TRẢ KẾT QUẢ", self.returned, False),
            ("IV", "PHÍ, LỆ PHÍ ĐÃ THU", self.payments, True),
        )
        for number, label, items, money in sections:
            total: int | None = sum(i.amount for i in items) if money else None
            rows.append(
                Row((number, f"{label}: {len(items)}", None, None, None, None, total), RowStyle.GROUP, merge=(1, 5))
            )
            for n, item in enumerate(items, 1):
                rows.append(
                    Row(
                        (
                            str(n),
                            f"{to_vn(item.at):%H:%M}",
                            item.code,
                            item.procedure_name,
                            item.person,
                            item.detail,
                            item.amount if money else None,
                        )
                    )
                )
        rows.append(
            Row(("", "TỔNG SỐ TIỀN ĐÃ THU", None, None, None, None, self.fees_total), RowStyle.TOTAL, merge=(1, 5))
        )
        return [
            Sheet(
                name="Bảng kê",
                title=TITLE,
                subtitles=(
                    f"Ngày {fmt_date(self.day)} – Cán bộ: {self.clerk_name} ({self.clerk})",
                    f"Tiếp nhận {len(self.received)} hồ sơ; hướng dẫn, từ chối {len(self.pre_reception)}; "
                    f"trả kết quả {len(self.returned)}; đã thu {format_vnd(self.fees_total)}",
                ),
                columns=(
                    Column(Kind.CENTER, 5),
                    Column(Kind.CENTER, 7),
                    Column(Kind.TEXT, 24),
                    Column(Kind.TEXT, 28),
                    Column(Kind.TEXT, 20),
                    Column(Kind.TEXT, 18),
                    Column(Kind.MONEY, 12),
                ),
                headings=(
                    (
                        Heading("TT"),
                        Heading("Giờ"),
                        Heading("Mã hồ sơ"),
                        Heading("Thủ tục hành chính"),
                        Heading("Người nộp / người nhận kết quả"),
                        Heading("Nội dung"),
                        Heading("Số tiền (đồng)"),
                    ),
                ),
                rows=tuple(rows),
                letterhead=self.header.letterhead(),
                notes=(
                    "Số liệu lấy từ nhật ký thao tác của cán bộ trong ngày; số tiền gồm phí, lệ phí thu khi trả kết quả "
                    "và khi ghi nhận đã thực hiện nghĩa vụ tài chính.",
                ),
                place_date=self.header.place_date,
                signers=(
                    Signer("NGƯỜI LẬP BẢNG KÊ", name=self.clerk_name),
                    Signer("NGƯỜI NHẬN TIỀN"),
                    Signer("LÃNH ĐẠO TRUNG TÂM"),
                ),
                landscape=False,
            )
        ]
