"""What an operator does about sync: send again an event the centre rejected, once the record is fixed.

The sync screen used to write to the outbox itself, with no role check and no audit entry; it goes through here.
"""

from __future__ import annotations

from terminal.core.errors import NotFound
from terminal.core.roles import Action
from terminal.store import audit
from terminal.store.db import Database
from terminal.usecases.context import Actor, authorise
from wirecontract.errors import Text


def requeue_rejected(db: Database, actor: Actor, event_id: str) -> None:
    """Queue a rejected event again (the operator says its record is fixed); audited with the rejection."""
    # EDIT_PROFILE: whoever may correct the record the centre refused may ask for it to be sent again.
    authorise(db, actor, Action.EDIT_PROFILE)
    with db.transaction():
        row = db.query_one(
            "SELECT entity, entity_uid, kind, reject_code FROM outbox WHERE event_id = ? AND state = 'rejected'",
            (event_id,),
        )
        if row is None:
            raise NotFound(what=Text("退回的记录", "rejected event"), key=event_id)
        db.execute(
            "UPDATE outbox SET state = 'queued', reject_code = NULL, reject_reason = NULL WHERE event_id = ?",
            (event_id,),
        )
        audit.append(db, actor.username, "outbox.requeued", row["entity"], row["entity_uid"],
                     {"event_id": event_id, "kind": row["kind"], "reject_code": row["reject_code"]})  # fmt: skip
