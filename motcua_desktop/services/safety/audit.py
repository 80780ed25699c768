"""The audit trail: who did what and when, read from the append-only, hash-chained event log.

Leaders and administrators read it (``Permission.AUDIT``); nobody can edit it. Entries describe
what happened without repeating citizens' personal data (the dossier code identifies the
dossier; opening it is itself audited). ``verify_chains`` proves every device's chain intact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from motcua_desktop.domain import events as ev
from motcua_desktop.domain import fields
from motcua_desktop.domain.accounts import Permission, Role, normalise_username
from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.events import GENESIS_HASH, ChainBreak, EventRecord, verify_chain
from motcua_desktop.domain.text import clean_text
from motcua_desktop.domain.vntime import VN_TZ, fmt_datetime, parse_date
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.lookup import history_entry, resolve
from motcua_desktop.storage import Store

MAX_ENTRIES = 5000


@dataclass(frozen=True)
class AuditQuery:
    user: str = ""
    date_from: date | None = None  # business dates (Vietnam), inclusive
    date_to: date | None = None
    dossier: str = ""  # code, code without separators, barcode digits or uuid
    kind: str = ""  # an event kind, or a family ending in "." ("dossier.", "auth.")
    limit: int = 500


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    kind: str
    title: str
    detail: str
    dossier_code: str
    device_id: str
    epoch: int
    seq: int
    clock_suspect: bool = False


def filter_date(text: str, label: str) -> date | None:
    """A filter date typed as dd/mm/yyyy (empty: no filter)."""
    if not clean_text(text):
        return None
    try:
        return parse_date(clean_text(text))
    except ValueError:
        raise ValidationError(label, f"«{text}» không phải ngày.", "Dạng dd/mm/yyyy.") from None


def audit_kinds() -> list[tuple[str, str]]:
    """(kind, Vietnamese label) for the filter list."""
    return sorted(ev.KIND_LABELS.items(), key=lambda item: item[1])


def list_audit(ctx: AppContext, query: AuditQuery) -> list[AuditEntry]:
    """Audit entries matching the filters, newest first."""
    ctx.require(Permission.AUDIT)
    if query.date_from and query.date_to and query.date_from > query.date_to:
        raise ValidationError("Khoảng thời gian", "ngày bắt đầu sau ngày kết thúc.", "Đổi lại «từ ngày» và «đến ngày».")
    if not 1 <= query.limit <= MAX_ENTRIES:
        raise ValidationError("Số dòng", f"phải từ 1 đến {MAX_ENTRIES}.")
    actor = normalise_username(query.user) if clean_text(query.user) else None
    dossier_uuid = resolve(ctx, query.dossier) if clean_text(query.dossier) else None
    found = ctx.store.events.find(
        actor=actor,
        kind=fields.clean_field(query.kind, "Loại thao tác", limit=fields.SHORT_TEXT) or None,
        since=_start_of(query.date_from),
        until=_start_of(query.date_to + timedelta(days=1)) if query.date_to else None,
        dossier_uuid=dossier_uuid,
        limit=query.limit,
    )
    return [_entry(event, code) for event, code in found]


def _start_of(day: date | None) -> datetime | None:
    return None if day is None else datetime.combine(day, time(0, 0), tzinfo=VN_TZ)


def _entry(event: EventRecord, code: str | None) -> AuditEntry:
    title, detail = describe(event)
    return AuditEntry(
        at=event.occurred_at,
        actor=event.actor,
        kind=event.kind,
        title=title,
        detail=detail,
        dossier_code=code or "",
        device_id=event.device_id,
        epoch=event.epoch,
        seq=event.seq,
        clock_suspect=bool(event.payload.get("clock_suspect")),
    )


def describe(event: EventRecord) -> tuple[str, str]:
    """A title and a detail without personal data (no ID numbers, names, phones or addresses)."""
    if event.dossier_uuid is not None:
        entry = history_entry(event)
        detail = entry.detail
        if event.kind == ev.DOSSIER_REGISTERED:
            procedure = event.payload.get("dossier", {}).get("procedure", {})
            detail = str(procedure.get("name", "")) if isinstance(procedure, dict) else ""
        if event.kind == ev.DOSSIER_CORRECTED:
            changed = ", ".join(_FIELD_LABELS.get(k, k) for k in event.payload.get("after", {}))
            detail = f"Sửa: {changed}. {detail}".strip()
        return entry.title, detail
    p = event.payload
    title = ev.KIND_LABELS.get(event.kind, event.kind)
    if event.kind.startswith("user.") or event.kind in (ev.SIGN_IN_FAILED, ev.LOCKED_OUT):
        parts = [f"Tài khoản {p['username']}" if p.get("username") else ""]
        if p.get("role"):
            parts.append("vai trò " + _role_label(str(p["role"])))
        if p.get("reason") == "account_locked":
            parts.append("tài khoản đang bị khóa")
        elif p.get("reason"):
            parts.append(f"lý do: {p['reason']}")
        if p.get("purpose"):
            parts.append(str(p["purpose"]))
        if p.get("attempt"):
            parts.append(f"lần sai thứ {p['attempt']}")
        return title, "; ".join(x for x in parts if x)
    if event.kind == ev.ACCESS_DENIED:
        return title, f"Quyền: {p.get('permission', '')}"
    if event.kind == ev.SETTINGS_CHANGED:
        return title, f"Mục: {p.get('key', '')}"
    if event.kind == ev.BACKUP_OFFSITE:
        return title, f"Tệp {p.get('file', '')} → {p.get('folder', '')}"
    if event.kind == ev.DEVICE_EPOCH_STARTED:
        return title, (
            f"Từ bản sao lưu {p.get('restored_from', '')}; kỷ nguyên {p.get('previous_epoch', '?')} → {event.epoch}"
        )
    if event.kind == ev.CLOCK_CONFIRMED:
        return title, f"Máy tính chỉ {_time_text(p.get('pc_time'))}, giờ đúng {_time_text(p.get('confirmed_time'))}"
    if event.kind == ev.CATALOGUE_IMPORTED:
        counts = f"thêm {p.get('added', 0)}, thay đổi {p.get('updated', 0)}, thôi áp dụng {p.get('retired', 0)}"
        return title, f"Tệp {p.get('file', '')}: {counts}"
    if event.kind == ev.CATALOGUE_LOCAL_CHANGED:
        return title, f"Thủ tục {p.get('key', '')}: " + "; ".join(
            f"{c[0]}: {c[1]} → {c[2]}" for c in p.get("changes", [])
        )
    if event.kind == "calendar.changed":  # the summary names the file or the day; the instruments follow
        instruments = "; ".join(str(i) for i in p.get("instruments", []))
        return title, " ".join(
            x for x in (str(p.get("summary", "")), f"Căn cứ: {instruments}." if instruments else "") if x
        )
    return title, ""


def _role_label(value: str) -> str:
    try:
        return Role(value).label.lower()
    except ValueError:
        return value


_FIELD_LABELS = {"applicant": "người nộp", "representative": "người được ủy quyền", "summary": "trích yếu"}


def _time_text(value: object) -> str:
    try:
        return fmt_datetime(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value or "")


# --- Chain verification -------------------------------------------------------------------


@dataclass(frozen=True)
class ChainStatus:
    device_id: str
    epoch: int
    first_seq: int
    last_seq: int
    events: int
    own: bool  # this PC's chain (the others were imported)


@dataclass(frozen=True)
class ChainReport:
    chains: list[ChainStatus] = field(default_factory=list)
    first_break: ChainBreak | None = None

    @property
    def ok(self) -> bool:
        return self.first_break is None

    def message(self) -> str:
        if self.first_break is None:
            count = sum(c.events for c in self.chains)
            return f"Nhật ký nguyên vẹn: {len(self.chains)} chuỗi, {count} sự kiện, mọi mắt xích đều khớp."
        b = self.first_break
        return (
            f"Nhật ký đã bị can thiệp: máy {b.device_id}, kỷ nguyên {b.epoch}, sự kiện số {b.seq}: {b.problem}. "
            "Không sửa gì thêm; báo ngay lãnh đạo và giữ nguyên máy để kiểm tra."
        )


def verify_log(ctx: AppContext) -> ChainReport:
    """Leaders and administrators: proves every chain intact or names the first broken link."""
    ctx.require(Permission.AUDIT)
    return verify_chains(ctx.store)


def verify_chains(store: Store) -> ChainReport:
    """Every device and epoch: sequence gap-free, each event linked to the previous one and
    matching its hash, each epoch linked to the chain it continues, heads matching the last event."""
    own = store.events.device().device_id
    heads = {(h.device_id, h.epoch): h for h in store.events.heads()}
    runs = store.events.runs()
    statuses = [ChainStatus(r.device_id, r.epoch, r.first_seq, r.last_seq, r.count, r.device_id == own) for r in runs]
    earliest_epoch: dict[str, int] = {}
    for run in runs:
        earliest_epoch.setdefault(run.device_id, run.epoch)
    for run in runs:
        whole = run.first_seq == 1
        if not whole and run.device_id == own:
            return ChainReport(statuses, ChainBreak(run.device_id, run.epoch, 1, "thiếu sự kiện số 1 (đầu chuỗi)"))
        start_prev: str | None = None
        if whole:
            first = store.events.at(run.device_id, run.epoch, 1)
            assert first is not None
            start_prev, problem = _epoch_link(store, first, earliest_epoch[run.device_id] == run.epoch)
            if problem:
                return ChainReport(statuses, ChainBreak(run.device_id, run.epoch, 1, problem))
        broken = verify_chain(
            store.events.chain(run.device_id, run.epoch, after_seq=run.first_seq - 1),
            start_prev=start_prev,
            start_seq=run.first_seq,
        )
        if broken is not None:
            return ChainReport(statuses, broken)
        head = heads.get((run.device_id, run.epoch))
        last = store.events.at(run.device_id, run.epoch, run.last_seq)
        assert last is not None
        if head is None:
            problem = "không có bản ghi đầu chuỗi (đã bị xóa)"
            return ChainReport(statuses, ChainBreak(run.device_id, run.epoch, run.last_seq, problem))
        if head.last_seq > run.last_seq:
            problem = f"thiếu sự kiện số {run.last_seq + 1} đến {head.last_seq} ở cuối chuỗi (đã bị xóa)"
            return ChainReport(statuses, ChainBreak(run.device_id, run.epoch, run.last_seq + 1, problem))
        if head.last_seq != run.last_seq or head.last_hash != last.hash:
            problem = "bản ghi đầu chuỗi không khớp sự kiện cuối cùng"
            return ChainReport(statuses, ChainBreak(run.device_id, run.epoch, run.last_seq, problem))
    for (device_id, epoch), head in heads.items():
        if not any(r.device_id == device_id and r.epoch == epoch for r in runs):
            problem = f"cả chuỗi (đến sự kiện số {head.last_seq}) đã bị xóa"
            return ChainReport(statuses, ChainBreak(device_id, epoch, 1, problem))
    return ChainReport(statuses, None)


def _epoch_link(store: Store, first: EventRecord, earliest: bool) -> tuple[str | None, str]:
    """The hash the first event of an epoch must link to (None: not known here), or a problem.

    Epoch 1 starts from the genesis hash; an epoch started by a restore names the event it
    continues from (``restored_head``), which must still be there, unchanged."""
    if earliest and first.epoch == 1:
        return GENESIS_HASH, ""
    if first.kind == ev.DEVICE_EPOCH_STARTED and isinstance(first.payload.get("restored_head"), dict):
        ref = first.payload["restored_head"]
        if not ref.get("seq"):
            return GENESIS_HASH, ""
        linked = store.events.at(first.device_id, int(ref.get("epoch", 0)), int(ref["seq"]))
        if linked is None or linked.hash != ref.get("hash"):
            return None, (
                f"kỷ nguyên mới nối vào sự kiện số {ref['seq']} của kỷ nguyên {ref.get('epoch')}, "
                "nhưng sự kiện đó không còn hoặc đã bị sửa"
            )
        return linked.hash, ""
    return None, ""  # e.g. imported from a device whose earlier epochs were not imported here
