"""The Complaints dashboard's figures: SQL calls and arithmetic (the definitions: ``portal.complaints``).

Everything is computed in DuckDB by two query files; this module binds their parameters and shapes their
rows into the page's figures. The page's whole figure set is two statements: ``complaint_breakdowns`` for the
period (weekly trends, channel mix, category Pareto, category x store, store and agent tables, backlog by age,
and the tiles' figures as its 'summary' row: ``summary_of``) and ``complaint_summary`` for the previous period of
equal length (the tiles' change). Each figure has its own function below, slicing that one result.
Every function takes ``run(name, params)``: a named query with the signed-in user's scope already bound
(``portal.kpi.Runner``; the page passes ``ui.query``, the command line and the bench ``kpi.runner``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from portal import control_charts, settings
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
from portal.filters import Filters
from portal.kpi import Figure, Runner
from portal.vocab import AGE_BUCKETS, SEVERITIES

SUMMARY_QUERY = "complaint_summary"
BREAKDOWNS_QUERY = "complaint_breakdowns"


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
    connection or the settings as ``settings.load_all`` gives them (``settings.get``)."""
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
) -> pd.DataFrame:
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
    frame = _run_at(run, SUMMARY_QUERY, filters, goals, as_of, sla_as_of)
    return {k: _plain(v) for k, v in frame.to_dict(orient="records")[0].items()}


# The columns of complaint_breakdowns that are no column of complaint_summary: its keys, shares and breaches
# (tests/test_complaints_queries.py holds summary_of(breakdowns) equal to summary, keys and values)
_BREAKDOWN_ONLY = frozenset(
    {"dimension", "week_start", "channel", "category_group", "category_raw", "store_id", "store_code"}
    | {"store_name", "agent_id", "agent_code", "agent_name", "team_code", "severity", "age_bucket"}
    | {"share_pct", "cumulative_pct", "breach_count"}
)


def summary_of(bd: pd.DataFrame) -> dict[str, Any]:
    """The period's tiles from its ``breakdowns``: their 'summary' row, as ``summary`` gives them (issue 14: the
    same pass over the period's rows as the breakdowns, not a statement of its own)."""
    at = int(np.flatnonzero(bd["dimension"].to_numpy() == "summary")[0])
    return {k: _plain(bd[k].iat[at]) for k in bd.columns if k not in _BREAKDOWN_ONLY}


def breakdowns(
    run: Runner,
    filters: Filters,
    goals: Targets,
    *,
    as_of: datetime | None = None,
    sla_as_of: datetime | None = None,
    weeks_only: bool = False,
) -> pd.DataFrame:
    """The rows of complaint_breakdowns: one per dimension x value (see the query's header), with the period's
    tiles as its 'summary' row (``summary_of``); with ``weeks_only`` the weekly rows alone (what ``weekly_trend``
    reads); *as of* and ``sla_as_of`` as in ``summary``."""
    return _run_at(run, BREAKDOWNS_QUERY, filters, goals, as_of, sla_as_of, weeks_only=weeks_only)


# ---------------------------------------------------------------- one function per figure (slices of breakdowns)
def _dimension(bd: pd.DataFrame, name: str, columns: list[str]) -> pd.DataFrame:
    return bd.loc[bd["dimension"] == name, columns].reset_index(drop=True)


_TABLE_COLUMNS = [
    "complaint_count",
    "first_response_n",
    "first_response_median_hours",
    "first_response_p90_hours",
    "sla_elapsed_count",
    "sla_met_count",
    "sla_attainment_pct",
    "resolution_n",
    "resolution_median_hours",
    "resolution_p90_hours",
    "backlog_count",
    "reopen_base_count",
    "reopened_count",
    "reopen_rate_pct",
    "recovery_n",
    "recovered_count",
    "recovery_rate_pct",
]


