"""Store view: one store's overview beside its region's and the chain's (portal.overview.store), its 5S part
(portal.overview.store_fives), and a pandas twin of it.

``store_page`` times what /store?store=CODE computes for a chain-wide reader: the overview sources three times
(the store, its region, the chain: no scorecards, agents are not a store's), the comparison and trend tables,
and the 5S block (sections and months of the store, its region and the chain, its band, repeat findings and
open actions). The benchmarked store is the first store by code that has a region, on both sides.

``store_page_pandas`` computes the same figures the way a competent Streamlit developer would (select the
rows first, then derive), with the other twins' pieces: for each side the complaints' twelve weekly rows and
the reference week's tiles against the week before (the Complaints twin), the surveys' weekly trend and tiles
(the Satisfaction twin), the 5S side (the overview twin's); the store's 5S sections and months against its region and the chain (the 5S twin's inspection frames).
tests/test_store_bench.py checks the store's series, tiles, open actions and 5S block against the DuckDB view.
No side has a scorecard row (agents are not a store's).
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from bench import cases_fives, cases_overview
from bench import cases_satisfaction as sat_twin
from bench.cases_complaints import complaint_facts_pandas, summary_pandas, weekly_pandas
from bench.registry import register
from portal import complaints, kpi, settings
from portal.fives import figures as fives
from portal.overview import store as store_view
from portal.overview import store_fives
from portal.overview.sources import Window, window_for
from portal.scope import Scope


def bench_store(stores: pd.DataFrame) -> pd.Series:
    """The benchmarked store: the first by code with a region (``stores``: filter_stores or the table)."""
    with_region = stores[stores["region_id"].notna()].sort_values("store_code")
    return with_region.iloc[0]


def store_page_duckdb(con) -> dict:
    run = kpi.runner(con, Scope.everything())
    window = window_for(cases_overview._now())
    row = bench_store(run("filter_stores", {}))
    view = store_view.store_view(run, window, con, row, window.today, scope=Scope.everything())
    cfg = fives.load_settings(settings.load_all(con))
    sf = store_fives.store_fives(run, window, view.store_id, view.region_id, cfg)
    return {
        "view": view,
        "compare": store_view.comparison_table(view, "en"),
        "trend": store_view.trend_table(view, "en"),
        "fives": sf,
        "fives_sections": store_fives.sections_table(sf, "en"),
        "fives_trend": store_fives.trend_table(sf, "en"),
    }


def _complaints_side(frames: dict, window: Window, goals: complaints.Targets) -> dict:
    """The Complaints source of one side: the twelve weeks' rows and the reference week's tiles (with the
    week before)."""
    c = frames["complaints"]
    whole, week = window.filters(), window.week_filters()
    as_of = min(complaints.period_end(week), window.as_of)
    facts = complaint_facts_pandas(c, whole, as_of, goals, window.as_of)
    weekly = weekly_pandas(facts).set_index("week_start").reindex(pd.to_datetime(list(window.weeks)))
    counts = ["complaint_count", "sla_elapsed_count", "sla_met_count", "reopen_base_count", "reopened_count"]
    weekly[counts] = weekly[counts].fillna(0)  # a week without complaints counts 0 (its medians stay empty)
    prev = week.previous()
    cur = summary_pandas(complaint_facts_pandas(c, week, as_of, goals, window.as_of))
    old = summary_pandas(complaint_facts_pandas(c, prev, complaints.period_end(prev), goals, window.as_of))
    return {"weekly": weekly, "tiles": cur, "previous": old}


def _sat_side(frames: dict, window: Window) -> dict:
    """The Satisfaction source of one side: its weekly trend over the window and the week's tiles."""
    r = frames["survey_responses"]
    week = window.week_filters()
    trend = sat_twin._trend(sat_twin._in_period(r, window.filters()))
    trend = trend.set_index("period_start").reindex(pd.to_datetime(list(window.weeks)))
    tiles = sat_twin._tiles(
        sat_twin._blocks(sat_twin._in_period(r, week)),
        sat_twin._blocks(sat_twin._in_period(r, week.previous())),
    )
    return {"trend": trend, "tiles": tiles}


