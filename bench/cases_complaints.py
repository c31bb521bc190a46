"""Complaints page: its whole figure set (portal.complaints.figures: two DuckDB statements) and a pandas twin.

``complaints_page`` times the page's figures with default filters (last 90 days, chain-wide, calendar hours) as
its first paint computes them: without the hot spots its closed tabs show (``complaints.HotSpots``: the channel
mix, category x store, the source's own categories; issue 14); ``complaints_page_hot_spots`` times what opening
one of those tabs (or the Pareto's second view) then computes, once for all three (cached with the figure set);
``complaints_page_business_hours`` the first paint with the business-hours switch on (DuckDB only).
The pandas twin computes the same figures from the tables in memory, by the definitions in the docstring of
portal/complaints/__init__.py, in calendar hours (business hours are not reimplemented in pandas), keeping
first the rows the period can touch (issue 14: a fair twin filters first, then derives);
tests/test_complaints_figures.py checks that both give the same numbers.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import numpy as np
import pandas as pd

from bench import periods
from bench.registry import register
from portal import complaints, db, kpi, settings, vocab
from portal.filters import Filters, default_filters
from portal.scope import Scope


def complaints_page_duckdb(con) -> complaints.ComplaintFigures:
    # the settings read once with the reporting zone, as the page reads them (ui.settings_snapshot), not one
    # statement a setting; the page's filter counts days in that zone (bench/periods.py)
    loaded = settings.snapshot(con)
    goals, filters = complaints.targets(loaded), periods.page_filters(con, loaded)
    with db.snapshot(con) as snap:  # one read snapshot for the figure set, as the page (ui.figure_set)
        return complaints.figures(kpi.runner(snap, Scope.everything()), filters, goals, hot_spots=False)


def complaints_page_hot_spots_duckdb(con) -> complaints.HotSpots:
    """A hot-spot tab opened after the first paint: the page's ``hot_spots`` call, at the figure set's moments."""
    loaded = settings.snapshot(con)
    goals, filters = complaints.targets(loaded), periods.page_filters(con, loaded)
    sla_as_of = complaints.rounded_now()
    as_of = complaints.as_of_for(filters, sla_as_of)
    with db.snapshot(con) as snap:
        run = kpi.runner(snap, Scope.everything())
        return complaints.hot_spots(run, filters, goals, as_of=as_of, sla_as_of=sla_as_of)


def complaints_page_business_hours_duckdb(con) -> complaints.ComplaintFigures:
    run = kpi.runner(con, Scope.everything())
    loaded = settings.snapshot(con)
    goals, filters = complaints.targets(loaded), periods.page_filters(con, loaded)
    return complaints.figures(run, replace(filters, business_hours=True), goals, hot_spots=False)


# ---------------------------------------------------------------- pandas
def _selected(c: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    keep = pd.Series(True, index=c.index)
    for column, chosen in (
        ("region_id", filters.region_ids),
        ("store_id", filters.store_ids),
        ("channel", filters.channels),
        ("category_group", filters.categories),
        ("severity", filters.severities),
    ):
        if chosen:
            keep &= c[column].isin(chosen)
    return c[keep]


def _local_midnight(day: pd.Series, zone: str) -> pd.Series:
    """The instant (naive UTC, as stored) a date's midnight in ``zone`` is; a midnight the clocks pass twice (Havana,
    the Azores) its later one, as DuckDB's ICU takes it; one they skip the first instant after it."""
    local = day.dt.tz_localize(zone, ambiguous=np.zeros(len(day), dtype=bool), nonexistent="shift_forward")
    return local.dt.tz_convert("UTC").dt.tz_localize(None)


