"""Registrations the centre returned for correction (退回更正): the inbox, and the clerk's correction.

A correction starts with the person's ID card on the reader: the read must be of the worker the centre returned
(the identity is never typed and never changes), and it is kept with the correction. The clerk corrects what the
agency typed (phone, address, service types, residence permit, education); the new version of the worker's record
goes to the centre as `worker.corrected` with the centre's review it answers, where it re-enters the review queue
and lifts the return of the person's applications."""

from __future__ import annotations

from dataclasses import dataclass

from terminal.core import service_types
from terminal.core.errors import InvalidInput, NotFound
from terminal.core.roles import Action
from terminal.store import audit, identity_reads, outbox, search
from terminal.store.db import Database
from terminal.usecases import validation
from terminal.usecases.context import Actor, authorise, utcnow
from wirecontract.errors import Text
from wirecontract.identity import CardRead, Identity


@dataclass(frozen=True)
class Returned:
    uid: str
    worker_id: int
    name: str
    masked_id_number: str
    reason: str
    returned_at: str
    status: str  # open | resubmitted | accepted


@dataclass(frozen=True)
class Profile:
    """What the agency typed at registration and may correct."""

    phone: str
    current_address: str
    service_types: list[str]
    residence_permit_no: str | None = None
    education: str | None = None


def inbox(db: Database, include_done: bool = True) -> list[Returned]:
    """Open returns first (oldest first), then resubmitted and accepted ones (newest first)."""
    rows = db.query(
        "SELECT c.uid, c.worker_id, c.reason, c.returned_at, c.status, r.name, r.id_number FROM corrections c"
        " JOIN workers w ON w.id = c.worker_id JOIN identity_reads r ON r.id = w.identity_read_id"
        " WHERE ? OR c.status = 'open'"
        " ORDER BY c.status != 'open', CASE WHEN c.status = 'open' THEN c.returned_at END, c.returned_at DESC",
        (int(include_done),),
    )
    return [Returned(r["uid"], int(r["worker_id"]), r["name"], _mask(r["id_number"]), r["reason"], r["returned_at"],
                     r["status"]) for r in rows]  # fmt: skip


def open_count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM corrections WHERE status = 'open'") or 0)


def current_profile(db: Database, correction_uid: str) -> Profile:
    row = db.query_one(
        "SELECT w.* FROM corrections c JOIN workers w ON w.id = c.worker_id WHERE c.uid = ?", (correction_uid,)
    )
    if row is None:
        raise NotFound(what=Text("退回事项", "returned registration"), key=correction_uid)
    types = [r[0] for r in db.query("SELECT code FROM worker_service_types WHERE worker_id = ? ORDER BY code",
                                    (row["id"],))]  # fmt: skip
    return Profile(row["phone"] or "", row["current_address"] or "", types, row["residence_permit_no"],
                   row["education"])  # fmt: skip


def check_card(db: Database, correction_uid: str, card_read: CardRead) -> Identity:
    """The read must be of the returned worker (so the screen can say so at once, before the form)."""
    identity = identity_reads.decode(card_read)
    row = db.query_one("SELECT w.id_number FROM corrections c JOIN workers w ON w.id = c.worker_id WHERE c.uid = ?",
                       (correction_uid,))  # fmt: skip
    if row is None:
        raise NotFound(what=Text("退回事项", "returned registration"), key=correction_uid)
    if identity.id_number != row["id_number"]:
        raise InvalidInput(field=Text("所读身份证不是被退回登记的本人，请读取本人身份证",
                                      "the card read is not the returned worker's: read that person's own card"))  # fmt: skip
    return identity


def resubmit(db: Database, actor: Actor, correction_uid: str, card_read: CardRead, profile: Profile) -> None:
    """Correct the worker's record and send it back to the centre, in one transaction with the card read that
    confirms the person, the audit entry and the outbox event."""
    authorise(db, actor, Action.EDIT_PROFILE)
    phone = validation.phone(profile.phone)
    address = validation.required(profile.current_address, Text("现住址", "current address"))
    types = service_types.validate(profile.service_types)
    if not types:
        raise InvalidInput(field=Text("至少选择一种服务类型", "choose at least one service type"))
    check_card(db, correction_uid, card_read)
    now = utcnow().isoformat()
    with db.transaction():
        row = db.query_one(
            "SELECT c.status, w.id AS worker_id, w.uid, w.record_version FROM corrections c"
            " JOIN workers w ON w.id = c.worker_id WHERE c.uid = ?", (correction_uid,))  # fmt: skip
        assert row is not None  # check_card found it
        if row["status"] != "open":
            raise InvalidInput(field=Text("该退回事项已重新提交", "this return was already answered"))
        read_id, identity = identity_reads.insert(db, card_read, actor.username, purpose="correction")
        worker_id, version = int(row["worker_id"]), int(row["record_version"]) + 1
        db.execute("UPDATE workers SET phone = ?, current_address = ?, residence_permit_no = ?, education = ?,"
                   " record_version = ?, updated_at = ? WHERE id = ?",
                   (phone, address, profile.residence_permit_no, profile.education, version, now, worker_id))  # fmt: skip
        db.execute("DELETE FROM worker_service_types WHERE worker_id = ?", (worker_id,))
        for code in types:
            db.execute("INSERT INTO worker_service_types(worker_id, code) VALUES (?, ?)", (worker_id, code))
        search.reindex_worker(db.conn, worker_id)
        db.execute("UPDATE corrections SET status = 'resubmitted', resubmitted_at = ?, resubmitted_by = ?, read_id = ?"
                   " WHERE uid = ?", (now, actor.username, read_id, correction_uid))  # fmt: skip
        audit.append(db, actor.username, "worker.corrected", "worker", row["uid"], {"review": correction_uid})
        payload = {"phone": phone, "current_address": address, "service_types": types,
                   "residence_permit_no": profile.residence_permit_no, "education": profile.education,
                   "correction_of": correction_uid, "confirmed_read_sha256": identity.provenance.raw_sha256,
                   "corrected_at": now}  # fmt: skip
        outbox.enqueue(db, "worker", row["uid"], version, "worker.corrected", payload,
                       simulated=identity.provenance.simulated)  # fmt: skip


def _mask(number: str) -> str:
    from wirecontract import idnumber

    return idnumber.mask(number)

