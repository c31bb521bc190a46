"""The page's figure set (portal.complaints.figures): tiles, JSON; and its pandas twin (bench). The weekly trend:
tests/test_complaints_weekly_trend.py."""

import json
from dataclasses import replace
from datetime import date, datetime

import duckdb
import numpy as np
import pandas as pd
import pytest

from bench import cases_complaints
from portal import complaints, demo, frames, kpi, vocab
from portal.filters import Filters
from portal.i18n import t
from portal.scope import Scope
from tests import complaints_fixture as fx
from tests import fixtures

GOALS = complaints.Targets()
EVERYTHING = Scope.everything()


@pytest.fixture
def fcon(con):
    fx.load(con)
    return con


def figures(con, filters=fx.CURRENT, goals=GOALS, as_of=fx.AS_OF, scope=EVERYTHING):
    return complaints.figures(kpi.runner(con, scope), filters, goals, as_of=as_of)


def test_tiles_carry_value_n_target_and_change(fcon):
    tiles = {tile.key: tile for tile in figures(fcon).tiles}
    assert list(tiles) == [spec.key for spec in complaints.TILE_SPECS]
    volume = tiles["volume"]
    # 11 received now, 2 (c11, c12) in the previous period -> +9; no target; a count is exact: never low
    # confidence, though n = 11 < 30 (a store's backlog of 23 read "low confidence", tablet probe, session 55)
    assert (volume.value, volume.previous_value, volume.change, volume.n) == (11, 2, 9, 11)
    assert volume.status is None and volume.target is None and not volume.low_confidence
    frt = tiles["first_response_median"]
    # 15 h now (see test_complaints_queries), 2 h before -> +13; target the 24 h SLA
    assert (frt.value, frt.change, frt.n, frt.target) == (pytest.approx(15.0), pytest.approx(13.0), 6, 24.0)
    backlog = tiles["backlog"]
    assert (backlog.value, backlog.previous_value, backlog.change) == (
        5,
        3,
        2,
    )  # c4 c5 c6 c12 c14 vs c11 c12 c14
    assert backlog.status is None and kpi.caption(backlog, "en") == "n = 5"  # not "low confidence (n < 30)"
    resolution = tiles["resolution_median"]
    assert resolution.target is None
    assert resolution.targets_by == {"high": 48.0, "normal": 72.0, "low": 168.0}
    assert resolution.previous_value is None and resolution.change is None  # nothing resolved before 03-04
    assert tiles["reopen_rate"].target == 5.0 and tiles["recovery_rate"].target == 70.0


def test_tile_status_only_with_enough_n(fcon):
    goals = replace(GOALS, low_confidence_n=6)
    tiles = {tile.key: tile for tile in figures(fcon, goals=goals).tiles}
    # n >= 6 now: FRT median 15 <= 24 meets; p90 26.5 > 24 misses; reopen 22.2 % > 5 % misses;
    # recovery 71.4 % >= 70 % meets (n 7); SLA has no attainment target (n 6): no colour
    assert tiles["first_response_median"].status == "meets"
    assert tiles["first_response_p90"].status == "misses"
    assert tiles["reopen_rate"].status == "misses"
    assert tiles["recovery_rate"].status == "meets"
    assert tiles["sla_attainment"].status is None
    # one severity chosen: its resolution target applies (high 48 h): c2 48, c13 47 -> median 47.5 meets,
    # but n = 2 < 6: low confidence
    high = {
        t.key: t for t in figures(fcon, filters=replace(fx.CURRENT, severities=("high",)), goals=goals).tiles
    }
    assert high["resolution_median"].target == 48.0 and high["resolution_median"].status == "low_confidence"


