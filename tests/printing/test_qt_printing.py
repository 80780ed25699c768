"""The Qt adapter: paints the PDF pages on a QPrinter, previews with the same routine."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget

from motcua_desktop.domain.codes import barcode_key
from motcua_desktop.printing import PrintOptions, render_form
from motcua_desktop.ui.printing import qt_printing as qp
from tests.printing import pdfcheck as pc
from tests.printing import samples as s

pytestmark = pytest.mark.gui


def pdf_printer(prefs: qp.PrintPreferences, pdf: bytes, path: Path) -> QPrinter:
    printer = qp.make_printer(prefs, pdf)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.mark.parametrize(("layout", "pages"), [("a4x2", 1), ("a5", 2), ("80mm", 2)])
def test_prints_every_page_to_a_pdf_printer(qapp, tmp_path: Path, layout: str, pages: int) -> None:  # type: ignore[no-untyped-def]
    pdf = render_form("01", s.dossier(), s.context(), PrintOptions(layout=layout))
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(qp.PrintPreferences(), pdf, out)
    assert qp.paint_pdf(printer, pdf) == pages
    printed = out.read_bytes()
    assert pc.page_count(printed) == pages
    for (w, h), (pw, ph) in zip(pc.page_sizes(pdf), pc.page_sizes(printed), strict=True):
        assert abs(w - pw) < 3 and abs(h - ph) < 3  # the paper follows the form's own page size
    decoded = [d.text for d in pc.decode(pc.render(printed, 0, 200)) if d.format == "Code128"]
    assert decoded and set(decoded) == {barcode_key(s.CODE)}  # still scans after rasterising


def test_render_resolution_is_capped(qapp) -> None:  # type: ignore[no-untyped-def]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(1200)
    assert qp.render_dpi(printer) == 300
    printer.setResolution(203)
    assert qp.render_dpi(printer) == 203


def test_page_layout_follows_the_form_or_the_office_choice(qapp) -> None:  # type: ignore[no-untyped-def]
    book = qp.page_layout(qp.PrintPreferences(), (841.89, 595.27))
    assert book.orientation() == QPageLayout.Orientation.Landscape
    assert book.pageSize().id().name == "A4"
    a5 = qp.page_layout(qp.PrintPreferences(), (419.53, 595.27))
    assert a5.pageSize().id().name == "A5" and a5.orientation() == QPageLayout.Orientation.Portrait
    strip = qp.page_layout(qp.PrintPreferences(paper="80mm"), (226.77, 680.0))
    size = strip.pageSize().size(strip.pageSize().Unit.Millimeter)
    assert round(size.width()) == 80 and round(size.height()) == 240
    forced = qp.page_layout(qp.PrintPreferences(paper="A4", orientation="landscape"), (419.53, 595.27))
    assert forced.pageSize().id().name == "A4" and forced.orientation() == QPageLayout.Orientation.Landscape


def test_a5_form_on_a4_paper_prints_at_actual_size(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = render_form("02", s.supplement_dossier(), s.context())
    out = tmp_path / "a4.pdf"
    printer = pdf_printer(qp.PrintPreferences(paper="A4"), pdf, out)
    qp.paint_pdf(printer, pdf)
    assert pc.page_sizes(out.read_bytes())[0] == pytest.approx((595.3, 841.9), abs=1)


def test_unknown_printer_name_is_refused_with_the_list(qapp) -> None:  # type: ignore[no-untyped-def]
    pdf = render_form("01", s.dossier(), s.context())
    with pytest.raises(qp.PrinterNotFound, match="Máy in không tồn tại"):
        qp.make_printer(qp.PrintPreferences(printer_name="Máy in không tồn tại"), pdf)


def test_preferences_are_validated() -> None:
    with pytest.raises(ValueError, match="paper"):
        qp.PrintPreferences(paper="Letter")
    with pytest.raises(ValueError, match="max_dpi"):
        qp.PrintPreferences(max_dpi=600)


def test_preview_widget_paints_with_the_same_routine(qapp) -> None:  # type: ignore[no-untyped-def]
    pdf = render_form("01", s.dossier(), s.context(), PrintOptions(layout="a5"))
    printer = qp.make_printer(qp.PrintPreferences(), pdf)
    widget = QPrintPreviewWidget(printer)
    calls: list[int] = []

    def paint(p: QPrinter) -> None:
        calls.append(qp.paint_pdf(p, pdf, 150))

    widget.paintRequested.connect(paint)
    widget.updatePreview()
    assert calls == [2]
    assert widget.pageCount() == 2


def test_preview_dialog_is_vietnamese_and_paints(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    pdf = render_form("03", s.refused_dossier(), s.context())
    dialog = qp.preview_dialog(pdf)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QPrintPreviewDialog)
    assert dialog.windowTitle() == "Xem trước khi in"
    tips = {a.toolTip() for a in dialog.findChildren(qp.QAction)}
    assert {"In ra máy in", "Phóng to", "Xem trang sau"} <= tips
    pages: list[int] = []
    dialog.paintRequested.connect(lambda p: pages.append(p.pageLayout().pageSize().id().name == "A5"))
    dialog.show()
    qtbot.waitUntil(lambda: bool(pages), timeout=5000)
    assert pages[0] is True
    dialog.close()


def test_direct_print_without_any_printer_says_so(qapp) -> None:  # type: ignore[no-untyped-def]
    pdf = render_form("01", s.dossier(), s.context())
    if not qp.QPrinterInfo.defaultPrinter().isNull():
        pytest.skip("this machine has a default printer")
    with pytest.raises(qp.NoDefaultPrinter, match="chưa có máy in mặc định"):
        qp.print_pdf(pdf)
