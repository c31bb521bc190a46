"""Core cases: the Data status page (row counts and dates covered per kind of data)."""

from __future__ import annotations

import pandas as pd

from bench.registry import register
from portal import navigation
from portal.db import run_query
from portal.scope import Scope


def data_status_duckdb(con) -> pd.DataFrame:
    return run_query(con, "data_status", {"kinds": list(navigation.DATA_KINDS)}, scope=Scope.everything())


def data_status_pandas(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """queries/data_status.sql for the whole chain, in pandas."""

    def span(kind: str, order: int, dates: pd.Series) -> dict:
        return {
            "kind": kind,
            "sort_order": order,
            "row_count": len(dates),
            "first_on": dates.min(),
            "last_on": dates.max(),
        }

    responses = frames["survey_responses"]
    with_servqual = responses[
        responses["response_id"].isin(frames["servqual_answers"]["response_id"].unique())
    ]
    qa = frames["qa_reviews"].merge(frames["agents"][["agent_id"]], on="agent_id")
    rows = [
        span("stores", 1, frames["stores"]["opened_on"]),
        span("agents", 2, frames["agents"]["hired_on"]),
        span("complaints", 3, frames["complaints"]["received_at"].dt.normalize()),
        span("survey_responses", 4, responses["responded_on"]),
        span("servqual_responses", 5, with_servqual["responded_on"]),
        span("qa_reviews", 6, qa["reviewed_on"]),
        span("inspections", 7, frames["fives_inspections"]["inspected_on"]),
        span("corrective_actions", 8, frames["corrective_actions"]["created_at"].dt.normalize()),
    ]
    counts = pd.DataFrame(rows)
    batches = frames["import_batches"]
    last_import = (
        batches[batches["status"] == "committed"].groupby("kind", as_index=False)["created_at"].max()
    ).rename(columns={"kind": "batch_kind", "created_at": "last_import_at"})
    counts["batch_kind"] = counts["kind"].replace(
        {"survey_responses": "surveys", "servqual_responses": "surveys", "corrective_actions": "inspections"}
    )
    counts = counts.merge(last_import, on="batch_kind", how="left")
    return counts.sort_values("sort_order")[["kind", "row_count", "first_on", "last_on", "last_import_at"]]


register("data_status", data_status_duckdb, data_status_pandas)
