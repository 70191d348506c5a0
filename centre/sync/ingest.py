"""Push processing: one verdict per event, idempotent by event_id, per-record versions applied in order.

Ordering rule (docs/sync-protocol.md): a version at or below the record's current version is rejected as
stale; a version more than one ahead is *parked* (stored, answered `accepted`) and applied as soon as the
missing version arrives. One rejected event never stops the rest of the batch. The agency's own file is ordered
by arrival instead (two terminals of one agency number it each on their own: centre/sync/agency_file.py).

A batch costs a handful of queries whatever its size: everything it touches is fetched first (as plain values,
centre/sync/pushed.py), and new and changed rows are written at the end with one statement per table
(centre/sync/rows.py; the caller holds one transaction).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Max

from centre.credentials.lifecycle import Hold
from centre.credentials.models import Credential
from centre.credentials.register import CredentialRegister, WorkerStanding
from centre.credentials.worker_photos import PushedPhotos, photo_refusal
from centre.review import intake as review_intake
from centre.sync import agency_file, pushed
from centre.sync.holders import Holders
from centre.sync.identity_rules import CardReadRefused, card_read_refusal, identity_of_card_read, normalise_id_number
from centre.sync.models import Complaint, Event, IdentityRegistration, Record
from centre.sync.pushed import Answered, HeldRecord, PushedEvent, Registration
from centre.sync.sequence import held_sequence_numbers, reuse_refusal
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
    """`consume`: the refused version still counts as the record's next version (a centre decision refused it),
    so the terminal's later versions are not parked forever behind it."""

    def __init__(self, code: RejectCode, reason: str, consume: bool = False) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.consume = consume


# A worker event's fields that only the registering card read may carry.
_IDENTITY_FIELDS = ("identity", "id_number", "card_read")

# Refusals that leave the record's version sequence intact (the terminal's record is its own, only this move
# was refused); the others mean the event was not the agency's to send at all.
_CONSUMING = (RejectCode.CENTRE_DECISION, RejectCode.INVALID_TRANSITION)


RecordKey = tuple[str, str]


