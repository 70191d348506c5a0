"""What an applied terminal event changes beyond its record: the credential status register.

Credential events are expected to carry `credential_no`; optional `holder_name`, `valid_to`,
`health_valid_to` and `insurance_valid_to` (ISO dates) feed the public verification page.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from server.models import Credential, Event

_STATUS_BY_KIND = {
    "credential.revoked": "revoked",
    "credential.suspended": "suspended",
    "credential.resumed": "valid",
    "credential.reissued": "revoked",  # the old card is void once a new one is issued
}
_COPIED_FIELDS = ("holder_name", "valid_to", "health_valid_to", "insurance_valid_to")


def apply_side_effects(session: Session, event: Event, agency_id: str, now: dt.datetime) -> None:
    if event.entity != "credential":
        return
    credential_no = event.payload.get("credential_no")
    if not credential_no:
        return
    credential = session.get(Credential, str(credential_no))
    if credential is None:
        credential = Credential(
            credential_no=str(credential_no),
            entity_uid=event.entity_uid,
            agency_id=agency_id,
            status="valid",
            status_version=0,
            simulated=event.simulated,
            updated_at=now,
        )
        session.add(credential)
    for field in _COPIED_FIELDS:
        value = event.payload.get(field)
        if value is not None:
            setattr(credential, field, str(value))
    status = _STATUS_BY_KIND.get(event.kind)
    if status is not None:
        credential.status = status
        credential.status_version = (credential.status_version or 0) + 1
        credential.status_reason = str(event.payload.get("reason") or "") or None
    credential.updated_at = now
