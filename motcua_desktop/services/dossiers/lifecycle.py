"""Lifecycle actions on a dossier: hand-over, supplements, fees, extension, stop, withdrawal,
refusal, result and return — each checked against the status, recorded as one event, and
applied to the projection in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from motcua_desktop.domain import events as ev
from motcua_desktop.domain import fields
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.calendar import (
    close_allowed_from,
    extension_due,
    extension_requested_in_time,
    extension_warning,
    make_extension,
    may_close_unsupplemented,
    receive_supplement,
)
from motcua_desktop.domain.dossier import (
    CollectorKind,
    Dossier,
    DossierRef,
    HandOver,
    Rating,
    ReturnRecord,
    Satisfaction,
    SupplementRound,
)
from motcua_desktop.domain.errors import Field, TransitionError, ValidationError, ValidationErrors
from motcua_desktop.domain.identity import normalise_id_number
from motcua_desktop.domain.lifecycle import ACTIONS, Action, Status, target_status
from motcua_desktop.domain.registration import parse_id_type
from motcua_desktop.domain.serde import to_plain
from motcua_desktop.domain.text import clean_text, title_name
from motcua_desktop.domain.timeliness import finish_details
from motcua_desktop.domain.transitions import (
    ActionInput,
    ExtensionInput,
    FeesPaidInput,
    FeesRequestInput,
    HandOverInput,
    ReturnInput,
    SupplementRequestInput,
    transition_payload,
)
from motcua_desktop.domain.vntime import fmt_date, parse_date, parse_datetime
from motcua_desktop.services.core.calendar import supplement_policy, timeliness_rule
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.core.dossier_log import record_dossier_event
from motcua_desktop.services.dossiers.lookup import load_current

SUPPLEMENT_CLOSE_DAYS = 15  # Decree 118 Art. 19(5)
COLLECTOR = Field("collector", "Người được ủy quyền")  # who collects the result for the applicant


@dataclass(frozen=True)
class TransitionResult:
    dossier: Dossier
    warnings: tuple[str, ...] = ()


def transition(ctx: AppContext, dossier: DossierRef, request: ActionInput) -> TransitionResult:
    """Applies one lifecycle action: checks it is allowed, records the event, updates the projection.

    Refused (``ConflictError``) when ``dossier.rev`` is given and the dossier changed since."""
    action = request.action
    ctx.require(Permission.RETURN if action is Action.RETURN else Permission.FOLLOW)
    now = ctx.clock.now()
    with ctx.store.transaction():
        current = load_current(ctx, dossier)
        target = target_status(
            current.status, action, extension_used=current.extension_used, supplement_used=current.supplement_used
        )
        note = fields.clean_field(request.note, Field("note", "Lý do / nội dung"), limit=fields.REASON, multiline=True)
        if ACTIONS[action].needs_reason and not note:
            raise ValidationError(
                Field("note", "Lý do / nội dung"), "chưa nhập.", f"Cần ghi rõ cho thao tác «{action.label}»."
            )
        details, warnings = _details(ctx, current, request, note, now)
        updated = record_dossier_event(
            ctx,
            current,
            kind=ev.DOSSIER_TRANSITIONED,
            payload=transition_payload(current, action, target, note=note, details=details),
            occurred_at=now,
        )
        if updated.due_at != current.due_at or updated.status.is_terminal:
            ctx.store.calendar.unflag(updated.uuid)  # a new date was given: the old flag is settled
    return TransitionResult(updated, tuple(warnings))


def _details(ctx: AppContext, d: Dossier, r: ActionInput, note: str, now: datetime) -> tuple[dict[str, Any], list[str]]:
    """What the action's event records beside its note, and the warnings to show."""
    session = ctx.session
    assert session is not None
    action = r.action
    warnings: list[str] = []
    if isinstance(r, HandOverInput):
        office = ctx.office()
        from_unit = (
            d.handovers[-1].to_unit
            if d.handovers and d.status in (Status.IN_PROCESSING, Status.EXTENDED)
            else office.unit_name
        )
        to_unit = fields.clean_field(r.to_unit, Field("to_unit", "Cơ quan nhận"), limit=fields.UNIT_NAME)
        receiver = title_name(fields.clean_field(r.receiver, Field("receiver", "Người nhận"), limit=fields.PERSON_NAME))
        to_unit = to_unit or d.deciding_unit or office.deciding_unit
        handover = HandOver(now, from_unit, to_unit, session.full_name, receiver, note)
        return {"handover": to_plain(handover)}, warnings
    if isinstance(r, SupplementRequestInput):
        if len(r.items) > fields.LIST_ITEMS:
            raise ValidationError(
                Field("items", "Giấy tờ cần bổ sung"), f"có {len(r.items)} mục.", f"Tối đa {fields.LIST_ITEMS}."
            )
        typed = (fields.clean_field(i, Field("items", "Giấy tờ cần bổ sung"), limit=fields.SHORT_TEXT) for i in r.items)
        items = tuple(i for i in typed if i)
        if not items:
            raise ValidationError(
                Field("items", "Giấy tờ cần bổ sung"),
                "chưa nhập.",
                "Liệt kê đầy đủ trong một lần (Nghị định 118, Điều 11).",
            )
        round_ = SupplementRound(now, session.username, items, note)
        return {"round": to_plain(round_)}, warnings
    if action is Action.RECEIVE_SUPPLEMENT:
        due, reason = _due_after_supplement(ctx, d, now)
        return {"due_at": to_plain(due), "reason": reason}, warnings
    if action is Action.CLOSE_UNSUPPLEMENTED:
        open_round = d.open_supplement
        assert open_round is not None
        calendar = ctx.calendar()
        if not may_close_unsupplemented(calendar, d, now):
            allowed_from = close_allowed_from(calendar, open_round.requested_at)
            raise TransitionError(
                f"Chưa hết {SUPPLEMENT_CLOSE_DAYS} ngày kể từ khi yêu cầu bổ sung "
                f"({fmt_date(open_round.requested_at)}); chỉ được đóng hồ sơ từ ngày {fmt_date(allowed_from)}."
            )
        return _finish(ctx, d, Status.CLOSED, now), warnings
    if isinstance(r, FeesRequestInput | FeesPaidInput):
        amount = _money(r.amount, Field("amount", "Số tiền"), required=isinstance(r, FeesPaidInput))
        key = "fee_amount" if action is Action.REQUEST_FEES else "amount"
        return ({key: amount} if amount is not None else {}), warnings
    if isinstance(r, ExtensionInput):
        return _extension(ctx, d, r, note, now, warnings), warnings
    if action in (Action.STOP, Action.WITHDRAW, Action.RESULT_READY, Action.REFUSE):
        target = target_status(d.status, action, extension_used=d.extension_used)
        return _finish(ctx, d, target, now), warnings
    if isinstance(r, ReturnInput):
        return {"return_record": to_plain(_return_record(d, r, note, now, session.username))}, warnings
    raise AssertionError(action)


