"""Per-store satisfaction ranking (issue 10): index, CSAT and NPS per store with n, 95% interval, rank, the
low-n mark and the status against the targets — numbers worked out by hand on the tile fixture of
tests/test_satisfaction_queries.py (March 2025: S001 overall 5, 4, 1 / recommend 10, 9, 0; S002 overall 3, 5 /
recommend 6, 8; S003 overall 4 / recommend 7)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from portal import export, satisfaction, ui_tiles
from portal.scope import Scope
from tests.test_satisfaction_queries import CURRENT, add_responses, load_tile_fixture, run

# a low-confidence n of 2 so that S001 (3 answers) and S002 (2) are ranked and S003 (1) is not
CFG = satisfaction.SatisfactionSettings(target=70.0, csat_target_pct=60.0, nps_target=0.0, low_confidence_n=2)


@pytest.fixture
def ranked(con):
    load_tile_fixture(con)
    return satisfaction.store_ranking(run(con), CURRENT, CFG)


def test_each_store_with_its_figures_n_and_interval(ranked):
    rows = ranked.set_index("store_code")
    # S001: index (100 + 75 + 0) / 3 = 58.33; CSAT 2 of 3 = 66.7 %; NPS (2 promoters - 1 detractor) / 3 = +33.3
    s1 = rows.loc["S001"]
    assert s1["overall_n"] == 3 and s1["index_points"] == pytest.approx(175 / 3)
    assert s1["csat_pct"] == pytest.approx(200 / 3) and s1["nps"] == pytest.approx(100 / 3)
    # index interval (adjusted t, stats.index_ci): (100, 75, 0) and the pseudo-answers 0 and 100: centre
    # 275 / 5 = 55, squares 45^2 + 20^2 + 55^2 + 55^2 + 45^2 = 10500, se = sqrt(10500 / 4 / 5) = 22.913,
    # t(0.975, 4) = 2.7764, half 63.62 -> (-8.62, 118.62): the whole scale
    assert (s1["index_lower"], s1["index_upper"]) == (0.0, 100.0)
    # S002: index (50 + 100) / 2 = 75; CSAT 1 of 2 = 50 %; NPS (0 - 1) / 2 = -50
    s2 = rows.loc["S002"]
    assert (s2["index_points"], s2["csat_pct"], s2["nps"]) == (75.0, 50.0, -50.0)
    # ranked by index among stores with n >= 2: S002 first, S001 second; S003 (n = 1) marked, not ranked, last
    assert list(ranked["store_code"]) == ["S002", "S001", "S003"]
    assert list(ranked["rank"].astype(object).where(ranked["rank"].notna(), None)) == [1, 2, None]
    assert list(ranked["low_confidence"]) == [False, False, True]


def test_marks_against_the_targets_with_the_one_status_rule(ranked):
    marks = satisfaction.ranking_marks(ranked, CFG, "en")
    # index target 70: S002 75 meets, S001 58.3 misses; CSAT 60 %: S002 50 misses, S001 66.7 meets;
    # NPS 0: S002 -50 misses, S001 +33 meets; S003 on one answer: low confidence everywhere
    assert marks == {
        "Satisfaction index": ["meets", "misses", "low_confidence"],
        "CSAT (%)": ["misses", "meets", "low_confidence"],
        "NPS": ["misses", "meets", "low_confidence"],
    }
    shown = satisfaction.ranking_table(ranked, CFG, "en")
    # short, so that the table's last column shows it whole at 1400 px ("◌ low confiden…" before); its words in
    # the column's help
    assert list(shown["Sample"]) == ["", "", "◌ n < 2"]
    assert list(satisfaction.ranking_table(ranked, CFG, "zh")["样本"]) == ["", "", "◌ n < 2"]
    assert satisfaction.ranking_help(CFG, "en") == {
        "Sample": "◌ low confidence: fewer than 2 answers. The store is not ranked and not judged against the targets."
    }
    # S001's index interval, 58.33 ± 129.3, and S002's are shown within the index's scale, 0-100 (the reviewer
    # saw "77.0 – 104.3"); S001's NPS interval within -100..+100
    assert list(shown["Index 95% CI"][:2]) == ["0.0 – 100.0", "0.0 – 100.0"]
    low, high = shown["NPS 95% CI"].iloc[1].split(" – ")
    assert float(low) >= -100 and float(high) <= 100
    assert shown["NPS 95% CI"].iloc[0] is None or "–" in shown["NPS 95% CI"].iloc[0]
    html = ui_tiles.marked_table(shown, marks, satisfaction.ranking_formats("en")).to_html()
    assert "✓ 75.0" in html and "✗ 58.3" in html and "✗ -50" in html and "✓ +33" in html


def test_both_languages_and_the_csv_keeps_numbers(ranked):
    zh = satisfaction.ranking_table(ranked, CFG, "zh")
    assert list(zh.columns[:4]) == ["排名", "门店", "n(答卷)", "满意度指数"]
    csv = satisfaction.ranking_csv(ranked, "en")
    assert csv["Index, lower 95%"].dtype.kind == "f"  # bounds as numbers, not "a – b" text
    assert csv["Index, lower 95%"].min() >= 0 and csv["Index, upper 95%"].max() <= 100  # as shown
    assert list(csv["Low confidence"]) == [False, False, True]


def test_scope_is_in_the_sql(con):
    load_tile_fixture(con)
    only_s003 = Scope(all_stores=False, store_ids=(3,))
    ranked = satisfaction.store_ranking(run(con, only_s003), CURRENT, CFG)
    assert list(ranked["store_code"]) == ["S003"]


def test_the_csv_says_low_confidence_in_the_readers_words(ranked):
    # the Chinese ranking CSV's 样本不足 column held False/True (probe h2)
    rows = export.to_csv_bytes(satisfaction.ranking_csv(ranked, "zh"), "zh").decode("utf-8-sig").splitlines()
    assert [r.rsplit(",", 1)[1] for r in rows] == ["样本不足", "否", "否", "是"]


def test_the_rank_and_order_are_the_querys_ties_sharing_the_better_rank(con, monkeypatch):
    # S001 overall 4, 4 and S002 5, 3: both index 75 on 2 answers (a tie); S003 one answer of 5 (index 100)
    add_responses(
        con,
        [
            {"id": i, "store": store, "on": date(2025, 3, 2 + i), "overall": overall, "recommend": 8}
            for i, (store, overall) in enumerate(((2, 5), (1, 4), (2, 3), (1, 4), (3, 5)), start=1)
        ],
    )
    # the rank and the order come from satisfaction_by_store (session 42): pandas' rank and sort refused
    for cls, name in ((pd.DataFrame, "sort_values"), (pd.Series, "rank")):
        monkeypatch.setattr(cls, name, lambda *a, name=name, **k: pytest.fail(f"{name} called"))
    ranked = satisfaction.store_ranking(run(con), CURRENT, CFG)
    # n >= 2 ranked: the tie shares rank 1, by store code; S003 (1 answer) last, not ranked
    assert list(ranked["store_code"]) == ["S001", "S002", "S003"]
    assert ranked["rank"].dtype == "Int64" and ranked["rank"].tolist() == [1, 1, pd.NA]
    assert list(ranked["low_confidence"]) == [False, False, True]
    assert list(ranked.columns[-2:]) == ["low_confidence", "rank"]
    # every store ranked (n >= 1): S003 first; the rank still the nullable type, as pandas' astype("Int64") gave
    everyone = satisfaction.store_ranking(run(con), CURRENT, replace(CFG, low_confidence_n=1))
    assert list(everyone["store_code"]) == ["S003", "S001", "S002"]
    assert everyone["rank"].dtype == "Int64" and everyone["rank"].tolist() == [1, 2, 2]
