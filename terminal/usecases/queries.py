"""Read-side queries for screens and commands: worker lists (masked), a worker's whole record, the
home dashboard and its alerts, the timeline with each event's sync state."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from terminal.core.errors import NotFound
from terminal.core.roles import Action, may
from terminal.store import audit, identity_reads, search
from terminal.store.db import Database
from terminal.store.outbox import OutboxRepo
from terminal.usecases.context import Actor, authorise, verify
from wirecontract import idnumber
from wirecontract.errors import Text
from wirecontract.identity import Identity


@dataclass(frozen=True)
class WorkerSummary:
    worker_id: int
    uid: str
    name: str
    masked_id: str
    masked_phone: str
    service_types: tuple[str, ...]
    credential_no: str | None
    credential_state: str | None
    simulated: bool


_SUMMARY_SQL = """
SELECT w.id, w.uid, r.name, r.english_name, w.id_number, w.phone, r.simulated,
       (SELECT group_concat(code) FROM worker_service_types s WHERE s.worker_id = w.id) AS types,
       (SELECT credential_no FROM credentials c WHERE c.worker_id = w.id ORDER BY c.id DESC LIMIT 1) AS cred_no,
       (SELECT state FROM credentials c WHERE c.worker_id = w.id ORDER BY c.id DESC LIMIT 1) AS cred_state
