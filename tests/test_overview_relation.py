"""The chain chart relating stores' 5S score to complaints and satisfaction: r and its Fisher-z interval worked
by hand, "too few stores" below 4, low-response stores drawn but not counted, the chart's words."""

from __future__ import annotations

import pandas as pd
import pytest

from portal.overview import charts, relation


def test_pearson_and_fisher_interval_by_hand():
    # x = 1..5, y = 2, 4, 5, 4, 5: means 3 and 4; dx = -2 -1 0 1 2, dy = -2 0 1 0 1
    # sum dx dy = 4 + 0 + 0 + 0 + 2 = 6; sum dx^2 = 10; sum dy^2 = 4 + 0 + 1 + 0 + 1 = 6
    # r = 6 / sqrt(10 x 6) = 6 / 7.745967 = 0.774597
    # Fisher z = atanh(0.774597) = 0.5 ln(1.774597 / 0.225403) = 1.031719; se = 1 / sqrt(5 - 3) = 0.707107
    # 1.959964 x 0.707107 = 1.385904 -> z in (-0.354185, 2.417623) -> r in (tanh: -0.340082, 0.984236)
    got = relation.pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])
    assert got.n == 5
    assert got.r == pytest.approx(0.774597, abs=1e-6)
    assert got.low == pytest.approx(-0.340082, abs=1e-5)
    assert got.high == pytest.approx(0.984236, abs=1e-5)


def test_a_perfect_negative_line_and_a_missing_pair():
    # y = 10 - 2x on four stores (the NaN pair is dropped): r = -1; the interval collapses near -1
    got = relation.pearson([1, 2, 3, 4, None], [8, 6, 4, 2, 7])
    assert got.n == 4 and got.r == pytest.approx(-1.0)
    assert got.high < -0.99


def test_fewer_than_four_stores_is_no_data():
    got = relation.pearson([1, 2, 3], [3, 1, 2])
    assert (got.r, got.low, got.high, got.n) == (None, None, None, 3)
    flat = relation.pearson([1, 2, 3, 4], [5, 5, 5, 5])  # y does not vary: r undefined
    assert flat.r is None and flat.n == 4


def _rows():
    # five stores; S005's satisfaction rests on 12 responses (< 30): drawn hollow, left out of r
    return pd.DataFrame(
        {
            "store_id": [1, 2, 3, 4, 5],
            "store_code": ["S001", "S002", "S003", "S004", "S005"],
            "store_name": ["A", "B", "C", "D", "E"],
            "region_id": [1, 1, 2, 2, 2],
            "fives_pct": [1.0, 2.0, 3.0, 4.0, 5.0],
            "fives_n": [3, 3, 3, 3, 3],
            "complaints_n": [24, 48, 60, 48, 60],
            "complaints_per_week": [2.0, 4.0, 5.0, 4.0, 5.0],  # complaints_n / 12 weeks
            "index_points": [80.0, 70.0, 75.0, 60.0, 99.0],
            "responses_n": [40, 50, 60, 35, 12],
        }
    )


def test_relate_counts_every_store_for_complaints_and_enough_responses_for_satisfaction():
    rel = relation.relate(_rows(), 12, min_responses=30)
    complaints = rel.correlation("complaints")
    # complaints: the hand-worked five pairs above (y = per-week rate)
    assert complaints.n == 5 and complaints.r == pytest.approx(0.774597, abs=1e-6)
    assert complaints.left_out == 0
    # satisfaction on S001..S004 only: x = 1 2 3 4 (mean 2.5), y = 80 70 75 60 (mean 71.25)
    # dx = -1.5 -0.5 0.5 1.5; dy = 8.75 -1.25 3.75 -11.25
    # sum dx dy = -13.125 + 0.625 + 1.875 - 16.875 = -27.5; sum dx^2 = 5; sum dy^2 = 76.5625 + 1.5625
    # + 14.0625 + 126.5625 = 218.75; r = -27.5 / sqrt(5 x 218.75) = -27.5 / 33.071891 = -0.831522
    sat = rel.correlation("satisfaction")
    assert sat.n == 4 and sat.left_out == 1
    assert sat.r == pytest.approx(-0.831522, abs=1e-6)
    assert list(rel.stores["sat_counted"]) == [True, True, True, True, False]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "r = -0.83 (95% CI -1.00 to +0.65), n = 4 stores"
            " · 1 store with fewer than 30 responses drawn hollow, not counted",
        ),
        (
            "zh",
            "r = -0.83(95% 置信区间 -1.00 至 +0.65)，n = 4 家门店 · 1 家门店的答卷少于 30 份，以空心点显示，不计入",
        ),
    ],
)
def test_correlation_words_in_both_languages(lang, expected):
    # Fisher: atanh(-0.831522) = -1.193048; half = 1.959964 / sqrt(4 - 3) = 1.959964
    # -> z in (-3.153012, 0.766916) -> r in (tanh: -0.996356, +0.645132)
    rel = relation.relate(_rows(), 12, min_responses=30)
    sat = rel.correlation("satisfaction")
    assert (sat.low, sat.high) == (pytest.approx(-0.996356, abs=1e-5), pytest.approx(0.645132, abs=1e-5))
    assert charts.correlation_text(rel, "satisfaction", lang) == expected


