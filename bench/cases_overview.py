"""Overview page: every area's headline figures, 12-week series and alerts (portal.overview.figures), and a
pandas twin of all of it.

``overview_page`` times what the landing page computes for a chain-wide reader: the registered overview
sources (complaints: 5 queries; satisfaction: 2; 5S: 5; scorecards: the team view's set) and the alert rules.
``overview_page_pandas`` computes the same areas the way a competent Streamlit developer would (select the
window's rows first, then derive): the complaints and satisfaction series of the twelve weeks (the Complaints
twin's facts, a weekly group-by for the surveys); the 5S headline, chain months, store bands, open and overdue
actions and repeat findings of the window (the 5S twin's inspection, item and section frames); the scorecards
of the last complete month with their history (the Scorecards twin) - and runs the same alert rules on them
(series rules; 5S store alerts; composites falling two periods in a row). tests/test_overview_bench.py checks
that its 5S and scorecard alerts are the DuckDB overview's.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd

from bench import cases_fives, cases_scorecards, periods
from bench.cases_complaints import complaint_facts_pandas, weekly_pandas
from bench.registry import register
from portal import complaints, db, kpi
from portal.overview import alerts as rules
from portal.overview import figures as overview
from portal.overview.sources import Series, Window, window_for
from portal.overview.sources_fives import store_alerts
from portal.overview.sources_scorecards import falling_agents
from portal.scope import Scope
from portal.scorecards import figures as scorecards
from portal.scorecards.periods import containing


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, second=0, microsecond=0)


def overview_page_duckdb(con) -> overview.OverviewFigures:
    with db.snapshot(con) as snap:  # one read snapshot for the figure set, as the page (ui.figure_set)
        # the window's weeks are the reporting zone's, as the page's (ui_overview.window(ui.report_timezone()))
        window = window_for(_now(), timezone=periods.report_timezone(snap))
        return overview.figures(kpi.runner(snap, Scope.everything()), window, con)


def _rate(key, weeks, events, n, complete, target, better) -> Series:
    values = tuple(100.0 * e / m if m else None for e, m in zip(events, n, strict=True))
    return Series(
        area="complaints" if key != "csat" else "sat", key=key, unit="pct", kind="rate", better=better,
        weeks=weeks, values=values, n=tuple(int(v) for v in n), complete=complete, label_key=key, page="",
        target=target, events=tuple(float(e) for e in events),
    )  # fmt: skip


def overview_page_pandas(frames: dict) -> dict:
    window = window_for(_now(), timezone=periods.twin_timezone(frames))
    weeks = window.weeks
    complete = tuple(window.complete(w) for w in weeks)
    goals = complaints.Targets(sla_attainment_pct=90.0)
    filters = window.filters()
    as_of = min(complaints.period_end(filters), window.as_of)
    facts = complaint_facts_pandas(frames["complaints"], filters, as_of, goals, window.as_of)
    weekly = weekly_pandas(facts).set_index("week_start").reindex(pd.to_datetime(list(weeks))).fillna(0)
    series = [
        _rate("sla_attainment", weeks, weekly["sla_met_count"], weekly["sla_elapsed_count"], complete, 90.0,
              "higher"),
        _rate("reopen_rate", weeks, weekly["reopened_count"], weekly["reopen_base_count"], complete, 5.0,
              "lower"),
    ]  # fmt: skip
    r = frames["survey_responses"]
    day = pd.to_datetime(r["responded_on"])
    r = r[(day >= pd.Timestamp(window.start)) & (day <= pd.Timestamp(window.end))]
    r = r.assign(week=pd.to_datetime(r["responded_on"]).dt.to_period("W-SUN").dt.start_time)
    answered = r[r["overall_satisfaction"].notna()]
    sat = answered.groupby("week").agg(
        n=("overall_satisfaction", "size"),
        satisfied=("overall_satisfaction", lambda s: int((s >= 4).sum())),
        index=("overall_satisfaction", lambda s: float(((s - 1) / 4 * 100).mean())),
        sd=("overall_satisfaction", lambda s: float(((s - 1) / 4 * 100).std())),
    )
    sat = sat.reindex(pd.to_datetime(list(weeks)))
    series.append(
        _rate("csat", weeks, sat["satisfied"].fillna(0), sat["n"].fillna(0), complete, 85.0, "higher")
    )
    series.append(
        Series(
            area="sat",
            key="index",
            unit="points",
            kind="mean",
            better="higher",
            weeks=weeks,
            values=tuple(None if np.isnan(v) else float(v) for v in sat["index"]),
            n=tuple(int(v) for v in sat["n"].fillna(0)),
            complete=complete,
            label_key="index",
            page="",
            target=85.0,
            sd=tuple(None if np.isnan(v) else float(v) for v in sat["sd"]),
        )  # fmt: skip
    )
    week_rows = facts[facts["received_at"] >= pd.Timestamp(window.week)]
    fives = fives_pandas(frames, window)
    cards = scorecards_pandas(frames, window)
    raised = rules.series_alerts(series) + fives["alerts"] + cards["alerts"]
    return {
        "series": series,
        "fives": fives,
        "scorecards": cards,
        "alerts": rules.ranked(raised),
        "week_volume": int(week_rows["received_in"].sum()),
        "window": (window.start, window.end - timedelta(days=0)),
    }


def fives_pandas(frames: dict, window: Window) -> dict:
    """The 5S row of the overview over the window's twelve weeks: headline numbers, the chain's monthly mean,
    each store's mean and band, open and overdue actions per store (as of the window's day), repeat findings
    per store, and the store alerts they raise."""
    cfg = cases_fives._cfg(frames)
    f = window.filters()
    today = pd.Timestamp(window.today)
    insp = cases_fives._with_previous(frames)
    items = cases_fives._items(frames, insp, f)
    _, ins = cases_fives._scores(frames, items)
    codes = frames["stores"].set_index("store_id")["store_code"]
    scored = ins[ins["overall_pct"].notna()]
    ranking = (
        ins.groupby("store_id")
        .agg(mean_pct=("overall_pct", "mean"), scored_n=("overall_pct", "count"))
        .join(
            scored.groupby("store_id").agg(  # the days the failing-band alert names (fives_store_ranking.sql)
                first_scored_on=("inspected_on", "min"), latest_scored_on=("inspected_on", "max")
            )
        )
        .reset_index()
    )
    ranking["band"] = [  # no band on fewer than the low-confidence n (figures.ranking)
        cfg.judged_band(v, n) for v, n in zip(ranking["mean_pct"], ranking["scored_n"], strict=True)
    ]
    ranking["store_code"] = ranking["store_id"].map(codes)
    found = ins.groupby("store_id").agg(
        inspections_n=("inspection_id", "count"), failed_items_n=("failed_n", "sum")
    )
    ranking = ranking.merge(found.reset_index(), on="store_id", how="left")
    # a repeat alert's n: the failed items of the inspections with an earlier one (fives_store_ranking.sql)
    judged = ins[
        ins["inspection_id"].isin(items.loc[items["previous_inspection_id"].notna(), "inspection_id"])
    ]
    basis = judged.groupby("store_id").agg(
        repeat_basis_n=("failed_n", "sum"), repeat_basis_inspections_n=("inspection_id", "count")
    )
    ranking = ranking.merge(basis.reset_index(), on="store_id", how="left")
    months = ins.assign(month_start=ins["inspected_on"].dt.to_period("M").dt.to_timestamp())
    chain = months.groupby("month_start").agg(mean_pct=("overall_pct", "mean"), n=("overall_pct", "count"))
    acts = frames["corrective_actions"]
    acts = acts[acts["status"] != "verified"]
    overdue = (
        pd.to_datetime(acts["due_on"]) < today
    )  # not verified and past due (models/fives_action_overdue.sql)
    actions = (
        pd.DataFrame(
            {
                "store_id": acts["store_id"],
                "open_count": 1,
                "overdue_count": overdue.astype(int),
                # the overdue alert's fingerprint: the oldest overdue action's due day
                "oldest_overdue_on": pd.to_datetime(acts["due_on"]).where(overdue),
            }
        )
        .groupby("store_id")
        .agg(open_count=("open_count", "sum"), overdue_count=("overdue_count", "sum"),
             oldest_overdue_on=("oldest_overdue_on", "min"))
        .reset_index()
    )  # fmt: skip
    actions["store_code"] = actions["store_id"].map(codes)
    repeats = items.loc[items["is_repeat"], ["store_id", "inspected_on"]].assign(
        store_code=lambda d: d["store_id"].map(codes)
    )
    return {
        "headline": cases_fives._headline_numbers(ins, cfg),
        "chain_months": chain,
        "ranking": ranking,
        "actions": actions,
        "alerts": store_alerts(ranking, actions, repeats, window, cfg),
    }


def scorecards_pandas(frames: dict, window: Window) -> dict:
    """The scorecard row: the team view of the last complete month (the Scorecards twin, with its history)
    and the agents whose composite fell two periods in a row."""
    period = containing(window.today, "month").previous(1)
    sset = cases_scorecards.scorecards_page_pandas(frames, period, sla_as_of=window.as_of)
    if not sset.cards:
        return {"headline": (), "alerts": []}
    low_n = int(cases_scorecards._setting(frames, "scorecard_low_confidence_n"))
    return {"headline": scorecards.headline(sset), "alerts": falling_agents(sset, window, low_n)}


register("overview_page", overview_page_duckdb, overview_page_pandas)
