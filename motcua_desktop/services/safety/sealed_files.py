"""Encrypted backup files, written and read in chunks: a database of several gigabytes never sits
in memory (a counter PC has 4 GB), and FAT32's 4 GiB limit is checked before anything is written.

``seal_file_durably`` writes the sealed copy beside its final name, fsyncs, renames (with the
retries of ``fileio``), then reads it back from the device and compares SHA-256.
``open_sealed_file`` opens a sealed backup (chunked, or an older single-message one) into a file.
"""

from __future__ import annotations

import errno
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from motcua_desktop import fileio, volumes
from motcua_desktop.crypto import envelope

SEAL_OVERHEAD = 1024  # header and sealed file key; plus 16 bytes a chunk


def sealed_size(plain_size: int) -> int:
    chunks = max(1, -(-plain_size // envelope.STREAM_CHUNK))
    return plain_size + SEAL_OVERHEAD + 16 * chunks


def seal_file_durably(source: Path, target: Path, recipient: X25519PublicKey, context: bytes) -> int:
    """Seals ``source`` into ``target``; returns the sealed size. Raises ``OSError`` (with a
    Vietnamese ``strerror`` for a FAT32 stick too small for the file, or a failed read-back)."""
    size = sealed_size(source.stat().st_size)
    if size > volumes.FAT32_MAX_FILE and volumes.is_fat(volumes.filesystem_type(target.parent)):
        raise fileio.Explained(
            errno.EFBIG,
            f"bản sao lưu đã mã hóa sẽ lớn khoảng {size / 1024**3:.1f} GB, mà ổ này định dạng FAT32 chỉ chứa được tệp "
            "dưới 4 GB; hãy dùng ổ định dạng exFAT hoặc NTFS cho nơi sao lưu thứ hai",
        )
    with open(source, "rb") as plain:
        written, digest = fileio.write_atomic_stream(
            target, lambda out: envelope.seal_stream(plain, out, recipient, context)
        )
    if volumes.sha256_file(target, uncached=True) != digest:
        fileio.remove_file(target)
        raise fileio.Explained(
            errno.EIO, "dữ liệu đọc lại từ ổ không khớp với dữ liệu vừa ghi (ổ hỏng hoặc giả dung lượng)"
        )
    return written


def open_sealed_file(source: Path, target: Path, private_key: X25519PrivateKey, context: bytes) -> int:
    """Opens the sealed backup ``source`` into the new file ``target``; returns the plain size.
    Raises ``EnvelopeError`` (wrong key, damaged or cut file) or ``OSError``."""
    with open(source, "rb") as sealed:
        written, _digest = fileio.write_atomic_stream(
            target, lambda out: envelope.open_stream(sealed, out, private_key, context)
        )
    return written
