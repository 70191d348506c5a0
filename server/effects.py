"""What an applied terminal event changes beyond its record: the credential status register.

Credential events carry `credential_no`, `state`, `worker_uid`, `valid_to` (terminal/usecases/credentials.py);
optional `health_valid_to` and `insurance_valid_to` (ISO dates) feed the verification page's "attention".
The holder's name comes from the worker record the terminal pushed earlier.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from server.models import Credential, Event, Record

# The terminal's credential lifecycle states, as the public page shows them.
_STATUS_BY_STATE = {"revoked": "revoked", "suspended": "suspended", "expired": "revoked", "voided": "revoked"}
_COPIED_FIELDS = ("valid_to", "health_valid_to", "insurance_valid_to")


def apply_side_effects(session: Session, event: Event, agency_id: str, now: dt.datetime) -> None:
    if event.entity != "credential":
        return
    credential_no = event.payload.get("credential_no")
    if not credential_no:
        return
    credential = session.get(Credential, str(credential_no))
    if credential is None:
        credential = Credential(
            credential_no=str(credential_no), entity_uid=event.entity_uid, agency_id=agency_id,
            status="valid", status_version=0, simulated=event.simulated, updated_at=now,
        )  # fmt: skip
        session.add(credential)
    for field in _COPIED_FIELDS:
        value = event.payload.get(field)
        if value is not None:
            setattr(credential, field, str(value))
    holder = _holder_name(session, event.payload.get("worker_uid"))
    if holder:
        credential.holder_name = holder
    state = event.payload.get("state")
    if isinstance(state, str):
        status = _STATUS_BY_STATE.get(state, "valid")
        if status != credential.status:
            credential.status = status
            credential.status_version = (credential.status_version or 0) + 1
            credential.status_reason = str(event.payload.get("reason") or "") or None
    credential.updated_at = now


def _holder_name(session: Session, worker_uid: Any) -> str | None:
    if not worker_uid:
        return None
    worker = session.get(Record, ("worker", str(worker_uid)))
    identity = worker.data.get("identity") if worker else None
    name = identity.get("name") or identity.get("english_name") if isinstance(identity, dict) else None
    return str(name) if name else None
