"""The overview says which days each area's tiles cover, from the windows its source queries.

Found by a reviewer (manager, week 2026-W48): the heading said the tiles compared the week with the week
before, and every tile's help said "Last 12 weeks"; but the 5S tiles cover the twelve weeks to W48 against the
twelve before (W48 alone had one inspection) with monthly sparkline marks, and the scorecard tiles the month
2026-11 against 2026-10.

Now (UTC) is Wednesday 2026-12-02 12:00: the reference week is 2026-W48 (11-23 .. 11-29), the window its twelve
weeks 2026-09-07 .. 2026-11-29, the 5S comparison the twelve weeks before (2026-06-15 .. 2026-09-06), the
scorecards' period the last complete month 2026-11 against 2026-10. The database: tests/fixtures.py with
- the 5S fixture's inspections (tests/fives_fixture.py) moved: I1 S001 09-08 (77.778 %), I2 S001 10-05
  (22.917 %), I3 S002 06-15 (60.0 %, the first day of the twelve weeks before: the data covers them, so the
  change is shown; portal.kpi.Comparison), I4 S003 10-12 (outside a manager's stores),
  I5 S001 11-25 (58.333 %, the one inspection of W48). A manager of S001, S002: (77.778 + 22.917 + 58.333) / 3
  = 53.0 % on n = 3, against 60.0 % (n = 1); the sparkline one mark a month the window touches, each read
  whole: September 77.778 (█), October 22.917 (▁), November 58.333 (▆: (58.333 - 22.917) / 54.861 x 8 = 5.2).
- the scorecards fixture (tests/scorecards_fixture.py: October) and the same complaints and QA reviews of A001
  and A003 in November: a manager's A001 scores 86.1 in both months.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from portal import ui_overview
from portal.i18n import t
from tests import fives_fixture, fixtures, scorecards_fixture
from tests.apptest.conftest import page_opener, tiles

pytestmark = pytest.mark.usefixtures("fresh_query_cache")

NOW = datetime(2026, 12, 2, 12, 0)
DAYS = {
    1: date(2026, 9, 8),
    2: date(2026, 10, 5),
    3: date(2026, 6, 15),
    4: date(2026, 10, 12),
    5: date(2026, 11, 25),
}


@pytest.fixture(scope="module")
def windows_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("ovwindows") / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    scorecards_fixture.load(con)
    nov5 = datetime(2026, 11, 5, 10, 0)
    scorecards_fixture._complaints(con, 1, 1, 101, 10, nov5, [30] * 5 + [50] * 5)
    scorecards_fixture._complaints(con, 3, 3, 121, 10, nov5, [20] * 10)
    scorecards_fixture._qa(con, 1, "2026-11-10", [80, 90], 101)
    scorecards_fixture._qa(con, 3, "2026-11-12", [95, 95, 95], 121)
    fives_fixture.load_templates(con)
    fives_fixture.load_users(con)
    moved = [
        (iid, store, tid, DAYS[iid], who, scores)
        for iid, store, tid, _, who, scores in fives_fixture.INSPECTIONS
    ]
    fives_fixture.load_inspections(con, moved)
    con.close()
    return path


@pytest.fixture
def open_overview(windows_db, monkeypatch):
    monkeypatch.setattr(ui_overview, "now_utc", lambda: NOW)
    return page_opener(windows_db, monkeypatch)


def area_captions(at) -> list[str]:
    words = ("Covers ", "统计期间：")
    return [str(c.value) for c in at.caption if str(c.value).startswith(words)]


EXPECTED = {
    "en": {
        "heading": "Reference week 2026-W48",
        # no complaint received, resolved or open in W47 (the fixture's are of October and 5 November): a tile
        # shows no change against a week with nothing to count (kpi.nothing_counted), so none is compared
        "complaints": "Covers week 2026-W48 (2026-11-23 – 2026-11-29). Sparkline: the last 12 weeks, one mark a "
        "complete week.",
        # no survey response in the database: nothing of the week before to compare with (portal.kpi.Comparison)
        "satisfaction": "Covers week 2026-W48 (2026-11-23 – 2026-11-29). Sparkline: the last 12 weeks, one mark a "
        "complete week.",
        "fives": "Covers the 12 weeks 2026-09-07 – 2026-11-29; compared with the 12 weeks 2026-06-15 – "
        "2026-09-06.",
        "fives_now": "Open actions, Overdue actions: as of 2026-12-02, whatever the period.",
        "fives_spark": "Sparkline: the months 2026-09 – 2026-11 these weeks touch, each read whole (all its days, "
        "not only these weeks'), one mark a month (· none inspected).",
        "scorecard": "Covers month 2026-11; compared with month 2026-10.",
        "disputes": "Open disputes: as of 2026-12-02, whatever the period.",
        "by_month": "By month: `",
        "spark_n": "` (n = 1/1/1 inspections a month)",
        "open_actions": "Open actions: as of 2026-12-02, whatever the period.",
        "ranked": "Covers month 2026-11.",
    },
    "zh": {
        "heading": "参考周：第 2026-W48 周",
        "complaints": "统计期间：第 2026-W48 周(2026-11-23 至 2026-11-29)。迷你图：最近 12 周，每个完整周一格。",
        "satisfaction": "统计期间：第 2026-W48 周(2026-11-23 至 2026-11-29)。迷你图：最近 12 周，每个完整周一格。",
        "fives": "统计期间：2026-09-07 至 2026-11-29 共 12 周；与上一周期比较：2026-06-15 至 2026-09-06 共 12 周。",
        "fives_now": "未关闭整改、逾期整改：截至 2026-12-02 的数量，不限期间。",
        "fives_spark": "迷你图：这几周涉及的 2026-09 至 2026-11 各月，每月按整月统计(含这几周以外的日子)，每月一格(· 表示当月无检查)。",
        "scorecard": "统计期间：2026 年 11 月；与上一周期比较：2026 年 10 月。",
        "disputes": "待处理申诉：截至 2026-12-02 的数量，不限期间。",
        "by_month": "按月：`",
        "spark_n": "`(每月检查数 n = 1/1/1)",
        "open_actions": "未关闭整改：截至 2026-12-02 的数量，不限期间。",
        "ranked": "统计期间：2026 年 11 月。",
    },
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_area_says_which_days_its_tiles_cover(open_overview, lang):
    at = open_overview("manager", lang)
    want = EXPECTED[lang]
    heading = str(at.caption[0].value)
    assert heading.startswith(want["heading"]), heading
    assert "compare it with the week before" not in heading and "与前一周比较" not in heading
    captions = area_captions(at)
    assert len(captions) == 4, captions  # complaints, satisfaction, 5S, scorecards
    complaints, satisfaction, fives, scorecard = captions
    assert complaints == want["complaints"] and satisfaction == want["satisfaction"]
    assert (
        fives.startswith(want["fives"]) and want["fives_now"] in fives and fives.endswith(want["fives_spark"])
    )
    assert scorecard == want["scorecard"] + ("" if lang == "zh" else " ") + want["disputes"]

    shown = tiles(at)
    value, help_, under = shown[t("fives.tile.chain_overall", lang)]
    assert value == "53.0%" and "n = 3" in under[-1]  # the figure itself as before: 3 inspections
    assert help_ == want["fives"] + ("" if lang == "zh" else " ") + want["fives_spark"]
    spark = next(c for c in under if c.startswith(want["by_month"]))
    # one cell a month the window (7 Sep - 29 Nov) touches, each read whole: September, October, November (after
    # 1a65ab1 left out the months the window holds only in part, October alone was drawn)
    assert spark.split("`")[1] == "█▁▆"
    assert spark.endswith(want["spark_n"])  # each mark's n: one inspection a month
    assert shown[t("fives.tile.open_actions", lang)][1] == want["open_actions"]
    value, help_, under = shown[t("scorecards.tile.team_composite", lang)]
    assert value == "86.1" and under == ["n = 1"]  # A001 alone: 86.1 in November as in October
    assert help_ == want["scorecard"]
    assert shown[t("scorecards.tile.ranked", lang)][1] == want["ranked"]  # no change: no comparison named
    assert shown[t("scorecards.tile.open_disputes", lang)][1] == want["disputes"]
