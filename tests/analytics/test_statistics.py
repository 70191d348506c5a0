"""Industry statistics (statistics.py): the monthly rollup reconciles exactly with counts over the raw fact
tables on SQLite and PostgreSQL, by month, district, service type and agency, for every measure; recounting some
agencies (what follows a push) gives the rebuilt rollup."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from centre.analytics.city_model import CityParams
from tests.console_workflows.djangodb import use_database

UNTIL = dt.date(2026, 11, 29)
SMALL = CityParams(workers=150, years=2, seed=5, until=UNTIL)


@pytest.fixture(scope="module", autouse=True)
def orm_beside_playwright() -> Iterator[None]:
    """A browser module earlier in the session leaves Playwright's sync event loop registered in this thread, and
    Django then refuses every ORM call as if it were async. The calls here are synchronous (no server is started
    in this module, so nothing else inherits the setting)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def city(request: pytest.FixtureRequest) -> Iterator[str]:
    from centre.analytics import statistics
    from centre.analytics.demo_city import load_city

    if request.param == "sqlite":
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='centre-stats-')) / 'city.db'}"
    else:
        url = request.getfixturevalue("analytics_cluster").create_database("stats_city")
    use_database(url)
    load_city(SMALL, grade=False)
    statistics.rebuild()
    yield request.param


def _snapshot() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The rollup's agency rows, its city layer (which must be the agency rows summed) and the agencies' days."""
    from django.db.models import Sum

    from centre.analytics.rollup_models import AgencyDayFigure, CityMonthlyFigure, MonthlyFigure

    cells = ("month", "district", "service_type", "measure")
    city = sorted(CityMonthlyFigure.objects.values_list(*cells, "n", "total"))
    summed = sorted((*(r[c] for c in cells), int(r["n_"]), round(float(r["total_"]), 6))
                    for r in MonthlyFigure.objects.values(*cells).annotate(n_=Sum("n"), total_=Sum("total"))
                    if r["n_"] or r["total_"])  # fmt: skip
    assert [(*c[:4], int(c[4]), round(c[5], 6)) for c in city] == summed
    days = sorted(AgencyDayFigure.objects.values_list("agency_id", "measure", "day", "n"))
    return sorted(MonthlyFigure.objects.values_list("month", "district", "service_type", "agency_id", "measure",
                                                    "n", "total")), city, days  # fmt: skip


def test_every_measure_reconciles_with_the_facts(city: str) -> None:
    from centre.analytics import statistics, statistics_raw
    from centre.analytics.models import FactContract
    from centre.analytics.statistics import Slice

    agency = FactContract.objects.values_list("agency_id", flat=True).order_by("agency_id").first()
    district = FactContract.objects.filter(agency_id=agency).values_list("district", flat=True).first()
    slices = [Slice(), Slice(district=district), Slice(service_type="elderly"), Slice(service_type="hourly"),
              Slice(agency_id=agency), Slice(district=district, service_type="cleaning")]  # fmt: skip
    months = [202412, 202502, 202507, 202601, 202611]
    nonzero = 0
    for measure in statistics.MEASURES:
        for where in slices:
            for month in months:
                fast, raw = statistics.figure(measure, where, month), statistics_raw.figure(measure, where, month)
                assert (fast.n, round(fast.total, 6)) == (raw.n, round(raw.total, 6)), (measure, where, month)
                nonzero += fast.n > 0
    assert nonzero > 100  # the city is not empty: the figures compared are real counts


def test_the_cube_by_district_adds_up_and_matches(city: str) -> None:
    from centre.analytics import statistics, statistics_raw
    from centre.analytics.statistics import Slice

    for measure in ("contracts", "certified_workers", "complaints"):
        by_district = statistics.series(measure, Slice(), [202510], by="district")
        for district, values in by_district.items():
            assert values[0].n == statistics_raw.figure(measure, Slice(district=district), 202510).n
        if measure != "certified_workers":
            assert sum(v[0].n for v in by_district.values()) == statistics.figure(measure, Slice(), 202510).n


def _after_every_mark() -> dt.datetime:
    """A moment the next catch-up reads: past every source's mark (the demo city sets them past its rows)."""
    from django.db.models import Max

    from centre.analytics.models import FactMark

    return (FactMark.objects.aggregate(at=Max("at"))["at"] or dt.datetime.now(dt.UTC)) + dt.timedelta(minutes=1)


