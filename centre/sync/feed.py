"""The decisions feed: what the centre decided, addressed to the agency concerned (or to every agency when the
centre does not know which), in the order terminals pull it."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from centre.sync.models import Decision, IdentityRegistration
from wirecontract.protocol import iso, utc_now


def post(kind: str, data: dict[str, Any], agency_id: str | None, now: dt.datetime | None = None) -> Decision:
    return Decision.objects.create(kind=kind, data=data, agency_id=agency_id, created_at=now or utc_now())


def agency_of(id_number: str) -> str | None:
    registration = IdentityRegistration.objects.filter(pk=id_number).first()
    return registration.agency_id if registration else None


def post_check_result(id_number: str, result: str) -> Decision:
    now = utc_now()
    data = {"id_number": id_number, "result": result, "checked_at": iso(now)}
    return post("background_check", data, agency_of(id_number), now)


def post_credit_record(id_number: str, kind: str, description: str) -> Decision:
    now = utc_now()
    data = {"uid": uuid.uuid4().hex, "id_number": id_number, "kind": kind, "description": description,
            "recorded_at": iso(now)}  # fmt: skip
    return post("credit_record", data, agency_of(id_number), now)


def post_complaint(id_number: str, summary: str, credential_no: str | None = None) -> Decision:
    now = utc_now()
    data: dict[str, Any] = {"uid": uuid.uuid4().hex, "id_number": id_number, "summary": summary,
                            "received_at": iso(now)}  # fmt: skip
    if credential_no:
        data["credential_no"] = credential_no
    return post("complaint", data, agency_of(id_number), now)


def post_evaluation(id_number: str, scores: dict[str, int], comment: str) -> Decision:
    now = utc_now()
    data = {"uid": uuid.uuid4().hex, "id_number": id_number, "scores": scores, "comment": comment, "at": iso(now)}
    return post("evaluation", data, agency_of(id_number), now)
