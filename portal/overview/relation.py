"""The chain chart relating stores' 5S score to their complaint rate and to their satisfaction index.

One row per store in the reader's scope with a scored 5S inspection in the overview's twelve weeks
(``queries/overview_store_relation.sql``): its mean overall 5S % (n inspections), its complaint rate and its
satisfaction index (n responses). The complaint rate is **complaints per store-week**: the complaints received
at the store in the window / the window's weeks (SPEC defines no per-store complaint rate; a store's visitors
or sales are not kept, so the rate is per week of the window, the same weeks for every store).

For each relation: Pearson r over the stores (each store one point, unweighted), its 95% interval by the
Fisher z transform (``portal.stats.correlation_ci``: tanh(atanh r ± 1.96 / sqrt(n - 3))), and its n (stores).
Fewer than ``MIN_STORES`` (4) usable stores: no r ("too few stores"). A store's satisfaction point rests on
fewer than the satisfaction low-confidence n of responses: drawn hollow, but left out of r (and counted as such).
A store without any survey response in the weeks has no satisfaction point at all: not drawn, and counted apart
(with none of the stores answered the reason is that, not "too few stores").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from portal import stats
from portal.kpi import Runner
from portal.overview.sources import Window

MIN_STORES = 4  # the Fisher interval needs n - 3 > 0
RELATIONS = ("complaints", "satisfaction")
# relation -> (y column, the n column of y, the i18n key of the axis)
Y = {
    "complaints": ("complaints_per_week", "complaints_n", "relation.y.complaints"),
    "satisfaction": ("index_points", "responses_n", "relation.y.satisfaction"),
}


@dataclass(frozen=True)
class Correlation:
    """Pearson r of the stores' 5S % against one figure, with its 95% Fisher-z interval.

    ``r`` is None ("no data") when fewer than ``MIN_STORES`` stores are usable or one of the two has no
    spread; ``n`` the stores it rests on; ``left_out`` the stores drawn but not counted (too few responses);
    ``missing`` the stores with a 5S score but no value of the figure (no survey response): not drawn."""

    relation: str
    r: float | None
    low: float | None
    high: float | None
    n: int
    left_out: int = 0
    missing: int = 0

    @property
    def reason(self) -> str | None:
        if self.r is not None:
            return None
        if self.n == 0 and self.left_out == 0 and self.missing:
            return "relation.no_responses"  # nothing drawn: not "0 stores, too few"
        return "relation.too_few" if self.n < MIN_STORES else "relation.no_spread"


def pearson(x, y) -> Correlation:
    """r and its Fisher-z 95% interval of paired values (NaN pairs dropped); None below MIN_STORES."""
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    keep = ~(np.isnan(xs) | np.isnan(ys))
    xs, ys = xs[keep], ys[keep]
    n = int(len(xs))
    if n < MIN_STORES:
        return Correlation("", None, None, None, n)
    dx, dy = xs - xs.mean(), ys - ys.mean()
    denominator = math.sqrt(float((dx * dx).sum()) * float((dy * dy).sum()))
    if denominator == 0:
        return Correlation("", None, None, None, n)
    r = float((dx * dy).sum()) / denominator
    low, high = stats.correlation_ci(r, n)
    return Correlation("", r, float(low), float(high), n)


@dataclass(frozen=True)
class StoreRelation:
    """The chart's rows (one per store) and the two correlations."""

    weeks: int
    stores: pd.DataFrame  # overview_store_relation rows, plus sat_counted (bool)
    correlations: tuple[Correlation, ...]
    min_responses: int

    def correlation(self, relation: str) -> Correlation:
        return next(c for c in self.correlations if c.relation == relation)


def relate(rows: pd.DataFrame, weeks: int, min_responses: int) -> StoreRelation:
    """The correlations of the query's rows (complaints: every store; satisfaction: stores with at least
    ``min_responses`` responses; those with fewer are ``left_out``, those with none ``missing``)."""
    rows = rows.copy()
    counted = rows["responses_n"].fillna(0).astype(int) >= min_responses
    rows["sat_counted"] = counted & rows["index_points"].notna()
    out = []
    for relation in RELATIONS:
        column = Y[relation][0]
        use = rows if relation == "complaints" else rows[rows["sat_counted"]]
        got = pearson(use["fives_pct"], use[column])
        drawn = rows[column].notna()  # the scatter draws a store with a value (hollow when not counted)
        left_out = 0 if relation == "complaints" else int((drawn & ~rows["sat_counted"]).sum())
        missing = int((~drawn).sum())
        out.append(Correlation(relation, got.r, got.low, got.high, got.n, left_out, missing))
    return StoreRelation(weeks, rows, tuple(out), min_responses)


def store_relation(run: Runner, window: Window, min_responses: int = 30) -> StoreRelation:
    """The chain chart's figures for the reader's scope over the window's weeks (chain-wide: the window's
    own store or region selection is not applied, the chart places one store among the others)."""
    filters = window.filters()
    params = {
        k: v for k, v in filters.sql_params().items() if k in ("start_on", "end_on", "start_at", "end_at")
    }
    params["weeks"] = len(window.weeks)
    return relate(run("overview_store_relation", params), len(window.weeks), min_responses)
