"""Complaints the centre sent this agency (投诉): the inbox, with each one's reference and deadline, and the
agency's answer, which goes back to the centre as the complaint's next version (`complaint.resolved`). Only this
agency's terminals can answer it: the centre refuses the event from any other agency (`not_owner`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from terminal.core.errors import InvalidInput, NotFound
from terminal.core.roles import Action
from terminal.store.db import Database
from terminal.usecases import validation
from terminal.usecases.context import Actor, authorise, utcnow
from terminal.usecases.journal import record
from wirecontract.errors import Text

MAX_RESPONSE = 2000


@dataclass(frozen=True)
class CentreComplaint:
    uid: str
    reference: str
    worker_name: str  # '' for a complaint about the agency itself
    summary: str
    received_at: str
    due_at: str | None
    status: str  # open | handling | resolved
    response: str
    reopened: bool

    def overdue(self, now: dt.datetime) -> bool:
        if self.status == "resolved" or not self.due_at:
            return False
        try:
            due = dt.datetime.fromisoformat(self.due_at)
        except ValueError:
            return False
        return (due if due.tzinfo else due.replace(tzinfo=dt.UTC)) < now


def inbox(db: Database) -> list[CentreComplaint]:
    """The centre's complaints, those waiting for an answer first (earliest deadline first)."""
    rows = db.query(
        "SELECT c.*, r.name FROM complaints c LEFT JOIN workers w ON w.id = c.worker_id"
        " LEFT JOIN identity_reads r ON r.id = w.identity_read_id WHERE c.source = 'centre'"
        " ORDER BY c.status = 'resolved', coalesce(c.due_at, c.received_at), c.received_at",
    )
    return [CentreComplaint(r["uid"], r["reference"] or "", r["name"] or "", r["summary"], r["received_at"],
                            r["due_at"], r["status"], r["response"] or "", bool(r["reopened_at"]))
            for r in rows]  # fmt: skip


def waiting_count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM complaints WHERE source = 'centre' AND status != 'resolved'") or 0)


def resolve(db: Database, actor: Actor, uid: str, response: str) -> None:
    """The agency's answer to a complaint the centre sent: recorded, audited and queued for the centre."""
    authorise(db, actor, Action.RECORD_SERVICE)
    response = validation.required(response, Text("处理结果", "the agency's answer"))
    if len(response) > MAX_RESPONSE:
        raise InvalidInput(field=Text(f"处理结果不能超过 {MAX_RESPONSE} 字", f"the answer is over {MAX_RESPONSE} characters"))
    row = db.query_one(
        "SELECT c.status, c.record_version, c.source, w.uid AS worker_uid, r.simulated FROM complaints c"
        " LEFT JOIN workers w ON w.id = c.worker_id LEFT JOIN identity_reads r ON r.id = w.identity_read_id"
        " WHERE c.uid = ?", (uid,))  # fmt: skip
    if row is None or row["source"] != "centre":
        raise NotFound(what=Text("中心转来的投诉", "complaint from the centre"), key=uid)
    if row["status"] == "resolved":
        raise InvalidInput(field=Text("该投诉已答复", "this complaint was already answered"))
    version = int(row["record_version"]) + 1
    now = utcnow().isoformat()
    with db.transaction():
        db.execute("UPDATE complaints SET status = 'resolved', response = ?, resolved_at = ?, record_version = ?"
                   " WHERE uid = ?", (response, now, version, uid))  # fmt: skip
        payload: dict[str, object] = {"status": "resolved", "response": response, "at": now}
        if row["worker_uid"]:
            payload["worker_uid"] = row["worker_uid"]
        record(db, actor, "complaint", uid, version, "complaint.resolved", payload,
               simulated=bool(row["simulated"]))  # fmt: skip
