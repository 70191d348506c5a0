"""Peak and trough warning, connecting supply and demand (资源配置).

- **Demand**: contracts starting per week (Monday to Sunday) by service type and district (the service's place),
  from `analytics_contracts (start_week, service_type, district)`.
- **Supply**: at each Monday, certified workers (an active credential, statistics.py's definition) with no
  current contract (none whose start_on ≤ Monday ≤ end_on), by each of their service types and their agency's
  district.
- **Outlook**: a 12-week forecast of both series for every service type and district (forecast.py, with the
  back-test of the last year beside it), and the warnings (warnings.py) with the agencies that could help
  (matching.py). Computed once per week into `analytics_outlook_runs` (`outlook()` reads the week's run or makes
  it), so the pages never wait for the models."""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import Count

from centre.analytics import forecast as fc
from centre.analytics import supply_sql
from centre.analytics.dimensions import SHANGHAI, week_of
from centre.analytics.models import FactContract, FactCredential, FactWorkerService
from centre.analytics.rollup_models import OutlookRun
from centre.analytics.statistics import credential_end, merge_spans
from wirecontract.protocol import utc_now

HISTORY_WEEKS = 156  # three years: two to fit a yearly season on, the last one held out for the back-test

Cell = tuple[str, str]  # service type, district


def this_monday(now: dt.datetime | None = None) -> dt.date:
    return week_of((now or utc_now()).astimezone(SHANGHAI).date())


def history_weeks(until: dt.date, weeks: int = HISTORY_WEEKS) -> list[dt.date]:
    """The `weeks` full weeks before the week of `until` (Mondays, oldest first)."""
    last = week_of(until) - dt.timedelta(days=7)
    return [last - dt.timedelta(days=7 * i) for i in range(weeks - 1, -1, -1)]


def weekly_demand(weeks: list[dt.date]) -> dict[Cell, list[int]]:
    """Contracts starting in each week, per (service type, district): one grouped index scan."""
    index = {w: i for i, w in enumerate(weeks)}
    found: dict[Cell, list[int]] = defaultdict(lambda: [0] * len(weeks))
    rows = (FactContract.objects.filter(start_week__gte=weeks[0], start_week__lte=weeks[-1])
            .values_list("start_week", "service_type", "district").annotate(n=Count("pk")))  # fmt: skip
    for week, service_type, district, n in rows:
        if week in index:
            found[(service_type, district)][index[week]] += int(n)
    return dict(found)


@dataclass
class Supply:
    series: dict[Cell, list[int]]
    idle_now: dict[tuple[str, str, str], int]  # (agency, district, service type) → idle at the last week


def _minus(have: list[tuple[dt.date, dt.date | None]], busy: list[tuple[dt.date, dt.date | None]]
           ) -> list[tuple[dt.date, dt.date | None]]:  # fmt: skip
    """[start, end) spans of `have` not covered by `busy` (both merged and sorted)."""
    out: list[tuple[dt.date, dt.date | None]] = []
    for start, end in have:
        cursor: dt.date | None = start
        for b_start, b_end in busy:
            if cursor is None or (end is not None and b_start >= end):
                break
            if b_end is not None and b_end <= cursor:
                continue
            if b_start > cursor:
                out.append((cursor, b_start))
            cursor = b_end
        if cursor is not None and (end is None or cursor < end):
            out.append((cursor, end))
    return out


def weekly_supply(weeks: list[dt.date]) -> Supply:
    """Idle certified workers at each Monday, per (service type, district); and per agency at the last one. A
    worker counts in each district where they hold a credential that Monday (as `idle_at` counts them); at the last
    Monday, for the agency whose credential covers it. Counted inside PostgreSQL (supply_sql.py); elsewhere
    (SQLite, the embedded default's small cities) in Python, with the same result."""
    if connection.vendor == "postgresql":
        return _supply_of_rows(weeks, supply_sql.weekly_supply_rows(weeks[0], len(weeks)))
    return _supply_in_python(weeks)


def _supply_of_rows(weeks: list[dt.date], rows: list[tuple[Any, ...]]) -> Supply:
    n = len(weeks)
    diff: dict[Cell, np.ndarray[Any, Any]] = defaultdict(lambda: np.zeros(n + 1, dtype=np.int64))
    idle_now: dict[tuple[str, str, str], int] = defaultdict(int)
    for kind, types, district, agency, week, count in rows:
        for service_type in types.split(","):
            if kind == "series":
                diff[(service_type, district)][week] += count
            else:
                idle_now[(agency, district, service_type)] += count
    return Supply({cell: [int(v) for v in np.cumsum(d)[:n]] for cell, d in diff.items()}, dict(idle_now))