def sla_on_dates(
    received_at: pd.Series,
    received_date_only: pd.Series,
    first_response_at: pd.Series,
    first_response_date_only: pd.Series,
    sla_as_of: datetime,
    sla_hours: float,
    zone: str,
) -> pd.DataFrame:
    """The response SLA of an answer resting on a date-only stamp (the twin of models/complaint_facts_calendar.sql):
    a stamp stored as a date is any instant of that date in ``zone``, from its local midnight to the next. ``dated``:
    answered, received or answered on a date only; ``run_out``: the window has run out even from the latest
    receipt; ``met``: within it even from the earliest receipt to the latest answer; ``missed``: beyond it even from
    the latest receipt to the earliest answer (received on a date only: it came before its day's end, so at the
    window exactly is beyond). A dated answer neither met nor missed whose window has run out is undecided."""
    dated = first_response_at.notna() & (received_date_only | first_response_date_only)
    bounds = []
    for stamp, date_only in (
        (received_at, received_date_only),
        (first_response_at, first_response_date_only),
    ):
        day = stamp.dt.normalize()
        start = stamp.where(~date_only, _local_midnight(day, zone))
        bounds.append((start, stamp.where(~date_only, _local_midnight(day + pd.Timedelta(days=1), zone))))
    (received_start, received_end), (answer_start, answer_end) = bounds

    def hours(later: pd.Series, earlier: pd.Series) -> pd.Series:
        return (later - earlier).dt.total_seconds() / 3600

    earliest_wait = hours(answer_start, received_end)
    return pd.DataFrame(
        {
            "dated": dated,
            "run_out": (pd.Timestamp(sla_as_of) - received_end).dt.total_seconds() / 3600 >= sla_hours,
            "met": hours(answer_end, received_start) <= sla_hours,
            "missed": (earliest_wait > sla_hours) | (received_date_only & (earliest_wait >= sla_hours)),
        }
    )


