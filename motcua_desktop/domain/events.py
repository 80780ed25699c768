"""The append-only event log: every change is an event, chained by hashes.

Each event carries a UUID, the device that wrote it, the device's epoch (incremented on every
restore from backup), a gap-free sequence per device and epoch, and the hash of the previous
event of that device and epoch. Editing, deleting, reordering or forking any event breaks the
chain, which ``verify_chain`` detects and names.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from motcua_desktop.domain.serde import canonical_json
from motcua_desktop.domain.vntime import iso

GENESIS_HASH = "0" * 64

# Event kinds. Dossier-state events carry ``dossier_rev`` (the dossier's version after the event);
# the others concern a dossier without changing it (prints, views) or no dossier at all.
DOSSIER_REGISTERED = "dossier.registered"
DOSSIER_TRANSITIONED = "dossier.transitioned"
DOSSIER_CORRECTED = "dossier.corrected"
DOSSIER_LOCATED = "dossier.located"
DOSSIER_VISITED = "dossier.visited"  # the citizen came for the result and it was not ready (a trip)
DOSSIER_PRINTED = "dossier.printed"
DOSSIER_VIEWED = "dossier.viewed"
SETTINGS_CHANGED = "settings.changed"
CATALOGUE_IMPORTED = "catalogue.imported"
CATALOGUE_LOCAL_CHANGED = "catalogue.local_changed"  # the office's own time limit, fee or checklist
DEVICE_EPOCH_STARTED = "device.epoch_started"
SYNC_BATCH_CREATED = "sync.batch_created"
SYNC_PACKAGE_IMPORTED = "sync.package_imported"
SYNC_ACK_IMPORTED = "sync.ack_imported"
SYNC_KEYS_CHANGED = "sync.keys_changed"
HUB_CONNECTED = "hub.connected"  # an administrator connected this counter to the office hub
HUB_DISCONNECTED = "hub.disconnected"
# Security events (the audit trail of accounts, backups and the clock).
USER_ADDED = "user.added"
USER_LOCKED = "user.locked"
USER_UNLOCKED = "user.unlocked"
USER_PASSWORD_RESET = "user.password_reset"
PASSWORD_CHANGED = "user.password_changed"
SIGNED_IN = "auth.signed_in"
SIGN_IN_FAILED = "auth.failed"
LOCKED_OUT = "auth.locked_out"
ACCESS_DENIED = "auth.denied"
BACKUP_OFFSITE = "backup.offsite"  # an encrypted copy of the database left the PC
CLOCK_CONFIRMED = "clock.confirmed"  # a leader confirmed the correct time while the PC clock was behind
CLOCK_JUMP_CONFIRMED = "clock.jump_confirmed"
CLOCK_FIXED = "clock.fixed"  # the PC clock was corrected: the leader's confirmation no longer applies

# A leader chose which of two counters' versions of a dossier revision to keep (``projection``).
DOSSIER_CONFLICT_RESOLVED = "dossier.conflict_resolved"

STATE_EVENTS = frozenset(
    {DOSSIER_REGISTERED, DOSSIER_TRANSITIONED, DOSSIER_CORRECTED, DOSSIER_LOCATED, DOSSIER_VISITED}
)
# Events that record a reading, not a change: exported with the chain, but a dossier someone only
# looked at has nothing new for the office ("Chưa xuất: N hồ sơ" does not count it).
READING_EVENTS = frozenset({DOSSIER_VIEWED})

KIND_LABELS = {
    DOSSIER_REGISTERED: "Tiếp nhận hồ sơ",
    DOSSIER_TRANSITIONED: "Chuyển trạng thái",
    DOSSIER_CORRECTED: "Sửa thông tin",
    DOSSIER_LOCATED: "Cập nhật nơi lưu hồ sơ giấy",
    DOSSIER_VISITED: "Công dân đến nhận nhưng chưa có kết quả",
    DOSSIER_PRINTED: "In phiếu",
    DOSSIER_CONFLICT_RESOLVED: "Giải quyết xung đột giữa các quầy",
    DOSSIER_VIEWED: "Xem thông tin cá nhân",
    SETTINGS_CHANGED: "Thay đổi cài đặt",
    CATALOGUE_IMPORTED: "Nhập danh mục thủ tục",
    CATALOGUE_LOCAL_CHANGED: "Sửa thời hạn, phí, thành phần hồ sơ của địa phương",
    SYNC_BATCH_CREATED: "Tạo gói dữ liệu xuất",
    SYNC_PACKAGE_IMPORTED: "Nhập gói dữ liệu của quầy khác",
    SYNC_ACK_IMPORTED: "Nhận xác nhận của cơ quan cấp trên",
    SYNC_KEYS_CHANGED: "Thay đổi khóa đồng bộ",
    HUB_CONNECTED: "Kết nối máy chủ văn phòng",
    HUB_DISCONNECTED: "Ngắt kết nối máy chủ văn phòng",
    "calendar.changed": "Thay đổi lịch làm việc",
    "calendar.due_kept": "Giữ ngày hẹn đã in sau khi lịch làm việc thay đổi",
    DEVICE_EPOCH_STARTED: "Khôi phục dữ liệu, bắt đầu kỷ nguyên thiết bị mới",
    USER_ADDED: "Tạo tài khoản",
    USER_LOCKED: "Khóa tài khoản",
    USER_UNLOCKED: "Mở khóa tài khoản",
    USER_PASSWORD_RESET: "Đặt lại mật khẩu",
    PASSWORD_CHANGED: "Đổi mật khẩu",
    SIGNED_IN: "Đăng nhập",
    SIGN_IN_FAILED: "Đăng nhập sai",
    LOCKED_OUT: "Tạm khóa do đăng nhập sai nhiều lần",
    ACCESS_DENIED: "Bị từ chối quyền",
    BACKUP_OFFSITE: "Sao lưu ra nơi thứ hai (đã mã hóa)",
    CLOCK_CONFIRMED: "Lãnh đạo xác nhận giờ đúng",
    CLOCK_JUMP_CONFIRMED: "Xác nhận ngày hôm nay sau khi đồng hồ nhảy tới",
    CLOCK_FIXED: "Đồng hồ máy tính đã được chỉnh lại",
}


@dataclass(frozen=True)
class EventRecord:
    uuid: str
    device_id: str
    epoch: int
    seq: int
    kind: str
    actor: str
    occurred_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)
    dossier_uuid: str | None = None
    dossier_rev: int | None = None
    prev_hash: str = GENESIS_HASH
    hash: str = ""

    def header_fields(self) -> dict[str, Any]:
        """Everything the hash covers except the payload and the hash itself."""
        return event_header(
            self.uuid,
            self.device_id,
            self.epoch,
            self.seq,
            self.kind,
            self.actor,
            iso(self.occurred_at),
            self.dossier_uuid,
            self.dossier_rev,
            self.prev_hash,
        )

    def to_plain(self) -> dict[str, Any]:
        return {**self.header_fields(), "payload": self.payload, "hash": self.hash}


# --- The one encoding of the hash chain (``docs/export-format.md`` §2) ------------------------
# The store (``storage.event_log``, ``storage.bulk``), the package writer (``sync.package_write``) and
# every verifier (``verify_chain``) encode an event with these three functions and nothing else:
#   hash = SHA-256(encode_header(event_header(…)) + "\n" + canonical_json(payload))
#   line = canonical_json(EventRecord.to_plain()) = event_line(header_json, hash, payload_json)


def event_header(
    uuid: str,
    device_id: str,
    epoch: int,
    seq: int,
    kind: str,
    actor: str,
    occurred_at: str,
    dossier_uuid: str | None,
    dossier_rev: int | None,
    prev_hash: str,
) -> dict[str, Any]:
    """The hashed header of an event (``occurred_at`` already in its stored ISO form)."""
    return {
        "uuid": uuid,
        "device_id": device_id,
        "epoch": epoch,
        "seq": seq,
        "kind": kind,
        "actor": actor,
        "occurred_at": occurred_at,
        "dossier_uuid": dossier_uuid,
        "dossier_rev": dossier_rev,
        "prev_hash": prev_hash,
    }


def encode_header(header: dict[str, Any]) -> str:
    """The canonical JSON of an event's hashed header (``event_header``)."""
    return canonical_json(header)