def test_too_few_stores_says_so_and_the_chart_draws():
    rel = relation.relate(_rows().head(3), 12, min_responses=30)
    assert charts.correlation_text(rel, "complaints", "en") == (
        "no data: 3 stores, too few for a correlation (at least 4)"
    )
    fig = charts.scatter(rel, "complaints", "en", highlight="S002")
    points = fig.data[0]
    assert list(points.x) == [1.0, 2.0, 3.0] and list(points.marker.size) == [9, 16, 9]
    assert "no data" in fig.layout.title.text


def test_stores_without_responses_are_not_drawn_and_the_words_say_so():
    """Sparse-data probe: S002 with a 5S score (65%) and no survey response gave "no data: 0 stores, too few … ·
    1 stores with fewer than 30 responses drawn hollow, not counted" over an empty chart noting "No store has a
    scored 5S inspection in these weeks." No hollow point was drawn (a store without a value has no point)."""
    one = pd.DataFrame(
        {
            "store_id": [2],
            "store_code": ["S002"],
            "store_name": ["Store Two"],
            "region_id": [1],
            "fives_pct": [65.0],
            "fives_n": [1],
            "complaints_n": [0],
            "complaints_per_week": [0.0],
            "index_points": [None],
            "responses_n": [0],
        }
    )
    rel = relation.relate(one, 12, min_responses=30)
    sat = rel.correlation("satisfaction")
    assert (sat.n, sat.left_out, sat.missing, sat.reason) == (0, 0, 1, "relation.no_responses")
    assert charts.correlation_text(rel, "satisfaction", "en") == (
        "no data: no survey responses in these weeks at the store with a scored 5S inspection"
    )
    assert charts.correlation_text(rel, "satisfaction", "zh") == (
        "无数据：这些周内有已评分 5S 检查的 1 家门店没有满意度答卷"
    )
    assert charts.correlation_text(rel, "complaints", "en") == (
        "no data: 1 store, too few for a correlation (at least 4)"
    )
    fig = charts.scatter(rel, "satisfaction", "en", highlight="S002")
    assert list(fig.data) == []
    assert [a.text for a in fig.layout.annotations] == [
        "No survey responses in these weeks at the store with a scored 5S inspection."
    ]
    # five stores: four answered (S005 on 12 responses, hollow), S003's index blank: not drawn, counted apart
    rows = _rows()
    rows.loc[2, ["index_points", "responses_n"]] = [None, 0]
    rel = relation.relate(rows, 12, min_responses=30)
    sat = rel.correlation("satisfaction")
    assert (sat.n, sat.left_out, sat.missing) == (3, 1, 1)
    assert charts.correlation_text(rel, "satisfaction", "en") == (
        "no data: 3 stores, too few for a correlation (at least 4)"
        " · 1 store with fewer than 30 responses drawn hollow, not counted"
        " · 1 store without survey responses in these weeks, not drawn"
    )
    drawn = charts.scatter(rel, "satisfaction", "en")
    assert [len(tr.x) for tr in drawn.data] == [3, 1]  # three counted, one hollow
    assert list(drawn.layout.annotations) == []


# ---------------------------------------------------------------- the query, on the fixtures
@pytest.fixture(scope="module")
def fixture_con(tmp_path_factory):
    from datetime import timedelta

    from tests import fives_fixture, fixtures
    from tests import overview_fixture as ofx

    con = fixtures.build_fixture_db(tmp_path_factory.mktemp("relation") / "portal.duckdb")
    ofx.load(con)
    fives_fixture.load_templates(con)
    fives_fixture.load_users(con)
    shift = timedelta(days=280)  # 2026-01-05 .. 02-03 -> 10-12 .. 11-10: inside the window W36 .. W47
    fives_fixture.load_inspections(
        con, [(i, s, tid, day + shift, who, sc) for i, s, tid, day, who, sc in fives_fixture.INSPECTIONS]
    )
    yield con
    con.close()