def complaint_facts_pandas(
    c: pd.DataFrame,
    filters: Filters,
    as_of: datetime,
    goals: complaints.Targets,
    sla_as_of: datetime | None = None,
) -> pd.DataFrame:
    """One row per complaint with the flags and calendar-hour durations of the complaint_facts macro
    (backlog as of ``as_of``, SLA windows judged at ``sla_as_of``, by default ``as_of``).

    Filter first, as a competent pandas developer would (and as the SQL does): only the complaints a figure of
    the period can touch (received before its end, and received in it, still open, or resolved or closed
    since its start) are derived; every other row would only yield all-false flags. The period's bounds are the
    UTC instants of its first and last day's local midnights in its zone (``Filters.sql_params``: UTC midnights
    until session 42, the same for a UTC filter)."""
    bounds = filters.sql_params()
    start_at, end_at = pd.Timestamp(bounds["start_at"]), pd.Timestamp(bounds["end_at"])
    received = c["received_at"]
    c = c[
        (received < end_at)
        & (
            (received >= start_at)
            | ~c["status"].isin(["resolved", "closed", "cancelled"])
            | (c["resolved_at"] >= start_at)
            | (c["closed_at"] >= start_at)
        )
    ]
    c = _selected(c, filters)
    as_of = pd.Timestamp(as_of)
    status = c["status"]
    cancelled = status == "cancelled"
    resolved = status.isin(["resolved", "closed"])
    resolution_at = c["resolved_at"].where(c["resolved_at"].notna(), c["closed_at"].where(status == "closed"))
    resolution_at = resolution_at.where(~cancelled)
    resolution_date_only = c["resolved_date_only"].where(c["resolved_at"].notna(), c["closed_date_only"])
    received_date_only = c["received_date_only"].astype(bool)
    fr_date_only = c["first_response_date_only"].astype(bool)
    # an answer whose time the import left out (migration 017) is answered, in neither part of the SLA
    fr_left_out = c["first_response_left_out"].fillna(False).astype(bool)
    has_fr = c["first_response_at"].notna()
    answered = has_fr | fr_left_out
    # the complaint's file told first responses (migration 019): else unanswered is unknown
    response_known = c["response_known"].fillna(True).astype(bool)
    hours_to_fr = (c["first_response_at"] - c["received_at"]).dt.total_seconds() / 3600
    on_dates = sla_on_dates(
        c["received_at"],
        received_date_only,
        c["first_response_at"],
        fr_date_only,
        sla_as_of or as_of,
        goals.sla_hours,
        filters.timezone,
    )
    judged_on_dates = on_dates["run_out"] & (on_dates["met"] | on_dates["missed"])
    hours_to_res = (resolution_at - c["received_at"]).dt.total_seconds() / 3600
    age = (as_of - c["received_at"]).dt.total_seconds() / 3600
    targets = c["severity"].map(goals.resolution_hours).fillna(goals.resolution_hours["normal"]).astype(float)
    return pd.DataFrame(
        {
            "store_id": c["store_id"],
            "agent_id": c["agent_id"],
            "channel": c["channel"],
            "category_group": c["category_group"],
            "severity": c["severity"],
            "received_at": c["received_at"],
            "resolution_at": resolution_at,
            "csat": c["post_resolution_csat"],
            "is_cancelled": cancelled,
            "is_resolved": resolved,
            "is_reopened": (c["reopen_count"] > 0) | (status == "reopened"),
            "received_in": (c["received_at"] >= start_at) & (c["received_at"] < end_at),
            "resolution_in": (resolution_at >= start_at) & (resolution_at < end_at),
            "received_date_only": received_date_only,
            "is_answered": answered,
            "is_response_known": response_known,
            "fr_date_only": has_fr & (received_date_only | fr_date_only),
            "res_date_only": resolution_at.notna() & (received_date_only | resolution_date_only.astype(bool)),
            "first_response_hours": hours_to_fr.where(
                ~cancelled & has_fr & ~received_date_only & ~fr_date_only
            ),
            "resolution_hours": hours_to_res.where(
                resolved & resolution_at.notna() & ~received_date_only & ~resolution_date_only.astype(bool)
            ),
            "within_target": hours_to_res <= targets,
            # an answer on a date-only stamp: judged where its dates decide it, else undecided (neither part)
            "sla_elapsed": ~cancelled
            & ~fr_left_out
            # unanswered or precise: the window run out from the latest receipt (a date-only one: its day's end)
            & judged_on_dates.where(on_dates["dated"], on_dates["run_out"]),
            "within_sla": (hours_to_fr <= goals.sla_hours).where(~on_dates["dated"], on_dates["met"]),
            "sla_undecided": ~cancelled & on_dates["dated"] & on_dates["run_out"] & ~judged_on_dates,
            "is_backlog": ~cancelled
            & (c["received_at"] < as_of)
            & ~(resolved & (resolution_at.isna() | (resolution_at < as_of))),
            "age_hours": age,
        }
    )


def _pct(part: float, whole: float) -> float | None:
    return 100.0 * part / whole if whole else None


def _quantile(values: pd.Series, q: float) -> float | None:
    values = values.dropna()
    return float(values.quantile(q)) if len(values) else None


