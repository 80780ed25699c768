"""The waiting queue's ticket as PDF: on an 80 mm receipt roll or on A6, large number first.

A pure function from the ticket's words to PDF bytes (reportlab, the forms' serif family): the office,
"SỐ THỨ TỰ", the number in large type, the field, when it was taken and how many were waiting before.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from motcua_desktop.domain.money import vn_number
from motcua_desktop.domain.vntime import fmt_date, to_vn


class TicketLayout(StrEnum):
    ROLL_80 = "80mm"
    A6 = "a6"

    @property
    def label(self) -> str:
        return "Giấy cuộn 80 mm" if self is TicketLayout.ROLL_80 else "Khổ A6"


_MM = 72 / 25.4
_SIZES = {TicketLayout.ROLL_80: (80 * _MM, 110 * _MM), TicketLayout.A6: (105 * _MM, 148 * _MM)}


@dataclass(frozen=True)
class TicketPrint:
    office: str  # the unit's name, as on the forms
    label: str  # HT-007
    field_name: str  # Hộ tịch
    taken_at: datetime
    waiting_before: int  # tickets of the same field waiting before this one


def ticket_lines(ticket: TicketPrint) -> list[str]:
    """The ticket's words, top to bottom (also what a test reads back from the PDF)."""
    taken = to_vn(ticket.taken_at)
    before = (
        "Không có ai chờ trước bạn"
        if ticket.waiting_before == 0
        else f"Trước bạn còn {vn_number(ticket.waiting_before, 0)} người chờ"
    )
    return [
        ticket.office,
        "SỐ THỨ TỰ",
        ticket.label,
        f"Lĩnh vực: {ticket.field_name}",
        f"Lấy số lúc {taken.strftime('%H:%M')} ngày {fmt_date(taken)}",
        before,
        "Xin vui lòng chờ đến khi số của bạn hiện trên màn hình.",
    ]


def render_ticket(ticket: TicketPrint, layout: TicketLayout = TicketLayout.ROLL_80) -> bytes:
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    from motcua_desktop.printing.fonts import font_family

    fonts = font_family()
    width, height = _SIZES[layout]
    scale = width / (80 * _MM)
    margin = 5 * _MM
    out = io.BytesIO()
    c = Canvas(out, pagesize=(width, height), invariant=True)
    c.setTitle(f"Số thứ tự {ticket.label}")
    c.setAuthor(ticket.office)
    office, title, number, field, taken, before, note = ticket_lines(ticket)
    y = height - margin

    def centred(text: str, font: str, size: float, gap: float = 1.3) -> None:
        nonlocal y
        for line in simpleSplit(text, font, size, width - 2 * margin):
            y -= size * gap
            c.setFont(font, size)
            c.drawCentredString(width / 2, y, line)

    centred(office, fonts.bold, 10 * scale)
    y -= 3 * _MM
    centred(title, fonts.bold, 14 * scale)
    centred(number, fonts.bold, 48 * scale, gap=1.1)
    y -= 4 * _MM
    centred(field, fonts.bold, 13 * scale)
    centred(taken, fonts.regular, 10 * scale)
    centred(before, fonts.regular, 10 * scale)
    y -= 2 * _MM
    centred(note, fonts.italic, 9 * scale)
    c.showPage()
    c.save()
    return out.getvalue()
