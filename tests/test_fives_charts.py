"""The 5S charts' figures (portal/fives/charts.py): what a reader needs is written on the chart."""

from __future__ import annotations

import pandas as pd
import pytest

from portal.fives import charts
from portal.fives.figures import FivesSettings


def _ranking(n: int) -> pd.DataFrame:
    cfg = FivesSettings(low_confidence_n=5)
    pcts = [95.0 - 3.5 * i for i in range(n)]  # excellent down to failing
    return pd.DataFrame(
        {
            "store_code": [f"S{i + 1:03d}" for i in range(n)],
            "store_name": [f"Store {i + 1}" for i in range(n)],
            "mean_pct": pcts,
            "scored_n": [3] * n,
            "band": [cfg.band(p) for p in pcts],
        }
    )


@pytest.mark.parametrize(
    "lang, names",
    [
        ("en", ["▲ Needs improvement", "● Good", "★ Excellent"]),
        ("zh", ["▲ 待改进", "● 良好", "★ 优秀"]),
    ],
)
def test_the_store_ranking_names_every_store_and_every_band_line(lang, names):
    """The reviewer's chart: 12 bars, 6 store codes (plotly's automatic ticks skipped every other one in 300 px),
    and the dotted lines at 60/80/90 without a word."""
    ranking = _ranking(12)
    fig = charts.ranking_bars(ranking, FivesSettings(low_confidence_n=5), lang)
    y = fig.layout.yaxis
    assert y.tickmode == "array"
    assert list(y.tickvals) == ranking["store_code"].tolist()  # best first, every one of them
    assert y.automargin
    assert fig.layout.height >= 12 * 20  # room for 12 readable codes
    lines = sorted(s.x0 for s in fig.layout.shapes)
    assert lines == [60, 80, 90]
    labels = {a.x: a.text for a in fig.layout.annotations}
    assert labels == dict(zip([60, 80, 90], names, strict=True))
    assert all(a.yref == "paper" and a.y >= 1 for a in fig.layout.annotations)  # above the bars


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", "%{y}: %{x:+.1f} pp (n = %{customdata[0]} / %{customdata[1]})<extra></extra>"),
        ("zh", "%{y}：%{x:+.1f} 个百分点(n = %{customdata[0]} / %{customdata[1]})<extra></extra>"),
    ],
)
def test_the_inspector_consistency_hover_names_the_unit_in_the_pages_language(lang, expected):
    """The Chinese page's hover said "pp"; the portal's Chinese unit is 个百分点."""
    consistency = pd.DataFrame(
        {
            "inspector_name": ["Wang", "Li"],
            "difference_pp": [4.5, -12.0],
            "shared_inspections_n": [3, 2],
            "others_inspections_n": [5, 6],
        }
    )
    fig = charts.consistency_bars(consistency, lang)
    assert fig.data[0].hovertemplate == expected


@pytest.mark.parametrize(
    "low, ticks",
    [(70, [70, 80, 90, 100]), (50, [50, 75, 100]), (40, [40, 60, 80, 100]), (30, [25, 50, 75, 100])],
)
def test_the_radars_percentages_are_few_level_and_off_the_spokes(low, ticks):
    """At plotly's automatic ticks the radar's percentages stood 5 or 10 points apart, turned on the first spoke:
    on an iPad they ran into each other and into the first section's name (the browser check:
    tests/browser/test_fives_radar_browser.py). Now at most five, from a labelled start to 100, level (their angle
    the axis's), on the line halfway between the first two of five spokes; the first section on top."""
    shown = [low + 5, 99.0, 98.0, 97.0, 96.0]
    sections = ["sort", "set_in_order", "shine", "standardize", "sustain"]
    frame = pd.DataFrame(
        {
            "is_chain": [True] * 5 + [False] * 5,
            "store_id": [None] * 5 + [7] * 5,
            "section_code": sections * 2,
            "section_name_en": [s.title() for s in sections] * 2,
            "section_name_zh": ["整理", "整顿", "清扫", "清洁", "素养"] * 2,
            "section_position": [1, 2, 3, 4, 5] * 2,
            "mean_pct": [90.0] * 5 + shown,
        }
    )
    polar = charts.radar(frame, 7, "S007", "en").layout.polar
    assert list(polar.radialaxis.tickvals) == ticks
    assert list(polar.radialaxis.ticktext) == [f"{v}%" for v in ticks]
    assert list(polar.radialaxis.range) == [ticks[0], 100]
    assert polar.radialaxis.angle == 90 - 36 == polar.radialaxis.tickangle
    assert (polar.angularaxis.rotation, polar.angularaxis.direction) == (90, "clockwise")


