"""Satisfaction figures from the queries: tiles, significance, trend, comments — numbers worked out by hand.

Fixture (on the master data of tests/fixtures.py: S001, S002 in R1 North; S003 in R2 South):
current period 2025-03-01 .. 2025-03-31 (31 days), previous period 2025-01-29 .. 2025-02-28.
"""

from datetime import date

import pandas as pd
import pytest

from portal import db, kpi, satisfaction
from portal.filters import Filters
from portal.scope import Scope

CURRENT = Filters(start=date(2025, 3, 1), end=date(2025, 3, 31))
CFG = satisfaction.SatisfactionSettings()


def add_responses(con, rows) -> None:
    """rows: (response_id, store_id, responded_on, overall, recommend, channel=..., comment=..., complaint_id=...,
    instrument_id=...) as dicts; region comes from the store (S003 -> 2, else 1)."""
    cur = con.cursor()
    for r in rows:
        store = r.get("store", 1)
        cur.execute(
            "insert into survey_responses (response_id, source_response_id, store_id, region_id, responded_on, "
            "channel, overall_satisfaction, recommend_score, comment, complaint_id, instrument_id) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                r["id"],
                f"SR{r['id']}",
                store,
                2 if store == 3 else 1,
                r["on"],
                r.get("channel", "in_store"),
                r.get("overall"),
                r.get("recommend"),
                r.get("comment"),
                r.get("complaint_id"),
                r.get("instrument_id"),
            ],
        )
    cur.close()


def load_tile_fixture(con) -> None:
    add_responses(
        con,
        [
            # current period, R1 (S001 / S002): overall 5, 4, 3, 5, 1 and recommend 10, 9, 6, 8, 0
            {
                "id": 1,
                "store": 1,
                "on": date(2025, 3, 3),
                "overall": 5,
                "recommend": 10,
                "channel": "app",
                "comment": "Great staff",
            },
            {"id": 2, "store": 1, "on": date(2025, 3, 4), "overall": 4, "recommend": 9, "comment": "  "},
            {
                "id": 3,
                "store": 2,
                "on": date(2025, 3, 12),
                "overall": 3,
                "recommend": 6,
                "comment": "Long queue",
            },
            {"id": 4, "store": 2, "on": date(2025, 3, 20), "overall": 5, "recommend": 8, "channel": "app"},
            {
                "id": 5,
                "store": 1,
                "on": date(2025, 3, 31),
                "overall": 1,
                "recommend": 0,
                "comment": "Rude",
                "complaint_id": 77,
            },
            # current period, R2 (S003): overall 4, recommend 7 (a passive)
            {"id": 6, "store": 3, "on": date(2025, 3, 15), "overall": 4, "recommend": 7, "comment": "OK"},
            # previous period: overall 2 and 3, one recommend 10 and one blank
            {"id": 7, "store": 1, "on": date(2025, 2, 10), "overall": 2, "recommend": 10},
            {"id": 8, "store": 2, "on": date(2025, 2, 20), "overall": 3, "recommend": None},
            # outside both periods
            {"id": 9, "store": 1, "on": date(2024, 12, 1), "overall": 5, "recommend": 10, "comment": "Old"},
        ],
    )
    con.execute(
        "insert into complaints (complaint_id, source, source_id, received_at, channel, status) "
        "values (77, 'crm', 'TCK-0077', timestamp '2025-03-25 10:00', 'hotline', 'resolved')"
    )


@pytest.fixture
def tiles_con(con):
    load_tile_fixture(con)
    return con


def run(con, scope=None):
    return kpi.runner(con, scope or Scope.everything())


