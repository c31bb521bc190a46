"""Scoring arithmetic of SPEC.md §3 Agent scorecards: metric scores, the composite, the low-data rules.

- A metric's score is linear between its floor (0) and its target (100), capped at both ends:
  ``100 x (value - floor) / (target - floor)``. A target below the floor means lower is better (resolution
  time, reopen rate); the same formula serves both directions.
- Rates (SLA attainment, post-resolution CSAT, reopen rate) are scored on their value, the share itself, like
  every other metric: 9 of 10 answered within the SLA is 90 %, which scores 75 against a floor of 75 % and a
  target of 95 %. Each rate carries its 95 % Wilson interval (``wilson_arrays``), shown beside the value on the
  card and in its exports, not scored: it says how far a rate resting on few items can be trusted.
- Small samples are kept out by each metric's minimum n, not by the interval: a rate of 3 of 3 (100 %) with a
  minimum n of 10 is left out and does not outrank 288 of 300 (96 %).
- A metric with a weight whose n is below its min n is *left out*; the composite is the weighted mean of the
  scores left in, i.e. their weights are rescaled to sum to 100 (the card says which were left out).
- An agent whose scored metrics carry less than ``MIN_WEIGHT_SHARE`` of the total weight has *insufficient
  data*: no composite, not ranked, never 0.
- Rank within the team: 1 + the number of the team's ranked agents with a higher composite (ties share a
  rank). Percentile: the share of the team's other ranked agents with a lower composite (100 for the only one).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from portal import stats

MIN_WEIGHT_SHARE = 50.0  # percent of the total weight the scored metrics must carry for a composite


def metric_score(value: float | None, floor: float, target: float) -> float | None:
    """0-100, linear between floor (0) and target (100), capped; lower-is-better when target < floor."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or floor == target:
        return None
    return float(min(100.0, max(0.0, 100.0 * (value - floor) / (target - floor))))


def wilson(successes: int, n: int) -> tuple[float, float] | None:
    """The 95 % Wilson interval of successes / n, in percent; None for n = 0."""
    if not n:
        return None
    lo, hi = stats.proportion_ci(successes, n)
    return float(lo) * 100.0, float(hi) * 100.0


def wilson_arrays(successes, n) -> tuple[np.ndarray, np.ndarray]:
    """Wilson bounds in percent for arrays (NaN where n = 0)."""
    lo, hi = stats.proportion_ci(np.asarray(successes, dtype=float), np.asarray(n, dtype=float))
    return np.asarray(lo) * 100.0, np.asarray(hi) * 100.0


def composite(scores: Sequence[float | None], weights: Sequence[float], included: Sequence[bool]):
    """(composite or None, the weight share carried in percent, effective weights after rescaling).

    ``included``: the metric has enough data (n >= min n) and a score. Metrics with weight 0 never count.
    None when the included weights carry less than MIN_WEIGHT_SHARE percent of the total.
    """
    total = float(sum(weights))
    carried = sum(w for w, inc in zip(weights, included, strict=True) if inc and w > 0)
    share = 100.0 * carried / total if total > 0 else 0.0
    effective = [
        (100.0 * w / carried if inc and w > 0 and carried > 0 else 0.0)
        for w, inc in zip(weights, included, strict=True)
    ]
    if carried <= 0 or share < MIN_WEIGHT_SHARE:
        return None, share, effective
    value = sum(
        s * w for s, w, inc in zip(scores, weights, included, strict=True) if inc and w > 0 and s is not None
    )
    return value / carried, share, effective


def rank_in_team(composites: Sequence[float | None]) -> tuple[list[int | None], list[float | None]]:
    """Ranks (1 = best, ties share) and percentiles for one team's composites; None for the unranked."""
    ranked = [c for c in composites if c is not None]
    ranks: list[int | None] = []
    pcts: list[float | None] = []
    for c in composites:
        if c is None:
            ranks.append(None)
            pcts.append(None)
            continue
        ranks.append(1 + sum(1 for o in ranked if o > c))
        others = len(ranked) - 1
        pcts.append(100.0 if others == 0 else 100.0 * sum(1 for o in ranked if o < c) / others)
    return ranks, pcts


# ---------------------------------------------------------------- the same rules over arrays (issue 14)
# A page scores every agent of seven periods; these give the scalar functions' results for whole columns at once
# (the same floating-point operations in the same order, so the same values: tests/test_scorecards_figures.py).


def metric_score_array(value: np.ndarray, floor: float, target: float) -> np.ndarray:
    """``metric_score`` of each value; NaN where it gives None."""
    value = np.asarray(value, dtype=float)
    if floor == target:
        return np.full(value.shape, np.nan)
    with np.errstate(invalid="ignore"):
        return np.minimum(100.0, np.maximum(0.0, 100.0 * (value - floor) / (target - floor)))


def composite_arrays(scores: Sequence[np.ndarray], weights: Sequence[float], included: Sequence[np.ndarray]):
    """``composite`` of each row: (composite, NaN where None; weight share; effective weights, one array per
    metric). ``scores`` and ``included`` hold one array per metric."""
    total = float(sum(weights))
    rows = len(scores[0]) if scores else 0
    carried = np.zeros(rows)
    counts = [np.asarray(inc, dtype=bool) & (w > 0) for w, inc in zip(weights, included, strict=True)]
    for w, counted in zip(weights, counts, strict=True):
        carried = carried + np.where(counted, w, 0.0)
    share = 100.0 * carried / total if total > 0 else np.zeros(rows)
    with np.errstate(invalid="ignore", divide="ignore"):
        effective = [
            np.where(counted & (carried > 0), 100.0 * w / carried, 0.0)
            for w, counted in zip(weights, counts, strict=True)
        ]
        value = np.zeros(rows)
        for s, w, counted in zip(scores, weights, counts, strict=True):
            value = value + np.where(counted & ~np.isnan(s), s * w, 0.0)
        out = np.where((carried > 0) & (share >= MIN_WEIGHT_SHARE), value / carried, np.nan)
    return out, share, effective


def rank_arrays(
    composites: np.ndarray, groups: Sequence
) -> tuple[list[int | None], list[float | None], list[int]]:
    """``rank_in_team`` within each group (a team) at once: per row its rank, percentile (None when unranked)
    and the number of ranked rows of its group."""
    composites = np.asarray(composites, dtype=float)
    members: dict = {}
    for i, g in enumerate(groups):
        members.setdefault(g, []).append(i)
    ranks: list[int | None] = [None] * len(composites)
    pcts: list[float | None] = [None] * len(composites)
    ranked_n = [0] * len(composites)
    for rows in members.values():
        mine = composites[rows]
        ranked = np.sort(mine[~np.isnan(mine)])
        others = len(ranked) - 1
        higher = len(ranked) - np.searchsorted(ranked, mine, side="right")
        lower = np.searchsorted(ranked, mine, side="left")
        for i, c, h, lo in zip(rows, mine.tolist(), higher.tolist(), lower.tolist(), strict=True):
            ranked_n[i] = len(ranked)
            if c == c:  # not NaN
                ranks[i] = 1 + h
                pcts[i] = 100.0 if others == 0 else 100.0 * lo / others
    return ranks, pcts, ranked_n
