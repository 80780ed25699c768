"""Printing on a 4 GB PC with a GDI laser (finding 11): grey pages at the printer's resolution, one
at a time; a preview that keeps a bounded number of pages at screen resolution.

Measured on a 51-page tracking book (figures in ``ui/printing/qt_printing.py``): the preview took
1.75 GB above the program's own memory; now 110 MB whatever the book's length.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

from motcua_desktop.printing import BookLine, render_book
from motcua_desktop.ui.printing import qt_printing as qp
from tests.printing import pdfcheck as pc
from tests.printing import samples as s

pytestmark = pytest.mark.gui
LINES = 260  # about 24 pages of the tracking book


@pytest.fixture(scope="module")
def long_book() -> bytes:
    lines = [BookLine.from_dossier(s.returned_dossier(i)) for i in range(1, LINES + 1)]
    return render_book(lines, s.context(), date(2026, 1, 1), date(2026, 1, 31))


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[tuple[QImage.Format, int, int]]:
    """Format and size of every image painted on a printer."""
    seen: list[tuple[QImage.Format, int, int]] = []
    real = QPainter.drawImage

    def record(self: QPainter, target: object, image: QImage, *args: object) -> None:
        seen.append((image.format(), image.width(), image.height()))
        real(self, target, image, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(QPainter, "drawImage", record)
    return seen


def test_printing_sends_grey_pages_at_the_printer_resolution(qapp, tmp_path: Path, long_book: bytes, drawn) -> None:  # type: ignore[no-untyped-def]
    pages = pc.page_count(long_book)
    assert pages > qp.PREVIEW_MAX_PAGES
    printer = qp.make_printer(qp.PrintPreferences(), long_book)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "so.pdf"))
    printer.setResolution(150)  # a low-resolution printer (quicker here): rendered at its own resolution
    assert qp.paint_pdf(printer, long_book) == pages  # every page, not the preview's share
    assert pc.page_count((tmp_path / "so.pdf").read_bytes()) == pages
    width_pt = pc.page_sizes(long_book)[0][0]
    assert {fmt for fmt, _w, _h in drawn} == {QImage.Format.Format_Grayscale8}  # 1 byte a pixel, not 4
    assert all(abs(w - width_pt / 72 * 150) <= 1 for _fmt, w, _h in drawn) and len(drawn) == pages


def test_the_preview_keeps_a_bounded_number_of_screen_resolution_pages(qapp, long_book: bytes, drawn) -> None:  # type: ignore[no-untyped-def]
    printer = qp.make_printer(qp.PrintPreferences(), long_book)
    preview = QPrintPreviewWidget(printer)
    preview.paintRequested.connect(qp.painter_for(long_book))
    preview.updatePreview()
    assert preview.pageCount() == qp.PREVIEW_MAX_PAGES
    width_pt = pc.page_sizes(long_book)[0][0]
    assert len(drawn) == qp.PREVIEW_MAX_PAGES
    assert all(abs(w - width_pt / 72 * qp.PREVIEW_DPI) <= 1 for _fmt, w, _h in drawn)
    dialog = qp.preview_dialog(long_book)
    pages = pc.page_count(long_book)
    assert f"{qp.PREVIEW_MAX_PAGES} trang đầu của {pages} trang" in dialog.windowTitle()
    assert f"in đủ {pages} trang" in dialog.windowTitle()
    dialog.deleteLater()
    preview.deleteLater()


def test_a_short_form_previews_whole(qapp, drawn) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.printing import PrintOptions, render_form

    pdf = render_form("01", s.dossier(), s.context(), PrintOptions(layout="a5"))
    dialog = qp.preview_dialog(pdf)
    assert dialog.windowTitle() == "Xem trước khi in"
    dialog.deleteLater()
