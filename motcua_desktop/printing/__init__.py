"""Printed counter forms (01–07) as pure functions from data to PDF bytes.

No Qt and no SQL here: the service layer passes domain objects and a ``FormContext``;
``motcua_desktop.ui.printing.qt_printing`` previews and prints the bytes. Layout and wording come from the
TOML templates in ``resources/templates`` (see ``docs/printing.md``).

Names are resolved on first use (PEP 562): the renderer brings in reportlab, which the program
needs only when something is printed, not to open its window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from motcua_desktop.printing.names import FORM_NAMES

if TYPE_CHECKING:
    from motcua_desktop.printing.api import render_book, render_form, template_for
    from motcua_desktop.printing.book import BookLine
    from motcua_desktop.printing.context import FormContext, FormDataError, PrintOptions
    from motcua_desktop.printing.markup import TemplateError

__all__ = [
    "FORM_NAMES",
    "BookLine",
    "FormContext",
    "FormDataError",
    "PrintOptions",
    "TemplateError",
    "render_book",
    "render_form",
    "template_for",
]


def __getattr__(name: str) -> Any:
    # Plain imports (not module names looked up at run time), so the bundler ships each module.
    if name in ("render_book", "render_form", "template_for"):
        from motcua_desktop.printing import api

        value = getattr(api, name)
    elif name == "BookLine":
        from motcua_desktop.printing import book

        value = book.BookLine
    elif name in ("FormContext", "FormDataError", "PrintOptions"):
        from motcua_desktop.printing import context

        value = getattr(context, name)
    elif name == "TemplateError":
        from motcua_desktop.printing import markup

        value = markup.TemplateError
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value