def _trend_frame() -> pd.DataFrame:
    """Store 1 and the selection over three months, the last (2026-12) still under way on 2026-12-05."""
    months = [pd.Timestamp(m) for m in ("2026-10-01", "2026-11-01", "2026-12-01")]
    rows = [(True, m, None, v, 4) for m, v in zip(months, (85.0, 86.0, 84.0), strict=True)]
    rows += [(False, m, 1, v, 1) for m, v in zip(months, (90.0, 91.0, 93.0), strict=True)]
    return pd.DataFrame(rows, columns=["is_chain", "month_start", "store_id", "mean_pct", "inspections_n"])


def test_the_store_trend_marks_the_month_in_progress_apart_from_the_complete_months():
    """SPEC §3: the period in progress is drawn as such. The month under way (five days of December) was an
    ordinary point at the end of both lines; it is now a hollow diamond labelled "in progress" beside each line,
    its n on hover, and the lines end at the last complete month."""
    from datetime import date

    from portal.filters import Filters
    from portal.fives import figures

    filters = Filters(start=date(2026, 9, 7), end=date(2026, 12, 5), timezone="Asia/Shanghai")
    trend = figures.trend(lambda _name, _params: _trend_frame(), filters, date(2026, 12, 5))
    assert trend["is_in_progress"].tolist() == [False, False, True] * 2
    for lang, word in (("en", "in progress"), ("zh", "进行中")):
        fig = charts.store_trend(trend, 1, "S001 Beijing 01", lang)
        lines = [tr for tr in fig.data if tr.mode == "lines+markers"]
        assert len(lines) == 2
        for line in lines:  # both end at November
            assert [pd.Timestamp(x).strftime("%Y-%m") for x in line.x] == ["2026-10", "2026-11"]
        running = [tr for tr in fig.data if tr.mode == "markers+text"]
        assert [list(tr.y) for tr in running] == [[84.0], [93.0]]
        assert all(tr.marker.symbol == "diamond-open" and list(tr.text) == [word] for tr in running)
        assert all(word in tr.hovertemplate and "n = %{customdata}" in tr.hovertemplate for tr in running)
    # after the period's end nothing is under way; December, of which the period holds 5 days, is a partial month
    over = figures.trend(lambda _name, _params: _trend_frame(), filters, date(2027, 1, 3))
    assert not over["is_in_progress"].any() and over["is_partial_month"].tolist() == [False, False, True] * 2
    marked = [tr for tr in charts.store_trend(over, 1, "S001", "en").data if tr.mode == "markers+text"]
    assert [list(tr.text) for tr in marked] == [["partial month"]] * 2
    # the two diamonds' words do not sit on each other: above the higher (the store's 93), below the other
    positions = {
        max(tr.y): tr.textposition for tr in charts.store_trend(trend, 1, "S001", "zh").data if tr.text
    }
    assert positions == {93.0: "top center", 84.0: "bottom center"}
    # a store at 100 %: the word above it reached into the title (Chromium, 300 px wide): beside it instead
    full = trend.assign(mean_pct=trend["mean_pct"].where(trend["is_chain"], 100.0))
    positions = {
        max(tr.y): tr.textposition for tr in charts.store_trend(full, 1, "S001", "zh").data if tr.text
    }
    assert positions == {100.0: "middle left", 84.0: "bottom center"}


