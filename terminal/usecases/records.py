"""Profile records (health checks, insurance, certificates, letters) and service records (contracts,
evaluations, complaints, integrity records). Each is audited and queued for sync."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from terminal.core import service_types
from terminal.core.errors import InvalidInput, NotFound
from terminal.core.roles import Action
from terminal.store import search
from terminal.store.db import Database
from terminal.usecases import validation
from terminal.usecases.context import Actor, authorise, new_uid, utcnow
from terminal.usecases.journal import record, worker_ref
from wirecontract.errors import Text
from wirecontract.identity import Identity

if TYPE_CHECKING:
    from terminal.usecases.registration import (
        CertificateInput,
        HealthCheckInput,
        InsuranceInput,
        LetterInput,
        ProfileInput,
    )

EVALUATION_DIMENSIONS = ("punctuality", "skill", "attitude", "honesty", "hygiene", "communication")
DIMENSION_LABELS = {"punctuality": "守时", "skill": "技能", "attitude": "态度", "honesty": "诚信",
                    "hygiene": "卫生", "communication": "沟通"}  # fmt: skip


def add_profile_records(
    db: Database, actor: Actor, worker_id: int, worker_uid: str, read_id: int, identity: Identity, profile: ProfileInput
) -> None:

    if profile.health_check:
        add_health_check(db, actor, worker_id, profile.health_check)
    if profile.insurance:
        add_insurance(db, actor, worker_id, profile.insurance)
    for cert in profile.certificates:
        add_certificate(db, actor, worker_id, cert)
    for letter in profile.letters:
        _insert_letter(db, actor, worker_id, worker_uid, read_id, identity.provenance.raw_sha256,
                       identity.provenance.simulated, letter)  # fmt: skip


def _insert_letter(db: Database, actor: Actor, worker_id: int, worker_uid: str, read_id: int, read_sha256: str,
                   simulated: bool, letter: LetterInput) -> str:  # fmt: skip
    from terminal.usecases.registration import attach_scan

    att, scan_sha = attach_scan(db, letter.scan)
    uid = new_uid()
    # A letter is bound to the card read it was signed against: that read's hash and the scan's hash.
    db.execute(
        "INSERT INTO letters(uid, worker_id, kind, signed_on, identity_read_id, identity_read_sha256,"
        " scan_attachment_id, scan_sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (uid, worker_id, letter.kind, letter.signed_on.isoformat(), read_id, read_sha256, att, scan_sha,
         utcnow().isoformat(), actor.username),
    )  # fmt: skip
    record(
        db, actor, "letter", uid, 1, "letter.signed",
        {"worker_uid": worker_uid, "kind": letter.kind, "signed_on": letter.signed_on.isoformat(),
         "identity_read_sha256": read_sha256, "scan_sha256": scan_sha},
        {"kind": letter.kind}, simulated=simulated,
    )  # fmt: skip
    return uid


def add_letter(db: Database, actor: Actor, worker_id: int, letter: LetterInput, today: dt.date) -> str:
    """A letter signed after registration (the commitment or the credit authorisation a registration went
    without). It is bound to the card read the worker was registered with, like the letters signed then."""
    from terminal.usecases.registration import LETTER_KINDS

    authorise(db, actor, Action.EDIT_PROFILE)
    if letter.kind not in LETTER_KINDS:
        raise InvalidInput(field=Text("承诺书种类", "letter kind"))
    if letter.signed_on > today:
        raise InvalidInput(field=Text("签署日期不能晚于今天", "the letter cannot be signed after today"))
    wuid, _, simulated = worker_ref(db, worker_id)
    with db.transaction():
        row = db.query_one("SELECT w.identity_read_id, r.raw_sha256 FROM workers w JOIN identity_reads r"
                           " ON r.id = w.identity_read_id WHERE w.id = ?", (worker_id,))  # fmt: skip
        assert row is not None  # worker_ref found the worker
        if db.scalar("SELECT 1 FROM letters WHERE worker_id = ? AND kind = ? AND signed_on = ?",
                     (worker_id, letter.kind, letter.signed_on.isoformat())):  # fmt: skip
            raise InvalidInput(field=Text("这份承诺书已经录入", "this letter is already on file"))
        return _insert_letter(db, actor, worker_id, wuid, int(row[0]), str(row[1]), simulated, letter)


def add_certificate(db: Database, actor: Actor, worker_id: int, cert: CertificateInput) -> str:
    from terminal.usecases.registration import attach_scan

    authorise(db, actor, Action.EDIT_PROFILE)
    name = validation.required(cert.name, Text("证书名称", "certificate name"))
    if cert.issued_on and cert.expires_on:
        validation.date_order(cert.issued_on, cert.expires_on, Text("证书有效期", "certificate validity"))
    wuid, _, simulated = worker_ref(db, worker_id)
    uid = new_uid()
    with db.transaction():
        att, scan_sha = attach_scan(db, cert.scan)
        db.execute(
            "INSERT INTO certificates(uid, worker_id, kind, name, number, issued_by, issued_on, expires_on,"
            " attachment_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (uid, worker_id, cert.kind, name, cert.number, cert.issued_by,
             cert.issued_on.isoformat() if cert.issued_on else None,
             cert.expires_on.isoformat() if cert.expires_on else None, att, utcnow().isoformat()),
        )  # fmt: skip
        record(db, actor, "certificate", uid, 1, "certificate.recorded",
               {"worker_uid": wuid, "kind": cert.kind, "name": name, "number": cert.number,
                "expires_on": cert.expires_on.isoformat() if cert.expires_on else None, "scan_sha256": scan_sha},
               {"kind": cert.kind}, simulated=simulated)  # fmt: skip
    return uid


@dataclass(frozen=True)
class ProfileChange:
    """What may change after registration (never identity: that is the card's)."""

    phone: str
    current_address: str
    service_types: list[str]
    residence_permit_no: str | None = None
    education: str | None = None


def edit_profile(db: Database, actor: Actor, worker_id: int, change: ProfileChange) -> list[str]:
    """Change a registered worker's contact and work profile: one new version of the worker's record, audited
    with the names of the fields changed (not their values) and pushed to the centre. Returns those names
    (empty: nothing changed, nothing recorded)."""
    authorise(db, actor, Action.EDIT_PROFILE)
    phone = validation.phone(change.phone)
    address = validation.required(change.current_address, Text("现住址", "current address"))
    types = service_types.validate(change.service_types)
    if not types:
        raise InvalidInput(field=Text("至少选择一种服务类型", "choose at least one service type"))
    if change.education is not None and change.education not in service_types.EDUCATION_LEVELS:
        raise InvalidInput(field=Text("文化程度", "education"))
    permit = (change.residence_permit_no or "").strip() or None
    wuid, _, simulated = worker_ref(db, worker_id)
    with db.transaction():
        row = db.query_one("SELECT phone, current_address, residence_permit_no, education, record_version, status"
                           " FROM workers WHERE id = ?", (worker_id,))  # fmt: skip
        assert row is not None
        if row["status"] != "active":
            raise InvalidInput(field=Text("此人员已离职，资料不能再修改", "this worker has left the agency: the profile is closed"))
        before_types = sorted(str(r[0]) for r in db.query("SELECT code FROM worker_service_types WHERE worker_id = ?", (worker_id,)))
        new = {"phone": phone, "current_address": address, "residence_permit_no": permit, "education": change.education}
        changed = [key for key, value in new.items() if row[key] != value] + (["service_types"] if before_types != types else [])
        if not changed:
            return []
        version = int(row["record_version"]) + 1
        db.execute("UPDATE workers SET phone = ?, current_address = ?, residence_permit_no = ?, education = ?,"
                   " record_version = ?, updated_at = ? WHERE id = ?",
                   (phone, address, permit, change.education, version, utcnow().isoformat(), worker_id))  # fmt: skip
        db.execute("DELETE FROM worker_service_types WHERE worker_id = ?", (worker_id,))
        for code in types:
            db.execute("INSERT INTO worker_service_types(worker_id, code) VALUES (?, ?)", (worker_id, code))
        search.reindex_worker(db.conn, worker_id)
        # The centre gets what registration sent (phone, service types) and the education; the address stays here.
        record(db, actor, "worker", wuid, version, "worker.profile_changed",
               {"phone": phone, "service_types": types, "education": change.education, "changed": changed},
               {"fields": changed}, simulated=simulated)  # fmt: skip
    return changed


def update_profile(db: Database, actor: Actor, worker_id: int, profile: ProfileInput) -> list[str]:
    """The worker page's 修改资料 in one transaction: the changed contact and work profile, and the health check,
    insurance and certificates added with it. Returns what changed, by name."""
    change = ProfileChange(profile.phone, profile.current_address, profile.service_types,
                           profile.residence_permit_no, profile.education)  # fmt: skip
    with db.transaction():
        changed = edit_profile(db, actor, worker_id, change)
        if profile.health_check:
            add_health_check(db, actor, worker_id, profile.health_check)
            changed.append("health_check")
        if profile.insurance:
            add_insurance(db, actor, worker_id, profile.insurance)
            changed.append("insurance")
        for cert in profile.certificates:
            add_certificate(db, actor, worker_id, cert)
            changed.append("certificate")
    return changed


def add_health_check(db: Database, actor: Actor, worker_id: int, hc: HealthCheckInput) -> None:
    from terminal.usecases.registration import attach_scan

    authorise(db, actor, Action.EDIT_PROFILE)
    validation.date_order(hc.checked_on, hc.expires_on, Text("体检", "health check"))
    wuid, _, simulated = worker_ref(db, worker_id)
    with db.transaction():
        att, _ = attach_scan(db, hc.scan)
        uid = new_uid()
        db.execute(
            "INSERT INTO health_checks(uid, worker_id, checked_on, expires_on, institution, passed, attachment_id,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (uid, worker_id, hc.checked_on.isoformat(), hc.expires_on.isoformat(),
             validation.required(hc.institution, Text("体检机构", "institution")), int(hc.passed), att, utcnow().isoformat()),
        )  # fmt: skip
        record(db, actor, "health_check", uid, 1, "health_check.recorded",
               {"worker_uid": wuid, "checked_on": hc.checked_on.isoformat(), "expires_on": hc.expires_on.isoformat(),
                "passed": hc.passed}, simulated=simulated)  # fmt: skip