def test_as_of_is_the_end_of_the_period_or_now():
    past = Filters(start=date(2024, 1, 1), end=date(2024, 1, 31))
    assert complaints.as_of_for(past, now=datetime(2024, 6, 1, 10, 7)) == datetime(2024, 2, 1)
    running = Filters(start=date(2024, 5, 1), end=date(2024, 6, 1))
    # a running period: now, rounded down to the full hour (figures are cached for the hour, issue 14)
    assert complaints.as_of_for(running, now=datetime(2024, 6, 1, 10, 7, 30)) == datetime(2024, 6, 1, 10, 0)
    assert complaints.as_of_for(running, now=datetime(2024, 6, 1, 10, 59, 59)) == datetime(2024, 6, 1, 10, 0)
    assert complaints.as_of_for(running, now=datetime(2024, 6, 1, 11, 0)) == datetime(2024, 6, 1, 11, 0)


def test_empty_filters_give_the_empty_state(fcon):
    nothing = figures(
        fcon, filters=Filters(start=date(2023, 1, 1), end=date(2023, 1, 31)), as_of=datetime(2023, 2, 1)
    )
    assert complaints.is_empty(nothing)
    assert not complaints.is_empty(figures(fcon))
    assert nothing.trend["complaint_count"].sum() == 0 and nothing.categories.empty


def test_json_has_every_figure_in_plain_types(fcon):
    out = complaints.to_json(figures(fcon))
    text = json.dumps(out)  # plain JSON: no NaN, no numpy or pandas types
    assert "NaN" not in text
    assert out["period"] == {
        "start": "2024-03-04",
        "end": "2024-03-17",
        "timezone": "UTC",
        "as_of": "2024-03-18T00:00:00",
    }
    assert out["summary"]["complaint_count"] == 11 and isinstance(out["summary"]["complaint_count"], int)
    assert out["summary"]["first_response_p90_hours"] == pytest.approx(26.5)
    assert out["backlog_by_age"] == {"lt_1d": 2, "d1_3": 0, "d3_7": 0, "gt_7d": 3}
    hotline = next(c for c in out["channels"] if c["channel"] == "hotline")
    assert (hotline["complaint_count"], hotline["first_response_median_hours"]) == (4, pytest.approx(10.0))
    assert [c["category_group"] for c in out["categories"]][:2] == ["product_quality", "service_attitude"]
    assert out["weekly"][0]["week_start"] == "2024-03-04"
    assert out["previous_summary"]["resolution_median_hours"] is None
    assert {t["key"] for t in out["tiles"]} >= {"volume", "sla_attainment", "backlog", "recovery_rate"}


def test_display_table_and_text_summary(fcon):
    figs = figures(fcon)
    shown = complaints.display_table(figs.stores, "zh")
    online = shown[shown["门店编码"] == "—"]  # the complaints without a store: named in the wide name column
    assert len(online) == 1 and online["门店"].tolist() == ["无门店(线上)"]
    assert "store_id" not in shown.columns
    text = complaints.text_summary(figs)
    assert "Complaints: 11" in text and "n = 6" in text and "> 7 days 3" in text


# ---------------------------------------------------------------- the pandas twin of the benchmark
# the twin's summary columns that the previous period's row leaves out (no tile's change reads them)
NOT_IN_PREVIOUS = set(
    "received_date_only_count first_response_date_only_count resolution_date_only_count resolution_within_target_count"
    " backlog_lt_1d_count backlog_1_3d_count backlog_3_7d_count backlog_gt_7d_count".split()
)