class BatchIngest:
    """One push: prefetch, decide each event in order, then write everything in bulk."""

    def __init__(self, terminal: Terminal, demo: bool, now: dt.datetime) -> None:
        self.terminal = terminal
        self.agency_id: str = terminal.agency_id
        self.demo = demo
        self.now = now
        self.events: dict[str, Answered] = {}  # every event id already answered: held, or earlier in this push
        self.records: dict[RecordKey, HeldRecord | None] = {}  # None: looked up, not there
        self.identities: dict[str, Registration] = {}
        self.parked: dict[RecordKey, dict[int, PushedEvent]] = {}
        ranges = Terminal.objects.filter(agency_id=self.agency_id).values_list("terminal_number", flat=True)
        self.credentials = CredentialRegister(self.agency_id, frozenset(ranges), now)
        self.standing: dict[str, WorkerStanding] = {}  # worker uid → what the centre knows of the holder
        self.holders = Holders()  # the registry's word on the push's credential holders (holders.py)
        self._corrected: set[str] = set()  # workers whose record a correction changed (lifts a "returned" hold)
        self.decoded: dict[str, dict[str, Any]] = {}  # event id → the identity its card read decodes to
        self.representatives: dict[str, dict[str, Any]] = {}  # event id → the agency's legal representative, read
        self.reviewable: list[tuple[str, int, str]] = []  # applied worker events: the review queue's (centre/review)
        self.photos = PushedPhotos(self.agency_id, now)  # workers' photos: their own table (worker_photos.py)
        self.seqs: dict[int, str] = {}  # this terminal's outbox numbers already used (sequence.py)
        # What to write at the end.
        self._events: list[PushedEvent] = []  # new ones, and parked ones of earlier pushes applied now
        self._new_records: dict[RecordKey, HeldRecord] = {}
        self._changed_records: dict[RecordKey, HeldRecord] = {}
        self._new_identities: list[Registration] = []

    def run(self, wire_events: Sequence[dict[str, Any]]) -> list[Verdict]:
        self._prefetch(wire_events)
        verdicts = [self._one(wire) for wire in wire_events]
        self._write()
        return verdicts

    def _prefetch(self, wire_events: Sequence[dict[str, Any]]) -> None:
        ids = [str(w["event_id"]) for w in wire_events]
        uids_by_entity: dict[str, set[str]] = {}
        for w in wire_events:
            uids_by_entity.setdefault(str(w["entity"]), set()).add(str(w["entity_uid"]))
        numbers = sorted({normalise_id_number(n) for w in wire_events if (n := _id_number(w))})
        for chunk in _chunks(ids):
            held = Event.objects.filter(event_id__in=chunk).values_list(*pushed.ANSWERED_FIELDS)
            self.events.update((row[0], Answered(*row)) for row in held)
        # The workers other records name (a credential's holder, a contract's worker): one look-up, not one each.
        for w in wire_events:
            if isinstance(w["payload"], dict) and (worker_uid := w["payload"].get("worker_uid")):
                uids_by_entity.setdefault("worker", set()).add(str(worker_uid))
        # By entity and uid: the indexes lead with the entity, so a look-up by uid alone would scan every row.
        for entity, uids in uids_by_entity.items():
            for chunk in _chunks(sorted(uids)):
                self.records.update(((entity, uid), None) for uid in chunk)
                found = Record.objects.filter(entity=entity, entity_uid__in=chunk)
                for values in found.values_list(*pushed.RECORD_FIELDS):
                    record = pushed.held_record(values)
                    self.records[(record.entity, record.entity_uid)] = record
                # Only this agency's own parked versions: another agency's events are never applied in its push.
                parked = Event.objects.filter(entity=entity, entity_uid__in=chunk, parked=True,
                                              terminal__agency_id=self.agency_id)  # fmt: skip
                for values in parked.values_list(*pushed.PARKED_FIELDS):
                    ev = pushed.parked_event(values)
                    self.parked.setdefault((ev.entity, ev.entity_uid), {})[ev.record_version] = ev
        self.seqs = held_sequence_numbers(self.terminal.id, (int(w["seq"]) for w in wire_events))
        for chunk in _chunks(numbers):
            current = IdentityRegistration.objects.filter(id_number__in=chunk, released_at__isnull=True)
            for values in current.values_list(*pushed.REGISTRATION_FIELDS):
                registration = pushed.registration(values)
                self.identities[registration.id_number] = registration
        credential_events = [w for w in wire_events if w["entity"] == "credential"]
        self.credentials.prefetch(str(w["payload"].get("credential_no")) for w in credential_events)
        if credential_events:  # their holders: the payload's, or the one the centre's credential names
            holders = [str(w["payload"].get("worker_uid") or "") for w in credential_events]
            holders += [c.worker_uid for c in self.credentials.rows.values() if c.worker_uid]
            self.holders.prefetch(holders, self.identities.values(), numbers)

    def _one(self, wire: dict[str, Any]) -> Verdict:
        event_id = str(wire["event_id"])
        content = event_content_sha256(wire)
        known = self.events.get(event_id)
        if known is not None:
            return _repeat_verdict(known, self.terminal.id, content)
        try:
            if (reused := reuse_refusal(self.seqs, int(wire["seq"]), event_id)) is not None:
                raise _Rejected(RejectCode.SEQ_REUSED, reused)
            parked = self._check(wire)
        except _Rejected as rejected:
            event = self._store(wire, content, EventStatus.REJECTED, rejected.code, rejected.reason)
            if rejected.consume:
                self._apply_with_parked(event, data=False)
            return Verdict(event_id, EventStatus.REJECTED, rejected.code.value, rejected.reason)
        event = self._store(wire, content, EventStatus.ACCEPTED, None, None, parked=parked)
        if parked:
            self.parked.setdefault((event.entity, event.entity_uid), {})[event.record_version] = event
        else:
            self._apply_with_parked(event)
        return Verdict(event_id, EventStatus.ACCEPTED)

    def _check(self, wire: dict[str, Any]) -> bool:
        """Raise _Rejected, or return whether the event has to be parked. Ownership first: nothing of another
        agency's may change, whatever else the event says."""
        version = int(wire["record_version"])
        entity, payload = str(wire["entity"]), wire["payload"]
        if version < 1 or not entity or not wire["entity_uid"] or not wire["kind"]:
            raise _Rejected(RejectCode.INVALID_PAYLOAD, "entity, uid, kind and version ≥ 1 are required")
        if wire["simulated"] and not self.demo:
            raise _Rejected(RejectCode.SIMULATED_IDENTITY, "a production centre refuses simulated identities")
        key = (entity, str(wire["entity_uid"]))
        record = self.records.get(key)
        if record is not None and record.agency_id != self.agency_id:
            raise _Rejected(RejectCode.NOT_OWNER, f"this {entity} record belongs to another agency")
        self._check_references(payload)
        if entity == agency_file.ENTITY:  # versions ordered by arrival, never parked (agency_file.py)
            self._check_agency(wire, record)
            return False
        if entity == "worker":
            self._check_identity(wire, record)
            if (photo_refused := photo_refusal(entity, payload)) is not None:
                raise _Rejected(RejectCode.INVALID_PAYLOAD, photo_refused)
        current = record.version if record else 0
        if version <= current or version in self.parked.get(key, {}):
            raise _Rejected(RejectCode.STALE_VERSION, f"version {version} is not newer than {current}")
        # A complaint the centre sent starts, at the centre, at whatever version the agency's terminal numbers it
        # (the terminal counts the centre's own copy as its version 1).
        centre_made = record is None and entity == "complaint" and self._centre_complaint(str(wire["entity_uid"]))
        parked = version > current + 1 and not centre_made
        if parked and entity == "complaint":  # a complaint sent to another agency is refused, parked or not
            self._check_content(entity, str(wire["entity_uid"]), payload)
        if not parked:
            self._check_content(entity, str(wire["entity_uid"]), payload)
        return parked

    def _check_agency(self, wire: dict[str, Any], record: HeldRecord | None) -> None:
        """The agency's own file, its legal representative only from a card read, and a version stale only
        against what this terminal sent before (centre/sync/agency_file.py)."""
        try:
            read = agency_file.check_agency_event(wire, self.agency_id, record.data if record else None, self.demo)
        except CardReadRefused as refused:
            raise _Rejected(refused.code, refused.reason) from refused
        uid, version = str(wire["entity_uid"]), int(wire["record_version"])
        mine = Event.objects.filter(entity=agency_file.ENTITY, entity_uid=uid, terminal_id=self.terminal.id,
                                    status=EventStatus.ACCEPTED.value).aggregate(m=Max("record_version"))["m"]  # fmt: skip
        sent = max([e.record_version for e in self._events if not e.stored and e.entity == agency_file.ENTITY and
                    e.entity_uid == uid and e.status == EventStatus.ACCEPTED.value] + [mine or 0])  # fmt: skip
        if version <= sent:
            raise _Rejected(RejectCode.STALE_VERSION, f"version {version} is not newer than this terminal's {sent}")
        if read is not None:
            self.representatives[str(wire["event_id"])] = read

    def _centre_complaint(self, uid: str) -> bool:
        return Complaint.objects.filter(pk=uid, agency_id=self.agency_id).exists()

    def _check_references(self, payload: dict[str, Any]) -> None:
        worker_uid = payload.get("worker_uid")
        if worker_uid:
            worker = self._record("worker", str(worker_uid))
            # A terminal sends a worker's registration before anything about the worker, so a worker the centre
            # does not know is not this agency's to write about: another agency that learnt the uid (it is in
            # the slips a terminal prints) must not attach training, contracts or ratings to the person.
            if worker is None:
                raise _Rejected(RejectCode.NOT_OWNER, "the worker this record is about is not registered by this agency")
            if worker.agency_id != self.agency_id:
                raise _Rejected(RejectCode.NOT_OWNER, "the worker this record is about belongs to another agency")

    def _check_identity(self, wire: dict[str, Any], record: HeldRecord | None) -> None:
        """Identity fields come only with the card read that registers the person (the first version, with the
        read's provenance), and a worker is registered only so; the one-agency-per-person rule is checked on the
        normalised number of the card's own block."""
        payload = wire["payload"]
        registering = record is None and int(wire["record_version"]) == 1
        if not registering:
            if any(field in payload for field in _IDENTITY_FIELDS):
                raise _Rejected(RejectCode.IDENTITY_NOT_FROM_CARD, "identity fields come only with the registering card read")
            if wire["kind"] == "worker.released":
                self._check_release(str(wire["entity_uid"]))
            return
        number = _id_number(wire)
        if number is None:
            raise _Rejected(RejectCode.IDENTITY_NOT_FROM_CARD, "a worker is registered only with a card read")
        refused = card_read_refusal(wire.get("provenance"), bool(wire["simulated"]), self.demo)
        if refused is not None:
            raise _Rejected(*refused)
        if not self.demo or "card_read" in payload:  # demo homes made before reads were sent: no block
            try:
                identity = identity_of_card_read(payload, wire.get("provenance"))
            except CardReadRefused as card:
                raise _Rejected(card.code, card.reason) from card
            number = identity.id_number
            # The record keeps what the card says, not what the event states.
            self.decoded[str(wire["event_id"])] = {k: v for k, v in identity.to_json().items() if k != "provenance"}
        holder = self.identities.get(normalise_id_number(number))
        if holder is not None and holder.agency_id != self.agency_id:
            raise _Rejected(RejectCode.IDENTITY_REGISTERED_ELSEWHERE, "this person is registered by another agency")

    def _check_release(self, worker_uid: str) -> None:
        live = Credential.objects.filter(worker_uid=worker_uid, agency_id=self.agency_id).exclude(
            state__in=("revoked", "expired")).exclude(hold=Hold.REVOKED)  # fmt: skip
        if live.exists() or any(c.worker_uid == worker_uid and c.state not in ("revoked", "expired")
                                for c in self.credentials.rows.values()):  # fmt: skip
            raise _Rejected(RejectCode.CENTRE_DECISION, "a live credential answers for this person: revoke it first",
                            consume=True)  # the terminal's later versions of the worker follow this one

    def _check_content(self, entity: str, entity_uid: str, payload: dict[str, Any]) -> None:
        """Rules that depend on the centre's current state, checked for the version about to be applied."""
        if entity == "credential":
            refusal = self.credentials.refusal(payload, self._standing)
            if refusal is not None:
                raise _Rejected(refusal.code, refusal.reason, consume=refusal.code in _CONSUMING)
        elif entity == "complaint":
            complaint = Complaint.objects.filter(pk=entity_uid).first()
            if complaint is not None and complaint.agency_id != self.agency_id:
                raise _Rejected(RejectCode.NOT_OWNER, "this complaint was sent to another agency")

    def _record(self, entity: str, uid: str) -> HeldRecord | None:
        key = (entity, uid)
        if key not in self.records:  # prefetched with the push's own uids and the workers they name
            found = Record.objects.filter(entity=entity, entity_uid=uid).values_list(*pushed.RECORD_FIELDS).first()
            self.records[key] = pushed.held_record(found) if found is not None else None
        return self.records[key]

    def _standing(self, worker_uid: str) -> WorkerStanding:
        """The holder as the identity registry knows them (never as a record's data says: data is the agency's)."""
        if worker_uid not in self.standing:
            registration = next((r for r in self.identities.values() if r.worker_uid == worker_uid), None)
            if registration is None and worker_uid:
                registration = self.holders.registration(worker_uid)
            if registration is None or registration.agency_id != self.agency_id:
                self.standing[worker_uid] = WorkerStanding(False, False, False)
            else:
                self.standing[worker_uid] = WorkerStanding(True, self.holders.adverse(registration.id_number),
                                                           registration.released_at is not None)  # fmt: skip
        return self.standing[worker_uid]

    def _store(
        self,
        wire: dict[str, Any],
        content: str,
        status: EventStatus,
        code: RejectCode | None,
        reason: str | None,
        parked: bool = False,
    ) -> PushedEvent:
        event = PushedEvent(
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
        )
        self._events.append(event)
        self.events[event.event_id] = event.answered()
        return event

    def _apply_with_parked(self, event: PushedEvent, data: bool = True) -> None:
        """Apply the event (or, with data=False, only count its version) and then every parked version that
        now follows without a gap."""
        key = (event.entity, event.entity_uid)
        waiting = self.parked.get(key, {})
        checked = True  # the first event passed _check_content; parked ones are checked when they come up
        while True:
            if data:
                self._apply(event, checked)
            else:
                self._advance(event)
            data, checked = True, False
            following = waiting.pop(event.record_version + 1, None)
            if following is None:
                return
            following.parked = False
            if following.stored:  # stored by an earlier push: its row is updated
                self._events.append(following)
            event = following

    def _advance(self, event: PushedEvent) -> HeldRecord:
        """The record reaches the event's version; its data changes only through _apply."""
        key = (event.entity, event.entity_uid)
        record = self.records.get(key)
        version = event.record_version
        if event.entity == agency_file.ENTITY:  # each terminal numbers the file on its own: the centre's next
            version = record.version + 1 if record is not None else 1
        if record is None:
            record = HeldRecord(entity=event.entity, entity_uid=event.entity_uid, version=version,
                                agency_id=self.agency_id, data={}, simulated=event.simulated, updated_at=self.now)  # fmt: skip
            self.records[key] = record
            self._new_records[key] = record
        else:
            record.version = version
            record.updated_at = self.now
            if key not in self._new_records:
                self._changed_records[key] = record
        return record

    def _apply(self, event: PushedEvent, checked: bool) -> None:
        if not checked and event.entity == "credential" and self.credentials.refusal(event.payload, self._standing):
            # A parked version meets the centre's rules only now: if they refuse it, the centre's state stands
            # and the version is only counted (docs/sync-protocol.md, "Parked versions").
            self._advance(event)
            return
        record = self._advance(event)
        record.data = {**record.data, **self.photos.take(event)}
        decoded = self.decoded.get(event.event_id)
        if decoded is not None:
            record.data["identity"] = decoded  # what the card says, whatever the event stated beside it
        if (read := self.representatives.get(event.event_id)) is not None:
            record.data[agency_file.READ_IDENTITY] = read  # the agency's legal representative, as the card says
            record.data.pop(agency_file.CARD_READ, None)  # the block stays in the event
        record.simulated = record.simulated or event.simulated
        number = decoded["id_number"] if decoded else _id_number_of(event.entity, event.payload)
        if number:
            normal = normalise_id_number(number)
            if normal not in self.identities:
                registration = Registration(id_number=normal, agency_id=self.agency_id, worker_uid=event.entity_uid,
                                            simulated=event.simulated, registered_at=self.now, released_at=None,
                                            release_reason="")  # fmt: skip
                self._new_identities.append(registration)
                self.identities[normal] = registration
        if event.entity == "worker":
            self._worker_effects(event)
        elif event.entity == "credential":
            self.credentials.apply(event.entity_uid, event.payload, event.simulated, self._holder_name)
        elif event.entity == "complaint" and event.payload.get("status") == "resolved":
            self._close_complaint(event)

    def _worker_effects(self, event: PushedEvent) -> None:
        self.reviewable.append((event.entity_uid, event.record_version, event.kind))
        if event.kind == "worker.released":
            # The agency releases the person (离职/转出): another agency may register them; history stays.
            reason = str(event.payload.get("reason") or "")[:500]
            for number, registration in list(self.identities.items()):
                if registration.worker_uid == event.entity_uid and registration.id is None:
                    registration.released_at, registration.release_reason = self.now, reason  # registered in this push
                    del self.identities[number]
            IdentityRegistration.objects.filter(worker_uid=event.entity_uid, agency_id=self.agency_id,
                                                released_at__isnull=True).update(released_at=self.now,
                                                                                 release_reason=reason)  # fmt: skip
            self.holders.released(event.entity_uid, self.agency_id, self.now)
        elif event.record_version > 1 and any(key not in ("reason", "at") for key in event.payload):
            # A correction of the worker's record (one that changes something) lifts a "returned for correction"
            # hold on their credentials (at the end, for every corrected worker at once: this push's decisions
            # read the credentials as they were fetched either way).
            self._corrected.add(event.entity_uid)

    def _close_complaint(self, event: PushedEvent) -> None:
        from centre.complaints.actions import resolution_from_agency  # the complaint workflow decides

        resolution_from_agency(event.entity_uid, self.agency_id, event.payload, self.now)

    def _holder_name(self, worker_uid: str) -> str | None:
        worker = self._record("worker", worker_uid)
        identity = worker.data.get("identity") if worker else None
        name = (identity.get("name") or identity.get("english_name")) if isinstance(identity, dict) else None
        return str(name) if name else None

    def _write(self) -> None:
        pushed.write_events(self._events, self.now)
        pushed.write_records(list(self._new_records.values()), list(self._changed_records.values()))
        pushed.write_registrations(self._new_identities)
        review_intake.take(self.reviewable, self.agency_id, self.now)
        corrected = sorted(self._corrected)
        for chunk in _chunks(corrected):
            Credential.objects.filter(worker_uid__in=chunk, agency_id=self.agency_id,
                                      hold=Hold.RETURNED).update(hold=Hold.NONE, updated_at=self.now)  # fmt: skip
        self.credentials.write()
        self.photos.write()


def _repeat_verdict(known: Answered, terminal_id: str, content: str) -> Verdict:
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