def add_insurance(db: Database, actor: Actor, worker_id: int, ins: InsuranceInput) -> None:
    authorise(db, actor, Action.EDIT_PROFILE)
    validation.date_order(ins.starts_on, ins.expires_on, Text("保险", "insurance"))
    wuid, _, simulated = worker_ref(db, worker_id)
    with db.transaction():
        uid = new_uid()
        db.execute(
            "INSERT INTO insurance(uid, worker_id, insurer, policy_no, starts_on, expires_on, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (uid, worker_id, validation.required(ins.insurer, Text("保险公司", "insurer")),
             validation.required(ins.policy_no, Text("保单号", "policy number")), ins.starts_on.isoformat(),
             ins.expires_on.isoformat(), utcnow().isoformat()),
        )  # fmt: skip
        record(db, actor, "insurance", uid, 1, "insurance.recorded",
               {"worker_uid": wuid, "starts_on": ins.starts_on.isoformat(),
                "expires_on": ins.expires_on.isoformat()}, simulated=simulated)  # fmt: skip


def add_contract(
    db: Database, actor: Actor, worker_id: int, signed_on: dt.date, service_type: str,
    period_from: dt.date, period_to: dt.date, district: str, customer_ref: str | None = None,
) -> str:  # fmt: skip
    authorise(db, actor, Action.RECORD_SERVICE)
    service_types.validate([service_type])
    validation.date_order(period_from, period_to, Text("服务期限", "agreement period"))
    district = validation.required(district, Text("服务区域", "district"))
    wuid, _, simulated = worker_ref(db, worker_id)
    uid = new_uid()
    with db.transaction():
        db.execute(
            "INSERT INTO contracts(uid, worker_id, signed_on, service_type, period_from, period_to, district,"
            " customer_ref, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (uid, worker_id, signed_on.isoformat(), service_type, period_from.isoformat(), period_to.isoformat(),
             district, customer_ref, utcnow().isoformat(), actor.username),
        )  # fmt: skip
        record(db, actor, "contract", uid, 1, "contract.signed",
               {"worker_uid": wuid, "signed_on": signed_on.isoformat(), "service_type": service_type,
                "period_from": period_from.isoformat(), "period_to": period_to.isoformat(), "district": district},
               simulated=simulated)  # fmt: skip
    return uid


