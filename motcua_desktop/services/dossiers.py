"""Finding, opening and following dossiers: search, history, lifecycle actions, corrections."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from typing import Any

from motcua_desktop.domain import events as ev
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
from motcua_desktop.domain.codes import BadScan, parse_lookup, unmangle_digits
from motcua_desktop.domain.dossier import (
    CollectorKind,
    Dossier,
    DossierSummary,
    HandOver,
    Rating,
    ReturnRecord,
    Satisfaction,
    SupplementRound,
)
from motcua_desktop.domain.errors import ConflictError, NotFound, TransitionError, ValidationError, ValidationErrors
from motcua_desktop.domain.identity import mask_id_number, normalise_id_number
from motcua_desktop.domain.lifecycle import ACTIONS, Action, Status, target_status
from motcua_desktop.domain.projection import apply_event, fold_revisions
from motcua_desktop.domain.registration import PersonInput, parse_id_type, parse_person
from motcua_desktop.domain.search import plan_search
from motcua_desktop.domain.serde import to_plain
from motcua_desktop.domain.text import clean_text, title_name
from motcua_desktop.domain.timeliness import finish_details
from motcua_desktop.domain.transitions import transition_payload
from motcua_desktop.domain.vntime import business_day, fmt_date, parse_date, parse_datetime
from motcua_desktop.services.calendar import supplement_policy, timeliness_rule
from motcua_desktop.services.context import AppContext
from motcua_desktop.storage import Store

SUPPLEMENT_CLOSE_DAYS = 15  # Decree 118 Art. 19(5)


def load_dossier(store: Store, dossier_uuid: str) -> Dossier:
    """The dossier's current state, folded from its events.

    A dossier whose events from several counters do not yet form one history (a revision still
    to come from another counter, or written by two counters) cannot be acted on until that is settled.
    """
    folded = fold_revisions(store.events.for_dossier(dossier_uuid))
    dossier = folded.dossier
    if dossier is None:
        raise NotFound(f"Không tìm thấy hồ sơ {dossier_uuid}.")
    if folded.conflict or folded.problem:
        why = f"hai quầy cùng cập nhật phiên bản {dossier.rev + 1}" if folded.conflict else folded.problem
        raise ConflictError(
            f"Hồ sơ {dossier.code or dossier.uuid}: dữ liệu từ các quầy chưa thống nhất ({why}). "
            "Lãnh đạo cần xem «Đồng bộ → Báo cáo» và quyết định trước khi thao tác tiếp."
        )
    if folded.held:
        raise ConflictError(
            f"Hồ sơ {dossier.code or dossier.uuid}: đang chờ dữ liệu của quầy khác (phiên bản {folded.waiting_for}). "
            "Hãy nhập gói dữ liệu còn thiếu của các quầy rồi thao tác."
        )
    return dossier


def resolve(ctx: AppContext, reference: str) -> str:
    """The uuid of the dossier a code, a code without separators, a scanned barcode or a uuid refers to."""
    # Digits typed through the Windows Vietnamese layout are repaired before NFC normalisation,
    # which would reorder their tone marks (see ``codes.unmangle_digits``).
    text = clean_text(unmangle_digits(reference or ""))
    if not text:
        raise NotFound("Chưa nhập mã hồ sơ.")
    if len(text) == 36 and text.count("-") == 4 and ctx.store.dossiers.summary(text.lower()):
        return text.lower()
    try:
        key = parse_lookup(text)
    except BadScan as exc:
        raise NotFound(exc.message) from None
    if key.barcode is not None:
        found = ctx.store.dossiers.by_barcode(key.barcode)
        if len(found) > 1:
            raise ConflictError(
                "Mã vạch khớp nhiều hồ sơ; hãy gõ đầy đủ mã hồ sơ: " + ", ".join(str(s.code) for s in found)
            )
        if found:
            return found[0].uuid
    else:
        uuid = ctx.store.dossiers.uuid_for_code(key.code or key.compact or text)
        if uuid:
            return uuid
    raise NotFound(f"Không tìm thấy hồ sơ «{text}». Kiểm tra lại mã, hoặc tìm theo tên, số căn cước, số điện thoại.")


def search_dossiers(ctx: AppContext, query: str, *, limit: int = 50, prefix: bool = False) -> list[DossierSummary]:
    """Search by code, barcode, ID number, phone or name typed without diacritics; newest first.

    ID numbers are masked for roles that do not need them.
    """
    ctx.require(Permission.SEARCH)
    plan = plan_search(query, prefix=prefix)
    if plan.is_empty:
        return []
    results = ctx.store.dossiers.search(plan, limit=limit)
    return mask_for(ctx, results)


def mask_for(ctx: AppContext, results: list[DossierSummary]) -> list[DossierSummary]:
    if ctx.can(Permission.VIEW_ID_NUMBERS):
        return results
    return [dataclasses.replace(s, applicant_id_number=mask_id_number(s.applicant_id_number)) for s in results]


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    title: str
    detail: str
    form: str | None = None


@dataclass(frozen=True)
class DossierView:
    dossier: Dossier
    history: list[HistoryEntry]
    prints: dict[str, int] = field(default_factory=dict)  # form number → times printed


def open_dossier(ctx: AppContext, reference: str, *, purpose: str = "xem chi tiết") -> DossierView:
    """The dossier with its history; viewing personal data is recorded in the audit trail."""
    ctx.require(Permission.VIEW_DETAIL)
    dossier_uuid = resolve(ctx, reference)
    with ctx.store.transaction():
        ctx.store.events.append(
            kind=ev.DOSSIER_VIEWED,
            actor=ctx.actor,
            occurred_at=ctx.clock.now(),
            payload={"purpose": clean_text(purpose)},
            dossier_uuid=dossier_uuid,
        )
    return view_of(ctx.store, dossier_uuid)


def refresh_view(ctx: AppContext, dossier_uuid: str) -> DossierView:
    """The dossier again after this user changed it (the opening was already recorded)."""
    ctx.require(Permission.VIEW_DETAIL)
    return view_of(ctx.store, dossier_uuid)


def view_of(store: Store, dossier_uuid: str) -> DossierView:
    events = store.events.for_dossier(dossier_uuid)
    dossier = load_dossier(store, dossier_uuid)
    prints: dict[str, int] = {}
    for event in events:
        if event.kind == ev.DOSSIER_PRINTED:
            form = str(event.payload.get("form", ""))
            prints[form] = prints.get(form, 0) + 1
    return DossierView(dossier, [history_entry(e) for e in events], prints)


def history_entry(event: ev.EventRecord) -> HistoryEntry:
    p = event.payload
    title = ev.KIND_LABELS.get(event.kind, event.kind)
    detail = ""
    form = None
    if event.kind == ev.DOSSIER_REGISTERED:
        d = p["dossier"]
        status = Status(d["status"])
        title = status.label if status in (Status.GUIDED, Status.REFUSED_AT_COUNTER) else "Tiếp nhận hồ sơ"
        detail = f"Mã {d['code']}" if d.get("code") else d.get("reason", "")
    elif event.kind == ev.DOSSIER_TRANSITIONED:
        action = Action(p["action"])
        title = action.label
        form = p.get("form")
        detail = "; ".join(part for part in (f"→ {Status(p['to']).label}", p.get("note", "")) if part)
    elif event.kind == ev.DOSSIER_CORRECTED:
        detail = "Lý do: " + p.get("reason", "")
    elif event.kind == ev.DOSSIER_LOCATED:
        detail = p.get("file_location", "")
    elif event.kind == ev.DOSSIER_PRINTED:
        form = p.get("form")
        title = f"In mẫu {form}" + (" (in lại)" if p.get("reprint") else "")
        detail = p.get("layout", "")
    elif event.kind == ev.DOSSIER_VIEWED:
        detail = p.get("purpose", "")
    return HistoryEntry(event.occurred_at, event.actor, title, detail, form)


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
        target = target_status(dossier.status, action, extension_used=dossier.extension_used)
        note = clean_text(request.note, multiline=True)
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
        to_unit = clean_text(r.to_unit) or d.deciding_unit or office.deciding_unit
        handover = HandOver(now, from_unit, to_unit, session.full_name, title_name(r.receiver), note)
        return {"handover": to_plain(handover)}, warnings
    if action is Action.REQUEST_SUPPLEMENT:
        items = tuple(clean_text(i) for i in r.items if clean_text(i))
        if not items:
            raise ValidationError(
                "Giấy tờ cần bổ sung", "chưa nhập.", "Liệt kê đầy đủ trong một lần (Nghị định 118, Điều 11)."
            )
        if d.supplements:
            warnings.append("Hồ sơ đã được yêu cầu bổ sung trước đó; theo quy định chỉ yêu cầu bổ sung một lần.")
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
    text = clean_text(r.new_due)
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
    if d.due_at is not None and not extension_requested_in_time(now, d.due_at):
        warnings.append(extension_warning(now, d.due_at))
    return {"extension": to_plain(extension)}


def _money(raw: int | str, label: str, *, required: bool) -> int | None:
    text = clean_text(str(raw)).replace(".", "").replace(",", "").replace(" ", "").removesuffix("đ")
    if not text:
        if required:
            raise ValidationError(label, "chưa nhập.")
        return None
    if not text.isdigit() or int(text) > 1_000_000_000:
        raise ValidationError(label, f"«{raw}» không hợp lệ.", "Nhập số tiền bằng chữ số (đồng).")
    return int(text)


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
    if kind is CollectorKind.APPLICANT:
        name = title_name(r.collector_name) or d.applicant.full_name
        id_type = d.applicant.id_type
        id_number = d.applicant.id_number
    else:
        name = title_name(r.collector_name)
        if not name:
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
        originals = int(str(r.originals_returned or 0))
        if originals < 0 or originals > 999:
            raise ValueError
    except ValueError:
        errors.append(ValidationError("Số bản chính trả lại", f"«{r.originals_returned}» không hợp lệ."))
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
            satisfaction = Satisfaction(overall, criteria, clean_text(r.comment, multiline=True))
        except ValueError:
            errors.append(
                ValidationError(
                    "Đánh giá hài lòng", "mức đánh giá không hợp lệ.", "rat_hai_long, hai_long hoặc khong_hai_long."
                )
            )
    if errors:
        raise ValidationErrors(errors)
    return ReturnRecord(now, clerk, kind, name, id_type, id_number, originals, fee, satisfaction, note)


def correct(
    ctx: AppContext,
    reference: str,
    *,
    reason: str,
    applicant: PersonInput | None = None,
    representative: PersonInput | None = None,
    remove_representative: bool = False,
    summary: str | None = None,
) -> Dossier:
    """Corrects a typing mistake in applicant data; the previous values stay in the history and
    slips printed afterwards are marked as reprints after correction."""
    ctx.require(Permission.FOLLOW)
    reason_text = clean_text(reason, multiline=True)
    if not reason_text:
        raise ValidationError("Lý do sửa", "chưa nhập.")
    dossier_uuid = resolve(ctx, reference)
    now = ctx.clock.now()
    with ctx.store.transaction():
        d = load_dossier(ctx.store, dossier_uuid)
        if d.status.is_terminal and d.status is not Status.RETURNED:
            raise TransitionError(f"Hồ sơ ở trạng thái «{d.status.label}», không sửa thông tin được.")
        errors: list[ValidationError] = []
        warnings: list[str] = []
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        today = business_day(now)
        if applicant is not None:
            person = parse_person(
                applicant, "Người nộp", errors, warnings, today=today, require_id=bool(d.applicant.id_number)
            )
            if person is not None and person != d.applicant:
                before["applicant"], after["applicant"] = to_plain(d.applicant), to_plain(person)
        if remove_representative and d.representative is not None:
            before["representative"], after["representative"] = to_plain(d.representative), None
        elif representative is not None:
            person = parse_person(representative, "Người được ủy quyền", errors, warnings, today=today)
            if person is not None and person != d.representative:
                before["representative"] = to_plain(d.representative) if d.representative else None
                after["representative"] = to_plain(person)
        if summary is not None and clean_text(summary, multiline=True) != d.summary:
            before["summary"], after["summary"] = d.summary, clean_text(summary, multiline=True)
        if errors:
            raise ValidationErrors(errors)
        if not after:
            raise ValidationError("Thông tin sửa", "không có gì thay đổi.")
        event = ctx.store.events.append(
            kind=ev.DOSSIER_CORRECTED,
            actor=ctx.actor,
            occurred_at=now,
            payload={"before": before, "after": after, "reason": reason_text},
            dossier_uuid=d.uuid,
            dossier_rev=d.rev + 1,
        )
        updated = apply_event(d, event)
        assert updated is not None
        ctx.store.dossiers.save(updated)
    return updated


def set_file_location(ctx: AppContext, reference: str, location: str) -> Dossier:
    """Where the paper file is kept (cabinet, shelf, box)."""
    ctx.require(Permission.FOLLOW)
    text = clean_text(location)
    if len(text) > 200:
        raise ValidationError("Nơi lưu hồ sơ giấy", "quá dài.", "Tối đa 200 ký tự.")
    dossier_uuid = resolve(ctx, reference)
    with ctx.store.transaction():
        d = load_dossier(ctx.store, dossier_uuid)
        event = ctx.store.events.append(
            kind=ev.DOSSIER_LOCATED,
            actor=ctx.actor,
            occurred_at=ctx.clock.now(),
            payload={"file_location": text},
            dossier_uuid=d.uuid,
            dossier_rev=d.rev + 1,
        )
        updated = apply_event(d, event)
        assert updated is not None
        ctx.store.dossiers.save(updated)
    return updated


def rebuild_projection(store: Store) -> int:
    """Rebuilds the dossiers table from the event log (after a restore, an import, or to prove
    the projection is derived). Returns the number of dossiers."""
    count = 0
    with store.transaction():
        store.dossiers.clear()
        for _uuid, events in groupby(store.events.iter_state_events(), key=lambda e: e.dossier_uuid):
            dossier = fold_revisions(events).dossier  # the same fold the importer uses
            if dossier is not None:
                store.dossiers.save(dossier)
                count += 1
    return count