def _change_sources(at: dt.datetime) -> None:
    """Source rows changed as pushes and the centre's decisions change them: a worker's service types, a contract
    moved to another worker and month, a contract that names no worker, a worker released, a credential revoked,
    one expired early."""
    from centre.credentials.models import Credential
    from centre.sync.models import IdentityRegistration, Record

    workers = list(Record.objects.filter(entity="worker").order_by("entity_uid")[:3])
    retyped = workers[0]
    retyped.data = {**retyped.data, "service_types": ["infant", "elderly"]}
    contracts = list(Record.objects.filter(entity="contract").order_by("entity_uid")[:2])
    moved, unnamed = contracts
    moved.data = {**moved.data, "worker_uid": workers[1].entity_uid, "period_from": "2025-10-03"}
    unnamed.data = {**unnamed.data, "worker_uid": ""}
    for record in (retyped, moved, unnamed):
        record.updated_at = at
        record.save(update_fields=["data", "updated_at"])
    released = IdentityRegistration.objects.filter(released_at__isnull=True).order_by("id").first()
    assert released is not None
    IdentityRegistration.objects.filter(pk=released.pk).update(released_at=at, release_reason="离职")
    revoked, shortened = Credential.objects.filter(state="issued", hold="").order_by("credential_no")[:2]
    Credential.objects.filter(pk=revoked.pk).update(state="revoked", hold="revoked", updated_at=at)
    Credential.objects.filter(pk=shortened.pk).update(valid_to="2025-10-20", updated_at=at)


def test_a_pass_keeps_the_rollup_as_a_rebuild_would(city: str) -> None:
    """A catch-up pass adds to the rollup what its writes changed (statistics.Change): after source rows change,
    the kept rollup (agency rows and city layer) is the one a rebuild from scratch gives; a pass that reads the
    same rows again changes nothing."""
    from django.db import transaction

    from centre.analytics import facts, statistics

    with transaction.atomic():
        before = _snapshot()
        at = _after_every_mark()
        _change_sources(at)
        touched = facts.catch_up()
        assert touched.workers
        kept = _rounded(_snapshot())
        assert kept != _rounded(before)  # the changes moved cells: the comparison below is not of two old copies
        facts.catch_up()  # the overlap again: the same rows, no change
        assert _rounded(_snapshot()) == kept
        statistics.rebuild()
        assert _rounded(_snapshot()) == kept
        transaction.set_rollback(True)


def _rounded(snapshot: tuple[list[tuple[Any, ...]], ...]) -> tuple[list[Any], ...]:
    """Sums kept by difference may differ from a recount's in the last bits of a float."""
    return tuple([(*row[:-1], round(row[-1], 6)) for row in rows] for rows in snapshot)


def test_recounting_agencies_equals_the_rebuild(city: str) -> None:
    """After some agencies' facts change, recounting those agencies leaves the agency rows and the city layer as
    a rebuild from scratch would."""
    from django.db import transaction

    from centre.analytics import statistics
    from centre.analytics.models import FactComplaint, FactContract

    with transaction.atomic():
        some = statistics.all_agencies()[:5]
        gone = list(FactContract.objects.filter(agency_id__in=some).values_list("pk", flat=True)[:40])
        FactContract.objects.filter(pk__in=gone).delete()
        FactComplaint.objects.filter(agency_id=some[0]).update(outcome="upheld")
        statistics.recompute(some)
        followed = _snapshot()
        statistics.rebuild()
        assert _snapshot() == followed
        transaction.set_rollback(True)


def test_weekly_supply_and_demand_match_naive_counts(city: str) -> None:
    from centre.analytics import resources
    from centre.analytics.models import FactContract

    weeks = resources.history_weeks(UNTIL, 60)
    supply = resources.weekly_supply(weeks)
    demand = resources.weekly_demand(weeks)
    checked = 0
    for (service_type, district), values in sorted(supply.series.items()):
        for i in (0, 25, 59):
            assert values[i] == resources.idle_at(weeks[i], service_type, district), (service_type, district, i)
            checked += values[i] > 0
    assert checked > 0
    idle_last: dict[tuple[str, str], int] = {}
    for (_, district, service_type), n in supply.idle_now.items():
        idle_last[(service_type, district)] = idle_last.get((service_type, district), 0) + n
    assert idle_last == {cell: values[-1] for cell, values in supply.series.items() if values[-1]}
    # PostgreSQL counts inside the database (supply_sql.py); the Python count (SQLite's) must give the same.
    assert resources._supply_in_python(weeks) == supply
    for (service_type, district), values in sorted(demand.items())[:6]:
        assert sum(values) == FactContract.objects.filter(service_type=service_type, district=district,
                                                          start_week__gte=weeks[0], start_week__lte=weeks[-1]).count()