FROM workers w JOIN identity_reads r ON r.id = w.identity_read_id
"""


def _summaries(db: Database, where: str, params: tuple[Any, ...]) -> list[WorkerSummary]:
    rows = db.query(_SUMMARY_SQL + where, params)
    return [
        WorkerSummary(
            int(r["id"]), r["uid"], r["name"] or r["english_name"] or "", idnumber.mask(r["id_number"]),
            idnumber.mask_phone(r["phone"] or ""), tuple(sorted((r["types"] or "").split(","))) if r["types"] else (),
            r["cred_no"], r["cred_state"], bool(r["simulated"]),
        )
        for r in rows
    ]


def find_workers(
    db: Database, text: str, state: str | None = None, service_type: str | None = None, limit: int = 50,
    offset: int = 0,
) -> list[WorkerSummary]:
    """The front-desk search with filters; an empty query lists the most recent registrations. `offset` and
    `limit` give one page of the results (the list fetches the rows it shows, and more as it scrolls)."""
    filtered = bool(state or service_type)
    if text.strip():
        ids = search.search(db, text, limit=(offset + limit) * 4 if filtered else offset + limit)
        if not filtered:
            ids = ids[offset:]
        if not ids:
            return []
        where = f" WHERE w.id IN ({','.join('?' * len(ids))})"
        params: tuple[Any, ...] = tuple(ids)
    else:
        where, params = " WHERE 1", ()
    if service_type:
        where += " AND EXISTS (SELECT 1 FROM worker_service_types s WHERE s.worker_id = w.id AND s.code = ?)"
        params += (service_type,)
    if state:
        where += " AND (SELECT state FROM credentials c WHERE c.worker_id = w.id ORDER BY c.id DESC LIMIT 1) IS ?"
        params += (None if state == "none" else state,)
    if not text.strip():
        return _summaries(db, where + " ORDER BY w.id DESC LIMIT ? OFFSET ?", (*params, limit, offset))
    found = _summaries(db, where, params)
    order = {wid: i for i, wid in enumerate(ids)}
    found.sort(key=lambda s: order.get(s.worker_id, 0))  # the search's order: best kinds of match first
    return found[offset:offset + limit] if filtered else found[:limit]


def reveal_id_number(db: Database, actor: Actor, worker_id: int) -> str:
    """The full ID number, for roles that may see it; every reveal is audited."""
    authorise(db, actor, Action.VIEW_FULL_ID)
    row = db.query_one("SELECT uid, id_number FROM workers WHERE id = ?", (worker_id,))
    if row is None:
        raise NotFound(what=Text("人员", "worker"), key=str(worker_id))
    with db.transaction():
        audit.append(db, actor.username, "worker.id_number_viewed", "worker", row["uid"])
    return str(row["id_number"])


CARD_SHOWN = "reader.card_shown"
CARD_EXCHANGE_SAVED = "reader.exchange_saved"


def card_as_seen_by(db: Database, actor: Actor, identity: Identity) -> Identity:
    """A card read as `actor` may see it (`terminal reader read` / `decode`): the ID number and, on a
    Hong Kong/Macau/Taiwan permit, the pass number masked unless the role may see full numbers. Showing the
    full numbers is audited like reveal_id_number; the entry names the read by its raw block's hash, which
    the store keeps as provenance anyway, so the log itself holds no number."""
    verify(db, actor)
    if may(actor.role, Action.VIEW_FULL_ID):
        with db.transaction():
            audit.append(db, actor.username, CARD_SHOWN, "card_read", identity.provenance.raw_sha256)
        return identity
    return dataclasses.replace(
        identity,
        id_number=identity.masked_id_number,
        pass_number=idnumber.mask(identity.pass_number) if identity.pass_number else None,
    )


def allow_card_exchange_saved(db: Database, actor: Actor, reader: str) -> None:
    """`terminal reader dump` writes a read's raw exchange (the whole text block) to a file for support:
    only roles that may see full numbers, and audited before the card is read."""
    authorise(db, actor, Action.VIEW_FULL_ID)
    with db.transaction():
        audit.append(db, actor.username, CARD_EXCHANGE_SAVED, "reader", reader)


@dataclass
class WorkerRecord:
    worker_id: int
    uid: str
    identity: Identity
    phone: str
    current_address: str
    residence_permit_no: str | None
    education: str | None
    service_types: list[str]
    central_status: str | None
    may_view_full_id: bool
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    photo_source: str | None = None  # "card", "camera", "file" (registration.PhotoSource); None: no photo
    status: str = "active"  # "inactive" once released from the agency (leaving.release_worker)

    @property
    def masked_id(self) -> str:
        return self.identity.masked_id_number


_TABS = {
    "credentials": "SELECT credential_no, version, state, valid_from, valid_to, state_reason, updated_at FROM credentials WHERE worker_id = ? ORDER BY id",
    "credential_events": "SELECT c.credential_no, e.action, e.from_state, e.to_state, e.version, e.operator, e.reason, e.at, e.source FROM credential_events e JOIN credentials c ON c.id = e.credential_id WHERE c.worker_id = ? ORDER BY e.id",
    "health_checks": "SELECT checked_on, expires_on, institution, passed FROM health_checks WHERE worker_id = ? ORDER BY checked_on DESC",
    "insurance": "SELECT insurer, policy_no, starts_on, expires_on FROM insurance WHERE worker_id = ? ORDER BY expires_on DESC",
    "certificates": "SELECT kind, name, number, issued_by, issued_on, expires_on FROM certificates WHERE worker_id = ?",
    "letters": "SELECT kind, signed_on, identity_read_sha256, scan_sha256 FROM letters WHERE worker_id = ? ORDER BY id",
    "training": "SELECT c.title, s.starts_at, s.place, s.trainer, a.hours, a.score, a.passed FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id JOIN training_courses c ON c.id = s.course_id WHERE a.worker_id = ? ORDER BY s.starts_at",
    "contracts": "SELECT uid, signed_on, service_type, period_from, period_to, district FROM contracts WHERE worker_id = ? ORDER BY signed_on DESC",
    "evaluations": "SELECT uid, scores, overall, comment, at, source FROM evaluations WHERE worker_id = ? ORDER BY at DESC",
    "complaints": "SELECT uid, source, received_at, summary, status, response, resolved_at FROM complaints WHERE worker_id = ? ORDER BY received_at DESC",
    "credit_records": "SELECT uid, source, kind, description, recorded_at, valid_to FROM credit_records WHERE worker_id = ? ORDER BY recorded_at DESC",
    "background_checks": "SELECT result, checked_at, received_at FROM background_checks WHERE worker_id = ? ORDER BY id DESC",
}


def worker_record(db: Database, actor: Actor, worker_id: int) -> WorkerRecord:
    """A worker's record as `actor` may see it. The ID number is masked in what is returned, whatever the role:
    the full number is only given by reveal_id_number, which checks the role and writes the audit entry."""
    verify(db, actor)
    row = db.query_one("SELECT * FROM workers WHERE id = ?", (worker_id,))
    if row is None:
        raise NotFound(what=Text("人员", "worker"), key=str(worker_id))
    full = identity_reads.load(db, int(row["identity_read_id"]))
    identity = dataclasses.replace(full, id_number=full.masked_id_number)
    types = [r[0] for r in db.query("SELECT code FROM worker_service_types WHERE worker_id = ? ORDER BY code", (worker_id,))]
    record = WorkerRecord(
        int(row["id"]), row["uid"], identity, row["phone"] or "", row["current_address"] or "",
        row["residence_permit_no"], row["education"], types, row["central_status"],
        may(actor.role, Action.VIEW_FULL_ID), photo_source=row["photo_source"], status=row["status"],
    )  # fmt: skip
    for name, sql in _TABS.items():
        record.tables[name] = [dict(r) for r in db.query(sql, (worker_id,))]
    for ev in record.tables["evaluations"]:
        ev["scores"] = json.loads(ev["scores"])
    return record


@dataclass(frozen=True)
class TimelineEvent:
    seq: int
    at: str
    operator: str
    action: str
    entity: str
    sync_state: str | None
    reject_reason: str | None


def timeline(db: Database, worker_id: int) -> list[TimelineEvent]:
    """Everything recorded about a worker, oldest first, with each event's sync state."""
    uids = [str(r[0]) for r in db.query(
        "SELECT uid FROM workers WHERE id = ?1 UNION ALL SELECT uid FROM credentials WHERE worker_id = ?1 "
        "UNION ALL SELECT uid FROM contracts WHERE worker_id = ?1 UNION ALL SELECT uid FROM evaluations WHERE worker_id = ?1 "
        "UNION ALL SELECT uid FROM complaints WHERE worker_id = ?1 UNION ALL SELECT uid FROM credit_records WHERE worker_id = ?1 "
        "UNION ALL SELECT uid FROM letters WHERE worker_id = ?1 UNION ALL SELECT uid FROM health_checks WHERE worker_id = ?1 "
        "UNION ALL SELECT uid FROM insurance WHERE worker_id = ?1 UNION ALL SELECT credential_no FROM credentials WHERE worker_id = ?1",
        (worker_id,),
    )]  # fmt: skip
    repo = OutboxRepo(db)
    events: list[TimelineEvent] = []
    for uid in uids:
        sent = {e.kind: e for e in repo.by_entity(uid)}
        for entry in audit.entries_for(db, uid):
            ev = sent.get(entry.action)
            events.append(TimelineEvent(entry.seq, entry.at, entry.operator, entry.action, entry.entity,
                                        ev.state if ev else None, ev.reject_reason if ev else None))  # fmt: skip
    events.sort(key=lambda e: e.seq)
    return events