def add_evaluation(
    db: Database, actor: Actor, worker_id: int, scores: dict[str, int], comment: str | None,
    contract_uid: str | None = None, source: str = "agency",
) -> str:  # fmt: skip
    authorise(db, actor, Action.RECORD_SERVICE)
    unknown = [k for k in scores if k not in EVALUATION_DIMENSIONS]
    if unknown or not scores or any(not 1 <= v <= 5 for v in scores.values()):
        raise InvalidInput(field=Text("评价维度与1-5分", "evaluation dimensions scored 1 to 5"))
    wuid, _, simulated = worker_ref(db, worker_id)
    contract_id = None
    if contract_uid:
        contract_id = db.scalar("SELECT id FROM contracts WHERE uid = ? AND worker_id = ?", (contract_uid, worker_id))
        if contract_id is None:
            raise NotFound(what=Text("服务合同", "contract"), key=contract_uid)
    overall = round(sum(scores.values()) / len(scores), 2)
    uid = new_uid()
    at = utcnow().isoformat()
    with db.transaction():
        db.execute(
            "INSERT INTO evaluations(uid, worker_id, contract_id, scores, overall, comment, at, source)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (uid, worker_id, contract_id, json.dumps(scores, sort_keys=True), overall, comment, at, source),
        )
        record(db, actor, "evaluation", uid, 1, "evaluation.recorded",
               {"worker_uid": wuid, "scores": scores, "overall": overall, "comment": comment, "at": at},
               simulated=simulated, send=source == "agency")  # fmt: skip
    return uid


