"""The Satisfaction dashboard's figures (SPEC.md §3): SQL calls and arithmetic, for the page, the command line
(``kpi satisfaction``) and the bench.

Every figure comes from a named query (queries/satisfaction_*.sql, queries/servqual_*.sql) run through a
``run(name, params)`` callable with the signed-in user's scope already bound (``portal.kpi.Runner``): the page
passes ``ui.query`` (cached), the command line and the bench ``kpi.runner(con, scope)``. What is not SQL lives
here and in portal.stats / portal.servqual: confidence intervals, significance of a change, SERVQUAL weighting.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from portal import kpi, servqual, settings, stats
from portal.filters import Filters, in_progress, today_in
from portal.frames import picked
from portal.kpi import Figure, Runner

GRAINS = ("week", "month")
TILE_KEYS = ("index", "csat", "nps", "responses")
TOP_ITEMS = 5
COMMENT_LIMIT = 50


@dataclass(frozen=True)
class SatisfactionSettings:
    target: float = 85.0  # satisfaction index target (0-100)
    csat_target_pct: float = 85.0
    nps_target: float = 30.0
    low_confidence_n: int = 30
    default_weights: Mapping[str, float] | None = None


def load_settings(con) -> SatisfactionSettings:
    """The satisfaction settings; ``con``: a connection (read in one statement) or the settings as
    ``settings.load_all`` gives them (``settings.values``)."""
    con = settings.values(con)
    return SatisfactionSettings(
        target=float(settings.get(con, "satisfaction_target")),
        csat_target_pct=float(settings.get(con, "csat_target_pct")),
        nps_target=float(settings.get(con, "nps_target")),
        low_confidence_n=int(settings.get(con, "low_confidence_n")),
        default_weights=settings.get(con, "servqual_default_weights"),
    )


def _num(value) -> float | None:
    if value is None or pd.isna(value):
        return None
    return float(value)


# ---------------------------------------------------------------- tiles
UNITS = {"index": "points", "csat": "pct", "nps": "nps", "responses": "count"}
# why a tile has no data although the period has responses: none answered the question it rests on (the file
# has no such column, or it is empty), not "nothing to count" (i18n keys: portal/i18n/satisfaction.py)
NO_OVERALL = "sat.no_data.overall"
NO_RECOMMEND = "sat.no_data.recommend"


def tile_figure(
    key: str,
    value: float | None,
    n: int,
    previous_value: float | None,
    previous_n: int,
    test: stats.TestResult | None,
    target: float | None,
    low_confidence_n: int,
    no_data_reason: str | None = None,
) -> Figure:
    """One tile as the shared figure type: significant only when the test says so (an untested change, p None,
    is not significant; a change is not tested when either period rests on fewer than ``low_confidence_n``);
    responses have no target and no better direction, and are never low-confidence; ``no_data_reason``: why the
    data cannot support it (``NO_OVERALL``, ``NO_RECOMMEND``)."""
    responses = key == "responses"
    # a test on fewer responses than the low-confidence n (either period) is not reported: "significant change
    # (p = 0.000)" on NPS 100 from 4 answers against 7 said more than 4 answers can (consistency probe)
    if test is not None and min(n, previous_n) < low_confidence_n:
        test = None
    return Figure(
        key=key,
        unit=UNITS[key],
        value=value,
        n=n,
        area="sat",
        label_key=f"sat.metric.{key}",
        previous_value=previous_value,
        previous_n=previous_n,
        target=target,
        better="neither" if responses else "higher",
        low_confidence_n=0 if responses else low_confidence_n,
        significant=None if responses else bool(test is not None and test.significant),
        p_value=test.p_value if test is not None else None,
        extra={} if test is None else {"statistic": test.statistic},
        no_data_reason=no_data_reason,
    )


@dataclass(frozen=True)
class SatisfactionTiles:
    """The four headline figures, in the page's order."""

    index: Figure  # satisfaction index 0-100
    csat: Figure  # CSAT %
    nps: Figure
    responses: Figure

    def __iter__(self) -> Iterator[Figure]:
        return iter((self.index, self.csat, self.nps, self.responses))


def _share(x, n) -> float | None:
    return 100.0 * x / n if n else None


def tiles(
    run: Runner, filters: Filters, cfg: SatisfactionSettings, today: date | None = None
) -> SatisfactionTiles:
    """Index, CSAT %, NPS and responses of the period, each with n and the change against the previous period
    (none where the survey data in scope begins after its first day; flagged while the period is in progress on
    ``today``, the reporting zone's day unless given: ``portal.kpi.Comparison``)."""
    prev = filters.previous()
    params = filters.sql_params() | {"previous_start_on": prev.start, "previous_end_on": prev.end}
    summary = run("satisfaction_summary", params)  # two rows (frames.Rows), with covered_from: the first day
    against = kpi.comparison_of(summary, filters, today or today_in(filters.timezone))
    return SatisfactionTiles(*kpi.compared(_tiles(summary.by("period"), cfg), against))


