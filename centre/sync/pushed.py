"""What one push works on, as plain objects: its events, the records and identity registrations they touch.
Django model instances cost a constructor call and, at the bulk write, a prepared value per field; a push of
10,000 events made 40,000 of them. These are read with `values_list`, decided on in memory and written by
centre/sync/rows.py with one statement per table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from centre.sync import rows
from centre.sync.models import Event, IdentityRegistration, Record


class Answered(NamedTuple):
    """An event the centre already holds, as much as a repeat's verdict needs."""

    event_id: str
    terminal_id: str
    content_sha256: str
    status: str
    reject_code: str | None
    reject_reason: str | None


ANSWERED_FIELDS = Answered._fields


@dataclass(slots=True)
class PushedEvent:
    """An event of this push (or, `stored`, a parked version an earlier push stored, applied now)."""

    event_id: str
    terminal_id: str
    seq: int
    entity: str
    entity_uid: str
    record_version: int
    kind: str
    payload: dict[str, Any]
    provenance: dict[str, Any] | None
    simulated: bool
    created_at: str
    content_sha256: str
    status: str
    parked: bool = False
    reject_code: str | None = None
    reject_reason: str | None = None
    stored: bool = False

    def answered(self) -> Answered:
        return Answered(self.event_id, self.terminal_id, self.content_sha256, self.status, self.reject_code,
                        self.reject_reason)  # fmt: skip


# A parked version read back: everything but the verdict's own columns (it was accepted, and parked).
PARKED_FIELDS = ("event_id", "terminal_id", "seq", "entity", "entity_uid", "record_version", "kind", "payload",
                 "provenance", "simulated", "created_at", "content_sha256", "status")  # fmt: skip
_EVENT_FIELDS = (*PARKED_FIELDS, "parked", "reject_code", "reject_reason", "received_at")


def parked_event(values: tuple[Any, ...]) -> PushedEvent:
    event = PushedEvent(*values)
    event.parked = event.stored = True
    return event


def write_events(events: list[PushedEvent], received_at: dt.datetime) -> None:
    """The push's new events, and the parked versions of earlier pushes it applied."""
    at = rows.datetime_value(received_at)
    new = [(e.event_id, e.terminal_id, e.seq, e.entity, e.entity_uid, e.record_version, e.kind,
            rows.json_value(e.payload), rows.json_value(e.provenance), e.simulated, e.created_at, e.content_sha256,
            e.status, e.parked, e.reject_code, e.reject_reason, at) for e in events if not e.stored]  # fmt: skip
    rows.insert(Event, _EVENT_FIELDS, new)
    rows.update(Event, ("parked",), "event_id", [(False, e.event_id) for e in events if e.stored and not e.parked])


@dataclass(slots=True)
class HeldRecord:
    """A record's current state; `id` None until written."""

    entity: str
    entity_uid: str
    version: int
    agency_id: str
    data: dict[str, Any]
    simulated: bool
    updated_at: dt.datetime
    id: int | None = None


RECORD_FIELDS = ("entity", "entity_uid", "version", "agency_id", "data", "simulated", "updated_at", "id")


def held_record(values: tuple[Any, ...]) -> HeldRecord:
    return HeldRecord(*values)


def write_records(new: list[HeldRecord], changed: list[HeldRecord]) -> None:
    rows.insert(Record, RECORD_FIELDS[:-1], [
        (r.entity, r.entity_uid, r.version, r.agency_id, rows.json_value(r.data), r.simulated,
         rows.datetime_value(r.updated_at)) for r in new])  # fmt: skip
    rows.update(Record, ("version", "data", "simulated", "updated_at"), "id", [
        (r.version, rows.json_value(r.data), r.simulated, rows.datetime_value(r.updated_at), r.id)
        for r in changed])  # fmt: skip


@dataclass(slots=True)
class Registration:
    """A person's registration with an agency (IdentityRegistration); `id` None when made by this push."""

    id_number: str
    agency_id: str
    worker_uid: str
    simulated: bool
    registered_at: dt.datetime | None
    released_at: dt.datetime | None
    release_reason: str
    id: int | None = None


REGISTRATION_FIELDS = ("id_number", "agency_id", "worker_uid", "simulated", "registered_at", "released_at",
                       "release_reason", "id")  # fmt: skip


def registration(values: tuple[Any, ...]) -> Registration:
    return Registration(*values)


def write_registrations(new: list[Registration]) -> None:
    when = rows.datetime_value
    rows.insert(IdentityRegistration, REGISTRATION_FIELDS[:-1], [
        (r.id_number, r.agency_id, r.worker_uid, r.simulated, when(r.registered_at), when(r.released_at),
         r.release_reason) for r in new])  # fmt: skip
