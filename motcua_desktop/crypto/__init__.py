"""Standard cryptography for data that leaves the PC: HPKE envelopes, Ed25519 signatures, key storage.

Nothing home-made: RFC 9180 HPKE (X25519, HKDF-SHA256, AES-256-GCM) and Ed25519 from the
``cryptography`` package.
"""
