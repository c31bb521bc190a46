"""5S results page: what it computes on first paint (portal.fives.figures over DuckDB queries of the stored 5S
facts of migration 015, read through the fact macros), each of its other tabs apart, the Corrective actions page,
and a pandas twin of the first paint.

``fives_page`` makes the calls pages/fives.py makes when it opens with default filters (last 90 days,
chain-wide): the settings, the headline of the period and the previous one, the store ranking with bands (read
for every tab) and the open tab's view, the heat map store x section with the chain's row (the first tab;
``ui.lazy_tabs`` reads no other tab's view). Until session 40 the case read all six views and the action loop,
which the page never reads at once. A switch to another tab reruns the page: its headline (read fresh on every
run) and its own views, the ranking and heat map coming from the cache; ``fives_tab_store`` (the one store
view's trend and repeat findings), ``fives_tab_inspectors`` (the inspector consistency) and
``fives_tab_repeats`` (the repeat findings) time those views alone (the ranking tab reads none of its own);
``fives_actions_page`` what the Corrective actions page computes (settings, headline, action loop, the action
list, the picked action's steps). tests/apptest/test_fives_pages.py holds each case's named queries to the page's.

``fives_page_pandas`` computes the first paint from the tables in memory the way a competent Streamlit developer
would (filter the period's inspections and their previous ones first, then derive), by the definitions of
SPEC.md §3, and ``fives_views_pandas`` every view; ``normalise`` brings both sides into one shape and
tests/test_fives_bench.py checks that they agree.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date

import numpy as np
import pandas as pd

from bench import periods
from bench.registry import register
from portal import settings
from portal.filters import Filters, today_in
from portal.fives import figures
from portal.scope import Scope


def _run(con):
    return figures.runner(con, Scope.everything())


def _page(con) -> tuple[Filters, figures.FivesSettings]:
    """The page's filter (its days in the reporting zone: bench/periods.py) and 5S settings, from the settings read
    once with the zone, as the page reads them (``ui.settings_snapshot``)."""
    loaded = settings.snapshot(con)
    return periods.page_filters(con, loaded), figures.load_settings(loaded)


def fives_page_duckdb(con) -> dict:
    """The first paint of pages/fives.py, its calls in its order: settings, headline, ranking, heat map."""
    filters, cfg = _page(con)
    run = _run(con)
    headline = figures.headline(run, filters, cfg)
    ranking = figures.ranking(run, filters, cfg)
    return {"headline": headline, "ranking": ranking, "heatmap": figures.heatmap(run, filters)}


def fives_tab_store_duckdb(con) -> dict:
    """The one-store tab's own views (its ranking and heat map: cached since the first paint)."""
    run, filters = _run(con), periods.page_filters(con)
    return {"trend": figures.trend(run, filters), "repeat_findings": figures.repeat_findings(run, filters)}


def fives_tab_inspectors_duckdb(con) -> pd.DataFrame:
    return figures.consistency(_run(con), periods.page_filters(con))


def fives_tab_repeats_duckdb(con) -> pd.DataFrame:
    return figures.repeat_findings(_run(con), periods.page_filters(con))


def fives_actions_page_duckdb(con) -> dict:
    """pages/fives_actions.py on first paint: settings, headline, the action loop, every action in scope and the
    picked action's steps (the picker's first, as the page shows it: ui_fives.workflow_panel)."""
    filters, cfg = _page(con)
    run = _run(con)
    headline = figures.headline(run, filters, cfg)
    loop = figures.action_loop(run, filters, cfg)
    acts = figures.actions(run, filters, cfg)
    steps = None if acts.empty else run("fives_action_steps", {"action_id": int(acts["action_id"].iloc[0])})
    return {"headline": headline, "action_loop": loop, "actions": acts, "steps": steps}


def fives_views_duckdb(con) -> dict:
    """Every view of the 5S figure set (``figures.figures``), as the page's tabs and the actions page read them."""
    figs = figures.figures(con, Scope.everything(), periods.page_filters(con))
    return {f.name: getattr(figs, f.name) for f in fields(figs)}


# ---------------------------------------------------------------- the common shape of both results
def _frame(df: pd.DataFrame, cols: list[str], keys: list[str]) -> pd.DataFrame:
    out = df[cols].sort_values(keys).reset_index(drop=True)
    for c in cols:
        if pd.api.types.is_numeric_dtype(out[c]) and c not in keys:
            out[c] = out[c].astype(float)
    return out


