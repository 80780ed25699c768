"""Receiving a dossier at the counter: one transaction for code, book line, event and projection.

The receipt may be printed only after ``register`` returns (the transaction has committed).
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from datetime import datetime

from motcua_desktop.domain import events as ev
from motcua_desktop.domain import fields
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.bundles import BundlePart
from motcua_desktop.domain.calendar import due_caution
from motcua_desktop.domain.catalogue import Procedure
from motcua_desktop.domain.codes import format_code, sequence_block
from motcua_desktop.domain.dossier import BundleLink, Dossier, DossierSummary, DueRevision
from motcua_desktop.domain.duration import Duration
from motcua_desktop.domain.errors import Field, ValidationError, ValidationErrors
from motcua_desktop.domain.lifecycle import Status, lists_missing_items
from motcua_desktop.domain.office import OfficeSettings
from motcua_desktop.domain.projection import registered_payload
from motcua_desktop.domain.registration import APPLICANT, RegistrationRequest, parse_person, validate_registration
from motcua_desktop.domain.serde import evolve
from motcua_desktop.domain.text import clean_text
from motcua_desktop.domain.vntime import business_day
from motcua_desktop.services.core.calendar import appointment_for
from motcua_desktop.services.core.clock_guard import ensure_clock_ok
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.core.dossier_log import record_dossier_event
from motcua_desktop.services.dossiers.lookup import load_dossier, mask_for
from motcua_desktop.services.office.catalogue import get_procedure
from motcua_desktop.storage.event_log import DeviceIdentity


@dataclass(frozen=True)
class RegistrationResult:
    dossier: Dossier
    warnings: tuple[str, ...] = ()
    already_registered: bool = False  # the same form was submitted before: nothing new was written
    possible_duplicates: tuple[DossierSummary, ...] = ()
    # A linked group (``services.dossiers.bundles``): every part registered, ``dossier`` first, and
    # the parts of the group that could not be received (not in the catalogue).
    bundle: tuple[Dossier, ...] = ()
    bundle_missing: tuple[BundlePart, ...] = ()


def book_volume(office: OfficeSettings, year: int) -> str:
    """One tracking-book volume per year per counter: ``01/2026`` for counter 1 in 2026."""
    return f"{office.counter_no:02d}/{year}"


@dataclass(frozen=True)
class DueHint:
    """The appointment the receipt would print now, and what to tell about it."""

    due_at: datetime
    text: str  # as printed, in the office's style
    caution: str  # undecided days counted as off, or an unconfirmed year ("" when none)


def due_hint(ctx: AppContext, received_at: datetime, duration: Duration) -> DueHint:
    """The appointment a dossier received at ``received_at`` would get (the reception form shows it
    before saving; ``register`` computes the same)."""
    calendar = ctx.calendar()
    due = calendar.due_at(received_at, duration)
    return DueHint(due, appointment_for(ctx.store, due), due_caution(calendar, received_at, due))


def due_caution_for(ctx: AppContext, received_at: datetime, due_at: datetime) -> str:
    """What to tell about a due date computed over undecided days ("" when none)."""
    return due_caution(ctx.calendar(), received_at, due_at)


def appointment_text_for(ctx: AppContext, due_at: datetime) -> str:
    """The appointment as the receipt will print it, in the office's chosen style."""
    return appointment_for(ctx.store, due_at)


def register(ctx: AppContext, request: RegistrationRequest, *, bundle: BundleLink | None = None) -> RegistrationResult:
    """Validates, computes the appointment, issues the code and commits; idempotent per ``request_id``.

    ``bundle``: the linked group this dossier is a part of (``services.dossiers.bundles`` registers
    every part in one transaction)."""
    session = ctx.require(Permission.REGISTER)
    store = ctx.store
    request_id = fields.clean_field(
        request.request_id, Field("request_id", "Khóa chống trùng"), limit=fields.REQUEST_ID
    )
    clock = ensure_clock_ok(ctx)  # a clock behind would print a wrong appointment date on a legal receipt
    # One write transaction from the first read: the request id is looked up once, before anything
    # else (a form submitted twice returns its dossier even if the catalogue changed meanwhile), and
    # the office, the procedure and the form are read and checked where the code is issued (an error
    # rolls back a transaction that has written nothing).
    with store.transaction():
        if request_id:
            existing = _existing(ctx, request_id)
            if existing is not None:
                return RegistrationResult(existing, already_registered=True)
        office = ctx.office()
        procedure = get_procedure(ctx, request.procedure)
        now = ctx.clock.now()
        day = business_day(now)
        valid = validate_registration(request, procedure, today=day)
        due = ctx.calendar().due_at(now, valid.duration)
        snapshot = evolve(procedure.snapshot(), duration=valid.duration)
        block = sequence_block(office.counter_no, sole_issuer=office.sole_issuer)
        seq = store.sequences.next_code_seq(office.agency_id, day, block)
        volume = book_volume(office, day.year)
        line = store.sequences.next_book_line(volume)
        device = store.events.device()
        dossier = Dossier(
            uuid=str(uuidlib.uuid4()),
            code=format_code(office.agency_id, day, seq),
            status=Status.RECEIVED,
            applicant=valid.applicant,
            representative=valid.representative,
            procedure=snapshot,
            channel=valid.channel,
            received_at=now,
            received_by=session.username,
            device_id=device.device_id,
            receiving_agency_id=office.agency_id,
            receiving_unit=office.unit_name,
            documents=valid.documents,
            sets_count=valid.sets_count,
            summary=valid.summary,
            fee_amount=valid.fee_amount,
            fee_stated=valid.fee_stated,
            note=valid.note,
            deciding_unit=valid.deciding_unit or office.deciding_unit,
            result_delivery=valid.result_delivery,
            due_at=due,
            original_due_at=due,
            due_history=(DueRevision(due, "received", now),),
            book_volume=volume,
            book_line=line,
            bundle=bundle,
        )
        stored = _write_new(ctx, dossier, request_id, device)
    duplicates = _possible_duplicates(ctx, stored)
    warnings = list(valid.warnings)
    if clock.needs_confirmation:
        warnings.append(clock.message())
    if duplicates:
        warnings.append(
            "Có hồ sơ khác cùng người nộp, cùng thủ tục trong ngày: "
            + ", ".join(d.code or d.uuid for d in duplicates)
            + ". Kiểm tra để tránh tiếp nhận trùng."
        )
    return RegistrationResult(stored, tuple(warnings), possible_duplicates=tuple(duplicates))


