"""Previews and prints the PDF bytes of ``motcua_desktop.printing`` through Qt.

Qt only: no SQL, no business logic, nothing persisted. Qt cannot print a PDF page as vectors (QtPdf,
not in PySide6-Essentials before 6.12, rasterises too), so pages are rasterised with pypdfium2 and
painted with one routine that serves both the preview dialog and direct printing:

- **Printing**: at the printer's resolution capped at 300 dpi (a 1200 dpi A4 page would be a
  550 MB image; a thermal head's 203 dpi is used as is), in 8-bit grey (the forms are black and
  white): an A4 page sent to a GDI laser is 8.7 MB instead of 35 MB in colour, one page at a time,
  so memory does not grow with the length of the book.
- **Preview**: ``QPrintPreviewDialog`` records every page it is given and keeps them all, so it gets
  screen-resolution pages (``PREVIEW_DPI``) and at most ``PREVIEW_MAX_PAGES`` of them (the title
  says so; its Print button still prints every page, at the printer's resolution). The preview
  stores each page at 4 bytes a pixel whatever the image's format (≈ 4.5 MB for an A4 page at
  110 dpi), so the cap is what bounds it: a 51-page tracking book took 1.75 GB above the program's
  own memory to preview (300 dpi, every page); now 110 MB, and the same for a 200-page book.
- Each preview page is copied into Qt-owned memory before pdfium's bitmap is freed (the preview
  paints its recorded pages later).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QAction, QImage, QKeyEvent, QKeySequence, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from motcua_desktop.domain.errors import KnownError

if TYPE_CHECKING:
    import pypdfium2 as pdfium

MAX_DPI = 300
PREVIEW_DPI = 110  # sharp enough at the preview's page-width zoom on a 1366×768 screen
PREVIEW_MAX_PAGES = 20
PAPERS = ("auto", "A4", "A5", "80mm")
ORIENTATIONS = ("auto", "portrait", "landscape")
POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class PrintPreferences:
    """How one form is printed at this counter; the caller stores it per form and passes it back.

    ``paper="auto"`` uses the PDF's own page size (A5 for form 02, a fitted strip for 80 mm…);
    ``orientation="auto"`` follows the page's shape; ``printer_name=""`` is the default printer.
    """

    printer_name: str = ""
    paper: str = "auto"
    orientation: str = "auto"
    max_dpi: int = MAX_DPI
    copies: int = 1

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValueError(f"paper must be one of {PAPERS}, not {self.paper!r}")
        if self.orientation not in ORIENTATIONS:
            raise ValueError(f"orientation must be one of {ORIENTATIONS}, not {self.orientation!r}")
        if not 72 <= self.max_dpi <= MAX_DPI:
            raise ValueError(f"max_dpi must be between 72 and {MAX_DPI}")
        if self.copies < 1:
            raise ValueError("copies must be at least 1")


class PrinterNotFound(KnownError):
    def __init__(self, name: str, available: list[str]) -> None:
        listed = ", ".join(f"«{n}»" for n in available) if available else "(không có máy in nào)"
        super().__init__(
            f"Không tìm thấy máy in «{name}» trên máy tính này. Các máy in hiện có: {listed}. "
            "Hãy chọn lại máy in trong phần Cài đặt in, hoặc bật máy in và kiểm tra kết nối."
        )


class NoDefaultPrinter(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "Máy tính chưa có máy in mặc định. Hãy cài đặt máy in trong Windows hoặc chọn một máy in "
            "cụ thể trong phần Cài đặt in."
        )


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page."""
    import pypdfium2 as pdfium  # the PDF renderer: loaded on the first print

    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_size() for i in range(len(doc))]
    finally:
        doc.close()


