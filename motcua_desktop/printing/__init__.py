"""Printed counter forms (01–07) as pure functions from data to PDF bytes.

No Qt and no SQL here: the service layer passes domain objects and a ``FormContext``;
``motcua_desktop.ui.printing`` previews and prints the bytes. Layout and wording come from the
TOML templates in ``resources/templates`` (see ``docs/printing.md``).
"""

from motcua_desktop.printing.api import FORM_NAMES, render_book, render_form, template_for
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
