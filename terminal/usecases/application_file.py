"""The approver's view of an application: the applicant's whole file on one screen (photo, identity with the ID
number masked, letters, health check, insurance, training, background check) and which issuing conditions are
unmet; returning an application to the clerk with a reason, and the clerk handing it in again.

A return keeps the credential `applied` (the lifecycle and the centre are unchanged): it is a `return` event in
the credential's history with the reason, which takes it out of the approval queue and into the clerk's list of
returned applications until the clerk hands it in again (a `resubmit` event). The centre's own return for
correction (central.py) leaves the same event, so it lands in the same list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from terminal.core.errors import InvalidInput, InvalidTransition, NotFound
from terminal.core.issuing import Condition
from terminal.core.lifecycle import State
from terminal.core.roles import Action
from terminal.store import audit
from terminal.store.db import Database
from terminal.usecases import credentials, printing
from terminal.usecases.context import Actor, authorise, utcnow
from wirecontract import idnumber
from wirecontract.errors import Text


@dataclass(frozen=True)
class Letter:
    kind: str  # employment_commitment, credit_authorisation, pi_consent
    signed_on: str
    scanned: bool


@dataclass(frozen=True)
class TrainingResult:
    course: str
    hours: float
    score: float | None
    passed: bool


@dataclass(frozen=True)
class ApplicationFile:
    credential_no: str
    worker_id: int
    state: State
    version: int
    name: str
    sex_code: str
    birth_date: str
    masked_id: str
    phone_masked: str
    address: str
    service_types: tuple[str, ...]
    photo: bytes | None  # PNG or JPEG, ready to show
    photo_source: str | None
    letters: tuple[Letter, ...]
    health_check: tuple[str, str, str, bool] | None  # checked on, expires on, institution, passed
    insurance: tuple[str, str, str, str] | None  # insurer, policy no, starts on, expires on
    training: tuple[TrainingResult, ...]
    background_check: str | None  # the centre's latest result (clear, adverse, pending), None: not yet checked
    unmet: tuple[Condition, ...]
    returned_reason: str | None

    def __repr__(self) -> str:  # personal data stays out of logs and tracebacks
        return f"ApplicationFile({self.credential_no}-{self.version}, {self.masked_id})"


def _worker_row(db: Database, credential_no: str) -> tuple[credentials.Credential, dict[str, object]]:
    cred = credentials.get(db, credential_no)
    row = db.query_one(
        "SELECT r.name, r.english_name, r.sex_code, r.birth_date, w.id_number, w.phone, w.current_address,"
        " w.photo_attachment_id, w.photo_source FROM workers w JOIN identity_reads r ON r.id = w.identity_read_id"
        " WHERE w.id = ?",
        (cred.worker_id,),
    )
    if row is None:
        raise NotFound(what=Text("人员", "worker"), key=str(cred.worker_id))
    return cred, dict(row)


def photo_of_worker(db: Database, actor: Actor, worker_id: int) -> bytes | None:
    """The worker's photo as registered (PNG or JPEG), for the worker page and the issue desk."""
    authorise(db, actor, Action.PRINT)  # every staff role works with the record's face
    attachment = db.scalar("SELECT photo_attachment_id FROM workers WHERE id = ?", (worker_id,))
    return printing.card_photo(db, int(attachment)) if attachment else None


