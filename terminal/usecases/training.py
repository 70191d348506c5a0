"""Training: courses, sessions, attendance by card tap (in and out, hours counted) and results.
A passed training is a condition for issuing a credential.

A course is for one target group: the workers (家政服务人员, registered here) or the agency's own managers
(机构管理人员), who need not be registered workers: a manager's first tap keeps their card read and makes them
known here (agency_managers), so their identity, too, comes only from a card. Taps say which way they go (the
trainer chooses sign-in or sign-out); a second tap of the same card within TAP_DEBOUNCE is the same tap, not
a sign-out. A pass needs the course's hours: attendance over all its sessions at least the course's hours."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from terminal.core.errors import InvalidInput, NotFound, RuleViolation
from terminal.core.roles import Action
from terminal.store import attachments, audit, identity_reads
from terminal.store.db import Database
from terminal.usecases import validation
from terminal.usecases.context import Actor, authorise, new_uid, utcnow
from terminal.usecases.journal import record
from wirecontract.errors import Text
from wirecontract.identity import CardRead

STANDARD_TOPICS = ("证件使用", "职业道德", "礼仪规范", "法律法规", "安全知识", "家用电器使用", "居家照护")
AUDIENCES = ("workers", "managers")
TAP_DEBOUNCE = dt.timedelta(seconds=60)


class TrainingHoursShort(RuleViolation):
    """A pass recorded for someone who has not attended the course's hours."""

    code = "training_hours_short"
    zh_template = "{name} 已参加 {attended} 学时，课程要求 {required} 学时，不能评为合格。请先补足学时，或录入不合格。"
    en_template = ("{name} attended {attended} of the {required} hours the course requires and cannot pass. "
                   "Complete the hours first, or record a fail.")  # fmt: skip


class NotSignedInToSession(RuleViolation):
    code = "not_signed_in_to_session"
    zh_template = "{name} 尚未签到本场培训，不能签退。请先切换到“签到”。"
    en_template = "{name} has not signed in to this session, so cannot sign out. Switch to sign-in first."


@dataclass(frozen=True)
class Group:
    """Where a target group's attendance lives."""

    table: str
    person_column: str
    people: str  # the table of the people themselves
    uid_key: str  # how events name the person


WORKERS = Group("training_attendance", "worker_id", "workers", "worker_uid")
MANAGERS = Group("manager_attendance", "manager_id", "agency_managers", "manager_uid")
GROUPS = {"workers": WORKERS, "managers": MANAGERS}


@dataclass(frozen=True)
class TapResult:
    """What the trainer sees after a tap: who, which way, and the hours so far."""

    direction: str  # "in", "out", or "repeat" (the same tap again within TAP_DEBOUNCE: nothing changed)
    name: str
    masked_id: str
    hours: float
    at: str
    photo: bytes | None = None


@dataclass(frozen=True)
class Attendance:
    worker_id: int  # the person: a worker's id, or a manager's for a managers' course
    name: str
    tap_in_at: str | None
    tap_out_at: str | None
    hours: float
    score: float | None
    passed: bool | None


def add_course(db: Database, actor: Actor, code: str, title: str, topics: list[str], hours: float, pass_score: float = 60,
               audience: str = "workers") -> str:  # fmt: skip
    authorise(db, actor, Action.MANAGE_TRAINING)
    if hours <= 0:
        raise InvalidInput(field=Text("课时必须大于0", "hours must be above 0"))
    if audience not in AUDIENCES:
        raise InvalidInput(field=Text("培训对象", "target group"))
    uid = new_uid()
    with db.transaction():
        if db.scalar("SELECT 1 FROM training_courses WHERE code = ?", (code,)):
            raise InvalidInput(field=Text(f"课程代码 {code} 已存在", f"course code {code} exists"))
        db.execute(
            "INSERT INTO training_courses(uid, code, title, topics, hours, pass_score, audience) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (uid, validation.required(code, Text("课程代码", "code")), validation.required(title, Text("课程名称", "title")),
             json.dumps(topics, ensure_ascii=False), hours, pass_score, audience),
        )  # fmt: skip
        record(db, actor, "training", uid, 1, "training.course_added",
               {"code": code, "title": title, "hours": hours, "audience": audience})
    return uid


def add_session(db: Database, actor: Actor, course_code: str, trainer: str, place: str, starts_at: dt.datetime, hours: float) -> str:
    authorise(db, actor, Action.MANAGE_TRAINING)
    course_id = db.scalar("SELECT id FROM training_courses WHERE code = ?", (course_code,))
    if course_id is None:
        raise NotFound(what=Text("课程", "course"), key=course_code)
    uid = new_uid()
    with db.transaction():
        db.execute(
            "INSERT INTO training_sessions(uid, course_id, trainer, place, starts_at, hours, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (uid, course_id, validation.required(trainer, Text("培训师", "trainer")), validation.required(place, Text("地点", "place")),
             starts_at.isoformat(), hours, utcnow().isoformat()),
        )  # fmt: skip
        record(db, actor, "training", uid, 1, "training.session_added",
               {"course": course_code, "trainer": trainer, "place": place, "starts_at": starts_at.isoformat(),
                "hours": hours})  # fmt: skip
    return uid