def test_the_outlook_is_kept_with_back_tests_warnings_and_helpers(city: str) -> None:
    from centre.analytics import resources

    run = resources.outlook(UNTIL)
    again = resources.outlook(UNTIL)
    assert again.pk == run.pk  # kept: a page does not wait for the models twice
    cells = run.payload["cells"]
    assert cells and len(run.payload["forecast_weeks"]) == 12
    assert all(len(c["demand"]["values"]) == 12 and c["demand"]["backtest"] is not None for c in cells)
    for warning in run.payload["warnings"]:
        assert warning["kind"] in ("peak", "trough") and warning["weeks"]
        assert all(h["idle"] > 0 for h in warning["helpers"])


def test_the_authority_api_serves_figures_to_a_token_only(city: str) -> None:
    from django.test import Client

    from centre.analytics import statistics
    from centre.analytics.authority_tokens import issue
    from centre.analytics.statistics import Slice

    client = Client()
    assert client.get("/api/statistics").status_code == 401
    assert client.get("/api/outlook", headers={"Authorization": "Bearer hsa_0_forged"}).status_code == 401
    auth = {"Authorization": f"Bearer {issue('regulator', 'test')}"}
    answer = client.get("/api/statistics", {"month": "202510", "by": "district"}, headers=auth).json()
    by_district = {row["key"]: row["figures"]["contracts"]["n"] for row in answer["rows"]}
    assert by_district and all(n == statistics.figure("contracts", Slice(district=d), 202510).n
                               for d, n in by_district.items())  # fmt: skip
    trend = client.get("/api/trends/contracts", {"first": "202411", "last": "202610"}, headers=auth).json()
    assert len(trend["months"]) == 24 and trend["seasonal"] is not None and trend["movers"]
    assert trend["values"][-1] == statistics.figure("contracts", Slice(), 202610).n
    assert client.get("/api/trends/nothing", headers=auth).status_code == 422
    assert client.get("/api/trends/contracts", {"first": "100001", "last": "999912"}, headers=auth).status_code == 422
    outlook = client.get("/api/outlook", {"week": UNTIL.isoformat()}, headers=auth).json()
    assert len(outlook["forecast_weeks"]) == 12 and outlook["cells"][0]["demand"]["backtest"]["weeks"] == 52


def test_the_dashboards_and_exports_for_the_regulator(city: str) -> None:
    import io
    import subprocess

    from django.contrib.auth.models import Group, User
    from django.test import Client
    from openpyxl import load_workbook

    from centre.analytics import statistics
    from centre.analytics.statistics import Slice

    regulator = User.objects.create_user("h14b-regulator")
    regulator.groups.add(Group.objects.get(name="regulator"))
    police = User.objects.create_user("h14b-police")
    police.groups.add(Group.objects.get(name="police"))
    client = Client()
    assert client.get("/console/analytics/").status_code == 302  # to the sign-in page
    client.force_login(police)
    assert client.get("/console/analytics/").status_code == 403
    client.force_login(regulator)
    page = client.get("/console/analytics/", {"month": "202510"}).content.decode()
    total = statistics.figure("contracts", Slice(district="浦东新区"), 202510).n
    assert 'data-key="浦东新区"' in page and f'data-measure="contracts" data-n="{total}"' in page
    for path in ("trends/", "outlook/", "supervision/"):
        assert client.get(f"/console/analytics/{path}").status_code == 200
    book = load_workbook(io.BytesIO(client.get("/console/analytics/statistics.xlsx", {"month": "202510"}).content))
    sheet = book.worksheets[0]
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert rows["浦东新区"][1 + statistics.MEASURES.index("contracts")] == total
    report = client.get("/console/analytics/report.pdf", {"month": "202510"})
    text = subprocess.run(["pdftotext", "-", "-"], input=report.content, capture_output=True, check=True).stdout.decode()
    assert "行业监管月报" in text and "浦东新区" in text
    assert load_workbook(io.BytesIO(client.get("/console/analytics/report.xlsx", {"month": "202510"}).content)).sheetnames


