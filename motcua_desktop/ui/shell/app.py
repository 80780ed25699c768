"""The application object: style, bundled fonts, Vietnamese locale and Qt's own strings in Vietnamese.

Everything here is idempotent, so tests (one ``QApplication`` per session) and the launcher call
``prepare_application`` freely.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from motcua_desktop import APP_NAME, __version__
from motcua_desktop.resource_files import resource_path

UI_FAMILY = "Liberation Sans"
UI_POINT_SIZE = 10
FONT_FILES = (
    "LiberationSans-Regular.ttf",
    "LiberationSans-Bold.ttf",
    "LiberationSans-Italic.ttf",
    "LiberationSans-BoldItalic.ttf",
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
)
VI_LOCALE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
DATE_FORMAT = "dd/MM/yyyy"  # vi_VN's own short format is d/M/yy

_state: dict[str, object] = {}

_BUTTON_TEXTS = {
    QDialogButtonBox.StandardButton.Ok: "Đồng ý",
    QDialogButtonBox.StandardButton.Cancel: "Hủy",
    QDialogButtonBox.StandardButton.Save: "Lưu",
    QDialogButtonBox.StandardButton.Close: "Đóng",
    QDialogButtonBox.StandardButton.Yes: "Có",
    QDialogButtonBox.StandardButton.No: "Không",
    QDialogButtonBox.StandardButton.Apply: "Áp dụng",
    QDialogButtonBox.StandardButton.Discard: "Bỏ",
    QDialogButtonBox.StandardButton.Reset: "Đặt lại",
    QDialogButtonBox.StandardButton.Help: "Trợ giúp",
}


def application() -> QApplication:
    """The running QApplication, created (and prepared) if there is none yet."""
    app = QApplication.instance()
    if app is None:
        from motcua_desktop.ui.shell.errors import stop_showing

        app = QApplication(sys.argv[:1])
        # First of all aboutToQuit's slots: a dialog opened by an error in a later slot would wait
        # for ever (the loop has ended; at session end Windows then kills the process).
        app.aboutToQuit.connect(stop_showing)
    assert isinstance(app, QApplication)
    prepare_application(app)
    return app


def prepare_application(app: QApplication) -> None:
    if _state.get("prepared") is app:
        return
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("MotCuaDesktop")
    app.setStyle("Fusion")
    register_fonts()
    app.setFont(QFont(UI_FAMILY, UI_POINT_SIZE))
    QLocale.setDefault(VI_LOCALE)
    install_translation(app)
    _state["prepared"] = app


def register_fonts() -> list[str]:
    """Registers the bundled Liberation fonts (full Vietnamese coverage), so every PC and every
    screenshot draws the same glyphs. Returns the families registered."""
    if "families" not in _state:
        families: set[str] = set()
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
            if font_id >= 0:
                families.update(QFontDatabase.applicationFontFamilies(font_id))
        _state["families"] = sorted(families)
    return list(_state["families"])  # type: ignore[call-overload]


def install_translation(app: QCoreApplication) -> bool:
    """Qt ships no ``qtbase_vi``: ours covers standard buttons, context menus, the wizard and the
    print preview (``resources/i18n/qtbase_vi.ts``)."""
    if "translator" in _state:
        return True
    translator = QTranslator(app)
    if not translator.load(str(resource_path("i18n", "qtbase_vi.qm"))):
        return False
    app.installTranslator(translator)
    _state["translator"] = translator
    return True


def ok_cancel_buttons(dialog: QDialog, ok_text: str | None = None) -> QDialogButtonBox:
    """The dialog's OK/Cancel row in Vietnamese, wired to accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    vietnamese_buttons(buttons)
    if ok_text:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def vietnamese_buttons(box: QDialogButtonBox | QMessageBox) -> None:
    """Vietnamese captions on standard buttons (belt and braces next to the translation)."""
    for standard, text in _BUTTON_TEXTS.items():
        button = box.button(standard)  # type: ignore[arg-type]
        if button is not None:
            button.setText(text)
