"""Finding, opening and following dossiers: search, history, lifecycle actions, corrections."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from typing import TYPE_CHECKING, Any

from motcua_desktop.domain import events as ev
from motcua_desktop.domain import fields
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.codes import BadScan, parse_lookup, unmangle_digits
from motcua_desktop.domain.dossier import (
    Dossier,
    DossierRef,
    DossierSummary,
    Satisfaction,
)
from motcua_desktop.domain.errors import (
    ConflictError,
    Field,
    NotFound,
    TransitionError,
    ValidationError,
    ValidationErrors,
)
from motcua_desktop.domain.identity import mask_id_number
from motcua_desktop.domain.lifecycle import Action, Status
from motcua_desktop.domain.projection import fold_revisions
from motcua_desktop.domain.search import plan_search
from motcua_desktop.domain.serde import from_plain, to_plain
from motcua_desktop.domain.text import clean_text
from motcua_desktop.domain.vntime import business_day
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.core.dossier_log import record_dossier_event
from motcua_desktop.services.dossiers.outcomes import fill_missing_outcomes
from motcua_desktop.storage import Store

if TYPE_CHECKING:  # the form parsing (phone numbers, administrative units) only for a correction
    from motcua_desktop.domain.registration import PersonInput


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


MAX_SEARCH_RESULTS = 1000


@dataclass(frozen=True)
class ScanTarget:
    """Where a receipt scanned anywhere in the window takes the clerk."""

    dossier_uuid: str
    code: str
    returnable: bool  # ready to hand over: the Trả kết quả page; otherwise the dossier's detail


def scan_target(ctx: AppContext, reference: str) -> ScanTarget:
    """The dossier a scanned receipt refers to, and whether its result can be handed over now;
    raises NotFound (or ValidationError) with the message to show."""
    from motcua_desktop.domain.lifecycle import not_returnable_reason

    ctx.require(Permission.SEARCH)
    dossier_uuid = resolve(ctx, reference)
    summary = ctx.store.dossiers.summary(dossier_uuid)
    if summary is None:
        raise NotFound("Không tìm thấy hồ sơ.")
    code = summary.code or dossier_uuid
    returnable = ctx.can(Permission.RETURN) and not not_returnable_reason(summary.code, summary.status)
    return ScanTarget(dossier_uuid, code, returnable)


def resolve(ctx: AppContext, reference: str) -> str:
    """The uuid of the dossier a code, a code without separators, a scanned barcode or a uuid refers to."""
    # Digits typed through the Windows Vietnamese layout are repaired before NFC normalisation,
    # which would reorder their tone marks (see ``codes.unmangle_digits``).
    hidden = fields.invisible_character(reference or "")
    if hidden is not None or len(reference or "") > fields.SHORT_TEXT:
        problem = f"có {hidden[1]}." if hidden is not None else "quá dài."
        raise ValidationError(Field("code", "Mã hồ sơ"), problem, "Gõ hoặc quét lại mã in trên giấy tiếp nhận.")
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
    raise NotFound(
        f"Không tìm thấy hồ sơ «{fields.shown(text)}». Kiểm tra lại mã, hoặc tìm theo tên, số căn cước, số điện thoại."
    )


def find_dossier(ctx: AppContext, reference: str, *, expected_rev: int | None = None) -> DossierRef:
    """The dossier a typed or scanned reference names (see ``resolve``), for the use cases that act on a
    dossier; ``expected_rev``: the revision the user was looking at."""
    return DossierRef(resolve(ctx, reference), expected_rev)


def search_dossiers(ctx: AppContext, query: str, *, limit: int = 50, prefix: bool = False) -> list[DossierSummary]:
    """Search by code, barcode, ID number, phone or name typed without diacritics; newest first.

    ID numbers are masked for roles that do not need them.
    """
    ctx.require(Permission.SEARCH)
    if not 1 <= limit <= MAX_SEARCH_RESULTS:
        raise ValidationError(
            Field("limit", "Số kết quả tối đa"), f"{limit} không hợp lệ.", f"Nhập số từ 1 đến {MAX_SEARCH_RESULTS}."
        )
    fields.clean_field(
        query, Field("query", "Nội dung tìm"), limit=fields.SHORT_TEXT
    )  # checked; the raw text is read below
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
    """The dossier with its history; viewing personal data is recorded in the audit trail (except in
    safe mode, where nothing can be written: the file itself is then readable by whoever holds it)."""
    ctx.require(Permission.VIEW_DETAIL)
    dossier_uuid = resolve(ctx, reference)
    if ctx.store.readonly:
        return view_of(ctx.store, dossier_uuid)
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
    elif event.kind == ev.DOSSIER_RATED:
        rated = from_plain(Satisfaction | None, p.get("satisfaction"))
        parts = [f"{rated.channel.label}: {rated.overall.label}" if rated else ""]
        parts.append(f"Lý do sửa: {p['reason']}" if p.get("reason") else "")
        detail = "; ".join(part for part in parts if part)
    elif event.kind == ev.DOSSIER_VISITED:
        detail = "Hẹn công dân quay lại khi có kết quả"
    elif event.kind == ev.DOSSIER_PRINTED:
        form = p.get("form")
        title = f"In mẫu {form}" + (" (in lại)" if p.get("reprint") else "")
        detail = p.get("layout", "")
    elif event.kind == ev.DOSSIER_VIEWED:
        detail = p.get("purpose", "")
    return HistoryEntry(event.occurred_at, event.actor, title, detail, form)


def correct(
    ctx: AppContext,
    dossier: DossierRef,
    *,
    reason: str,
    applicant: PersonInput | None = None,
    representative: PersonInput | None = None,
    remove_representative: bool = False,
    summary: str | None = None,
) -> Dossier:
    """Corrects a typing mistake in applicant data; the previous values stay in the history and
    slips printed afterwards are marked as reprints after correction."""
    from motcua_desktop.domain.registration import APPLICANT, REPRESENTATIVE, parse_person

    ctx.require(Permission.FOLLOW)
    reason_text = fields.clean_field(
        reason, Field("reason", "Lý do sửa"), limit=fields.REASON, multiline=True, required=True
    )
    if summary is not None:
        summary = fields.clean_field(summary, Field("summary", "Trích yếu"), limit=fields.LONG_TEXT, multiline=True)
    now = ctx.clock.now()
    with ctx.store.transaction():
        d = load_current(ctx, dossier)
        if not d.status.is_correctable:
            raise TransitionError(f"Hồ sơ ở trạng thái «{d.status.label}», không sửa thông tin được.")
        errors: list[ValidationError] = []
        warnings: list[str] = []
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        today = business_day(now)
        if applicant is not None:
            person = parse_person(
                applicant, APPLICANT, errors, warnings, today=today, require_id=bool(d.applicant.id_number)
            )
            if person is not None and person != d.applicant:
                before["applicant"], after["applicant"] = to_plain(d.applicant), to_plain(person)
        if remove_representative and d.representative is not None:
            before["representative"], after["representative"] = to_plain(d.representative), None
        elif representative is not None:
            person = parse_person(representative, REPRESENTATIVE, errors, warnings, today=today)
            if person is not None and person != d.representative:
                before["representative"] = to_plain(d.representative) if d.representative else None
                after["representative"] = to_plain(person)
        if summary is not None and summary != d.summary:
            before["summary"], after["summary"] = d.summary, summary
        if errors:
            raise ValidationErrors(errors)
        if not after:
            raise ValidationError(Field("changes", "Thông tin sửa"), "không có gì thay đổi.")
        return record_dossier_event(
            ctx,
            d,
            kind=ev.DOSSIER_CORRECTED,
            payload={"before": before, "after": after, "reason": reason_text},
            occurred_at=now,
        )


def set_file_location(ctx: AppContext, dossier: DossierRef, location: str) -> Dossier:
    """Where the paper file is kept (cabinet, shelf, box)."""
    ctx.require(Permission.FOLLOW)
    text = fields.clean_field(location, Field("file_location", "Nơi lưu hồ sơ giấy"), limit=fields.SHORT_TEXT)
    if not text:
        raise ValidationError(Field("file_location", "Nơi lưu hồ sơ giấy"), "chưa nhập.", "Ví dụ: Tủ 2, ngăn 3.")
    with ctx.store.transaction():
        d = load_current(ctx, dossier)
        return record_dossier_event(
            ctx, d, kind=ev.DOSSIER_LOCATED, payload={"file_location": text}, occurred_at=ctx.clock.now()
        )


def record_not_ready_visit(ctx: AppContext, dossier: DossierRef) -> Dossier:
    """The citizen came for the result and it is not ready yet: one more trip for this dossier
    (``domain.trips``), shown in its history and counted in the trips report."""
    from motcua_desktop.domain.trips import NOT_READY_REFUSED, can_record_not_ready_visit

    ctx.require(Permission.FOLLOW)
    with ctx.store.transaction():
        d = load_current(ctx, dossier)
        if not can_record_not_ready_visit(d.status):
            raise TransitionError(f"Hồ sơ {d.code} đang ở trạng thái «{d.status.label}». {NOT_READY_REFUSED}")
        return record_dossier_event(
            ctx, d, kind=ev.DOSSIER_VISITED, payload={"reason": "not_ready"}, occurred_at=ctx.clock.now()
        )


def load_current(ctx: AppContext, dossier: DossierRef) -> Dossier:
    """The dossier as stored now, refused when it changed since the revision the caller named (call it
    inside the action's transaction)."""
    d = load_dossier(ctx.store, dossier.uuid)
    if dossier.rev is not None and dossier.rev != d.rev:
        raise ConflictError(f"Hồ sơ {d.code} vừa được cập nhật ở nơi khác; hãy mở lại hồ sơ rồi thao tác.")
    return d


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
        fill_missing_outcomes(store)  # finishing events written before outcomes were recorded per rule
    return count
