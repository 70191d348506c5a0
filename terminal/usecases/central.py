"""Applying what the centre decided (pulled by sync), in order, in one transaction with the cursor.

Change format: {"seq": int, "kind": str, "data": {...}} — see docs/sync-protocol.md. Decisions about
workers or credentials this terminal does not hold are skipped (the centre sends its whole feed).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

from terminal.core.lifecycle import TRANSITIONS, State
from terminal.core.roles import Action
from terminal.store import audit
from terminal.store.db import Database
from terminal.store.outbox import SyncStateRepo
from terminal.usecases import casework_feed, credit_grades
from terminal.usecases.context import CENTRE, new_uid, utcnow
from wirecontract.evalslip import FEED_KIND as CONSUMER_EVALUATION

log = logging.getLogger(__name__)

CURSOR_KEY = "pull_cursor"
_CREDENTIAL_ACTIONS = {"credential.revoked": Action.REVOKE, "credential.suspended": Action.SUSPEND,
                       "credential.resumed": Action.RESUME}  # fmt: skip
BACKGROUND_RESULTS = ("clear", "adverse", "pending")


def _worker_id(db: Database, id_number: str | None) -> int | None:
    if not id_number:
        return None
    value = db.scalar("SELECT id FROM workers WHERE id_number = ?", (id_number,))
    return None if value is None else int(value)


def _apply_credential(db: Database, kind: str, data: dict[str, Any]) -> None:
    row = db.query_one("SELECT id, state, version FROM credentials WHERE credential_no = ?", (data["credential_no"],))
    if row is None:
        return
    action = _CREDENTIAL_ACTIONS[kind]
    step = TRANSITIONS[action]
    state = State(row["state"])
    if state is step.target:
        return  # already applied (a repeated pull after a crash)
    if state not in step.sources:
        # The centre's decision does not fit the local state (e.g. a suspension of a card not yet issued):
        # keep it on record for a person, never block the rest of the feed on it.
        audit.append(db, CENTRE.username, f"{kind}.not_applicable", "credential", data["credential_no"],
                     {"state": state.value, "reason": data.get("reason")})  # fmt: skip
        return
    now = utcnow().isoformat()
    db.execute(
        # record_version counts the versions this terminal sends: the centre's own decision is not one of them,
        # and a version the centre never receives would leave the terminal's next one parked there for good.
        "UPDATE credentials SET state = ?, state_reason = ?, updated_at = ? WHERE id = ?",
        (step.target.value, data.get("reason"), now, row["id"]),
    )
    db.execute(
        "INSERT INTO credential_events(credential_id, action, from_state, to_state, version, operator, reason, at,"
        " source) VALUES (?, ?, ?, ?, ?, 'centre', ?, ?, 'centre')",
        (row["id"], action.value, state.value, step.target.value, row["version"], data.get("reason"), now),
    )
    audit.append(db, CENTRE.username, kind, "credential", data["credential_no"], {"reason": data.get("reason")})


def _apply_returned(db: Database, data: dict[str, Any]) -> None:
    """The centre returned an application for correction: it waits for approval again, with the centre's reason,
    until the agency corrects the worker's record (the centre lifts the return when it receives the correction)."""
    row = db.query_one("SELECT id, state, version FROM credentials WHERE credential_no = ?", (data["credential_no"],))
    if row is None:
        return
    state = State(row["state"])
    if state not in (State.APPROVED, State.PRINTED):
        if state is not State.APPLIED:
            audit.append(db, CENTRE.username, "credential.returned.not_applicable", "credential",
                         data["credential_no"], {"state": state.value, "reason": data.get("reason")})  # fmt: skip
        return
    now = utcnow().isoformat()
    db.execute("UPDATE credentials SET state = 'applied', state_reason = ?, updated_at = ? WHERE id = ?",
               (data.get("reason"), now, row["id"]))  # fmt: skip
    db.execute(
        "INSERT INTO credential_events(credential_id, action, from_state, to_state, version, operator, reason, at,"
        " source) VALUES (?, 'return', ?, 'applied', ?, 'centre', ?, ?, 'centre')",
        (row["id"], state.value, row["version"], data.get("reason"), now),
    )
    audit.append(db, CENTRE.username, "credential.returned", "credential", data["credential_no"],
                 {"reason": data.get("reason")})  # fmt: skip


