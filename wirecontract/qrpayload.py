"""The signed credential inside the card's QR code: compact binary, Ed25519, in a verification URL.

Format (version 1), all integers big-endian; see docs/credential-card.md for the size budget:

    URL   = BASE "/V/" base32(BODY)            upper case, no padding: QR alphanumeric mode throughout
    BODY  = CLAIMS SIGNATURE(64) CHECK(2)
    CLAIMS = header(1: format<<4 | demo) key_id(8) valid_from(2) valid_to(2) services(2: bit mask)
             version(varint) stars(1) credential_no name masked_id agency   (texts: length(1) + GB18030)
    SIGNATURE = Ed25519 over  DOMAIN + BASE "/V/" + CLAIMS      (the URL's base is signed too)
    CHECK = SHA-256(BASE "/V/" + CLAIMS + SIGNATURE)[:2]        (unkeyed: tells alteration from forgery)

Dates are days since 2000-01-01. Service types are bits in SERVICE_BITS order (append only, never
reorder). The masked ID number's run of `*` is stored as one `*` and its length in `stars`. This module needs only the standard library and `cryptography`
(through wirecontract.signing) so the centre's verification page imports it as the terminal does.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import enum
import hashlib
import re
import struct
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from wirecontract import signing
from wirecontract.errors import InvalidClaims, MalformedPayload, PayloadTooLarge

FORMAT_VERSION = 1
DOMAIN = b"SH-HSC-QR1"
PATH = "/V/"
EPOCH = dt.date(2000, 1, 1)
SIGNATURE_LENGTH = 64
CHECK_LENGTH = 2
KEY_ID_LENGTH = 8
# Alphanumeric capacity of a version-10 QR code at error correction M: keeps modules large on a card.
MAX_URL_CHARS = 311
_QR_ALPHANUMERIC = re.compile(r"[0-9A-Z $%*+\-./:]*")
_DEMO_FLAG = 0x01
# Bit i of the services mask = SERVICE_BITS[i]; the codes of terminal.core.service_types. Append only.
SERVICE_BITS = (
    "cleaning", "maternity", "infant", "elderly", "patient", "cooking", "hourly", "appliance", "live_in",
    "disabled",
)  # fmt: skip
_STAR_RUN = re.compile(r"\*+")


class Signer(Protocol):
    @property
    def key_id(self) -> str: ...

    def sign(self, message: bytes) -> bytes: ...


@dataclass(frozen=True)
class CredentialClaims:
    """What a credential states; `service_codes` are codes from SERVICE_BITS (e.g. "cleaning")."""

    credential_no: str
    version: int
    name: str
    masked_id_number: str
    agency: str
    service_codes: tuple[str, ...]
    valid_from: dt.date
    valid_to: dt.date
    demo: bool = False


@dataclass(frozen=True)
class DecodedCredential:
    claims: CredentialClaims
    terminal_key_id: str
    base_url: str
    signed_message: bytes
    signature: bytes
    check_matches: bool


class VerificationReason(enum.StrEnum):
    VALID = "valid"
    MALFORMED = "malformed"
    ALTERED_PAYLOAD = "altered_payload"
    UNKNOWN_TERMINAL = "unknown_terminal"
    BAD_SIGNATURE = "bad_signature"
    REVOKED = "revoked"
    DEMO_REFUSED = "demo_refused"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"

    def explain(self, lang: str = "zh") -> str:
        zh, en = _EXPLANATIONS[self]
        return zh if lang.startswith("zh") else en


_EXPLANATIONS: dict[VerificationReason, tuple[str, str]] = {
    VerificationReason.VALID: ("证件有效。", "The credential is valid."),
    VerificationReason.MALFORMED: ("不是上门服务证二维码，或二维码内容不完整。", "Not a home-service credential QR code, or it is incomplete."),
    VerificationReason.ALTERED_PAYLOAD: ("二维码内容被改动过，证件无效。", "The QR content was changed after issue: not valid."),
    VerificationReason.UNKNOWN_TERMINAL: ("签发终端未登记，无法确认真伪。", "The issuing terminal is not known: authenticity cannot be confirmed."),
    VerificationReason.BAD_SIGNATURE: ("签名不正确，证件可能是伪造的。", "The signature is wrong: the credential may be forged."),
    VerificationReason.REVOKED: ("证件已作废（已补打新版本或被注销）。", "The credential was voided (reprinted or revoked)."),
    VerificationReason.DEMO_REFUSED: ("这是演示证件，不是真实证件。", "This is a demo credential, not a real one."),
    VerificationReason.NOT_YET_VALID: ("证件尚未生效。", "The credential is not valid yet."),
    VerificationReason.EXPIRED: ("证件已过期。", "The credential has expired."),
}  # fmt: skip


@dataclass(frozen=True)
class VerificationResult:
    valid: bool
    reason: VerificationReason
    credential: DecodedCredential | None = None

    def to_json(self) -> dict[str, Any]:
        claims = self.credential.claims if self.credential else None
        return {
            "valid": self.valid,
            "reason": self.reason.value,
            "credential_no": claims.credential_no if claims else None,
            "version": claims.version if claims else None,
            "name": claims.name if claims else None,
            "agency": claims.agency if claims else None,
            "valid_to": claims.valid_to.isoformat() if claims else None,
            "terminal_id": self.credential.terminal_key_id if self.credential else None,
            "demo": claims.demo if claims else None,
        }


def verification_base(base_url: str) -> str:
    """`https://verify.example.cn` → `HTTPS://VERIFY.EXAMPLE.CN/V/` (QR alphanumeric characters only)."""
    base = base_url.strip().rstrip("/").upper() + PATH
    if not _QR_ALPHANUMERIC.fullmatch(base):
        raise InvalidClaims(field=f"verification URL {base_url!r} (letters, digits and . - / : only)")
    return base


def encode(claims: CredentialClaims, key: Signer, base_url: str) -> str:
    """Sign `claims` with the terminal key and return the URL to put in the QR code."""
    base = verification_base(base_url)
    body = _pack_claims(claims, key.key_id)
    signature = key.sign(DOMAIN + base.encode("ascii") + body)
    signed = body + signature
    check = hashlib.sha256(base.encode("ascii") + signed).digest()[:CHECK_LENGTH]
    url = base + _b32(signed + check)
    if len(url) > MAX_URL_CHARS:
        raise PayloadTooLarge(length=len(url), limit=MAX_URL_CHARS)
    return url


def decode(text: str) -> DecodedCredential:
    """Parse scanned QR text (the whole URL). Raises MalformedPayload; does not check the signature."""
    text = text.strip()
    cut = text.rfind(PATH)
    if cut < 0:
        raise MalformedPayload(reason="no /V/ path")
    base, data = text[: cut + len(PATH)], text[cut + len(PATH) :]
    raw = _b32_decode(data)
    if len(raw) < SIGNATURE_LENGTH + CHECK_LENGTH + 1:
        raise MalformedPayload(reason="too short")
    body, signature = raw[: -SIGNATURE_LENGTH - CHECK_LENGTH], raw[-SIGNATURE_LENGTH - CHECK_LENGTH : -CHECK_LENGTH]
    check = raw[-CHECK_LENGTH:]
    base_bytes = base.encode("utf-8")
    check_matches = hashlib.sha256(base_bytes + body + signature).digest()[:CHECK_LENGTH] == check
    claims, key_id = _unpack_claims(body)
    return DecodedCredential(claims, key_id, base, DOMAIN + base_bytes + body, signature, check_matches)


def verify(
    text: str,
    known_keys: Mapping[str, bytes],
    revoked: Collection[tuple[str, int] | str] = (),
    today: dt.date | None = None,
    allow_demo: bool = False,
) -> VerificationResult:
    """Check scanned QR text. `known_keys`: terminal key id → raw Ed25519 public key. `revoked` holds
    (credential_no, version) pairs or bare credential numbers (every version). A verifier that allows demo
    credentials (a demo home) passes `allow_demo=True`; the result then still carries `demo: true`."""
    try:
        decoded = decode(text)
    except MalformedPayload:
        return VerificationResult(False, VerificationReason.MALFORMED)
    claims = decoded.claims
    today = today or dt.date.today()
    public = known_keys.get(decoded.terminal_key_id)
    reason = VerificationReason.VALID
    if not decoded.check_matches:
        reason = VerificationReason.ALTERED_PAYLOAD
    elif public is None:
        reason = VerificationReason.UNKNOWN_TERMINAL
    elif not signing.verify(public, decoded.signed_message, decoded.signature):
        reason = VerificationReason.BAD_SIGNATURE
    elif (claims.credential_no, claims.version) in revoked or claims.credential_no in revoked:
        reason = VerificationReason.REVOKED
    elif claims.demo and not allow_demo:
        reason = VerificationReason.DEMO_REFUSED
    elif today < claims.valid_from:
        reason = VerificationReason.NOT_YET_VALID
    elif today > claims.valid_to:
        reason = VerificationReason.EXPIRED
    return VerificationResult(reason is VerificationReason.VALID, reason, decoded)


# --- packing ------------------------------------------------------------------------------------


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _b32_decode(text: str) -> bytes:
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError) as err:
        raise MalformedPayload(reason="not base32") from err
    if _b32(raw) != text:  # unused trailing bits or bad length: only the canonical form is accepted
        raise MalformedPayload(reason="not canonical base32")
    return raw


def _days(day: dt.date) -> int:
    days = (day - EPOCH).days
    if not 0 <= days <= 0xFFFF:
        raise InvalidClaims(field=f"date {day.isoformat()} out of range")
    return days


def _pack_claims(claims: CredentialClaims, key_id: str) -> bytes:
    key_raw = base64.b32decode(key_id + "=" * (-len(key_id) % 8))
    if len(key_raw) != KEY_ID_LENGTH:
        raise InvalidClaims(field="terminal key id")
    mask = 0
    for code in claims.service_codes:
        if code not in SERVICE_BITS:
            raise InvalidClaims(field=f"service type {code!r}")
        mask |= 1 << SERVICE_BITS.index(code)
    header = (FORMAT_VERSION << 4) | (_DEMO_FLAG if claims.demo else 0)
    runs = _STAR_RUN.findall(claims.masked_id_number)
    stars = len(runs[0]) if len(runs) == 1 and len(runs[0]) <= 0xFF else 0
    masked = _STAR_RUN.sub("*", claims.masked_id_number) if stars else claims.masked_id_number
    parts = [
        bytes([header]),
        key_raw,
        struct.pack(">HHH", _days(claims.valid_from), _days(claims.valid_to), mask),
        _varint(claims.version),
        bytes([stars]),
    ]
    for text in (claims.credential_no, claims.name, masked, claims.agency):
        encoded = text.encode("gb18030")
        if len(encoded) > 0xFF:
            raise PayloadTooLarge(length=len(encoded), limit=0xFF)
        parts.append(bytes([len(encoded)]) + encoded)
    return b"".join(parts)


def _unpack_claims(body: bytes) -> tuple[CredentialClaims, str]:
    reader = _Reader(body)
    header = reader.take(1)[0]
    if header >> 4 != FORMAT_VERSION or header & 0x0F & ~_DEMO_FLAG:
        raise MalformedPayload(reason="unknown format")
    key_id = base64.b32encode(reader.take(KEY_ID_LENGTH)).decode("ascii").rstrip("=")
    valid_from, valid_to, mask = struct.unpack(">HHH", reader.take(6))
    if mask >> len(SERVICE_BITS):
        raise MalformedPayload(reason="unknown service type")
    version = reader.varint()
    stars = reader.take(1)[0]
    credential_no, name, masked, agency = (reader.text() for _ in range(4))
    if not reader.at_end():
        raise MalformedPayload(reason="trailing bytes")
    if stars:
        if masked.count("*") != 1:
            raise MalformedPayload(reason="bad masked number")
        masked = masked.replace("*", "*" * stars)
    claims = CredentialClaims(
        credential_no=credential_no,
        version=version,
        name=name,
        masked_id_number=masked,
        agency=agency,
        service_codes=tuple(code for i, code in enumerate(SERVICE_BITS) if mask >> i & 1),
        valid_from=EPOCH + dt.timedelta(days=valid_from),
        valid_to=EPOCH + dt.timedelta(days=valid_to),
        demo=bool(header & _DEMO_FLAG),
    )
    return claims, key_id


def _varint(value: int) -> bytes:
    if value < 0:
        raise InvalidClaims(field="credential version")
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0

    def take(self, count: int) -> bytes:
        if self._pos + count > len(self._data):
            raise MalformedPayload(reason="truncated")
        chunk = self._data[self._pos : self._pos + count]
        self._pos += count
        return chunk

    def varint(self) -> int:
        value = shift = 0
        while True:
            byte = self.take(1)[0]
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return value
            if shift > 28:
                raise MalformedPayload(reason="bad version number")

    def text(self) -> str:
        raw = self.take(self.take(1)[0])
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError as err:
            raise MalformedPayload(reason="bad text") from err

    def at_end(self) -> bool:
        return self._pos == len(self._data)
