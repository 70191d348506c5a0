"""Push processing: one verdict per event, idempotent by event_id, per-record versions applied in order.

Ordering rule (docs/sync-protocol.md): a version at or below the record's current version is rejected as
stale; a version more than one ahead is *parked* (stored, answered `accepted`) and applied as soon as the
missing version arrives. One rejected event never stops the rest of the batch.

A batch costs a handful of queries whatever its size: everything it touches is fetched first, and new and
changed rows are written with bulk inserts and updates at the end (the caller holds one transaction).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from centre.credentials.register import CredentialRegister
from centre.sync.models import Event, IdentityRegistration, Record
from centre.terminals.models import Terminal
from wirecontract.protocol import EventStatus, RejectCode, event_content_sha256

_CHUNK = 500  # keeps IN (...) lists under SQLite's variable limit


@dataclass(frozen=True)
class Verdict:
    event_id: str
    status: EventStatus
    code: str | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "status": self.status.value, "code": self.code, "reason": self.reason}


class _Rejected(Exception):
    def __init__(self, code: RejectCode, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


RecordKey = tuple[str, str]


class BatchIngest:
    """One push: prefetch, decide each event in order, then write everything in bulk."""

    def __init__(self, terminal: Terminal, demo: bool, now: dt.datetime) -> None:
        self.terminal = terminal
        self.agency_id: str = terminal.agency_id
        self.demo = demo
        self.now = now
        self.events: dict[str, Event] = {}
        self.records: dict[RecordKey, Record] = {}
        self.identities: dict[str, IdentityRegistration] = {}
        self.parked: dict[RecordKey, dict[int, Event]] = {}
        self.credentials = CredentialRegister(now)
        # What to write at the end.
        self._new_events: list[Event] = []
        self._unparked: list[Event] = []  # stored by an earlier push, applied now
        self._new_records: dict[RecordKey, Record] = {}
        self._changed_records: dict[RecordKey, Record] = {}
        self._new_identities: list[IdentityRegistration] = []

    def run(self, wire_events: Sequence[dict[str, Any]]) -> list[Verdict]:
        self._prefetch(wire_events)
        verdicts = [self._one(wire) for wire in wire_events]
        self._write()
        return verdicts

    def _prefetch(self, wire_events: Sequence[dict[str, Any]]) -> None:
        ids = [str(w["event_id"]) for w in wire_events]
        uids = sorted({str(w["entity_uid"]) for w in wire_events})
        numbers = sorted({n for w in wire_events if (n := _id_number(w))})
        for chunk in _chunks(ids):
            self.events.update((e.event_id, e) for e in Event.objects.filter(event_id__in=chunk))
        for chunk in _chunks(uids):
            for rec in Record.objects.filter(entity_uid__in=chunk):
                self.records[(rec.entity, rec.entity_uid)] = rec
            for ev in Event.objects.filter(entity_uid__in=chunk, parked=True):
                self.parked.setdefault((ev.entity, ev.entity_uid), {})[ev.record_version] = ev
        for chunk in _chunks(numbers):
            self.identities.update((r.id_number, r) for r in IdentityRegistration.objects.filter(id_number__in=chunk))
        self.credentials.prefetch(
            str(w["payload"].get("credential_no")) for w in wire_events if w["entity"] == "credential"
        )

    def _one(self, wire: dict[str, Any]) -> Verdict:
        event_id = str(wire["event_id"])
        content = event_content_sha256(wire)
        known = self.events.get(event_id)
        if known is not None:
            return _repeat_verdict(known, self.terminal.id, content)
        try:
            parked = self._check(wire)
        except _Rejected as rejected:
            self._store(wire, content, EventStatus.REJECTED, rejected.code, rejected.reason)
            return Verdict(event_id, EventStatus.REJECTED, rejected.code.value, rejected.reason)
        event = self._store(wire, content, EventStatus.ACCEPTED, None, None, parked=parked)
        if parked:
            self.parked.setdefault((event.entity, event.entity_uid), {})[event.record_version] = event
        else:
            self._apply_with_parked(event)
        return Verdict(event_id, EventStatus.ACCEPTED)

    def _check(self, wire: dict[str, Any]) -> bool:
        """Raise _Rejected, or return whether the event has to be parked."""
        version = int(wire["record_version"])
        if version < 1 or not wire["entity"] or not wire["entity_uid"] or not wire["kind"]:
            raise _Rejected(RejectCode.INVALID_PAYLOAD, "entity, uid, kind and version ≥ 1 are required")
        if wire["simulated"] and not self.demo:
            raise _Rejected(RejectCode.SIMULATED_IDENTITY, "a production centre refuses simulated identities")
        number = _id_number(wire)
        if number:
            holder = self.identities.get(number)
            if holder is not None and holder.agency_id != self.agency_id:
                raise _Rejected(RejectCode.IDENTITY_REGISTERED_ELSEWHERE, "this person is registered by another agency")
        key = (str(wire["entity"]), str(wire["entity_uid"]))
        record = self.records.get(key)
        current = record.version if record else 0
        if version <= current or version in self.parked.get(key, {}):
            raise _Rejected(RejectCode.STALE_VERSION, f"version {version} is not newer than {current}")
        return version > current + 1

    def _store(
        self,
        wire: dict[str, Any],
        content: str,
        status: EventStatus,
        code: RejectCode | None,
        reason: str | None,
        parked: bool = False,
    ) -> Event:
        event = Event(
            event_id=str(wire["event_id"]),
            terminal_id=self.terminal.id,
            seq=int(wire["seq"]),
            entity=str(wire["entity"]),
            entity_uid=str(wire["entity_uid"]),
            record_version=int(wire["record_version"]),
            kind=str(wire["kind"]),
            payload=wire["payload"],
            provenance=wire.get("provenance"),
            simulated=bool(wire["simulated"]),
            created_at=str(wire["created_at"]),
            content_sha256=content,
            status=status.value,
            parked=parked,
            reject_code=code.value if code else None,
            reject_reason=reason,
            received_at=self.now,
        )
        self._new_events.append(event)
        self.events[event.event_id] = event
        return event

    def _apply_with_parked(self, event: Event) -> None:
        key = (event.entity, event.entity_uid)
        waiting = self.parked.get(key, {})
        while True:
            self._apply(event)
            following = waiting.pop(event.record_version + 1, None)
            if following is None:
                return
            following.parked = False
            if following._state.adding is False:  # stored by an earlier push: update its row
                self._unparked.append(following)
            event = following

    def _apply(self, event: Event) -> None:
        key = (event.entity, event.entity_uid)
        record = self.records.get(key)
        if record is None:
            record = Record(
                entity=event.entity,
                entity_uid=event.entity_uid,
                version=event.record_version,
                agency_id=self.agency_id,
                data=dict(event.payload),
                simulated=event.simulated,
                updated_at=self.now,
            )
            self.records[key] = record
            self._new_records[key] = record
        else:
            record.version = event.record_version
            record.data = {**record.data, **event.payload}
            record.simulated = record.simulated or event.simulated
            record.updated_at = self.now
            if key not in self._new_records:
                self._changed_records[key] = record
        number = _id_number_of(event.entity, event.payload)
        if number and number not in self.identities:
            registration = IdentityRegistration(
                id_number=number, agency_id=self.agency_id, worker_uid=event.entity_uid, simulated=event.simulated
            )
            self._new_identities.append(registration)
            self.identities[number] = registration
        if event.entity == "credential":
            self.credentials.apply(event, self.agency_id, self._holder_name)

    def _holder_name(self, worker_uid: str) -> str | None:
        worker = self.records.get(("worker", worker_uid))
        if worker is None:
            worker = Record.objects.filter(entity="worker", entity_uid=worker_uid).first()
        identity = worker.data.get("identity") if worker else None
        name = (identity.get("name") or identity.get("english_name")) if isinstance(identity, dict) else None
        return str(name) if name else None

    def _write(self) -> None:
        Event.objects.bulk_create(self._new_events, batch_size=_CHUNK)
        if self._unparked:
            Event.objects.bulk_update(self._unparked, ["parked"], batch_size=_CHUNK)
        Record.objects.bulk_create(self._new_records.values(), batch_size=_CHUNK)
        if self._changed_records:
            fields = ["version", "data", "simulated", "updated_at"]
            Record.objects.bulk_update(self._changed_records.values(), fields, batch_size=_CHUNK)
        IdentityRegistration.objects.bulk_create(self._new_identities, batch_size=_CHUNK)
        self.credentials.write()


def _repeat_verdict(known: Event, terminal_id: str, content: str) -> Verdict:
    if known.terminal_id != terminal_id or known.content_sha256 != content:
        return Verdict(
            known.event_id,
            EventStatus.REJECTED,
            RejectCode.CONFLICT.value,
            "an event with this id but different content was already received",
        )
    if known.status == EventStatus.ACCEPTED.value:
        return Verdict(known.event_id, EventStatus.DUPLICATE)
    return Verdict(known.event_id, EventStatus.REJECTED, known.reject_code, known.reject_reason)


def _id_number(wire: dict[str, Any]) -> str | None:
    return _id_number_of(str(wire["entity"]), wire["payload"])


def _id_number_of(entity: str, payload: dict[str, Any]) -> str | None:
    """Only worker records claim an identity; other entities may mention an ID number without owning it.
    The terminal sends it as payload.identity.id_number (a bare payload.id_number is accepted too)."""
    if entity != "worker":
        return None
    identity = payload.get("identity")
    value = identity.get("id_number") if isinstance(identity, dict) else payload.get("id_number")
    return str(value) if value else None


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    return (values[i : i + _CHUNK] for i in range(0, len(values), _CHUNK))