def record_pre_reception(
    ctx: AppContext,
    request: RegistrationRequest,
    outcome: Status,
    *,
    reason: str,
    missing_items: list[str] | None = None,
) -> Dossier:
    """Guidance to complete (form 02 at the counter) or refusal at the counter (form 03): recorded
    for the statistics and the form, but no dossier code is issued and no clock starts. Idempotent per
    ``request_id`` like :func:`register`: a double click records one outcome."""
    if not outcome.is_pre_reception:
        raise ValueError(outcome)
    session = ctx.require(Permission.REGISTER)
    request_id = fields.clean_field(
        request.request_id, Field("request_id", "Khóa chống trùng"), limit=fields.REQUEST_ID
    )
    if request_id and (existing := _existing(ctx, request_id)) is not None:
        return existing
    ensure_clock_ok(ctx)
    office = ctx.office()
    procedure: Procedure = get_procedure(ctx, request.procedure)
    now = ctx.clock.now()
    errors: list[ValidationError] = []
    warnings: list[str] = []
    applicant = parse_person(request.applicant, APPLICANT, errors, warnings, today=business_day(now), require_id=False)
    label = Field("reason", "Lý do từ chối" if outcome is Status.REFUSED_AT_COUNTER else "Nội dung hướng dẫn")
    reason_text = ""
    items: tuple[str, ...] = ()
    try:
        reason_text = fields.clean_field(reason, label, limit=fields.REASON, multiline=True)
        typed = [
            fields.clean_field(i, Field("items", "Giấy tờ cần bổ sung"), limit=fields.SHORT_TEXT)
            for i in missing_items or []
        ]
        items = tuple(i for i in typed if i)
    except ValidationError as exc:
        errors.append(exc)
    if not reason_text:
        errors.append(ValidationError(label, "chưa nhập."))
    if lists_missing_items(outcome) and not items:
        errors.append(
            ValidationError(
                Field("items", "Giấy tờ cần bổ sung"), "chưa nhập.", "Liệt kê đầy đủ các giấy tờ còn thiếu."
            )
        )
    if errors:
        raise ValidationErrors(errors)
    assert applicant is not None
    dossier = Dossier(
        uuid=str(uuidlib.uuid4()),
        code=None,
        status=outcome,
        applicant=applicant,
        procedure=procedure.snapshot(),
        channel=request_channel(request),
        received_at=now,
        received_by=session.username,
        device_id=ctx.store.events.device().device_id,
        receiving_agency_id=office.agency_id,
        receiving_unit=office.unit_name,
        summary=fields.clean_field(request.summary, Field("summary", "Trích yếu"), limit=fields.LONG_TEXT)
        or procedure.name,
        deciding_unit=office.deciding_unit,
        reason=reason_text,
        missing_items=items,
        finished_at=now,
    )
    with ctx.store.transaction():
        if request_id and (existing := _existing(ctx, request_id)) is not None:
            return existing
        return _write_new(ctx, dossier, request_id)


def request_channel(request: RegistrationRequest):  # type: ignore[no-untyped-def]
    from motcua_desktop.domain.dossier import Channel

    try:
        return Channel(clean_text(request.channel) or Channel.DIRECT.value)
    except ValueError:
        return Channel.DIRECT


def _write_new(ctx: AppContext, dossier: Dossier, request_id: str, device: DeviceIdentity | None = None) -> Dossier:
    stored = record_dossier_event(
        ctx,
        None,
        kind=ev.DOSSIER_REGISTERED,
        payload=registered_payload(dossier),
        occurred_at=dossier.received_at,
        dossier_uuid=dossier.uuid,
        device=device,
    )
    if request_id:
        ctx.store.dossiers.remember_request(request_id, stored.uuid)
    return stored


def _existing(ctx: AppContext, request_id: str) -> Dossier | None:
    dossier_uuid = ctx.store.dossiers.uuid_for_request(request_id)
    return None if dossier_uuid is None else load_dossier(ctx.store, dossier_uuid)


def _possible_duplicates(ctx: AppContext, dossier: Dossier) -> list[DossierSummary]:
    number = dossier.applicant.id_number
    if not number:
        return []
    found = ctx.store.dossiers.same_applicant_day(
        number, dossier.procedure.key, business_day(dossier.received_at), dossier.uuid
    )
    return mask_for(ctx, found) if found else found
