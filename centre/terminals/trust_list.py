"""The trust list: every terminal key the centre enrolled, per agency, with its validity window, signed by the
centre. An offline verifier (a phone that opened the page once, another platform) checks a QR against it.

Key policy (docs/keys-and-trust.md): a retired terminal's key stays trusted for cards it signed before it was
retired (`valid_until` = the retirement); a compromised terminal's key is listed as `compromised` and no card
it signed is valid, whenever it was signed."""

from __future__ import annotations

from typing import Any

from centre.signing_key import centre_key, handover_chain
from centre.terminals.models import Agency, Terminal
from wirecontract.protocol import TRUST_LIST_SCHEME, canonical_json, iso, utc_now
from wirecontract.signing import b64url


def trust_list() -> dict[str, Any]:
    agencies: dict[str, dict[str, Any]] = {
        a.id: {"agency_id": a.id, "name": a.name, "keys": []} for a in Agency.objects.order_by("id")
    }
    for t in Terminal.objects.order_by("agency_id", "enrolled_at"):
        agencies[t.agency_id]["keys"].append({
            "key_id": t.key_id,
            "public_key": t.public_key,
            "terminal_number": t.terminal_number,
            "valid_from": iso(t.enrolled_at),
            "valid_until": iso(t.revoked_at) if t.revoked_at else None,
            "status": "compromised" if t.compromised else ("retired" if t.revoked else "active"),
        })  # fmt: skip
    key = centre_key()
    body: dict[str, Any] = {"scheme": TRUST_LIST_SCHEME, "issued_at": iso(utc_now()), "centre_key_id": key.key_id,
                            "centre_public_key": b64url(key.public_raw), "agencies": list(agencies.values()),
                            # after a rotation: each earlier centre key vouching for the next (keyhandover)
                            "centre_key_handovers": [link.to_json() for link in handover_chain()]}  # fmt: skip
    body["signature"] = b64url(key.sign(canonical_json(body)))
    return body
