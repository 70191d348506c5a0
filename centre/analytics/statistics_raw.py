"""The same figures as statistics.py counted naively over the fact tables, one query per figure: the reference
the rollup is reconciled with (tests/analytics/test_statistics.py) and the baseline the benchmark sets beside it."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from centre.analytics.models import (
    FactComplaint,
    FactContract,
    FactCredential,
    FactEvaluation,
    FactTraining,
    FactTransfer,
    FactWorker,
    FactWorkerService,
)  # fmt: skip
from centre.analytics.statistics import Figure, Slice

_OWN_TYPE = {"contracts": FactContract, "evaluations": FactEvaluation, "complaints": FactComplaint,
             "complaints_upheld": FactComplaint, "complaints_resolved": FactComplaint}  # fmt: skip
_WORKER_TYPE = {"registrations": FactWorker, "transfers": FactTransfer, "trainings_passed": FactTraining,
                "credentials_issued": FactCredential, "revocations": FactCredential}  # fmt: skip
_CONDITION = {"complaints_upheld": Q(outcome="upheld"), "complaints_resolved": Q(resolution_days__isnull=False),
              "trainings_passed": Q(passed=True), "credentials_issued": Q(issued_on__isnull=False),
              "revocations": Q(end_kind="revoked")}  # fmt: skip
_SUMMED = {"evaluations": "overall", "complaints_resolved": "resolution_days"}


def last_day(month: int) -> dt.date:
    year, m = divmod(month, 100)
    return dt.date(year, m, calendar.monthrange(year, m)[1])


def _sliced(rows: QuerySet[Any], where: Slice, own_type: bool) -> QuerySet[Any]:
    if where.district is not None:
        rows = rows.filter(district=where.district)
    if where.agency_id is not None:
        rows = rows.filter(agency_id=where.agency_id)
    if where.service_type is not None:
        if own_type:
            rows = rows.filter(service_type=where.service_type)
        else:
            typed = FactWorkerService.objects.filter(service_type=where.service_type).values("worker_uid")
            rows = rows.filter(worker_uid__in=typed)
    return rows


def figure(measure: str, where: Slice, month: int) -> Figure:
    if measure in ("active_credentials", "certified_workers"):
        end = last_day(month)
        active = FactCredential.objects.filter(issued_on__lte=end).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=end), Q(valid_to__isnull=True) | Q(valid_to__gte=end))
        rows = _sliced(active, where, own_type=False)
        if measure == "certified_workers":
            return Figure(rows.values("worker_uid").distinct().count())
        return Figure(rows.count())
    own = measure in _OWN_TYPE
    model = _OWN_TYPE[measure] if own else _WORKER_TYPE[measure]
    rows = model._default_manager.filter(_CONDITION.get(measure, Q()))
    rows = rows.filter(**{"ended_month" if measure == "revocations" else "month": month})
    rows = _sliced(rows, where, own_type=own)
    summed = _SUMMED.get(measure)
    if summed is None:
        return Figure(rows.count())
    found = rows.aggregate(n=Count("pk"), total=Sum(summed))
    return Figure(int(found["n"]), float(found["total"] or 0.0))
