"""The agency's registration file as its terminals send it (entity "agency", docs/sync-protocol.md), checked like a
worker's registration where it matters. Free of Django: the ingest passes what the centre holds.

* Only the agency's own file: the event's `credit_code` must be the pushing terminal's agency (the record's owner
  is checked by the ingest as for every record).
* The legal representative's identity only from a card read: `agency.legal_representative` carries the read's
  block and provenance, which the centre decodes itself (identity_rules, as for a worker); the name the event
  states must be the card's. No other event may carry a card read, nor change the legal representative the
  centre holds (before the first card read, the record keeps the name typed at set-up, marked as not read).
* Two terminals of one agency (a home restored onto a second machine shares the file's uid) number the file's
  versions each on their own. Every event carries the whole file, so the centre orders them by arrival: each
  accepted event is the record's next version, and an event is stale only against what the same terminal sent
  before. Neither terminal's versions are refused for the other's; the last file to arrive is the record.
"""

from __future__ import annotations

from typing import Any

from centre.sync.identity_rules import CardReadRefused, card_read_refusal, decode_card_read
from wirecontract.protocol import RejectCode

ENTITY = "agency"
PROFILE_CHANGED = "agency.profile_changed"
LEGAL_REPRESENTATIVE = "agency.legal_representative"
CARD_READ = "legal_representative_card_read"
READ_IDENTITY = "legal_representative_identity"  # the record's field: what the card says (never what was typed)


def check_agency_event(wire: dict[str, Any], agency_id: str, current: dict[str, Any] | None,
                       demo: bool) -> dict[str, Any] | None:  # fmt: skip
    """Raise CardReadRefused (a code and a reason) unless the event may change the agency's file; return the
    legal representative's identity as the card says, for a card-read event, else None. `current` is the
    record's data at the centre (None before the first event)."""
    payload = wire["payload"]
    kind = str(wire["kind"])
    if not isinstance(payload, dict):
        raise CardReadRefused(RejectCode.INVALID_PAYLOAD, "an agency file event carries the file")
    if str(payload.get("credit_code") or "").strip().upper() != agency_id.strip().upper():
        raise CardReadRefused(RejectCode.NOT_OWNER, "an agency sends only its own registration file")
    stated = payload.get("legal_representative")
    if kind != LEGAL_REPRESENTATIVE:  # agency.profile_changed and any other change of the file
        if CARD_READ in payload or READ_IDENTITY in payload:
            raise CardReadRefused(RejectCode.IDENTITY_NOT_FROM_CARD,
                                  "the legal representative's card read comes only with agency.legal_representative")
        held = (current or {}).get("legal_representative")
        if current and READ_IDENTITY in current and stated != held:
            raise CardReadRefused(RejectCode.IDENTITY_NOT_FROM_CARD,
                                  "the legal representative changes only with a card read")
        return None
    refused = card_read_refusal(wire.get("provenance"), bool(wire.get("simulated")), demo)
    if refused is not None:
        raise CardReadRefused(*refused)
    identity = decode_card_read(payload.get(CARD_READ), wire.get("provenance"))
    if stated != identity.display_name:
        raise CardReadRefused(RejectCode.IDENTITY_NOT_FROM_CARD, "the legal representative differs from the card read")
    return {k: v for k, v in identity.to_json().items() if k != "provenance"}

