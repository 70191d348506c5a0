"""Rules about a person's identity at the centre, free of Django: one normal form of an ID number, and what a
card read must carry to be believed.

The registering event carries the card's raw text block (`payload.card_read.text`, base64url) beside the
provenance of the read. The centre decodes the block itself with the terminal's own decoder
(wirecontract.cardtext): the block must hash to the provenance's `raw_sha256`, its ID number must pass its check
digit, and the identity fields the event states must be the block's."""

from __future__ import annotations

import binascii
import unicodedata
from typing import Any

from wirecontract.cardtext import decode_text_block
from wirecontract.errors import RuleViolation
from wirecontract.identity import Identity, Provenance
from wirecontract.protocol import RejectCode
from wirecontract.signing import b64url_decode


def normalise_id_number(value: object) -> str:
    """The form every uniqueness check uses: full-width characters folded (NFKC), spaces of any kind removed,
    letters upper-case (the check character `x` is `X`)."""
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(text.split()).upper()  # split() drops exactly what isspace() calls space


def card_read_refusal(provenance: Any, simulated: bool, demo: bool) -> tuple[RejectCode, str] | None:
    """A production centre believes an identity only from a card read with the reader's provenance."""
    if simulated or (isinstance(provenance, dict) and provenance.get("simulated")):
        if demo:
            return None
        return RejectCode.SIMULATED_IDENTITY, "a production centre refuses simulated identities"
    if demo:
        return None
    if not isinstance(provenance, dict):
        return RejectCode.MISSING_PROVENANCE, "an identity needs the card read's provenance"
    for field in ("reader", "sam_id", "raw_sha256", "read_at"):
        if not str(provenance.get(field) or "").strip():
            return RejectCode.MISSING_PROVENANCE, f"the card read's provenance lacks {field}"
    return None


class CardReadRefused(Exception):
    def __init__(self, code: RejectCode, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def identity_of_card_read(payload: dict[str, Any], provenance: Any) -> Identity:
    """Decode the event's card read; raise CardReadRefused unless it is a genuine read of the stated person."""
    identity = decode_card_read(payload.get("card_read"), provenance)
    stated = payload.get("identity")
    stated = stated if isinstance(stated, dict) else {}
    if normalise_id_number(stated.get("id_number", "")) != normalise_id_number(identity.id_number) or (
        stated.get("name") != identity.name
    ):
        raise CardReadRefused(RejectCode.IDENTITY_NOT_FROM_CARD, "the identity fields differ from the card read")
    return identity


def decode_card_read(card: object, provenance: Any) -> Identity:
    """The identity a card read (`{"text": base64url block}`) decodes to, with the terminal's own decoder; raise
    CardReadRefused unless the block is there, hashes to the provenance's raw_sha256 and its number is valid."""
    text = card.get("text") if isinstance(card, dict) else None
    if not isinstance(text, str) or not text:
        raise CardReadRefused(RejectCode.IDENTITY_NOT_FROM_CARD, "the registering event carries no card read")
    try:
        raw = b64url_decode(text)
        read = Provenance.from_json(provenance)
    except (binascii.Error, ValueError, KeyError, TypeError) as exc:
        raise CardReadRefused(RejectCode.IDENTITY_NOT_FROM_CARD, "the card read or its provenance is malformed") from exc
    try:
        identity = decode_text_block(raw, read)
    except RuleViolation as refused:
        raise CardReadRefused(RejectCode.IDENTITY_NOT_FROM_CARD, refused.message("en")) from refused
    return identity
