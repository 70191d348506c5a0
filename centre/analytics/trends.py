"""Trends (数据分析) over the monthly rollup: a measure's monthly series, year on year, a seasonal decomposition
(STL from statsmodels, a 12-month season, when there are two years of months) and the largest movers (the groups
whose last three months moved most against the same three months a year before)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from centre.analytics import statistics as st

MOVER_WINDOW = 3


@dataclass(frozen=True)
class Trend:
    measure: str
    months: list[int]
    values: list[float]
    year_on_year: list[float | None]  # value / value 12 months earlier − 1
    trend: list[float] | None  # the STL decomposition (None: fewer than 24 months)
    seasonal: list[float] | None
    residual: list[float] | None


@dataclass(frozen=True)
class Mover:
    key: str
    now: float
    year_before: float
    change: float
    ratio: float | None


def value_of(measure: str, figure: st.Figure) -> float:
    """What a chart shows: the mean for measures with a sum (evaluation marks, resolution days), else the count."""
    if measure in ("evaluations", "complaints_resolved"):
        return figure.mean or 0.0
    return float(figure.n)


def decompose(values: list[float]) -> tuple[list[float], list[float], list[float]] | None:
    if len(values) < 24:
        return None
    from statsmodels.tsa.seasonal import STL

    with warnings.catch_warnings():  # numerical notes on flat series: the decomposition is still what it is
        warnings.simplefilter("ignore")
        fitted = STL(values, period=12, robust=True).fit()
    return ([round(float(v), 3) for v in fitted.trend], [round(float(v), 3) for v in fitted.seasonal],
            [round(float(v), 3) for v in fitted.resid])  # fmt: skip


def trend(measure: str, where: st.Slice, months: list[int]) -> Trend:
    series = st.series(measure, where, months).get("", [st.Figure(0)] * len(months))
    values = [value_of(measure, f) for f in series]
    yoy: list[float | None] = []
    for i, v in enumerate(values):
        before = values[i - 12] if i >= 12 else None
        yoy.append(round(v / before - 1.0, 4) if before else None)
    parts = decompose(values)
    return Trend(measure, months, values, yoy, *(parts if parts else (None, None, None)))


def movers(measure: str, by: str, where: st.Slice, last_month: int, limit: int = 10) -> list[Mover]:
    """Groups (districts, service types or agencies) by how much the measure moved over the last three months
    against the same months a year before, the largest first."""
    months = st.months_between(st.shift_month(last_month, -12 - MOVER_WINDOW + 1), last_month)
    split = st.series(measure, where, months, by=by)
    found = []
    for key, figures in split.items():
        values = [value_of(measure, f) for f in figures]
        now = sum(values[-MOVER_WINDOW:])
        before = sum(values[:MOVER_WINDOW])
        if now or before:
            found.append(Mover(key, round(now, 3), round(before, 3), round(now - before, 3),
                               round(now / before - 1.0, 4) if before else None))  # fmt: skip
    found.sort(key=lambda m: (-abs(m.change), m.key))
    return found[:limit]

