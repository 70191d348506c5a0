"""A worker leaving the agency (离职/转出): the agency releases the person, so that another agency may register
them; the centre keeps the person's whole history. Only once none of their credentials is live: a card that
still says the agency answers for the person must be revoked first."""

from __future__ import annotations

from terminal.core.errors import InvalidInput, NotFound
from terminal.core.roles import Action
from terminal.store import audit, outbox
from terminal.store.db import Database
from terminal.usecases import validation
from terminal.usecases.context import Actor, authorise, utcnow
from terminal.usecases.journal import worker_ref
from wirecontract.errors import Text


def find_worker(db: Database, key: str) -> int:
    """The worker a command names: by record number, record uid, or one of their credential numbers. Never by ID
    number or name: those would have to be typed on a command line, where they stay in the shell's history."""
    key = key.strip()
    row = None
    if key.isascii() and key.isdigit():
        row = db.query_one("SELECT id FROM workers WHERE id = ?", (int(key),))
    if row is None:
        row = db.query_one("SELECT id FROM workers WHERE uid = ?", (key.lower(),))
    if row is None:
        row = db.query_one("SELECT worker_id AS id FROM credentials WHERE credential_no = ?", (key.upper(),))
    if row is None:
        raise NotFound(what=Text("人员", "worker"), key=key)
    return int(row["id"])


def release_worker(db: Database, actor: Actor, worker_id: int, reason: str) -> None:
    authorise(db, actor, Action.REVOKE)  # the supervisors' decision, as revoking the card is
    reason = validation.required(reason, Text("原因", "reason"))
    row = db.query_one("SELECT status, record_version FROM workers WHERE id = ?", (worker_id,))
    if row is None:
        raise NotFound(what=Text("人员", "worker"), key=str(worker_id))
    if row["status"] == "inactive":
        raise InvalidInput(field=Text("该人员已离职", "the worker has already left"))
    live = db.scalar("SELECT credential_no FROM credentials WHERE worker_id = ? AND state NOT IN ('revoked', 'expired')",
                     (worker_id,))  # fmt: skip
    if live:
        raise InvalidInput(field=Text(f"请先注销证件 {live}", f"revoke credential {live} first"))
    uid, _, simulated = worker_ref(db, worker_id)
    version = int(row["record_version"]) + 1
    now = utcnow().isoformat()
    with db.transaction():
        db.execute("UPDATE workers SET status = 'inactive', record_version = ?, updated_at = ? WHERE id = ?",
                   (version, now, worker_id))  # fmt: skip
        audit.append(db, actor.username, "worker.released", "worker", uid, {"reason": reason})
        outbox.enqueue(db, "worker", uid, version, "worker.released", {"reason": reason, "released_at": now},
                       simulated=simulated)  # fmt: skip
