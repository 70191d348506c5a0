"""Read-side lists for the agency's daily work screens: credential queues with who is waiting and what
still blocks issuing, training courses and their sessions. Names only; ID numbers are masked."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from terminal.core.issuing import Condition
from terminal.core.lifecycle import State
from terminal.store.db import Database
from terminal.usecases.credentials import unmet_conditions
from wirecontract import idnumber


@dataclass(frozen=True)
class QueueEntry:
    credential_no: str
    worker_id: int
    name: str
    masked_id: str
    version: int
    applied_at: str
    valid_to: str | None
    missing: tuple[Condition, ...]  # the issuing conditions not met today (terminal/core/issuing.py)
    returned_reason: str | None = None  # returned to the clerk for correction, with this reason


@dataclass(frozen=True)
class CourseInfo:
    code: str
    title: str
    topics: tuple[str, ...]
    hours: float
    pass_score: float
    sessions: int


@dataclass(frozen=True)
class SessionInfo:
    uid: str
    course_code: str
    course_title: str
    trainer: str
    place: str
    starts_at: str
    hours: float
    attendees: int


# The last event of an applied credential says whether it was returned to the clerk (and not handed in again).
_LAST_ACTION = "(SELECT e.action FROM credential_events e WHERE e.credential_id = c.id ORDER BY e.id DESC LIMIT 1)"


def credential_queue(db: Database, state: State, today: dt.date, limit: int = 500,
                     returned: bool = False) -> list[QueueEntry]:  # fmt: skip
    """One queue, oldest first. The applied queue is split in two: waiting for approval, and returned to the
    clerk for correction (`returned=True`), each with the reason."""
    where = "c.state = ?"
    if state is State.APPLIED:
        where += f" AND {_LAST_ACTION} IS {'' if returned else 'NOT '}'return'"
    rows = db.query(
        "SELECT c.credential_no, c.worker_id, r.name, r.english_name, w.id_number, c.version, c.applied_at,"
        " c.valid_to, c.state_reason FROM credentials c JOIN workers w ON w.id = c.worker_id"
        f" JOIN identity_reads r ON r.id = w.identity_read_id WHERE {where} ORDER BY c.applied_at, c.id LIMIT ?",
        (state.value, limit),
    )
    return [
        QueueEntry(
            str(r["credential_no"]), int(r["worker_id"]), r["name"] or r["english_name"] or "",
            idnumber.mask(r["id_number"]), int(r["version"]), str(r["applied_at"]), r["valid_to"],
            tuple(unmet_conditions(db, int(r["worker_id"]), today)), r["state_reason"] if returned else None,
        )
        for r in rows
    ]  # fmt: skip


def courses(db: Database) -> list[CourseInfo]:
    rows = db.query(
        "SELECT c.code, c.title, c.topics, c.hours, c.pass_score,"
        " (SELECT count(*) FROM training_sessions s WHERE s.course_id = c.id) AS n FROM training_courses c ORDER BY c.code"
    )
    return [CourseInfo(str(r["code"]), str(r["title"]), tuple(json.loads(r["topics"] or "[]")), float(r["hours"]),
                       float(r["pass_score"]), int(r["n"])) for r in rows]  # fmt: skip


def sessions(db: Database, course_code: str | None = None) -> list[SessionInfo]:
    sql = ("SELECT s.uid, c.code, c.title, s.trainer, s.place, s.starts_at, s.hours,"
           " (SELECT count(*) FROM training_attendance a WHERE a.session_id = s.id)"
           " + (SELECT count(*) FROM manager_attendance m WHERE m.session_id = s.id) AS n"
           " FROM training_sessions s JOIN training_courses c ON c.id = s.course_id")  # fmt: skip
    params: tuple[object, ...] = ()
    if course_code:
        sql += " WHERE c.code = ?"
        params = (course_code,)
    rows = db.query(sql + " ORDER BY s.starts_at DESC", params)
    return [SessionInfo(str(r["uid"]), str(r["code"]), str(r["title"]), str(r["trainer"]), str(r["place"]),
                        str(r["starts_at"]), float(r["hours"]), int(r["n"])) for r in rows]  # fmt: skip
