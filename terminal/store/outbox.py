"""The sync outbox. Every change the centre must learn is enqueued in the same transaction as the change,
so the data and the outbox never disagree, whatever stops the process."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from terminal.store.db import Database, Row
from terminal.store.kv import KeyValueRepo

STATES = ("queued", "sent", "accepted", "duplicate", "rejected")


@dataclass(frozen=True)
class OutboxEvent:
    seq: int
    event_id: str
    entity: str
    entity_uid: str
    record_version: int
    kind: str
    payload: dict[str, Any]
    provenance: dict[str, Any] | None
    simulated: bool
    created_at: str
    state: str
    attempts: int
    reject_code: str | None
    reject_reason: str | None


def _event(row: Row) -> OutboxEvent:
    return OutboxEvent(
        seq=int(row["seq"]),
        event_id=row["event_id"],
        entity=row["entity"],
        entity_uid=row["entity_uid"],
        record_version=int(row["record_version"]),
        kind=row["kind"],
        payload=json.loads(row["payload"]),
        provenance=json.loads(row["provenance"]) if row["provenance"] else None,
        simulated=bool(row["simulated"]),
        created_at=row["created_at"],
        state=row["state"],
        attempts=int(row["attempts"]),
        reject_code=row["reject_code"],
        reject_reason=row["reject_reason"],
    )


def enqueue(
    db: Database,
    entity: str,
    entity_uid: str,
    record_version: int,
    kind: str,
    payload: dict[str, Any],
    provenance: dict[str, Any] | None = None,
    simulated: bool = False,
) -> str:
    """Queue one event. Must run inside the transaction of the change it describes."""
    if not db.in_transaction:
        raise RuntimeError("outbox events are written in the transaction of their change")
    event_id = uuid.uuid4().hex
    db.execute(
        "INSERT INTO outbox(event_id, entity, entity_uid, record_version, kind, payload, provenance, simulated,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event_id,
            entity,
            entity_uid,
            record_version,
            kind,
            json.dumps(payload, ensure_ascii=False, sort_keys=True),
            json.dumps(provenance, sort_keys=True) if provenance else None,
            int(simulated),
            dt.datetime.now(dt.UTC).isoformat(),
        ),
    )
    return event_id


class OutboxRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def pending(self, limit: int = 500, after_seq: int = 0) -> list[OutboxEvent]:
        """Events still to be answered, in seq order; `after_seq` skips a batch that is on its way."""
        rows = self.db.query(
            "SELECT * FROM outbox WHERE state IN ('queued', 'sent') AND seq > ? ORDER BY seq LIMIT ?",
            (after_seq, limit),
        )
        return [_event(r) for r in rows]

    def mark_attempt(self, event_ids: Sequence[str]) -> None:
        now = dt.datetime.now(dt.UTC).isoformat()
        with self.db.transaction() as conn:
            conn.executemany(
                "UPDATE outbox SET state = 'sent', attempts = attempts + 1, last_attempt_at = ? "
                "WHERE event_id = ? AND state IN ('queued', 'sent')",
                [(now, e) for e in event_ids],
            )

    def record_results(self, results: Sequence[tuple[str, str, str | None, str | None]]) -> None:
        now = dt.datetime.now(dt.UTC).isoformat()
        for _, status, _, _ in results:
            if status not in ("accepted", "duplicate", "rejected"):
                raise ValueError(f"unknown result status {status!r}")
        with self.db.transaction() as conn:
            conn.executemany(
                "UPDATE outbox SET state = ?, reject_code = ?, reject_reason = ?, resolved_at = ? WHERE event_id = ?",
                [(status, code, reason, now, event_id) for event_id, status, code, reason in results],
            )

    def delivered_event_ids(self) -> list[str]:
        rows = self.db.query("SELECT event_id FROM outbox WHERE state IN ('accepted', 'duplicate') ORDER BY seq")
        return [r[0] for r in rows]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATES, 0)
        for state, n in self.db.query("SELECT state, count(*) FROM outbox GROUP BY state"):
            counts[state] = int(n)
        return counts

    def by_entity(self, entity_uid: str) -> list[OutboxEvent]:
        return [_event(r) for r in self.db.query("SELECT * FROM outbox WHERE entity_uid = ? ORDER BY seq", (entity_uid,))]

    def rejected(self, limit: int = 200) -> list[OutboxEvent]:
        rows = self.db.query("SELECT * FROM outbox WHERE state = 'rejected' ORDER BY seq DESC LIMIT ?", (limit,))
        return [_event(r) for r in rows]


class SyncStateRepo(KeyValueRepo):
    table = "sync_state"
