"""The terminal's Ed25519 key: signs credential QR payloads and sync requests.

The private key lives only inside the encrypted database; the central server learns the public key at
enrolment. `terminal_key_id` is a short, stable fingerprint of the public key used in QR payloads before
(and independent of) enrolment.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_key_id(public_raw: bytes) -> str:
    """8-byte fingerprint of a raw Ed25519 public key, base32 without padding (13 characters)."""
    return base64.b32encode(hashlib.sha256(public_raw).digest()[:8]).decode("ascii").rstrip("=")


@dataclass(frozen=True)
class TerminalKey:
    private_raw: bytes

    @classmethod
    def generate(cls) -> TerminalKey:
        key = Ed25519PrivateKey.generate()
        raw = key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        return cls(raw)

    @property
    def _key(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.private_raw)

    @functools.cached_property
    def public_raw(self) -> bytes:
        # Derived once per key object: the centre's key names itself on every verification page it serves.
        return self._key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    @property
    def key_id(self) -> str:
        return public_key_id(self.public_raw)

    def sign(self, message: bytes) -> bytes:
        return self._key.sign(message)

    def __repr__(self) -> str:
        return f"TerminalKey(key_id={self.key_id})"


def verify(public_raw: bytes, message: bytes, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True
