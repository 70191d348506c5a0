"""The decisions feed: what the centre decided, addressed to the agency concerned (or to every agency when the
centre does not know which), in the order terminals pull it."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import transaction

from centre.sync.identity_rules import normalise_id_number
from centre.sync.models import BackgroundCheck, Decision, IdentityRegistration
from wirecontract.protocol import iso, utc_now

BACKGROUND_RESULTS = ("clear", "adverse", "pending")
# A worker's or an agency's credit grade changed (centre/analytics/credit.py posts it to the agency concerned).
CREDIT_GRADE = "credit_grade"


def post(kind: str, data: dict[str, Any], agency_id: str | None, now: dt.datetime | None = None) -> Decision:
    return Decision.objects.create(kind=kind, data=data, agency_id=agency_id, created_at=now or utc_now())


def agency_of(id_number: str) -> str | None:
    """The agency that answers for the person now (None when no agency has them registered)."""
    current = IdentityRegistration.objects.filter(id_number=normalise_id_number(id_number), released_at__isnull=True)
    registration = current.first()
    return registration.agency_id if registration else None


# Decisions about a person no agency answers for now (never registered, or released) stay at the centre: addressed
# to no agency (not NULL, which every agency pulls), so full ID numbers never go to the whole city.
HELD_AT_CENTRE = ""


def person_feed(id_number: str) -> str:
    """The agency a decision about this person is addressed to: theirs, or none (held at the centre)."""
    return agency_of(id_number) or HELD_AT_CENTRE


def post_check_result(id_number: str, result: str) -> Decision:
    """A police-check result: kept (an adverse one blocks credentials at the centre) and sent to the agency."""
    if result not in BACKGROUND_RESULTS:
        raise ValueError(f"a background check result is one of {', '.join(BACKGROUND_RESULTS)}")
    number = normalise_id_number(id_number)
    now = utc_now()
    with transaction.atomic():
        BackgroundCheck.objects.create(id_number=number, result=result, checked_at=now)
        data = {"id_number": number, "result": result, "checked_at": iso(now)}
        return post("background_check", data, person_feed(number), now)


def post_credit_record(id_number: str, kind: str, description: str) -> Decision:
    now = utc_now()
    data = {"uid": uuid.uuid4().hex, "id_number": id_number, "kind": kind, "description": description,
            "recorded_at": iso(now)}  # fmt: skip
    return post("credit_record", data, person_feed(id_number), now)


def post_complaint(id_number: str, summary: str, credential_no: str | None = None) -> str:
    """Register a complaint and send it to the person's agency (the demo's history): the complaint workflow's
    own action (centre/complaints/actions.py), from the command line's side. Returns the reference."""
    from centre.complaints.actions import register_complaint
    from centre.complaints.rules import Source

    return register_complaint(None, source=Source.COMMAND, summary=summary, id_number=id_number,
                              credential_no=credential_no or "", send=True)  # fmt: skip


def post_evaluation(id_number: str, scores: dict[str, int], comment: str) -> Decision:
    now = utc_now()
    data = {"uid": uuid.uuid4().hex, "id_number": id_number, "scores": scores, "comment": comment, "at": iso(now)}
    return post("evaluation", data, person_feed(id_number), now)