def page_layout(prefs: PrintPreferences, page_pt: tuple[float, float]) -> QPageLayout:
    """The paper for a PDF page: its own size, or the office's choice, with no extra margins."""
    width, height = page_pt
    landscape = width > height if prefs.orientation == "auto" else prefs.orientation == "landscape"
    if prefs.paper == "A4":
        size = QPageSize(QPageSize.PageSizeId.A4)
    elif prefs.paper == "A5":
        size = QPageSize(QPageSize.PageSizeId.A5)
    elif prefs.paper == "80mm":
        size = QPageSize(
            QSizeF(80.0, max(width, height) / POINTS_PER_INCH * 25.4),
            QPageSize.Unit.Millimeter,
            "Giấy cuộn 80 mm",
            QPageSize.SizeMatchPolicy.ExactMatch,
        )
        landscape = False
    else:
        short, long = sorted((width, height))
        size = QPageSize(QSizeF(short, long), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def make_printer(prefs: PrintPreferences, pdf: bytes) -> QPrinter:
    """A printer for ``prefs`` set up for the PDF's first page; raises PrinterNotFound."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if prefs.printer_name:
        available = QPrinterInfo.availablePrinterNames()
        if prefs.printer_name not in available:
            raise PrinterNotFound(prefs.printer_name, available)
        printer.setPrinterName(prefs.printer_name)
    configure(printer, prefs, pdf)
    return printer


def configure(printer: QPrinter, prefs: PrintPreferences, pdf: bytes) -> None:
    sizes = page_sizes(pdf)
    if sizes:
        printer.setPageLayout(page_layout(prefs, sizes[0]))
    printer.setFullPage(True)
    printer.setCopyCount(prefs.copies)
    printer.setDocName("Một cửa Desktop")


def render_dpi(printer: QPrinter, max_dpi: int = MAX_DPI) -> int:
    """The printer's resolution, capped (thermal heads are ~203 dpi, lasers 600+)."""
    return max(72, min(printer.resolution(), max_dpi))


def is_preview(printer: QPrinter) -> bool:
    """Whether ``printer`` is the preview dialog recording pages (its paint engine is a picture)."""
    engine = printer.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Picture


def paint_pdf(printer: QPrinter, pdf: bytes, max_dpi: int = MAX_DPI) -> int:
    """Paints the pages of ``pdf`` on ``printer`` (one sheet per page); returns how many.

    Used as is by the preview dialog's ``paintRequested`` (screen resolution, the first
    ``PREVIEW_MAX_PAGES``) and by printing (every page, one at a time).
    """
    import pypdfium2 as pdfium  # the PDF renderer: loaded on the first print

    doc = pdfium.PdfDocument(pdf)
    preview = is_preview(printer)
    painter = QPainter()
    if not painter.begin(printer):
        doc.close()
        raise KnownError("Không mở được máy in để in. Hãy kiểm tra máy in (bật nguồn, có giấy, không kẹt lệnh in).")
    try:
        dpi = min(PREVIEW_DPI, render_dpi(printer, max_dpi)) if preview else render_dpi(printer, max_dpi)
        count = min(len(doc), PREVIEW_MAX_PAGES) if preview else len(doc)
        for index in range(count):
            if index:
                printer.newPage()
            page = doc[index]
            try:
                _paint_page(painter, printer, page, dpi, keep=preview)
            finally:
                page.close()
        return count
    finally:
        painter.end()
        doc.close()


def _paint_page(painter: QPainter, printer: QPrinter, page: pdfium.PdfPage, dpi: int, *, keep: bool) -> None:
    import pypdfium2.raw as pdfium_c

    width_pt, height_pt = page.get_size()
    bitmap = page.render(
        scale=dpi / POINTS_PER_INCH,
        fill_color=(255, 255, 255, 255),
        grayscale=True,
        force_bitmap_format=pdfium_c.FPDFBitmap_Gray,
    )
    try:
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_Grayscale8)
        if keep:  # the preview paints its recorded pages later, after pdfium's bitmap is freed
            image = image.copy()
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        res = printer.resolution()
        # Actual size when the paper is large enough, else scaled down to fit; top-centred.
        want_w, want_h = width_pt / POINTS_PER_INCH * res, height_pt / POINTS_PER_INCH * res
        scale = min(1.0, paper.width() / want_w, paper.height() / want_h)
        target = QRectF((paper.width() - want_w * scale) / 2, 0.0, want_w * scale, want_h * scale)
        painter.drawImage(target, image)
    finally:
        bitmap.close()


def print_pdf(pdf: bytes, prefs: PrintPreferences | None = None) -> int:
    """Prints straight to the chosen (or default) printer, no dialog; returns the page count."""
    prefs = prefs or PrintPreferences()
    if not prefs.printer_name and QPrinterInfo.defaultPrinter().isNull():
        raise NoDefaultPrinter()
    printer = make_printer(prefs, pdf)
    return paint_pdf(printer, pdf, prefs.max_dpi)


_TOOLBAR_VI = {
    "Next page": ("Trang sau", "Xem trang sau"),
    "Previous page": ("Trang trước", "Xem trang trước"),
    "First page": ("Trang đầu", "Xem trang đầu"),
    "Last page": ("Trang cuối", "Xem trang cuối"),
    "Fit width": ("Vừa chiều rộng", "Phóng cho vừa chiều rộng cửa sổ"),
    "Fit page": ("Vừa trang", "Hiện trọn một trang"),
    "Zoom in": ("Phóng to", "Phóng to"),
    "Zoom out": ("Thu nhỏ", "Thu nhỏ"),
    "Portrait": ("Khổ dọc", "In khổ giấy dọc"),
    "Landscape": ("Khổ ngang", "In khổ giấy ngang"),
    "Show single page": ("Từng trang", "Xem từng trang"),
    "Show facing pages": ("Hai trang", "Xem hai trang cạnh nhau"),
    "Show overview of all pages": ("Tất cả các trang", "Xem tất cả các trang"),
    "Print": ("In", "In ra máy in"),
    "Page setup": ("Khổ giấy", "Chọn khổ giấy và lề"),
}


