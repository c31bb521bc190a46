"""Satisfaction page: what it computes on first paint (portal.satisfaction: nine DuckDB queries) and a pandas twin.

``satisfaction_page`` makes the calls pages/satisfaction.py makes when it opens with default filters (last 90 days,
chain-wide, weekly trend), in its order: tiles with the previous period and their tests, the trend with 95%
intervals, the store ranking (until session 40 the case left it out: tests/apptest/test_satisfaction_page.py now
holds the case's named queries to the page's), SERVQUAL per instrument (dimension gaps for the selection, per
region and per store, importance weights and both scores, item gaps, drivers) and the latest comments.
``satisfaction_page_pandas`` computes the same from the tables in memory by the definitions of SPEC.md §3, the store
ranking too (since session 41; until then pandas was one statement's work lighter); ``normalise`` and
``normalise_ranking`` bring the DuckDB figures into the twin's shape, and tests/test_satisfaction_bench.py checks that
both give the same numbers.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from bench import periods
from bench.registry import register
from portal import cli, db, kpi, satisfaction, servqual, settings, stats
from portal.filters import Filters, today_in
from portal.scope import Scope


def satisfaction_page_duckdb(con) -> dict:
    """The first paint of pages/satisfaction.py: ``figures`` (the figure set) and the store ``ranking``."""
    run = kpi.runner(con, Scope.everything())
    # the settings read once with the reporting zone, as the page reads them (ui.settings_snapshot), not one
    # statement a setting; the page's filter counts days in that zone (bench/periods.py)
    loaded = settings.snapshot(con)
    filters, cfg = periods.page_filters(con, loaded), satisfaction.load_settings(loaded)
    today = today_in(filters.timezone)
    tiles = satisfaction.tiles(run, filters, cfg, today)
    trend = satisfaction.trend(run, filters, cfg, "week", today)
    ranking = satisfaction.store_ranking(run, filters, cfg)
    figs = satisfaction.SatisfactionFigures(
        filters=filters,
        settings=cfg,
        tiles=tiles,
        trend=trend,
        servqual=satisfaction.servqual_figures(run, filters, cfg),
        comments=satisfaction.comments(run, filters, (), satisfaction.COMMENT_LIMIT),
        today=today,
    )
    return {"figures": figs, "ranking": ranking}


# ---------------------------------------------------------------- the common shape of both results
def normalise(figs: satisfaction.SatisfactionFigures) -> dict:
    out = {
        "tiles": {t.key: (t.value, t.n, t.previous_value, t.previous_n, t.p_value) for t in figs.tiles},
        "trend": figs.trend[["period_start", "overall_n", "index_points", "csat_pct", "nps"]]
        .assign(period_start=lambda d: pd.to_datetime(d["period_start"]))
        .reset_index(drop=True),
        "servqual": {},
        "comments": list(figs.comments["source_response_id"]),
    }
    for s in figs.servqual:
        out["servqual"][s.instrument_id] = {
            "dims": s.dimensions[
                ["dimension_code", "mean_expectation", "mean_perception", "gap", "responses_n"]
            ].reset_index(drop=True),
            "scores": (s.scores.unweighted, s.scores.weighted),
            "by_store": s.by_store[["store_id", "dimension_code", "gap", "responses_n", "weighted_score"]]
            .sort_values(["store_id", "dimension_code"])
            .reset_index(drop=True),
            "items": s.items[["item_no", "gap", "answers_n"]].reset_index(drop=True),
            "drivers": s.drivers[["dimension_code", "correlation", "slope", "responses_n"]].reset_index(
                drop=True
            ),
        }
    return out


# ---------------------------------------------------------------- pandas
def _cfg(frames) -> satisfaction.SatisfactionSettings:
    stored = frames["settings"].set_index("key")["value"] if not frames["settings"].empty else pd.Series()

    def get(key):
        import json

        return json.loads(stored[key]) if key in stored.index else settings.DEFAULTS[key]

    return satisfaction.SatisfactionSettings(
        target=float(get("satisfaction_target")),
        csat_target_pct=float(get("csat_target_pct")),
        nps_target=float(get("nps_target")),
        low_confidence_n=int(get("low_confidence_n")),
        default_weights=get("servqual_default_weights"),
    )


def _in_period(r: pd.DataFrame, f: Filters) -> pd.DataFrame:
    day = pd.to_datetime(r["responded_on"])
    keep = (day >= pd.Timestamp(f.start)) & (day <= pd.Timestamp(f.end))
    for column, chosen in (("region_id", f.region_ids), ("store_id", f.store_ids), ("channel", f.channels)):
        if chosen:
            keep &= r[column].isin(chosen)
    return r[keep]


def _blocks(r: pd.DataFrame) -> dict:
    overall = r["overall_satisfaction"].dropna().astype(float)
    points = (overall - 1) / 4 * 100
    rec = r["recommend_score"].dropna()
    return {
        "responses": len(r),
        "overall_n": len(overall),
        "index": points.mean() if len(points) else None,
        "sd": points.std(ddof=1) if len(points) > 1 else None,
        "satisfied": int((overall >= 4).sum()),
        "rec_n": len(rec),
        "prom": int((rec >= 9).sum()),
        "det": int((rec <= 6).sum()),
    }


def _tiles(cur: dict, old: dict) -> dict:
    def share(x, n):
        return 100.0 * x / n if n else None

    def nps(b):
        return 100.0 * (b["prom"] - b["det"]) / b["rec_n"] if b["rec_n"] else None

    return {
        "index": (
            cur["index"],
            cur["overall_n"],
            old["index"],
            old["overall_n"],
            stats.welch_t_test(
                cur["index"], cur["sd"], cur["overall_n"], old["index"], old["sd"], old["overall_n"]
            ).p_value,
        ),
        "csat": (
            share(cur["satisfied"], cur["overall_n"]),
            cur["overall_n"],
            share(old["satisfied"], old["overall_n"]),
            old["overall_n"],
            stats.two_proportion_z_test(
                cur["satisfied"], cur["overall_n"], old["satisfied"], old["overall_n"]
            ).p_value,
        ),
        "nps": (
            nps(cur),
            cur["rec_n"],
            nps(old),
            old["rec_n"],
            stats.nps_z_test(
                cur["prom"], cur["det"], cur["rec_n"], old["prom"], old["det"], old["rec_n"]
            ).p_value,
        ),
        "responses": (
            float(cur["responses"]),
            cur["responses"],
            float(old["responses"]),
            old["responses"],
            None,
        ),
    }


RANKING_COLUMNS = [
    "store_id", "store_code", "overall_n", "index_points", "index_lower", "index_upper", "csat_pct", "csat_lower",
    "csat_upper", "recommend_n", "nps", "nps_lower", "nps_upper", "low_confidence", "rank",
]  # fmt: skip


def normalise_ranking(ranking: pd.DataFrame) -> pd.DataFrame:
    """The page's store ranking (``satisfaction.store_ranking``) in the twin's shape."""
    return ranking[RANKING_COLUMNS].reset_index(drop=True)


def _ranking(frames, r: pd.DataFrame, cfg) -> pd.DataFrame:
    """The store ranking from the period's responses ``r`` (kept first): per store its index, CSAT and NPS with
    their 95% intervals, low confidence under the low-confidence n of overall answers, ranked by index among the
    others (ties share the better rank); ranked stores first, best first, then the low-n stores by index."""
    overall, rec = r["overall_satisfaction"].astype(float), r["recommend_score"].astype(float)
    g = pd.DataFrame(
        {
            "store_id": r["store_id"],
            "overall": overall,
            "points": (overall - 1) / 4 * 100,
            "satisfied": overall >= 4,
            "rec": rec,
            "promoter": rec >= 9,
            "detractor": rec <= 6,
        }
    ).groupby("store_id")
    out = pd.DataFrame(
        {
            "overall_n": g["overall"].count(),
            "index_points": g["points"].mean(),
            "index_sd": g["points"].std(ddof=1),
            "satisfied_n": g["satisfied"].sum(),
            "recommend_n": g["rec"].count(),
            "promoters_n": g["promoter"].sum(),
            "detractors_n": g["detractor"].sum(),
        }
    ).reset_index()
    out = out.merge(frames["stores"][["store_id", "store_code"]], on="store_id")
    n, rec_n = out["overall_n"].to_numpy(float), out["recommend_n"].to_numpy(float)
    out["index_lower"], out["index_upper"] = stats.index_ci(out["index_points"], out["index_sd"], n)
    out["csat_pct"] = 100 * out["satisfied_n"] / n
    lo, hi = stats.proportion_ci(out["satisfied_n"], n)
    out["csat_lower"], out["csat_upper"] = 100 * lo, 100 * hi
    promoters, detractors = out["promoters_n"].to_numpy(float), out["detractors_n"].to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["nps"] = 100 * (promoters - detractors) / rec_n
    out["nps_lower"], out["nps_upper"] = stats.nps_ci(promoters, detractors, rec_n)
    out["low_confidence"] = out["overall_n"] < cfg.low_confidence_n
    ranked = out["index_points"].where(~out["low_confidence"])
    out["rank"] = ranked.rank(method="min", ascending=False).astype("Int64")
    out = out.sort_values(
        ["low_confidence", "index_points", "store_code"], ascending=[True, False, True], na_position="last"
    )
    return out[RANKING_COLUMNS].reset_index(drop=True)


def _trend(r: pd.DataFrame) -> pd.DataFrame:
    day = pd.to_datetime(r["responded_on"])
    week = (day - pd.to_timedelta(day.dt.weekday, unit="D")).dt.normalize()
    overall = r["overall_satisfaction"].astype("Float64")
    frame = pd.DataFrame(
        {
            "period_start": week,
            "points": (overall - 1) / 4 * 100,
            "overall": overall,
            "rec": r["recommend_score"].astype("Float64"),
        }
    )
    g = frame.groupby("period_start")
    out = pd.DataFrame(
        {
            "overall_n": g["overall"].count(),
            "index_points": g["points"].mean().astype(float),
            "satisfied": g["overall"].apply(lambda s: int((s >= 4).sum())),
            "rec_n": g["rec"].count(),
            "prom": g["rec"].apply(lambda s: int((s >= 9).sum())),
            "det": g["rec"].apply(lambda s: int((s <= 6).sum())),
        }
    ).reset_index()
    out["csat_pct"] = 100 * out["satisfied"] / out["overall_n"]
    out["nps"] = 100 * (out["prom"] - out["det"]) / out["rec_n"]
    return out[["period_start", "overall_n", "index_points", "csat_pct", "nps"]].astype(
        {"period_start": "datetime64[us]"}
    )


def _servqual(frames, r: pd.DataFrame, cfg) -> dict:
    r = r[r["instrument_id"].notna()]
    items = frames["instrument_items"]
    dims_meta = frames["instrument_dimensions"]
    a = frames["servqual_answers"].merge(
        r[["response_id", "instrument_id", "store_id", "region_id", "overall_satisfaction"]], on="response_id"
    )
    a = a.merge(items[["instrument_id", "item_no", "dimension_code"]], on=["instrument_id", "item_no"])
    pairs = a[a["expectation"].notna() & a["perception"].notna()].assign(
        e=lambda d: d["expectation"].astype(float), p=lambda d: d["perception"].astype(float)
    )
    pairs = pairs.assign(d=pairs["p"] - pairs["e"])
    imp = frames["servqual_importance"].merge(
        r[["response_id", "instrument_id", "store_id"]], on="response_id"
    )
    instruments = frames["survey_instruments"].set_index("instrument_id")
    out = {}
    order = sorted(
        pairs["instrument_id"].unique(),
        key=lambda i: (
            not instruments.loc[i, "is_default"],
            instruments.loc[i, "instrument_code"],
            instruments.loc[i, "version"],
        ),
    )
    for iid in order:
        p = pairs[pairs["instrument_id"] == iid]
        meta = dims_meta[dims_meta["instrument_id"] == iid].sort_values("position")
        g = p.groupby("dimension_code")
        dims = pd.DataFrame(
            {
                "mean_expectation": g["e"].mean(),
                "mean_perception": g["p"].mean(),
                "gap": g["d"].mean(),
                "responses_n": g["response_id"].nunique(),
            }
        )
        dims = dims.reindex(meta["dimension_code"])
        dims["responses_n"] = dims["responses_n"].fillna(0).astype("int64")
        dims = dims.reset_index()
        defaults = dict(zip(meta["dimension_code"], meta["default_weight"], strict=True))

        def weights(points: pd.DataFrame, defaults=defaults):
            if points.empty:
                return servqual.choose_weights(defaults, settings_weights=cfg.default_weights)
            n = points["response_id"].nunique()
            means = (points.groupby("dimension_code")["points"].sum() / n).to_dict()
            return servqual.choose_weights(defaults, means, n, cfg.default_weights)

        w = weights(imp[imp["instrument_id"] == iid])
        sc = servqual.scores(dict(zip(dims["dimension_code"], dims["gap"], strict=True)), w)
        gs = p.groupby(["store_id", "dimension_code"])
        by_store = pd.DataFrame(
            {"gap": gs["d"].mean(), "responses_n": gs["response_id"].nunique()}
        ).reset_index()
        store_w = {}
        for store_id, sg in by_store.groupby("store_id"):
            ws = weights(imp[(imp["instrument_id"] == iid) & (imp["store_id"] == store_id)])
            store_w[store_id] = servqual.scores(
                dict(zip(sg["dimension_code"], sg["gap"], strict=True)), ws
            ).weighted
        by_store["weighted_score"] = by_store["store_id"].map(store_w)
        gi = p.groupby("item_no")
        item_gaps = pd.DataFrame({"gap": gi["d"].mean(), "answers_n": gi["d"].count()}).reset_index()
        item_gaps = item_gaps.sort_values(["gap", "item_no"]).reset_index(drop=True)[
            ["item_no", "gap", "answers_n"]
        ]
        q = a[(a["instrument_id"] == iid) & a["perception"].notna() & a["overall_satisfaction"].notna()]
        per = (
            q.groupby(["response_id", "dimension_code"])
            .agg(mean_p=("perception", "mean"), overall=("overall_satisfaction", "first"))
            .reset_index()
        )
        rows = []
        for code in meta["dimension_code"]:
            d = per[per["dimension_code"] == code]
            x, y = d["mean_p"].astype(float).to_numpy(), d["overall"].astype(float).to_numpy()
            corr = slope = np.nan
            if len(d) > 1 and x.std() > 0 and y.std() > 0:
                corr = float(np.corrcoef(x, y)[0, 1])
            if len(d) > 1 and x.var() > 0:
                slope = float(np.cov(x, y, ddof=0)[0, 1] / x.var())
            rows.append((code, corr, slope, len(d)))
        drivers = pd.DataFrame(rows, columns=["dimension_code", "correlation", "slope", "responses_n"])
        drivers = drivers[drivers["responses_n"] > 0].reset_index(drop=True)
        out[int(iid)] = {
            "dims": dims[["dimension_code", "mean_expectation", "mean_perception", "gap", "responses_n"]],
            "scores": (sc.unweighted, sc.weighted),
            "by_store": by_store.sort_values(["store_id", "dimension_code"]).reset_index(drop=True),
            "items": item_gaps,
            "drivers": drivers,
        }
    return out


def satisfaction_page_pandas(frames: dict[str, pd.DataFrame]) -> dict:
    f = periods.twin_filters(frames)
    prev = f.previous()
    cfg = _cfg(frames)
    responses = frames["survey_responses"]
    cur = _in_period(responses, f)
    old = _in_period(responses, prev)
    with_comment = cur[cur["comment"].fillna("").str.strip() != ""]
    comments = with_comment.sort_values(["responded_on", "response_id"], ascending=False).head(
        satisfaction.COMMENT_LIMIT
    )
    return {
        "tiles": _tiles(_blocks(cur), _blocks(old)),
        "trend": _trend(cur),
        "ranking": _ranking(frames, cur, cfg),
        "servqual": _servqual(frames, cur, cfg),
        "comments": list(comments["source_response_id"]),
    }


register("satisfaction_page", satisfaction_page_duckdb, satisfaction_page_pandas)


# ---------------------------------------------------------------- import: a SERVQUAL survey file
SURVEY_ROWS = 50_000
MASTER_TABLES = ("regions", "stores", "store_region_history", "store_assignments")
_survey_files: dict[str, Path] = {}


def survey_export(n: int, store_codes: list[str], seed: int = 12) -> pd.DataFrame:
    """``n`` responses with the whole SERVQUAL22 block and importance points (template headers); 2 % of the
    answers blank."""
    rng = np.random.default_rng(seed)
    day = np.datetime64("2025-01-01") + rng.integers(0, 300, n).astype("timedelta64[D]")
    frame = {
        "response_id": np.char.add("BS", np.arange(n).astype(str)),
        "store_code": rng.choice(store_codes, n),
        "responded_on": pd.Series(day).dt.strftime("%Y-%m-%d").to_numpy(),
        "channel": rng.choice(["in_store", "app", "online"], n),
        "overall_satisfaction": rng.integers(1, 6, n).astype(str),
        "recommend_score": rng.integers(0, 11, n).astype(str),
    }
    for side, low in (("e", 4), ("p", 2)):
        for item in range(1, 23):
            values = rng.integers(low, 8, n).astype(str)
            frame[f"{side}{item}"] = np.where(rng.random(n) < 0.02, "", values)
    for dim, points in zip(
        ("tangibles", "reliability", "responsiveness", "assurance", "empathy"),
        ("10", "30", "20", "25", "15"),
        strict=True,
    ):
        frame[f"importance_{dim}"] = points
    return pd.DataFrame(frame)


def import_surveys_duckdb(con) -> int:
    """``python -m portal import surveys FILE`` (cli.main in-process) into a fresh database file holding the
    bench database's stores; the bench database is left untouched."""
    folder = Path(tempfile.gettempdir())
    key = str(
        con.execute(
            "select path from duckdb_databases() where database_name = current_database()"
        ).fetchone()[0]
    )
    if key not in _survey_files:
        stores = [r[0] for r in con.execute("select store_code from stores order by 1").fetchall()] or [
            "S001"
        ]
        path = folder / f"portal-bench-surveys-{os.getpid()}-{len(_survey_files)}.csv"
        survey_export(SURVEY_ROWS, stores).to_csv(path, index=False)
        atexit.register(path.unlink, True)
        _survey_files[key] = path
    target = folder / f"portal-bench-surveys-{os.getpid()}.duckdb"
    target.unlink(missing_ok=True)
    fresh = db.connect(target)
    try:
        for table in MASTER_TABLES:
            fresh.register("master_rows", con.cursor().execute(f"select * from {table}").df())  # noqa: S608
            fresh.execute(f"insert into {table} by name select * from master_rows")  # noqa: S608 - fixed names
            fresh.unregister("master_rows")
    finally:
        fresh.close()
    before = os.environ.get("PORTAL_DB")
    os.environ["PORTAL_DB"] = str(target)
    try:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            code = cli.main(["import", "surveys", str(_survey_files[key])])  # the OS user: admin, chain-wide
    finally:
        if before is None:
            os.environ.pop("PORTAL_DB", None)
        else:
            os.environ["PORTAL_DB"] = before
        target.unlink(missing_ok=True)
    if code != 0 or f"{SURVEY_ROWS:,} added" not in out.getvalue():
        raise RuntimeError(
            f"the survey import did not commit every row (exit {code}): {out.getvalue()[-500:]}"
        )
    return code


register("import_surveys_50k", import_surveys_duckdb, kind="import")
