"""Rules about a person's identity at the centre, free of Django: one normal form of an ID number, and what a
card read must carry to be believed."""

from __future__ import annotations

import unicodedata
from typing import Any

from wirecontract.protocol import RejectCode


def normalise_id_number(value: object) -> str:
    """The form every uniqueness check uses: full-width characters folded (NFKC), spaces of any kind removed,
    letters upper-case (the check character `x` is `X`)."""
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(ch for ch in text if not ch.isspace()).upper()


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
