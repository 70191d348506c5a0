"""Admission use cases: decide (role-checked, one transaction, audited) and the question enrolment asks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from centre import audit
from centre.console.admission_rules import Admission, check_decision
from centre.console.errors import AgencyNotAdmitted, NotFound
from centre.console.models import AgencyAdmission
from centre.console.roles import MANAGE_AGENCIES, check_role
from centre.terminals.models import Agency
from wirecontract.errors import Text
from wirecontract.protocol import utc_now

COMMAND_LINE = "command line"  # the actor of decisions made with terminal-server at the centre's machine


def current_status(agency_id: str) -> Admission:
    latest = AgencyAdmission.objects.filter(agency_id=agency_id).order_by("-decided_at", "-id").first()
    return Admission(latest.status) if latest else Admission.PENDING


def statuses(agency_ids: Iterable[str]) -> dict[str, Admission]:
    """The current admission of many agencies in one query."""
    found: dict[str, Admission] = {}
    rows = AgencyAdmission.objects.filter(agency_id__in=list(agency_ids)).order_by("agency_id", "decided_at", "id")
    for agency_id, status in rows.values_list("agency_id", "status"):
        found[agency_id] = Admission(status)
    return found


def decide(user: Any, agency_id: str, decision: str, reason: str) -> AgencyAdmission:
    """A staff member's decision on an agency, from the console."""
    check_role(user, *MANAGE_AGENCIES)
    return _decide(user.get_username(), agency_id, decision, reason)


def admit_from_command_line(agency_id: str, reason: str) -> AgencyAdmission | None:
    """`terminal-server agency add` and `enrol-code --create-agency`: admit unless already admitted."""
    if current_status(agency_id) is Admission.ADMITTED:
        return None
    return _decide(COMMAND_LINE, agency_id, Admission.ADMITTED.value, reason)


def _decide(actor: str, agency_id: str, decision: str, reason: str) -> AgencyAdmission:
    with transaction.atomic():
        agency = Agency.objects.select_for_update().filter(pk=agency_id).first()
        if agency is None:
            raise NotFound(what=Text(f"机构 {agency_id}", f"agency {agency_id}"))
        status, cleaned = check_decision(current_status(agency.id), decision, reason)
        row = AgencyAdmission.objects.create(agency=agency, status=status.value, reason=cleaned, decided_by=actor,
                                             decided_at=utc_now())  # fmt: skip
        audit.record(actor, f"agency.{status.value}", f"agency:{agency.id}", {"reason": cleaned})
        return row


def require_admitted(agency_id: str) -> None:
    status = current_status(agency_id)
    if status is not Admission.ADMITTED:
        raise AgencyNotAdmitted(agency_id=agency_id, status=status.text)