def test_the_query_per_store_by_hand(fixture_con):
    from portal import kpi
    from portal.overview.sources import window_for
    from portal.scope import Scope
    from tests import overview_fixture as ofx

    window = window_for(ofx.NOW)  # W36 (08-31) .. W47 (11-22), UTC
    rel = relation.store_relation(kpi.runner(fixture_con, Scope.everything()), window)
    rows = rel.stores.set_index("store_code")
    # 5S (tests/fives_fixture.py): S001 (77.778 + 22.917 + 58.333) / 3 = 53.009 on 3 inspections;
    # S002 60.0 (1); S003 100.0 (1). Complaints (tests/overview_fixture.py), received 08-31 .. 11-22:
    # S001 40 a week x 12 = 480 -> 40.0 per store-week (the partial W48's 40 are after the window);
    # S002 none -> 0.0; S003 5 x 12 = 60 -> 5.0. No survey responses: no index, n 0.
    assert list(rows.index) == ["S001", "S002", "S003"]
    assert list(rows["fives_pct"].round(3)) == [53.009, 60.0, 100.0]
    assert list(rows["fives_n"]) == [3, 1, 1]
    assert list(rows["complaints_n"]) == [480, 0, 60]
    assert list(rows["complaints_per_week"]) == [40.0, 0.0, 5.0]
    assert rows["index_points"].isna().all() and list(rows["responses_n"]) == [0, 0, 0]
    # three stores: no correlation, and the words say why
    assert rel.correlation("complaints").r is None and rel.correlation("complaints").n == 3
    assert rel.correlation("satisfaction").n == 0
    # a regional manager (stores 1, 2) sees only those stores
    regional = relation.store_relation(kpi.runner(fixture_con, Scope(store_ids=(1, 2))), window)
    assert list(regional.stores["store_code"]) == ["S001", "S002"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_chart_title_wraps_within_a_half_width_chart(lang):
    """A browser probe at 1366x768 (the store view, two charts side by side, about 440 px each) read "5S score vs
    complaint rate — r = +0.24 (95% CI -0.38 to +0.72), n = 12 stor": plotly never wraps a title, and the n ran
    past the chart. The name is the first line; r, its interval and n, and each note, follow on lines of at most
    52 units (a Chinese character two), the top margin and height growing with them."""
    import re
    import unicodedata

    rel = relation.relate(_rows(), 12, min_responses=30)
    for which in ("complaints", "satisfaction"):
        fig = charts.scatter(rel, which, lang)
        lines = [re.sub(r"<[^>]+>", "", ln) for ln in fig.layout.title.text.split("<br>")]
        words = charts.correlation_text(rel, which, lang)
        assert len(lines) >= 2 and "".join(lines[1:]).replace(" ", "") == words.replace(" · ", "").replace(
            " ", ""
        )
        for line in lines:
            assert sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) <= 52, line
        assert fig.layout.margin.t == 64 + 17 * (len(lines) - 1)


def test_a_chinese_title_line_breaks_at_a_space_or_punctuation_never_inside_a_word():
    """The store relation charts' Chinese lines broke inside a word: "…，n = 12 家门" then "店" alone, "…没有满" then
    "意度答卷". A line breaks at its last space (not between a number and its unit) or Chinese punctuation that
    fits; between two characters only when there is none, and never leaving one character alone."""
    from portal.charts import text_lines
    from portal.i18n import t

    r = t("relation.r", "zh", r="+0.24", low="-0.38", high="+0.72", n=12)
    assert text_lines(r) == ["r = +0.24(95% 置信区间 -0.38 至 +0.72)，", "n = 12 家门店"]
    assert text_lines(t("relation.no_responses", "zh", n=12)) == [
        "无数据：这些周内有已评分 5S 检查的",
        "12 家门店没有满意度答卷",
    ]
    # no space nor punctuation: between two Chinese characters at the width, none left alone
    assert text_lines("一二三四五六七八九十" * 3, width=20) == ["一二三四五六七八九十"] * 3
    assert text_lines("一二三四五六七八九十甲", width=20) == ["一二三四五六七八九", "十甲"]
    assert text_lines("一二三四五六七八九十，甲", width=20) == [
        "一二三四五六七八九",
        "十，甲",
    ]  # no line starts with ，
    assert text_lines(t("relation.r", "en", r="+0.24", low="-0.38", high="+0.72", n=12), width=40) == [
        "r = +0.24 (95% CI -0.38 to +0.72),",
        "n = 12 stores",
    ]