def _finish(ctx: AppContext, d: Dossier, target: Status, now: datetime) -> dict[str, Any]:
    """Timeliness fixed when the dossier finishes: under the office's rule, and under each rule
    for the reports (rules.md §5)."""
    return finish_details(d, target, now, ctx.calendar(), timeliness_rule(ctx.store))


def _due_after_supplement(ctx: AppContext, d: Dossier, now: datetime) -> tuple[datetime, str]:
    decision = receive_supplement(ctx.calendar(), d, now, supplement_policy(ctx.store))
    return decision.due_at, decision.reason


def _extension(
    ctx: AppContext, d: Dossier, r: ExtensionInput, note: str, now: datetime, warnings: list[str]
) -> dict[str, Any]:
    text = fields.clean_field(r.new_due, Field("new_due", "Ngày hẹn mới"), limit=20)
    if not text:
        raise ValidationError(Field("new_due", "Ngày hẹn mới"), "chưa nhập.", "Dạng dd/mm/yyyy hoặc dd/mm/yyyy hh:mm.")
    try:
        if " " in text or "T" in text:
            new_due = parse_datetime(text)
        else:
            new_due = extension_due(ctx.calendar(), parse_date(text))
    except ValueError:
        raise ValidationError(
            Field("new_due", "Ngày hẹn mới"), f"«{text}» không phải ngày giờ.", "Dạng dd/mm/yyyy hh:mm."
        ) from None
    assert ctx.session is not None
    extension = make_extension(d, at=now, new_due_at=new_due, reason=note, by=ctx.session.username)
    calendar = ctx.calendar()
    if d.due_at is not None and not extension_requested_in_time(now, d.due_at, calendar):
        # Decree 118 Art. 19(6): no extension letter once the last working day before the deadline
        # has passed; the form 04 printed would propose an extension the law no longer allows.
        raise TransitionError(extension_warning(now, d.due_at, calendar))
    return {"extension": to_plain(extension)}