def _session_id(db: Database, session_uid: str) -> int:
    value = db.scalar("SELECT id FROM training_sessions WHERE uid = ?", (session_uid,))
    if value is None:
        raise NotFound(what=Text("培训场次", "session"), key=session_uid)
    return int(value)


def audience_of(db: Database, session_uid: str) -> str:
    value = db.scalar("SELECT c.audience FROM training_sessions s JOIN training_courses c ON c.id = s.course_id"
                      " WHERE s.uid = ?", (session_uid,))  # fmt: skip
    if value is None:
        raise NotFound(what=Text("培训场次", "session"), key=session_uid)
    return str(value)


def _person(db: Database, actor: Actor, group: Group, card_read: CardRead) -> tuple[int, str, str, bool]:
    """(id, uid, name, simulated) of the person the card names. A worker must be registered here; a manager
    becomes known here by this first tap (their card read is kept)."""
    identity = identity_reads.decode(card_read)
    row = db.query_one(f"SELECT p.id, p.uid, r.name, r.english_name, r.simulated FROM {group.people} p"
                       " JOIN identity_reads r ON r.id = p.identity_read_id WHERE p.id_number = ?",
                       (identity.id_number,))  # fmt: skip
    if row is not None:
        return int(row[0]), str(row[1]), str(row[2] or row[3] or ""), bool(row[4])
    if group is WORKERS:
        raise NotFound(what=Text("已登记人员", "registered worker"), key=identity.masked_id_number)
    read_id, identity = identity_reads.insert(db, card_read, actor.username, purpose="manager_training")
    uid = new_uid()
    manager_id = db.execute("INSERT INTO agency_managers(uid, id_number, identity_read_id, created_at) VALUES (?, ?, ?, ?)",
                            (uid, identity.id_number, read_id, utcnow().isoformat()))  # fmt: skip
    audit.append(db, actor.username, "manager.known", "manager", uid, {"id": identity.masked_id_number})
    return manager_id, uid, identity.display_name, identity.provenance.simulated


def _photo(db: Database, group: Group, person_id: int) -> bytes | None:
    if group is not WORKERS:
        return None
    attachment = db.scalar("SELECT photo_attachment_id FROM workers WHERE id = ?", (person_id,))
    return attachments.get(db, int(attachment))[0] if attachment is not None else None


def tap_card(db: Database, actor: Actor, session_uid: str, card_read: CardRead, direction: str,
             now: dt.datetime | None = None) -> TapResult:  # fmt: skip
    """A trainee taps the ID card; the trainer chose whether taps sign in or out. The same card again within
    TAP_DEBOUNCE of its last tap changes nothing (direction "repeat")."""
    authorise(db, actor, Action.RECORD_ATTENDANCE)
    if direction not in ("in", "out"):
        raise InvalidInput(field=Text("签到或签退", "sign-in or sign-out"))
    now = now or utcnow()
    session_id = _session_id(db, session_uid)
    group = GROUPS[audience_of(db, session_uid)]
    identity = identity_reads.decode(card_read)
    with db.transaction():
        person_id, person_uid, name, simulated = _person(db, actor, group, card_read)
        row = db.query_one(f"SELECT * FROM {group.table} WHERE session_id = ? AND {group.person_column} = ?",
                           (session_id, person_id))  # fmt: skip
        last = max((dt.datetime.fromisoformat(row[k]) for k in ("tap_in_at", "tap_out_at") if row is not None and row[k]),
                   default=None)  # fmt: skip
        masked, photo = identity.masked_id_number, _photo(db, group, person_id)
        if last is not None and abs(now - last) < TAP_DEBOUNCE:
            assert row is not None
            return TapResult("repeat", name, masked, float(row["hours"]), last.isoformat(), photo)
        if direction == "in":
            if row is not None and row["tap_in_at"] is not None:  # signed in already: the first time stands
                return TapResult("repeat", name, masked, float(row["hours"]), str(row["tap_in_at"]), photo)
            read_id, _ = identity_reads.insert(db, card_read, actor.username, purpose="training_attendance")
            uid = new_uid()
            db.execute(f"INSERT INTO {group.table}(uid, session_id, {group.person_column}, tap_in_at, tap_in_read_id)"
                       " VALUES (?, ?, ?, ?, ?)", (uid, session_id, person_id, now.isoformat(), read_id))  # fmt: skip
            hours = 0.0
        else:
            if row is None or row["tap_in_at"] is None:
                raise NotSignedInToSession(name=name)
            uid = row["uid"]
            session_hours = float(db.scalar("SELECT hours FROM training_sessions WHERE id = ?", (session_id,)))
            attended = (now - dt.datetime.fromisoformat(row["tap_in_at"])).total_seconds() / 3600
            hours = round(min(max(attended, 0.0), session_hours), 2)
            db.execute(f"UPDATE {group.table} SET tap_out_at = ?, hours = ? WHERE uid = ?", (now.isoformat(), hours, uid))
        record(db, actor, "training", uid, 1 if direction == "in" else 2, f"training.tap_{direction}",
               {group.uid_key: person_uid, "session": session_uid, "at": now.isoformat()}, simulated=simulated)  # fmt: skip
    return TapResult(direction, name, masked, hours, now.isoformat(), photo)


