"""Append-only, hash-chained audit log: who did what to which record, when (views of full ID numbers too).

Each entry's hash covers the previous entry's hash and the entry's own fields, so editing, deleting or
reordering any entry breaks the chain from that entry on. `verify` names the first broken entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from terminal.core.errors import DatabaseRolledBack
from terminal.store.db import Database

GENESIS = "0" * 64


def _entry_hash(prev_hash: str, at: str, operator: str, action: str, entity: str, uid: str | None, detail: str) -> str:
    canonical = json.dumps([prev_hash, at, operator, action, entity, uid, detail], ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append(
    db: Database,
    operator: str,
    action: str,
    entity: str,
    entity_uid: str | None = None,
    detail: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> None:
    """Add an entry. Must run inside the transaction of the change it records."""
    if not db.in_transaction:
        raise RuntimeError("audit entries are written in the transaction of their change")
    prev = db.scalar("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1") or GENESIS
    when = (at or dt.datetime.now(dt.UTC)).isoformat()
    detail_text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    digest = _entry_hash(prev, when, operator, action, entity, entity_uid, detail_text)
    db.execute(
        "INSERT INTO audit_log(at, operator, action, entity, entity_uid, detail, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (when, operator, action, entity, entity_uid, detail_text, prev, digest),
    )


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    operator: str
    action: str
    entity: str
    entity_uid: str | None
    detail: dict[str, Any]


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_broken_seq: int | None
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.first_broken_seq is None


def verify(db: Database) -> ChainReport:
    prev = GENESIS
    count = 0
    expected_seq = None
    for row in db.query("SELECT * FROM audit_log ORDER BY seq"):
        count += 1
        if expected_seq is not None and row["seq"] != expected_seq:
            return ChainReport(count, int(row["seq"]), f"entry {expected_seq} is missing")
        if row["prev_hash"] != prev:
            return ChainReport(count, int(row["seq"]), "does not follow the previous entry")
        digest = _entry_hash(
            prev, row["at"], row["operator"], row["action"], row["entity"], row["entity_uid"], row["detail"]
        )
        if digest != row["hash"]:
            return ChainReport(count, int(row["seq"]), "its content was changed")
        prev = row["hash"]
        expected_seq = int(row["seq"]) + 1
    refusal = db.write_refusal
    if isinstance(refusal, DatabaseRolledBack):
        # The chain left is intact, but it is shorter than (or not) the one this terminal had confirmed.
        first_missing = expected_seq if expected_seq is not None else 1
        return ChainReport(count, first_missing, "entries are missing: the database was rolled back (see marks.json)")
    return ChainReport(count, None, None)


def entries_for(db: Database, entity_uid: str, limit: int = 500) -> list[AuditEntry]:
    rows = db.query(
        "SELECT seq, at, operator, action, entity, entity_uid, detail FROM audit_log "
        "WHERE entity_uid = ? ORDER BY seq LIMIT ?",
        (entity_uid, limit),
    )
    return [
        AuditEntry(r["seq"], r["at"], r["operator"], r["action"], r["entity"], r["entity_uid"], json.loads(r["detail"]))
        for r in rows
    ]
