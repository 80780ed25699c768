"""The public listing (``domain.listing``) as a PDF for the counter's wall: A4 or A3, large type.

A head block with the office, where complaints go, the leader's contact and the apology rules; then one
block per procedure: its documents, fee, time (the office's and the statutory one), where the result
comes from, and a QR code holding only the procedure's code (for the counter's scanner: it opens nothing
online). A3 is the A4 layout scaled by √2, so the same text reads from further away.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from motcua_desktop.domain.listing import PAPERS, TITLE, Listing, ListingEntry
from motcua_desktop.printing.barcodes import draw_qr
from motcua_desktop.printing.fonts import font_family

BODY_PT = 14.0  # on A4: readable from a metre or two; A3 scales it to about 20 pt
QR_MM = 30.0


class _Qr(Flowable):  # type: ignore[misc]  # reportlab ships no types
    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        self.value = value
        self.width = self.height = size

    def draw(self) -> None:
        draw_qr(self.canv, self.value, 0, 0, self.width)


def render_listing(listing: Listing, paper: str = "A4") -> bytes:
    """The listing as PDF bytes on ``paper`` (``A4`` or ``A3``, portrait)."""
    if paper not in PAPERS:
        raise ValueError(paper)
    scale = 1.0 if paper == "A4" else 2**0.5
    fonts = font_family()
    size = BODY_PT * scale

    def style(name: str, font: str, points: float, align: int = TA_LEFT) -> Any:
        return ParagraphStyle(name, fontName=font, fontSize=points, leading=points * 1.25, alignment=align)

    title = style("title", fonts.bold, size * 1.45, TA_CENTER)
    head = style("head", fonts.bold, size * 1.05, TA_CENTER)
    body = style("body", fonts.regular, size)
    name_style = style("name", fonts.bold, size * 1.15)
    small = style("small", fonts.italic, size * 0.8)

    def para(text: str, st: Any = body) -> Paragraph:
        return Paragraph(escape(text), st)

    def labelled(label: str, text: str) -> Paragraph:
        return Paragraph(f"<b>{escape(label)}:</b> {escape(text)}", body)

    margin = 15 * mm * scale
    width = (A4 if paper == "A4" else A3)[0] - 2 * margin
    story: list[Any] = [
        para(listing.superior_name.upper(), head),
        para(listing.unit_name.upper(), head),
        Spacer(1, 4 * mm * scale),
        para(TITLE, title),
        Spacer(1, 4 * mm * scale),
    ]
    contact = [
        labelled("Địa chỉ", listing.address or "…"),
        labelled("Điện thoại", listing.phone or "…"),
        labelled("Tiếp nhận phản ánh, kiến nghị", listing.complaints or listing.address or "…"),
        labelled("Lãnh đạo tiếp nhận phản ánh", listing.leader or "…"),
        Paragraph("<b>Quy định xin lỗi khi giải quyết hồ sơ quá hạn:</b>", body),
        *(para("– " + rule) for rule in listing.apology_rules),
    ]
    box = Table([[contact]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2 * scale, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm * scale),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm * scale),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm * scale),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm * scale),
            ]
        )
    )
    story += [box, Spacer(1, 6 * mm * scale)]
    qr = QR_MM * mm * scale
    field = None
    for number, entry in enumerate(listing.entries, 1):
        if entry.field != field:
            field = entry.field
            story.append(para(f"LĨNH VỰC: {(field or 'Chưa phân lĩnh vực').upper()}", head))
            story.append(Spacer(1, 2 * mm * scale))
        story += _entry_block(number, entry, width, qr, para, labelled, name_style, small, scale)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4 if paper == "A4" else A3,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=TITLE,
        author=listing.unit_name,
    )
    doc.build(story)
    return out.getvalue()


def _entry_block(
    number: int,
    entry: ListingEntry,
    width: float,
    qr: float,
    para: Any,
    labelled: Any,
    name_style: Any,
    small: Any,
    scale: float,
) -> list[Flowable]:
    """The procedure's facts beside its QR code, then its documents (which may flow onto the next page)."""
    time = entry.statutory_time
    if entry.local_time:
        time = f"{entry.local_time} tại đơn vị (theo quy định: {entry.statutory_time})"
    text: list[Any] = [
        para(f"{number}. {entry.name}", name_style),
        labelled("Thời hạn giải quyết", time),
        labelled("Phí, lệ phí", entry.fee),
        labelled("Nơi trả kết quả, cơ quan giải quyết", entry.result_from or "…"),
    ]
    documents: list[Flowable] = []
    if entry.documents:
        documents.append(para("Thành phần hồ sơ:"))
        documents += [para(f"{i}. {doc}") for i, doc in enumerate(entry.documents, 1)]
    code = [_Qr(entry.qr_value, qr), para(f"Mã thủ tục: {entry.code}", small)]
    table = Table([[text, code]], colWidths=[width - qr - 4 * mm * scale, qr + 4 * mm * scale])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    rule = Table([[""]], colWidths=[width], rowHeights=[2 * mm * scale])
    rule.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.6 * scale, colors.grey)]))
    return [KeepTogether([table, *documents[:3]]), *documents[3:], rule, Spacer(1, 3 * mm * scale)]
