"""What the service layer calls: form id + data → PDF bytes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.forms import APOLOGY, NEED_A_CODE
from motcua_desktop.printing.book import BookLine, book_fields
from motcua_desktop.printing.build import Fields
from motcua_desktop.printing.context import FormContext, FormDataError, PrintOptions
from motcua_desktop.printing.fields import dossier_fields, with_values
from motcua_desktop.printing.names import DOSSIER_FORMS, FORM_NAMES
from motcua_desktop.printing.template import Template, load_template


def render_form(form_id: str, dossier: Dossier, context: FormContext, options: PrintOptions | None = None) -> bytes:
    """PDF of form ``01``–``06`` for one dossier (form ``07`` is ``render_book``).

    Raises FormDataError when the dossier lacks what the form must show, TemplateError when a
    province template is broken.
    """
    from motcua_desktop.printing import engine  # reportlab: loaded on the first print

    options = options or PrintOptions()
    if form_id not in DOSSIER_FORMS:
        raise ValueError(f"unknown dossier form {form_id!r}; form 07 is render_book()")
    _check(form_id, dossier)
    template = load_template(form_id, options.template_dir)
    layout = template.layout(options.layout)
    base = dossier_fields(dossier, context, options)
    copies = _copies(template, base, options)
    title = f"{template.name} – {dossier.code}" if dossier.code else template.name
    return engine.render(template, layout, copies, title=title, author=context.office.unit_name)


def render_book(
    lines: Sequence[BookLine],
    context: FormContext,
    date_from: date,
    date_to: date,
    options: PrintOptions | None = None,
) -> bytes:
    """PDF of the tracking book (form 07) for ``lines`` received between the two dates."""
    from motcua_desktop.printing import engine  # reportlab: loaded on the first print

    options = options or PrintOptions()
    template = load_template("07", options.template_dir)
    layout = template.layout(options.layout)
    base = book_fields(lines, context, options, date_from, date_to)
    return engine.render(template, layout, _copies(template, base, options), author=context.office.unit_name)


def template_for(form_id: str, options: PrintOptions | None = None) -> Template:
    """The template a form would use (e.g. to list its layouts in the print settings)."""
    return load_template(form_id, (options or PrintOptions()).template_dir)


def _copies(template: Template, base: Fields, options: PrintOptions) -> list[Fields]:
    wanted = options.copies or tuple(range(1, len(template.copies) + 1))
    out = []
    for number in wanted:
        if not 1 <= number <= len(template.copies):
            raise ValueError(f"copy {number} not in 1..{len(template.copies)} of form {template.form_id}")
        label = template.copies[number - 1].text(base.lookup(str(template.path)))
        out.append(with_values(base, copy_label=label, copy_number=str(number)))
    return out


def _check(form_id: str, dossier: Dossier) -> None:
    if form_id in NEED_A_CODE and not dossier.code:
        raise FormDataError(
            f"Hồ sơ chưa có mã hồ sơ (chưa tiếp nhận) nên không in được mẫu {form_id} – {FORM_NAMES[form_id]}."
        )
    if form_id == APOLOGY and dossier.extension is None:
        raise FormDataError(
            "Hồ sơ chưa được gia hạn nên chưa in được văn bản xin lỗi và đề nghị gia hạn (mẫu 04). "
            "Hãy ghi nhận gia hạn trước (ngày hẹn mới và lý do)."
        )
