"""The electronic credential (电子上门服务证): the activation link the agency's terminal gives the worker, the
centre's certificate of the key her phone made, and the QR the phone shows, re-signed every minute.

Activation link (signed by the terminal, wirecontract.signed_link):
    URL    = BASE "/A/" base32(key_id(8) BODY SIGNATURE(64))
    BODY   = format(1) issued(4: unix seconds) ttl(2: minutes) code(length(1) + ASCII) card(length(2) + CARD)
    CARD   = the printed card's QR body (qrpayload: CLAIMS SIGNATURE CHECK); its URL is BASE "/V/" base32(CARD)
    SIGNED = "SH-HSC-ECARD-ACT1" + BASE "/A/" + key_id + BODY

Certificate (signed by the centre when the phone registers its key with the link's one-time code):
    CERT   = Ed25519_centre("SH-HSC-ECARD-CERT1" + SHA-256(card URL) + phone_public(32) + certified(4))

The QR the phone shows (no key id: the phone key is in it, vouched for by the centre's certificate):
    URL    = BASE "/E/" base32(format(1) length(2) CARD phone_public certified(4) CERT(64) now(4) PROOF(64))
    PROOF  = the phone's signature over "SH-HSC-ECARD-NOW1" + now(4) + SHA-256(card URL)
    format 1: an Ed25519 phone key (public 32 bytes); format 2: ECDSA P-256 with SHA-256 (public 65 bytes,
    uncompressed; signature r||s), for browsers without Ed25519 in WebCrypto.

A verifier checks the chain: the card as a printed one (the agency's terminal key, the trust list), the centre's
certificate of the phone key for exactly that card, the phone's signature over a fresh time (within WINDOW
seconds of its own clock). A screenshot stops working after the window. Which phone is current, and the
credential's live status, need the centre (docs/keys-and-trust.md, "The electronic credential").
"""

from __future__ import annotations

import enum
import hashlib
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, utils

from wirecontract import signing
from wirecontract.errors import InvalidClaims, MalformedPayload
from wirecontract.qrpayload import PATH as CARD_PATH
from wirecontract.qrpayload import Signer, _b32, _b32_decode, _Reader, verification_base
from wirecontract.signed_link import OpenedLink, open_link, seal

ACTIVATION_DOMAIN = b"SH-HSC-ECARD-ACT1"
CERT_DOMAIN = b"SH-HSC-ECARD-CERT1"
NOW_DOMAIN = b"SH-HSC-ECARD-NOW1"
ACTIVATION_PATH = "/A/"
PATH = "/E/"
FORMAT = 1
WINDOW = 90  # seconds a shown QR stays believable: long enough to scan, too short to pass a screenshot on
ROTATION = 60  # seconds between two codes on the phone
ACTIVATION_TTL_MINUTES = 24 * 60
CODE_LENGTH = 10
PUBLIC_LENGTH = 32  # Ed25519
P256_PUBLIC_LENGTH = 65  # uncompressed point
P256_FORMAT = 2
_FORMATS = {FORMAT: PUBLIC_LENGTH, P256_FORMAT: P256_PUBLIC_LENGTH}
SIGNATURE_LENGTH = 64


@dataclass(frozen=True)
class Activation:
    code: str
    issued: int  # unix seconds, the terminal's clock
    ttl_minutes: int
    card_url: str

    @property
    def expires(self) -> int:
        return self.issued + self.ttl_minutes * 60


@dataclass(frozen=True)
class DecodedActivation:
    activation: Activation
    link: OpenedLink


def _root(base: str, path: str) -> str:
    return base.removesuffix(path)


def _card_body(card_url: str) -> tuple[str, bytes]:
    cut = card_url.rfind(CARD_PATH)
    if cut < 0:
        raise MalformedPayload(reason="no /V/ path")
    return card_url[:cut], _b32_decode(card_url[cut + len(CARD_PATH) :])


def encode_activation(activation: Activation, key: Signer, base_url: str) -> str:
    root, card = _card_body(activation.card_url)
    if root + CARD_PATH != verification_base(base_url):
        raise InvalidClaims(field="the card's verification address differs from this terminal's centre")
    code = activation.code.encode("ascii")
    body = bytes([FORMAT]) + struct.pack(">IH", activation.issued, activation.ttl_minutes)
    body += bytes([len(code)]) + code + struct.pack(">H", len(card)) + card
    return seal(ACTIVATION_DOMAIN, ACTIVATION_PATH, base_url, body, key)


def decode_activation(text: str) -> DecodedActivation:
    """Parse an activation link (raises MalformedPayload); the terminal's signature is the caller's to check."""
    link = open_link(ACTIVATION_DOMAIN, ACTIVATION_PATH, text)
    reader = _Reader(link.body)
    if reader.take(1)[0] != FORMAT:
        raise MalformedPayload(reason="unknown activation format")
    issued, ttl = struct.unpack(">IH", reader.take(6))
    try:
        code = reader.take(reader.take(1)[0]).decode("ascii")
    except UnicodeDecodeError as err:
        raise MalformedPayload(reason="bad code") from err
    (length,) = struct.unpack(">H", reader.take(2))
    card = reader.take(length)
    if not reader.at_end():
        raise MalformedPayload(reason="trailing bytes")
    card_url = _root(link.base, ACTIVATION_PATH) + CARD_PATH + _b32(card)
    return DecodedActivation(Activation(code, issued, ttl, card_url), link)


