"""The Satisfaction dashboard's SERVQUAL figures (SPEC.md §3): per instrument version in use, its dimension gaps,
weights and scores for the whole selection, per region and per store, its items' gaps and its drivers, from the
queries servqual_dimension_gaps, servqual_importance, servqual_item_gaps and servqual_drivers run through a
``run(name, params)`` callable (``portal.kpi.Runner``). The weighting itself is portal.servqual's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from portal import servqual, stats
from portal.filters import Filters
from portal.frames import picked, with_columns
from portal.kpi import Runner

if TYPE_CHECKING:
    from portal.satisfaction.figures import SatisfactionSettings

TOP_ITEMS = 5


@dataclass
class InstrumentServqual:
    """The SERVQUAL figures of one instrument version within the selection."""

    instrument_id: int
    instrument_code: str
    version: int
    name_en: str
    name_zh: str
    is_default: bool
    responses_n: int
    dimensions: pd.DataFrame  # one row per dimension: mean E, mean P, gap, n, weight
    weights: servqual.Weights
    scores: servqual.Scores
    by_region: pd.DataFrame  # one row per region x dimension, with the region's scores
    by_store: pd.DataFrame  # one row per store x dimension, with the store's scores
    items: pd.DataFrame  # every item with a gap, largest (most negative) first
    drivers: pd.DataFrame  # one row per dimension: r with 95% interval, slope, n
    low_confidence: bool = False
    low_confidence_n: int = 30  # the threshold the low-confidence flags above were set with (a setting)

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def largest_gaps(self, k: int = TOP_ITEMS) -> pd.DataFrame:
        return self.items.head(k)


def _weights_for(defaults, importance: pd.DataFrame, cfg: SatisfactionSettings) -> servqual.Weights:
    if importance.empty:
        return servqual.choose_weights(defaults, settings_weights=cfg.default_weights)
    return servqual.choose_weights(
        defaults,
        dict(zip(importance["dimension_code"], importance["mean_points"], strict=True)),
        int(importance["respondents_n"].max()),
        cfg.default_weights,
    )


def _group_scores(
    gaps: pd.DataFrame,
    totals: tuple[pd.Series, pd.Series],
    importance: pd.DataFrame,
    key: str,
    fallback: servqual.Weights,
    cfg: SatisfactionSettings,
) -> pd.DataFrame:
    """Per region or store: its dimension gaps, its responses_n and its unweighted and weighted scores;
    ``totals``: the groups' keys and their responses_n (the level's total rows)."""
    if gaps.empty:
        names = ("weight", "weights_source", "unweighted_score", "weighted_score", "group_responses_n")
        return gaps.assign(**dict.fromkeys((*names, "low_confidence", "cell_low_confidence"), []))
    # a null key: the null-keyed total (the stores without a region), whatever the key's type
    total_of = dict(zip(servqual.group_keys(totals[0]), totals[1].tolist(), strict=True))
    n = np.array([total_of.get(k, 0) for k in servqual.group_keys(gaps[key])], dtype="int64")
    # low_confidence: the group's scores (its respondents); cell_low_confidence: one dimension's gap (its n)
    more = {
        "group_responses_n": n,
        "low_confidence": n < cfg.low_confidence_n,
        "cell_low_confidence": (gaps["responses_n"] < cfg.low_confidence_n).array,
    }
    return servqual.group_scores(gaps, importance, key, fallback, more)


def servqual_figures(run: Runner, filters: Filters, cfg: SatisfactionSettings) -> list[InstrumentServqual]:
    """SERVQUAL per instrument used in the selection (default instrument first)."""
    params = filters.sql_params()
    gaps = run("servqual_dimension_gaps", params)
    if gaps.empty:
        return []
    importance = run("servqual_importance", params)
    items = run("servqual_item_gaps", params)
    drivers = run("servqual_drivers", params)
    if not drivers.empty:
        lo, hi = stats.correlation_ci(
            drivers["correlation"].to_numpy(float), drivers["responses_n"].to_numpy(float)
        )
        drivers = with_columns(
            drivers,
            {
                "correlation_lower": lo,
                "correlation_upper": hi,
                "low_confidence": (drivers["responses_n"] < cfg.low_confidence_n).array,
            },
        )

    result = []
    # the instruments in order (default first), from plain lists: pandas' drop_duplicates and sort_values cost
    # more than the few rows they would order (issue 14)
    instruments = sorted(
        set(
            zip(
                gaps["instrument_id"].tolist(),
                gaps["instrument_is_default"].tolist(),
                gaps["instrument_code"].tolist(),
                gaps["instrument_version"].tolist(),
                gaps["instrument_name_en"].tolist(),
                gaps["instrument_name_zh"].tolist(),
                strict=True,
            )
        ),
        key=lambda i: (not i[1], i[2], i[3]),
    )
    for instrument_id, is_default, code, version, name_en, name_zh in instruments:
        g = _of_instrument(gaps, instrument_id)
        imp = _of_instrument(importance, instrument_id)
        # each level's rows picked by plain arrays, once (a boolean Series per pick cost more than the picks)
        levels, is_total = g["level"].to_numpy(object), g["is_total"].to_numpy(bool)
        imp_levels = imp["level"].to_numpy(object)
        dims = _in_order(picked(g, (levels == "all") & ~is_total))
        # of a level's total rows only two columns are read: picked as columns, not as 25-column frames
        responses = g["responses_n"]
        total_n = responses[(levels == "all") & is_total]
        defaults = dict(zip(dims["dimension_code"], dims["default_weight"], strict=True))
        # every dimension of the instrument takes part in the weights, also one without any answer here
        weights = _weights_for(defaults, picked(imp, imp_levels == "all"), cfg)
        dim_gaps = dict(zip(dims["dimension_code"], dims["gap"], strict=True))
        sc = servqual.scores(dim_gaps, weights)
        applied = servqual.applied_weights(dim_gaps, weights)
        responses_n = int(total_n.iloc[0]) if not total_n.empty else 0
        fallback = servqual.choose_weights(defaults, settings_weights=cfg.default_weights)
        by = {}
        for level, key in (("region", "region_id"), ("store", "store_id")):
            at_level = levels == level
            totals = (g[key][at_level & is_total], responses[at_level & is_total])
            by[level] = _group_scores(
                picked(g, at_level & ~is_total), totals, picked(imp, imp_levels == level), key, fallback, cfg
            )
        result.append(
            InstrumentServqual(
                instrument_id=int(instrument_id),
                instrument_code=str(code),
                version=int(version),
                name_en=str(name_en),
                name_zh=str(name_zh),
                is_default=bool(is_default),
                responses_n=responses_n,
                dimensions=with_columns(  # weights as applied: none for a dimension without answers
                    dims,
                    {
                        "weight": np.array(
                            [applied.get(d) for d in dims["dimension_code"].tolist()], dtype=float
                        ),
                        "low_confidence": (dims["responses_n"] < cfg.low_confidence_n).array,
                    },
                ).reset_index(drop=True),
                weights=weights,
                scores=sc,
                by_region=by["region"],
                by_store=by["store"],
                items=_largest_gaps_first(_with_low_confidence(_of_instrument(items, instrument_id), cfg)),
                drivers=_of_instrument(drivers, instrument_id).reset_index(drop=True)
                if not drivers.empty
                else drivers,
                low_confidence=responses_n < cfg.low_confidence_n,
                low_confidence_n=cfg.low_confidence_n,
            )
        )
    return result


def _with_low_confidence(items: pd.DataFrame, cfg: SatisfactionSettings) -> pd.DataFrame:
    return with_columns(items, {"low_confidence": (items["answers_n"] < cfg.low_confidence_n).array})


def _in_order(dims: pd.DataFrame) -> pd.DataFrame:
    """An instrument's dimension rows by position: as the query gives them when their positions rise strictly, none missing
    (issue 14: a sort of a few rows cost ~0.3 ms), else sorted (a dimension without a position last)."""
    position = dims["dimension_position"]
    if position.is_monotonic_increasing and position.is_unique and not position.hasnans:
        return dims
    return dims.sort_values("dimension_position")


def _largest_gaps_first(items: pd.DataFrame) -> pd.DataFrame:
    """``items`` by gap (largest negative first), then item number, indexed 0..n-1: as the query orders an
    instrument's items when every gap is known and no two rows share a gap and item number; else sorted."""
    gap, item_no = (items[c].to_numpy(float, na_value=np.nan) for c in ("gap", "item_no"))
    later, earlier = slice(1, None), slice(None, -1)
    ordered = not (np.isnan(gap).any() or np.isnan(item_no).any()) and bool(
        (
            (gap[later] > gap[earlier]) | ((gap[later] == gap[earlier]) & (item_no[later] > item_no[earlier]))
        ).all()
    )
    return (items if ordered else items.sort_values(["gap", "item_no"])).reset_index(drop=True)


def _of_instrument(frame: pd.DataFrame, instrument_id) -> pd.DataFrame:
    """The rows of one instrument: ``frame`` itself when it holds no other (the usual case: one instrument in
    use), so that its columns are not copied for nothing."""
    if frame.empty:
        return frame
    mine = (frame["instrument_id"] == instrument_id).to_numpy(dtype=bool, na_value=False)
    return frame if mine.all() else frame[mine]


def strongest_driver(drivers: pd.DataFrame) -> pd.Series | None:
    """The dimension whose perception moves most with overall satisfaction: the largest correlation above 0. A
    dimension whose perception falls as satisfaction rises (r <= 0) drives nothing: with none above 0, None (the
    page says so, ``driver_note``)."""
    usable = drivers.dropna(subset=["correlation"])
    usable = usable[usable["correlation"] > 0]
    if usable.empty:
        return None
    return usable.loc[usable["correlation"].idxmax()]