def _apply_one(db: Database, change: dict[str, Any]) -> None:
    kind = str(change["kind"])
    data: dict[str, Any] = change["data"]
    now = utcnow().isoformat()
    if kind in _CREDENTIAL_ACTIONS:
        _apply_credential(db, kind, data)
        return
    if kind == "credential.returned":
        _apply_returned(db, data)
        return
    if kind == CONSUMER_EVALUATION:
        from terminal.usecases.contracts import apply_consumer_evaluation

        apply_consumer_evaluation(db, data)
        return
    if kind == "worker.released":
        # The centre released the person from this agency (their credentials were revoked for leaving).
        db.execute("UPDATE workers SET status = 'inactive', updated_at = ? WHERE uid = ?", (now, data.get("worker_uid")))
        audit.append(db, CENTRE.username, kind, "worker", str(data.get("worker_uid")), {"reason": data.get("reason")})
        return
    if kind in casework_feed.KINDS:  # returned registrations, complaints, integrity records
        casework_feed.apply(db, kind, data)
        return
    if kind == credit_grades.KIND:  # a changed credit grade of a worker or of the agency
        credit_grades.apply(db, data)
        return
    worker_id = _worker_id(db, data.get("id_number"))
    if worker_id is None:
        return
    if kind == "background_check":
        result = data["result"] if data["result"] in BACKGROUND_RESULTS else "pending"
        db.execute(
            "INSERT INTO background_checks(worker_id, result, checked_at, received_at) VALUES (?, ?, ?, ?)",
            (worker_id, result, data.get("checked_at") or now, now),
        )
        db.execute("UPDATE workers SET central_status = ? WHERE id = ?", (result, worker_id))
    elif kind == "credit_record":
        if not db.scalar("SELECT 1 FROM credit_records WHERE uid = ?", (data["uid"],)):
            db.execute(
                "INSERT INTO credit_records(uid, worker_id, source, kind, description, recorded_at)"
                " VALUES (?, ?, 'centre', ?, ?, ?)",
                (data["uid"], worker_id, data["kind"], data["description"], data.get("recorded_at") or now),
            )
    elif kind == "evaluation":
        if not db.scalar("SELECT 1 FROM evaluations WHERE uid = ?", (data["uid"],)):
            scores = {k: int(v) for k, v in dict(data.get("scores") or {}).items()}
            overall = round(sum(scores.values()) / len(scores), 2) if scores else 0.0
            db.execute(
                "INSERT INTO evaluations(uid, worker_id, scores, overall, comment, at, source)"
                " VALUES (?, ?, ?, ?, ?, ?, 'centre')",
                (data.get("uid") or new_uid(), worker_id, json.dumps(scores), overall, data.get("comment"),
                 data.get("at") or now),
            )  # fmt: skip
    else:
        log.info("skipped a centre change of unknown kind %s", kind)
        return
    audit.append(db, CENTRE.username, kind, "worker", None, {"seq": change.get("seq")})


def apply_pulled(db: Database, changes: Sequence[dict[str, Any]], cursor: str) -> int:
    """Apply changes in seq order with the new cursor, all or nothing. Returns how many were applied."""
    ordered = sorted(changes, key=lambda c: int(c["seq"]))
    with db.transaction():
        for change in ordered:
            _apply_one(db, change)
        db.execute(
            "INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (CURSOR_KEY, cursor),
        )
    return len(ordered)


def cursor(db: Database) -> str | None:
    return SyncStateRepo(db).get(CURSOR_KEY)
