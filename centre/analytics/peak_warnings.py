"""Peak and trough warnings (高峰/低谷预警) from the 12-week outlook, Django-free.

For each service type and district and each forecast week: a **peak** when forecast demand (contracts starting
that week) exceeds forecast supply (idle certified workers) by more than `peak_margin` of supply; a **trough**
when idle supply is more than `trough_ratio` times demand and at least `trough_min` workers sit idle. Weeks in a
row of the same kind make one warning, with the weeks it concerns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Thresholds:
    peak_margin: float = 0.10  # demand above supply × 1.10
    trough_ratio: float = 4.0  # supply above demand × 4 …
    trough_min: float = 5.0  # … and at least this many idle


@dataclass(frozen=True)
class PeakWarning:
    kind: str  # peak | trough
    service_type: str
    district: str
    weeks: list[str]  # Mondays, ISO
    demand: float  # forecast demand summed over the weeks
    supply: float  # forecast idle supply, the mean over the weeks
    gap: float  # the worst week: demand − supply (peak) or supply − demand (trough)
    demand_wape: float | None  # the back-tested error of each forecast, shown beside the warning
    supply_wape: float | None


def kind_of(demand: float, supply: float, t: Thresholds) -> str:
    if demand > supply * (1.0 + t.peak_margin) and demand - supply >= 1.0:
        return "peak"
    if supply > demand * t.trough_ratio and supply - demand >= t.trough_min:
        return "trough"
    return ""


def warnings_of(cells: Sequence[dict[str, Any]], weeks: Sequence[dt.date], t: Thresholds) -> list[PeakWarning]:
    found: list[PeakWarning] = []
    for cell in cells:
        demand, supply = cell["demand"]["values"], cell["supply"]["values"]
        run: list[int] = []
        kind = ""
        for i in range(len(weeks) + 1):
            now = kind_of(demand[i], supply[i], t) if i < len(weeks) else ""
            if now != kind and run and kind:
                found.append(_warning(kind, cell, [weeks[j] for j in run], demand, supply, run))
            if now != kind:
                run = []
            kind = now
            if now:
                run.append(i)
    found.sort(key=lambda w: (w.kind != "peak", -w.gap, w.service_type, w.district))
    return found


def _warning(kind: str, cell: dict[str, Any], weeks: list[dt.date], demand: Sequence[float],
             supply: Sequence[float], run: list[int]) -> PeakWarning:  # fmt: skip
    gaps = [(demand[i] - supply[i]) if kind == "peak" else (supply[i] - demand[i]) for i in run]

    def wape(side: str) -> float | None:
        test = cell[side]["backtest"]
        return None if not test else test["wape"]

    return PeakWarning(kind, cell["service_type"], cell["district"], [w.isoformat() for w in weeks],
                       round(sum(demand[i] for i in run), 2), round(sum(supply[i] for i in run) / len(run), 2),
                       round(max(gaps), 2), wape("demand"), wape("supply"))  # fmt: skip
