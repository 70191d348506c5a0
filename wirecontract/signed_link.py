"""A signed link: a URL whose last path segment is base32(key_id(8) BODY SIGNATURE(64)), signed with a terminal's
Ed25519 key over DOMAIN + BASE PATH + key_id + BODY, so the verifier knows which key to ask for and the URL's base
is bound. The evaluation slip (evalslip.py) and the electronic credential's activation (ecard.py) use it; the
credential QR (qrpayload.py) predates it and keeps its own format."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from wirecontract.errors import MalformedPayload
from wirecontract.qrpayload import KEY_ID_LENGTH, SIGNATURE_LENGTH, Signer, _b32, _b32_decode, verification_base


@dataclass(frozen=True)
class OpenedLink:
    base: str  # e.g. HTTPS://VERIFY.EXAMPLE.CN/S/
    key_id: str
    body: bytes
    signed_message: bytes
    signature: bytes


def seal(domain: bytes, path: str, base_url: str, body: bytes, key: Signer) -> str:
    base = verification_base(base_url).removesuffix("/V/") + path
    key_raw = base64.b32decode(key.key_id + "=" * (-len(key.key_id) % 8))
    signed = key_raw + body
    return base + _b32(signed + key.sign(domain + base.encode("ascii") + signed))


def open_link(domain: bytes, path: str, text: str) -> OpenedLink:
    """Parse a signed link; raises MalformedPayload. The caller checks the signature with the key it trusts."""
    text = text.strip()
    cut = text.rfind(path)
    if cut < 0:
        raise MalformedPayload(reason=f"no {path} path")
    base, raw = text[: cut + len(path)], _b32_decode(text[cut + len(path) :])
    if len(raw) < KEY_ID_LENGTH + SIGNATURE_LENGTH + 1:
        raise MalformedPayload(reason="too short")
    signed, signature = raw[:-SIGNATURE_LENGTH], raw[-SIGNATURE_LENGTH:]
    key_id = base64.b32encode(signed[:KEY_ID_LENGTH]).decode("ascii").rstrip("=")
    return OpenedLink(base, key_id, signed[KEY_ID_LENGTH:], domain + base.encode("utf-8") + signed, signature)
