"""What the centre knows of a batch of workers or agencies, for the credit rules (credit_rules.py): read from the
fact tables and the centre's own tables a batch at a time, so grading one worker and grading the whole city run
the same code."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Count, Max, Q, Sum

from centre.analytics.credit_rules import AgencyEvidence, Dated, WorkerEvidence
from centre.analytics.models import (
    CreditListEntry,
    FactComplaint,
    FactContract,
    FactCredential,
    FactEvaluation,
    FactHealthCheck,
    FactInsurance,
    FactIntegrity,
    FactTraining,
    FactWorker,
)
from centre.sync.identity_rules import normalise_id_number
from centre.sync.models import BackgroundCheck, IdentityRegistration, Record
from centre.terminals.models import Agency

LISTED = ("listed", "delisting")  # a list entry is in force from approval until its removal is approved


def listed_now(subject: str, ids: Sequence[str]) -> dict[str, str]:
    rows = CreditListEntry.objects.filter(subject=subject, subject_id__in=list(ids), status__in=LISTED)
    found: dict[str, str] = {}
    for subject_id, kind in rows.values_list("subject_id", "kind"):
        if found.get(subject_id) != "black":  # black outranks red
            found[subject_id] = kind
    return found


def id_numbers(uids: Sequence[str]) -> dict[str, str]:
    """Each worker's normalised ID number, from the worker's record (the card read's)."""
    numbers: dict[str, str] = {}
    for uid, data in Record.objects.filter(entity="worker", entity_uid__in=list(uids)).values_list("entity_uid", "data"):
        identity = data.get("identity") if isinstance(data, dict) else None
        number = identity.get("id_number") if isinstance(identity, dict) else None
        if number:
            numbers[uid] = normalise_id_number(str(number))
    return numbers


def person_uids(uids: Sequence[str], numbers: dict[str, str]) -> dict[str, set[str]]:
    """Each worker's uids across agencies (the same person registered again after a transfer): a person's record
    follows them. Keyed by the given uid."""
    by_number: dict[str, set[str]] = defaultdict(set)
    for number, uid in IdentityRegistration.objects.filter(id_number__in=set(numbers.values())).values_list(
            "id_number", "worker_uid"):  # fmt: skip
        by_number[number].add(uid)
    return {uid: ({uid} | by_number.get(numbers.get(uid, ""), set())) for uid in uids}


def background_of(uids: Sequence[str], numbers: dict[str, str]) -> dict[str, str]:
    latest: dict[str, str] = {}
    rows = BackgroundCheck.objects.filter(id_number__in=set(numbers.values())).order_by("checked_at", "id")
    for number, result in rows.values_list("id_number", "result"):
        latest[number] = result
    return {uid: latest.get(numbers.get(uid, ""), "none") for uid in uids}


def workers(uids: Sequence[str], today: dt.date) -> dict[str, WorkerEvidence]:
    numbers = id_numbers(uids)
    people = person_uids(uids, numbers)
    owner = {u: uid for uid, all_uids in people.items() for u in all_uids}
    every = list(owner)
    evidence = {uid: WorkerEvidence() for uid in uids}
    for uid, result in background_of(uids, numbers).items():
        evidence[uid].background = result
    for u, best, passed in (FactTraining.objects.filter(worker_uid__in=every).values("worker_uid")
                            .annotate(best=Max("score"), passed=Count("uid", filter=Q(passed=True)))
                            .values_list("worker_uid", "best", "passed")):  # fmt: skip
        ev = evidence[owner[u]]
        if passed:
            ev.training_passed = True
            ev.best_training = max(ev.best_training or 0.0, float(best or 0.0))
    for u in FactHealthCheck.objects.filter(worker_uid__in=list(uids), passed=True, expires_on__gte=today,
                                            checked_on__lte=today).values_list("worker_uid", flat=True):  # fmt: skip
        evidence[u].health_valid = True
    for u in FactInsurance.objects.filter(worker_uid__in=list(uids), starts_on__lte=today,
                                          expires_on__gte=today).values_list("worker_uid", flat=True):  # fmt: skip
        evidence[u].insurance_valid = True
    for u, total, count in (FactEvaluation.objects.filter(worker_uid__in=every, on__lte=today).values("worker_uid")
                            .annotate(total=Sum("overall"), n=Count("uid")).values_list("worker_uid", "total", "n")):  # fmt: skip
        ev = evidence[owner[u]]
        ev.evaluations = (ev.evaluations[0] + float(total or 0.0), ev.evaluations[1] + int(count))
    for u, on, severity in FactComplaint.objects.filter(worker_uid__in=every, outcome="upheld",
                                                        received_on__lte=today).values_list(
            "worker_uid", "received_on", "severity"):  # fmt: skip
        evidence[owner[u]].upheld_complaints.append(Dated(on, severity))
    for u, on, polarity, valid_to in FactIntegrity.objects.filter(worker_uid__in=every, subject="worker",
                                                                  valid_from__lte=today).values_list(
            "worker_uid", "valid_from", "polarity", "valid_to"):  # fmt: skip
        evidence[owner[u]].integrity.append(Dated(on, polarity, valid_to))
    for u, count in (FactContract.objects.filter(worker_uid__in=every, start_on__lte=today).values("worker_uid")
                     .annotate(n=Count("contract_uid")).values_list("worker_uid", "n")):  # fmt: skip
        evidence[owner[u]].contracts += int(count)
    for uid, kind in listed_now("worker", uids).items():
        evidence[uid].listed = kind
    for ev in evidence.values():  # order-free: the same evidence reads the same whatever order the rows came in
        ev.upheld_complaints.sort(key=lambda d: (d.on or dt.date.min, d.kind))
        ev.integrity.sort(key=lambda d: (d.on or dt.date.min, d.kind, d.valid_to or dt.date.min))
    return evidence


def agencies(ids: Sequence[str], today: dt.date, window_days: int, penalty: str) -> dict[str, AgencyEvidence]:
    from centre.console.models import AgencyAdmission

    ids = list(ids)
    since = today - dt.timedelta(days=window_days)
    evidence = {a: AgencyEvidence() for a in ids}
    latest: dict[str, str] = {}
    for agency, status in AgencyAdmission.objects.filter(agency_id__in=ids).order_by("decided_at", "id").values_list(
            "agency_id", "status"):  # fmt: skip
        latest[agency] = status
    for agency, data in Record.objects.filter(entity="agency", agency_id__in=ids).values_list("agency_id", "data"):
        data = data if isinstance(data, dict) else {}
        ev = evidence[agency]
        ev.profile_complete = ev.profile_complete or bool(data.get("phone") and data.get("address"))
        ev.licence = ev.licence or bool(data.get("licence_no"))
    for agency in ids:
        evidence[agency].admitted = latest.get(agency) == "admitted"
    for agency, count in (FactWorker.objects.filter(agency_id__in=ids, released_on__isnull=True).values("agency_id")
                          .annotate(n=Count("worker_uid")).values_list("agency_id", "n")):  # fmt: skip
        evidence[agency].workers = int(count)
    for agency, count in (FactCredential.objects.filter(agency_id__in=ids, end_kind="", issued_on__lte=today,
                                                        valid_to__gte=today).values("agency_id")
                          .annotate(n=Count("worker_uid", distinct=True)).values_list("agency_id", "n")):  # fmt: skip
        evidence[agency].certified = int(count)
    for agency, count in (FactContract.objects.filter(agency_id__in=ids, start_on__gt=since, start_on__lte=today)
                          .values("agency_id").annotate(n=Count("contract_uid")).values_list("agency_id", "n")):  # fmt: skip
        evidence[agency].contracts_in_window = int(count)
    window = FactComplaint.objects.filter(agency_id__in=ids, received_on__gt=since, received_on__lte=today)
    for agency, upheld, total, resolved in (window.values("agency_id").annotate(
            upheld=Count("uid", filter=Q(outcome="upheld")), days=Sum("resolution_days"),
            resolved=Count("uid", filter=Q(resolution_days__isnull=False)))
            .values_list("agency_id", "upheld", "days", "resolved")):  # fmt: skip
        ev = evidence[agency]
        ev.upheld_in_window = int(upheld)
        ev.resolution_days = (float(total or 0.0), int(resolved))
    for agency, total, count in (FactEvaluation.objects.filter(agency_id__in=ids, on__lte=today).values("agency_id")
                                 .annotate(total=Sum("overall"), n=Count("uid"))
                                 .values_list("agency_id", "total", "n")):  # fmt: skip
        evidence[agency].evaluations = (float(total or 0.0), int(count))
    for agency, on, polarity, valid_to, category in FactIntegrity.objects.filter(
            agency_id__in=ids, subject="agency", valid_from__lte=today).order_by("valid_from", "uid").values_list(
            "agency_id", "valid_from", "polarity", "valid_to", "category"):  # fmt: skip
        item = Dated(on, polarity, valid_to)
        if category == penalty:
            evidence[agency].penalties.append(item)
        else:
            evidence[agency].integrity.append(item)
    for agency, kind in listed_now("agency", ids).items():
        evidence[agency].listed = kind
    return evidence


def agency_districts(ids: Sequence[str]) -> dict[str, str]:
    from centre.analytics.dimensions import district_of

    return {a: district_of(d) for a, d in Agency.objects.filter(pk__in=list(ids)).values_list("id", "district")}