def test_tiles_chain_wide(tiles_con):
    tiles = satisfaction.tiles(run(tiles_con), CURRENT, CFG)
    # index points per response: (o - 1) / 4 x 100 -> 100, 75, 50, 100, 0, 75; mean = 400 / 6 = 66.667
    assert tiles.index.value == pytest.approx(400 / 6)
    assert tiles.index.n == 6
    # CSAT: overall 4 or 5 -> responses 1, 2, 4, 6 = 4 of 6
    assert tiles.csat.value == pytest.approx(100 * 4 / 6)
    # NPS: promoters (9-10) 1, 2; detractors (0-6) 3, 5; passives 4 (8), 6 (7): (2 - 2) / 6 = 0
    assert tiles.nps.value == pytest.approx(0.0)
    assert tiles.responses.value == 6
    # previous period: index (25 + 50) / 2 = 37.5; CSAT 0 of 2; NPS on the one answer (10) = +100
    assert tiles.index.previous_value == pytest.approx(37.5)
    assert tiles.csat.previous_value == pytest.approx(0.0)
    assert (tiles.nps.previous_value, tiles.nps.previous_n) == (pytest.approx(100.0), 1)
    assert tiles.responses.previous_value == 2
    assert tiles.index.change == pytest.approx(400 / 6 - 37.5)
    # all on n < 30: low confidence, never pass/fail
    assert all(getattr(tiles, k).low_confidence for k in ("index", "csat", "nps"))
    assert all(getattr(tiles, k).meets_target is None for k in ("index", "csat", "nps"))


def test_tiles_follow_region_store_channel_filters_and_scope(tiles_con):
    r1 = satisfaction.tiles(run(tiles_con), Filters(CURRENT.start, CURRENT.end, region_ids=(1,)), CFG)
    # R1 only: responses 1-5 -> index (100 + 75 + 50 + 100 + 0) / 5 = 65; CSAT 3 / 5 = 60%; NPS (2 - 2) / 5 = 0
    assert (r1.index.value, r1.csat.value, r1.nps.value) == pytest.approx((65.0, 60.0, 0.0))
    s2 = satisfaction.tiles(run(tiles_con), Filters(CURRENT.start, CURRENT.end, store_ids=(2,)), CFG)
    # S002: responses 3 (overall 3) and 4 (overall 5) -> index (50 + 100) / 2 = 75; CSAT 50%
    assert (s2.index.value, s2.csat.value, s2.index.n) == (
        pytest.approx(75.0),
        pytest.approx(50.0),
        2,
    )
    app = satisfaction.tiles(run(tiles_con), Filters(CURRENT.start, CURRENT.end, channels=("app",)), CFG)
    # app channel: responses 1 (5, 10) and 4 (5, 8): index 100, NPS (1 - 0) / 2 = +50
    assert (app.index.value, app.nps.value) == pytest.approx((100.0, 50.0))
    scoped = satisfaction.tiles(run(tiles_con, Scope(store_ids=(3,))), CURRENT, CFG)
    # a user who may see S003 only: response 6 -> index 75, CSAT 100%, NPS 0 (a passive), n = 1
    assert (scoped.index.value, scoped.csat.value, scoped.nps.value) == pytest.approx((75.0, 100.0, 0.0))
    assert scoped.responses.n == 1 and scoped.responses.previous_n == 0
    nothing = satisfaction.tiles(run(tiles_con, Scope.nothing()), CURRENT, CFG)
    assert nothing.responses.n == 0 and nothing.index.value is None