def _compare(duck: complaints.ComplaintFigures, pand: dict) -> None:
    for key, value in pand["summary"].items():
        assert duck.summary[key] == pytest.approx(value, nan_ok=True), key
    # the previous row holds the columns the tiles' change reads (queries/complaint_previous_summary.sql): every
    # column of the twin's but the counts that no change reads, each compared
    assert {spec.value for spec in complaints.TILE_SPECS} <= duck.previous.keys()
    assert pand["previous"].keys() - duck.previous.keys() == NOT_IN_PREVIOUS
    for key in pand["previous"].keys() & duck.previous.keys():
        assert duck.previous[key] == pytest.approx(pand["previous"][key], nan_ok=True), ("previous", key)
    for name, key in (("categories", "category_group"), ("stores", "store_id"), ("agents", "agent_id")):
        _compare_groups(name, key, duck, pand)
    _compare_hot_spots(duck, pand)
    duck_backlog = duck.backlog[duck.backlog["backlog_count"] > 0]
    assert sorted(
        zip(duck_backlog["age_bucket"], duck_backlog["severity"], duck_backlog["backlog_count"], strict=True)
    ) == sorted(
        zip(
            pand["backlog"]["age_bucket"].astype(str),
            pand["backlog"]["severity"],
            pand["backlog"]["backlog_count"],
            strict=True,
        )
    )
    weekly = pand["weekly"].set_index("week_start")
    trend = duck.trend.set_index("week_start").loc[weekly.index]
    assert trend["complaint_count"].to_numpy() == pytest.approx(
        weekly["complaint_count"].fillna(0).to_numpy()
    )
    assert trend["first_response_median_hours"].to_numpy() == pytest.approx(
        weekly["first_response_median_hours"].to_numpy(), nan_ok=True
    )
    assert trend["resolution_median_hours"].to_numpy() == pytest.approx(
        weekly["resolution_median_hours"].to_numpy(), nan_ok=True
    )


def _compare_groups(name: str, key: str, duck, pand: dict) -> None:
    # groups with something to show (a group whose touched complaints count in no figure shows zeros)
    p, d = (
        f[(f["complaint_count"] + f["backlog_count"] + f["reopen_base_count"]) > 0].set_index(key)
        for f in (pand[name], getattr(duck, name))
    )
    assert set(d.index.dropna()) == set(p.index.dropna()), name
    for column in (
        "complaint_count",
        "first_response_median_hours",
        "first_response_p90_hours",
        "sla_met_count",
        "sla_elapsed_count",
        "resolution_median_hours",
        "backlog_count",
        "reopened_count",
        "recovery_n",
        "recovered_count",
    ):
        got = d.loc[d.index.notna(), column].astype(float).sort_index()
        want = p.loc[p.index.notna(), column].astype(float).sort_index()
        assert got.to_numpy() == pytest.approx(want.to_numpy(), nan_ok=True), (name, column)


def _cells(heat) -> dict:
    """Category x store's cells with complaints: (group, store id or None) -> count."""
    return {
        (c, None if pd.isna(s) else int(s)): int(n)
        for c, s, n in zip(heat["category_group"], heat["store_id"], heat["complaint_count"], strict=True)
        if n
    }


def _compare_hot_spots(duck, pand: dict) -> None:
    """The channel mix and category x store: a figure set's (``complaints.figures``) or a tab's
    (``complaints.hot_spots``) against the twin's."""
    _compare_groups("channels", "channel", duck, pand)
    assert _cells(duck.category_store) == _cells(pand["category_store"])


def _frames(con) -> dict:
    return {t: con.execute(f"select * from {t}").df() for t in ("complaints", "stores", "agents")}  # noqa: S608


def test_pandas_twin_matches_on_the_fixture(fcon):
    duck = figures(fcon)
    pand = cases_complaints.complaint_figures_pandas(_frames(fcon), fx.CURRENT, fx.AS_OF, GOALS)
    assert pand["summary"]["complaint_count"] == 11
    _compare(duck, pand)


