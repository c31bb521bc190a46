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

from portal.frames import with_columns

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


def applied_weights(gaps: Mapping[str, float | None], weights: Weights | Mapping[str, float]) -> dict:
    """The weight (out of 100) each dimension's gap counts with in ``scores``' weighted score: its weight rescaled
    over the dimensions that have a gap, None for a dimension without one (left out), so that the weighted score
    is sum of (weight / 100 x gap) over the weights shown (SPEC §3). With every gap present these are the weights."""
    points = weights.points if isinstance(weights, Weights) else dict(weights)
    present = [d for d, g in gaps.items() if _is_number(g)]
    total = sum(points.get(d, 0.0) for d in present)
    return {d: (100.0 * points.get(d, 0.0) / total if d in present and total > 0 else None) for d in gaps}


def group_keys(keys: pd.Series) -> list:
    """``keys`` as a list of dict keys, a missing one (None, NaN, pandas' NA) as None: a float NaN never equals
    another (NaN != NaN), so that a group keyed by a float64 column with a null (the type ``.df()`` gives a
    nullable integer) would find no dict entry of its own."""
    values = keys.tolist()
    missing = keys.isna().to_numpy(bool)
    if missing.any():
        return [None if m else v for v, m in zip(values, missing.tolist(), strict=True)]
    return values


def group_scores(
    gaps: pd.DataFrame,
    importance: pd.DataFrame,
    key: str,
    fallback: Weights,
    more: Mapping[str, np.ndarray] | None = None,
) -> pd.DataFrame:
    """``scores`` and ``choose_weights`` for many groups at once (stores, regions).

    ``gaps``: one row per group x dimension with ``key``, ``dimension_code``, ``gap``; ``importance``: the
    groups' mean importance points (``key``, ``dimension_code``, ``mean_points``, at most one row per group x
    dimension); ``fallback``: the weights of a group whose respondents gave no points. Returns ``gaps`` with
    ``weight`` (the group's, out of 100, as applied: rescaled over the group's dimensions with a gap, NaN for one
    without, as ``applied_weights``), ``weights_source``, ``unweighted_score`` (the mean of the group's gaps)
    and ``weighted_score`` (sum of weight x gap / sum of the weights, both over the dimensions with a gap; none
    when those weights add up to 0). The rows whose ``key`` is missing are one group of their own, as SQL's
    ``group by`` makes them (the stores without a region: SPEC §3 gives every group with answers its scores).
    ``more``: further columns (arrays in ``gaps``' row order) added after those in the same step (each column
    added to a frame of strings' column labels costs its own insert, issue 14).

    Arrays and dicts rather than merge / groupby, whose overhead outweighs a few hundred rows (this runs twice
    per Satisfaction page); ``_group_sums`` adds up as pandas' groupby does, so the numbers are the same.
    """
    keys = gaps[key]
    # each row's group 0..n-1 in key order, the missing key last (a group too)
    codes, groups = pd.factorize(keys, sort=True, use_na_sentinel=False)
    n = len(groups)
    gap = gaps["gap"].to_numpy(float)

    # a group's own weights: its respondents' mean points, when they add up to more than 0
    own_points: dict = {}
    own_total = np.zeros(n)
    if not importance.empty:
        imp_keys = importance[key]
        points = importance["mean_points"].to_numpy(float)
        imp_codes, imp_groups = pd.factorize(imp_keys, sort=True, use_na_sentinel=False)
        imp_sums = _group_sums(imp_codes, points, len(imp_groups))[0]
        total_of = dict(zip(group_keys(pd.Series(imp_groups)), imp_sums, strict=True))
        own_total = np.array([total_of.get(k, 0.0) for k in group_keys(pd.Series(groups))], dtype=float)
        pairs = zip(group_keys(imp_keys), importance["dimension_code"].tolist(), strict=True)
        own_points = dict(zip(pairs, points.tolist(), strict=True))
    uses_own = (own_total > 0)[codes]
    rows = zip(group_keys(keys), gaps["dimension_code"].tolist(), uses_own.tolist(), strict=True)
    raw = np.array(
        [own_points.get((k, d), np.nan) if own else fallback.points.get(d, np.nan) for k, d, own in rows],
        dtype=float,
    )
    raw[np.isnan(raw)] = 0.0
    total = np.where(uses_own, own_total[codes], sum(fallback.points.values()))
    weight = 100.0 * raw / total

    has_gap = ~np.isnan(gap)
    gap_sum, gap_n = _group_sums(codes, gap, n)
    wg_sum, _ = _group_sums(codes, np.where(has_gap, weight * gap, np.nan), n)
    w_sum, _ = _group_sums(codes, np.where(has_gap, weight, np.nan), n)
    unweighted = np.divide(gap_sum, gap_n, out=np.full(n, np.nan), where=gap_n > 0)
    weighted = np.divide(wg_sum, w_sum, out=np.full(n, np.nan), where=w_sum > 0)
    # the index: 0..n-1 when there are points (the former merge gave it), else gaps' own
    out = gaps if importance.empty else gaps.reset_index(drop=True)
    out_keys = out[key]
    group_w_sum = w_sum[codes]
    applied = np.divide(
        100.0 * weight, group_w_sum, out=np.full(len(weight), np.nan), where=has_gap & (group_w_sum > 0)
    )
    return with_columns(
        out,
        {
            "weight": applied,
            "weights_source": np.where(uses_own, "respondents", fallback.source),
            "unweighted_score": _by_row(unweighted, codes, out_keys),
            "weighted_score": _by_row(weighted, codes, out_keys),
            **(more or {}),
        },
    )


def _by_row(values: np.ndarray, codes: np.ndarray, keys: pd.Series):
    """Each row's group value (``values`` by group, ``codes`` as ``keys`` factorized, the missing key a group),
    in the types ``keys.map`` by group gave, for less (issue 14: ~0.2 ms a map): a numpy key (integers, floats,
    objects) gives floats, a nullable one (Int32) nullable floats (a NaN is NA), or the key's own type when no row
    has a value (pandas casts an all-NA result back)."""
    by_row = values[codes]
    if isinstance(keys.dtype, np.dtype):
        return by_row
    return pd.array(by_row, dtype="Float64" if not np.isnan(by_row).all() else keys.dtype)


def _group_sums(codes: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The sum and the number of the non-NaN ``values`` per group (``codes`` 0..n-1 in key order, -1: none).

    Added up the way pandas' groupby sum and mean add, so the sums are equal to the last bit: ``np.add.reduceat``
    over the groups' runs when the rows come sorted by group and no value is NaN (pandas 3.1), else
    Kahan-compensated in row order (its Cython kernels).
    """
    if n and not np.isnan(values).any() and (codes[1:] >= codes[:-1]).all():
        grouped = codes >= 0  # the rows without a group come first
        starts = np.flatnonzero(np.r_[True, np.diff(codes[grouped]) != 0])
        return np.add.reduceat(values[grouped], starts), np.diff(starts, append=grouped.sum())
    sums, comp, count = [0.0] * n, [0.0] * n, [0] * n
    for c, v in zip(codes.tolist(), values.tolist(), strict=True):
        if c < 0 or v != v:
            continue
        y = v - comp[c]
        t = sums[c] + y
        comp[c] = t - sums[c] - y
        if comp[c] != comp[c]:  # an infinite value: pandas drops the compensation
            comp[c] = 0.0
        sums[c] = t
        count[c] += 1
    return np.array(sums, dtype=float), np.array(count, dtype=np.int64)