def load(db: Database, actor: Actor, credential_no: str, today: dt.date) -> ApplicationFile:
    authorise(db, actor, Action.PRINT)
    cred, row = _worker_row(db, credential_no)
    wid = cred.worker_id
    letters = tuple(Letter(str(r["kind"]), str(r["signed_on"]), r["scan_attachment_id"] is not None) for r in db.query(
        "SELECT kind, signed_on, scan_attachment_id FROM letters WHERE worker_id = ? ORDER BY signed_on", (wid,)))  # fmt: skip
    hc = db.query_one("SELECT checked_on, expires_on, institution, passed FROM health_checks WHERE worker_id = ?"
                      " ORDER BY expires_on DESC LIMIT 1", (wid,))  # fmt: skip
    ins = db.query_one("SELECT insurer, policy_no, starts_on, expires_on FROM insurance WHERE worker_id = ?"
                       " ORDER BY expires_on DESC LIMIT 1", (wid,))  # fmt: skip
    training = tuple(
        TrainingResult(str(r["title"]), float(r["hours"] or 0), r["score"], bool(r["passed"]))
        for r in db.query(
            "SELECT c.title, a.hours, a.score, a.passed FROM training_attendance a JOIN training_sessions s"
            " ON s.id = a.session_id JOIN training_courses c ON c.id = s.course_id WHERE a.worker_id = ?"
            " ORDER BY s.starts_at",
            (wid,),
        )
    )
    types = tuple(str(r[0]) for r in db.query("SELECT code FROM worker_service_types WHERE worker_id = ? ORDER BY code", (wid,)))
    background = db.scalar("SELECT result FROM background_checks WHERE worker_id = ? ORDER BY id DESC LIMIT 1", (wid,))
    returned = credentials.is_returned(db, credential_no)
    photo_id = row["photo_attachment_id"]
    return ApplicationFile(
        credential_no=cred.credential_no, worker_id=wid, state=cred.state, version=cred.version,
        name=str(row["name"] or row["english_name"] or ""), sex_code=str(row["sex_code"]),
        birth_date=str(row["birth_date"]), masked_id=idnumber.mask(str(row["id_number"])),
        phone_masked=idnumber.mask_phone(str(row["phone"] or "")), address=str(row["current_address"] or ""),
        service_types=types, photo=printing.card_photo(db, int(str(photo_id))) if photo_id else None,
        photo_source=str(row["photo_source"]) if row["photo_source"] else None, letters=letters,
        health_check=(str(hc["checked_on"]), str(hc["expires_on"]), str(hc["institution"]), bool(hc["passed"])) if hc else None,
        insurance=(str(ins["insurer"]), str(ins["policy_no"]), str(ins["starts_on"]), str(ins["expires_on"])) if ins else None,
        training=training, background_check=str(background) if background else None,
        unmet=tuple(credentials.unmet_conditions(db, wid, today)),
        returned_reason=cred.state_reason if returned else None,
    )  # fmt: skip


def _event(db: Database, actor: Actor, cred: credentials.Credential, action: str, reason: str | None) -> None:
    now = utcnow().isoformat()
    cred_id = db.scalar("SELECT id FROM credentials WHERE credential_no = ?", (cred.credential_no,))
    db.execute("UPDATE credentials SET state_reason = ?, updated_at = ? WHERE id = ?", (reason, now, cred_id))
    db.execute(
        "INSERT INTO credential_events(credential_id, action, from_state, to_state, version, operator, reason, at)"
        " VALUES (?, ?, 'applied', 'applied', ?, ?, ?, ?)",
        (cred_id, action, cred.version, actor.username, reason, now),
    )
    audit.append(db, actor.username, f"credential.{action}", "credential", cred.uid,
                 {"credential_no": cred.credential_no, "reason": reason})  # fmt: skip


def return_to_clerk(db: Database, actor: Actor, credential_no: str, reason: str) -> None:
    """The approver sends the application back with a reason; it leaves the approval queue for the clerk's list."""
    authorise(db, actor, Action.APPROVE)
    if not reason.strip():
        raise InvalidInput(field=Text("请填写退回原因", "a reason for returning is required"))
    cred = credentials.get(db, credential_no)
    if cred.state is not State.APPLIED:
        raise InvalidTransition(state=cred.state.text, action=Text("退回", "return"))
    with db.transaction():
        _event(db, actor, cred, "return", reason.strip())


def resubmit(db: Database, actor: Actor, credential_no: str) -> None:
    """The clerk, having corrected the record, hands the returned application in again for approval."""
    authorise(db, actor, Action.APPLY)
    cred = credentials.get(db, credential_no)
    if cred.state is not State.APPLIED or not credentials.is_returned(db, credential_no):
        raise InvalidTransition(state=cred.state.text, action=Text("重新提交", "hand in again"))
    with db.transaction():
        _event(db, actor, cred, "resubmit", None)