def test_the_hot_spots_twin_matches_the_tabs_figures_on_the_fixture(fcon):
    # the bench's complaints_page_hot_spots: its twin against what a hot-spot tab reads (complaints.hot_spots)
    run = kpi.runner(fcon, EVERYTHING)
    paint = complaints.figures(run, fx.CURRENT, GOALS, as_of=fx.AS_OF, hot_spots=False)
    duck = complaints.hot_spots(run, fx.CURRENT, GOALS, as_of=paint.as_of, sla_as_of=paint.sla_as_of)
    pand = cases_complaints.hot_spots_pandas(_frames(fcon), fx.CURRENT, fx.AS_OF, GOALS)
    assert int(pand["category_store"]["complaint_count"].sum()) == 11  # cells to compare
    _compare_hot_spots(duck, pand)
    # the first paint's twin leaves them out, as the page's first paint
    first = cases_complaints.complaint_figures_pandas(
        _frames(fcon), fx.CURRENT, fx.AS_OF, GOALS, hot_spots=False
    )
    assert not {"channels", "category_store"} & first.keys()
    assert {"channels", "category_store"} <= cases_complaints.complaint_figures_pandas(
        _frames(fcon), fx.CURRENT, fx.AS_OF, GOALS
    ).keys()


def test_pandas_twin_matches_on_demo_data(tmp_path):
    con = fixtures.fresh_db(tmp_path / "demo.duckdb")
    demo.generate(con, scale=0.02, seed=5, as_of=datetime(2026, 1, 10, 12, 0))
    period = Filters(start=date(2025, 10, 13), end=date(2026, 1, 10))
    as_of = complaints.as_of_for(period, now=datetime(2026, 1, 10, 12, 0))
    duck = complaints.figures(
        kpi.runner(con, Scope.everything()), period, complaints.targets(con), as_of=as_of
    )
    pand = cases_complaints.complaint_figures_pandas(_frames(con), period, as_of, complaints.targets(con))
    assert duck.summary["complaint_count"] > 500 and duck.summary["backlog_count"] > 0
    _compare(duck, pand)
    con.close()


def test_charts_have_titles_axes_and_flags(fcon):
    from portal.complaints import charts

    figs = figures(fcon)
    for series in charts.TREND_SERIES:
        fig = charts.trend(figs.trend, series, "zh")
        assert fig.layout.title.text == t(f"complaints.trend.{series}", "zh")
        assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
        # every week rests on fewer than 30 complaints: hollow markers; n in the hover data
        assert set(fig.data[0].marker.symbol) == {"circle-open"}
        assert list(fig.data[0].customdata) == figs.trend[charts.TREND_N[series]].tolist()
    # a flagged week goes into the red "outside control limits" trace: the first week's 3 of 5 (c1 c2 c8 met, c3 c4
    # breaches; test_complaints_weekly_trend)
    trend = figs.trend.assign(sla_attainment_pct_is_out=[True, False])
    flagged = charts.trend(trend, "sla_attainment_pct", "en").data[-1]
    assert flagged.name == "Outside control limits" and list(flagged.y) == pytest.approx([60.0])
    pareto = charts.pareto(figs.categories, "en")
    assert (
        pareto.layout.yaxis2.title.text == "Cumulative share (%)"
        and pareto.layout.yaxis.title.text == "Complaints"
    )
    assert list(pareto.data[1].y) == pytest.approx(figs.categories["cumulative_pct"].tolist())
    heat = charts.heat_map(figs.category_store, "en")
    # the stores' panel and the separate no-store panel hold the 11 complaints between them
    cells = sum(np.array(trace.z, dtype=float).sum() for trace in heat.data)
    assert list(heat.data[1].x) == ["No store (online)"] and int(cells) == 11
    backlog = charts.backlog(figs.backlog, "2024-03-18 00:00", "en")
    assert sum(sum(trace.y) for trace in backlog.data) == 5
    assert charts.channels(figs.channels, "en").data[0].y[0] == "Hotline"


def test_value_lists_match_the_complaint_import():
    from portal.ingest import complaints as ingest

    assert vocab.COMPLAINT_CHANNELS == ingest.CHANNELS
    assert vocab.CATEGORY_GROUPS == ingest.CATEGORY_GROUPS
    assert vocab.SEVERITIES == ingest.SEVERITIES
    # every value has a label in both languages (GLOSSARY terms)
    for kind, values in (
        ("channel", vocab.COMPLAINT_CHANNELS),
        ("category", vocab.CATEGORY_GROUPS),
        ("severity", vocab.SEVERITIES),
        ("age", vocab.AGE_BUCKETS),
    ):
        for value in values:
            en, zh = complaints.value_label(kind, value, "en"), complaints.value_label(kind, value, "zh")
            assert en != value and zh != en, (kind, value)