@dataclass(frozen=True)
class Dashboard:
    registered_today: int
    waiting: dict[str, int]
    expiring_health_checks: int
    expiring_insurance: int
    expiring_credentials: int
    outbox: dict[str, int]
    workers: int


def dashboard(db: Database, today: dt.date, within_days: int = 30) -> Dashboard:
    horizon = (today + dt.timedelta(days=within_days)).isoformat()
    t = today.isoformat()
    waiting = {s: int(db.scalar("SELECT count(*) FROM credentials WHERE state = ?", (s,)))
               for s in ("applied", "approved", "printed")}  # fmt: skip
    latest_hc = "SELECT max(expires_on) AS e FROM health_checks GROUP BY worker_id"
    latest_ins = "SELECT max(expires_on) AS e FROM insurance GROUP BY worker_id"
    return Dashboard(
        registered_today=int(db.scalar("SELECT count(*) FROM workers WHERE substr(created_at, 1, 10) = ?", (t,))),
        waiting=waiting,
        expiring_health_checks=int(db.scalar(f"SELECT count(*) FROM ({latest_hc}) WHERE e BETWEEN ? AND ?", (t, horizon))),
        expiring_insurance=int(db.scalar(f"SELECT count(*) FROM ({latest_ins}) WHERE e BETWEEN ? AND ?", (t, horizon))),
        expiring_credentials=int(db.scalar(
            "SELECT count(*) FROM credentials WHERE state = 'issued' AND valid_to BETWEEN ? AND ?", (t, horizon))),
        outbox=OutboxRepo(db).counts(),
        workers=int(db.scalar("SELECT count(*) FROM workers")),
    )  # fmt: skip
