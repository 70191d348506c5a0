"""The fact tables reconcile exactly with counts over the raw records, on SQLite and PostgreSQL, and the
incremental upkeep gives the same tables as a rebuild."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter
from typing import Any

from tests.analytics.city_events import build_town
from tests.console_workflows.centre_data import AGENCY_A, AGENCY_B

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
DISTRICT_BY_SHORT = {"浦东": "浦东新区", "徐汇": "徐汇区"}


def _snapshot() -> dict[str, list[tuple[Any, ...]]]:
    from centre.analytics.facts import FACT_MODELS

    snap = {}
    for model in FACT_MODELS:
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
        snap[model.__name__] = sorted(model._default_manager.values_list(*fields))
    return snap


def _local_month(text: str) -> int:
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(SHANGHAI)
    return moment.year * 100 + moment.month


def test_facts_reconcile_with_the_raw_records(users: dict[str, Any]) -> None:
    from centre.analytics import facts
    from centre.analytics.models import (
        FactComplaint,
        FactContract,
        FactEvaluation,
        FactIntegrity,
        FactTraining,
        FactTransfer,
        FactWorker,
        FactWorkerService,
    )  # fmt: skip
    from centre.complaints.models import Complaint
    from centre.sync.models import Record
    from centre.terminals.models import Agency

    town = build_town(users)
    facts.catch_up()
    districts = dict(Agency.objects.values_list("id", "district"))

    # Contracts by month × district × service type × agency, counted over the records' JSON by hand.
    raw: Counter[tuple[object, ...]] = Counter()
    for agency, data in Record.objects.filter(entity="contract").values_list("agency_id", "data"):
        district = data["district"].strip()
        district = DISTRICT_BY_SHORT.get(district, district) or districts[agency]
        raw[(int(data["period_from"][:4] + data["period_from"][5:7]), district, data["service_type"], agency)] += 1
    cube = Counter(FactContract.objects.values_list("month", "district", "service_type", "agency_id"))
    assert cube == raw and sum(raw.values()) == 6

    workers = Counter((_local_month(d["registered_at"]) if d.get("registered_at") else None, a)
                      for a, d in Record.objects.filter(entity="worker").values_list("agency_id", "data"))  # fmt: skip
    assert Counter(FactWorker.objects.values_list("month", "agency_id")) == workers
    assert FactWorkerService.objects.filter(service_type="elderly").count() == 1
    assert list(FactTraining.objects.values_list("score", "passed", "agency_id")) == [(88.0, True, AGENCY_A)]
    assert set(FactWorker.objects.filter(released_on__isnull=False).values_list("agency_id", flat=True)) == {AGENCY_A}

    [transfer] = FactTransfer.objects.all()
    assert (transfer.worker_uid, transfer.from_agency_id, transfer.agency_id, transfer.district) == (
        town["transferred"], AGENCY_A, AGENCY_B, "徐汇区")
    complaints = Counter(FactComplaint.objects.values_list("source", "outcome"))
    assert complaints == Counter({("agency", "upheld"): 1, ("hotline", "open"): Complaint.objects.count()})
    assert FactComplaint.objects.get(source="agency").resolution_days == 2.0
    assert Counter(FactEvaluation.objects.values_list("source", "overall")) == Counter(
        {("agency", 4.0): 1, ("consumer", 5.0): 1})
    assert Counter(FactIntegrity.objects.values_list("source", "subject", "polarity")) == Counter(
        {("agency", "worker", "negative"): 1, ("centre", "worker", "positive"): 1, ("centre", "agency", "negative"): 1})

    incremental = _snapshot()
    facts.rebuild()
    assert _snapshot() == incremental


def test_a_second_catch_up_reads_only_what_changed(users: dict[str, Any]) -> None:
    from centre.analytics import facts
    from centre.analytics.models import FactComplaint
    from centre.complaints import actions as complaints
    from centre.complaints.models import Complaint

    town = build_town(users)
    facts.catch_up()
    before = _snapshot()
    assert facts.catch_up().workers <= {w for w, _ in town["workers"]} | {town["transferred"]}
    assert _snapshot() == before
    uid = Complaint.objects.get(reference=town["complaint"]).uid
    complaints.close(users["staff"], uid, "不属于机构责任")
    touched = facts.catch_up()
    assert FactComplaint.objects.get(uid=uid).outcome == "dismissed"
    assert town["workers"][0][0] in touched.workers
