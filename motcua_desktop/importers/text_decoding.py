"""Decoding text files as Vietnamese offices produce them.

Excel's "CSV" on a Vietnamese Windows saves in Windows-1258 (which stores many tones as
combining marks, hence NFC afterwards); newer tools write UTF-8, with or without a BOM, or
UTF-16. Old documents still use the legacy font encodings TCVN3 (ABC, ".VnTime") and VNI: their
bytes decode without error as single-byte text, so they are recognised by their tell-tale
characters and rejected with the fix, never imported as gibberish.
"""

from __future__ import annotations

import re
import unicodedata

from motcua_desktop.domain.errors import FileProblem

# Legacy font encodings are single-byte; they are recognised on a Windows-1252 view of the bytes.
# TCVN3 (ABC) puts ă â ê ô ơ ư đ and many toned vowels at 0xA1–0xBE: symbols ¡…¾ in that view.
_TCVN3_MARKERS = {chr(c) for c in range(0xA1, 0xBF)}
# VNI writes a vowel followed by a separate tone byte (ù ø û õ ï in that view), and đ as ñ.
_VNI_PATTERN = re.compile(r"[aeiouyAEIOUY][ùøûõïÙØÛÕÏ]|ñ|Ñ")
_NOT_VIETNAMESE_EXTENDED = set("ŒœŠšŸŽžƒ")


def decode_text(data: bytes, file_name: str) -> str:
    """Unicode NFC text of a file; raises FileProblem for empty, binary or legacy-encoded files."""
    if not data.strip():
        raise FileProblem(file_name, "tệp rỗng.", fix="Chọn đúng tệp dữ liệu.")
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data[3:], "utf-8", file_name)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _strict(data, "utf-16", file_name)
    elif b"\x00" in data[:4096]:
        raise FileProblem(
            file_name, "không phải tệp văn bản (có ký tự nhị phân).", fix="Lưu tệp dạng CSV (UTF-8) rồi nhập lại."
        )
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            _reject_legacy(data.decode("cp1252", errors="replace"), file_name)
            text = _strict(data, "cp1258", file_name)
    _reject_legacy(text, file_name)  # legacy text that a tool re-saved as UTF-8 as if it were Latin-1
    return unicodedata.normalize("NFC", text)


def _strict(data: bytes, encoding: str, file_name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FileProblem(
            file_name,
            f"không đọc được bảng mã (byte lỗi ở vị trí {exc.start}).",
            fix="Lưu lại tệp với bảng mã Unicode (UTF-8) rồi nhập lại.",
        ) from None


def legacy_encoding(view: str) -> str | None:
    """'TCVN3' or 'VNI' when ``view`` (text, or bytes read as Windows-1252) looks like a legacy
    font encoding; real Unicode Vietnamese is full of letters beyond Latin-1 (ư ơ đ ạ ế …)."""
    real = sum(0x100 <= ord(ch) <= 0x1EFF and ch not in _NOT_VIETNAMESE_EXTENDED for ch in view)
    tcvn = sum(ch in _TCVN3_MARKERS for ch in view)
    vni = len(_VNI_PATTERN.findall(view))
    if vni >= 3 and vni > real:
        return "VNI"
    if tcvn >= 5 and tcvn > real:
        return "TCVN3"
    return None


def _reject_legacy(text: str, file_name: str) -> None:
    legacy = legacy_encoding(text)
    if legacy is not None:
        fonts = ".VnTime/ABC" if legacy == "TCVN3" else "VNI-Times"
        raise FileProblem(
            file_name,
            f"tệp có vẻ dùng bảng mã cũ {legacy} (phông {fonts}), không phải Unicode.",
            fix="Dùng công cụ chuyển mã (ví dụ Unikey Toolkit: nguồn "
            f"{legacy}, đích Unicode) để chuyển tệp sang Unicode rồi nhập lại. Không có dữ liệu nào được ghi.",
        )
