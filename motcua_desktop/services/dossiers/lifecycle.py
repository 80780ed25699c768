"""Lifecycle actions on a dossier: hand-over, supplements, fees, extension, stop, withdrawal,
refusal, result and return — each checked against the status, recorded as one event, and
applied to the projection in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
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
    HandOver,
    Rating,
    ReturnRecord,
    Satisfaction,
    SupplementRound,
)
from motcua_desktop.domain.errors import ConflictError, TransitionError, ValidationError, ValidationErrors
from motcua_desktop.domain.identity import normalise_id_number
from motcua_desktop.domain.lifecycle import ACTIONS, Action, Status, target_status
from motcua_desktop.domain.projection import apply_event
from motcua_desktop.domain.registration import parse_id_type
from motcua_desktop.domain.serde import to_plain
from motcua_desktop.domain.text import clean_text, title_name
from motcua_desktop.domain.timeliness import finish_details
from motcua_desktop.domain.transitions import transition_payload
from motcua_desktop.domain.vntime import fmt_date, parse_date, parse_datetime
from motcua_desktop.services.core.calendar import supplement_policy, timeliness_rule
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.lookup import load_dossier, resolve

SUPPLEMENT_CLOSE_DAYS = 15  # Decree 118 Art. 19(5)


@dataclass
class TransitionInput:
    """Raw input of a lifecycle action (the fields each action needs; others are ignored)."""

    action: Action | str
    note: str = ""  # reason / content, printed on forms 02–05
    to_unit: str = ""  # hand-over: receiving agency
    receiver: str = ""  # hand-over: person receiving
    items: Sequence[str] = ()  # supplement request: missing papers
    new_due: str = ""  # extension: dd/mm/yyyy [hh:mm]
    amount: int | str = ""  # fees requested / paid
    collector_kind: str = CollectorKind.APPLICANT.value
    collector_name: str = ""
    collector_id_type: str = "CCCD"
    collector_id_number: str = ""
    originals_returned: int | str = 0
    fee_collected: int | str = ""
    rating: str = ""  # rat_hai_long / hai_long / khong_hai_long (optional)
    criteria: dict[str, str] = field(default_factory=dict)
    comment: str = ""
    expected_rev: int | None = None  # the revision the clerk was looking at (concurrent changes)


@dataclass(frozen=True)
class TransitionResult:
    dossier: Dossier
    warnings: tuple[str, ...] = ()


def transition(ctx: AppContext, reference: str, request: TransitionInput) -> TransitionResult:
    """Applies one lifecycle action: checks it is allowed, records the event, updates the projection."""
    try:
        action = Action(request.action)
    except ValueError:
        names = ", ".join(a.value for a in Action)
        raise ValidationError("Thao tác", f"«{request.action}» không có.", f"Chọn một trong: {names}.") from None
    ctx.require(Permission.RETURN if action is Action.RETURN else Permission.FOLLOW)
    dossier_uuid = resolve(ctx, reference)
    now = ctx.clock.now()
    with ctx.store.transaction():
        dossier = load_dossier(ctx.store, dossier_uuid)
        if request.expected_rev is not None and request.expected_rev != dossier.rev:
            raise ConflictError(f"Hồ sơ {dossier.code} vừa được cập nhật ở nơi khác; hãy mở lại hồ sơ rồi thao tác.")
        target = target_status(
            dossier.status, action, extension_used=dossier.extension_used, supplement_used=dossier.supplement_used
        )
        note = fields.clean_field(request.note, "Lý do / nội dung", limit=fields.REASON, multiline=True)
        if ACTIONS[action].needs_reason and not note:
            raise ValidationError("Lý do / nội dung", "chưa nhập.", f"Cần ghi rõ cho thao tác «{action.label}».")
        details, warnings = _details(ctx, dossier, action, request, note, now)
        event = ctx.store.events.append(
            kind=ev.DOSSIER_TRANSITIONED,
            actor=ctx.actor,
            occurred_at=now,
            payload=transition_payload(dossier, action, target, note=note, details=details),
            dossier_uuid=dossier.uuid,
            dossier_rev=dossier.rev + 1,
        )
        updated = apply_event(dossier, event)
        assert updated is not None
        ctx.store.dossiers.save(updated)
        if updated.due_at != dossier.due_at or updated.status.is_terminal:
            ctx.store.calendar.unflag(updated.uuid)  # a new date was given: the old flag is settled
    return TransitionResult(updated, tuple(warnings))


def _details(
    ctx: AppContext, d: Dossier, action: Action, r: TransitionInput, note: str, now: datetime
) -> tuple[dict[str, Any], list[str]]:
    session = ctx.session
    assert session is not None
    warnings: list[str] = []
    if action is Action.HAND_OVER:
        office = ctx.office()
        from_unit = (
            d.handovers[-1].to_unit
            if d.handovers and d.status in (Status.IN_PROCESSING, Status.EXTENDED)
            else office.unit_name
        )
        to_unit = fields.clean_field(r.to_unit, "Cơ quan nhận", limit=fields.UNIT_NAME)
        receiver = title_name(fields.clean_field(r.receiver, "Người nhận", limit=fields.PERSON_NAME))
        to_unit = to_unit or d.deciding_unit or office.deciding_unit
        handover = HandOver(now, from_unit, to_unit, session.full_name, receiver, note)
        return {"handover": to_plain(handover)}, warnings
    if action is Action.REQUEST_SUPPLEMENT:
        if len(r.items) > fields.LIST_ITEMS:
            raise ValidationError("Giấy tờ cần bổ sung", f"có {len(r.items)} mục.", f"Tối đa {fields.LIST_ITEMS}.")
        typed = (fields.clean_field(i, "Giấy tờ cần bổ sung", limit=fields.SHORT_TEXT) for i in r.items)
        items = tuple(i for i in typed if i)
        if not items:
            raise ValidationError(
                "Giấy tờ cần bổ sung", "chưa nhập.", "Liệt kê đầy đủ trong một lần (Nghị định 118, Điều 11)."
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
        if not may_close_unsupplemented(calendar, d, now):  # type: ignore[arg-type]
            allowed_from = close_allowed_from(calendar, open_round.requested_at)  # type: ignore[arg-type]
            raise TransitionError(
                f"Chưa hết {SUPPLEMENT_CLOSE_DAYS} ngày kể từ khi yêu cầu bổ sung "
                f"({fmt_date(open_round.requested_at)}); chỉ được đóng hồ sơ từ ngày {fmt_date(allowed_from)}."
            )
        return _finish(ctx, d, Status.CLOSED, now), warnings
    if action in (Action.REQUEST_FEES, Action.PAY_FEES):
        amount = _money(r.amount, "Số tiền", required=action is Action.PAY_FEES)
        key = "fee_amount" if action is Action.REQUEST_FEES else "amount"
        return ({key: amount} if amount is not None else {}), warnings
    if action is Action.EXTEND:
        return _extension(ctx, d, r, note, now, warnings), warnings
    if action in (Action.STOP, Action.WITHDRAW, Action.RESULT_READY, Action.REFUSE):
        target = target_status(d.status, action, extension_used=d.extension_used)
        return _finish(ctx, d, target, now), warnings
    if action is Action.RETURN:
        return {"return_record": to_plain(_return_record(d, r, note, now, session.username))}, warnings
    raise AssertionError(action)


def _finish(ctx: AppContext, d: Dossier, target: Status, now: datetime) -> dict[str, Any]:
    """Timeliness fixed when the dossier finishes: under the office's rule, and under each rule
    for the reports (rules.md §5)."""
    return finish_details(d, target, now, ctx.calendar(), timeliness_rule(ctx.store))  # type: ignore[arg-type]


def _due_after_supplement(ctx: AppContext, d: Dossier, now: datetime) -> tuple[datetime, str]:
    decision = receive_supplement(ctx.calendar(), d, now, supplement_policy(ctx.store))  # type: ignore[arg-type]
    return decision.due_at, decision.reason


def _extension(
    ctx: AppContext, d: Dossier, r: TransitionInput, note: str, now: datetime, warnings: list[str]
) -> dict[str, Any]:
    text = fields.clean_field(r.new_due, "Ngày hẹn mới", limit=20)
    if not text:
        raise ValidationError("Ngày hẹn mới", "chưa nhập.", "Dạng dd/mm/yyyy hoặc dd/mm/yyyy hh:mm.")
    try:
        if " " in text or "T" in text:
            new_due = parse_datetime(text)
        else:
            new_due = extension_due(ctx.calendar(), parse_date(text))  # type: ignore[arg-type]
    except ValueError:
        raise ValidationError("Ngày hẹn mới", f"«{text}» không phải ngày giờ.", "Dạng dd/mm/yyyy hh:mm.") from None
    assert ctx.session is not None
    extension = make_extension(d, at=now, new_due_at=new_due, reason=note, by=ctx.session.username)
    calendar = ctx.calendar()
    if d.due_at is not None and not extension_requested_in_time(now, d.due_at, calendar):  # type: ignore[arg-type]
        # Decree 118 Art. 19(6): no extension letter once the last working day before the deadline
        # has passed; the form 04 printed would propose an extension the law no longer allows.
        raise TransitionError(extension_warning(now, d.due_at, calendar))  # type: ignore[arg-type]
    return {"extension": to_plain(extension)}


def _money(raw: int | str, label: str, *, required: bool) -> int | None:
    amount = fields.parse_vnd(raw, label)
    if amount is None and required:
        raise ValidationError(label, "chưa nhập.", "Nhập số tiền bằng chữ số (đồng), ví dụ 50.000.")
    return amount


def _return_record(d: Dossier, r: TransitionInput, note: str, now: datetime, clerk: str) -> ReturnRecord:
    errors: list[ValidationError] = []
    try:
        kind = CollectorKind(clean_text(r.collector_kind) or CollectorKind.APPLICANT.value)
    except ValueError:
        errors.append(
            ValidationError(
                "Người nhận kết quả", f"«{r.collector_kind}» không hợp lệ.", "chu_ho_so hoặc nguoi_duoc_uy_quyen."
            )
        )
        kind = CollectorKind.APPLICANT
    name, typed_name = "", True
    try:
        name = fields.person_name(r.collector_name, "Người nhận kết quả – Họ và tên", required=False)
    except ValidationError as exc:
        errors.append(exc)
        typed_name = False
    if kind is CollectorKind.APPLICANT:
        name = name or d.applicant.full_name
        id_type = d.applicant.id_type
        id_number = d.applicant.id_number
    else:
        if not name and typed_name:
            errors.append(ValidationError("Người được ủy quyền – Họ và tên", "chưa nhập."))
        id_type = d.applicant.id_type
        id_number = ""
        try:
            id_type = parse_id_type(r.collector_id_type or "CCCD", field="Người được ủy quyền – Loại giấy tờ")
            id_number = normalise_id_number(id_type, r.collector_id_number, field="Người được ủy quyền – Số giấy tờ")
        except ValidationError as exc:
            errors.append(exc)
    originals = 0
    try:
        originals = fields.parse_whole_number(
            r.originals_returned, "Số bản chính trả lại", minimum=0, maximum=999, default=0
        )
    except ValidationError as exc:
        errors.append(exc)
    fee = 0
    try:
        fee = _money(r.fee_collected, "Phí, lệ phí đã thu", required=False) or 0
    except ValidationError as exc:
        errors.append(exc)
    satisfaction = None
    if clean_text(r.rating) or r.criteria:
        try:
            overall = Rating(clean_text(r.rating) or Rating.SATISFIED.value)
            criteria = {clean_text(k): Rating(clean_text(v)) for k, v in r.criteria.items() if clean_text(v)}
            comment = fields.clean_field(r.comment, "Góp ý", limit=fields.REASON, multiline=True)
            satisfaction = Satisfaction(overall, criteria, comment)
        except ValidationError as exc:
            errors.append(exc)
        except ValueError:
            errors.append(
                ValidationError(
                    "Đánh giá hài lòng", "mức đánh giá không hợp lệ.", "rat_hai_long, hai_long hoặc khong_hai_long."
                )
            )
    if errors:
        raise ValidationErrors(errors)
    return ReturnRecord(now, clerk, kind, name, id_type, id_number, originals, fee, satisfaction, note)