def normalise(figs: dict) -> dict:
    """The views ``figs`` holds (``fives_page_duckdb``'s first paint or ``fives_views_duckdb``'s every view) in the
    shape the pandas twin gives them."""
    out = {}
    if "headline" in figs:  # a figure without data ("no data" and why, never 0) has no value
        out["headline"] = {
            f.key: (None if f.no_data_reason else f.value, f.n, f.previous_value, f.previous_n)
            for f in figs["headline"].all()
        }
    if "heatmap" in figs:
        heat = figs["heatmap"]
        stores, chain = heat[~heat["is_chain"]], heat[heat["is_chain"]]
        out["heatmap"] = _frame(
            stores.assign(store_id=stores["store_id"].astype(int)),
            ["store_id", "section_code", "mean_pct", "inspections_n"],
            ["store_id", "section_code"],
        )
        out["chain"] = _frame(chain, ["section_code", "mean_pct", "inspections_n"], ["section_code"])
    if "ranking" in figs:
        out["ranking"] = _frame(
            figs["ranking"].assign(store_id=figs["ranking"]["store_id"].astype(int)),
            ["store_id", "mean_pct", "scored_n", "band", "repeat_findings_n", "repeat_basis_n"],
            ["store_id"],
        )
    if "trend" in figs:
        trend = figs["trend"].assign(
            month_start=lambda d: pd.to_datetime(d["month_start"]), store_id=lambda d: d["store_id"].fillna(0)
        )
        out["trend"] = _frame(
            trend.assign(store_id=trend["store_id"].astype(int)),
            ["month_start", "store_id", "mean_pct", "inspections_n"],
            ["month_start", "store_id"],
        )
    if "consistency" in figs:
        out["consistency"] = _frame(
            figs["consistency"], ["inspector", "own_mean_pct", "difference_pp"], ["inspector"]
        )
    if "repeat_findings" in figs:
        repeats = figs["repeat_findings"]
        out["repeats"] = sorted(zip(repeats["inspection_id"], repeats["item_code"], strict=True))
    if "action_loop" in figs:
        loop = figs["action_loop"]
        out["loop"] = _frame(
            loop.assign(store_id=loop["store_id"].astype(int)),
            [
                "store_id",
                "opened_n",
                "closed_in_time_n",
                "closed_late_n",
                "overdue_n",
                "open_n",
                "repeat_findings_n",
            ],
            ["store_id"],
        )
    return out


# ---------------------------------------------------------------- pandas
def _cfg(frames) -> figures.FivesSettings:
    stored = frames["settings"].set_index("key")["value"] if not frames["settings"].empty else pd.Series()

    def get(key):
        return json.loads(stored[key]) if key in stored.index else settings.DEFAULTS[key]

    bands = get("fives_bands")
    return figures.FivesSettings(
        excellent_min=float(bands["excellent"]),
        good_min=float(bands["good"]),
        needs_improvement_min=float(bands["needs_improvement"]),
        due_days=int(get("fives_action_due_days")),
        low_confidence_n=int(get("fives_low_confidence_n")),
    )


def _with_previous(frames) -> pd.DataFrame:
    insp = frames["fives_inspections"][
        ["inspection_id", "store_id", "region_id", "template_id", "inspected_on"]
    ]
    insp = insp.assign(
        inspector=frames["fives_inspections"]["inspector_username"].fillna(
            frames["fives_inspections"]["inspector_name"]
        ),
        inspected_on=pd.to_datetime(insp["inspected_on"]),
    ).sort_values(["store_id", "inspected_on", "inspection_id"])
    # the previous inspection: the last one of the store's previous inspection day (one of the same day, a second
    # auditor's, is none: models/fives_item_rollup.sql); the store's first day has none, nothing could repeat there
    days = insp.groupby(["store_id", "inspected_on"])["inspection_id"].max().rename("day_last").reset_index()
    grouped = days.groupby("store_id")
    days = days.assign(
        previous_inspection_id=grouped["day_last"].shift(1),
        previous_inspected_on=grouped["inspected_on"].shift(1),
    ).drop(columns="day_last")
    return insp.merge(days, on=["store_id", "inspected_on"])


