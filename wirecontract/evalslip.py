"""The evaluation slip (服务评价单) a terminal prints for a client when a service contract is recorded: a short code
and a QR with a signed link, so the client can rate the service even while the agency's terminal is offline.

    URL    = BASE "/S/" base32(key_id(8) BODY SIGNATURE(64))          (wirecontract.signed_link)
    BODY   = format(1) issued(2) period_from(2) period_to(2) service(1: index in SERVICE_BITS)
             code contract_uid worker_uid masked_name agency            each length(1) + GB18030
    SIGNED = DOMAIN "SH-HSC-SLIP1" + BASE "/S/" + key_id + BODY

The code is the terminal's signature over the contract's uid, cut short: only that terminal can make it, the same
contract always gets the same code (a reprint is the same slip), and it names one contract of one worker.
"""

from __future__ import annotations

import base64
import datetime as dt
import struct
from dataclasses import dataclass

from wirecontract.errors import InvalidClaims, MalformedPayload
from wirecontract.qrpayload import EPOCH, SERVICE_BITS, Signer, _days, _Reader
from wirecontract.signed_link import OpenedLink, open_link, seal

DOMAIN = b"SH-HSC-SLIP1"
PATH = "/S/"
FORMAT = 1
CODE_LENGTH = 10
_CODE_DOMAIN = b"SH-HSC-SLIPCODE1"


@dataclass(frozen=True)
class SlipClaims:
    code: str
    contract_uid: str
    worker_uid: str
    masked_name: str
    agency: str
    service_code: str
    period_from: dt.date
    period_to: dt.date
    issued: dt.date


def slip_code(key: Signer, contract_uid: str) -> str:
    """Ten characters of base32 (letters and 2–7): about 50 bits, typed from the slip when the QR cannot be read."""
    signature = key.sign(_CODE_DOMAIN + contract_uid.encode("ascii"))
    return base64.b32encode(signature).decode("ascii")[:CODE_LENGTH]


def normalise_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def encode(claims: SlipClaims, key: Signer, base_url: str) -> str:
    if claims.service_code not in SERVICE_BITS:
        raise InvalidClaims(field=f"service type {claims.service_code!r}")
    parts = [bytes([FORMAT]), struct.pack(">HHHB", _days(claims.issued), _days(claims.period_from),
                                          _days(claims.period_to), SERVICE_BITS.index(claims.service_code))]  # fmt: skip
    for text in (claims.code, claims.contract_uid, claims.worker_uid, claims.masked_name, claims.agency):
        encoded = text.encode("gb18030")
        if len(encoded) > 0xFF:
            raise InvalidClaims(field="evaluation slip text too long")
        parts.append(bytes([len(encoded)]) + encoded)
    return seal(DOMAIN, PATH, base_url, b"".join(parts), key)


@dataclass(frozen=True)
class DecodedSlip:
    claims: SlipClaims
    link: OpenedLink


def decode(text: str) -> DecodedSlip:
    """Parse a slip link (raises MalformedPayload); the signature is the caller's to check."""
    link = open_link(DOMAIN, PATH, text)
    reader = _Reader(link.body)
    if reader.take(1)[0] != FORMAT:
        raise MalformedPayload(reason="unknown slip format")
    issued, start, end, service = struct.unpack(">HHHB", reader.take(7))
    if service >= len(SERVICE_BITS):
        raise MalformedPayload(reason="unknown service type")
    code, contract_uid, worker_uid, masked_name, agency = (reader.text() for _ in range(5))
    if not reader.at_end():
        raise MalformedPayload(reason="trailing bytes")
    day = dt.timedelta(days=1)
    claims = SlipClaims(code, contract_uid, worker_uid, masked_name, agency, SERVICE_BITS[service],
                        EPOCH + start * day, EPOCH + end * day, EPOCH + issued * day)  # fmt: skip
    return DecodedSlip(claims, link)


# The pull-feed kind that brings a client's evaluation to the agency (again, with a higher revision, when changed).
FEED_KIND = "evaluation.consumer"