def _money(raw: int | str, field: Field, *, required: bool) -> int | None:
    amount = fields.parse_vnd(raw, field)
    if amount is None and required:
        raise ValidationError(field, "chưa nhập.", "Nhập số tiền bằng chữ số (đồng), ví dụ 50.000.")
    return amount


def _return_record(d: Dossier, r: ReturnInput, note: str, now: datetime, clerk: str) -> ReturnRecord:
    errors: list[ValidationError] = []
    try:
        kind = CollectorKind(clean_text(r.collector_kind) or CollectorKind.APPLICANT.value)
    except ValueError:
        errors.append(
            ValidationError(
                Field("collector_kind", "Người nhận kết quả"),
                f"«{r.collector_kind}» không hợp lệ.",
                "chu_ho_so hoặc nguoi_duoc_uy_quyen.",
            )
        )
        kind = CollectorKind.APPLICANT
    name, typed_name = "", True
    try:
        name = fields.person_name(
            r.collector_name, Field("collector_name", "Người nhận kết quả – Họ và tên"), required=False
        )
    except ValidationError as exc:
        errors.append(exc)
        typed_name = False
    if kind is CollectorKind.APPLICANT:
        name = name or d.applicant.full_name
        id_type = d.applicant.id_type
        id_number = d.applicant.id_number
    else:
        if not name and typed_name:
            errors.append(ValidationError(COLLECTOR.part("full_name", "Họ và tên"), "chưa nhập."))
        id_type = d.applicant.id_type
        id_number = ""
        try:
            id_type = parse_id_type(r.collector_id_type or "CCCD", field=COLLECTOR.part("id_type", "Loại giấy tờ"))
            id_number = normalise_id_number(
                id_type, r.collector_id_number, field=COLLECTOR.part("id_number", "Số giấy tờ")
            )
        except ValidationError as exc:
            errors.append(exc)
    originals = 0
    try:
        originals = fields.parse_whole_number(
            r.originals_returned, Field("originals_returned", "Số bản chính trả lại"), minimum=0, maximum=999, default=0
        )
    except ValidationError as exc:
        errors.append(exc)
    fee = 0
    try:
        fee = _money(r.fee_collected, Field("fee_collected", "Phí, lệ phí đã thu"), required=False) or 0
    except ValidationError as exc:
        errors.append(exc)
    satisfaction = None
    if clean_text(r.rating) or r.criteria:
        try:
            overall = Rating(clean_text(r.rating) or Rating.SATISFIED.value)
            criteria = {clean_text(k): Rating(clean_text(v)) for k, v in r.criteria.items() if clean_text(v)}
            comment = fields.clean_field(r.comment, Field("comment", "Góp ý"), limit=fields.REASON, multiline=True)
            satisfaction = Satisfaction(overall, criteria, comment)
        except ValidationError as exc:
            errors.append(exc)
        except ValueError:
            errors.append(
                ValidationError(
                    Field("rating", "Đánh giá hài lòng"),
                    "mức đánh giá không hợp lệ.",
                    "rat_hai_long, hai_long hoặc khong_hai_long.",
                )
            )
    if errors:
        raise ValidationErrors(errors)
    return ReturnRecord(now, clerk, kind, name, id_type, id_number, originals, fee, satisfaction, note)