def test_the_first_response_tile_says_how_many_are_not_answered_yet(fcon):
    # received 03-04..03-17 and not cancelled, without a first response: c4 (03-10) and c5 (03-17 12:00);
    # c7 is cancelled (volume only). The median (15 h over n = 6) rests on the answered ones alone.
    figs = figures(fcon)
    assert figs.summary["unanswered_count"] == 2
    texts = {fig.key: text for fig, text in zip(figs.tiles, complaints.tile_texts(figs, "en"), strict=True)}
    assert ("2 not answered yet: not in the response times", None) in texts["first_response_median"].captions
    zh = {fig.key: text for fig, text in zip(figs.tiles, complaints.tile_texts(figs, "zh"), strict=True)}
    assert ("2 件尚未响应：不计入响应时长", None) in zh["first_response_median"].captions
    # only under the median's tile
    assert not any(
        "not answered" in c for k, x in texts.items() if k != "first_response_median" for c, _ in x.captions
    )
    # a complaint from a file that told no first responses (migration 019) is not "not answered": unknown
    fx.add_complaints(fcon, [fx.complaint("u1", received="03-12 09:00")])
    fcon.execute("update complaints set response_known = false where source_id = 'u1'")
    again = figures(fcon)
    assert (again.summary["complaint_count"], again.summary["unanswered_count"]) == (12, 2)
    # everything answered: no such line
    fcon.execute(
        "update complaints set first_response_at = received_at + interval 1 hour where source_id in ('c4', 'c5')"
    )
    done = figures(fcon)
    assert done.summary["unanswered_count"] == 0
    shown = complaints.tile_texts(done, "en")[[f.key for f in done.tiles].index("first_response_median")]
    assert not any("not answered" in c for c, _ in shown.captions)


def test_a_summary_row_is_read_as_plain_values_of_the_columns_types():
    # issue 14: complaint_summary's row read as frames.Rows (fetchall), not a frame; every kind of column its
    # SQL gives (BIGINT, DOUBLE, DATE; and those a summary could give) comes out as the frame path's to_dict and
    # _plain made it, type included; the first day of data (covered_from) is read off, not a tile
    import importlib

    figures = importlib.import_module("portal.complaints.figures")  # the package re-exports figures()
    sql = """
        select * from (values
            (7::bigint, null::bigint, 2::integer, null::double, 66.5::double, date '2026-11-02',
             timestamp '2026-11-02 10:30', true, null::boolean, 'days', null::varchar),
            (9, null, 2, null, 66.5, date '2026-11-02', timestamp '2026-11-02 10:30', true, null, 'days', null)
        ) as t (complaint_count, backlog_count, reopened_count, first_response_median_hours, sla_attainment_pct,
                covered_from, latest_at, is_partial, is_reopen_known, unit, note)
    """
    con = duckdb.connect()
    try:
        row = figures._tiles_of(frames.rows(con.execute(sql)))
        by_frame = con.execute(sql).df().to_dict(orient="records")[0]
    finally:
        con.close()
    expected = {
        "complaint_count": 7,
        "backlog_count": None,
        "reopened_count": 2,
        "first_response_median_hours": None,
        "sla_attainment_pct": 66.5,
        "latest_at": "2026-11-02T10:30:00",
        "is_partial": True,
        "is_reopen_known": None,
        "unit": "days",
        "note": None,
    }
    assert row == expected
    assert [type(v) for v in row.values()] == [type(v) for v in expected.values()]
    del by_frame["covered_from"]
    assert row == {k: figures._plain(v) for k, v in by_frame.items()}