def test_change_is_significant_only_when_the_test_says_so(con):
    # current: 40 responses, 30 with overall 5 and 10 with overall 4 -> CSAT 100%, index (30 x 100 + 10 x 75) / 40
    # = 93.75; previous: 40 responses, 20 with overall 2 and 20 with overall 3 -> CSAT 0%, index 37.5.
    # CSAT z: pooled 40/80 = 0.5, se = sqrt(0.25 x 2/40) = 0.1118, z = 1 / 0.1118 = 8.94 -> significant.
    rows = [
        {"id": i, "on": date(2025, 3, 2), "overall": 5 if i <= 30 else 4, "recommend": 10}
        for i in range(1, 41)
    ]
    # the previous period (March against February, 1 - 28 Feb) from its first day: the data covers it, so the
    # change is shown (data beginning on 2 Feb would cover it only in part: no change, no test;
    # test_kpi_comparison.py)
    rows += [
        {"id": 100 + i, "on": date(2025, 2, 1), "overall": 2 if i <= 20 else 3, "recommend": 10}
        for i in range(1, 41)
    ]
    add_responses(con, rows)
    tiles = satisfaction.tiles(run(con), CURRENT, CFG)
    assert tiles.index.value == pytest.approx(93.75) and tiles.index.previous_value == pytest.approx(37.5)
    assert tiles.csat.extra["statistic"] == pytest.approx(8.944, abs=1e-3)
    assert tiles.csat.significant and tiles.index.significant
    # NPS 100 in both periods (every answer a 10): no variance and no difference, so p = 1, not significant
    assert tiles.nps.change == pytest.approx(0.0) and (tiles.nps.p_value, tiles.nps.significant) == (
        1.0,
        False,
    )
    # n = 40 >= 30: pass / fail shown; 93.75 >= 85 meets the index target, CSAT 100% meets 85%
    assert tiles.index.meets_target is True and tiles.csat.meets_target is True
    assert kpi.delta_style(tiles.index)[0] == "normal"
    assert kpi.delta_style(tiles.nps)[0] == "off"


def test_trend_by_month_with_confidence_band(tiles_con):
    trend = satisfaction.trend(run(tiles_con), Filters(date(2025, 2, 1), date(2025, 3, 31)), CFG, "month")
    assert [d.date() for d in pd.to_datetime(trend["period_start"])] == [date(2025, 2, 1), date(2025, 3, 1)]
    feb, mar = trend.iloc[0], trend.iloc[1]
    # February: index 25 and 50 -> mean 37.5, sd = 17.678; adjusted (stats.index_ci): + one answer at 0 and one
    # at 100: centre 175 / 4 = 43.75, squares 312.5 + 2 x 6.25^2 + 43.75^2 + 56.25^2 = 5468.75, se = sqrt(
    # 5468.75 / 3 / 4) = 21.348, t(0.975, 3) = 3.1824, half 67.94 -> (-24.19, 111.69): the whole scale
    assert feb["index_points"] == pytest.approx(37.5)
    assert (feb["index_lower"], feb["index_upper"]) == (0.0, 100.0)
    # March: the six current responses, CSAT 4 / 6, NPS 0 on 6 answers
    assert mar["overall_n"] == 6 and mar["csat_pct"] == pytest.approx(400 / 6)
    assert mar["nps"] == pytest.approx(0.0)
    assert trend["low_confidence"].all()


def test_trend_by_week_starts_on_monday(tiles_con):
    trend = satisfaction.trend(run(tiles_con), CURRENT, CFG, "week")
    # responses on Mar 3 (Mon), 4, 12, 15, 20, 31 -> weeks of Mar 3, 10, 17, 31
    assert [d.date() for d in pd.to_datetime(trend["period_start"])] == [
        date(2025, 3, 3),
        date(2025, 3, 10),
        date(2025, 3, 17),
        date(2025, 3, 31),
    ]
    assert trend["overall_n"].tolist() == [2, 2, 1, 1]
    with pytest.raises(ValueError):
        satisfaction.trend(run(tiles_con), CURRENT, CFG, "day")


def test_comments_latest_first_with_complaint_and_score_filter(tiles_con):
    df = satisfaction.comments(run(tiles_con), CURRENT)
    # blank comment (response 2) and the one outside the period (9) are not shown; newest first
    assert df["source_response_id"].tolist() == ["SR5", "SR6", "SR3", "SR1"]
    first = df.iloc[0]
    assert (first["complaint_source_id"], first["complaint_status"]) == ("TCK-0077", "resolved")
    shown = satisfaction.comments_table(df, "en")
    # relative to the page, so that it stays under server.baseUrlPath
    assert shown["Complaint"].iloc[0] == "complaints?complaint=TCK-0077"
    assert shown["Complaint status"].iloc[0] == "Resolved"
    assert shown["Complaint"].iloc[1:].isna().all()
    # the CSV carries the complaint's id, not the page's link (issue 10)
    csv = satisfaction.comments_csv(df, "en")
    assert csv["Complaint"].iloc[0] == "TCK-0077" and csv["Complaint"].iloc[1:].isna().all()
    assert list(csv.columns) == list(shown.columns)
    low = satisfaction.comments(run(tiles_con), CURRENT, scores=[1, 2, 3])
    assert low["source_response_id"].tolist() == ["SR5", "SR3"]
    assert len(satisfaction.comments(run(tiles_con), CURRENT, limit=2)) == 2
    r2_only = satisfaction.comments(run(tiles_con, Scope(store_ids=(3,))), CURRENT)
    assert r2_only["source_response_id"].tolist() == ["SR6"]


