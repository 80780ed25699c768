"""The situations an import leaves for a person to decide: gaps in a counter's chain, two counters
writing the same revision of a dossier, possible duplicate dossiers; and the list of them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.events import EventRecord
from motcua_desktop.domain.lifecycle import Action
from motcua_desktop.domain.projection import fold_revisions
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.outcomes import fill_missing_outcomes
from motcua_desktop.storage.sync_reports import ReportRow


def update_gap(ctx: AppContext, device_id: str, epoch: int, counter_no: int) -> list[str]:
    """Keeps one open report per missing range of a chain; resolves it once filled."""
    store = ctx.store
    prefix = f"gap:{device_id}:{epoch}:"
    pending = store.sync.inbox.pending(device_id, epoch)
    now = ctx.clock.now()
    if not pending:
        store.sync.reports.resolve_reports(store.sync.reports.open_report_keys("gap", prefix), at=now)
        return []
    head = store.events.head(device_id, epoch)
    have = head.last_seq if head else 0
    last = store.sync.inbox.last_import(device_id, epoch)
    first_missing = (last.batch if last else 0) + 1
    waiting = pending[0]
    missing = (
        f"gói {first_missing}" if waiting.batch - 1 <= first_missing else f"gói {first_missing}–{waiting.batch - 1}"
    )
    if waiting.first_seq == 1:
        missing = "dữ liệu của kỷ nguyên trước"
    message = (
        f"Thiếu {missing} của quầy {counter_no} (máy {device_id}, kỷ nguyên {epoch}, sự kiện {have + 1}–"
        f"{waiting.first_seq - 1}); các gói {', '.join(str(p.batch) for p in pending)} đang chờ. Hãy nhập gói còn thiếu "
        "(hoặc yêu cầu quầy đó xuất lại)."
    )
    key = f"{prefix}{have + 1}"
    store.sync.reports.resolve_reports(
        [k for k in store.sync.reports.open_report_keys("gap", prefix) if k != key], at=now
    )
    new = store.sync.reports.report(
        kind="gap",
        key=key,
        message=message,
        at=now,
        device_id=device_id,
        details={"epoch": epoch, "first_missing_seq": have + 1, "pending": [p.batch for p in pending]},
    )
    return [message] if new else []


def refresh_dossiers(ctx: AppContext, touched: Iterable[str]) -> list[str]:
    """Refolds each touched dossier from all its events; reports conflicts and possible duplicates."""
    store = ctx.store
    messages: list[str] = []
    now = ctx.clock.now()
    counters = _counter_names(ctx)
    for dossier_uuid in sorted(touched):
        events = store.events.for_dossier(dossier_uuid)
        folded = fold_revisions(events)
        before = store.dossiers.rev(dossier_uuid)
        dossier = folded.dossier
        if dossier is not None and before is None and _code_clash(ctx, dossier, counters, now, messages):
            continue
        if dossier is not None and dossier.rev != before:
            store.dossiers.save(dossier)
        if not folded.conflict:  # settled, here or by a leader's resolution that came in the package
            prefix = f"conflict:{dossier_uuid}:"
            store.sync.reports.resolve_reports(store.sync.reports.open_report_keys("dossier_conflict", prefix), at=now)
        if folded.conflict or folded.problem:
            label = (dossier.code if dossier else None) or dossier_uuid
            rev = (dossier.rev if dossier else 0) + 1
            competing = [e for e in events if e.uuid in folded.conflict]
            what = "; ".join(f"{counters.get(e.device_id, e.device_id)}: {_describe(e)}" for e in competing)
            message = (
                f"Hồ sơ {label}: hai quầy cùng cập nhật phiên bản {rev} ({what}). Chưa gộp; hồ sơ tạm dừng thao tác "
                "cho đến khi lãnh đạo quyết định."
                if folded.conflict
                else f"Hồ sơ {label}: sự kiện không áp dụng được ({folded.problem})."
            )
            if store.sync.reports.report(
                kind="dossier_conflict",
                key=f"conflict:{dossier_uuid}:{rev}",
                message=message,
                at=now,
                dossier_uuid=dossier_uuid,
                details={"rev": rev, "events": list(folded.conflict), "held": list(folded.held)},
            ):
                messages.append(message)
        if dossier is not None and before is None:
            messages += _duplicates(ctx, dossier_uuid, dossier.code, counters, now)
    fill_missing_outcomes(store, ctx.calendar())  # dossiers finished on a counter still on an older version
    return messages


def _code_clash(
    ctx: AppContext, dossier: Dossier, counters: dict[str, str], now: datetime, messages: list[str]
) -> bool:
    """A dossier arriving with a code another dossier already holds (two PCs set to the same
    counter number): both citizens hold that code on a receipt. The arriving one is kept in the
    event log but not shown in the lists until people decide; the import goes on and reports it."""
    store = ctx.store
    owner = store.dossiers.uuid_for_code(dossier.code) if dossier.code else None
    if owner is None or owner == dossier.uuid:
        return False
    held = store.dossiers.summary(owner)
    first = counters.get(held.device_id, held.device_id) if held else "?"
    second = counters.get(dossier.device_id, dossier.device_id)
    message = (
        f"Mã hồ sơ {dossier.code} đã được cấp hai lần: {first} cho «{held.applicant_name if held else '?'}» và "
        f"{second} cho «{dossier.applicant.full_name}». Hai máy đang dùng cùng số quầy: đổi ngay số quầy của một máy. "
        "Hồ sơ thứ hai đã được nhận vào nhật ký nhưng chưa hiện trong danh sách; hãy liên hệ công dân để cấp lại "
        "giấy tiếp nhận với mã mới."
    )
    if store.sync.reports.report(
        kind="fork",  # a fork of the code space: reported with the forks of chains
        key=f"code_clash:{dossier.code}:{dossier.uuid}",
        message=message,
        at=now,
        dossier_uuid=dossier.uuid,
        other_uuid=owner,
        device_id=dossier.device_id,
        details={"code": dossier.code},
    ):
        messages.append(message)
    return True


def _duplicates(
    ctx: AppContext, dossier_uuid: str, code: str | None, counters: dict[str, str], now: datetime
) -> list[str]:
    store = ctx.store
    messages = []
    summary = store.dossiers.summary(dossier_uuid)
    for other_uuid, other_code, other_device in store.sync.queries.possible_duplicates(dossier_uuid):
        pair = sorted([dossier_uuid, other_uuid])
        where = counters.get(summary.device_id, summary.device_id) if summary else ""
        message = (
            f"Có thể trùng hồ sơ: {code or dossier_uuid} ({where}) và {other_code or other_uuid} "
            f"({counters.get(other_device, other_device)}) cùng số giấy tờ, cùng thủ tục, cùng ngày tiếp nhận. "
            "Hãy kiểm tra; chương trình không tự gộp."
        )
        if store.sync.reports.report(
            kind="duplicate",
            key=f"duplicate:{pair[0]}:{pair[1]}",
            message=message,
            at=now,
            dossier_uuid=dossier_uuid,
            other_uuid=other_uuid,
        ):
            messages.append(message)
    return messages


def _counter_names(ctx: AppContext) -> dict[str, str]:
    names = {d.device_id: f"quầy {d.counter_no}" for d in ctx.store.sync.peers.devices()}
    office = ctx.office()
    names[ctx.store.events.device().device_id] = f"quầy {office.counter_no} (máy này)"
    return names


def _describe(event: EventRecord) -> str:
    if event.kind == ev.DOSSIER_TRANSITIONED:
        return Action(event.payload["action"]).label.lower()
    return ev.KIND_LABELS.get(event.kind, event.kind).lower()


def sync_reports(ctx: AppContext, *, include_resolved: bool = False) -> list[ReportRow]:
    """Gaps, forks, dossier conflicts and possible duplicates for the leader to look at."""
    ctx.require(Permission.CONSOLIDATE)
    return ctx.store.sync.reports.reports(open_only=not include_resolved)
