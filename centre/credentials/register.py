"""The credential register as pushes change it: which moves the centre accepts (centre.credentials.lifecycle),
and what an accepted credential event writes. One push's credentials are fetched once and written in bulk.

Credential events carry `credential_no`, `state`, `version`, `worker_uid`, `valid_from`, `valid_to`
(terminal/usecases/credentials.py); optional `health_valid_to` and `insurance_valid_to` (ISO dates) feed the
verification page's "attention". The holder's name comes from the worker record the terminal pushed earlier.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from centre.credentials.lifecycle import Refusal, check_move
from centre.credentials.models import Credential
from wirecontract.protocol import RejectCode

_COPIED_FIELDS = ("valid_from", "valid_to", "health_valid_to", "insurance_valid_to")
_WRITTEN_FIELDS = ["worker_uid", "holder_name", "state", "version", *_COPIED_FIELDS, "updated_at"]
@dataclass(frozen=True)
class WorkerStanding:
    """What the centre knows of a credential's holder."""

    registered_here: bool  # a worker record of this agency, registered with a card read
    adverse: bool  # the person's latest background check is adverse
    released: bool  # the person has left this agency (离职/转出)


# SH + year + the issuing terminal's number (its range, given at enrolment) + a sequence.
NUMBER = re.compile(r"SH(\d{4})(\d{4})(\d{5})")


def terminal_number_of(credential_no: str) -> str | None:
    match = NUMBER.fullmatch(credential_no)
    return match.group(2) if match else None


class CredentialRegister:
    """The credentials one push touches, fetched once and written in bulk."""

    def __init__(self, agency_id: str, agency_ranges: frozenset[str], now: dt.datetime) -> None:
        self.agency_id = agency_id
        self.agency_ranges = agency_ranges  # the terminal numbers the centre gave this agency
        self.now = now
        self.rows: dict[str, Credential] = {}
        self._new: dict[str, Credential] = {}
        self._changed: dict[str, Credential] = {}

    def prefetch(self, numbers: Iterable[str]) -> None:
        wanted = sorted({n for n in numbers if n})
        for i in range(0, len(wanted), 500):
            self.rows.update((c.credential_no, c) for c in Credential.objects.filter(pk__in=wanted[i : i + 500]))

    def refusal(self, payload: dict[str, Any], standing: Callable[[str], WorkerStanding]) -> Refusal | None:
        """Why the centre refuses this credential event, or None. Ownership and ranges first, then the holder (who
        cannot change, must be this agency's registered worker, and must not be blocked or released), then the
        lifecycle."""
        number = payload.get("credential_no")
        if not isinstance(number, str) or not number:
            return Refusal(RejectCode.INVALID_PAYLOAD, "a credential event needs its credential_no")
        row = self.rows.get(number)
        if row is not None and row.agency_id != self.agency_id:
            return Refusal(RejectCode.NOT_OWNER, "this credential belongs to another agency")
        if terminal_number_of(number) not in self.agency_ranges:
            return Refusal(RejectCode.NUMBER_OUT_OF_RANGE, "this number is not in a range the centre gave this agency")
        state, version = payload.get("state"), payload.get("version")
        if not isinstance(state, str) or not isinstance(version, int) or isinstance(version, bool):
            return Refusal(RejectCode.INVALID_PAYLOAD, "a credential event needs its state and version")
        stated_worker = str(payload.get("worker_uid") or "")
        worker_uid = row.worker_uid if row is not None and row.worker_uid else stated_worker
        if stated_worker and stated_worker != worker_uid:
            return Refusal(RejectCode.INVALID_PAYLOAD, "a credential's holder cannot change")
        holder = standing(worker_uid)
        if not holder.registered_here:
            return Refusal(RejectCode.NOT_OWNER, "the holder is not a worker this agency registered at the centre")
        if holder.released and state not in ("revoked", "expired"):
            return Refusal(RejectCode.CENTRE_DECISION, "the holder has left this agency: the credential can only end")
        return check_move(row.state if row else None, row.version if row else 0, state, version,
                          row.hold if row else "", holder.adverse)  # fmt: skip

    def apply(self, entity_uid: str, payload: dict[str, Any], simulated: bool, holder_name: Callable[[str], str | None]) -> None:
        number = str(payload["credential_no"])
        credential = self.rows.get(number)
        if credential is None:
            credential = Credential(credential_no=number, entity_uid=entity_uid, agency_id=self.agency_id,
                                    simulated=simulated, updated_at=self.now)  # fmt: skip
            self.rows[number] = credential
            self._new[number] = credential
        elif number not in self._new:
            self._changed[number] = credential
        if credential.hold and credential.hold == payload["state"]:
            credential.updated_at = self.now  # agreeing with the centre's decision changes nothing of it
            return
        credential.state = str(payload["state"])
        credential.version = int(payload["version"])
        for field in _COPIED_FIELDS:
            value = payload.get(field)
            if value is not None:
                setattr(credential, field, str(value)[:10])
        worker_uid = payload.get("worker_uid")
        if worker_uid:
            credential.worker_uid = str(worker_uid)
            holder = holder_name(str(worker_uid))
            if holder:
                credential.holder_name = holder
        credential.updated_at = self.now

    def write(self) -> None:
        Credential.objects.bulk_create(self._new.values(), batch_size=500)
        if self._changed:
            Credential.objects.bulk_update(self._changed.values(), _WRITTEN_FIELDS, batch_size=500)