def summary_pandas(f: pd.DataFrame) -> dict:
    """The tile figures of complaint_summary.sql, from complaint_facts_pandas."""
    rec, res = f[f["received_in"]], f[f["resolution_in"]]
    res_resolved = res[res["is_resolved"]]
    backlog = f.loc[f["is_backlog"], "age_hours"]
    sla = rec[rec["sla_elapsed"]]
    return {
        "complaint_count": len(rec),
        "cancelled_count": int(rec["is_cancelled"].sum()),
        "unanswered_count": int(
            (~rec["is_cancelled"] & ~rec["is_answered"] & rec["is_response_known"]).sum()
        ),
        "received_date_only_count": int(rec["received_date_only"].sum()),
        "first_response_n": int(rec["first_response_hours"].notna().sum()),
        "first_response_date_only_count": int((~rec["is_cancelled"] & rec["fr_date_only"]).sum()),
        "first_response_median_hours": _quantile(rec["first_response_hours"], 0.5),
        "first_response_p90_hours": _quantile(rec["first_response_hours"], 0.9),
        "sla_elapsed_count": len(sla),
        "sla_met_count": int(sla["within_sla"].sum()),
        "sla_attainment_pct": _pct(sla["within_sla"].sum(), len(sla)),
        "sla_undecided_count": int(rec["sla_undecided"].sum()),
        "resolved_count": len(res_resolved),
        "resolution_n": int(res["resolution_hours"].notna().sum()),
        "resolution_date_only_count": int(res_resolved["res_date_only"].sum()),
        "resolution_median_hours": _quantile(res["resolution_hours"], 0.5),
        "resolution_p90_hours": _quantile(res["resolution_hours"], 0.9),
        "resolution_within_target_count": int((res["resolution_hours"].notna() & res["within_target"]).sum()),
        "reopen_base_count": len(res),
        "reopened_count": int(res["is_reopened"].sum()),
        "reopen_rate_pct": _pct(res["is_reopened"].sum(), len(res)),
        "recovery_n": int(res_resolved["csat"].notna().sum()),
        "recovered_count": int((res_resolved["csat"] >= 4).sum()),
        "recovery_rate_pct": _pct((res_resolved["csat"] >= 4).sum(), res_resolved["csat"].notna().sum()),
        "backlog_count": len(backlog),
        "backlog_lt_1d_count": int((backlog < 24).sum()),
        "backlog_1_3d_count": int(((backlog >= 24) & (backlog < 72)).sum()),
        "backlog_3_7d_count": int(((backlog >= 72) & (backlog < 168)).sum()),
        "backlog_gt_7d_count": int((backlog >= 168).sum()),
    }


def by_group_pandas(f: pd.DataFrame, key: str) -> pd.DataFrame:
    """The per-group figures of the channel, category, store and agent rows of complaint_breakdowns.sql."""
    f = f.assign(
        frt=f["first_response_hours"].where(f["received_in"]),
        res=f["resolution_hours"].where(f["resolution_in"]),
        sla_elapsed_in=f["received_in"] & f["sla_elapsed"],
        sla_met_in=f["received_in"] & f["sla_elapsed"] & f["within_sla"],
        reopened_in=f["resolution_in"] & f["is_reopened"],
        recovery_in=f["resolution_in"] & f["is_resolved"] & f["csat"].notna(),
        recovered_in=f["resolution_in"] & f["is_resolved"] & (f["csat"] >= 4),
    )
    g = f.groupby(key, dropna=False)
    out = pd.DataFrame(
        {
            "complaint_count": g["received_in"].sum(),
            "first_response_n": g["frt"].count(),
            "first_response_median_hours": g["frt"].median(),
            "first_response_p90_hours": g["frt"].quantile(0.9),
            "sla_elapsed_count": g["sla_elapsed_in"].sum(),
            "sla_met_count": g["sla_met_in"].sum(),
            "resolution_n": g["res"].count(),
            "resolution_median_hours": g["res"].median(),
            "resolution_p90_hours": g["res"].quantile(0.9),
            "backlog_count": g["is_backlog"].sum(),
            "reopen_base_count": g["resolution_in"].sum(),
            "reopened_count": g["reopened_in"].sum(),
            "recovery_n": g["recovery_in"].sum(),
            "recovered_count": g["recovered_in"].sum(),
        }
    )
    return out.reset_index()


def weekly_pandas(f: pd.DataFrame) -> pd.DataFrame:
    """Received-week volume, FRT median and SLA counts; resolved-week resolution median and reopen counts."""
    rec = f[f["received_in"]].assign(
        week_start=lambda d: d["received_at"].dt.to_period("W-SUN").dt.start_time
    )
    res = f[f["resolution_in"]].assign(
        week_start=lambda d: d["resolution_at"].dt.to_period("W-SUN").dt.start_time
    )
    received = rec.groupby("week_start").agg(
        complaint_count=("received_in", "size"),
        first_response_median_hours=("first_response_hours", "median"),
        sla_elapsed_count=("sla_elapsed", "sum"),
        sla_met_count=("within_sla", lambda s: int((s & rec.loc[s.index, "sla_elapsed"]).sum())),
    )
    resolved = res.groupby("week_start").agg(
        resolution_median_hours=("resolution_hours", "median"),
        reopen_base_count=("resolution_in", "size"),
        reopened_count=("is_reopened", "sum"),
    )
    return received.join(resolved, how="outer").reset_index()


