"""The facts the verification page shows beside the credential, gathered from the centre's records: the holder's
standing (background check, training, open complaints), the agency's card (name, phone, address, credit grade)
and the worker's evaluation summary. Nothing else of the person: no ID number, address, health details or
complaint texts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from centre.complaints.models import Complaint
from centre.complaints.rules import Status
from centre.credentials.door import Standing
from centre.credentials.models import Credential
from centre.sync.models import BackgroundCheck, IdentityRegistration, Record
from centre.terminals.models import Agency


@dataclass(frozen=True)
class AgencyCard:
    name: str
    phone: str
    address: str
    credit_grade: str | None  # None: not yet graded


def id_number_of(worker_uid: str) -> str | None:
    return (
        IdentityRegistration.objects.filter(worker_uid=worker_uid).order_by("-registered_at")
        .values_list("id_number", flat=True).first()
    )  # fmt: skip


# The complaint workflow's states the door counts (centre/complaints/rules.py): only complaints staff looked at and
# sent to the agency, or took over (escalated). A just-registered complaint is not counted: anyone who saw a card
# can file one from its QR, and the light of a worker must not turn yellow on one stranger's word. The agency's
# answer (resolved) or the centre's closing ends it; an escalation counts it again.
OPEN_STATES = (Status.WITH_AGENCY.value, Status.ESCALATED.value)


def open_complaints(worker_uid: str, id_number: str | None) -> int:
    """Complaints about the person staff have taken up and that are still being handled: named by the person's ID
    number (hotline, terminal) or by one of the person's credentials (the consumer page names the credential it
    was opened from). Registered, not yet sent ones do not count (see OPEN_STATES)."""
    about = Q(credential_no__in=Credential.objects.filter(worker_uid=worker_uid).values("credential_no"))
    if id_number:
        about |= Q(id_number=id_number)
    return Complaint.objects.filter(about, status__in=OPEN_STATES).count()


def standing_of(worker_uid: str) -> Standing:
    id_number = id_number_of(worker_uid) if worker_uid else None
    check = None
    if id_number:
        check = BackgroundCheck.objects.filter(id_number=id_number).order_by("-checked_at", "-id").values_list(
            "result", flat=True).first()  # fmt: skip
    complaints = open_complaints(worker_uid, id_number) if worker_uid else 0
    # Training as the person's own agency recorded it: a record another agency pushed naming this worker before
    # the worker reached the centre (so the push could not refuse it) does not count.
    agencies = IdentityRegistration.objects.filter(worker_uid=worker_uid).values("agency_id")
    trained = bool(worker_uid) and Record.objects.filter(
        entity="training", data__worker_uid=worker_uid, data__passed=True, agency_id__in=agencies).exists()  # fmt: skip
    return Standing(check, trained, complaints)


def credit_grade(agency_id: str) -> str | None:
    """The agency's credit grade (5A…A) as credit evaluation last gave it (centre/analytics/credit.py); None until
    the agency has been graded. This is the one place the page asks."""
    from centre.analytics.credit import grade_of

    graded = grade_of("agency", agency_id)
    return graded.grade if graded else None


def agency_card(agency_id: str | None) -> AgencyCard | None:
    """The agency's public card. Phone and address come from the agency's own profile record when its terminal
    sent one (entity `agency`), else they are left blank and the page says the agency has not given them."""
    if not agency_id:
        return None
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        return None
    profile = Record.objects.filter(entity="agency", agency_id=agency_id).order_by("-updated_at").values_list(
        "data", flat=True).first() or {}  # fmt: skip
    phone = str(profile.get("phone") or "") if isinstance(profile, dict) else ""
    address = str(profile.get("address") or "") if isinstance(profile, dict) else ""
    return AgencyCard(agency.name, phone[:40], address[:200], credit_grade(agency_id))
