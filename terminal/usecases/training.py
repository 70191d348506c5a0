"""Training: courses, sessions, attendance by card tap (in and out, hours counted) and results.
A passed training is a condition for issuing a credential."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from terminal.core.errors import InvalidInput, NotFound
from terminal.core.roles import Action
from terminal.store import identity_reads
from terminal.store.db import Database
from terminal.usecases import validation
from terminal.usecases.context import Actor, authorise, new_uid, utcnow
from terminal.usecases.journal import record, worker_ref
from wirecontract.identity import CardRead

STANDARD_TOPICS = ("证件使用", "职业道德", "礼仪规范", "法律法规", "安全知识", "家用电器使用", "居家照护")


@dataclass(frozen=True)
class Attendance:
    worker_id: int
    name: str
    tap_in_at: str | None
    tap_out_at: str | None
    hours: float
    score: float | None
    passed: bool | None


def add_course(db: Database, actor: Actor, code: str, title: str, topics: list[str], hours: float, pass_score: float = 60) -> str:
    authorise(db, actor, Action.MANAGE_TRAINING)
    if hours <= 0:
        raise InvalidInput(field="课时必须大于0 / hours must be above 0")
    uid = new_uid()
    with db.transaction():
        if db.scalar("SELECT 1 FROM training_courses WHERE code = ?", (code,)):
            raise InvalidInput(field=f"课程代码 {code} 已存在 / course code {code} exists")
        db.execute(
            "INSERT INTO training_courses(uid, code, title, topics, hours, pass_score) VALUES (?, ?, ?, ?, ?, ?)",
            (uid, validation.required(code, "课程代码 / code"), validation.required(title, "课程名称 / title"),
             json.dumps(topics, ensure_ascii=False), hours, pass_score),
        )  # fmt: skip
        record(db, actor, "training", uid, 1, "training.course_added", {"code": code, "title": title, "hours": hours})
    return uid


def add_session(db: Database, actor: Actor, course_code: str, trainer: str, place: str, starts_at: dt.datetime, hours: float) -> str:
    authorise(db, actor, Action.MANAGE_TRAINING)
    course_id = db.scalar("SELECT id FROM training_courses WHERE code = ?", (course_code,))
    if course_id is None:
        raise NotFound(what="课程 / course", key=course_code)
    uid = new_uid()
    with db.transaction():
        db.execute(
            "INSERT INTO training_sessions(uid, course_id, trainer, place, starts_at, hours, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (uid, course_id, validation.required(trainer, "培训师 / trainer"), validation.required(place, "地点 / place"),
             starts_at.isoformat(), hours, utcnow().isoformat()),
        )  # fmt: skip
        record(db, actor, "training", uid, 1, "training.session_added",
               {"course": course_code, "trainer": trainer, "place": place, "starts_at": starts_at.isoformat(),
                "hours": hours})  # fmt: skip
    return uid


def _session_id(db: Database, session_uid: str) -> int:
    value = db.scalar("SELECT id FROM training_sessions WHERE uid = ?", (session_uid,))
    if value is None:
        raise NotFound(what="培训场次 / session", key=session_uid)
    return int(value)


def tap(db: Database, actor: Actor, session_uid: str, card_read: CardRead, now: dt.datetime | None = None) -> str:
    """A worker taps the ID card: the first tap checks in, the second checks out and counts the hours.
    Returns "in" or "out"."""
    authorise(db, actor, Action.RECORD_ATTENDANCE)
    now = now or utcnow()
    session_id = _session_id(db, session_uid)
    identity = identity_reads.decode(card_read)
    worker_id = db.scalar("SELECT id FROM workers WHERE id_number = ?", (identity.id_number,))
    if worker_id is None:
        raise NotFound(what="已登记人员 / registered worker", key=identity.masked_id_number)
    wuid, _, simulated = worker_ref(db, int(worker_id))
    row = db.query_one("SELECT * FROM training_attendance WHERE session_id = ? AND worker_id = ?", (session_id, worker_id))
    with db.transaction():
        if row is None or row["tap_in_at"] is None:
            read_id, _ = identity_reads.insert(db, card_read, actor.username, purpose="training_attendance")
            uid = new_uid() if row is None else row["uid"]
            db.execute(
                "INSERT INTO training_attendance(uid, session_id, worker_id, tap_in_at, tap_in_read_id) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(session_id, worker_id) DO UPDATE SET tap_in_at = excluded.tap_in_at",
                (uid, session_id, worker_id, now.isoformat(), read_id),
            )
            direction = "in"
        else:
            uid = row["uid"]
            session_hours = float(db.scalar("SELECT hours FROM training_sessions WHERE id = ?", (session_id,)))
            attended = (now - dt.datetime.fromisoformat(row["tap_in_at"])).total_seconds() / 3600
            hours = round(min(max(attended, 0.0), session_hours), 2)
            db.execute("UPDATE training_attendance SET tap_out_at = ?, hours = ? WHERE uid = ?", (now.isoformat(), hours, uid))
            direction = "out"
        record(db, actor, "training", uid, 1 if direction == "in" else 2, f"training.tap_{direction}",
               {"worker_uid": wuid, "session": session_uid, "at": now.isoformat()}, simulated=simulated)  # fmt: skip
    return direction


def record_result(db: Database, actor: Actor, session_uid: str, worker_id: int, score: float) -> bool:
    authorise(db, actor, Action.MANAGE_TRAINING)
    session_id = _session_id(db, session_uid)
    row = db.query_one("SELECT * FROM training_attendance WHERE session_id = ? AND worker_id = ?", (session_id, worker_id))
    if row is None or row["tap_out_at"] is None:
        raise InvalidInput(field="须刷卡签到并签退后才能录入成绩 / tap in and out before recording a result")
    if not 0 <= score <= 100:
        raise InvalidInput(field="成绩应在0-100之间 / score must be 0 to 100")
    pass_score = float(db.scalar(
        "SELECT c.pass_score FROM training_sessions s JOIN training_courses c ON c.id = s.course_id WHERE s.id = ?",
        (session_id,)))  # fmt: skip
    passed = score >= pass_score
    wuid, _, simulated = worker_ref(db, worker_id)
    with db.transaction():
        db.execute("UPDATE training_attendance SET score = ?, passed = ? WHERE uid = ?", (score, int(passed), row["uid"]))
        record(db, actor, "training", row["uid"], 3, "training.result",
               {"worker_uid": wuid, "session": session_uid, "score": score, "passed": passed,
                "hours": row["hours"]}, simulated=simulated)  # fmt: skip
    return passed


def roster(db: Database, session_uid: str) -> list[Attendance]:
    rows = db.query(
        "SELECT a.worker_id, r.name, a.tap_in_at, a.tap_out_at, a.hours, a.score, a.passed FROM training_attendance a"
        " JOIN workers w ON w.id = a.worker_id JOIN identity_reads r ON r.id = w.identity_read_id"
        " WHERE a.session_id = ? ORDER BY a.tap_in_at",
        (_session_id(db, session_uid),),
    )
    return [Attendance(int(r[0]), r[1], r[2], r[3], float(r[4]), r[5], None if r[6] is None else bool(r[6])) for r in rows]