def test_a_comment_shows_its_complaint_only_within_the_callers_store_scope(con):
    # three comments of S001 (in the North scope: S001, S002), each linked to a complaint:
    # 81 -> a complaint of S003 (outside that scope), 82 -> one of S002 (inside), 83 -> one without a store
    con.execute(
        "insert into complaints (complaint_id, source, source_id, received_at, channel, status, store_id) values "
        "(81, 'crm', 'TCK-S003', timestamp '2025-03-01 10:00', 'hotline', 'resolved', 3), "
        "(82, 'crm', 'TCK-S002', timestamp '2025-03-01 10:00', 'hotline', 'closed', 2), "
        "(83, 'crm', 'TCK-WEB', timestamp '2025-03-01 10:00', 'online', 'resolved', null)"
    )
    add_responses(
        con,
        [
            {
                "id": i,
                "store": 1,
                "on": date(2025, 3, i - 70),
                "overall": 2,
                "comment": f"c{i}",
                "complaint_id": i,
            }
            for i in (81, 82, 83)
        ],
    )

    def linked(scope):
        df = satisfaction.comments(run(con, scope), CURRENT)
        return {
            r.comment: (None if pd.isna(r.complaint_source_id) else r.complaint_source_id, r.complaint_status)
            for r in df.itertuples()
        }

    # chain-wide: every comment with its complaint
    assert linked(Scope.everything()) == {
        "c81": ("TCK-S003", "resolved"),
        "c82": ("TCK-S002", "closed"),
        "c83": ("TCK-WEB", "resolved"),
    }
    # North: every comment (their responses are at S001), but only the complaint of S002
    north = linked(Scope(store_ids=(1, 2)))
    assert north["c82"] == ("TCK-S002", "closed")
    assert north["c81"][0] is None and pd.isna(north["c81"][1])
    assert north["c83"][0] is None and pd.isna(north["c83"][1])
    shown = satisfaction.comments_table(
        satisfaction.comments(run(con, Scope(store_ids=(1, 2))), CURRENT), "zh"
    )

    def cells(column):
        return [None if pd.isna(v) else v for v in shown[column]]

    assert cells("投诉") == [None, "complaints?complaint=TCK-S002", None]  # newest (c83) first
    assert cells("投诉状态") == [None, "已关闭", None]


def test_csat_change_in_percentage_points_in_both_languages():
    def tile(key, value, previous):
        return satisfaction.tile_figure(key, value, 40, previous, 40, None, None, 30)

    # 62.5 % now against 50 % before: +12.5 percentage points
    assert kpi.format_change(tile("csat", 62.5, 50.0), "en") == "+12.5 pp"
    assert kpi.format_change(tile("csat", 62.5, 50.0), "zh") == "+12.5 个百分点"
    assert kpi.format_change(tile("index", 70.0, 72.5), "zh") == "-2.5"  # index points: no unit


def test_every_satisfaction_query_binds_the_filters(tiles_con):
    # each figure query reads the period and the region / store / channel lists (never formatted into the SQL)
    for name in (
        "satisfaction_summary",
        "satisfaction_trend",
        "satisfaction_comments",
        "servqual_dimension_gaps",
        "servqual_importance",
        "servqual_item_gaps",
        "servqual_drivers",
    ):
        q = db.load_query(name)
        assert {
            "start_on",
            "end_on",
            "region_ids",
            "store_ids",
            "channels",
            "scope_all_stores",
        } <= q.parameters, name