def _supply_in_python(weeks: list[dt.date]) -> Supply:
    first, n, last = weeks[0], len(weeks), weeks[-1]
    certified: dict[tuple[str, str], list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    agency_now: dict[tuple[str, str], str] = {}  # (worker, district) → the agency whose credential covers `last`
    for worker, agency, district, issued, valid_to, ended in FactCredential.objects.filter(
        issued_on__isnull=False, issued_on__lte=last
    ).values_list("worker_uid", "agency_id", "district", "issued_on", "valid_to", "ended_on").iterator(chunk_size=5000):
        end = credential_end(valid_to, ended)
        if issued is None or (end is not None and end <= max(issued, first)):
            continue
        certified[(worker, district)].append((issued, end))
        if issued <= last and (end is None or last < end):
            agency_now[(worker, district)] = max(agency, agency_now.get((worker, district), agency))
    workers = {worker for worker, _ in certified}
    busy: dict[str, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for worker, start, end in FactContract.objects.filter(start_on__isnull=False, start_on__lte=last,
                                                          end_on__gte=first).values_list(
            "worker_uid", "start_on", "end_on").iterator(chunk_size=20000):  # fmt: skip
        if worker in workers and start is not None and end is not None:
            busy[worker].append((start, end + dt.timedelta(days=1)))
    types: dict[str, list[str]] = defaultdict(list)
    for uid, service_type in FactWorkerService.objects.values_list("worker_uid", "service_type").iterator(chunk_size=20000):
        if uid in workers:
            types[uid].append(service_type)
    diff: dict[Cell, np.ndarray[Any, Any]] = defaultdict(lambda: np.zeros(n + 1, dtype=np.int64))
    idle_now: dict[tuple[str, str, str], int] = defaultdict(int)
    for (worker, district), spans in certified.items():
        idle = _minus(merge_spans(spans), merge_spans(list(busy.get(worker, ()))))
        for start, end in idle:
            lo = max(0, -(-(start - first).days // 7))  # the first Monday on or after start
            hi = n if end is None else min(n, -(-(end - first).days // 7))  # Mondays before end
            if lo >= hi:
                continue
            now_idle = hi == n and (worker, district) in agency_now
            for service_type in types.get(worker, ()):
                diff[(service_type, district)][lo] += 1
                diff[(service_type, district)][hi] -= 1
                if now_idle:
                    idle_now[(agency_now[(worker, district)], district, service_type)] += 1
    series = {cell: [int(v) for v in np.cumsum(d)[:n]] for cell, d in diff.items()}
    return Supply(series, dict(idle_now))


def idle_at(monday: dt.date, service_type: str, district: str) -> int:
    """The naive count at one Monday (the reference for the tests): certified workers of the type in the district
    with no contract covering the day."""
    from django.db.models import Exists, OuterRef, Q

    busy = FactContract.objects.filter(worker_uid=OuterRef("worker_uid"), start_on__lte=monday, end_on__gte=monday)
    typed = FactWorkerService.objects.filter(service_type=service_type).values("worker_uid")
    rows = (FactCredential.objects.filter(issued_on__lte=monday, district=district, worker_uid__in=typed)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=monday), Q(valid_to__isnull=True) | Q(valid_to__gte=monday))
            .exclude(Exists(busy)))  # fmt: skip
    return rows.values("worker_uid").distinct().count()


@dataclass
class CellOutlook:
    service_type: str
    district: str
    demand_history: list[int]
    supply_history: list[int]
    demand: fc.Forecast
    supply: fc.Forecast


@dataclass
class Outlook:
    week: dt.date  # the first forecast week
    history: list[dt.date]
    cells: list[CellOutlook] = field(default_factory=list)
    idle_now: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (agency, district, type) → idle


def compute(week: dt.date, history: int = HISTORY_WEEKS, with_backtest: bool = True) -> Outlook:
    weeks = history_weeks(week, history)
    demand = weekly_demand(weeks)
    supply = weekly_supply(weeks)
    outlook = Outlook(week=week_of(week), history=weeks, idle_now=supply.idle_now)
    zeros = [0] * len(weeks)
    for cell in sorted(set(demand) | set(supply.series)):
        d, s = demand.get(cell, zeros), supply.series.get(cell, zeros)
        if not any(d) and not any(s):
            continue
        outlook.cells.append(CellOutlook(cell[0], cell[1], d, s, fc.forecast(d, with_backtest=with_backtest),
                                         fc.forecast(s, with_backtest=with_backtest)))  # fmt: skip
    return outlook


def forecast_weeks(outlook_week: dt.date) -> list[dt.date]:
    return [outlook_week + dt.timedelta(days=7 * i) for i in range(fc.HORIZON)]


def payload_of(outlook: Outlook) -> dict[str, Any]:
    """The outlook as kept (JSON): every cell's history, forecasts and back-tests, the warnings with their
    matches."""
    from centre.analytics import matching
    from centre.analytics import peak_warnings as w

    cells = [{"service_type": c.service_type, "district": c.district, "demand_history": c.demand_history,
              "supply_history": c.supply_history, "demand": asdict(c.demand), "supply": asdict(c.supply)}
             for c in outlook.cells]  # fmt: skip
    found = w.warnings_of(cells, forecast_weeks(outlook.week), w.Thresholds())
    matches = matching.Idle(outlook.idle_now)
    return {"week": outlook.week.isoformat(), "history": [d.isoformat() for d in outlook.history], "cells": cells,
            "forecast_weeks": [d.isoformat() for d in forecast_weeks(outlook.week)],
            "warnings": [{**asdict(x), "helpers": [asdict(m) for m in matches.for_shortage(x.service_type, x.district)]
                          if x.kind == "peak" else []} for x in found]}  # fmt: skip


def run(week: dt.date | None = None, history: int = HISTORY_WEEKS) -> OutlookRun:
    """Compute this week's outlook and keep it."""
    monday = week_of(week) if week else this_monday()
    started = time.monotonic()
    outlook = compute(monday, history)
    payload = payload_of(outlook)
    return OutlookRun.objects.create(week=monday, computed_at=utc_now(), seconds=round(time.monotonic() - started, 3),
                                     params={"history": history, "horizon": fc.HORIZON}, payload=payload)  # fmt: skip


def outlook(week: dt.date | None = None) -> OutlookRun:
    """The week's kept outlook, computed the first time it is asked for."""
    monday = week_of(week) if week else this_monday()
    kept = OutlookRun.objects.filter(week=monday).order_by("-computed_at").first()
    return kept or run(monday)
