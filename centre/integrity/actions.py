"""Integrity use cases: staff add a positive or negative record about a worker or an agency, with its evidence and
validity period; it goes to the agency concerned through pull (`integrity_record`). Checked by role, one
transaction, audited."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from centre.audit import record
from centre.audit.chain import actor_name
from centre.console.errors import ConsoleError
from centre.console.roles import Role, check_role
from centre.integrity.models import IntegrityRecord
from centre.integrity.rules import CATEGORIES, EVIDENCE_MIME, MAX_EVIDENCE_BYTES, Subject, validity_problem
from centre.policecheck.idnumbers import checked_id_number
from centre.sync import feed
from centre.terminals.models import Agency
from wirecontract.errors import Text
from wirecontract.protocol import iso, utc_now

RECORD = (Role.STAFF,)
VIEW = (Role.STAFF, Role.ADMIN, Role.REGULATOR)
MAX_DESCRIPTION = 1000


class IntegrityRefused(ConsoleError):
    code = "integrity_refused"
    zh_template = "诚信信息：{why}"
    en_template = "Integrity record: {why}"


@dataclass(frozen=True)
class Evidence:
    name: str
    mime: str
    data: bytes


def add_record(actor: Any, *, subject: Subject | str, category: str, description: str, valid_from: dt.date,
               valid_to: dt.date, id_number: str = "", agency_id: str = "", evidence_note: str = "",
               evidence: Evidence | None = None, now: dt.datetime | None = None) -> IntegrityRecord:  # fmt: skip
    check_role(actor, *RECORD)
    subject = Subject(subject)
    if category not in CATEGORIES:
        raise IntegrityRefused(why=Text("请选择信息类别", "choose a category"))
    polarity = CATEGORIES[category][0]
    description = (description or "").strip()
    if not description or len(description) > MAX_DESCRIPTION:
        raise IntegrityRefused(why=Text(f"请填写说明（不超过 {MAX_DESCRIPTION} 字）", f"describe it (at most "
                                        f"{MAX_DESCRIPTION} characters)"))  # fmt: skip
    problem = validity_problem(valid_from, valid_to)
    if problem is not None:
        raise IntegrityRefused(why=problem)
    evidence_note = (evidence_note or "").strip()
    if evidence is not None:
        _check_evidence(evidence)
    elif not evidence_note:
        raise IntegrityRefused(why=Text("须提供证据：上传文件或写明证据", "evidence is required: a file or a description"))
    number, agency = _subject(subject, id_number, agency_id)
    now = now or utc_now()
    with transaction.atomic():
        entry = IntegrityRecord.objects.create(
            uid=uuid.uuid4().hex, subject=subject.value, id_number=number, agency_id=agency,
            polarity=polarity.value, category=category, description=description, evidence_note=evidence_note,
            evidence_name=evidence.name[:200] if evidence else "", evidence_mime=evidence.mime if evidence else "",
            evidence_data=evidence.data if evidence else None, valid_from=valid_from, valid_to=valid_to,
            recorded_by=actor_name(actor), recorded_at=now)  # fmt: skip
        data: dict[str, Any] = {"uid": entry.uid, "subject": subject.value, "polarity": polarity.value,
                                "category": category, "description": description,
                                "valid_from": valid_from.isoformat(), "valid_to": valid_to.isoformat(),
                                "recorded_at": iso(now)}  # fmt: skip
        if number:
            data["id_number"] = number
        feed.post("integrity_record", data, agency, now)
        record(actor, "integrity.recorded", f"{subject.value}:{number[-4:] if number else agency}",
               {"uid": entry.uid, "polarity": polarity.value, "category": category})  # fmt: skip
        return entry


def _check_evidence(evidence: Evidence) -> None:
    if evidence.mime not in EVIDENCE_MIME or not evidence.data:
        raise IntegrityRefused(why=Text("证据文件须为 PDF、JPEG 或 PNG", "the evidence file must be a PDF, JPEG or PNG"))
    if len(evidence.data) > MAX_EVIDENCE_BYTES:
        raise IntegrityRefused(why=Text("证据文件不能超过 2 MB", "the evidence file is over 2 MB"))
    magic = {"application/pdf": b"%PDF", "image/jpeg": b"\xff\xd8", "image/png": b"\x89PNG"}[evidence.mime]
    if not evidence.data.startswith(magic):
        raise IntegrityRefused(why=Text("证据文件的内容与其类型不符", "the evidence file is not what its type says"))


def _subject(subject: Subject, id_number: str, agency_id: str) -> tuple[str, str]:
    if subject is Subject.WORKER:
        number = checked_id_number(id_number)
        agency = feed.agency_of(number)
        if agency is None:
            raise IntegrityRefused(why=Text("此人目前未在任何机构登记", "no agency has this person registered now"))
        return number, agency
    agency_id = agency_id.strip().upper()
    if not Agency.objects.filter(pk=agency_id).exists():
        raise IntegrityRefused(why=Text(f"找不到机构 {agency_id}", f"no agency {agency_id}"))
    return "", agency_id


def records(actor: Any, *, id_number: str = "", agency_id: str = "") -> QuerySet[IntegrityRecord]:
    check_role(actor, *VIEW)
    rows = IntegrityRecord.objects.order_by("-recorded_at")
    if id_number:
        rows = rows.filter(id_number=checked_id_number(id_number))
    if agency_id:
        rows = rows.filter(agency_id=agency_id.strip().upper())
    return rows


def evidence_of(actor: Any, uid: str) -> IntegrityRecord:
    check_role(actor, *VIEW)
    entry = IntegrityRecord.objects.filter(pk=uid).exclude(evidence_data=None).first()
    if entry is None:
        raise IntegrityRefused(why=Text("没有该证据文件", "no such evidence file"))
    record(actor, "integrity.evidence.view", f"integrity:{uid}", {})
    return entry