def card_digest(card_url: str) -> bytes:
    return hashlib.sha256(card_url.encode("ascii")).digest()


def certificate_message(card_url: str, phone_public: bytes, certified: int) -> bytes:
    return CERT_DOMAIN + card_digest(card_url) + phone_public + struct.pack(">I", certified)


def proof_message(card_url: str, now: int) -> bytes:
    return NOW_DOMAIN + struct.pack(">I", now) + card_digest(card_url)


@dataclass(frozen=True)
class Presentation:
    """What one rotating QR says."""

    card_url: str
    phone_public: bytes
    certified: int
    certificate: bytes
    now: int
    proof: bytes


def encode_presentation(p: Presentation) -> str:
    """The phone's QR (the page does the same in JavaScript, centre/ecard/static/ecard/card.js)."""
    root, card = _card_body(p.card_url)
    shape = P256_FORMAT if len(p.phone_public) == P256_PUBLIC_LENGTH else FORMAT
    body = bytes([shape]) + struct.pack(">H", len(card)) + card + p.phone_public
    body += struct.pack(">I", p.certified) + p.certificate + struct.pack(">I", p.now) + p.proof
    return root + PATH + _b32(body)


def decode_presentation(text: str) -> Presentation:
    text = text.strip()
    cut = text.rfind(PATH)
    if cut < 0:
        raise MalformedPayload(reason="no /E/ path")
    reader = _Reader(_b32_decode(text[cut + len(PATH) :]))
    key_length = _FORMATS.get(reader.take(1)[0])
    if key_length is None:
        raise MalformedPayload(reason="unknown e-credential format")
    (length,) = struct.unpack(">H", reader.take(2))
    card = reader.take(length)
    phone_public = reader.take(key_length)
    (certified,) = struct.unpack(">I", reader.take(4))
    certificate = reader.take(SIGNATURE_LENGTH)
    (now,) = struct.unpack(">I", reader.take(4))
    proof = reader.take(SIGNATURE_LENGTH)
    if not reader.at_end():
        raise MalformedPayload(reason="trailing bytes")
    return Presentation(text[:cut] + CARD_PATH + _b32(card), phone_public, certified, certificate, now, proof)


def valid_phone_key(public: bytes) -> bool:
    """An Ed25519 key (32 bytes) or a P-256 point (65 bytes, on the curve)."""
    if len(public) == PUBLIC_LENGTH:
        return True
    if len(public) != P256_PUBLIC_LENGTH:
        return False
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), public)
    except ValueError:
        return False
    return True


def verify_phone(public: bytes, message: bytes, signature: bytes) -> bool:
    """The phone's signature: Ed25519, or ECDSA P-256/SHA-256 as WebCrypto gives it (r||s, 32 bytes each)."""
    if len(public) == PUBLIC_LENGTH:
        return signing.verify(public, message, signature)
    if len(public) != P256_PUBLIC_LENGTH or len(signature) != SIGNATURE_LENGTH:
        return False
    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    try:
        key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), public)
        key.verify(utils.encode_dss_signature(r, s), message, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError):
        return False
    return True


class ChainReason(enum.StrEnum):
    """The phone's part of the chain (the card's own signature is qrpayload's). First failure wins."""

    FRESH = "fresh"
    NOT_CERTIFIED = "not_certified"  # the centre's certificate does not verify for this card and key
    BAD_PROOF = "bad_proof"  # the phone's signature is wrong
    STALE = "stale"  # outside the window: a screenshot, or a phone clock far off

    def explain(self, lang: str = "zh") -> str:
        zh, en = _EXPLANATIONS[self]
        return zh if lang.startswith("zh") else en


_EXPLANATIONS = {
    ChainReason.FRESH: ("电子证件由本人手机刚刚生成。", "Generated just now by the holder's phone."),
    ChainReason.NOT_CERTIFIED: ("手机密钥未经中心认证，电子证件无效。", "The phone key is not certified by the centre: not valid."),
    ChainReason.BAD_PROOF: ("手机签名不正确，电子证件可能是伪造的。", "The phone's signature is wrong: possibly forged."),
    ChainReason.STALE: ("二维码已过时（可能是截图），请让持证人在手机上重新打开电子证件。",
                        "The code is out of date (possibly a screenshot): ask the holder to open the e-credential again."),
}  # fmt: skip


def check_chain(p: Presentation, centre_public: bytes, now: int, window: int = WINDOW) -> ChainReason:
    """The centre's certificate and the phone's fresh signature (the card is checked as a printed one)."""
    if not signing.verify(centre_public, certificate_message(p.card_url, p.phone_public, p.certified), p.certificate):
        return ChainReason.NOT_CERTIFIED
    if not verify_phone(p.phone_public, proof_message(p.card_url, p.now), p.proof):
        return ChainReason.BAD_PROOF
    if abs(now - p.now) > window:
        return ChainReason.STALE
    return ChainReason.FRESH