def event_hash(header_json: str, payload_json: str) -> str:
    """The chain hash of an event from its encoded header and its payload's canonical JSON."""
    return hashlib.sha256((header_json + "\n" + payload_json).encode("utf-8")).hexdigest()


def event_line(header_json: str, hash_: str, payload_json: str) -> str:
    """``canonical_json(EventRecord.to_plain())`` from the encoded header, the hash and the payload's
    canonical JSON, without encoding anything again (a package's JSON Lines).

    The header's keys are sorted, so ``"hash"`` goes before ``"kind"`` and ``"payload"`` before
    ``"prev_hash"``; inside JSON strings every ``"`` is escaped, so ``,"kind":`` can only be the key.
    """
    kind = header_json.index(',"kind":')
    prev = header_json.index(',"prev_hash":', kind)
    return f'{header_json[:kind]},"hash":"{hash_}"{header_json[kind:prev]},"payload":{payload_json}{header_json[prev:]}'


def compute_hash(event: EventRecord, payload_json: str | None = None) -> str:
    """The chain hash of ``event`` (``payload_json``: its payload already in canonical JSON)."""
    body = payload_json if payload_json is not None else canonical_json(event.payload)
    return event_hash(encode_header(event.header_fields()), body)


@dataclass(frozen=True)
class ChainBreak:
    """The first event whose link does not hold, with a Vietnamese explanation."""

    device_id: str
    epoch: int
    seq: int
    problem: str


def verify_chain(
    events: Iterable[EventRecord], *, start_prev: str | None = None, start_seq: int = 1
) -> ChainBreak | None:
    """Checks one device+epoch run of events, in sequence order.

    ``start_prev`` is the hash the first event must link to (None: accept what it says, for a
    run that begins mid-chain); ``start_seq`` the sequence it must have.
    """
    expected_prev = start_prev
    expected_seq = start_seq
    for event in events:
        if event.seq != expected_seq:
            problem = (
                f"thiếu sự kiện số {expected_seq}" if event.seq > expected_seq else f"sự kiện số {event.seq} lặp lại"
            )
            return ChainBreak(event.device_id, event.epoch, event.seq, problem)
        if expected_prev is not None and event.prev_hash != expected_prev:
            return ChainBreak(
                event.device_id, event.epoch, event.seq, "không nối với sự kiện liền trước (đã bị sửa, xóa hoặc chèn)"
            )
        if compute_hash(event) != event.hash:
            return ChainBreak(event.device_id, event.epoch, event.seq, "nội dung không khớp mã băm (đã bị sửa)")
        expected_prev = event.hash
        expected_seq += 1
    return None