def complaint_figures_pandas(
    frames: dict[str, pd.DataFrame],
    filters: Filters | None = None,
    as_of: datetime | None = None,
    goals: complaints.Targets | None = None,
    hot_spots: bool = True,
) -> dict:
    """The Complaints page's figures (calendar hours, chain-wide) with pandas; ``hot_spots=False``: without the
    channel mix and category x store (the page's first paint)."""
    filters = filters or default_filters()
    goals = goals or complaints.Targets()
    sla_as_of = as_of or complaints.rounded_now()
    as_of = complaints.as_of_for(filters, sla_as_of)
    previous = filters.previous()
    c = frames["complaints"]
    facts = complaint_facts_pandas(c, filters, as_of, goals, sla_as_of)
    before = complaint_facts_pandas(c, previous, complaints.as_of_for(previous, as_of), goals, sla_as_of)
    stores = frames["stores"][["store_id", "store_code"]]
    agents = frames["agents"][["agent_id", "agent_code"]]
    backlog = facts[facts["is_backlog"]].assign(
        age_bucket=lambda d: pd.cut(
            d["age_hours"], [-np.inf, 24, 72, 168, np.inf], right=False, labels=list(vocab.AGE_BUCKETS)
        )
    )
    out = {
        "summary": summary_pandas(facts),
        "previous": summary_pandas(before),
        "weekly": weekly_pandas(facts),
        "categories": by_group_pandas(facts, "category_group"),
        "stores": by_group_pandas(facts, "store_id").merge(stores, on="store_id", how="left"),
        "agents": by_group_pandas(facts, "agent_id").merge(agents, on="agent_id", how="left"),
        "backlog": backlog.groupby(["age_bucket", "severity"], observed=True)
        .size()
        .rename("backlog_count")
        .reset_index(),
    }
    return (out | _hot_spots_pandas(facts)) if hot_spots else out


def _hot_spots_pandas(facts: pd.DataFrame) -> dict:
    """The channel mix and category x store (of ``complaints.HotSpots``) from ``complaint_facts_pandas``."""
    return {
        "channels": by_group_pandas(facts, "channel"),
        "category_store": facts[facts["received_in"]]
        .groupby(["category_group", "store_id"], dropna=False)
        .size()
        .rename("complaint_count")
        .reset_index(),
    }


def first_paint_pandas(frames: dict[str, pd.DataFrame]) -> dict:
    """The twin of the page's first paint: its figures without the hot spots (``complaints_page_duckdb``)."""
    return complaint_figures_pandas(frames, hot_spots=False)


def hot_spots_pandas(
    frames: dict[str, pd.DataFrame],
    filters: Filters | None = None,
    as_of: datetime | None = None,
    goals: complaints.Targets | None = None,
) -> dict:
    """The twin of ``complaints_page_hot_spots_duckdb``: the period's facts derived again (as the statement does),
    then the channel mix and category x store; ``filters``, ``as_of`` and ``goals`` as ``complaint_figures_pandas``
    (tests/test_complaints_figures.py checks it against ``complaints.hot_spots``)."""
    filters = filters or default_filters()
    goals = goals or complaints.Targets()
    sla_as_of = as_of or complaints.rounded_now()
    facts = complaint_facts_pandas(
        frames["complaints"], filters, complaints.as_of_for(filters, sla_as_of), goals, sla_as_of
    )
    return _hot_spots_pandas(facts)


register("complaints_page", complaints_page_duckdb, first_paint_pandas)
register("complaints_page_hot_spots", complaints_page_hot_spots_duckdb, hot_spots_pandas)
register("complaints_page_business_hours", complaints_page_business_hours_duckdb)
