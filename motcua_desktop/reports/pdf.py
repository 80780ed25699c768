"""Sheets → a PDF on A4 (reportlab platypus), in the serif family the forms use.

The caller passes the registered font names (``printing.fonts.font_family()``), so this module
neither finds nor registers fonts. Heading rows repeat on every page; pages are numbered
"Trang x/y".
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Protocol
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from motcua_desktop.reports.sheet import MOTTO, Kind, RowStyle, Sheet, cell_text

MARGIN = 12 * mm
GREY_HEAD = colors.HexColor("#E7E6E6")
GREY_GROUP = colors.HexColor("#F2F2F2")
GREY_TOTAL = colors.HexColor("#D9D9D9")


class Fonts(Protocol):
    regular: str
    bold: str
    italic: str
    bold_italic: str


class _Styles:
    def __init__(self, fonts: Fonts) -> None:
        def style(name: str, font: str, size: float, align: int = TA_LEFT, leading: float | None = None) -> Any:
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.2, alignment=align)

        self.title = style("title", fonts.bold, 14, TA_CENTER, 18)
        self.subtitle = style("subtitle", fonts.italic, 11, TA_CENTER)
        self.head_left = style("head_left", fonts.regular, 11, TA_CENTER)
        self.head_left_bold = style("head_left_bold", fonts.bold, 11, TA_CENTER)
        self.head_right = style("head_right", fonts.bold, 11, TA_CENTER)
        self.heading = style("heading", fonts.bold, 9, TA_CENTER)
        self.number = style("number", fonts.italic, 8, TA_CENTER)
        self.note = style("note", fonts.italic, 10)
        self.sign_title = style("sign_title", fonts.bold, 11, TA_CENTER)
        self.sign_note = style("sign_note", fonts.italic, 10, TA_CENTER)
        self.body = {
            (bold, align): style(f"body{bold}{align}", fonts.bold if bold else fonts.regular, 9, align)
            for bold in (False, True)
            for align in (TA_LEFT, TA_CENTER, TA_RIGHT)
        }


TAIL_ROWS = 3  # table rows kept on the signatures' page when they would otherwise stand alone


class _PageMark(Flowable):
    """Records the page it lands on (``pages[key]``): where a table ends, where its signatures are."""

    def __init__(self, pages: dict[str, int], key: str) -> None:
        super().__init__()
        self.pages, self.key = pages, key

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages[self.key] = self.canv.getPageNumber()


def render_pdf(sheets: Sequence[Sheet], fonts: Fonts, *, title: str = "", author: str = "") -> bytes:
    """The PDF bytes of ``sheets``; each sheet starts on a new page in its own orientation.

    A signature block never stands alone on a page: when the first layout puts a sheet's signatures
    on a page after its table's last row, the last rows (under repeated headings) are moved to that
    page together with the notes and the signatures."""
    pages: dict[str, int] = {}
    data = _render(sheets, fonts, title, author, pages, tails=frozenset())
    alone = frozenset(i for i in range(len(sheets)) if pages.get(f"sign{i}", 0) > pages.get(f"table{i}", 0))
    return _render(sheets, fonts, title, author, {}, tails=alone) if alone else data


def _render(
    sheets: Sequence[Sheet], fonts: Fonts, title: str, author: str, pages: dict[str, int], *, tails: frozenset[int]
) -> bytes:
    buffer = io.BytesIO()
    styles = _Styles(fonts)
    templates = []
    for i, sheet in enumerate(sheets):
        size = landscape(A4) if sheet.landscape else portrait(A4)
        frame = Frame(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN, id=f"f{i}", showBoundary=0)
        templates.append(PageTemplate(id=f"p{i}", frames=[frame], pagesize=size))
    doc = BaseDocTemplate(
        buffer, pageTemplates=templates, title=title or (sheets[0].title if sheets else ""), author=author
    )
    story: list[Any] = []
    for i, sheet in enumerate(sheets):
        if i:
            story += [NextPageTemplate(f"p{i}"), PageBreak()]
        width = templates[i].frames[0]._width
        story += _sheet_story(sheet, styles, width, fonts, pages, str(i), tail=i in tails)
    doc.build(story, canvasmaker=_numbered_canvas(fonts.italic))
    return buffer.getvalue()


def _sheet_story(
    sheet: Sheet, styles: _Styles, width: float, fonts: Fonts, pages: dict[str, int], key: str, *, tail: bool
) -> list[Any]:
    story: list[Any] = []
    if sheet.letterhead is not None:
        story += [_letterhead(sheet, styles, width), Spacer(1, 4 * mm)]
    story.append(Paragraph(escape(sheet.title), styles.title))
    story += [Paragraph(escape(s), styles.subtitle) for s in sheet.subtitles]
    story.append(Spacer(1, 3 * mm))
    ending: list[Any] = []
    if tail and sheet.signers and sheet.rows:
        kept = min(TAIL_ROWS, len(sheet.rows))
        if kept < len(sheet.rows):
            story.append(_table(replace(sheet, rows=sheet.rows[:-kept]), styles, width, fonts))
        ending.append(_table(replace(sheet, rows=sheet.rows[-kept:]), styles, width, fonts))
    else:
        story.append(_table(sheet, styles, width, fonts))
    ending.append(_PageMark(pages, f"table{key}"))
    if sheet.notes:
        ending.append(Spacer(1, 3 * mm))
        ending += [Paragraph(escape(n), styles.note) for n in sheet.notes]
    if sheet.signers:
        ending += [Spacer(1, 4 * mm), _signatures(sheet, styles, width), _PageMark(pages, f"sign{key}")]
    if tail:
        story.append(KeepTogether(ending))
    else:
        story += ending
    return story


def _letterhead(sheet: Sheet, styles: _Styles, width: float) -> Table:
    head = sheet.letterhead
    assert head is not None
    left = [Paragraph(escape(head.superior.upper()), styles.head_left)]
    left.append(Paragraph(escape(head.unit.upper()), styles.head_left_bold))
    right = []
    if head.form_code:
        right.append(Paragraph(escape(head.form_code), styles.head_right))
    if head.motto:
        right += [Paragraph(escape(MOTTO[0]), styles.head_right), Paragraph(escape(MOTTO[1]), styles.head_right)]
    table = Table([[left, right]], colWidths=[width * 0.42, width * 0.58])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _table(sheet: Sheet, styles: _Styles, width: float, fonts: Fonts) -> Table:
    total = sum(c.width for c in sheet.columns)
    widths = [width * c.width / total for c in sheet.columns]
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    grid = sheet.heading_grid()
    for r, cells in enumerate(grid):
        data.append([Paragraph(escape(h.text), styles.heading) if origin else "" for h, origin in cells])
        for c, (heading, origin) in enumerate(cells):
            if origin and (heading.columns > 1 or heading.rows > 1):
                commands.append(("SPAN", (c, r), (c + heading.columns - 1, r + heading.rows - 1)))
    head_rows = len(grid)
    if sheet.number_headings:
        data.append([Paragraph(f"({c + 1})", styles.number) for c in range(len(sheet.columns))])
        head_rows += 1
    commands.append(("BACKGROUND", (0, 0), (-1, head_rows - 1), GREY_HEAD))
    if not sheet.rows:
        data.append([Paragraph(escape(sheet.empty_text), styles.note)] + [""] * (len(sheet.columns) - 1))
        commands.append(("SPAN", (0, head_rows), (-1, head_rows)))
    for i, row in enumerate(sheet.rows):
        bold = row.style is not RowStyle.NORMAL
        line = []
        for value, column in zip(row.values, sheet.columns, strict=True):
            align = TA_LEFT
            if column.kind in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT):
                align = TA_RIGHT
            elif column.kind in (Kind.DATE, Kind.CENTER):
                align = TA_CENTER
            line.append(Paragraph(escape(cell_text(value, column.kind)), styles.body[(bold, align)]))
        data.append(line)
        if row.merge is not None:
            commands.append(("SPAN", (row.merge[0], head_rows + i), (row.merge[1], head_rows + i)))
            line[row.merge[0]] = Paragraph(
                escape(cell_text(row.values[row.merge[0]], Kind.TEXT)), styles.body[(bold, TA_LEFT)]
            )
        if row.style is RowStyle.GROUP:
            commands.append(("BACKGROUND", (0, head_rows + i), (-1, head_rows + i), GREY_GROUP))
        elif row.style is RowStyle.TOTAL:
            commands.append(("BACKGROUND", (0, head_rows + i), (-1, head_rows + i), GREY_TOTAL))
    table = Table(data, colWidths=widths, repeatRows=head_rows)
    table.setStyle(TableStyle(commands))
    return table


def _signatures(sheet: Sheet, styles: _Styles, width: float) -> KeepTogether:
    count = len(sheet.signers)
    cells = []
    for i, signer in enumerate(sheet.signers):
        parts = []
        if sheet.place_date and i == count - 1:
            parts.append(Paragraph(escape(sheet.place_date), styles.sign_note))
        elif sheet.place_date:
            parts.append(Paragraph("&nbsp;", styles.sign_note))
        parts += [Paragraph(escape(signer.title), styles.sign_title), Paragraph(escape(signer.note), styles.sign_note)]
        parts.append(Spacer(1, 22 * mm))
        if signer.name:
            parts.append(Paragraph(escape(signer.name), styles.sign_title))
        cells.append(parts)
    table = Table([cells], colWidths=[width / count] * count)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([table])


def _numbered_canvas(font: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Defers each page until the end so the footer can say "Trang x/y"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, 9)
                width = self._pagesize[0]
                self.drawCentredString(width / 2, 6 * mm, f"Trang {self._pageNumber}/{total}")
                super().showPage()
            super().save()

    return NumberedCanvas
