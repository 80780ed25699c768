"""What the writer and the reader of a package must agree on: format constants, recipients, the batch.

Kept apart so that ``package_write`` and ``package_read`` share one definition of the file names and
of the identity a payload is sealed to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from motcua_desktop.crypto import keys
from motcua_desktop.domain.serde import canonical_json

FORMAT = "motcua-sync-package"
FORMAT_VERSION = 1
OLDEST_ACCEPTED_VERSION = 1  # older versions are refused (a replayed old package cannot downgrade checks)
MANIFEST_SUFFIX = ".manifest.json"
BODY_KEY = "manifest"
WHAT = "tệp kê khai (manifest) của gói"
MAX_PAYLOAD_BYTES = 512 * 1024 * 1024
MAX_PLAINTEXT_BYTES = 2 * 1024 * 1024 * 1024 - 1


@dataclass(frozen=True)
class Recipient:
    role: str  # "upstream" | "consolidation"
    name: str
    encryption_key: str  # x25519:…

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.encryption_key)


@dataclass(frozen=True)
class BatchIdentity:
    agency_id: str
    device_id: str
    epoch: int
    batch: int
    first_seq: int
    last_seq: int
    prev_head: str
    head: str

    @property
    def stem(self) -> str:
        return package_stem(self.agency_id, self.device_id, self.epoch, self.batch)

    def sealing_context(self, recipient_fingerprint: str) -> bytes:
        """HPKE ``info``: the payload opens only as this batch of this device for this recipient."""
        identity = {
            "agency_id": self.agency_id,
            "batch": self.batch,
            "device_id": self.device_id,
            "epoch": self.epoch,
            "first_seq": self.first_seq,
            "head": self.head,
            "last_seq": self.last_seq,
            "prev_head": self.prev_head,
            "recipient": recipient_fingerprint,
        }
        return f"{FORMAT}/{FORMAT_VERSION}\n".encode() + canonical_json(identity).encode("utf-8")


def ascii_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "x"


def package_stem(agency_id: str, device_id: str, epoch: int, batch: int) -> str:
    return f"{ascii_part(agency_id)}_{ascii_part(device_id)}_e{epoch}_b{batch:06d}"
