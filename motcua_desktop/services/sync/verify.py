"""Checking a package, an acknowledgement or a key card without importing anything (``motcua verify``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from motcua_desktop.crypto import keys
from motcua_desktop.domain.errors import Field, ValidationError
from motcua_desktop.services.sync.imports import file_kind
from motcua_desktop.storage import Store, open_store
from motcua_desktop.sync import ack as ack_format
from motcua_desktop.sync import cards, media
from motcua_desktop.sync.reader import load_manifest, read_limited, verify_files, verify_signature
from motcua_desktop.sync.signed import MAX_DOCUMENT_BYTES


@dataclass(frozen=True)
class Verified:
    file_name: str
    kind: str  # package | ack | card
    details: dict[str, object]
    message: str


def verify_file_with(path: Path, database: Path) -> Verified:
    """``verify_file`` using the devices enrolled in ``database`` when it exists (opened read-only)."""
    if not database.exists():
        return verify_file(path)
    with open_store(database, readonly=True) as store:
        return verify_file(path, store)


def verify_file(path: Path, store: Store | None = None) -> Verified:
    """Checks a package (manifest, signature, every file), an acknowledgement or a key card without
    importing anything; raises ``Rejected`` naming the problem. With ``store``, a package's signature is
    checked against the enrolled key of its device when that device is enrolled there."""
    ops = media.RealFileOps()
    if not path.is_file():
        raise ValidationError(Field("file", "Tệp"), f"không tìm thấy «{path}».", "Kiểm tra đường dẫn hoặc cắm lại USB.")
    kind = file_kind(ops, path)
    data = read_limited(ops, path, MAX_DOCUMENT_BYTES)
    if kind == "ack":
        ack, document = ack_format.read_ack(data, path.name)
        document.verify(ack.issuer_key, what="tệp xác nhận")
        details: dict[str, object] = {
            "device_id": ack.device_id,
            "epoch": ack.epoch,
            "acked_seq": ack.acked_seq,
            "issuer": ack.issuer_name,
            "issuer_fingerprint": ack.issuer_fingerprint,
        }
        return Verified(
            path.name,
            "ack",
            details,
            f"Tệp xác nhận hợp lệ: {ack.issuer_name} (khóa {ack.issuer_fingerprint}) đã nhận đủ dữ liệu máy "
            f"{ack.device_id}, kỷ nguyên {ack.epoch}, đến sự kiện {ack.acked_seq}.",
        )
    if cards.is_card(data):
        card = cards.read_card(data, path.name)
        details = {
            "role": card.role,
            "name": card.name,
            "device_id": card.device_id,
            "counter_no": card.counter_no,
            "signing_fingerprint": card.signing_fingerprint,
            "encryption_fingerprint": card.encryption_fingerprint,
        }
        return Verified(
            path.name,
            "card",
            details,
            f"Thẻ khóa hợp lệ: {card.describe()}. Dấu vân tay khóa ký {card.signing_fingerprint}, "
            f"khóa mã hóa {card.encryption_fingerprint} — so với bản in/điện thoại của nơi cấp trước khi dùng.",
        )
    manifest = load_manifest(path, ops)
    device = store.sync.peers.device(manifest.device_id) if store is not None else None
    verify_signature(manifest, device.signing_key if device else manifest.signer_key)
    verify_files(manifest, path.parent, ops)
    body = manifest.body
    fingerprint = keys.fingerprint(manifest.signer_key)
    details = {
        "device_id": manifest.device_id,
        "counter_no": manifest.counter_no,
        "epoch": manifest.epoch,
        "batch": manifest.batch,
        "first_seq": body["first_seq"],
        "last_seq": body["last_seq"],
        "event_count": body["event_count"],
        "dossier_count": body["dossier_count"],
        "counts": body["counts"],
        "created_at": body["created_at"],
        "signer_fingerprint": fingerprint,
        "signer_enrolled": device is not None,
        "files": [e["name"] for e in manifest.files],
        "recipients": [e["recipient"]["name"] for e in manifest.files if e["role"] == "payload"],
    }
    who = (
        "khớp khóa đã đăng ký của máy đó"
        if device
        else f"khớp khóa ghi trong gói (dấu vân tay {fingerprint}); hãy so với thẻ khóa của máy đó"
    )
    return Verified(
        path.name,
        "package",
        details,
        f"Gói hợp lệ: {manifest.describe()}, {body['dossier_count']} hồ sơ, đủ {len(manifest.files) + 1} tệp, "
        f"mã băm khớp; chữ ký {who}.",
    )