def test_a_month_only_partly_in_the_period_is_drawn_apart_with_its_days_and_n():
    """A period from 15 October to 14 November 2026 holds 17 of October's 31 days and 14 of November's 30: both
    months' means rest on those days alone. They were drawn as complete months on the line; now each is a hollow
    square labelled "partial month", off the line, its n and its days in the period on hover (as the month in
    progress is marked). A month wholly in the period stays on the line."""
    from datetime import date

    from portal.filters import Filters
    from portal.fives import figures

    frame = _trend_frame()
    frame = frame[frame["month_start"] < pd.Timestamp("2026-12-01")]  # October and November
    filters = Filters(start=date(2026, 10, 15), end=date(2026, 11, 14), timezone="Asia/Shanghai")
    trend = figures.trend(lambda _name, _params: frame, filters, date(2026, 12, 5))
    assert trend["is_partial_month"].tolist() == [True, True] * 2 and not trend["is_in_progress"].any()
    assert trend["days_in_period"].tolist() == [17, 14] * 2 and trend["month_days"].tolist() == [31, 30] * 2
    for lang, word, days, colon in (
        ("en", "partial month", "17 of its 31 days in the period", ": "),
        ("zh", "不完整月份", "该月31天中17天在所选期间内", "："),
    ):
        fig = charts.store_trend(trend, 1, "S001 Beijing 01", lang)
        assert all(len(tr.x) == 0 for tr in fig.data if tr.mode == "lines+markers")  # no complete month
        marked = [tr for tr in fig.data if tr.mode == "markers+text"]
        assert [list(tr.y) for tr in marked] == [[85.0, 86.0], [90.0, 91.0]]  # the selection's, the store's
        assert all(tr.marker.symbol == "square-open" and list(tr.text) == [word] * 2 for tr in marked)
        assert [list(map(list, tr.customdata)) for tr in marked][0][0] == [4, days]  # n = 4 inspections
        assert all("n = %{customdata[0]}" in tr.hovertemplate for tr in marked)
        # "partial month: 17 of its 31 days", in Chinese with its full-width colon (the ASCII one was kept there)
        assert all(f"{word}{colon}%{{customdata[1]}}" in tr.hovertemplate for tr in marked)
    # the whole of both months: on the line, nothing marked
    whole = Filters(start=date(2026, 10, 1), end=date(2026, 11, 30), timezone="Asia/Shanghai")
    trend = figures.trend(lambda _name, _params: frame, whole, date(2026, 12, 5))
    assert not trend["is_partial_month"].any()
    assert not [tr for tr in charts.store_trend(trend, 1, "S001", "en").data if tr.mode == "markers+text"]
    # the month in progress is marked as such, not as partial (15 November to 31 December, on 5 December)
    frame = _trend_frame()[lambda f: f["month_start"] > pd.Timestamp("2026-10-01")]
    late = Filters(start=date(2026, 11, 15), end=date(2026, 12, 31), timezone="Asia/Shanghai")
    trend = figures.trend(lambda _name, _params: frame, late, date(2026, 12, 5))
    assert trend["is_partial_month"].tolist() == [True, False] * 2
    assert trend["is_in_progress"].tolist() == [False, True] * 2


def test_each_months_words_sit_above_its_higher_marker_and_below_the_other():
    """A period ended in the past (15 October to 14 November 2026) has a partial month at each end. The store is
    above the selection in October (90 % against 85 %) and below it in November (80 % against 86 %): the words
    were placed per series (the store's, higher at its highest, above both its markers; the selection's below),
    so in November both "不完整月份" sat in the 6 points between the two squares, on each other. Each month now
    puts its word above its higher marker and below the other."""
    from datetime import date

    from portal.filters import Filters
    from portal.fives import figures

    frame = _trend_frame()
    frame = frame[frame["month_start"] < pd.Timestamp("2026-12-01")]
    frame.loc[(~frame["is_chain"]) & (frame["month_start"] == pd.Timestamp("2026-11-01")), "mean_pct"] = 80.0
    filters = Filters(start=date(2026, 10, 15), end=date(2026, 11, 14), timezone="Asia/Shanghai")
    trend = figures.trend(lambda _name, _params: frame, filters, date(2026, 12, 5))
    fig = charts.store_trend(trend, 1, "S001 北京王府井店", "zh")
    chain, store = (tr for tr in fig.data if tr.mode == "markers+text")
    assert (list(chain.y), list(store.y)) == ([85.0, 86.0], [90.0, 80.0])  # October, November
    assert list(store.textposition) == ["top center", "bottom center"]
    assert list(chain.textposition) == ["bottom center", "top center"]


def test_a_word_beside_a_marker_of_the_first_month_sits_right_of_it_inside_the_plot():
    """Above 95 % a month's word sits beside its marker (over it, it reached into the title). Beside it on the
    left, the first month's word lay over the y axis's "100" (demo, tablet: S010 石家庄中山路店, 15 September
    to 14 November 2026, its partial September at 96 %): the first month's word now sits on its right, inside
    the plot; a later month's keeps the left (the right of the last month is the plot's edge)."""
    from datetime import date

    from portal.filters import Filters
    from portal.fives import figures

    frame = _trend_frame()
    frame = frame[frame["month_start"] < pd.Timestamp("2026-12-01")]
    store = ~frame["is_chain"]
    frame.loc[store & (frame["month_start"] == pd.Timestamp("2026-10-01")), "mean_pct"] = 97.0
    frame.loc[store & (frame["month_start"] == pd.Timestamp("2026-11-01")), "mean_pct"] = 98.0
    filters = Filters(start=date(2026, 10, 15), end=date(2026, 11, 14), timezone="Asia/Shanghai")
    trend = figures.trend(lambda _name, _params: frame, filters, date(2026, 12, 5))
    fig = charts.store_trend(trend, 1, "S001 北京王府井店", "zh")
    chain, store = (tr for tr in fig.data if tr.mode == "markers+text")
    assert (list(chain.y), list(store.y)) == ([85.0, 86.0], [97.0, 98.0])  # October (the first), November
    assert list(store.textposition) == ["middle right", "middle left"]
    assert chain.textposition == "bottom center"
