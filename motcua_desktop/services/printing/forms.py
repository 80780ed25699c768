"""Printing the counter forms: builds the form's context from the office and the dossier,
renders the PDF (pure ``printing`` package) and records the print in the dossier's history,
so every reprint is visible and marked on paper."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.errors import Field, TransitionError, ValidationError
from motcua_desktop.domain.form_rules import form_refusal
from motcua_desktop.domain.settings import (
    RECEIPT_LAYOUT,
    RECEIPT_QR,
    SIGNER_NAME,
    SIGNER_TITLE,
    TEMPLATE_DIR,
    WEBSITE,
)
from motcua_desktop.domain.text import ascii_slug, clean_text
from motcua_desktop.printing.names import FORM_NAMES
from motcua_desktop.services.core.calendar import appointment_for
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.core.settings import change_setting
from motcua_desktop.services.dossiers.lookup import load_dossier, resolve

if TYPE_CHECKING:  # the renderer (reportlab) is imported when something is printed
    from motcua_desktop.printing import BookLine, FormContext, PrintOptions
    from motcua_desktop.services.dossiers.bundles import BundleView


@dataclass(frozen=True)
class PrintJob:
    form: str
    pdf: bytes
    file_name: str  # ASCII, for "save as PDF"
    reprint: bool
    dossier_uuid: str = ""  # a dossier's form (the tracking book is not one)
    layout: str = ""
    copies: tuple[int, ...] | None = None
    recorded: bool = True  # False: made with ``record=False``, recorded by ``record_printed`` once delivered


def _options(
    ctx: AppContext,
    form: str,
    *,
    layout: str | None,
    qr: bool | None,
    copies: tuple[int, ...] | None,
    reprint: bool,
    corrected: bool,
) -> PrintOptions:
    from motcua_desktop.printing import PrintOptions

    settings = ctx.store.settings
    template_dir = settings.value(TEMPLATE_DIR)  # a folder of province templates, searched first
    if form == "01":
        layout = layout or settings.value(RECEIPT_LAYOUT) or None  # a4x2 (the template's default), a5 or 80mm
        qr = settings.value(RECEIPT_QR) if qr is None else qr
    return PrintOptions(
        layout=layout,
        qr=bool(qr),
        reprint=reprint,
        corrected=corrected,
        copies=copies,
        template_dir=Path(template_dir) if template_dir else None,
    )


def _context(ctx: AppContext, dossier: Dossier | None, form: str) -> FormContext:
    from motcua_desktop.printing import FormContext

    settings = ctx.store.settings
    signer = ctx.session.full_name if ctx.session else ""
    if form == "01" and dossier is not None:  # the receiving clerk signs the receipt
        user = ctx.store.users.get(dossier.received_by)
        signer = user.full_name if user else dossier.received_by
    context = FormContext(
        office=ctx.office(),
        printed_at=ctx.clock.now(),
        clerk_name=signer,
        appointment_text=appointment_for(ctx.store, dossier.due_at) if dossier and dossier.due_at else "",
        website=settings.value(WEBSITE),
        signer_title=settings.value(SIGNER_TITLE),
        signer_name=settings.value(SIGNER_NAME),
    )
    if form == "01" and dossier is not None and dossier.bundle is not None:
        return _with_bundle(ctx, context, dossier)
    return context


def _with_bundle(ctx: AppContext, context: FormContext, dossier: Dossier) -> FormContext:
    """The receipt of a linked group lists every part with its code and appointment (one receipt for
    the citizen, whichever part's receipt is printed)."""
    from motcua_desktop.services.dossiers.bundles import bundle_view

    view = bundle_view(ctx, dossier)
    if view is None:
        return context

    def when(due: datetime | None) -> str:
        return appointment_for(ctx.store, due) if due else "…"

    return dataclasses.replace(
        context,
        bundle_name=view.link.name,
        bundle_parts=tuple(
            (p.code or "", p.procedure_name, _agency(view, p.procedure_code), when(p.due_at)) for p in view.parts
        ),
        bundle_appointment=when(view.due_at),
        bundle_missing=tuple((p.name, p.agency) for p in view.missing),
    )


def _agency(view: BundleView, procedure_code: str) -> str:
    part = next((p for p in view.template.parts if p.code == procedure_code), None) if view.template else None
    return part.agency if part else ""


def print_form(
    ctx: AppContext,
    reference: str,
    form: str = "01",
    *,
    layout: str | None = None,
    qr: bool | None = None,
    copies: tuple[int, ...] | None = None,
    deliver: Callable[[bytes], None] | None = None,
    record: bool = True,
) -> PrintJob:
    """The PDF of a form for a dossier; recorded as printed (a second print is a marked reprint).

    ``deliver`` (saving the file, for instance) runs inside the transaction that records the
    print: when it fails, no print is recorded. With ``record=False`` nothing is recorded yet: the
    window shows the preview first and calls ``record_printed`` only when the paper really went to
    a printer or a PDF file (a cancelled preview is no print, and the citizen's first paper must
    not say "BẢN IN LẠI").
    """
    from motcua_desktop.printing import render_form, template_for

    ctx.require(Permission.PRINT)
    if form not in FORM_NAMES or form == "07":
        raise ValidationError(
            Field("form", "Mẫu phiếu"), f"«{form}» không có.", "Chọn 01–06 (sổ theo dõi 07 in theo khoảng ngày)."
        )
    dossier_uuid = resolve(ctx, reference)
    dossier = load_dossier(ctx.store, dossier_uuid)
    refusal = form_refusal(form, dossier)
    if refusal is not None:  # a form prints only for the step it records (domain.form_rules)
        raise TransitionError(refusal)
    earlier = [
        e
        for e in ctx.store.events.for_dossier(dossier_uuid)
        if e.kind == ev.DOSSIER_PRINTED and e.payload.get("form") == form
    ]
    reprint = bool(earlier)
    options = _options(
        ctx, form, layout=layout, qr=qr, copies=copies, reprint=reprint, corrected=reprint and dossier.corrections > 0
    )
    pdf = render_form(form, dossier, _context(ctx, dossier, form), options)
    name = f"mau-{form}_{ascii_slug(dossier.code or dossier.applicant.full_name)}.pdf"
    job = PrintJob(
        form,
        pdf,
        name,
        reprint,
        dossier_uuid,
        options.layout or template_for(form, options).default_layout,
        tuple(copies) if copies else None,
        recorded=record,
    )
    if not record:
        return job
    with ctx.store.transaction():
        _append_printed(ctx, job)
        if deliver is not None:
            deliver(pdf)
    return job


def record_printed(ctx: AppContext, job: PrintJob) -> None:
    """Records in the dossier's history that ``job`` (made with ``record=False``) went to a printer
    or was saved as a PDF; a job already recorded, or not a dossier's, records nothing."""
    ctx.require(Permission.PRINT)
    if job.recorded or not job.dossier_uuid:
        return
    with ctx.store.transaction():
        _append_printed(ctx, job)


def _append_printed(ctx: AppContext, job: PrintJob) -> None:
    ctx.store.events.append(
        kind=ev.DOSSIER_PRINTED,
        actor=ctx.actor,
        occurred_at=ctx.clock.now(),
        dossier_uuid=job.dossier_uuid,
        payload={
            "form": job.form,
            "layout": job.layout,
            "reprint": job.reprint,
            "copies": list(job.copies) if job.copies else None,
        },
    )


def print_tracking_book(ctx: AppContext, date_from: date, date_to: date) -> PrintJob:
    """Form 07 "Sổ theo dõi hồ sơ" for the dossiers received between two dates (inclusive)."""
    from motcua_desktop.printing import render_book

    ctx.require(Permission.PRINT)
    lines = tracking_book_lines(ctx, date_from, date_to)
    context, options = tracking_book_setup(ctx)
    pdf = render_book(lines, context, date_from, date_to, options)
    return PrintJob("07", pdf, f"so-theo-doi_{date_from:%Y%m%d}-{date_to:%Y%m%d}.pdf", False)


def tracking_book_lines(ctx: AppContext, date_from: date, date_to: date) -> list[BookLine]:
    """The lines of the tracking book: dossiers with a code received between two dates, in book order
    (also what the spreadsheet of the book shows, ``services.reports.build``)."""
    from motcua_desktop.printing import BookLine

    ctx.require(Permission.PRINT)
    if date_to < date_from:
        raise ValidationError(Field("date_range", "Khoảng ngày"), "ngày kết thúc trước ngày bắt đầu.")
    summaries = ctx.store.dossiers.iter_summaries(
        "d.code IS NOT NULL AND d.received_day >= ? AND d.received_day <= ?",
        [date_from.isoformat(), date_to.isoformat()],
        order="d.book_volume, d.book_line",
    )
    return [BookLine.from_dossier(load_dossier(ctx.store, s.uuid)) for s in summaries]


def tracking_book_setup(ctx: AppContext) -> tuple[FormContext, PrintOptions]:
    """The context and options the tracking book is printed with (office, date, province template)."""
    return _context(ctx, None, "07"), _options(
        ctx, "07", layout=None, qr=None, copies=None, reprint=False, corrected=False
    )


def set_receipt_options(ctx: AppContext, *, layout: str | None = None, qr: bool | None = None) -> None:
    """The receipt's layout and QR code (each changed and recorded on its own)."""
    from motcua_desktop.printing import template_for

    def known_layout(value: str) -> str:
        layouts = template_for("01").layouts
        if clean_text(value) not in layouts:
            raise ValidationError(
                Field("print.receipt_layout", "Khổ giấy in giấy tiếp nhận"),
                f"«{value}» không có.",
                "Chọn: " + ", ".join(layouts),
            )
        return clean_text(value)

    if layout is not None:
        change_setting(ctx, RECEIPT_LAYOUT, layout, prepare=known_layout)
    if qr is not None:
        change_setting(ctx, RECEIPT_QR, qr)
