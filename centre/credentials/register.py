"""What an applied credential event changes in the status register.

Credential events carry `credential_no`, `state`, `worker_uid`, `valid_to` (terminal/usecases/credentials.py);
optional `health_valid_to` and `insurance_valid_to` (ISO dates) feed the verification page's "attention".
The holder's name comes from the worker record the terminal pushed earlier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from centre.credentials.models import Credential
from centre.sync.models import Event

# The terminal's credential lifecycle states, as the public page shows them.
_STATUS_BY_STATE = {"revoked": "revoked", "suspended": "suspended", "expired": "revoked", "voided": "revoked"}
_COPIED_FIELDS = ("valid_to", "health_valid_to", "insurance_valid_to")
_WRITTEN_FIELDS = ["holder_name", "status", "status_version", "status_reason", *_COPIED_FIELDS, "updated_at"]


class CredentialRegister:
    """The credentials one push touches, fetched once and written in bulk."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.rows: dict[str, Credential] = {}
        self._new: dict[str, Credential] = {}
        self._changed: dict[str, Credential] = {}

    def prefetch(self, numbers: Iterable[str]) -> None:
        wanted = sorted({n for n in numbers if n and n != "None"})
        for i in range(0, len(wanted), 500):
            self.rows.update((c.credential_no, c) for c in Credential.objects.filter(pk__in=wanted[i : i + 500]))

    def apply(self, event: Event, agency_id: str, holder_name: Callable[[str], str | None]) -> None:
        credential_no = event.payload.get("credential_no")
        if not credential_no:
            return
        number = str(credential_no)
        credential = self.rows.get(number)
        if credential is None:
            credential = Credential(
                credential_no=number, entity_uid=event.entity_uid, agency_id=agency_id,
                status="valid", status_version=0, simulated=event.simulated, updated_at=self.now,
            )  # fmt: skip
            self.rows[number] = credential
            self._new[number] = credential
        elif number not in self._new:
            self._changed[number] = credential
        for field in _COPIED_FIELDS:
            value = event.payload.get(field)
            if value is not None:
                setattr(credential, field, str(value))
        worker_uid = event.payload.get("worker_uid")
        holder = holder_name(str(worker_uid)) if worker_uid else None
        if holder:
            credential.holder_name = holder
        state = event.payload.get("state")
        if isinstance(state, str):
            status = _STATUS_BY_STATE.get(state, "valid")
            if status != credential.status:
                credential.status = status
                credential.status_version = (credential.status_version or 0) + 1
                credential.status_reason = str(event.payload.get("reason") or "") or None
        credential.updated_at = self.now

    def write(self) -> None:
        Credential.objects.bulk_create(self._new.values(), batch_size=500)
        if self._changed:
            Credential.objects.bulk_update(self._changed.values(), _WRITTEN_FIELDS, batch_size=500)
