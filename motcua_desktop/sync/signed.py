"""Signed JSON documents (manifests, acknowledgements, key cards): ``{"<body>": {...}, "signature": "…"}``.

The file is exactly ``canonical_json(document) + "\\n"`` in UTF-8, and the signature is Ed25519 over
``canonical_json(body)``. A reader refuses any other byte sequence — even one that would parse to
the same values (extra spaces, a non-canonical base64 signature) — so every changed byte is caught.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from motcua_desktop.crypto import keys, signing
from motcua_desktop.domain.errors import FileProblem, KnownError
from motcua_desktop.domain.serde import canonical_json

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

MAX_DOCUMENT_BYTES = 4 * 1024 * 1024


class Rejected(FileProblem):
    """A package, acknowledgement or key card that cannot be used; nothing from it was written."""


def reject(file_name: str, problem: str, fix: str = "") -> Rejected:
    return Rejected(file_name, problem, fix=fix)


def dump(body_key: str, body: dict[str, Any], key: Ed25519PrivateKey) -> bytes:
    signature = signing.sign(key, canonical_json(body).encode("utf-8"))
    return (canonical_json({body_key: body, "signature": signature}) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Document:
    body: dict[str, Any]
    signature: str
    file_name: str

    def verify(self, public_key_text: str, *, what: str) -> None:
        """Raises ``Rejected`` unless ``public_key_text`` (``ed25519:…``) signed this body."""
        try:
            public = keys.parse_ed25519_public(public_key_text)
            signing.verify(public, canonical_json(self.body).encode("utf-8"), self.signature, what=what)
        except KnownError as exc:
            raise reject(
                self.file_name,
                f"{exc.message}",
                "Không dùng tệp này; hãy xin lại tệp gốc (và so dấu vân tay khóa với bản đã đăng ký).",
            ) from None


def load(data: bytes, file_name: str, body_key: str, *, what: str) -> Document:
    """Parses a signed document, refusing anything not byte-for-byte canonical."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise reject(file_name, f"quá lớn để là {what}.")
    try:
        # A card opened and saved in Notepad gains a BOM (and maybe CR LF at its one line end):
        # neither is content, and the signature covers the body, so both are forgiven.
        text = data.decode("utf-8-sig")
        if text.endswith("\r\n"):
            text = text[:-2] + "\n"
        document = json.loads(text)
    except (UnicodeDecodeError, ValueError):
        raise reject(
            file_name, f"không đọc được {what} (tệp bị cắt cụt hoặc hỏng).", "Hãy chép lại tệp từ nguồn."
        ) from None
    if (
        not isinstance(document, dict)
        or set(document) != {body_key, "signature"}
        or not isinstance(document[body_key], dict)
        or not isinstance(document["signature"], str)
    ):
        raise reject(file_name, f"không phải {what} của Một cửa Desktop.")
    try:
        canonical = canonical_json(document) + "\n"
    except ValueError:
        raise reject(file_name, f"{what} chứa giá trị không hợp lệ.") from None
    if canonical != text or not _canonical_base64(document["signature"]):
        raise reject(file_name, f"{what} đã bị sửa (không còn ở dạng gốc).", "Hãy chép lại tệp từ nguồn.")
    return Document(document[body_key], document["signature"], file_name)


def _canonical_base64(text: str) -> bool:
    try:
        return base64.b64encode(base64.b64decode(text, validate=True)).decode("ascii") == text
    except (binascii.Error, ValueError):
        return False


def require(body: dict[str, Any], file_name: str, fields: dict[str, type | tuple[type, ...]], *, what: str) -> None:
    """Every field present with the right JSON type (bool is not an int here)."""
    for name, kind in fields.items():
        value = body.get(name)
        if value is None or (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
            raise reject(file_name, f"{what} thiếu hoặc sai trường «{name}».")