def _items(frames, insp: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The period's item rows with the fail rule and the repeat flag."""
    keep = (insp["inspected_on"] >= pd.Timestamp(f.start)) & (insp["inspected_on"] <= pd.Timestamp(f.end))
    if f.region_ids:
        keep &= insp["region_id"].isin(f.region_ids)
    if f.store_ids:
        keep &= insp["store_id"].isin(f.store_ids)
    period = insp[keep]
    needed = insp[
        insp["inspection_id"].isin(period["inspection_id"])
        | insp["inspection_id"].isin(period["previous_inspection_id"])
    ]
    tmpl = frames["fives_templates"][["template_id", "template_code", "fail_ratio"]]
    items = frames["fives_items"][
        ["template_id", "item_code", "section_code", "weight", "max_score", "is_red_line"]
    ]
    rows = needed.merge(tmpl, on="template_id").merge(items, on="template_id")
    scores = frames["fives_item_scores"][["inspection_id", "item_code", "score", "is_not_applicable"]]
    rows = rows.merge(scores, on=["inspection_id", "item_code"], how="left")
    score = rows["score"].astype(float)
    na = rows["is_not_applicable"].fillna(False).astype(bool)
    rows["is_excluded"] = score.isna() | na
    ratio = rows["fail_ratio"].fillna(0.25).astype(float)
    rows["is_failed"] = (
        ~rows["is_excluded"] & (rows["max_score"] > 0) & (score <= ratio * rows["max_score"] + 1e-9)
    )
    rows["is_red_line"] = rows["is_red_line"].fillna(False).astype(bool)
    rows["score_w"] = np.where(rows["is_excluded"], 0.0, score.fillna(0) * rows["weight"])
    rows["max_w"] = np.where(rows["is_excluded"], 0.0, rows["max_score"] * rows["weight"])
    # the same item: its code in the same checklist (any version: template_code), as fives_item_rollup
    prev = rows.loc[rows["is_failed"], ["inspection_id", "item_code", "template_code"]].rename(
        columns={"inspection_id": "previous_inspection_id"}
    )
    prev["prev_failed"] = True
    cur = rows[rows["inspection_id"].isin(period["inspection_id"])]
    cur = cur.merge(prev, on=["previous_inspection_id", "item_code", "template_code"], how="left")
    cur["is_repeat"] = cur["is_failed"] & cur["prev_failed"].fillna(False).astype(bool)
    # a repeat can be judged on an inspection with a previous one only: its failed items are the repeat count's n
    cur["has_previous"] = cur["previous_inspection_id"].notna()
    cur["is_repeat_basis"] = cur["is_failed"] & cur["has_previous"]
    return cur


def _scores(frames, items: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    keys = ["inspection_id", "section_code"]
    g = items.assign(
        red_fail=items["is_red_line"] & items["is_failed"], applicable=~items["is_excluded"]
    ).groupby(keys)
    sec = g.agg(
        store_id=("store_id", "first"),
        template_id=("template_id", "first"),
        inspected_on=("inspected_on", "first"),
        inspector=("inspector", "first"),
        applicable_n=("applicable", "sum"),
        excluded_n=("is_excluded", "sum"),
        failed_n=("is_failed", "sum"),
        repeat_n=("is_repeat", "sum"),
        basis_n=("is_repeat_basis", "sum"),
        has_previous=("has_previous", "any"),
        score_w=("score_w", "sum"),
        max_w=("max_w", "sum"),
        red=("red_fail", "any"),
    ).reset_index()
    pct = 100.0 * sec["score_w"] / sec["max_w"].where(sec["max_w"] > 0)
    sec["section_pct"] = np.where(sec["applicable_n"] == 0, np.nan, np.where(sec["red"], 0.0, pct))
    weights = frames["fives_sections"][["template_id", "section_code", "weight"]].rename(
        columns={"weight": "sw"}
    )
    sec = sec.merge(weights, on=["template_id", "section_code"])
    scored = sec[sec["section_pct"].notna()]
    num = (scored["section_pct"] * scored["sw"]).groupby(scored["inspection_id"]).sum()
    den = scored["sw"].groupby(scored["inspection_id"]).sum()
    ins = sec.groupby("inspection_id").agg(
        store_id=("store_id", "first"),
        inspected_on=("inspected_on", "first"),
        inspector=("inspector", "first"),
        failed_n=("failed_n", "sum"),
        repeat_n=("repeat_n", "sum"),
        basis_n=("basis_n", "sum"),
        has_previous=("has_previous", "any"),
    )
    ins["overall_pct"] = num / den
    return sec, ins.reset_index()


def _headline_numbers(ins: pd.DataFrame, cfg) -> dict:
    by_store = ins.groupby("store_id")["overall_pct"].agg(["mean", "count"]).dropna()
    judged = by_store[
        by_store["count"] >= cfg.low_confidence_n
    ]  # no band on fewer (queries/fives_headline.sql)
    return {
        "overall": ins["overall_pct"].mean() if ins["overall_pct"].notna().any() else None,
        "n": int(ins["overall_pct"].notna().sum()),
        "stores": len(by_store),
        "judged": len(judged),
        "failing": int((judged["mean"] < cfg.needs_improvement_min).sum()),
        "repeats": int(ins["repeat_n"].sum()),
        "basis": int(ins["basis_n"].sum()),  # the failed items that could repeat
        "judged_repeats": int(ins["has_previous"].sum()),  # inspections with a previous one
    }


def _actions(frames, f: Filters) -> pd.DataFrame:
    a = frames["corrective_actions"].merge(
        frames["fives_inspections"][["inspection_id", "region_id", "inspected_on"]], on="inspection_id"
    )
    if f.region_ids:
        a = a[a["region_id"].isin(f.region_ids)]
    if f.store_ids:
        a = a[a["store_id"].isin(f.store_ids)]
    return a


def _first_paint_pandas(frames: dict) -> tuple[dict, dict]:
    """The first paint (headline, heat map with the chain's row, ranking) and what the other views build on."""
    cfg = _cfg(frames)
    f = periods.twin_filters(frames)
    today = pd.Timestamp(today_in(f.timezone))
    insp = _with_previous(frames)
    items = _items(frames, insp, f)
    sec, ins = _scores(frames, items)
    now = _headline_numbers(ins, cfg)
    _, ins_before = _scores(frames, _items(frames, insp, f.previous()))
    before = _headline_numbers(ins_before, cfg)

    acts = _actions(frames, f)
    due = pd.to_datetime(acts["due_on"])
    not_verified = acts["status"] != "verified"
    overdue = not_verified & (due < today)  # models/fives_action_overdue.sql: submitted work past due too
    headline = {
        "chain_overall": (now["overall"], now["n"], before["overall"], before["n"]),
        "failing_stores": (  # no data when no store has enough inspections to be judged
            now["failing"] if now["judged"] else None,
            now["judged"],
            before["failing"] if before["judged"] else None,
            before["judged"],
        ),
        "open_actions": (int(not_verified.sum()), len(acts), None, 0),
        "overdue_actions": (int(overdue.sum()), int(not_verified.sum()), None, 0),
        # n: the failed items that could repeat; no data when no inspection had a previous one (never 0)
        "repeat_findings": (
            now["repeats"] if now["judged_repeats"] else None,
            now["basis"],
            before["repeats"] if before["judged_repeats"] else None,
            before["basis"],
        ),
    }

    heat = sec.groupby(["store_id", "section_code"]).agg(
        mean_pct=("section_pct", "mean"), inspections_n=("section_pct", "count")
    )
    chain = sec.groupby("section_code").agg(
        mean_pct=("section_pct", "mean"), inspections_n=("section_pct", "count")
    )
    by_store = (
        ins.groupby("store_id")
        .agg(
            mean_pct=("overall_pct", "mean"),
            scored_n=("overall_pct", "count"),
            repeat_findings_n=("repeat_n", "sum"),
            repeat_basis_n=("basis_n", "sum"),
            has_previous=("has_previous", "any"),
        )
        .reset_index()
    )
    # a store none of whose inspections had a previous one: nothing could repeat yet, no data (not 0)
    nothing_judged = ~by_store["has_previous"].astype(bool)
    by_store.loc[nothing_judged, ["repeat_findings_n", "repeat_basis_n"]] = np.nan
    by_store["band"] = [  # no band on fewer than the low-confidence n (figures.ranking)
        cfg.judged_band(v, n) for v, n in zip(by_store["mean_pct"], by_store["scored_n"], strict=True)
    ]
    shown = {
        "headline": headline,
        "heatmap": heat.reset_index(),
        "chain": chain.reset_index(),
        "ranking": by_store,
    }
    return shown, {
        "f": f,
        "ins": ins,
        "items": items,
        "acts": acts,
        "due": due,
        "overdue": overdue,
        "not_verified": not_verified,
    }


def fives_page_pandas(frames: dict) -> dict:
    """``fives_page_duckdb``'s first paint with pandas."""
    return _first_paint_pandas(frames)[0]


def fives_views_pandas(frames: dict) -> dict:
    """Every view of the figure set with pandas (``fives_views_duckdb``): the first paint and the other tabs'."""
    shown, at = _first_paint_pandas(frames)
    f, ins, items, acts, due = at["f"], at["ins"], at["items"], at["acts"], at["due"]
    overdue, not_verified, by_store = at["overdue"], at["not_verified"], shown["ranking"]
    months = ins.assign(month_start=ins["inspected_on"].dt.to_period("M").dt.to_timestamp())
    trend = pd.concat(
        [
            months.groupby(["month_start", "store_id"])
            .agg(mean_pct=("overall_pct", "mean"), inspections_n=("overall_pct", "count"))
            .reset_index(),
            months.groupby("month_start")
            .agg(mean_pct=("overall_pct", "mean"), inspections_n=("overall_pct", "count"))
            .reset_index()
            .assign(store_id=0),
        ]
    )

    scored = ins[ins["overall_pct"].notna()].assign(inspector=lambda d: d["inspector"].fillna("?"))
    per = (
        scored.groupby(["inspector", "store_id"])["overall_pct"]
        .agg(own_mean="mean", own_n="count")
        .reset_index()
    )
    tot = scored.groupby("store_id")["overall_pct"].agg(total="sum", total_n="count").reset_index()
    per = per.merge(tot, on="store_id")
    per["others_n"] = per["total_n"] - per["own_n"]
    per["others_mean"] = (per["total"] - per["own_mean"] * per["own_n"]) / per["others_n"].where(
        per["others_n"] > 0
    )
    per["w_own"] = per["own_mean"] * per["own_n"]
    shared = per[per["others_n"] > 0].assign(w_oth=lambda d: d["others_mean"] * d["own_n"])
    sums = per.groupby("inspector")[["w_own", "own_n"]].sum()
    cons = (sums["w_own"] / sums["own_n"]).rename("own_mean_pct").to_frame()
    sh = shared.groupby("inspector").agg(w_own=("w_own", "sum"), w_oth=("w_oth", "sum"), n=("own_n", "sum"))
    cons["difference_pp"] = (sh["w_own"] - sh["w_oth"]) / sh["n"]

    repeats = sorted(
        zip(
            items.loc[items["is_repeat"], "inspection_id"],
            items.loc[items["is_repeat"], "item_code"],
            strict=True,
        )
    )

    # closed = verified, in time = verified on or before the due date in the reporting zone
    # (models/fives_action_closed_in_time.sql)
    verified = pd.to_datetime(acts["verified_at"])
    local = verified.dt.tz_localize("UTC").dt.tz_convert(f.timezone).dt.tz_localize(None)
    closed = verified.where(acts["status"] == "verified")
    in_time = closed.notna() & (local.dt.normalize() <= due)
    inspected = pd.to_datetime(acts["inspected_on"])
    opened = (inspected >= pd.Timestamp(f.start)) & (inspected <= pd.Timestamp(f.end))
    loop = (
        pd.DataFrame(
            {
                "store_id": acts["store_id"],
                "opened_n": opened,
                "closed_in_time_n": opened & in_time,
                "closed_late_n": opened & closed.notna() & ~in_time,
                "overdue_n": overdue,
                "open_n": not_verified,
            }
        )
        .groupby("store_id")
        .sum()
    )
    loop = loop.join(by_store.set_index("store_id")[["repeat_findings_n"]], how="outer")
    found = loop["repeat_findings_n"]  # none for a store without an inspection in the period (no data)
    loop = loop.fillna(0).assign(repeat_findings_n=found)
    loop = loop[loop.index.isin(by_store["store_id"]) | (loop["open_n"] > 0)].reset_index()
    return shown | {
        "trend": trend,
        "consistency": cons.reset_index(),
        "repeats": repeats,
        "loop": loop,
    }


register("fives_page", fives_page_duckdb, fives_page_pandas)
register("fives_tab_store", fives_tab_store_duckdb)
register("fives_tab_inspectors", fives_tab_inspectors_duckdb)
register("fives_tab_repeats", fives_tab_repeats_duckdb)
register("fives_actions_page", fives_actions_page_duckdb)

__all__ = [
    "date",
    "fives_actions_page_duckdb",
    "fives_page_duckdb",
    "fives_page_pandas",
    "fives_tab_inspectors_duckdb",
    "fives_tab_repeats_duckdb",
    "fives_tab_store_duckdb",
    "fives_views_duckdb",
    "fives_views_pandas",
    "normalise",
]