def week_starts(filters: Filters) -> list[date]:
    """The Mondays of the ISO weeks the period touches."""
    first = filters.start - timedelta(days=filters.start.isoweekday() - 1)
    return [first + timedelta(weeks=i) for i in range((filters.end - first).days // 7 + 1)]


def weekly_trend(bd: pd.DataFrame, filters: Filters, as_of: datetime | None = None) -> pd.DataFrame:
    """One row per ISO week of the period (empty weeks included) with control limits per series.

    Volume is complaints per day: the week's count / the days of the week inside the period and before
    *as of*, so that partial weeks at the period's edges compare fairly. A week holding a day still under
    way (*as of* is not a midnight) gets no volume point (``is_incomplete_week``): a part of a day's
    complaints over a part of a day misleads. Volume and the weekly medians get individuals (XmR) limits,
    the rates p-chart limits.
    Columns ``<series>`` and ``<series>_center``, ``_lower``, ``_upper``, ``_is_out``.
    """
    as_of = _as_of(filters, as_of)
    weeks = pd.DatetimeIndex(pd.to_datetime(week_starts(filters)), name="week_start")
    # built as plain arrays and made a DataFrame once (issue 14: column by column it cost ~30 ms a page)
    out: dict[str, Any] = {"week_start": weeks}
    out |= _by_week(bd, "received_week", weeks, _RECEIVED_WEEK_COLUMNS)
    out |= _by_week(bd, "resolved_week", weeks, _RESOLVED_WEEK_COLUMNS)
    # weeks and days are local to the reporting time zone; as_of is UTC
    stop = min(
        pd.Timestamp(filters.end) + pd.Timedelta(days=1), pd.Timestamp(to_local(as_of, filters.timezone))
    )
    starts = weeks.to_numpy()
    ends = (weeks + pd.Timedelta(days=7)).to_numpy()
    first = np.maximum(starts, pd.Timestamp(filters.start).to_datetime64())
    last = np.minimum(ends, stop.to_datetime64())
    days = np.clip((last - first) / np.timedelta64(1, "D"), 0.0, None)
    out["days_in_period"] = days
    with np.errstate(invalid="ignore", divide="ignore"):
        per_day = np.where(days > 0, out["complaint_count"] / np.where(days > 0, days, 1.0), np.nan)
    day_under_way = stop != stop.normalize()
    stop64 = stop.to_datetime64()
    incomplete = day_under_way & (starts <= stop64) & (stop64 < ends)
    per_day[incomplete] = np.nan
    out["complaints_per_day"] = per_day
    out["is_incomplete_week"] = incomplete
    # the week still under way (its last day not yet over at as_of): drawn apart ("in progress"), left out of
    # every series' control limits and never flagged; a week cut only by the period's own end is complete
    # for the days it counts
    as_of_local = pd.Timestamp(to_local(as_of, filters.timezone))
    period_running = as_of_local < pd.Timestamp(filters.end) + pd.Timedelta(days=1)
    local64 = as_of_local.to_datetime64()
    in_progress = period_running & (starts <= local64) & (local64 < ends)
    out["is_in_progress"] = in_progress
    for column in ("complaints_per_day", "first_response_median_hours", "resolution_median_hours"):
        chart = control_charts.individuals_chart(out[column], floor=0.0, exclude=in_progress)
        for part in ("center", "lower", "upper", "is_out"):
            out[f"{column}_{part}"] = chart[part].to_numpy()
    for column, events, totals in (
        ("sla_attainment_pct", "sla_met_count", "sla_elapsed_count"),
        ("reopen_rate_pct", "reopened_count", "reopen_base_count"),
        ("recovery_rate_pct", "recovered_count", "recovery_n"),
    ):
        chart = control_charts.p_chart(out[events], out[totals], exclude=in_progress)
        out[column] = chart["rate"].to_numpy() * 100.0
        for part in ("center", "lower", "upper"):
            out[f"{column}_{part}"] = chart[part].to_numpy() * 100.0
        out[f"{column}_is_out"] = chart["is_out"].to_numpy()
    return pd.DataFrame(out)


_RECEIVED_WEEK_COLUMNS = {
    "complaint_count": True,  # True: a count (0 in a week without rows), False: a measure (none there)
    "first_response_n": True,
    "first_response_median_hours": False,
    "sla_elapsed_count": True,
    "sla_met_count": True,
}
_RESOLVED_WEEK_COLUMNS = {
    "resolution_n": True,
    "resolution_median_hours": False,
    "reopen_base_count": True,
    "reopened_count": True,
    "recovery_n": True,
    "recovered_count": True,
}


def _by_week(bd: pd.DataFrame, name: str, weeks: pd.DatetimeIndex, columns: Mapping[str, bool]) -> dict:
    """The ``name`` rows of breakdowns laid on ``weeks``: counts as int64 (0 where a week has no row), measures
    as float64 (NaN there)."""
    rows = bd[bd["dimension"] == name]
    at = weeks.get_indexer(pd.to_datetime(rows["week_start"]))
    found = at >= 0
    out = {}
    for column, is_count in columns.items():
        values = np.full(len(weeks), 0.0 if is_count else np.nan)
        values[at[found]] = rows[column].to_numpy(dtype=float, na_value=0.0 if is_count else np.nan)[found]
        out[column] = values.astype("int64") if is_count else values
    return out


def backlog_by_age(bd: pd.DataFrame) -> pd.DataFrame:
    """Open complaints at *as of*: one row per age bucket x severity (all 12 cells, zeros included)."""
    rows = bd[bd["dimension"] == "backlog_age"]
    counts = dict(
        zip(
            zip(rows["age_bucket"].tolist(), rows["severity"].tolist(), strict=True),
            rows["backlog_count"].tolist(),
            strict=True,
        )
    )
    cells = [(b, s) for b in AGE_BUCKETS for s in SEVERITIES]
    return pd.DataFrame(
        {
            "age_bucket": [b for b, _ in cells],
            "severity": [s for _, s in cells],
            "backlog_count": np.array([counts.get(cell) or 0 for cell in cells], dtype="int64"),
        }
    )


def category_pareto(bd: pd.DataFrame) -> pd.DataFrame:
    """Categories by volume, largest first, with each one's share and the running share (Pareto)."""
    out = _dimension(bd, "category", ["category_group", "share_pct", "cumulative_pct", *_TABLE_COLUMNS])
    out = out[out["complaint_count"] > 0]
    return out.sort_values(["complaint_count", "category_group"], ascending=[False, True]).reset_index(
        drop=True
    )


def source_category_pareto(bd: pd.DataFrame) -> pd.DataFrame:
    """The source's own categories (``category_raw``; None: the export gave none) by volume, largest first, each
    with its standard group, share and running share: the Pareto's other view (issue 9)."""
    out = _dimension(
        bd,
        "source_category",
        ["category_raw", "category_group", "complaint_count", "share_pct", "cumulative_pct"],
    )
    out = out[out["complaint_count"] > 0].astype({"complaint_count": "int64"})
    key = out["category_raw"].fillna(out["category_group"])
    return (
        out.assign(_key=key)
        .sort_values(["complaint_count", "_key", "category_group"], ascending=[False, True, True])
        .drop(columns="_key")
        .reset_index(drop=True)
    )


def channel_mix(bd: pd.DataFrame) -> pd.DataFrame:
    """Channels by volume with their share, response and resolution times."""
    out = _dimension(bd, "channel", ["channel", "share_pct", *_TABLE_COLUMNS])
    out = out[out["complaint_count"] > 0]
    return out.sort_values(["complaint_count", "channel"], ascending=[False, True]).reset_index(drop=True)


def category_by_store(bd: pd.DataFrame) -> pd.DataFrame:
    """Complaints received per category x store (the heat map; store_code null = no store)."""
    out = _dimension(bd, "category_store", ["category_group", "store_id", "store_code", "complaint_count"])
    return out.sort_values(["store_code", "category_group"], na_position="last").reset_index(drop=True)


def sla_breaches(bd: pd.DataFrame) -> pd.DataFrame:
    """Response-SLA breaches of the period (24 h elapsed, not answered within them) by category group and store
    (store_code null: no store), the groups with at least one, most first: the overview's brief."""
    rows = _dimension(bd, "category_store", ["category_group", "store_code", "breach_count"])
    rows = rows[rows["breach_count"] > 0].astype({"breach_count": "int64"})
    return rows.sort_values(
        ["breach_count", "category_group", "store_code"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)


def store_table(bd: pd.DataFrame) -> pd.DataFrame:
    """One row per store (and one for complaints without a store) with every figure and its n."""
    out = _dimension(bd, "store", ["store_id", "store_code", "store_name", *_TABLE_COLUMNS])
    return out.sort_values(
        ["complaint_count", "store_code"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)


def agent_table(bd: pd.DataFrame) -> pd.DataFrame:
    """One row per assigned agent in the user's agent scope (and one for unassigned complaints)."""
    out = _dimension(bd, "agent", ["agent_id", "agent_code", "agent_name", "team_code", *_TABLE_COLUMNS])
    return out.sort_values(
        ["complaint_count", "agent_code"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)


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


def tiles(
    current: Mapping[str, Any], previous: Mapping[str, Any], goals: Targets, filters: Filters
) -> tuple[Figure, ...]:
    """The nine tiles: value, n, target, pass/fail (only with n >= low_confidence_n), change vs previous.

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
            low_confidence_n=goals.low_confidence_n,
            targets_by=by_severity,
        )
        out.append(partial.data_rules(fig, current, previous))
        if spec.key == "sla_attainment" and partial.duration_unit(current, "first_response") == "days":
            out.extend(partial.day_shares(current, previous, goals.low_confidence_n))
    return tuple(out)


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
    previous: Mapping[str, Any]  # the previous period's row
    tiles: tuple[Figure, ...]
    trend: pd.DataFrame  # weekly_trend
    backlog: pd.DataFrame  # backlog_by_age
    categories: pd.DataFrame  # category_pareto
    source_categories: pd.DataFrame  # source_category_pareto: the source's own categories
    channels: pd.DataFrame  # channel_mix
    category_store: pd.DataFrame  # category_by_store
    stores: pd.DataFrame  # store_table
    agents: pd.DataFrame  # agent_table

    def tile(self, key: str) -> Figure:
        return next(f for f in self.tiles if f.key == key)


def figures(
    run: Runner,
    filters: Filters,
    goals: Targets,
    *,
    as_of: datetime | None = None,
    now: datetime | None = None,
) -> ComplaintFigures:
    """Every figure of the Complaints page (two statements): the page, ``kpi complaints`` and the bench call this.

    ``run(name, params)`` runs a named query with the caller's scope bound (the page passes its cached
    ``ui.query``; the command line and the bench ``kpi.runner(con, scope)``); ``goals``: ``targets(con)``.
    """
    previous_filters = filters.previous()
    # SLA windows are judged now (or at the given as_of) for both periods; each backlog at its period's end
    sla_as_of = as_of or rounded_now(now)
    as_of = as_of_for(filters, now) if as_of is None else _as_of(filters, as_of)
    previous_as_of = as_of_for(previous_filters, as_of)  # the previous period's end (as_of is later)
    bd = breakdowns(run, filters, goals, as_of=as_of, sla_as_of=sla_as_of)
    current = summary_of(bd)
    before = summary(run, previous_filters, goals, as_of=previous_as_of, sla_as_of=sla_as_of)
    return ComplaintFigures(
        filters=filters,
        previous_filters=previous_filters,
        as_of=as_of,
        sla_as_of=sla_as_of,
        previous_as_of=previous_as_of,
        targets=goals,
        summary=current,
        previous=before,
        tiles=tiles(current, before, goals, filters),
        trend=weekly_trend(bd, filters, as_of),
        backlog=backlog_by_age(bd),
        categories=category_pareto(bd),
        source_categories=source_category_pareto(bd),
        channels=channel_mix(bd),
        category_store=category_by_store(bd),
        stores=store_table(bd),
        agents=agent_table(bd),
    )


def is_empty(figs: ComplaintFigures) -> bool:
    """Nothing received, resolved or open for these filters: the page shows its empty state."""
    s = figs.summary
    return not (
        s["complaint_count"] or s["reopen_base_count"] or s.get("reopen_unknown_count") or s["backlog_count"]
    )
