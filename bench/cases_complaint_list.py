"""Complaint list page (issue 10): its two typical views in DuckDB (one SQL query each: filtered, sorted and
paged in SQL, with the whole list's count) and a pandas twin written as a competent developer would: filter
the complaints first, then derive the flags of the rows left, sort and slice.

``complaint_list_page`` times the page as it opens (complaints received in the last 90 days, newest first,
page 1 of 50) and the team lead's drill from the backlog (open now, older than 7 days, resolution overdue,
oldest first); tests/test_complaint_list_bench.py checks that both sides list the same complaints.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from bench import periods
from bench.cases_complaints import complaint_facts_pandas
from bench.registry import register
from portal import complaints, kpi, settings
from portal.complaints import listing
from portal.scope import Scope


def requests(filters) -> tuple[listing.ListRequest, listing.ListRequest]:
    first = listing.ListRequest(filters)  # the page as it opens
    drill = listing.ListRequest(
        filters, which="open", age_buckets=("gt_7d",), overdue="resolution", sort="age", descending=True
    )
    return first, drill


def complaint_list_duckdb(con, now: datetime | None = None, filters=None) -> list[tuple[pd.DataFrame, int]]:
    run = kpi.runner(con, Scope.everything())
    # as the page: its settings read once with the reporting zone (a snapshot), its period's days in that zone
    loaded = settings.snapshot(con)
    goals, filters = complaints.targets(loaded), filters or periods.page_filters(con, loaded)
    sla_as_of = complaints.rounded_now(now)
    when = {"as_of": complaints.as_of_for(filters, sla_as_of), "sla_as_of": sla_as_of}
    return [listing.page_of(run, req, goals, **when) for req in requests(filters)]


# ---------------------------------------------------------------- pandas
def _page(
    facts: pd.DataFrame, c: pd.DataFrame, frames, sort: str, descending: bool, size: int
) -> tuple[pd.DataFrame, int]:
    rows = facts.join(c[["source_id", "status"]]).merge(
        frames["stores"][["store_id", "store_code"]], on="store_id", how="left"
    )
    rows = rows.sort_values([sort, "source_id"], ascending=[not descending, True], na_position="last")
    return rows.head(size).reset_index(drop=True), len(rows)


def complaint_list_pandas(
    frames: dict[str, pd.DataFrame], now: datetime | None = None, filters=None
) -> list[tuple[pd.DataFrame, int]]:
    filters = filters or periods.twin_filters(frames)
    goals = complaints.Targets()
    sla_as_of = complaints.rounded_now(now)
    as_of = pd.Timestamp(complaints.as_of_for(filters, sla_as_of))
    c = frames["complaints"]
    params = filters.sql_params()
    start, end = pd.Timestamp(params["start_at"]), pd.Timestamp(params["end_at"])

    # the page as it opens: received in the period (filtered first), newest first
    received = c[(c["received_at"] >= start) & (c["received_at"] < end)]
    facts = complaint_facts_pandas(received, filters, as_of.to_pydatetime(), goals, sla_as_of)
    first = _page(facts, received, frames, "received_at", True, 50)

    # the drill: open now and older than 7 days (filtered first), resolution overdue, oldest first
    resolved_before = c["status"].isin(["resolved", "closed"]) & (
        c["resolved_at"].fillna(c["closed_at"]) < as_of
    )
    old_open = c[
        (c["status"] != "cancelled")
        & (c["received_at"] <= as_of - pd.Timedelta(hours=168))
        & ~resolved_before
    ]
    facts = complaint_facts_pandas(old_open, filters, as_of.to_pydatetime(), goals, sla_as_of)
    targets = facts["severity"].map(goals.resolution_hours).fillna(goals.resolution_hours["normal"])
    facts = facts[facts["is_backlog"] & (facts["age_hours"] >= 168) & (facts["age_hours"] > targets)]
    drill = _page(facts, old_open, frames, "age_hours", True, 50)
    return [first, drill]


register("complaint_list_page", complaint_list_duckdb, complaint_list_pandas)