def _tiles(summary: Mapping[str, Mapping], cfg: SatisfactionSettings) -> SatisfactionTiles:
    """The tiles from the summary's rows by period ('current', 'previous')."""
    cur, old = summary["current"], summary["previous"]
    low = cfg.low_confidence_n
    overall_n, old_overall_n = int(cur["overall_n"]), int(old["overall_n"])
    rec_n, old_rec_n = int(cur["recommend_n"]), int(old["recommend_n"])
    responses = int(cur["responses"])
    no_overall = NO_OVERALL if responses and not overall_n else None

    def nps(row):
        n = int(row["recommend_n"])
        return 100.0 * (int(row["promoters_n"]) - int(row["detractors_n"])) / n if n else None

    return SatisfactionTiles(
        index=tile_figure(
            "index",
            _num(cur["index_points"]),
            overall_n,
            _num(old["index_points"]),
            old_overall_n,
            stats.welch_t_test(
                _num(cur["index_points"]),
                _num(cur["index_sd"]),
                overall_n,
                _num(old["index_points"]),
                _num(old["index_sd"]),
                old_overall_n,
            ),
            cfg.target,
            low,
            no_overall,
        ),
        csat=tile_figure(
            "csat",
            _share(int(cur["satisfied_n"]), overall_n),
            overall_n,
            _share(int(old["satisfied_n"]), old_overall_n),
            old_overall_n,
            stats.two_proportion_z_test(
                int(cur["satisfied_n"]), overall_n, int(old["satisfied_n"]), old_overall_n
            ),
            cfg.csat_target_pct,
            low,
            no_overall,
        ),
        nps=tile_figure(
            "nps",
            nps(cur),
            rec_n,
            nps(old),
            old_rec_n,
            stats.nps_z_test(
                int(cur["promoters_n"]),
                int(cur["detractors_n"]),
                rec_n,
                int(old["promoters_n"]),
                int(old["detractors_n"]),
                old_rec_n,
            ),
            cfg.nps_target,
            low,
            NO_RECOMMEND if responses and not rec_n else None,
        ),
        responses=tile_figure(
            "responses",
            float(cur["responses"]),
            int(cur["responses"]),
            float(old["responses"]),
            int(old["responses"]),
            None,
            None,
            low,
        ),
    )


# ---------------------------------------------------------------- trend


def trend(
    run: Runner, filters: Filters, cfg: SatisfactionSettings, grain: str = "week", today: date | None = None
) -> pd.DataFrame:
    """One row per week or month: index, CSAT %, NPS with 95% intervals and low-confidence flags, and
    ``is_in_progress`` for the week or month still under way (drawn apart, never judged)."""
    if grain not in GRAINS:
        raise ValueError(f"grain must be one of {GRAINS}, not {grain!r}")
    df = run("satisfaction_trend", filters.sql_params() | {"grain": grain})
    more = {
        "nps_low_confidence": df["recommend_n"] < cfg.low_confidence_n,
        "is_in_progress": in_progress(df["period_start"], grain, filters, today),
    }
    return with_intervals(df, cfg, more)


# each figure's own scale (index points, CSAT %, NPS): an interval is shown within it (a Student-t interval of a
# few answers can run past 100); the figures keep the intervals as computed
SCALE_ENDS = {"points": (0.0, 100.0), "pct": (0.0, 100.0), "nps": (-100.0, 100.0)}


def on_scale(values: pd.Series, unit: str) -> pd.Series:
    """``values`` (interval bounds) held within the figure's scale (``SCALE_ENDS``) for people to read."""
    low, high = SCALE_ENDS[unit]
    return values.clip(low, high)


def with_intervals(df: pd.DataFrame, cfg: SatisfactionSettings, more: Mapping | None = None) -> pd.DataFrame:
    """``df`` with index, CSAT % and NPS, their 95% intervals and ``low_confidence`` (overall answers below the
    low-confidence n) added to its rows of counts (overall_n, index_points, index_sd, satisfied_n, recommend_n,
    promoters_n, detractors_n): one row per period (trend) or per store (ranking); ``more``: further columns (by
    row) after them. A new frame, the columns added in one step (issue 14: eleven inserts cost ~1 ms a call)."""
    n, rec_n = df["overall_n"].to_numpy(float), df["recommend_n"].to_numpy(float)
    promoters, detractors = df["promoters_n"].to_numpy(float), df["detractors_n"].to_numpy(float)
    index_lower, index_upper = stats.index_ci(
        df["index_points"].to_numpy(float), df["index_sd"].to_numpy(float), n
    )
    added = {"index_lower": index_lower, "index_upper": index_upper}
    with np.errstate(invalid="ignore", divide="ignore"):
        added["csat_pct"] = 100 * df["satisfied_n"].to_numpy(float) / n
        added["nps"] = 100 * (promoters - detractors) / rec_n
    lo, hi = stats.proportion_ci(df["satisfied_n"].to_numpy(float), n)
    added["csat_lower"], added["csat_upper"] = 100 * lo, 100 * hi
    added["nps_lower"], added["nps_upper"] = stats.nps_ci(promoters, detractors, rec_n)
    added["low_confidence"] = df["overall_n"] < cfg.low_confidence_n
    return pd.concat([df, pd.DataFrame(added | dict(more or {}), index=df.index)], axis=1)