@pytest.mark.parametrize("least", [1, 2])
def test_adverse_movers_match_a_count_over_the_facts(city: str, least: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The supervision page's movers (one statement) against the rule counted record by record: each of the latest
    transfers, with the upheld complaints, negative integrity records and revocations of both its uids."""
    from collections import Counter

    from centre.analytics import supervision
    from centre.analytics.models import FactComplaint, FactCredential, FactIntegrity, FactTransfer

    monkeypatch.setattr(supervision, "ADVERSE_MIN", least)
    upheld = Counter(FactComplaint.objects.filter(outcome="upheld").values_list("worker_uid", flat=True))
    negative = Counter(FactIntegrity.objects.filter(subject="worker", polarity="negative")
                       .values_list("worker_uid", flat=True))  # fmt: skip
    revoked = Counter(FactCredential.objects.filter(end_kind="revoked").values_list("worker_uid", flat=True))
    expected = []
    for new, old, source, target, on in FactTransfer.objects.values_list(
            "worker_uid", "previous_worker_uid", "from_agency_id", "agency_id", "on"):  # fmt: skip
        mover = supervision.AdverseMover(new, old, source, target, on.isoformat() if on else "",
                                         upheld[new] + upheld[old], negative[new] + negative[old],
                                         revoked[new] + revoked[old])  # fmt: skip
        if mover.adverse >= least:
            expected.append(mover)
    expected.sort(key=lambda m: (-m.adverse, m.worker_uid))
    assert FactTransfer.objects.count() < supervision.MOVERS_WINDOW  # every transfer is looked at
    assert supervision.adverse_movers(limit=1000) == expected
    if least == 1:
        assert expected  # the city has movers with adverse records: the comparison is not of two empty lists


@pytest.mark.parametrize("today", [UNTIL, dt.date(2026, 6, 1), dt.date(2026, 3, 31)])
def test_agency_figures_for_grading_match_the_facts(city: str, today: dt.date) -> None:
    """Grading an agency reads whole months from the rollup and the part-months at the window's ends from the
    facts (credit_evidence.py): the figures must be the facts' own counts, at a month's first and last day too."""
    from django.db.models import Q, Sum

    from centre.analytics import credit_evidence, statistics
    from centre.analytics.models import FactContract, FactCredential, FactEvaluation, FactWorker

    certified = 0
    agencies = statistics.all_agencies()[:8]
    since = today - dt.timedelta(days=365)
    found = credit_evidence.agencies(agencies, today, 365, "penalty")
    for agency in agencies:
        ev = found[agency]
        evaluations = FactEvaluation.objects.filter(agency_id=agency, on__lte=today)
        assert ev.contracts_in_window == FactContract.objects.filter(agency_id=agency, start_on__gt=since,
                                                                     start_on__lte=today).count()  # fmt: skip
        assert ev.evaluations[1] == evaluations.count()
        assert ev.evaluations[0] == pytest.approx(float(evaluations.aggregate(s=Sum("overall"))["s"] or 0.0))
        assert ev.workers == (FactWorker.objects.filter(agency_id=agency)  # registered by `today`, not released
                              .filter(Q(registered_on__isnull=True) | Q(registered_on__lte=today))
                              .filter(Q(released_on__isnull=True) | Q(released_on__gt=today)).count())  # fmt: skip
        active = (FactCredential.objects.filter(agency_id=agency, issued_on__lte=today)  # active on `today`
                  .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
                  .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)))  # fmt: skip
        assert ev.certified == active.values("worker_uid").distinct().count()
        if today == UNTIL:  # on the city's last day, as grading counted before the day rows
            assert ev.workers == FactWorker.objects.filter(agency_id=agency, released_on__isnull=True).count()
            assert ev.certified == FactCredential.objects.filter(
                agency_id=agency, end_kind="", issued_on__lte=today, valid_to__gte=today).values(
                "worker_uid").distinct().count()  # fmt: skip
        certified += ev.certified
    assert sum(found[a].contracts_in_window for a in agencies) > 0 and sum(found[a].evaluations[1] for a in agencies) > 0
    assert certified > 0
