"""The authority API's figures (added to api.py's `authority_api`, same tokens): industry statistics, trends and
the peak/trough warnings with the forecasts' back-tested error. Read-only; every route answers 401 without a
token (the API's own auth)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from centre.analytics import resources, trends
from centre.analytics import statistics as st
from centre.analytics.reading import before_reading

router = Router(tags=["statistics"])
Measure = Literal["registrations", "transfers", "trainings_passed", "contracts", "evaluations", "complaints",
                  "complaints_upheld", "complaints_resolved", "revocations", "credentials_issued",
                  "active_credentials", "certified_workers"]  # fmt: skip
By = Literal["district", "service_type", "agency_id"]


class ErrorOut(Schema):
    code: str
    message: str


ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class SliceQuery(Schema):
    district: str | None = None
    service_type: str | None = None
    agency_id: str | None = None

    def slice(self) -> st.Slice:
        return st.Slice(self.district or None, self.service_type or None, self.agency_id or None)


class StatisticsQuery(SliceQuery):
    month: int | None = None  # yyyymm; the latest month with figures when left out
    by: By = "district"


class FigureOut(Schema):
    n: int
    total: float
    mean: float | None


class StatisticsRow(Schema):
    key: str
    figures: dict[str, FigureOut]


class StatisticsOut(Schema):
    month: int
    by: str
    rows: list[StatisticsRow]


class TrendQuery(SliceQuery):
    first: int | None = None  # yyyymm
    last: int | None = None
    movers_by: By = "district"


class MoverOut(Schema):
    key: str
    now: float
    year_before: float
    change: float
    ratio: float | None


class TrendOut(Schema):
    measure: str
    months: list[int]
    values: list[float]
    year_on_year: list[float | None]
    trend: list[float] | None
    seasonal: list[float] | None
    residual: list[float] | None
    movers: list[MoverOut]


class BackTestOut(Schema):
    weeks: int
    mae: float
    wape: float | None
    naive_mae: float
    naive_wape: float | None


class ForecastOut(Schema):
    model: str
    values: list[float]
    backtest: BackTestOut | None


class CellOut(Schema):
    service_type: str
    district: str
    demand: ForecastOut
    supply: ForecastOut


class HelperOut(Schema):
    agency_id: str
    district: str
    idle: int
    same_district: bool


class WarningOut(Schema):
    kind: str
    service_type: str
    district: str
    weeks: list[str]
    demand: float
    supply: float
    gap: float
    demand_wape: float | None
    supply_wape: float | None
    helpers: list[HelperOut]


class OutlookOut(Schema):
    week: str
    computed_at: str
    forecast_weeks: list[str]
    warnings: list[WarningOut]
    cells: list[CellOut]


def _months(first: int | None, last: int | None) -> list[int]:
    span = st.month_range()
    if span is None:
        return []
    first, last = first or span[0], last or span[1]
    if any(not 1 <= m % 100 <= 12 for m in (first, last)) or not 0 <= last // 100 - first // 100 <= 20:
        raise HttpError(422, "months are yyyymm, first before last, at most 20 years")
    return st.months_between(first, last)


def _figure(f: st.Figure) -> dict[str, Any]:
    return {"n": f.n, "total": round(f.total, 4), "mean": f.mean}


@router.get("/statistics", response={200: StatisticsOut, **ERRORS})
def statistics(request: HttpRequest, query: Query[StatisticsQuery]) -> dict[str, Any]:
    """Every measure for one month, one row per district, service type or agency (`by`), within the slice."""
    before_reading()
    span = st.month_range()
    month = query.month or (span[1] if span else 0)
    if not 1 <= month % 100 <= 12:
        raise HttpError(422, "month is yyyymm")
    rows = st.table(month, query.by, query.slice())
    return {"month": month, "by": query.by,
            "rows": [{"key": k, "figures": {m: _figure(f) for m, f in v.items()}} for k, v in sorted(rows.items())]}  # fmt: skip


@router.get("/trends/{measure}", response={200: TrendOut, **ERRORS})
def trend(request: HttpRequest, measure: Measure, query: Query[TrendQuery]) -> dict[str, Any]:
    """A measure's monthly series, year on year, its seasonal decomposition and the largest movers."""
    before_reading()
    months = _months(query.first, query.last)
    found = trends.trend(measure, query.slice(), months)
    moved = trends.movers(measure, query.movers_by, query.slice(), months[-1]) if months else []
    return {**asdict(found), "movers": [asdict(m) for m in moved]}


@router.get("/outlook", response={200: OutlookOut, **ERRORS})
def outlook(request: HttpRequest, week: dt.date | None = None) -> dict[str, Any]:
    """The 12-week outlook: peak and trough warnings with the weeks they concern and the agencies that could help,
    and every service type and district's demand and supply forecast with its back-tested error (last year held
    out, beside the seasonal-naive error)."""
    run = resources.outlook(week)
    payload = run.payload
    return {"week": payload["week"], "computed_at": run.computed_at.isoformat(),
            "forecast_weeks": payload["forecast_weeks"], "warnings": payload["warnings"],
            "cells": [{k: c[k] for k in ("service_type", "district", "demand", "supply")} for c in payload["cells"]]}  # fmt: skip