def _fives_block(frames: dict, window: Window, store_id: int, region_id) -> dict:
    """The store's 5S part: section and monthly means (with n) of the store, its region and the chain, the
    store's mean overall % and band, its repeat findings and its actions not yet verified."""
    cfg = cases_fives._cfg(frames)
    insp = cases_fives._with_previous(frames)

    def side(w: Window, months: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
        # the months the window touches, each whole (as the sparkline reads them), or the window's weeks
        sec, ins = cases_fives._scores(
            frames, cases_fives._items(frames, insp, w.month_filters() if months else w.filters())
        )
        return sec, ins

    in_region = window.narrowed("region", [region_id])
    (sec, ins), r_sec = side(window), side(in_region)[0]
    mine_sec, mine_ins = sec[sec["store_id"] == store_id], ins[ins["store_id"] == store_id]
    m_ins, r_m_ins = side(window, months=True)[1], side(in_region, months=True)[1]

    def by(frame: pd.DataFrame, key, col: str) -> pd.DataFrame:
        return frame.groupby(key).agg(pct=(col, "mean"), n=(col, "count"))

    def month(frame: pd.DataFrame) -> pd.Series:
        return frame["inspected_on"].dt.to_period("M").dt.to_timestamp()

    sections = pd.concat(
        {
            name: by(f, "section_code", "section_pct")
            for name, f in (("store", mine_sec), ("region", r_sec), ("chain", sec))
        },
        axis=1,
    )
    months = pd.concat(
        {
            name: by(f.assign(month_start=month(f)), "month_start", "overall_pct")
            for name, f in (
                ("store", m_ins[m_ins["store_id"] == store_id]),
                ("region", r_m_ins),
                ("chain", m_ins),
            )
        },
        axis=1,
    )
    overall = mine_ins["overall_pct"].mean() if mine_ins["overall_pct"].notna().any() else None
    overall_n = int(mine_ins["overall_pct"].notna().sum())
    items = cases_fives._items(frames, insp, window.narrowed("store", [store_id]).filters())
    acts = frames["corrective_actions"]
    acts = acts[(acts["store_id"] == store_id) & acts["status"].isin(store_fives.OPEN_STATUSES)]
    return {
        "sections": sections,
        "months": months,
        "overall": overall,
        "overall_n": overall_n,
        "band": cfg.judged_band(overall, overall_n),
        "repeats": int(items["is_repeat"].sum()),
        "actions": sorted(acts["action_id"].astype(int)),
    }


def store_page_pandas(frames: dict) -> dict:
    window = window_for(cases_overview._now())
    stores = frames["stores"]
    row = bench_store(stores)
    store_id, region_id = int(row["store_id"]), int(row["region_id"])
    goals = complaints.Targets(sla_attainment_pct=90.0)
    sides = {
        "store": window.narrowed("store", [store_id]),
        "region": window.narrowed("region", [region_id]),
        "chain": window,
    }
    out = {
        name: {"complaints": _complaints_side(frames, w, goals), "sat": _sat_side(frames, w)}
        for name, w in sides.items()
    }
    for name, w in sides.items():
        out[name]["fives"] = cases_overview.fives_pandas(frames, w)
    acts = frames["corrective_actions"]
    inspections = frames["fives_inspections"][["inspection_id", "region_id"]]  # the region at the inspection
    acts = acts[acts["status"] != "verified"].merge(inspections, on="inspection_id")
    out["open_actions"] = {
        "store": int((acts["store_id"] == store_id).sum()),
        "region": int((acts["region_id"] == region_id).sum()),
        "chain": len(acts),
    }
    out["fives_block"] = _fives_block(frames, window, store_id, region_id)
    out["store_id"], out["window"] = store_id, (window.start, window.end - timedelta(days=0))
    return out


register("store_page", store_page_duckdb, store_page_pandas)
