"""Reading a package: the manifest's form and consistency, each listed file, this recipient's payload.

Everything here is checked before any event is looked at; the signature is checked by the caller
against the key enrolled for the device (``sync.reader``).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from motcua_desktop.crypto import envelope
from motcua_desktop.sync import signed
from motcua_desktop.sync.media import sha256_hex
from motcua_desktop.sync.package_identity import (
    BODY_KEY,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_SUFFIX,
    MAX_PLAINTEXT_BYTES,
    OLDEST_ACCEPTED_VERSION,
    WHAT,
    BatchIdentity,
)
from motcua_desktop.sync.signed import reject

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")

_MANIFEST_FIELDS: dict[str, type | tuple[type, ...]] = {
    "format": str,
    "format_version": int,
    "agency_id": str,
    "unit_name": str,
    "device_id": str,
    "counter_no": int,
    "epoch": int,
    "batch": int,
    "first_seq": int,
    "last_seq": int,
    "event_count": int,
    "counts": dict,
    "dossier_count": int,
    "prev_head": str,
    "head": str,
    "payload": dict,
    "files": list,
    "app_version": str,
    "created_at": str,
    "signer": dict,
}


@dataclass(frozen=True)
class Manifest:
    """A manifest whose structure is valid (its signature is checked separately, against the enrolled key)."""

    document: signed.Document
    body: dict[str, Any]

    @property
    def file_name(self) -> str:
        return self.document.file_name

    @property
    def identity(self) -> BatchIdentity:
        b = self.body
        return BatchIdentity(
            b["agency_id"],
            b["device_id"],
            b["epoch"],
            b["batch"],
            b["first_seq"],
            b["last_seq"],
            b["prev_head"],
            b["head"],
        )

    @property
    def device_id(self) -> str:
        return str(self.body["device_id"])

    @property
    def epoch(self) -> int:
        return int(self.body["epoch"])

    @property
    def batch(self) -> int:
        return int(self.body["batch"])

    @property
    def counter_no(self) -> int:
        return int(self.body["counter_no"])

    @property
    def signer_key(self) -> str:
        return str(self.body["signer"].get("key", ""))

    @property
    def files(self) -> list[dict[str, Any]]:
        return list(self.body["files"])

    def describe(self) -> str:
        b = self.body
        return f"gói {b['batch']} của quầy {b['counter_no']} (máy {b['device_id']}, sự kiện {b['first_seq']}–{b['last_seq']})"

    def payload_for(self, fingerprint: str) -> dict[str, Any] | None:
        for entry in self.files:
            recipient = entry.get("recipient")
            if (
                entry.get("role") == "payload"
                and isinstance(recipient, dict)
                and recipient.get("fingerprint") == fingerprint
            ):
                return entry
        return None


def read_manifest(data: bytes, file_name: str) -> Manifest:
    """Checks the manifest's form, version and internal consistency (not yet its signature)."""
    document = signed.load(data, file_name, BODY_KEY, what=WHAT)
    body = document.body
    if body.get("format") != FORMAT:
        raise reject(file_name, "không phải tệp kê khai gói dữ liệu của Một cửa Desktop.")
    version = body.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise reject(file_name, "thiếu phiên bản định dạng.")
    if version > FORMAT_VERSION:
        raise reject(
            file_name,
            f"gói theo định dạng phiên bản {version}, chương trình này chỉ đọc đến phiên bản {FORMAT_VERSION}.",
            "Hãy cập nhật Một cửa Desktop lên phiên bản mới nhất rồi nhập lại.",
        )
    if version < OLDEST_ACCEPTED_VERSION:
        raise reject(
            file_name,
            f"gói theo định dạng cũ (phiên bản {version}) không còn được chấp nhận.",
            "Yêu cầu quầy gửi xuất lại bằng phiên bản hiện hành.",
        )
    signed.require(body, file_name, _MANIFEST_FIELDS, what=WHAT)
    first, last, count = body["first_seq"], body["last_seq"], body["event_count"]
    if not (1 <= first <= last) or count != last - first + 1 or body["epoch"] < 1 or body["batch"] < 1:
        raise reject(file_name, f"khoảng sự kiện {first}–{last} không khớp số sự kiện {count}.")
    if not (_HEX64.match(body["prev_head"]) and _HEX64.match(body["head"])):
        raise reject(file_name, "mã băm đầu/cuối chuỗi không hợp lệ.")
    if sum(v for v in body["counts"].values() if isinstance(v, int)) != count:
        raise reject(file_name, "số sự kiện theo loại không khớp tổng số sự kiện.")
    payload = body["payload"]
    signed.require(
        payload, file_name, {"size": int, "sha256": str, "compression": str, "encoding": str}, what="phần dữ liệu"
    )
    names = set()
    for entry in body["files"]:
        if not isinstance(entry, dict):
            raise reject(file_name, "danh sách tệp không hợp lệ.")
        signed.require(entry, file_name, {"name": str, "role": str, "size": int, "sha256": str}, what="mục tệp")
        name = entry["name"]
        if not _SAFE_NAME.match(name) or name.endswith(MANIFEST_SUFFIX) or name in names or ".." in name:
            raise reject(file_name, f"tên tệp «{name}» trong gói không hợp lệ.")
        names.add(name)
    if not any(e["role"] == "payload" for e in body["files"]):
        raise reject(file_name, "gói không có phần dữ liệu đã mã hóa.")
    return Manifest(document, body)


def check_file(manifest: Manifest, entry: dict[str, Any], data: bytes) -> None:
    if len(data) != entry["size"] or sha256_hex(data) != entry["sha256"]:
        raise reject(
            entry["name"],
            f"không khớp với tệp kê khai ({manifest.describe()}): tệp bị cắt cụt, bị sửa hoặc chép chưa xong.",
            "Hãy chép lại cả gói từ USB gốc hoặc yêu cầu quầy xuất lại.",
        )


def open_payload(manifest: Manifest, entry: dict[str, Any], sealed: bytes, private_key: X25519PrivateKey) -> bytes:
    """Decrypts and decompresses this recipient's payload; returns the JSON Lines."""
    fingerprint = entry["recipient"]["fingerprint"]
    try:
        compressed = envelope.open_sealed(sealed, private_key, manifest.identity.sealing_context(fingerprint))
    except envelope.EnvelopeError as exc:
        raise reject(entry["name"], exc.message) from None
    limit = min(int(manifest.body["payload"]["size"]), MAX_PLAINTEXT_BYTES)
    try:
        inflater = zlib.decompressobj(wbits=31)
        plaintext = inflater.decompress(compressed, limit + 1)
        complete = inflater.eof and not inflater.unconsumed_tail
    except zlib.error:
        plaintext, complete = b"", False
    if not complete or len(plaintext) != manifest.body["payload"]["size"]:
        raise reject(entry["name"], "dữ liệu sau giải mã không đúng kích thước đã kê khai.")
    if sha256_hex(plaintext) != manifest.body["payload"]["sha256"]:
        raise reject(entry["name"], "dữ liệu sau giải mã không khớp mã băm đã kê khai.")
    return plaintext
