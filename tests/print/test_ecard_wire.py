"""The electronic credential's wire format (wirecontract/ecard.py): the activation link and the shown code round
trip; any changed character, a foreign certificate, a wrong phone signature or an old time is caught."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

from wirecontract import ecard, qrpayload, signing
from wirecontract.errors import InvalidClaims, MalformedPayload
from wirecontract.signing import TerminalKey

BASE = "https://verify.example.cn"
CLAIMS = qrpayload.CredentialClaims("SH2026000100001", 2, "王秀英", "310101********1234", "测试家政", ("cleaning",),
                                    dt.date(2026, 1, 1), dt.date(2027, 1, 1))  # fmt: skip
TERMINAL, CENTRE, PHONE = TerminalKey.generate(), TerminalKey.generate(), TerminalKey.generate()
CARD = qrpayload.encode(CLAIMS, TERMINAL, BASE)


def shown(now: int, phone: TerminalKey = PHONE, centre: TerminalKey = CENTRE) -> ecard.Presentation:
    certificate = centre.sign(ecard.certificate_message(CARD, PHONE.public_raw, 1_800_000_000))
    proof = phone.sign(ecard.proof_message(CARD, now))
    return ecard.Presentation(CARD, PHONE.public_raw, 1_800_000_000, certificate, now, proof)


def test_activation_link_round_trip_and_tampering() -> None:
    activation = ecard.Activation("ABCDE23456", 1_800_000_000, ecard.ACTIVATION_TTL_MINUTES, CARD)
    url = ecard.encode_activation(activation, TERMINAL, BASE)
    assert url.startswith("HTTPS://VERIFY.EXAMPLE.CN/A/")
    decoded = ecard.decode_activation(url)
    assert decoded.activation == activation and decoded.link.key_id == TERMINAL.key_id
    assert decoded.activation.expires == 1_800_000_000 + 24 * 3600
    assert qrpayload.verify(decoded.activation.card_url, {TERMINAL.key_id: TERMINAL.public_raw},
                            today=dt.date(2026, 6, 1)).valid  # fmt: skip
    tampered = url[:-20] + ("A" if url[-20] != "A" else "B") + url[-19:]  # inside the signature
    with pytest.raises(MalformedPayload):
        ecard.decode_activation(tampered + "A")  # not canonical base32 or not a link
    changed = ecard.decode_activation(tampered)
    assert not signing.verify(TERMINAL.public_raw, changed.link.signed_message, changed.link.signature)
    with pytest.raises(InvalidClaims):  # a card for another centre's page
        ecard.encode_activation(activation, TERMINAL, "https://other.example.cn")


def test_shown_code_round_trip_and_chain() -> None:
    now = 1_800_000_100
    text = ecard.encode_presentation(shown(now))
    assert text.startswith("HTTPS://VERIFY.EXAMPLE.CN/E/")
    back = ecard.decode_presentation(text)
    assert back == shown(now)
    assert ecard.check_chain(back, CENTRE.public_raw, now + 60) is ecard.ChainReason.FRESH
    assert ecard.check_chain(back, CENTRE.public_raw, now + ecard.WINDOW + 1) is ecard.ChainReason.STALE
    assert ecard.check_chain(back, TerminalKey.generate().public_raw, now) is ecard.ChainReason.NOT_CERTIFIED
    assert (
        ecard.check_chain(shown(now, phone=TerminalKey.generate()), CENTRE.public_raw, now)
        is ecard.ChainReason.BAD_PROOF
    )
    with pytest.raises(MalformedPayload):
        ecard.decode_presentation(text + "AAAA")
    with pytest.raises(MalformedPayload):
        ecard.decode_presentation(CARD)  # a printed card's QR is not a shown code


def test_a_p256_phone_key_for_browsers_without_ed25519() -> None:
    private = ec.generate_private_key(ec.SECP256R1())
    public = private.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    now = 1_800_000_100

    def raw_sign(message: bytes) -> bytes:  # r||s, as WebCrypto gives it
        r, s = utils.decode_dss_signature(private.sign(message, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")

    certificate = CENTRE.sign(ecard.certificate_message(CARD, public, 1_800_000_000))
    code = ecard.Presentation(CARD, public, 1_800_000_000, certificate, now, raw_sign(ecard.proof_message(CARD, now)))
    back = ecard.decode_presentation(ecard.encode_presentation(code))
    assert back == code and ecard.valid_phone_key(public)
    assert ecard.check_chain(back, CENTRE.public_raw, now) is ecard.ChainReason.FRESH
    wrong = ecard.Presentation(CARD, public, 1_800_000_000, certificate, now, raw_sign(b"something else"))
    assert ecard.check_chain(wrong, CENTRE.public_raw, now) is ecard.ChainReason.BAD_PROOF
    assert not ecard.valid_phone_key(b"\x04" + bytes(64))  # not a point on the curve
