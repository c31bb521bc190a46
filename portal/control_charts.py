"""Control limits for trend charts (SPEC.md §3: "a real shift is told apart from noise").

Two Shewhart charts, as pure functions over one series of points (weeks, in order):

- ``p_chart(events, totals)`` for a rate (SLA attainment, reopen rate, recovery rate): each point is
  ``events / totals``; the centre line is the pooled rate p̄ = Σ events / Σ totals; each point has its own
  limits p̄ ± 3·√(p̄(1 − p̄) / n), clipped to [0, 1], so a week resting on few complaints gets wide limits.
- ``individuals_chart(values)`` (XmR) for a measured value per point (a weekly median, complaints per day):
  the centre line is the mean x̄; the moving range MRᵢ = |xᵢ − xᵢ₋₁| between consecutive points; limits
  x̄ ± 2.66 · MR̄ (2.66 = 3 / d₂ with d₂ = 1.128 for ranges of two); an optional floor clips the lower limit
  (durations and counts cannot go below 0).

A point is flagged (``is_out``) when it lies strictly outside its limits. Points without data (total 0, or a
missing value) get no value and no flag and do not enter the limits; with fewer than two points carrying
data there are no limits and nothing is flagged.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

XMR_FACTOR = 2.66  # 3 / d2, d2 = 1.128 for moving ranges of two consecutive points
MIN_POINTS = 2


def _floats(values: Sequence[float | None]) -> np.ndarray:
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiub":  # numbers already: NaN stays NaN
        return values.astype(float)
    return np.array([np.nan if v is None or pd.isna(v) else float(v) for v in values], dtype=float)


def _excluded(exclude: Sequence[bool] | None, size: int) -> np.ndarray:
    if exclude is None:
        return np.zeros(size, dtype=bool)
    out = np.asarray(list(exclude), dtype=bool)
    if len(out) != size:
        raise ValueError("exclude must have one flag per point")
    return out


def p_chart(
    events: Sequence[float], totals: Sequence[float], *, exclude: Sequence[bool] | None = None
) -> pd.DataFrame:
    """Rates with p-chart limits: columns ``rate``, ``n``, ``center``, ``lower``, ``upper``, ``is_out``.

    ``exclude`` marks points (the period in progress) left out of the limits and never flagged; they still
    get a rate and the limits at their n."""
    return pd.DataFrame(p_chart_arrays(events, totals, exclude=exclude))


def p_chart_arrays(
    events: Sequence[float], totals: Sequence[float], *, exclude: Sequence[bool] | None = None
) -> dict[str, np.ndarray]:
    """``p_chart``'s columns as arrays, for a caller that reads them as such (issue 14: the Complaints trend
    built six charts' frames to read their arrays back, ~0.2 ms each, on every page, overview and store view)."""
    x = _floats(events)
    n = np.nan_to_num(_floats(totals), nan=0.0)
    if len(x) != len(n):
        raise ValueError("events and totals must have the same length")
    left_out = _excluded(exclude, len(n))
    has_data = n > 0
    counted = has_data & ~left_out
    rate = np.full(len(n), np.nan)
    rate[has_data] = x[has_data] / n[has_data]
    center, lower, upper = (np.full(len(n), np.nan) for _ in range(3))
    is_out = np.zeros(len(n), dtype=bool)
    if counted.sum() >= MIN_POINTS:
        p_bar = x[counted].sum() / n[counted].sum()
        sigma = np.full(len(n), np.nan)
        sigma[has_data] = np.sqrt(p_bar * (1.0 - p_bar) / n[has_data])
        center = np.where(has_data, p_bar, np.nan)
        lower = np.where(has_data, np.clip(p_bar - 3.0 * sigma, 0.0, 1.0), np.nan)
        upper = np.where(has_data, np.clip(p_bar + 3.0 * sigma, 0.0, 1.0), np.nan)
        with np.errstate(invalid="ignore"):
            is_out = counted & ((rate > upper) | (rate < lower))
    return {"rate": rate, "n": n, "center": center, "lower": lower, "upper": upper, "is_out": is_out}


def individuals_chart(
    values: Sequence[float | None], *, floor: float | None = None, exclude: Sequence[bool] | None = None
) -> pd.DataFrame:
    """Values with XmR limits: columns ``value``, ``moving_range``, ``center``, ``lower``, ``upper``, ``is_out``.

    The moving range is taken between consecutive points that carry a value (a gap is skipped over).
    ``exclude`` marks points (the period in progress, a week on too few items) left out of the limits and never
    flagged; as on the p-chart they still get the limits, so the lines run through them without a gap.
    """
    return pd.DataFrame(individuals_chart_arrays(values, floor=floor, exclude=exclude))


def individuals_chart_arrays(
    values: Sequence[float | None], *, floor: float | None = None, exclude: Sequence[bool] | None = None
) -> dict[str, np.ndarray]:
    """``individuals_chart``'s columns as arrays (as ``p_chart_arrays``)."""
    x = _floats(values)
    left_out = _excluded(exclude, len(x))
    has_value = ~np.isnan(x)
    has_data = has_value & ~left_out
    moving_range = np.full(len(x), np.nan)
    previous = None
    for i in np.flatnonzero(has_data):
        if previous is not None:
            moving_range[i] = abs(x[i] - x[previous])
        previous = i
    center, lower, upper = (np.full(len(x), np.nan) for _ in range(3))
    is_out = np.zeros(len(x), dtype=bool)
    if has_data.sum() >= MIN_POINTS:
        x_bar = float(x[has_data].mean())
        mr_bar = float(np.nanmean(moving_range))
        low = x_bar - XMR_FACTOR * mr_bar
        if floor is not None:
            low = max(low, floor)
        high = x_bar + XMR_FACTOR * mr_bar
        center = np.where(has_value, x_bar, np.nan)
        lower = np.where(has_value, low, np.nan)
        upper = np.where(has_value, high, np.nan)
        is_out = has_data & ((x > high) | (x < low))
    return {
        "value": x,
        "moving_range": moving_range,
        "center": center,
        "lower": lower,
        "upper": upper,
        "is_out": is_out,
    }


def limits_summary(chart: pd.DataFrame) -> dict[str, float | int | None]:
    """The centre line and the number of flagged points of a chart (for captions and JSON)."""
    centers = chart["center"].dropna()
    center = float(centers.iloc[0]) if len(centers) else None
    return {
        "center": None if center is None or math.isnan(center) else center,
        "points": int(chart.iloc[:, 0].notna().sum()),
        "flagged": int(chart["is_out"].sum()),
    }
