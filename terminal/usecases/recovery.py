"""Recovery of a rolled-back store from the centre: fetch this terminal's own accepted events back and re-apply
what was lost (docs/sync-protocol.md, *Recovery*).

A store whose `-wal` file was deleted, or an old copy put back, is behind its high-water marks and refuses
writes (terminal/store/marks.py). Restoring the latest backup is one way out; this is the other, for what the
centre already holds. The events after the store's last outbox number come back into the outbox as they were
sent (same event id, same number, state `accepted`), so the next new event is numbered after them and can never
reuse a number the centre holds (which it would refuse `seq_reused`). What each event carried is then applied
again where the event holds it all: a registration brings back the person's card read, the worker, their phone
and service types. Other events carry only the change they made, on top of local rows the rollback took; they
are back in the outbox and counted, by kind, in the report and the audit entry, so the operator knows what to
enter again. Events the terminal never delivered are not at the centre: the report counts them too. Nothing
is dropped without being named.

The use case does not import sync (the layer rule): the caller passes `fetch(after_seq)`, which returns one
page of the centre's answer.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from terminal.core.errors import DatabaseRolledBack, TerminalError
from terminal.core.roles import Action
from terminal.store import audit, identity_reads, marks, search
from terminal.store.db import Database
from terminal.usecases.context import Actor, authorise, utcnow
from wirecontract.identity import CardRead, Provenance
from wirecontract.protocol import WireEvent
from wirecontract.signing import b64url_decode

RECOVERED = "store.recovered_from_centre"


# One event as the centre holds it: the fields of the wire event (terminal/sync/client.py HeldEvent).
HeldEvent = WireEvent


class HeldPage(Protocol):
    @property
    def events(self) -> Sequence[HeldEvent]: ...
    @property
    def more(self) -> bool: ...


FetchPage = Callable[[int], HeldPage]


@dataclass
class RecoveryReport:
    was_rolled_back: bool
    local_seq_before: int
    events_restored: int = 0
    workers_reapplied: int = 0
    not_reapplied: dict[str, int] = field(default_factory=dict)  # kind → events back in the outbox only
    never_delivered: int = 0  # numbers the store had used that the centre does not hold: lost with the WAL
    audit_entries_lost: int = 0
    local_seq_after: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "was_rolled_back": self.was_rolled_back, "local_seq_before": self.local_seq_before,
            "events_restored": self.events_restored, "workers_reapplied": self.workers_reapplied,
            "not_reapplied": dict(sorted(self.not_reapplied.items())), "never_delivered": self.never_delivered,
            "audit_entries_lost": self.audit_entries_lost, "local_seq_after": self.local_seq_after,
        }  # fmt: skip


def recover_from_centre(db: Database, actor: Actor, fetch: FetchPage) -> RecoveryReport:
    """Administrators only. Works on a store refused as rolled back and on a healthy one (then it only finds
    what the centre holds beyond the local outbox, normally nothing). A damaged store stays refused."""
    authorise(db, actor, Action.BACKUP)
    refusal = db.write_refusal
    if refusal is not None and not isinstance(refusal, DatabaseRolledBack):
        raise refusal
    root = db.path.parent
    stored = marks.load(root)
    before = marks.current(db)
    report = RecoveryReport(refusal is not None, before.outbox_seq)
    held = _fetch_all(fetch, before.outbox_seq)
    known = {str(r[0]) for r in db.query("SELECT event_id FROM outbox")}
    missing = [e for e in held if e.event_id not in known]
    with db.writes_despite(DatabaseRolledBack), db.transaction():
        reapplied = Counter[str]()
        skipped = Counter[str]()
        for event in missing:
            _restore_outbox_row(db, event)
            if event.kind == "worker.registered" and _reapply_registration(db, actor, event):
                reapplied[event.kind] += 1
            else:
                skipped[event.kind] += 1
        after = marks.current(db)
        report.events_restored = len(missing)
        report.workers_reapplied = reapplied["worker.registered"]
        report.not_reapplied = dict(skipped)
        if stored is not None:
            report.never_delivered = max(stored.outbox_seq - max(after.outbox_seq, before.outbox_seq), 0)
            report.audit_entries_lost = max(stored.audit_seq - before.audit_seq, 0)
        # The audit entry says what came back and what did not; it names no person.
        audit.append(db, actor.username, RECOVERED, "store", None, report.to_json())
    db.lift_refusal(DatabaseRolledBack)
    report.local_seq_after = marks.restart(db, root).outbox_seq
    return report


def _fetch_all(fetch: FetchPage, after_seq: int) -> list[HeldEvent]:
    events: list[HeldEvent] = []
    while True:
        page = fetch(after_seq)
        events.extend(page.events)
        if not page.more or not page.events:
            return events
        after_seq = page.events[-1].seq


def _restore_outbox_row(db: Database, event: HeldEvent) -> None:
    # The number the event was sent with: SQLite's AUTOINCREMENT then numbers new events after it.
    db.execute(
        "INSERT INTO outbox(seq, event_id, entity, entity_uid, record_version, kind, payload, provenance, simulated,"
        " created_at, state, attempts, last_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', 1, ?)",
        (
            event.seq, event.event_id, event.entity, event.entity_uid, event.record_version, event.kind,
            json.dumps(event.payload, ensure_ascii=False, sort_keys=True),
            json.dumps(event.provenance, sort_keys=True) if event.provenance else None,
            int(event.simulated), event.created_at, utcnow().isoformat(),
        ),
    )  # fmt: skip


def _reapply_registration(db: Database, actor: Actor, event: HeldEvent) -> bool:
    """The person, their card read, phone and service types, from the registration event. False when the event
    cannot be applied (the person is already here under another record, or the read does not decode)."""
    if db.scalar("SELECT 1 FROM workers WHERE uid = ?", (event.entity_uid,)) is not None:
        return True  # the rollback left this one
    payload = event.payload
    try:
        text = b64url_decode(str(payload["card_read"]["text"]))
        provenance = Provenance.from_json(event.provenance or {})
        card = CardRead(text, None, provenance)
        identity = identity_reads.decode(card)
    except (KeyError, TypeError, ValueError, TerminalError):
        return False
    if db.scalar("SELECT 1 FROM workers WHERE id_number = ?", (identity.id_number,)) is not None:
        return False
    read_id, identity = identity_reads.insert(db, card, actor.username, purpose="recovery")
    registered_at = str(payload.get("registered_at") or event.created_at)
    phone = payload.get("phone")
    worker_id = db.execute(
        "INSERT INTO workers(uid, id_number, identity_read_id, phone, created_at, created_by, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (event.entity_uid, identity.id_number, read_id, phone if isinstance(phone, str) else None, registered_at,
         actor.username, registered_at),
    )  # fmt: skip
    types = payload.get("service_types")
    for code in sorted({str(c) for c in types}) if isinstance(types, list) else ():
        db.execute("INSERT INTO worker_service_types(worker_id, code) VALUES (?, ?)", (worker_id, code))
    search.reindex_worker(db.conn, worker_id)
    audit.append(db, actor.username, "worker.recovered", "worker", event.entity_uid, {"id": identity.masked_id_number})
    return True