def add_complaint(db: Database, actor: Actor, worker_id: int, summary: str, source: str = "agency") -> str:
    authorise(db, actor, Action.RECORD_SERVICE)
    summary = validation.required(summary, Text("投诉内容", "complaint"))
    wuid, _, simulated = worker_ref(db, worker_id)
    uid = new_uid()
    at = utcnow().isoformat()
    with db.transaction():
        db.execute(
            "INSERT INTO complaints(uid, worker_id, source, received_at, summary) VALUES (?, ?, ?, ?, ?)",
            (uid, worker_id, source, at, summary),
        )
        record(db, actor, "complaint", uid, 1, "complaint.registered",
               {"worker_uid": wuid, "summary": summary, "received_at": at, "source": source},
               simulated=simulated, send=source == "agency")  # fmt: skip
    return uid


def update_complaint(db: Database, actor: Actor, complaint_uid: str, status: str, response: str) -> None:
    authorise(db, actor, Action.RECORD_SERVICE)
    if status not in ("handling", "resolved"):
        raise InvalidInput(field="status")
    response = validation.required(response, Text("处理意见", "response"))
    row = db.query_one("SELECT worker_id, record_version, status FROM complaints WHERE uid = ?", (complaint_uid,))
    if row is None:
        raise NotFound(what=Text("投诉", "complaint"), key=complaint_uid)
    if row["status"] == "resolved":
        raise InvalidInput(field=Text("投诉已办结", "the complaint is already resolved"))
    wuid, _, simulated = worker_ref(db, int(row["worker_id"]))
    version = int(row["record_version"]) + 1
    now = utcnow().isoformat()
    with db.transaction():
        db.execute(
            "UPDATE complaints SET status = ?, response = ?, resolved_at = ?, record_version = ? WHERE uid = ?",
            (status, response, now if status == "resolved" else None, version, complaint_uid),
        )
        record(db, actor, "complaint", complaint_uid, version, f"complaint.{status}",
               {"worker_uid": wuid, "status": status, "response": response, "at": now},
               simulated=simulated)  # fmt: skip


def add_credit_record(
    db: Database, actor: Actor, worker_id: int, kind: str, description: str, source: str = "agency",
    uid: str | None = None, recorded_at: str | None = None,
) -> str:  # fmt: skip
    authorise(db, actor, Action.RECORD_SERVICE)
    if kind not in ("positive", "negative", "notice"):
        raise InvalidInput(field=Text("信用记录类型", "credit record kind"))
    description = validation.required(description, Text("信用记录说明", "description"))
    wuid, _, simulated = worker_ref(db, worker_id)
    uid = uid or new_uid()
    at = recorded_at or utcnow().isoformat()
    with db.transaction():
        db.execute(
            "INSERT INTO credit_records(uid, worker_id, source, kind, description, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (uid, worker_id, source, kind, description, at),
        )
        record(db, actor, "credit", uid, 1, "credit.recorded",
               {"worker_uid": wuid, "kind": kind, "description": description, "recorded_at": at},
               simulated=simulated, send=source == "agency")  # fmt: skip
    return uid