# ---------------------------------------------------------------- SERVQUAL


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
    total_of = dict(
        zip(totals[0].tolist(), totals[1].tolist(), strict=True)
    )  # a null key: a null-keyed total
    n = np.array([total_of.get(k, 0) for k in gaps[key].tolist()], dtype="int64")
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
        drivers = drivers.assign(
            correlation_lower=lo,
            correlation_upper=hi,
            low_confidence=drivers["responses_n"] < cfg.low_confidence_n,
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
        dims = picked(g, (levels == "all") & ~is_total).sort_values("dimension_position")
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
                dimensions=dims.assign(  # weights as applied: none for a dimension without answers
                    weight=dims["dimension_code"].map(applied).astype("float64"),
                    low_confidence=dims["responses_n"] < cfg.low_confidence_n,
                ).reset_index(drop=True),
                weights=weights,
                scores=sc,
                by_region=by["region"],
                by_store=by["store"],
                items=_of_instrument(items, instrument_id)
                .assign(low_confidence=lambda d: d["answers_n"] < cfg.low_confidence_n)
                .sort_values(["gap", "item_no"])
                .reset_index(drop=True),
                drivers=_of_instrument(drivers, instrument_id).reset_index(drop=True)
                if not drivers.empty
                else drivers,
                low_confidence=responses_n < cfg.low_confidence_n,
                low_confidence_n=cfg.low_confidence_n,
            )
        )
    return result


def _of_instrument(frame: pd.DataFrame, instrument_id) -> pd.DataFrame:
    """The rows of one instrument: ``frame`` itself when it holds no other (the usual case: one instrument in
    use), so that its columns are not copied for nothing."""
    if frame.empty:
        return frame
    mine = (frame["instrument_id"] == instrument_id).to_numpy(dtype=bool, na_value=False)
    return frame if mine.all() else frame[mine]


def strongest_driver(drivers: pd.DataFrame) -> pd.Series | None:
    """The dimension whose perception moves most with overall satisfaction (largest correlation)."""
    usable = drivers.dropna(subset=["correlation"])
    if usable.empty:
        return None
    return usable.loc[usable["correlation"].idxmax()]


# ---------------------------------------------------------------- comments


def comments(
    run: Runner, filters: Filters, scores: Iterable[int] = (), limit: int = COMMENT_LIMIT
) -> pd.DataFrame:
    """The latest comments of the selection, optionally only those with the given overall scores (1-5)."""
    return run(
        "satisfaction_comments",
        filters.sql_params() | {"scores": [int(s) for s in scores], "limit": int(limit)},
    )


# ---------------------------------------------------------------- everything at once


@dataclass
class SatisfactionFigures:
    filters: Filters
    settings: SatisfactionSettings
    tiles: SatisfactionTiles
    trend: pd.DataFrame
    servqual: list[InstrumentServqual] = field(default_factory=list)
    comments: pd.DataFrame | None = None
    today: date | None = None  # the reporting zone's day that tells the trend's week or month under way


def figures(
    run: Runner,
    filters: Filters,
    cfg: SatisfactionSettings,
    *,
    grain: str = "week",
    comment_scores: Iterable[int] = (),
    comment_limit: int = COMMENT_LIMIT,
) -> SatisfactionFigures:
    """The page's whole figure set; ``run`` binds the caller's scope, ``cfg`` is ``load_settings(con)``."""
    today = today_in(filters.timezone)
    return SatisfactionFigures(
        filters=filters,
        settings=cfg,
        tiles=tiles(run, filters, cfg, today),
        trend=trend(run, filters, cfg, grain, today),
        servqual=servqual_figures(run, filters, cfg),
        comments=comments(run, filters, comment_scores, comment_limit),
        today=today,
    )


def target_for(cfg: SatisfactionSettings, metric: str) -> float | None:
    return {"index": cfg.target, "csat": cfg.csat_target_pct, "nps": cfg.nps_target}.get(metric)
