"""The Satisfaction dashboard's figures (SPEC.md §3): SQL calls and arithmetic, for the page, the command line
(``kpi satisfaction``) and the bench.

Every figure comes from a named query (queries/satisfaction_*.sql, queries/servqual_*.sql) run through a
``run(name, params)`` callable with the signed-in user's scope already bound (``portal.kpi.Runner``): the page
passes ``ui.query`` (cached), the command line and the bench ``kpi.runner(con, scope)``. What is not SQL lives
here and in portal.stats / portal.servqual: confidence intervals, significance of a change, SERVQUAL weighting.
The SERVQUAL figures per instrument, region and store are portal.satisfaction.gaps'.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from portal import kpi, settings, stats
from portal.filters import Filters, in_progress, today_in
from portal.frames import with_columns
from portal.kpi import Figure, Runner
from portal.satisfaction.gaps import InstrumentServqual, servqual_figures

GRAINS = ("week", "month")
TILE_KEYS = ("index", "csat", "nps", "responses")
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
        # a period without responses: "no data: nothing to count", never a bare 0 (as the Overview's tile)
        responses=kpi.nothing_counted(
            tile_figure(
                "responses",
                float(cur["responses"]),
                int(cur["responses"]),
                float(old["responses"]),
                int(old["responses"]),
                None,
                None,
                low,
            )
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
    return with_columns(df, added | dict(more or {}))


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
