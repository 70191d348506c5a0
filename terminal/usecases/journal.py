"""Writing down a change: its audit entry and its outbox event, inside the change's transaction."""

from __future__ import annotations

from typing import Any

from terminal.store import audit, outbox
from terminal.store.db import Database
from terminal.usecases.context import Actor
from wirecontract.errors import Text


def record(
    db: Database,
    actor: Actor,
    entity: str,
    entity_uid: str,
    version: int,
    kind: str,
    payload: dict[str, Any],
    audit_detail: dict[str, Any] | None = None,
    *,
    simulated: bool = False,
    send: bool = True,
) -> None:
    audit.append(db, actor.username, kind, entity, entity_uid, audit_detail or {})
    if send:
        outbox.enqueue(db, entity, entity_uid, version, kind, payload, simulated=simulated)


def worker_ref(db: Database, worker_id: int) -> tuple[str, str, bool]:
    """(worker uid, id number, simulated) — events name the worker so the centre can place them."""
    row = db.query_one(
        "SELECT w.uid, w.id_number, r.simulated FROM workers w JOIN identity_reads r ON r.id = w.identity_read_id "
        "WHERE w.id = ?",
        (worker_id,),
    )
    if row is None:
        from terminal.core.errors import NotFound

        raise NotFound(what=Text("人员", "worker"), key=str(worker_id))
    return str(row[0]), str(row[1]), bool(row[2])
