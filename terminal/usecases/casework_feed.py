"""Applying the centre's casework from pull (called by central.apply_pulled, inside its transaction): a
registration returned for correction or accepted after one, a complaint sent (or sent again) to this agency, an
integrity record about one of its workers or about the agency. Repeated pulls change nothing twice."""

from __future__ import annotations

from typing import Any

from terminal.store import audit
from terminal.store.db import Database
from terminal.usecases.context import CENTRE, utcnow

KINDS = frozenset({"registration.returned", "registration.accepted", "complaint", "integrity_record"})


def apply(db: Database, kind: str, data: dict[str, Any]) -> None:
    if kind == "registration.returned":
        _returned(db, data)
    elif kind == "registration.accepted":
        _accepted(db, data)
    elif kind == "complaint":
        _complaint(db, data)
    else:
        _integrity(db, data)


def _worker_by_uid(db: Database, uid: object) -> int | None:
    value = db.scalar("SELECT id FROM workers WHERE uid = ?", (str(uid or ""),))
    return None if value is None else int(value)


def _worker_by_number(db: Database, number: object) -> int | None:
    if not number:
        return None
    value = db.scalar("SELECT id FROM workers WHERE id_number = ?", (str(number),))
    return None if value is None else int(value)


def _returned(db: Database, data: dict[str, Any]) -> None:
    worker_id = _worker_by_uid(db, data.get("worker_uid"))
    uid = str(data.get("review_uid") or "")
    if worker_id is None or not uid or db.scalar("SELECT 1 FROM corrections WHERE uid = ?", (uid,)):
        return
    db.execute("INSERT INTO corrections(uid, worker_id, version, reason, returned_at) VALUES (?, ?, ?, ?, ?)",
               (uid, worker_id, int(data.get("version") or 0), str(data.get("reason") or ""),
                str(data.get("at") or utcnow().isoformat())))  # fmt: skip
    audit.append(db, CENTRE.username, "registration.returned", "worker", str(data.get("worker_uid")),
                 {"review": uid})  # fmt: skip


def _accepted(db: Database, data: dict[str, Any]) -> None:
    db.execute("UPDATE corrections SET status = 'accepted', accepted_at = ? WHERE uid = ? AND status != 'accepted'",
               (str(data.get("at") or utcnow().isoformat()), str(data.get("review_uid") or "")))  # fmt: skip


def _complaint(db: Database, data: dict[str, Any]) -> None:
    """A complaint the centre sent: new, or sent again after the centre escalated it (the agency's answer did not
    close it), which opens it again here with its new deadline."""
    uid = str(data["uid"])
    existing = db.query_one("SELECT status FROM complaints WHERE uid = ?", (uid,))
    now = utcnow().isoformat()
    if existing is None:
        worker_id = _worker_by_number(db, data.get("id_number"))
        if data.get("id_number") and worker_id is None:
            return  # about a person this terminal does not hold (another terminal of the agency does)
        db.execute(
            "INSERT INTO complaints(uid, worker_id, source, received_at, summary, reference, due_at, credential_no)"
            " VALUES (?, ?, 'centre', ?, ?, ?, ?, ?)",
            (uid, worker_id, data.get("received_at") or now, str(data["summary"]), data.get("reference"),
             data.get("due_at"), data.get("credential_no")),
        )  # fmt: skip
    elif data.get("status") == "with_agency" and existing["status"] == "resolved":
        db.execute("UPDATE complaints SET status = 'open', resolved_at = NULL, reopened_at = ?, due_at = ? WHERE uid = ?",
                   (now, data.get("due_at"), uid))  # fmt: skip
    else:
        return
    audit.append(db, CENTRE.username, "complaint", "complaint", uid, {"reference": data.get("reference")})


def _integrity(db: Database, data: dict[str, Any]) -> None:
    uid = str(data["uid"])
    polarity = "positive" if data.get("polarity") == "positive" else "negative"
    if data.get("subject") == "agency":
        if db.scalar("SELECT 1 FROM agency_integrity_records WHERE uid = ?", (uid,)):
            return
        db.execute(
            "INSERT INTO agency_integrity_records(uid, polarity, category, description, valid_from, valid_to,"
            " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (uid, polarity, str(data.get("category") or ""), str(data.get("description") or ""),
             str(data.get("valid_from") or ""), str(data.get("valid_to") or ""), str(data.get("recorded_at") or "")),
        )  # fmt: skip
    else:
        worker_id = _worker_by_number(db, data.get("id_number"))
        if worker_id is None or db.scalar("SELECT 1 FROM credit_records WHERE uid = ?", (uid,)):
            return
        db.execute(
            "INSERT INTO credit_records(uid, worker_id, source, kind, description, recorded_at, category, valid_from,"
            " valid_to) VALUES (?, ?, 'centre', ?, ?, ?, ?, ?, ?)",
            (uid, worker_id, polarity, str(data.get("description") or ""), str(data.get("recorded_at") or ""),
             data.get("category"), data.get("valid_from"), data.get("valid_to")),
        )  # fmt: skip
    audit.append(db, CENTRE.username, "integrity_record", str(data.get("subject") or "worker"), uid,
                 {"polarity": polarity})  # fmt: skip
