"""SERVQUAL scores from dimension gaps: the unweighted score and the importance-weighted score (SPEC.md §3).

The gap of a dimension (mean of P - E over its items and respondents) comes from SQL
(queries/servqual_dimension_gaps.sql); this module turns an instrument's gaps into its two scores:

- unweighted score = mean of the instrument's dimension gaps;
- weighted score = sum of (weight / 100 x gap), the weights being the respondents' mean importance points
  (queries/servqual_importance.sql) or, where no respondent gave any, the admin's setting
  ``servqual_default_weights`` (when it names exactly the instrument's dimensions) or else the instrument's own
  default weights.

A dimension without any answered item has no gap; both scores then rest on the dimensions that have one
(the weighted score rescales the remaining weights to 100) and say so through ``dimensions_n``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

WEIGHT_SOURCES = ("respondents", "settings", "instrument")


@dataclass(frozen=True)
class Weights:
    points: dict[str, float]  # dimension_code -> weight (sums to 100)
    source: str  # respondents | settings | instrument
    respondents_n: int = 0  # respondents whose importance points gave the weights


@dataclass(frozen=True)
class Scores:
    unweighted: float | None
    weighted: float | None
    dimensions_n: int  # dimensions with a gap (the scores rest on these)
    dimensions_total: int


def _is_number(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and not pd.isna(value)


def choose_weights(
    instrument_defaults: Mapping[str, float],
    respondent_points: Mapping[str, float] | None = None,
    respondents_n: int = 0,
    settings_weights: Mapping[str, float] | None = None,
) -> Weights:
    """The weights for one instrument (and one group of respondents).

    ``instrument_defaults`` lists every dimension of the instrument with its default weight;
    ``respondent_points`` the mean importance points of the group's respondents (None or empty when none gave any).
    """
    dims = list(instrument_defaults)
    if respondents_n > 0 and respondent_points:
        points = {d: float(respondent_points.get(d, 0.0) or 0.0) for d in dims}
        if sum(points.values()) > 0:
            return Weights(_to_100(points), "respondents", int(respondents_n))
    if settings_weights and set(settings_weights) == set(dims):
        points = {d: float(settings_weights[d]) for d in dims}
        if sum(points.values()) > 0:
            return Weights(_to_100(points), "settings")
    points = {d: float(instrument_defaults[d]) for d in dims}
    if sum(points.values()) <= 0:
        points = dict.fromkeys(dims, 1.0)
    return Weights(_to_100(points), "instrument")


def _to_100(points: Mapping[str, float]) -> dict[str, float]:
    total = sum(points.values())
    return {d: 100.0 * w / total for d, w in points.items()}


def scores(gaps: Mapping[str, float | None], weights: Weights | Mapping[str, float]) -> Scores:
    """Unweighted and weighted SERVQUAL scores of one instrument's dimension gaps."""
    points = weights.points if isinstance(weights, Weights) else dict(weights)
    present = {d: float(g) for d, g in gaps.items() if _is_number(g)}
    if not present:
        return Scores(None, None, 0, len(gaps))
    unweighted = sum(present.values()) / len(present)
    weight_sum = sum(points.get(d, 0.0) for d in present)
    weighted = (
        sum(points.get(d, 0.0) * g for d, g in present.items()) / weight_sum if weight_sum > 0 else None
    )
    return Scores(unweighted, weighted, len(present), len(gaps))


def group_scores(gaps: pd.DataFrame, importance: pd.DataFrame, key: str, fallback: Weights) -> pd.DataFrame:
    """``scores`` and ``choose_weights`` for many groups at once (stores, regions), vectorised.

    ``gaps``: one row per group x dimension with ``key``, ``dimension_code``, ``gap``; ``importance``: the
    groups' mean importance points (``key``, ``dimension_code``, ``mean_points``); ``fallback``: the weights of a
    group whose respondents gave no points. Returns ``gaps`` with ``weight`` (the group's, out of 100),
    ``weights_source``, ``unweighted_score`` and ``weighted_score``.
    """
    points = importance.groupby(key)["mean_points"].sum() if not importance.empty else pd.Series(dtype=float)
    own = set(points[points > 0].index)
    g = (
        gaps.merge(importance[[key, "dimension_code", "mean_points"]], on=[key, "dimension_code"], how="left")
        if not importance.empty
        else gaps.assign(mean_points=np.nan)
    )
    uses_own = g[key].isin(own).to_numpy()
    raw = np.where(
        uses_own,
        g["mean_points"].fillna(0).to_numpy(float),
        g["dimension_code"].map(fallback.points).fillna(0).to_numpy(float),
    )
    total = np.where(uses_own, g[key].map(points).to_numpy(float), sum(fallback.points.values()))
    g["weight"] = 100.0 * raw / total
    g["weights_source"] = np.where(uses_own, "respondents", fallback.source)
    has_gap = g["gap"].notna()
    parts = pd.DataFrame(
        {
            key: g[key],
            "gap": g["gap"],
            "wg": (g["weight"] * g["gap"]).where(has_gap),
            "w": g["weight"].where(has_gap),
        }
    )
    per = parts.groupby(key).agg(unweighted=("gap", "mean"), wg=("wg", "sum"), w=("w", "sum"))
    weighted = (per["wg"] / per["w"]).where(per["w"] > 0)
    g["unweighted_score"] = g[key].map(per["unweighted"])
    g["weighted_score"] = g[key].map(weighted)
    return g.drop(columns=["mean_points"])
