"""The Complaints page's figures as slices of one ``complaint_breakdowns`` result: one function per figure
(weekly trend, backlog by age, category Pareto, channel mix, category x store, SLA breaches, store and agent
tables). ``portal.complaints.figures`` runs the query and gathers them (and re-exports them)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from portal import control_charts
from portal.complaints.as_of import _as_of, to_local
from portal.filters import Filters
from portal.vocab import AGE_BUCKETS, SEVERITIES


def _null(v) -> bool:
    return v is None or v is pd.NA or v != v


class _Descending:
    """A sort key's value in reverse order, for a value that cannot be negated (text, a date or a timestamp)."""

    __slots__ = ("value",)

    def __init__(self, value) -> None:
        self.value = value

    def __eq__(self, other) -> bool:
        return self.value == other.value

    def __lt__(self, other) -> bool:
        return other.value < self.value


def _descending(v):
    return -v if isinstance(v, int | float) else _Descending(v)


def _sorted_rows(
    bd: pd.DataFrame,
    name: str,
    columns: list[str],
    keys: list[tuple[str, bool]],
    *,
    positive: str | None = None,
    fallback: Mapping[str, str] | None = None,
    cast: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The rows of one dimension, ``columns`` only, ordered by ``keys`` ((column, descending) pairs; nulls last,
    ties kept in the result's order: ``sort_values`` with ``na_position="last"``), with ``positive`` only those whose
    column holds a value above 0, a key column of ``fallback`` read as the other column where it is null, and the
    columns of ``cast`` cast to its type (an integer type: an error on a null, as ``astype``). The order is found in
    Python over the few rows' key values and each column's rows taken once (issue 14: the pick of the dimension, the
    filter, ``sort_values`` and a frame's ``astype`` on Arrow-backed frames cost 1.5-3.5 ms a slice)."""
    at = np.flatnonzero(bd["dimension"].to_numpy(object) == name)
    values = {c: bd[c].to_numpy(object)[at].tolist() for c, _ in keys}
    for c, other in (fallback or {}).items():
        values[c] = [
            o if _null(v) else v for v, o in zip(values[c], bd[other].to_numpy(object)[at], strict=True)
        ]
    rows = range(len(at))
    if positive is not None:
        kept = bd[positive].to_numpy(object)[at].tolist()
        rows = [i for i in rows if not _null(kept[i]) and kept[i] > 0]
    read = [(values[c], descending) for c, descending in keys]

    def key(i: int) -> tuple:
        return tuple(
            (True, 0) if _null(v := col[i]) else (False, _descending(v) if desc else v) for col, desc in read
        )

    order = at[sorted(rows, key=key)]
    cast = cast or {}
    taken = {c: bd[c].array.take(order) for c in columns}
    return pd.DataFrame({c: v.astype(cast[c]) if c in cast else v for c, v in taken.items()}, copy=False)


_TABLE_COLUMNS = [
    "complaint_count",
    "first_response_n",
    "first_response_median_hours",
    "first_response_p90_hours",
    "sla_elapsed_count",
    "sla_met_count",
    "sla_attainment_pct",
    "sla_undecided_count",  # answers on a date only the dates cannot judge: out of the SLA's n, said
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


# each trend series and the column of the n its weekly point rests on (a point on fewer than the low-confidence
# n is low confidence: drawn hollow, left out of its series' limits and never flagged)
SERIES_N = {
    "complaints_per_day": "complaint_count",
    "first_response_median_hours": "first_response_n",
    "sla_attainment_pct": "sla_elapsed_count",
    "resolution_median_hours": "resolution_n",
    "reopen_rate_pct": "reopen_base_count",
    "recovery_rate_pct": "recovery_n",
}
DEFAULT_LOW_CONFIDENCE_N = 30


def week_starts(filters: Filters) -> list[date]:
    """The Mondays of the ISO weeks the period touches."""
    first = filters.start - timedelta(days=filters.start.isoweekday() - 1)
    return [first + timedelta(weeks=i) for i in range((filters.end - first).days // 7 + 1)]


def weekly_trend(
    bd: pd.DataFrame,
    filters: Filters,
    as_of: datetime | None = None,
    low_confidence_n: int = DEFAULT_LOW_CONFIDENCE_N,
) -> pd.DataFrame:
    """One row per ISO week of the period (empty weeks included) with control limits per series.

    Volume is complaints per day: the week's count / the days of the week inside the period and before
    *as of*, so that partial weeks at the period's edges compare fairly. A week holding a day still under
    way (*as of* is not a midnight, ``is_incomplete_week``) counts its finished days alone: the complaints received
    before that day over those days (``finished_days``; none on the week's first day: no point), since a part of
    a day's complaints over a part of a day misleads. Volume and the weekly medians get individuals (XmR) limits,
    the rates p-chart limits. The week still under way (``is_in_progress``) and a week only partly inside the
    period (``is_partial_week``: fewer than 7 of its days in it) are left out of the limits and never flagged;
    so is, in each series, a week resting on fewer than ``low_confidence_n`` items (its n: ``SERIES_N``), as the
    overview's alerts leave it out (SPEC §3: never on fewer than the low-confidence n).
    Columns ``<series>`` and ``<series>_center``, ``_lower``, ``_upper``, ``_is_out``, ``_is_low_confidence``.
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
    # the week holding the day under way: its complaints of the finished days over those days (none on its
    # first day)
    finished = np.clip((stop.normalize().to_datetime64() - first) / np.timedelta64(1, "D"), 0.0, None)
    finished = np.where(incomplete, finished, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        so_far = out["finished_day_count"] / np.where(finished > 0, finished, 1.0)
    per_day[incomplete] = np.where(finished[incomplete] > 0, so_far[incomplete], np.nan)
    out["complaints_per_day"] = per_day
    out["is_incomplete_week"] = incomplete
    out["finished_days"] = finished
    # the week still under way (its last day not yet over at as_of): drawn apart ("in progress"), left out of
    # every series' control limits and never flagged; a week cut by the period's own end (or start) is not in
    # progress but partial (below)
    as_of_local = pd.Timestamp(to_local(as_of, filters.timezone))
    period_running = as_of_local < pd.Timestamp(filters.end) + pd.Timedelta(days=1)
    local64 = as_of_local.to_datetime64()
    in_progress = period_running & (starts <= local64) & (local64 < ends)
    out["is_in_progress"] = in_progress
    # a week only partly inside the period (its first days before the period's start, its last after its
    # end): its figures rest on those days alone (a one-day week's median on a Sunday's complaints), so it is
    # drawn apart and, like the week in progress, left out of every series' limits and never flagged (SPEC:
    # a signal on complete periods)
    partial = ~in_progress & (days > 0) & (days < 7 - 1e-9)  # (a week after as_of has no days: no value)
    out["is_partial_week"] = partial
    apart = in_progress | partial
    low = {column: np.asarray(out[n], dtype=float) < low_confidence_n for column, n in SERIES_N.items()}
    for column in ("complaints_per_day", "first_response_median_hours", "resolution_median_hours"):
        chart = control_charts.individuals_chart_arrays(out[column], floor=0.0, exclude=apart | low[column])
        for part in ("center", "lower", "upper", "is_out"):
            out[f"{column}_{part}"] = chart[part]
    for column, events, totals in (
        ("sla_attainment_pct", "sla_met_count", "sla_elapsed_count"),
        ("reopen_rate_pct", "reopened_count", "reopen_base_count"),
        ("recovery_rate_pct", "recovered_count", "recovery_n"),
    ):
        chart = control_charts.p_chart_arrays(out[events], out[totals], exclude=apart | low[column])
        out[column] = chart["rate"] * 100.0
        for part in ("center", "lower", "upper"):
            out[f"{column}_{part}"] = chart[part] * 100.0
        out[f"{column}_is_out"] = chart["is_out"]
    for column, is_low in low.items():
        out[f"{column}_is_low_confidence"] = is_low
    return pd.DataFrame(out)


_RECEIVED_WEEK_COLUMNS = {
    "complaint_count": True,  # True: a count (0 in a week without rows), False: a measure (none there)
    "first_response_n": True,
    "first_response_median_hours": False,
    "sla_elapsed_count": True,
    "sla_met_count": True,
    "sla_undecided_count": True,
    "finished_day_count": True,
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
    # the rows' positions, then only the columns read (issue 14: filtering all ~60 columns of breakdowns
    # first copied each of them, twice a trend)
    rows = np.flatnonzero(bd["dimension"].to_numpy() == name)
    at = weeks.get_indexer(pd.to_datetime(bd["week_start"].to_numpy()[rows]))
    found = at >= 0
    out = {}
    for column, is_count in columns.items():
        values = np.full(len(weeks), 0.0 if is_count else np.nan)
        read = bd[column].to_numpy(dtype=float, na_value=0.0 if is_count else np.nan)[rows]
        values[at[found]] = read[found]
        out[column] = values.astype("int64") if is_count else values
    return out


# the summary's backlog counts by age (models/complaint_totals.sql), in AGE_BUCKETS' order
BACKLOG_AGE_COLUMNS = (
    "backlog_lt_1d_count",
    "backlog_1_3d_count",
    "backlog_3_7d_count",
    "backlog_gt_7d_count",
)


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
    return _sorted_rows(
        bd,
        "category",
        ["category_group", "share_pct", "cumulative_pct", *_TABLE_COLUMNS],
        [("complaint_count", True), ("category_group", False)],
        positive="complaint_count",
    )


def source_category_pareto(bd: pd.DataFrame) -> pd.DataFrame:
    """The source's own categories (``category_raw``; None: the export gave none) by volume, largest first, each
    with its standard group, share and running share: the Pareto's other view (issue 9)."""
    return _sorted_rows(
        bd,
        "source_category",
        ["category_raw", "category_group", "complaint_count", "share_pct", "cumulative_pct"],
        [("complaint_count", True), ("category_raw", False), ("category_group", False)],
        positive="complaint_count",
        fallback={"category_raw": "category_group"},
        cast={"complaint_count": "int64"},
    )


def channel_mix(bd: pd.DataFrame) -> pd.DataFrame:
    """Channels by volume with their share, response and resolution times."""
    return _sorted_rows(
        bd,
        "channel",
        ["channel", "share_pct", *_TABLE_COLUMNS],
        [("complaint_count", True), ("channel", False)],
        positive="complaint_count",
    )


# the columns the hot spots' three slices read (source_category_pareto, channel_mix, category_by_store)
HOT_SPOT_COLUMNS = [
    "dimension",
    "category_raw",
    "category_group",
    "channel",
    "store_id",
    "store_code",
    "share_pct",
    "cumulative_pct",
    *_TABLE_COLUMNS,
]


def category_by_store(bd: pd.DataFrame) -> pd.DataFrame:
    """Complaints received per category x store (the heat map; store_code null = no store)."""
    return _sorted_rows(
        bd,
        "category_store",
        ["category_group", "store_id", "store_code", "complaint_count"],
        [("store_code", False), ("category_group", False)],
    )


def sla_breaches(bd: pd.DataFrame) -> pd.DataFrame:
    """Response-SLA breaches of the period (24 h elapsed, not answered within them) by category group and store
    (store_code null: no store), the groups with at least one, most first: the overview's brief."""
    return _sorted_rows(
        bd,
        "category_store",
        ["category_group", "store_code", "breach_count"],
        [("breach_count", True), ("category_group", False), ("store_code", False)],
        positive="breach_count",
        cast={"breach_count": "int64"},
    )


def store_table(bd: pd.DataFrame) -> pd.DataFrame:
    """One row per store (and one for complaints without a store) with every figure and its n."""
    return _sorted_rows(
        bd,
        "store",
        ["store_id", "store_code", "store_name", *_TABLE_COLUMNS],
        [("complaint_count", True), ("store_code", False)],
    )


def agent_table(bd: pd.DataFrame) -> pd.DataFrame:
    """One row per assigned agent in the user's agent scope (and one for unassigned complaints)."""
    return _sorted_rows(
        bd,
        "agent",
        ["agent_id", "agent_code", "agent_name", "agent_team_id", "team_code", *_TABLE_COLUMNS],
        [("complaint_count", True), ("agent_code", False)],
    )