def tap(db: Database, actor: Actor, session_uid: str, card_read: CardRead, now: dt.datetime | None = None) -> str:
    """The command line's and the demo's tap: the first tap signs in, a later one signs out. Returns "in",
    "out" or "repeat"."""
    session_id = _session_id(db, session_uid)
    group = GROUPS[audience_of(db, session_uid)]
    number = identity_reads.decode(card_read).id_number
    signed_in = db.scalar(
        f"SELECT a.tap_in_at FROM {group.table} a JOIN {group.people} p ON p.id = a.{group.person_column}"
        " WHERE a.session_id = ? AND p.id_number = ?", (session_id, number))  # fmt: skip
    return tap_card(db, actor, session_uid, card_read, "out" if signed_in else "in", now).direction


def attended_hours(db: Database, group: Group, course_id: int, person_id: int) -> float:
    """Hours attended over every session of the course (a 16-hour course may run as two 8-hour sessions)."""
    value = db.scalar(f"SELECT coalesce(sum(a.hours), 0) FROM {group.table} a JOIN training_sessions s"
                      f" ON s.id = a.session_id WHERE s.course_id = ? AND a.{group.person_column} = ?",
                      (course_id, person_id))  # fmt: skip
    return round(float(value), 2)


def record_result(db: Database, actor: Actor, session_uid: str, worker_id: int, score: float) -> bool:
    """The result of one trainee (a worker, or a manager on a managers' course: `worker_id` is then the
    manager's id). A pass needs the course's hours (TrainingHoursShort); a fail may always be recorded."""
    authorise(db, actor, Action.MANAGE_TRAINING)
    session_id = _session_id(db, session_uid)
    group = GROUPS[audience_of(db, session_uid)]
    row = db.query_one(f"SELECT * FROM {group.table} WHERE session_id = ? AND {group.person_column} = ?",
                       (session_id, worker_id))  # fmt: skip
    if row is None or row["tap_out_at"] is None:
        raise InvalidInput(field=Text("须刷卡签到并签退后才能录入成绩", "tap in and out before recording a result"))
    if not 0 <= score <= 100:
        raise InvalidInput(field=Text("成绩应在0-100之间", "score must be 0 to 100"))
    course = db.query_one(
        "SELECT c.id, c.pass_score, c.hours FROM training_sessions s JOIN training_courses c ON c.id = s.course_id"
        " WHERE s.id = ?", (session_id,))  # fmt: skip
    assert course is not None
    passed = score >= float(course["pass_score"])
    attended = attended_hours(db, group, int(course["id"]), worker_id)
    person = db.query_one(f"SELECT p.uid, r.name, r.english_name, r.simulated FROM {group.people} p"
                          " JOIN identity_reads r ON r.id = p.identity_read_id WHERE p.id = ?", (worker_id,))  # fmt: skip
    assert person is not None
    if passed and attended < float(course["hours"]):
        raise TrainingHoursShort(name=person["name"] or person["english_name"], attended=f"{attended:g}",
                                 required=f"{float(course['hours']):g}")  # fmt: skip
    with db.transaction():
        db.execute(f"UPDATE {group.table} SET score = ?, passed = ? WHERE uid = ?", (score, int(passed), row["uid"]))
        record(db, actor, "training", row["uid"], 3, "training.result",
               {group.uid_key: person["uid"], "session": session_uid, "score": score, "passed": passed,
                "hours": row["hours"], "course_hours_attended": attended}, simulated=bool(person["simulated"]))  # fmt: skip
    return passed


def roster(db: Database, session_uid: str) -> list[Attendance]:
    group = GROUPS[audience_of(db, session_uid)]
    rows = db.query(
        f"SELECT a.{group.person_column}, coalesce(nullif(r.name, ''), r.english_name), a.tap_in_at, a.tap_out_at,"
        f" a.hours, a.score, a.passed FROM {group.table} a JOIN {group.people} p ON p.id = a.{group.person_column}"
        " JOIN identity_reads r ON r.id = p.identity_read_id WHERE a.session_id = ? ORDER BY a.tap_in_at",
        (_session_id(db, session_uid),),
    )  # fmt: skip
    return [Attendance(int(r[0]), r[1], r[2], r[3], float(r[4]), r[5], None if r[6] is None else bool(r[6])) for r in rows]
