"""The 12-week forecast and its back-test on a synthetic seasonal series; peak and trough warnings; matching a
shortage with agencies that have idle workers in or next to the district."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from typing import Any

from centre.analytics import forecast as fc
from centre.analytics.matching import Idle
from centre.analytics.peak_warnings import Thresholds, kind_of, warnings_of


def _seasonal(weeks: int, seed: int = 7) -> list[float]:
    rng = random.Random(seed)
    return [50 + 0.05 * i + 20 * math.sin(2 * math.pi * i / 52) + rng.gauss(0, 2) for i in range(weeks)]


def test_a_seasonal_series_is_forecast_with_its_season_and_back_tested() -> None:
    series = _seasonal(156 + 12)
    history, future = series[:156], series[156:]
    result = fc.forecast(history)
    assert result.model == "holt-winters" and len(result.values) == 12
    error = sum(abs(a - b) for a, b in zip(result.values, future, strict=True)) / 12
    assert error < 6  # the season's swing is ±20: a flat forecast would miss by far more
    test = result.backtest
    assert test is not None and test.weeks == 52 and test.wape is not None
    assert test.wape < 0.1 and test.mae < test.naive_mae * 1.5


def test_short_or_flat_series_say_which_model_they_got() -> None:
    assert fc.forecast(_seasonal(80)).model == "holt"
    assert fc.forecast(_seasonal(80)).backtest is None  # no year before the held-out one
    flat = fc.forecast([3.0] * 120)
    assert flat.model == "mean" and flat.values == [3.0] * 12
    assert all(v >= 0 for v in fc.forecast([0, 0, 0, 5, 0, 0, 0, 0, 0, 1] * 8).values)


def _cell(demand: Sequence[float], supply: Sequence[float]) -> dict[str, Any]:
    test = {"weeks": 52, "mae": 1.0, "wape": 0.2, "naive_mae": 2.0, "naive_wape": 0.4}
    return {"service_type": "elderly", "district": "闵行区", "demand": {"values": demand, "backtest": test},
            "supply": {"values": supply, "backtest": None}}  # fmt: skip


def test_peaks_and_troughs_with_their_weeks() -> None:
    weeks = [dt.date(2026, 12, 7) + dt.timedelta(days=7 * i) for i in range(12)]
    demand = [10, 10, 30, 32, 10, 10, 1, 1, 1, 10, 10, 10]
    supply = [20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20]
    found = warnings_of([_cell(demand, supply)], weeks, Thresholds())
    assert [(w.kind, w.weeks) for w in found] == [
        ("peak", ["2026-12-21", "2026-12-28"]), ("trough", ["2027-01-18", "2027-01-25", "2027-02-01"])]
    peak = found[0]
    assert peak.gap == 12 and peak.demand == 62 and peak.demand_wape == 0.2 and peak.supply_wape is None
    assert kind_of(21.9, 20, Thresholds()) == "" and kind_of(22.1, 20, Thresholds()) == "peak"
    assert kind_of(1, 4.5, Thresholds()) == ""  # idle, but fewer than trough_min workers


def test_a_shortage_finds_agencies_in_or_next_to_the_district() -> None:
    idle = Idle({("A1", "闵行区", "elderly"): 2, ("A2", "徐汇区", "elderly"): 9, ("A3", "崇明区", "elderly"): 50,
                 ("A4", "闵行区", "infant"): 7, ("A5", "松江区", "elderly"): 0})  # fmt: skip
    helpers = idle.for_shortage("elderly", "闵行区")
    assert [(h.agency_id, h.same_district, h.idle) for h in helpers] == [("A1", True, 2), ("A2", False, 9)]
