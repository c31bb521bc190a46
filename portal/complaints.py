"""The Complaints dashboard's figures (SPEC.md §3 Complaints) for the page, ``kpi complaints`` and the bench.

Everything is computed in DuckDB by two query files; this module binds their parameters and shapes their
rows into the page's figures. The page's whole figure set is three queries: ``complaint_summary`` for the
period and for the previous period of equal length (the tiles and their change), and
``complaint_breakdowns`` for the period (weekly trends, channel mix, category Pareto, category x store,
store and agent tables, backlog by age). Each figure has its own function below, slicing that one result.

Definitions (what every figure counts)
-------------------------------------
- Period: the Filters' dates as days of the reporting time zone, ``$start_at`` inclusive to ``$end_at``
  exclusive (UTC).
- As of: the backlog is taken *as of* the end of the period or now, whichever is earlier (now rounded down
  to five minutes, so cached figures are reused); the previous period's backlog as of its own end. SLA
  windows are judged now (``sla_as_of``, migration 004), in both periods: a complaint received on a past
  period's last day counts once its 24 h have run out. Tests pass ``as_of`` (and ``sla_as_of``).
- Received side: volume, first response, SLA attainment, channel mix, categories and weekly volume count the
  complaints *received* in the period. Cancelled complaints count in the volume.
- Resolution side: resolution time, reopen rate and recovery rate count the complaints whose resolution stamp
  falls in the period. The resolution stamp is ``resolved_at`` (the last resolution if reopened), or
  ``closed_at`` for a closed complaint without one. A complaint is *resolved* when its status is resolved or
  closed.
- Cancelled: counted in volume, never as resolved, never in a duration, the SLA or the backlog — a cancelled
  complaint with a closed date is cancelled, not resolved.
- First response time (FRT) = first_response_at − received_at; resolution time = resolution stamp −
  received_at. Median and 90th percentile by linear interpolation (as numpy / pandas do by default).
- Response SLA attainment = complaints answered within ``response_sla_hours`` (24 h) / complaints whose
  24 h have elapsed by ``sla_as_of`` (now), answered or not. Unanswered after 24 h is a breach; a complaint still inside
  its 24 h counts in neither part, even when already answered.
- Backlog = complaints not cancelled, received before *as of*, and not resolved (or closed) by *as of*,
  whatever their receipt date, by age since receipt in calendar time: <1 d, 1-3 d, 3-7 d, >7 d. The current
  status decides whether a complaint is open (a reopened one is open again); its resolution stamp decides
  since when it is resolved, and a resolved complaint without a stamp counts as resolved before *as of*
  (complaint_status_history is not replayed).
- Reopen rate = complaints reopened at least once (reopen_count > 0, or status reopened) / complaints whose
  resolution stamp falls in the period (including those reopened since).
- Recovery rate = resolved complaints of the period with post-resolution satisfaction >= 4 / those of them
  with an answer to that question.
- Resolution within target: resolution time <= the complaint's severity target (resolution_target_hours).

Date-only stamps. A stamp that came as a date only (``*_date_only``) counts for volume, for the period a
complaint falls in, and for the backlog (as midnight UTC of that date), but is left out of every
hour-precision figure: FRT, resolution time and SLA attainment leave out a complaint when either of the two
stamps involved is date-only. Every figure carries its n, and the summary counts the left-out ones
(``first_response_date_only_count``, ``resolution_date_only_count``, ``received_date_only_count``).

Business hours. With ``Filters.business_hours`` durations (FRT, resolution time, SLA windows) count only the
store's opening hours (store_hours, per ISO weekday, local time of the store's time zone; a weekday without
a row is closed; closing at or before opening means open until midnight). Complaints without a store, or at
a store without opening hours (or closed all week), keep calendar hours: ``business_hours_count`` says how
many were counted in business hours. The SLA window becomes 24 *business* hours. Backlog age stays calendar
time. UTC stamps go to the store's local clock through a per-day UTC offset table; a day on which the offset
changes (daylight saving) is converted stamp by stamp, so the count is exact on those days too. Holidays
are not modelled (store_hours has none).

Tables. The store table has one row for complaints without a store; the agent table one for unassigned
complaints (shown to chain-wide agent scopes only). Groups appear when they hold a complaint received or
resolved in the period, or open at *as of*.

Scope. Rows are restricted inside the SQL (``in_store_scope``; the agent table also ``in_agent_scope``).
A complaint without a store is visible only to a chain-wide scope. Days and weeks are those of the
reporting time zone (``Filters.timezone``, from settings.report_timezone).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from portal import control_charts, db, settings
from portal.filters import Filters, utc_midnight
from portal.i18n import TABLE, t
from portal.scope import Scope

SUMMARY_QUERY = "complaint_summary"
BREAKDOWNS_QUERY = "complaint_breakdowns"
# One complaint by its source id (the detail panel): no period or filters, the store scope only.
DETAIL_QUERY = "complaint_detail"
HISTORY_QUERY = "complaint_status_history"
RECORD_QUERIES = (DETAIL_QUERY, HISTORY_QUERY)

# The values the complaint import stores (portal/ingest/complaints.py); labels in portal/i18n/complaints.py.
CHANNELS = ("hotline", "online", "in_store", "social_media", "email", "app")
CATEGORY_GROUPS = (
    "product_quality",
    "service_attitude",
    "delivery",
    "price",
    "returns_after_sales",
    "store_environment",
    "other",
)
SEVERITIES = ("high", "normal", "low")
STATUSES = ("open", "responded", "resolved", "closed", "reopened", "cancelled")
AGE_BUCKETS = ("lt_1d", "d1_3", "d3_7", "gt_7d")
AS_OF_ROUNDING = timedelta(minutes=5)

Runner = Callable[[str, Mapping[str, Any]], pd.DataFrame]


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
    """The complaint targets from the settings (portal/settings.py defaults, or an admin's overrides)."""
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


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def period_end(filters: Filters) -> datetime:
    """The end of the period's last day (local midnight in the reporting time zone), in UTC."""
    return utc_midnight(filters.end + timedelta(days=1), filters.timezone)


def to_local(stamp: datetime, timezone: str) -> datetime:
    """A stored (naive UTC) time as the naive local time of ``timezone``."""
    return stamp.replace(tzinfo=UTC).astimezone(ZoneInfo(timezone)).replace(tzinfo=None)


def rounded_now(now: datetime | None = None) -> datetime:
    """Now (UTC) rounded down to 5 minutes, so that cached figures are reused."""
    now = now or utc_now()
    return now - (now - datetime.min) % AS_OF_ROUNDING


def as_of_for(filters: Filters, now: datetime | None = None) -> datetime:
    """The end of the period or now (UTC, rounded down to 5 minutes), whichever is earlier."""
    return min(period_end(filters), rounded_now(now))


def _as_of(filters: Filters, as_of: datetime | None) -> datetime:
    """A given *as of* (never after the period's end), or the default."""
    return as_of_for(filters) if as_of is None else min(as_of, period_end(filters))


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


def _runner(con, scope: Scope, run: Runner | None) -> Runner:
    if run is not None:
        return run
    return lambda name, params: db.run_query(con, name, params, scope)


# ---------------------------------------------------------------- the two queries
def summary(
    con,
    scope: Scope,
    filters: Filters,
    *,
    as_of: datetime | None = None,
    sla_as_of: datetime | None = None,
    goals: Targets | None = None,
    run: Runner | None = None,
) -> dict[str, Any]:
    """The tiles' figures of one period (one row of complaint_summary as a dict; NaN as None).
    The backlog is taken *as of* (at most the period's end); SLA windows are judged at ``sla_as_of``
    (default: the given *as of*, else now)."""
    goals = goals or targets(con)
    sla_as_of = sla_as_of or as_of or rounded_now()
    as_of = _as_of(filters, as_of)
    frame = _runner(con, scope, run)(SUMMARY_QUERY, query_params(filters, goals, as_of, sla_as_of))
    return {k: _plain(v) for k, v in frame.to_dict(orient="records")[0].items()}


def breakdowns(
    con,
    scope: Scope,
    filters: Filters,
    *,
    as_of: datetime | None = None,
    sla_as_of: datetime | None = None,
    goals: Targets | None = None,
    run: Runner | None = None,
) -> pd.DataFrame:
    """The rows of complaint_breakdowns: one per dimension x value (see the query's header); *as of* and
    ``sla_as_of`` as in ``summary``."""
    goals = goals or targets(con)
    sla_as_of = sla_as_of or as_of or rounded_now()
    as_of = _as_of(filters, as_of)
    return _runner(con, scope, run)(BREAKDOWNS_QUERY, query_params(filters, goals, as_of, sla_as_of))


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

    def part(name: str, columns: list[str]) -> pd.DataFrame:
        rows = bd[bd["dimension"] == name]
        return rows.set_index(pd.to_datetime(rows["week_start"]))[columns].reindex(weeks)

    out = pd.concat(
        [
            part(
                "received_week",
                [
                    "complaint_count",
                    "first_response_n",
                    "first_response_median_hours",
                    "sla_elapsed_count",
                    "sla_met_count",
                ],
            ),
            part(
                "resolved_week",
                [
                    "resolution_n",
                    "resolution_median_hours",
                    "reopen_base_count",
                    "reopened_count",
                    "recovery_n",
                    "recovered_count",
                ],
            ),
        ],
        axis=1,
    )
    counts = [
        "complaint_count",
        "first_response_n",
        "sla_elapsed_count",
        "sla_met_count",
        "resolution_n",
        "reopen_base_count",
        "reopened_count",
        "recovery_n",
        "recovered_count",
    ]
    out[counts] = out[counts].fillna(0).astype("int64")
    out = out.reset_index()
    # weeks and days are local to the reporting time zone; as_of is UTC
    stop = min(
        pd.Timestamp(filters.end) + pd.Timedelta(days=1), pd.Timestamp(to_local(as_of, filters.timezone))
    )
    first = np.maximum(weeks, pd.Timestamp(filters.start))
    last = np.minimum(weeks + pd.Timedelta(days=7), stop)
    out["days_in_period"] = np.clip((last - first) / pd.Timedelta(days=1), 0.0, None)
    out["complaints_per_day"] = (out["complaint_count"] / out["days_in_period"]).where(
        out["days_in_period"] > 0
    )
    day_under_way = stop != stop.normalize()
    out["is_incomplete_week"] = day_under_way & (weeks <= stop) & (stop < weeks + pd.Timedelta(days=7))
    out.loc[out["is_incomplete_week"], "complaints_per_day"] = float("nan")
    _add_individuals(out, "complaints_per_day")
    _add_individuals(out, "first_response_median_hours")
    _add_individuals(out, "resolution_median_hours")
    _add_rate(out, "sla_attainment_pct", "sla_met_count", "sla_elapsed_count")
    _add_rate(out, "reopen_rate_pct", "reopened_count", "reopen_base_count")
    _add_rate(out, "recovery_rate_pct", "recovered_count", "recovery_n")
    return out


def _add_individuals(out: pd.DataFrame, column: str) -> None:
    chart = control_charts.individuals_chart(out[column].tolist(), floor=0.0)
    for part in ("center", "lower", "upper", "is_out"):
        out[f"{column}_{part}"] = chart[part].to_numpy()


def _add_rate(out: pd.DataFrame, column: str, events: str, totals: str) -> None:
    chart = control_charts.p_chart(out[events].tolist(), out[totals].tolist())
    out[column] = chart["rate"].to_numpy() * 100.0
    for part in ("center", "lower", "upper"):
        out[f"{column}_{part}"] = chart[part].to_numpy() * 100.0
    out[f"{column}_is_out"] = chart["is_out"].to_numpy()


def backlog_by_age(bd: pd.DataFrame) -> pd.DataFrame:
    """Open complaints at *as of*: one row per age bucket x severity (all 12 cells, zeros included)."""
    grid = pd.DataFrame([(b, s) for b in AGE_BUCKETS for s in SEVERITIES], columns=["age_bucket", "severity"])
    rows = _dimension(bd, "backlog_age", ["age_bucket", "severity", "backlog_count"])
    known = rows[rows["severity"].isin(SEVERITIES)]
    out = grid.merge(known, on=["age_bucket", "severity"], how="left")
    out["backlog_count"] = out["backlog_count"].fillna(0).astype("int64")
    return out


def category_pareto(bd: pd.DataFrame) -> pd.DataFrame:
    """Categories by volume, largest first, with each one's share and the running share (Pareto)."""
    out = _dimension(bd, "category", ["category_group", "share_pct", "cumulative_pct", *_TABLE_COLUMNS])
    out = out[out["complaint_count"] > 0]
    return out.sort_values(["complaint_count", "category_group"], ascending=[False, True]).reset_index(
        drop=True
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


@dataclass(frozen=True)
class Tile:
    key: str
    unit: str
    better: str
    value: float | None
    n: int
    previous_value: float | None
    previous_n: int
    change: float | None  # value - previous value (percentage points for rates)
    target: float | None  # None: no single target (see target_by_severity) or none set
    status: str | None  # meets, misses, low_confidence, or None (no target)
    target_by_severity: Mapping[str, float] | None = None


def _tile_target(spec: TileSpec, goals: Targets, filters: Filters) -> tuple[float | None, Mapping | None]:
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
) -> list[Tile]:
    """The nine tiles: value, n, target, pass/fail (only with n >= low_confidence_n), change vs previous."""
    out = []
    for spec in TILE_SPECS:
        value, before = current.get(spec.value), previous.get(spec.value)
        n, previous_n = int(current.get(spec.n) or 0), int(previous.get(spec.n) or 0)
        target, by_severity = _tile_target(spec, goals, filters)
        if n < goals.low_confidence_n:
            status = "low_confidence"
        elif target is None or value is None:
            status = None
        elif spec.better == "lower":
            status = "meets" if value <= target else "misses"
        else:
            status = "meets" if value >= target else "misses"
        change = None if value is None or before is None else value - before
        out.append(
            Tile(
                spec.key,
                spec.unit,
                spec.better,
                value,
                n,
                before,
                previous_n,
                change,
                target,
                status,
                by_severity,
            )
        )
    return out


# ---------------------------------------------------------------- the page's whole figure set
def figures(
    con,
    scope: Scope,
    filters: Filters,
    *,
    as_of: datetime | None = None,
    now: datetime | None = None,
    run: Runner | None = None,
    goals: Targets | None = None,
) -> dict[str, Any]:
    """Every figure of the Complaints page (three queries): the page, ``kpi complaints`` and the bench call this.

    ``run(name, params)`` runs a named query for the caller (the page passes its cached ``ui.query``);
    by default ``db.run_query(con, name, params, scope)``.
    """
    goals = goals or targets(con)
    previous_filters = filters.previous()
    # SLA windows are judged now (or at the given as_of) for both periods; each backlog at its period's end
    sla_as_of = as_of or rounded_now(now)
    as_of = as_of_for(filters, now) if as_of is None else _as_of(filters, as_of)
    previous_as_of = as_of_for(previous_filters, as_of)  # the previous period's end (as_of is later)
    current = summary(con, scope, filters, as_of=as_of, sla_as_of=sla_as_of, goals=goals, run=run)
    before = summary(
        con, scope, previous_filters, as_of=previous_as_of, sla_as_of=sla_as_of, goals=goals, run=run
    )
    bd = breakdowns(con, scope, filters, as_of=as_of, sla_as_of=sla_as_of, goals=goals, run=run)
    return {
        "filters": filters,
        "previous_filters": previous_filters,
        "as_of": as_of,
        "sla_as_of": sla_as_of,
        "previous_as_of": previous_as_of,
        "targets": goals,
        "summary": current,
        "previous": before,
        "tiles": tiles(current, before, goals, filters),
        "trend": weekly_trend(bd, filters, as_of),
        "backlog": backlog_by_age(bd),
        "categories": category_pareto(bd),
        "channels": channel_mix(bd),
        "category_store": category_by_store(bd),
        "stores": store_table(bd),
        "agents": agent_table(bd),
    }


def is_empty(figs: Mapping[str, Any]) -> bool:
    """Nothing received, resolved or open for these filters: the page shows its empty state."""
    s = figs["summary"]
    return not (s["complaint_count"] or s["reopen_base_count"] or s["backlog_count"])


# ---------------------------------------------------------------- one complaint (the detail panel)
@dataclass(frozen=True)
class ComplaintDetail:
    """One complaint for people, in one language: (label, value) pairs and its status history."""

    complaint_id: int
    fields: pd.DataFrame  # two columns: the field's label and its value, as text
    history: pd.DataFrame  # when (UTC) and which status, oldest first; empty when none was recorded


def _stamp(value, date_only: bool, lang: str) -> str:
    if value is None or pd.isna(value):
        return t("common.none", lang)
    stamp = pd.Timestamp(value)
    if date_only:
        return t("complaints.detail.date_only", lang, date=stamp.strftime("%Y-%m-%d"))
    return stamp.strftime("%Y-%m-%d %H:%M")


def _detail_fields(row: Mapping[str, Any], lang: str) -> pd.DataFrame:
    category = value_label("category", row["category_group"], lang)
    raw = row["category_raw"]
    if raw is not None and not pd.isna(raw) and str(raw).strip():
        category = f"{raw} ({category})"
    store = (
        t("complaints.no_store", lang)
        if row["store_code"] is None or pd.isna(row["store_code"])
        else f"{row['store_code']} {row['store_name']}"
    )
    csat = row["post_resolution_csat"]
    pairs = [
        ("source_id", str(row["source_id"])),
        ("source", str(row["source"])),
        ("received", _stamp(row["received_at"], bool(row["received_date_only"]), lang)),
        ("channel", value_label("channel", row["channel"], lang)),
        ("category", category),
        ("severity", value_label("severity", row["severity"], lang)),
        ("store", store),
        ("status", value_label("state", row["status"], lang)),
        ("first_response", _stamp(row["first_response_at"], bool(row["first_response_date_only"]), lang)),
        ("resolved", _stamp(row["resolved_at"], bool(row["resolved_date_only"]), lang)),
        ("closed", _stamp(row["closed_at"], bool(row["closed_date_only"]), lang)),
        ("reopen_count", f"{int(row['reopen_count']):,}"),
        ("csat", t("common.none", lang) if csat is None or pd.isna(csat) else f"{int(csat)} / 5"),
    ]
    return pd.DataFrame(
        {
            t("complaints.detail.col.field", lang): [t(f"complaints.detail.{k}", lang) for k, _ in pairs],
            t("complaints.detail.col.value", lang): [v for _, v in pairs],
        }
    )


def complaint_details(run: Runner, source_id: str | None, lang: str = "en") -> list[ComplaintDetail]:
    """The complaint(s) with this source id that the caller may see (``run`` binds their scope), for people.

    Empty when the id is blank, unknown or outside the caller's store scope: the three look the same.
    Several only when several source systems use the same id.
    """
    source_id = (source_id or "").strip()
    if not source_id:
        return []
    found = run(DETAIL_QUERY, {"complaint": source_id})
    if found.empty:
        return []
    history = run(HISTORY_QUERY, {"complaint": source_id})
    out = []
    for row in found.to_dict(orient="records"):
        own = history[history["complaint_id"] == row["complaint_id"]]
        out.append(
            ComplaintDetail(
                complaint_id=int(row["complaint_id"]),
                fields=_detail_fields(row, lang),
                history=pd.DataFrame(
                    {
                        t("complaints.detail.col.changed_at", lang): [
                            pd.Timestamp(v).strftime("%Y-%m-%d %H:%M") for v in own["changed_at"]
                        ],
                        t("complaints.detail.col.status", lang): [
                            value_label("state", v, lang) for v in own["status"]
                        ],
                    }
                ),
            )
        )
    return out


# ---------------------------------------------------------------- JSON and text (kpi complaints)
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


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def _period(filters: Filters, as_of: datetime) -> dict[str, Any]:
    return {
        "start": filters.start.isoformat(),
        "end": filters.end.isoformat(),
        "timezone": filters.timezone,
        "as_of": as_of.isoformat(),
    }


def to_json(figs: Mapping[str, Any]) -> dict[str, Any]:
    """The figure set as plain JSON data: hours for durations, percentages 0-100 for rates."""
    filters: Filters = figs["filters"]
    s = figs["summary"]
    backlog = figs["backlog"]
    return {
        "period": _period(filters, figs["as_of"]),
        "previous_period": _period(figs["previous_filters"], figs["previous_as_of"]),
        "sla_judged_at": figs["sla_as_of"].isoformat(),  # both periods' 24 h windows
        "filters": {
            "region_ids": list(filters.region_ids),
            "store_ids": list(filters.store_ids),
            "channels": list(filters.channels),
            "categories": list(filters.categories),
            "severities": list(filters.severities),
            "business_hours": filters.business_hours,
        },
        "targets": {
            k: (dict(v) if isinstance(v, Mapping) else v) for k, v in asdict(figs["targets"]).items()
        },
        "summary": dict(s),
        "previous_summary": dict(figs["previous"]),
        "tiles": [
            {k: (dict(v) if isinstance(v, Mapping) else _plain(v)) for k, v in asdict(tile).items()}
            for tile in figs["tiles"]
        ],
        "backlog_by_age": {
            b: int(backlog.loc[backlog["age_bucket"] == b, "backlog_count"].sum()) for b in AGE_BUCKETS
        },
        "backlog_by_age_and_severity": _records(backlog),
        "channels": _records(figs["channels"]),
        "categories": _records(figs["categories"]),
        "weekly": _records(
            figs["trend"][
                [
                    "week_start",
                    "days_in_period",
                    "complaint_count",
                    "first_response_n",
                    "first_response_median_hours",
                    "sla_elapsed_count",
                    "sla_met_count",
                    "sla_attainment_pct",
                    "resolution_n",
                    "resolution_median_hours",
                    "reopen_base_count",
                    "reopened_count",
                    "reopen_rate_pct",
                    "recovery_n",
                    "recovered_count",
                    "recovery_rate_pct",
                ]
            ]
        ),
        "stores": _records(figs["stores"]),
        "agents": _records(figs["agents"]),
    }


def format_value(unit: str, value: float | None, lang: str = "en") -> str:
    """A tile's value for display: counts with separators, hours and percentages with one decimal."""
    if value is None:
        return t("common.none", lang)
    if unit == "count":
        return f"{int(value):,}"
    if unit == "hours":
        return t("complaints.value.hours", lang, v=value)
    return t("complaints.value.pct", lang, v=value)


def change_is_zero(tile: Tile) -> bool:
    """The change rounds to zero at the precision shown (whole counts, 0.1 h, 0.1 pp)."""
    if tile.change is None:
        return False
    return round(tile.change) == 0 if tile.unit == "count" else round(tile.change, 1) == 0


def format_change(tile: Tile, lang: str = "en") -> str | None:
    """The change against the previous period (percentage points for rates); None without both values.

    A change that rounds to zero is shown without a sign ("0.0 h", not "+0.0 h" or "-0.0 h").
    """
    if tile.change is None:
        return None
    zero = change_is_zero(tile)
    if tile.unit == "count":
        return "0" if zero else f"{round(tile.change):+,}"
    key = "complaints.change.hours" if tile.unit == "hours" else "complaints.change.pp"
    return t(key + (".zero" if zero else ""), lang, v=0.0 if zero else tile.change)


def delta_style(tile: Tile) -> tuple[str, str]:
    """st.metric's (delta_color, delta_arrow): grey and no arrow for a change that rounds to zero; grey with
    its arrow on a low-confidence tile (too few complaints to call it better or worse); else green for a
    change in the better direction (``inverse`` where lower is better)."""
    if change_is_zero(tile):
        return "off", "off"
    if tile.status == "low_confidence":
        return "off", "auto"
    return ("inverse" if tile.better == "lower" else "normal"), "auto"


def format_target(tile: Tile, goals: Targets, lang: str = "en") -> str:
    """The tile's target in words (the SLA window when no attainment target is set)."""
    if tile.target_by_severity:
        parts = [f"{t(f'complaints.severity.{s}', lang)} {v:g}" for s, v in tile.target_by_severity.items()]
        return t("complaints.target.by_severity", lang, targets=" / ".join(parts))
    if tile.target is None:
        if tile.key == "sla_attainment":
            return t("complaints.target.sla_window", lang, hours=goals.sla_hours)
        return t("complaints.target.none", lang)
    if tile.unit == "hours":
        return t("complaints.target.at_most", lang, value=format_value("hours", tile.target, lang))
    word = "complaints.target.at_most" if tile.better == "lower" else "complaints.target.at_least"
    return t(word, lang, value=format_value(tile.unit, tile.target, lang))


def value_label(kind: str, value, lang: str = "en") -> str:
    """The label of a channel, category, severity or age bucket (``kind``); an unknown value shows as itself."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return t("complaints.no_store", lang) if kind == "store" else t("complaints.unassigned", lang)
    key = f"complaints.{kind}.{value}"
    return t(key, lang) if key in TABLE else str(value)


def display_formats(frame: pd.DataFrame, lang: str = "en") -> dict[str, str]:
    """How ``display_table(frame, lang)`` shows its figures: ``{column label: printf format}`` for
    ``st.column_config.NumberColumn`` — hours and percentages with one fixed decimal, counts whole with
    thousands separators."""
    out = {}
    for column in frame.columns:
        key = f"complaints.col.{column}"
        if key not in TABLE:
            continue
        if column.endswith(("_hours", "_pct")):
            out[t(key, lang)] = "%,.1f"
        elif column.endswith(("_count", "_n")):
            out[t(key, lang)] = "%,d"
    return out


def display_table(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A store or agent table for people: labelled columns in ``lang``, figures rounded to 0.1, counts whole
    (``display_formats`` says how to show them)."""
    out = frame.drop(columns=[c for c in ("store_id", "agent_id") if c in frame.columns]).copy()
    if "store_code" in out.columns:
        out["store_code"] = (
            out["store_code"]
            .astype("object")
            .where(out["store_code"].notna(), t("complaints.no_store", lang))
        )
    for name in ("store_name", "agent_name"):
        if name in out.columns:
            out[name] = out[name].astype("object").where(out[name].notna(), t("common.none", lang))
    if "agent_code" in out.columns:
        out["agent_code"] = (
            out["agent_code"]
            .astype("object")
            .where(out["agent_code"].notna(), t("complaints.unassigned", lang))
        )
    shown = [c for c in out.columns if f"complaints.col.{c}" in TABLE]
    out = out[shown].round(1)
    for column in shown:
        if column.endswith(("_count", "_n")):
            out[column] = out[column].astype("Int64")
    return out.rename(columns={c: t(f"complaints.col.{c}", lang) for c in shown})


def text_summary(figs: Mapping[str, Any], lang: str = "en") -> str:
    """A few lines for people reading ``kpi complaints`` without --json."""
    filters: Filters = figs["filters"]
    lines = [
        t(
            "complaints.cli.period",
            lang,
            start=filters.start.isoformat(),
            end=filters.end.isoformat(),
            tz=filters.timezone,
            as_of=to_local(figs["as_of"], filters.timezone).isoformat(sep=" ", timespec="minutes"),
        )
    ]
    for tile in figs["tiles"]:
        change = format_change(tile, lang)
        lines.append(
            f"  {t(f'complaints.tile.{tile.key}', lang)}: {format_value(tile.unit, tile.value, lang)}"
            f"  (n = {tile.n:,}; {format_target(tile, figs['targets'], lang)}"
            + (f"; {change} {t('complaints.tile.vs_previous', lang)}" if change else "")
            + ")"
        )
    backlog = figs["backlog"].groupby("age_bucket", sort=False)["backlog_count"].sum()
    lines.append(
        "  "
        + t("complaints.backlog_by_age", lang)
        + ": "
        + ", ".join(f"{t(f'complaints.age.{b}', lang)} {int(backlog.get(b, 0)):,}" for b in AGE_BUCKETS)
    )
    return "\n".join(lines)
