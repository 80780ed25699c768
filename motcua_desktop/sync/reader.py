"""Opening a package from its manifest: every check, in the order that stops bad input earliest.

1. the manifest is canonical, of a known format version, internally consistent;
2. its device is enrolled and signed it (Ed25519, against the enrolled key, not the one it carries);
3. every listed file is present, of the listed size and SHA-256 (payloads for other recipients and
   the office files too: one changed byte anywhere rejects the package);
4. the payload sealed to this recipient opens (HPKE, context = the batch identity) and decompresses
   to the declared size and hash;
5. each event's hash is recomputed and the chain walked from ``prev_head`` to ``head``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from motcua_desktop.domain.events import EventRecord
from motcua_desktop.sync import media
from motcua_desktop.sync.package import (
    MANIFEST_SUFFIX,
    MAX_PAYLOAD_BYTES,
    WHAT,
    Manifest,
    check_file,
    open_payload,
    parse_events,
    read_manifest,
)
from motcua_desktop.sync.signed import MAX_DOCUMENT_BYTES, reject

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey


@dataclass(frozen=True)
class OpenedPackage:
    path: Path
    manifest: Manifest
    events: list[EventRecord]


def read_limited(ops: media.FileOps, path: Path, limit: int) -> bytes:
    try:
        if ops.size(path) > limit:
            raise reject(path.name, "quá lớn, không phải tệp của gói dữ liệu.")
        return ops.read(path)
    except FileNotFoundError:
        raise reject(
            path.name, "không tìm thấy tệp.", "Hãy chép đủ các tệp của gói (cùng tên đầu) vào cùng thư mục."
        ) from None
    except OSError as exc:
        raise reject(path.name, f"không đọc được tệp ({exc.strerror or exc}).", "Kiểm tra USB rồi nhập lại.") from None


def load_manifest(path: Path, ops: media.FileOps | None = None) -> Manifest:
    ops = ops or media.RealFileOps()
    if path.name.endswith(media.PARTIAL_SUFFIX):
        raise reject(path.name, "là tệp đang ghi dở (chưa hoàn tất), không nhập.", "Hãy xuất lại từ máy quầy.")
    return read_manifest(read_limited(ops, path, MAX_DOCUMENT_BYTES), path.name)


def verify_files(manifest: Manifest, folder: Path, ops: media.FileOps | None = None) -> dict[str, bytes]:
    """Every listed file, checked against the manifest."""
    ops = ops or media.RealFileOps()
    found: dict[str, bytes] = {}
    for entry in manifest.files:
        data = read_limited(ops, folder / entry["name"], MAX_PAYLOAD_BYTES)
        check_file(manifest, entry, data)
        found[entry["name"]] = data
    return found


def open_package(
    path: Path,
    *,
    signer_key_for: Callable[[Manifest], str],
    private_key: X25519PrivateKey,
    fingerprint: str,
    ops: media.FileOps | None = None,
) -> OpenedPackage:
    """Verifies and decrypts the package whose manifest is ``path``; raises ``Rejected`` naming the problem."""
    manifest = load_manifest(path, ops)
    verify_signature(manifest, signer_key_for(manifest))
    entry = manifest.payload_for(fingerprint)
    if entry is None:
        raise reject(
            path.name,
            f"{manifest.describe()} không được mã hóa cho máy này (khóa {fingerprint}).",
            "Quầy gửi cần thêm thẻ khóa của máy này vào danh sách nơi nhận rồi xuất lại.",
        )
    files = verify_files(manifest, path.parent, ops)
    jsonl = open_payload(manifest, entry, files[entry["name"]], private_key)
    return OpenedPackage(path, manifest, parse_events(manifest, jsonl, source=entry["name"]))


def verify_signature(manifest: Manifest, enrolled_key: str) -> None:
    if manifest.signer_key != enrolled_key:
        raise reject(
            manifest.file_name,
            f"{manifest.describe()} được ký bằng khóa khác với khóa đã đăng ký của máy {manifest.device_id}.",
            "Nếu máy đó đã cài lại, quản trị viên đăng ký lại thẻ khóa mới của máy (so dấu vân tay trước khi nhận).",
        )
    manifest.document.verify(enrolled_key, what=WHAT)


def is_manifest_name(name: str) -> bool:
    return name.endswith(MANIFEST_SUFFIX)
