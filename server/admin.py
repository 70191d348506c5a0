"""What the centre's staff do: issue enrolment codes, revoke or suspend credentials, post results.

Each decision is written to the `decisions` feed that terminals pull, addressed to the agency concerned
(or to everyone when the centre does not know it).
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from typing import Any

from sqlalchemy.orm import Session

from server.models import Credential, Decision, EnrolmentCode, IdentityRegistration
from wirecontract.protocol import iso, normalise_enrolment_code, utc_now

_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: codes are read aloud and typed


class UnknownCredential(LookupError):
    """The centre holds no credential with that number (the administrator's command says so)."""


def new_enrolment_code(session: Session) -> str:
    code = normalise_enrolment_code("".join(secrets.choice(_CODE_ALPHABET) for _ in range(12)))
    session.add(EnrolmentCode(code=code, created_at=utc_now(), used_at=None, used_by=None))
    return code


def set_credential_status(session: Session, credential_no: str, status: str, reason: str) -> Decision:
    credential = session.get(Credential, credential_no)
    if credential is None:
        raise UnknownCredential(credential_no)
    now = utc_now()
    credential.status = status
    credential.status_version = (credential.status_version or 0) + 1
    credential.status_reason = reason
    credential.updated_at = now
    kind = {
        "revoked": "credential.revoked",
        "suspended": "credential.suspended",
        "valid": "credential.resumed",
    }
    data = {
        "credential_no": credential_no,
        "version": credential.status_version,
        "reason": reason,
        "at": iso(now),
    }
    return _post(session, kind[status], data, credential.agency_id, now)


def post_check_result(session: Session, id_number: str, result: str) -> Decision:
    now = utc_now()
    data = {"id_number": id_number, "result": result, "checked_at": iso(now)}
    return _post(session, "background_check", data, _agency_of(session, id_number), now)


def post_credit_record(session: Session, id_number: str, kind: str, description: str) -> Decision:
    now = utc_now()
    data = {
        "uid": uuid.uuid4().hex,
        "id_number": id_number,
        "kind": kind,
        "description": description,
        "recorded_at": iso(now),
    }
    return _post(session, "credit_record", data, _agency_of(session, id_number), now)


def post_complaint(session: Session, id_number: str, summary: str, credential_no: str | None = None) -> Decision:
    now = utc_now()
    data: dict[str, Any] = {
        "uid": uuid.uuid4().hex,
        "id_number": id_number,
        "summary": summary,
        "received_at": iso(now),
    }
    if credential_no:
        data["credential_no"] = credential_no
    return _post(session, "complaint", data, _agency_of(session, id_number), now)


def post_evaluation(session: Session, id_number: str, scores: dict[str, int], comment: str) -> Decision:
    now = utc_now()
    data = {
        "uid": uuid.uuid4().hex,
        "id_number": id_number,
        "scores": scores,
        "comment": comment,
        "at": iso(now),
    }
    return _post(session, "evaluation", data, _agency_of(session, id_number), now)


def _agency_of(session: Session, id_number: str) -> str | None:
    registration = session.get(IdentityRegistration, id_number)
    return registration.agency_id if registration else None


def _post(session: Session, kind: str, data: dict[str, Any], agency_id: str | None, now: dt.datetime) -> Decision:
    decision = Decision(kind=kind, data=data, agency_id=agency_id, created_at=now)
    session.add(decision)
    session.flush()
    return decision
