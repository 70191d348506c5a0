"""A 12-week forecast of a weekly series with a seasonal model from statsmodels, and its back-tested error.
Django-free: lists of numbers in, numbers out.

The model is Holt-Winters exponential smoothing (additive damped trend, additive yearly season of 52 weeks) when
the history holds two full years before the held-out year; with less, Holt's trend without a season (said so in
`model`). The back-test holds out the last 52 weeks: the model is fitted on what came before, forecasts those
weeks, and the error is measured against what happened (MAE, and WAPE = Σ|error| / Σ|actual|), beside the
seasonal-naive forecast (the same week a year earlier) so a reader sees what the model adds."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

HORIZON = 12
SEASON = 52
HELD_OUT = 52


@dataclass(frozen=True)
class BackTest:
    weeks: int
    mae: float
    wape: float | None  # None when the held-out year had nothing to measure against
    naive_mae: float
    naive_wape: float | None


@dataclass(frozen=True)
class Forecast:
    model: str  # holt-winters | holt | mean
    values: list[float]  # the next HORIZON weeks, never below zero
    backtest: BackTest | None


def _fit_predict(history: Sequence[float], steps: int) -> tuple[str, list[float]]:
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    y = np.asarray(history, dtype=float)
    if len(y) < 12 or float(np.ptp(y)) == 0.0:
        return "mean", [float(np.mean(y[-8:])) if len(y) else 0.0] * steps
    seasonal = len(y) >= 2 * SEASON
    model = ExponentialSmoothing(y, trend="add", damped_trend=True, seasonal="add" if seasonal else None,
                                 seasonal_periods=SEASON if seasonal else None, initialization_method="heuristic")  # fmt: skip
    # Short or sparse series make the optimiser warn about convergence; the fit is still usable and the
    # back-test beside it says how good it is, so the warning is not the reader's news.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fitted = model.fit(optimized=True, use_brute=False, method="SLSQP")  # a local search from the heuristic start: ~50 ms
        predicted = fitted.forecast(steps)
    values = [max(0.0, float(v)) if np.isfinite(v) else 0.0 for v in predicted]
    return ("holt-winters" if seasonal else "holt"), values


def _errors(actual: Sequence[float], predicted: Sequence[float]) -> tuple[float, float | None]:
    a, p = np.asarray(actual, dtype=float), np.asarray(predicted, dtype=float)
    absolute = np.abs(a - p)
    mass = float(np.sum(np.abs(a)))
    return float(np.mean(absolute)), (float(np.sum(absolute)) / mass if mass > 0 else None)


def backtest(series: Sequence[float]) -> BackTest | None:
    """The last year held out; None when there is not a year before it."""
    if len(series) < HELD_OUT + SEASON:
        return None
    train, held = list(series[:-HELD_OUT]), list(series[-HELD_OUT:])
    _, predicted = _fit_predict(train, HELD_OUT)
    naive = list(series[-HELD_OUT - SEASON : -SEASON])
    mae, wape = _errors(held, predicted)
    naive_mae, naive_wape = _errors(held, naive)
    return BackTest(HELD_OUT, round(mae, 3), _round(wape), round(naive_mae, 3), _round(naive_wape))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def forecast(series: Sequence[float], horizon: int = HORIZON, with_backtest: bool = True) -> Forecast:
    model, values = _fit_predict(series, horizon)
    return Forecast(model, [round(v, 3) for v in values], backtest(series) if with_backtest else None)