def preview_dialog(
    pdf: bytes, prefs: PrintPreferences | None = None, parent: QWidget | None = None
) -> QPrintPreviewDialog:
    """A print preview of ``pdf``; its Print button prints with the same paint routine.

    The caller shows it with ``exec()`` or ``open()``. Raises PrinterNotFound for a missing printer.
    """
    prefs = prefs or PrintPreferences()
    printer = make_printer(prefs, pdf)
    dialog = PreviewDialog(printer, parent)
    pages = len(page_sizes(pdf))
    if pages > PREVIEW_MAX_PAGES:
        dialog.setWindowTitle(
            f"Xem trước khi in – {PREVIEW_MAX_PAGES} trang đầu của {pages} trang (bấm In để in đủ {pages} trang)"
        )
    else:
        dialog.setWindowTitle("Xem trước khi in")
    dialog._printer = printer  # type: ignore[attr-defined]  # the dialog does not own the printer
    dialog.paintRequested.connect(painter_for(pdf, prefs.max_dpi))
    fit_width = next((a for a in dialog.findChildren(QAction) if a.text() == _qt_text("Fit width")), None)
    if fit_width is not None:  # the page's text readable at once (Qt opens at "fit page": 38 % on 1366×768)
        fit_width.trigger()
    translate_toolbar(dialog)
    add_print_keys(dialog, printer, pdf, prefs.max_dpi)
    return dialog


PRINT_KEYS = ("Return", "Enter", "Ctrl+P")


def add_print_keys(dialog: QPrintPreviewDialog, printer: QPrinter, pdf: bytes, max_dpi: int = MAX_DPI) -> QAction:
    """Enter (or Ctrl+P) prints to the form's printer at once and closes the preview as printed; Esc
    closes it as not printed (``QDialog``). The toolbar's Print button still opens the system's print
    dialog, to choose another printer. A print that fails is kept on the dialog (``print_failure``)
    for the caller, which offers to save the PDF instead."""
    dialog.print_failure = None  # type: ignore[attr-defined]

    def print_now() -> None:
        if not dialog.isVisible():  # already closed (a key repeated)
            return
        try:
            paint_pdf(printer, pdf, max_dpi)
        except KnownError as exc:
            dialog.print_failure = exc  # type: ignore[attr-defined]
            dialog.reject()
            return
        dialog.accept()

    action = QAction("In ngay", dialog)
    action.setShortcuts([QKeySequence(k) for k in PRINT_KEYS])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setToolTip("In ra máy in của phiếu (Enter hoặc Ctrl+P); Esc: đóng, không in")
    action.triggered.connect(print_now)
    dialog.addAction(action)
    if isinstance(dialog, PreviewDialog):
        dialog.print_now = print_now
    return action


class PreviewDialog(QPrintPreviewDialog):
    """The preview; Enter and Ctrl+P print (``add_print_keys``) also when they reach the dialog as
    plain keys (a window not yet active when the dialog opened: its shortcuts are not matched)."""

    print_now: Callable[[], None] | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        plain = mods & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier
        wanted = (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain) or (
            key == Qt.Key.Key_P and mods == Qt.KeyboardModifier.ControlModifier
        )
        if wanted and self.print_now is not None:
            self.print_now()
            return
        super().keyPressEvent(event)


def painter_for(pdf: bytes, max_dpi: int = MAX_DPI) -> Callable[[QPrinter], None]:
    """The ``paintRequested`` slot: paints ``pdf`` on whatever printer the preview passes."""

    def paint(printer: QPrinter) -> None:
        paint_pdf(printer, pdf, max_dpi)

    return paint


def translate_toolbar(dialog: QPrintPreviewDialog) -> int:
    """Vietnamese text and tooltips on the preview's toolbar actions; returns how many were set."""
    count = 0
    vietnamese = {_qt_text(english): words for english, words in _TOOLBAR_VI.items()}
    for action in dialog.findChildren(QAction):
        found = vietnamese.get(action.text()) or _TOOLBAR_VI.get(action.text())
        if found:
            action.setText(found[0])
            action.setToolTip(found[1])
            count += 1
    return count


def _qt_text(english: str) -> str:
    """The preview's own text for ``english`` as Qt shows it (translated when Qt's Vietnamese
    catalogue is installed, ``ui.shell.app``)."""
    return QCoreApplication.translate("QPrintPreviewDialog", english)
