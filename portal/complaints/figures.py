"""The Complaints dashboard's figures: SQL calls and arithmetic (the definitions: ``portal.complaints``).

Everything is computed in DuckDB by two query files; this module binds their parameters and shapes their rows into
the page's figures. The page's whole figure set is two statements: ``complaint_breakdowns`` for the period (weekly
trends, channel mix, category Pareto, category x store, store and agent tables, backlog by age, and the tiles'
figures as its 'summary' row: ``summary_of``) and ``complaint_previous_summary`` for the previous period of equal
length (complaint_summary's columns that the tiles' change reads), with the first day of complaint data in scope
beside it (its ``covered_from`` column: whether that change is shown at all, ``portal.kpi.Comparison``;
``previous_summary``). Each figure has its own function, slicing that one result (``portal.complaints.slices``,
re-exported here).
Every function takes ``run(name, params)``: a named query with the signed-in user's scope already bound
(``portal.kpi.Runner``; the page passes ``ui.query``, the command line and the bench ``kpi.runner``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from portal import frames, kpi, settings
from portal.complaints import partial
from portal.complaints.as_of import (  # noqa: F401 - part of this module's API
    AS_OF_ROUNDING,
    _as_of,
    as_of_for,
    period_end,
    rounded_now,
    to_local,
    utc_now,
)
from portal.complaints.slices import (  # noqa: F401 - part of this module's API
    _TABLE_COLUMNS,
    HOT_SPOT_COLUMNS,
    agent_table,
    backlog_by_age,
    category_by_store,
    category_pareto,
    channel_mix,
    sla_breaches,
    source_category_pareto,
    store_table,
    week_starts,
    weekly_trend,
)
from portal.filters import Filters
from portal.kpi import Comparison, Figure, Runner
from portal.vocab import SEVERITIES

SUMMARY_QUERY = "complaint_summary"
# the previous period's row: complaint_summary's columns that the tiles' change reads (issue 14: no aggregate else)
PREVIOUS_SUMMARY_QUERY = "complaint_previous_summary"
BREAKDOWNS_QUERY = "complaint_breakdowns"
COVERED_FROM = "covered_from"  # complaint_summary's first day of complaint data in scope (kpi.Comparison)


# ---------------------------------------------------------------- targets, as-of, parameters
@dataclass(frozen=True)
class Targets:
    sla_hours: float = 24.0
    resolution_hours: Mapping[str, float] = field(
        default_factory=lambda: {"high": 48.0, "normal": 72.0, "low": 168.0}
    )
    reopen_rate_pct: float | None = 5.0
    recovery_rate_pct: float | None = 70.0
    sla_attainment_pct: float | None = None  # no setting yet: the SLA tile shows its 24 h window
    low_confidence_n: int = 30


def targets(con) -> Targets:
    """The complaint targets from the settings (portal/settings.py defaults, or an admin's overrides); ``con``: a
    connection (read in one statement) or the settings as ``settings.load_all`` gives them (``settings.values``)."""
    con = settings.values(con)
    resolution = settings.get(con, "resolution_target_hours") or {}
    defaults = Targets()

    def number(key: str, fallback):
        value = settings.get(con, key)
        return fallback if value is None else float(value)

    return Targets(
        sla_hours=number("response_sla_hours", defaults.sla_hours),
        resolution_hours={s: float(resolution.get(s, defaults.resolution_hours[s])) for s in SEVERITIES},
        reopen_rate_pct=number("reopen_rate_target_pct", defaults.reopen_rate_pct),
        recovery_rate_pct=number("recovery_rate_target_pct", defaults.recovery_rate_pct),
        sla_attainment_pct=number("response_sla_target_pct", None),
        low_confidence_n=int(number("low_confidence_n", defaults.low_confidence_n)),
    )


def query_params(filters: Filters, goals: Targets, as_of: datetime, sla_as_of: datetime) -> dict[str, Any]:
    """The bound parameters of the complaint queries (the scope is added by the runner)."""
    return {
        **filters.sql_params(),
        "as_of": as_of,
        "sla_as_of": sla_as_of,
        "sla_hours": float(goals.sla_hours),
        "target_high_hours": float(goals.resolution_hours["high"]),
        "target_normal_hours": float(goals.resolution_hours["normal"]),
        "target_low_hours": float(goals.resolution_hours["low"]),
    }


def _plain(value):
    """A JSON-ready scalar: NaN/NA as None, numpy numbers as Python numbers, dates as ISO text."""
    if value is None or (not isinstance(value, str | bool) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp | datetime):
        stamp = pd.Timestamp(value)
        return stamp.date().isoformat() if stamp == stamp.normalize() else stamp.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


# ---------------------------------------------------------------- the two queries
def _run_at(
    run: Runner, name: str, filters: Filters, goals: Targets, as_of, sla_as_of, **extra: Any
) -> pd.DataFrame | frames.Rows:
    """Run a complaint query with the backlog *as of* (at most the period's end) and the SLA judged at
    ``sla_as_of`` (default: the given *as of*, else now); ``extra``: the query's own further parameters."""
    sla_as_of = sla_as_of or as_of or rounded_now()
    return run(name, query_params(filters, goals, _as_of(filters, as_of), sla_as_of) | extra)


def summary(
    run: Runner,
    filters: Filters,
    goals: Targets,
    *,
    as_of: datetime | None = None,
    sla_as_of: datetime | None = None,
) -> dict[str, Any]:
    """The tiles' figures of one period (one row of complaint_summary as a dict; NaN as None).
    The backlog is taken *as of* (at most the period's end); SLA windows are judged at ``sla_as_of``
    (default: the given *as of*, else now)."""
    return _tiles_of(_run_at(run, SUMMARY_QUERY, filters, goals, as_of, sla_as_of))


def previous_summary(
    run: Runner,
    filters: Filters,
    goals: Targets,
    *,
    as_of: datetime,
    previous_as_of: datetime,
    sla_as_of: datetime,
    whole: bool = False,
) -> tuple[dict[str, Any], Comparison]:
    """``summary`` of the period before ``filters``' (its backlog as of ``previous_as_of``) and what the change of
    ``filters``' tiles is against (``kpi.comparison_of``), from one statement: complaint_summary reads the first day of
    complaint data in scope beside the tiles (its ``covered_from``, over the filter's regions, stores and zone,
    which the previous period shares; issue 14: a statement of its own cost a page about a millisecond of CPU
    beyond its SQL). ``as_of``: the current period's (UTC; its day in the reporting zone is "today"). Only the
    columns a tile's change reads (complaint_previous_summary; issue 14: the backlog by age, the date-only counts
    and the resolutions within target of the previous period were computed for nothing, ~15 % of its CPU); with
    ``whole``, every column of complaint_summary (``kpi complaints --json``: its previous_summary keeps its keys)."""
    name = SUMMARY_QUERY if whole else PREVIOUS_SUMMARY_QUERY
    frame = _run_at(run, name, filters.previous(), goals, previous_as_of, sla_as_of)
    return _tiles_of(frame), comparison_at(frame, filters, as_of)


def _tiles_of(result: frames.Rows) -> dict[str, Any]:
    """complaint_summary's one row (read as ``frames.Rows``: issue 14, a frame of its 47 columns and its row picked
    as objects cost ~2 ms of CPU a summary, three a store view) as the tiles' mapping of JSON-ready scalars
    (``_plain``): its columns but the first day of data (``COVERED_FROM``)."""
    row = {k: _plain(v) for k, v in zip(result.columns, result.values[0], strict=True)}
    del row[COVERED_FROM]
    return row


# The columns of complaint_breakdowns that are no column of complaint_summary: its keys, shares and breaches
# (tests/test_complaints_queries.py holds summary_of(breakdowns) equal to summary, keys and values)
_BREAKDOWN_ONLY = frozenset(
    {"dimension", "week_start", "channel", "category_group", "category_raw", "store_id", "store_code"}
    | {"store_name", "agent_id", "agent_code", "agent_name", "agent_team_id", "team_code", "severity"}
    | {"age_bucket"}
    | {"share_pct", "cumulative_pct", "breach_count", "finished_day_count"}
)


def summary_of(bd: pd.DataFrame) -> dict[str, Any]:
    """The period's tiles from its ``breakdowns``: their 'summary' row, as ``summary`` gives them (issue 14: the
    same pass over the period's rows as the breakdowns, not a statement of its own)."""
    at = int(np.flatnonzero(bd["dimension"].to_numpy() == "summary")[0])
    return {k: _plain(bd[k].iat[at]) for k in bd.columns if k not in _BREAKDOWN_ONLY}


# complaint_breakdowns' $hot_spots (the query's header)
HOT_SPOT_MODES = ("with", "without", "only", "breaches")


def breakdowns(
    run: Runner,
    filters: Filters,
    goals: Targets,
    *,
    as_of: datetime | None = None,
    sla_as_of: datetime | None = None,
    weeks_only: bool = False,
    hot_spots: str = "with",
) -> pd.DataFrame:
    """The rows of complaint_breakdowns: one per dimension x value (see the query's header), with the period's
    tiles as its 'summary' row (``summary_of``); with ``weeks_only`` the weekly rows alone (what ``weekly_trend``
    reads); ``hot_spots``: 'with', 'without' or 'only' the rows of the hot spots (``HotSpots``: the channel mix,
    category x store, the source's own categories), or 'breaches': every row but the channel mix's (the
    overview's week: ``sla_breaches`` and the store rows); *as of* and ``sla_as_of`` as in ``summary``."""
    if hot_spots not in HOT_SPOT_MODES:
        raise ValueError(f"hot_spots: one of {HOT_SPOT_MODES}, not {hot_spots!r}")
    extra = {"weeks_only": weeks_only, "hot_spots": hot_spots}
    return _run_at(run, BREAKDOWNS_QUERY, filters, goals, as_of, sla_as_of, **extra)


# ---------------------------------------------------------------- tiles
@dataclass(frozen=True)
class TileSpec:
    key: str
    value: str  # summary column
    n: str  # the column holding the n it rests on
    unit: str  # count, hours, pct
    better: str  # lower or higher


TILE_SPECS = (
    TileSpec("volume", "complaint_count", "complaint_count", "count", "lower"),
    TileSpec("first_response_median", "first_response_median_hours", "first_response_n", "hours", "lower"),
    TileSpec("first_response_p90", "first_response_p90_hours", "first_response_n", "hours", "lower"),
    TileSpec("sla_attainment", "sla_attainment_pct", "sla_elapsed_count", "pct", "higher"),
    TileSpec("resolution_median", "resolution_median_hours", "resolution_n", "hours", "lower"),
    TileSpec("resolution_p90", "resolution_p90_hours", "resolution_n", "hours", "lower"),
    TileSpec("backlog", "backlog_count", "backlog_count", "count", "lower"),
    TileSpec("reopen_rate", "reopen_rate_pct", "reopen_base_count", "pct", "lower"),
    TileSpec("recovery_rate", "recovery_rate_pct", "recovery_n", "pct", "higher"),
)


def tile_target(spec: TileSpec, goals: Targets, filters: Filters) -> tuple[float | None, Mapping | None]:
    if spec.key.startswith("first_response"):
        return goals.sla_hours, None
    if spec.key.startswith("resolution"):
        if len(filters.severities) == 1:
            return goals.resolution_hours[filters.severities[0]], None
        chosen = filters.severities or SEVERITIES
        return None, {s: goals.resolution_hours[s] for s in chosen}
    return {
        "sla_attainment": goals.sla_attainment_pct,
        "reopen_rate": goals.reopen_rate_pct,
        "recovery_rate": goals.recovery_rate_pct,
    }.get(spec.key), None


def comparison_at(summary_frame: frames.Rows, filters: Filters, as_of: datetime) -> Comparison:
    """What the tiles' change is against: the previous period, which the complaint data in scope must cover (from
    a complaint_summary result's ``covered_from``), and whether the period is in progress at ``as_of`` (UTC; its
    day in the reporting zone is "today")."""
    return kpi.comparison_of(summary_frame, filters, to_local(as_of, filters.timezone).date())


def tiles(
    current: Mapping[str, Any],
    previous: Mapping[str, Any],
    goals: Targets,
    filters: Filters,
    against: Comparison | None = None,
) -> tuple[Figure, ...]:
    """The nine tiles: value, n, target, pass/fail (only with n >= low_confidence_n), change vs previous
    (``against``: what it is against, ``kpi.comparison_of``; no change where the data does not cover the previous
    period).

    Issue 9: a figure whose inputs the data lacks has no data and says why (``data_rules``); durations that
    rest mostly on date-only stamps are given in whole days, and then three shares answered within 0 / 1 / 7
    days follow the SLA tile (``portal.complaints.partial``)."""
    out = []
    for spec in TILE_SPECS:
        target, by_severity = tile_target(spec, goals, filters)
        fig = Figure(
            key=spec.key,
            unit=spec.unit,
            value=current.get(spec.value),
            n=int(current.get(spec.n) or 0),
            area="complaints",
            previous_value=previous.get(spec.value),
            previous_n=int(previous.get(spec.n) or 0),
            target=target,
            better=spec.better,
            # a count (volume, backlog) is exact, not an estimate from a sample: never "low confidence" (a store's
            # backlog of 23 read "low confidence (n < 30)", tablet probe, session 55)
            low_confidence_n=0 if spec.unit == "count" else goals.low_confidence_n,
            targets_by=by_severity,
        )
        fig = partial.data_rules(fig, current, previous)
        # a period and selection without a complaint: "no data: nothing to count", never a bare 0 (the Overview's)
        out.append(kpi.nothing_counted(fig) if spec.key == "volume" else fig)
        if spec.key == "sla_attainment" and partial.duration_unit(current, "first_response") == "days":
            out.extend(partial.day_shares(current, previous, goals.low_confidence_n))
    return tuple(out) if against is None else kpi.compared(out, against)


# ---------------------------------------------------------------- the page's whole figure set
@dataclass(frozen=True)
class ComplaintFigures:
    """Every figure of the Complaints page for one selection."""

    filters: Filters
    previous_filters: Filters
    as_of: datetime  # the backlog's moment (the period's end or now)
    sla_as_of: datetime  # when both periods' 24 h windows are judged
    previous_as_of: datetime
    targets: Targets
    summary: Mapping[str, Any]  # the period's complaint_summary row (the tiles' inputs and left-out counts)
    previous: Mapping[str, Any]  # the previous period's row (a tile's change's columns; whole_previous: all)
    tiles: tuple[Figure, ...]
    trend: pd.DataFrame  # weekly_trend
    backlog: pd.DataFrame  # backlog_by_age
    categories: pd.DataFrame  # category_pareto
    # the hot spots (``HotSpots``); None where ``figures`` was called without them (the page's first paint)
    source_categories: pd.DataFrame | None  # source_category_pareto: the source's own categories
    channels: pd.DataFrame | None  # channel_mix
    category_store: pd.DataFrame | None  # category_by_store
    stores: pd.DataFrame  # store_table
    agents: pd.DataFrame  # agent_table

    def tile(self, key: str) -> Figure:
        return next(f for f in self.tiles if f.key == key)


@dataclass(frozen=True)
class HotSpots:
    """The figures of the Complaints page's hot-spot tabs that its first paint does not show (the Pareto's groups
    are ``ComplaintFigures.categories``): the channel mix, category x store (also the overview's breaches) and the
    source's own categories (the Pareto's second view)."""

    source_categories: pd.DataFrame
    channels: pd.DataFrame
    category_store: pd.DataFrame


def _hot_spots_of(bd: pd.DataFrame) -> HotSpots:
    return HotSpots(source_category_pareto(bd), channel_mix(bd), category_by_store(bd))


def hot_spots(
    run: Runner, filters: Filters, goals: Targets, *, as_of: datetime, sla_as_of: datetime
) -> HotSpots:
    """The hot spots of the figure set ``figures(..., hot_spots=False)`` gave (pass its ``as_of`` and
    ``sla_as_of``): one complaint_breakdowns statement with those rows alone, run when the page opens a tab that
    shows them (issue 14)."""
    bd = breakdowns(run, filters, goals, as_of=as_of, sla_as_of=sla_as_of, hot_spots="only")
    # the columns the tabs read, first (issue 14: the cast and slices below over all 66 columns cost ~2x as much),
    # with the counts as the whole result reads them (frames.frame: nullable where most columns of a type hold a
    # null, as the weekly and backlog rows leave these): the tabs' frames of the same types as before, not only
    # values. One frame of the columns, each count cast alone (issue 14: a pick then a frame's astype, ~1.8 ms)
    read = {c: bd[c] for c in HOT_SPOT_COLUMNS}
    read = {c: v.array.astype("Int64") if v.dtype == np.int64 else v.array for c, v in read.items()}
    return _hot_spots_of(pd.DataFrame(read, index=bd.index, copy=False))


def figures(
    run: Runner,
    filters: Filters,
    goals: Targets,
    *,
    as_of: datetime | None = None,
    now: datetime | None = None,
    whole_previous: bool = False,
    hot_spots: bool = True,
) -> ComplaintFigures:
    """Every figure of the Complaints page (two statements): the page, ``kpi complaints`` and the bench call this.

    ``run(name, params)`` runs a named query with the caller's scope bound (the page passes its cached
    ``ui.query``; the command line and the bench ``kpi.runner(con, scope)``); ``goals``: ``targets(con)``.
    ``whole_previous``: the previous period's row with every column of the period's (complaint_summary, what
    ``kpi complaints --json`` prints), not only those the tiles' change reads (``previous_summary``).
    ``hot_spots=False``: without the figures of ``HotSpots`` (None): the page's first paint, which reads them from
    ``hot_spots`` when a tab showing them is opened (issue 14: ~60 ms of CPU at bench scale 10).
    """
    previous_filters = filters.previous()
    # SLA windows are judged now (or at the given as_of) for both periods; each backlog at its period's end
    sla_as_of = as_of or rounded_now(now)
    as_of = as_of_for(filters, now) if as_of is None else _as_of(filters, as_of)
    previous_as_of = as_of_for(previous_filters, as_of)  # the previous period's end (as_of is later)
    bd = breakdowns(
        run, filters, goals, as_of=as_of, sla_as_of=sla_as_of, hot_spots="with" if hot_spots else "without"
    )
    hot = _hot_spots_of(bd) if hot_spots else HotSpots(None, None, None)
    current = summary_of(bd)
    before, against = previous_summary(
        run,
        filters,
        goals,
        as_of=as_of,
        previous_as_of=previous_as_of,
        sla_as_of=sla_as_of,
        whole=whole_previous,
    )
    return ComplaintFigures(
        filters=filters,
        previous_filters=previous_filters,
        as_of=as_of,
        sla_as_of=sla_as_of,
        previous_as_of=previous_as_of,
        targets=goals,
        summary=current,
        previous=before,
        tiles=tiles(current, before, goals, filters, against),
        trend=weekly_trend(bd, filters, as_of, goals.low_confidence_n),
        backlog=backlog_by_age(bd),
        categories=category_pareto(bd),
        source_categories=hot.source_categories,
        channels=hot.channels,
        category_store=hot.category_store,
        stores=store_table(bd),
        agents=agent_table(bd),
    )


def is_empty(figs: ComplaintFigures) -> bool:
    """Nothing received, resolved or open for these filters: the page shows its empty state."""
    s = figs.summary
    return not (
        s["complaint_count"] or s["reopen_base_count"] or s.get("reopen_unknown_count") or s["backlog_count"]
    )
