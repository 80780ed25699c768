"""The export package: one batch of one PC's events, sealed to each recipient, with a signed manifest.

A package of batch k of device D, epoch e is a set of files sharing the stem
``<agency>_<device>_e<e>_b<k:06d>``:

- ``<stem>.p<i>.sealed`` — the events as canonical JSON Lines, gzip-compressed, sealed with HPKE to
  recipient i (the upstream office, the office's consolidation point…);
- ``<stem>.ho-so.xlsx`` / ``.csv`` — the office's list of the dossiers touched, without personal data in clear;
- ``<stem>.manifest.json`` — written last: identity, range, counts, chain heads, the SHA-256 of every
  file, signed with the device's Ed25519 key.

Written by ``package_write``, read by ``package_read`` and ``package_events``; the shared identity is in
``package_identity``. This module is the one place to import them from. See ``docs/export-format.md`` for the
field-by-field description.
"""

from __future__ import annotations

from motcua_desktop.sync.package_events import parse_event_lines, parse_events, plain_events
from motcua_desktop.sync.package_identity import (
    BODY_KEY,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_SUFFIX,
    MAX_PAYLOAD_BYTES,
    MAX_PLAINTEXT_BYTES,
    OLDEST_ACCEPTED_VERSION,
    WHAT,
    BatchIdentity,
    Recipient,
    ascii_part,
    package_stem,
)
from motcua_desktop.sync.package_read import Manifest, check_file, open_payload, read_manifest
from motcua_desktop.sync.package_write import (
    GZIP_LEVEL,
    BuiltPackage,
    ChainProblem,
    EventLines,
    build_package,
)

__all__ = [
    "BODY_KEY",
    "FORMAT",
    "FORMAT_VERSION",
    "GZIP_LEVEL",
    "MANIFEST_SUFFIX",
    "MAX_PAYLOAD_BYTES",
    "MAX_PLAINTEXT_BYTES",
    "OLDEST_ACCEPTED_VERSION",
    "WHAT",
    "BatchIdentity",
    "BuiltPackage",
    "ChainProblem",
    "EventLines",
    "Manifest",
    "Recipient",
    "ascii_part",
    "build_package",
    "check_file",
    "open_payload",
    "package_stem",
    "parse_event_lines",
    "parse_events",
    "plain_events",
    "read_manifest",
]
