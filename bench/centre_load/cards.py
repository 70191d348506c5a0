"""Issued cards for the load bench and the deployment drills: a worker and a credential taken to `issued` through
the real push, and the claims a card's QR carries (the page at `/V/…` checks them)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from bench.centre import AGENCY_NAME, _event, _worker
from terminal.sync.client import SyncClient
from wirecontract import protocol as p
from wirecontract.qrpayload import CredentialClaims, encode
from wirecontract.signing import TerminalKey


def issue_card(client: SyncClient, number: str, holder: dict[str, Any], agency_name: str = AGENCY_NAME) -> CredentialClaims:
    """Register `holder` and take credential `number` (in the terminal's range) to issued; the card's claims."""
    today = dt.date.today()
    valid_to = today + dt.timedelta(days=365)
    worker = _worker(holder)
    events = [worker]
    uid = uuid.uuid4().hex
    for version, state in enumerate(("applied", "approved", "printed", "issued"), start=1):
        payload = {"credential_no": number, "worker_uid": worker["entity_uid"], "version": 1, "state": state,
                   "valid_from": today.isoformat(), "valid_to": valid_to.isoformat()}  # fmt: skip
        events.append(_event("credential", uid, version, f"credential.{state}", payload))
    refused = [r for r in client.push(events) if r.status != p.EventStatus.ACCEPTED]
    if refused:
        raise RuntimeError(f"the centre refused a card's events: {refused}")
    masked = holder["id_number"][:6] + "*" * 8 + holder["id_number"][-4:]
    return CredentialClaims(number, 1, holder["name"], masked, agency_name, ("cleaning",), today, valid_to)


def page_address(claims: CredentialClaims, key: TerminalKey, base_url: str) -> str:
    """The verification page's address for a card printed for the centre at `base_url` (a QR names its centre)."""
    qr = encode(claims, key, base_url)
    return base_url.rstrip("/") + qr[qr.index("/V/"):]  # the QR spells the address in capitals (alphanumeric mode)
