"""Scorecards page: its whole figure set (portal.scorecards.figures: the last complete month and the five before
it, every agent chain-wide, scored with the weights version of each period; open disputes; the QA reviews of
the first card) and a pandas twin.

The twin computes the same raw counts per agent and period with pandas, the way a competent Streamlit developer
would (filter the complaints to the window first, then derive flags, then group), and hands them to the same
scoring code through a runner that answers the two named queries from DataFrames; tests/test_scorecards_bench.py
checks that both give the same cards.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd

from bench import periods as bench_periods
from bench.cases_complaints import sla_on_dates
from bench.registry import register
from portal import settings
from portal.filters import today_in
from portal.scope import Scope
from portal.scorecards import figures, periods, weights
from portal.scorecards.weights import WeightsVersion


def default_period(today=None) -> periods.Period:
    """The page's default: the last complete month (``today``: the reporting zone's day, as ``ui.today()``; UTC's
    when not given)."""
    today = today or datetime.now(UTC).date()
    return periods.containing(today, "month").previous()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, second=0, microsecond=0)


def scorecards_page_duckdb(con, period=None, sla_as_of=None) -> figures.ScorecardSet:
    # the page's month: the last complete one in the reporting zone (bench/periods.py), the zone read once (the
    # statements figures.figures would send for it)
    zone = bench_periods.report_timezone(con)
    period = period or default_period(today_in(zone))
    sset = figures.figures(con, Scope.everything(), period, timezone=zone, sla_as_of=sla_as_of or _now())
    if sset.cards:
        figures.qa_reviews(figures.runner(con, Scope.everything()), sset.cards[0].agent_id, period)
    return sset


# ---------------------------------------------------------------- pandas
def _versions(frames) -> tuple[WeightsVersion, ...]:
    heads, rules = frames["scorecard_weight_versions"], frames["scorecard_weight_rules"]
    out = []
    for h in heads.sort_values(["effective_from", "version"]).itertuples():
        mine = rules[rules["version"] == h.version].set_index("metric_code")
        out.append(
            WeightsVersion(
                int(h.version),
                pd.Timestamp(h.effective_from).date(),
                tuple(
                    weights.MetricRule(
                        m,
                        float(mine.at[m, "weight"]),
                        float(mine.at[m, "floor_value"]),
                        float(mine.at[m, "target_value"]),
                        int(mine.at[m, "min_n"]),
                    )
                    for m in weights.SCORECARD_METRICS
                ),
                created_at=pd.Timestamp(h.created_at).to_pydatetime(),
            )
        )
    return tuple(out)


def _setting(frames, key):
    import json

    stored = frames["settings"]
    row = stored[stored["key"] == key]
    return json.loads(row["value"].iloc[0]) if not row.empty else settings.DEFAULTS[key]


def _timezone(frames) -> str:
    chosen = _setting(frames, "report_timezone")
    if chosen:
        return chosen
    stores = frames["stores"]
    zones = stores[stores["is_active"]].groupby("timezone").size().sort_index()
    return zones.sort_values(ascending=False, kind="stable").index[0] if not zones.empty else "UTC"


def effective_scores(frames, reviews: pd.DataFrame) -> pd.DataFrame:
    """The twin of models/qa_review_scores.sql: a failed critical criterion counts 0; the newest accepted
    dispute corrects the score or removes the review."""
    crit = frames["qa_review_criteria"]
    failed = set(crit.loc[crit["is_critical"] & (crit["score"] < crit["max_score"]), "qa_review_id"])
    disputes = frames["qa_disputes"]
    accepted = (
        disputes[disputes["status"] == "accepted"]
        .sort_values(["decided_at", "dispute_id"], ascending=False)
        .drop_duplicates("qa_review_id")
        .set_index("qa_review_id")
    )
    resolution = reviews["qa_review_id"].map(accepted["resolution"])
    corrected = reviews["qa_review_id"].map(accepted["corrected_score"])
    score = reviews["score"].where(~reviews["qa_review_id"].isin(failed), 0.0)
    score = corrected.where(resolution == "corrected", score).astype(float)
    return reviews.assign(
        effective_score=score.where(resolution != "removed"), is_excluded=resolution == "removed"
    )


def agent_period_counts(frames, params) -> pd.DataFrame:
    """The pandas twin of queries/scorecard_agent_periods.sql for a chain-wide caller."""
    starts = pd.to_datetime(pd.Series(params["period_starts_at"]))
    ends = pd.to_datetime(pd.Series(params["period_ends_at"]))
    days_from = pd.to_datetime(pd.Series(params["period_starts_on"]))
    days_to = pd.to_datetime(pd.Series(params["period_ends_on"]))
    sla = pd.Timedelta(hours=params["sla_hours"])
    c = frames["complaints"]
    c = c[c["agent_id"].notna() & (c["received_at"] < ends.max())]
    cancelled = c["status"] == "cancelled"
    resolution_at = c["resolved_at"].where(
        c["resolved_at"].notna(), c["closed_at"].where(c["status"] == "closed")
    )
    resolution_at = resolution_at.where(~cancelled)
    resolution_only = np.where(c["resolved_at"].notna(), c["resolved_date_only"], c["closed_date_only"])
    # an answer on a date-only stamp: judged where its dates decide it, else undecided (sla_date_only_n)
    on_dates = sla_on_dates(
        c["received_at"],
        c["received_date_only"],
        c["first_response_at"],
        c["first_response_date_only"],
        params["sla_as_of"],
        params["sla_hours"],
        params["report_tz"],
    )
    judged_on_dates = on_dates["run_out"] & (on_dates["met"] | on_dates["missed"])
    c = c.assign(
        resolution_at=resolution_at,
        is_resolved=c["status"].isin(["resolved", "closed"]),
        reopen_known=c["reopen_known"].fillna(True).astype(bool),
        is_reopened=c["reopen_known"].fillna(True).astype(bool)
        & ((c["reopen_count"] > 0) | (c["status"] == "reopened")),
        response_unknown=~cancelled
        & ~c["response_known"].fillna(True).astype(bool)
        & c["first_response_at"].isna(),
        # no readable status, or resolved / closed without a resolution or close time
        resolution_unknown=~cancelled
        & (
            ~c["status_known"].fillna(True).astype(bool)
            | (c["status"].isin(["resolved", "closed"]) & resolution_at.isna())
        ),
        sla_date_only=~cancelled & on_dates["dated"] & on_dates["run_out"] & ~judged_on_dates,
        sla_elapsed=~cancelled
        # unanswered or precise: the window run out from the latest receipt (a date-only one: its day's end)
        & judged_on_dates.where(on_dates["dated"], on_dates["run_out"]),
        sla_met=((c["first_response_at"] - c["received_at"]) <= sla).where(
            ~on_dates["dated"], on_dates["met"]
        ),
        resolution_hours=((resolution_at - c["received_at"]).dt.total_seconds() / 3600).where(
            c["status"].isin(["resolved", "closed"]) & ~c["received_date_only"] & ~resolution_only
        ),
    )
    received_no = pd.cut(c["received_at"], bins=list(starts) + [ends.iloc[-1]], right=False, labels=False)
    resolved_no = pd.cut(c["resolution_at"], bins=list(starts) + [ends.iloc[-1]], right=False, labels=False)
    rec = (
        c.assign(period_no=received_no, handled=~cancelled, met=c["sla_elapsed"] & c["sla_met"])
        .dropna(subset=["period_no"])
        .groupby(["agent_id", "period_no"])
        .agg(
            handled_n=("handled", "sum"),
            sla_elapsed_n=("sla_elapsed", "sum"),
            sla_met_n=("met", "sum"),
            response_unknown_n=("response_unknown", "sum"),
            sla_date_only_n=("sla_date_only", "sum"),
            resolution_unknown_n=("resolution_unknown", "sum"),
        )
    )
    res_rows = c.assign(period_no=resolved_no)
    # every complaint whose last resolution is in a period: the reopen rate's base (reopened since too); the
    # other figures of the resolved ones only
    res_rows = res_rows[res_rows["period_no"].notna()]
    resolved = res_rows["is_resolved"]
    res = (
        res_rows.assign(
            csat=res_rows["post_resolution_csat"].where(resolved),
            satisfied=resolved & (res_rows["post_resolution_csat"] >= 4),
        )
        .groupby(["agent_id", "period_no"])
        .agg(
            resolved_n=("is_resolved", "sum"),
            resolution_n=("resolution_hours", "count"),
            resolution_median_hours=("resolution_hours", "median"),
            reopen_base_n=("reopen_known", "sum"),
            reopened_n=("is_reopened", "sum"),
            csat_answer_n=("csat", "count"),
            csat_satisfied_n=("satisfied", "sum"),
        )
    )
    q = frames["qa_reviews"]
    q_day = pd.to_datetime(q["reviewed_on"])
    q = effective_scores(frames, q[(q_day >= days_from.min()) & (q_day < days_to.max())])
    q = q[~q["is_excluded"]]
    qa_no = pd.cut(
        pd.to_datetime(q["reviewed_on"]), bins=list(days_from) + [days_to.iloc[-1]], right=False, labels=False
    )
    qa = (
        q.assign(period_no=qa_no)
        .groupby(["agent_id", "period_no"])
        .agg(qa_n=("effective_score", "size"), qa_mean=("effective_score", "mean"))
    )
    agents, teams = frames["agents"], frames["teams"]
    grid = agents[["agent_id", "agent_code", "name", "is_active", "hired_on", "team_id"]].merge(
        pd.DataFrame({"period_no": range(len(starts)), "period_end": days_to.to_numpy()}), how="cross"
    )
    hired = pd.to_datetime(grid["hired_on"])
    grid["is_employed"] = grid["is_active"] & (hired.isna() | (hired < grid["period_end"]))
    out = (
        grid.join(rec, on=["agent_id", "period_no"])
        .join(res, on=["agent_id", "period_no"])
        .join(qa, on=["agent_id", "period_no"])
    )
    has_data = out[["handled_n", "resolved_n", "qa_n"]].notna().any(axis=1)
    out = out[out["is_employed"] | has_data].drop(columns=["hired_on", "period_end", "is_employed"])
    counts = ["handled_n", "sla_elapsed_n", "sla_met_n", "response_unknown_n", "sla_date_only_n"]
    counts += ["resolution_unknown_n"]
    counts += ["resolved_n", "resolution_n"]
    counts += ["reopen_base_n", "reopened_n"]
    counts += ["csat_answer_n", "csat_satisfied_n", "qa_n"]
    out[counts] = out[counts].fillna(0).astype(int)
    out = out.merge(
        teams[["team_id", "team_code", "name"]].rename(columns={"name": "team_name"}),
        on="team_id",
        how="left",
    )
    # the whole chain's view: every day of each period is in scope (models/agent_scope_spans.sql)
    period_days = (days_to - days_from).dt.days.to_numpy()[out["period_no"].astype(int).to_numpy()]
    return out.rename(columns={"name": "agent_name"}).assign(
        is_peer=False, qa_open_disputes=0, scope_days=period_days, period_days=period_days
    )


def scorecards_page_pandas(frames, period=None, sla_as_of=None) -> figures.ScorecardSet:
    period = period or default_period(today_in(_timezone(frames)))

    def run(name, params):
        if name == "scorecard_agent_periods":
            return agent_period_counts(frames, params)
        if name == "scorecard_open_disputes":
            d, r = frames["qa_disputes"], frames["qa_reviews"]
            waiting = r[r["qa_review_id"].isin(d.loc[d["status"] == "open", "qa_review_id"])]
            counts = waiting.groupby("agent_id").size()
            agents = frames["agents"]["agent_id"]
            return pd.DataFrame(
                {"agent_id": agents, "open_disputes": agents.map(counts).fillna(0).astype(int)}
            )
        if name == "scorecard_qa_reviews":
            q = frames["qa_reviews"]
            day = pd.to_datetime(q["reviewed_on"])
            return q[
                q["agent_id"].isin(params["agent_ids"])
                & (day >= pd.Timestamp(params["start_on"]))
                & (day <= pd.Timestamp(params["end_on"]))
            ]
        raise KeyError(name)

    sset = figures.compute(
        run,
        _versions(frames),
        period,
        timezone=_timezone(frames),
        sla_hours=float(_setting(frames, "response_sla_hours")),
        low_confidence_n=int(_setting(frames, "scorecard_low_confidence_n")),
        sla_as_of=sla_as_of or _now(),
    )
    if sset.cards:
        figures.qa_reviews(run, sset.cards[0].agent_id, period)
    return sset


def normalise(sset: figures.ScorecardSet) -> pd.DataFrame:
    """Both results in one shape: one row per agent x trend period with the composite and every metric (its
    value, n and no-data reason; and the period's open disputes on the current cards)."""
    rows = [{"agent_id": 0, "period": "open_disputes", "composite": float(sset.open_disputes), "rank": None}]
    for agent_id, cards in sset.history.items():
        for c in cards:
            row = {"agent_id": agent_id, "period": c.period.label, "composite": c.composite, "rank": c.rank}
            for m in c.metrics:
                row[f"{m.metric}_value"], row[f"{m.metric}_n"] = m.value, m.n
                row[f"{m.metric}_reason"] = m.figure.reason  # a no-data figure's why (None with a value)
                row[f"{m.metric}_left_out_n"] = m.left_out_n  # the items said beside n (the SLA's undecided)
            rows.append(row)
    return pd.DataFrame(rows).sort_values(["agent_id", "period"]).reset_index(drop=True)


register("scorecards_page", scorecards_page_duckdb, scorecards_page_pandas)
