"""Read-side lists for the agency's daily work screens: credential queues with who is waiting and what
still blocks issuing, training courses and their sessions. Names only; ID numbers are masked."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from terminal.core.lifecycle import State
from terminal.store.db import Database
from terminal.usecases.credentials import issue_preconditions
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
    missing: tuple[str, ...]  # what still blocks issuing (only worked out for the printed queue)


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


def credential_queue(db: Database, state: State, today: dt.date, limit: int = 500) -> list[QueueEntry]:
    rows = db.query(
        "SELECT c.credential_no, c.worker_id, r.name, r.english_name, w.id_number, c.version, c.applied_at,"
        " c.valid_to FROM credentials c JOIN workers w ON w.id = c.worker_id"
        " JOIN identity_reads r ON r.id = w.identity_read_id WHERE c.state = ? ORDER BY c.applied_at, c.id LIMIT ?",
        (state.value, limit),
    )
    check_issue = state is State.PRINTED
    return [
        QueueEntry(
            str(r["credential_no"]), int(r["worker_id"]), r["name"] or r["english_name"] or "",
            idnumber.mask(r["id_number"]), int(r["version"]), str(r["applied_at"]), r["valid_to"],
            tuple(issue_preconditions(db, int(r["worker_id"]), today)) if check_issue else (),
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
           " (SELECT count(*) FROM training_attendance a WHERE a.session_id = s.id) AS n"
           " FROM training_sessions s JOIN training_courses c ON c.id = s.course_id")  # fmt: skip
    params: tuple[object, ...] = ()
    if course_code:
        sql += " WHERE c.code = ?"
        params = (course_code,)
    rows = db.query(sql + " ORDER BY s.starts_at DESC", params)
    return [SessionInfo(str(r["uid"]), str(r["code"]), str(r["title"]), str(r["trainer"]), str(r["place"]),
                        str(r["starts_at"]), float(r["hours"]), int(r["n"])) for r in rows]  # fmt: skip
