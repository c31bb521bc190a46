"""What a change is against (portal.kpi.Comparison): a previous period the data covers only in part shows no
change and says why; a period in progress is flagged, and shows no change before one whole day of it has passed.
The same rule on the complaint, satisfaction and 5S figures, their JSON, the tiles, the overview and the brief;
small fixtures with hand-worked dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from portal import complaints, kpi, ui_tiles
from portal import satisfaction as sat
from portal.filters import Filters
from portal.fives import figures as fives
from portal.kpi import Comparison, Figure
from portal.overview import brief, coverage
from portal.overview.coverage import Coverage, Span
from portal.overview.sources import window_for
from portal.scope import Scope
from tests import complaints_fixture as cfx
from tests import fives_fixture
from tests.test_satisfaction_queries import add_responses

MARCH = Filters(
    date(2025, 3, 1), date(2025, 3, 31)
)  # whole March: the previous period is February, 2025-02-01 .. 2025-02-28
PARTLY = (
    "No change is shown: the data begins on {day}, after the start of the previous period ({start} to {end}), "
    "which it covers only in part."
)


def figure(comparison: Comparison | None, **kw) -> Figure:
    base = {"key": "index", "unit": "points", "value": 80.0, "n": 40, "area": "sat", "previous_value": 75.0}
    return Figure(**{**base, "previous_n": 40, "comparison": comparison, **kw})


# ---------------------------------------------------------------- the rule, on the one figure type
def test_a_previous_period_covered_from_its_first_day_keeps_its_change():
    against = Comparison.of(MARCH, date(2025, 2, 1), today=date(2025, 6, 1))
    fig = figure(against, significant=True, p_value=0.01)
    assert (against.previous_start, against.previous_end, against.in_progress) == (
        date(2025, 2, 1),
        date(2025, 2, 28),
        False,
    )
    assert fig.change == pytest.approx(5.0) and fig.change_note("en") is None
    assert kpi.delta_style(fig) == ("normal", "auto")
    assert kpi.vs_previous(fig, "vs previous period") == "vs previous period"
    data = fig.to_json()
    assert (data["change"], data["previous_covered_from"], data["in_progress"], data["change_note"]) == (
        5.0,
        "2025-02-01",
        False,
        None,
    )


def test_a_previous_period_the_data_covers_in_part_shows_no_change_and_says_why():
    # the data begins on 2 Feb, a day after the previous period's first day (1 Feb: March against February)
    against = Comparison.of(MARCH, date(2025, 2, 2), today=date(2025, 6, 1))
    (fig,) = kpi.compared([figure(None, significant=True, p_value=0.01)], against)
    assert fig.previous_value == 75.0 and fig.change is None
    assert (fig.significant, fig.p_value) == (None, None)  # no change: no test of it either
    assert fig.change_note("en") == PARTLY.format(day="2025-02-02", start="2025-02-01", end="2025-02-28")
    assert fig.change_note("zh") == (
        "不显示变化：数据从 2025-02-02 开始，晚于上一周期(2025-02-01 至 2025-02-28)的起始日，"
        "上一周期只有部分日期有数据。"
    )
    assert kpi.format_change(fig) is None and kpi.vs_previous(fig, "vs previous period") is None
    data = fig.to_json()
    assert (data["change"], data["previous_value"], data["previous_covered_from"]) == (
        None,
        75.0,
        "2025-02-02",
    )
    assert data["change_note"].startswith("No change is shown: the data begins on 2025-02-02")
    # data beginning after the previous period's last day, or none at all: it holds nothing of it
    for first in (date(2025, 3, 1), None):
        fig = figure(Comparison.of(MARCH, first, today=date(2025, 6, 1)))
        assert fig.change is None
        assert fig.change_note("en") == (
            "No change is shown: the data in your scope holds nothing of the previous period "
            "(2025-02-01 to 2025-02-28)."
        )


def test_a_period_in_progress_is_flagged_and_a_day_not_yet_over_has_no_change():
    # 11 March: 10 of March's 31 days have passed (1-10 March)
    fig = figure(Comparison.of(MARCH, date(2025, 1, 1), today=date(2025, 3, 11)))
    assert fig.in_progress and fig.change == pytest.approx(5.0)
    assert kpi.delta_style(fig) == ("off", "auto")  # grey: a period not yet over is not judged
    assert kpi.vs_previous(fig, "vs previous period") == "vs previous period (period in progress)"
    assert kpi.vs_previous(fig, "较上一周期", "zh") == "较上一周期(本周期进行中)"
    assert fig.change_note("en") == (
        "The period is in progress (10 of its 31 days have passed): its change compares the days so far with "
        "the whole previous period."
    )
    assert fig.to_json()["in_progress"] is True
    # today, a few hours in, against the whole of yesterday: no change
    today = Filters(date(2025, 3, 11), date(2025, 3, 11))
    fig = figure(Comparison.of(today, date(2025, 1, 1), today=date(2025, 3, 11)))
    assert fig.in_progress and fig.change is None
    assert fig.change_note("en") == (
        "No change is shown: the period is in progress and not one whole day of it has passed; part of a day "
        "says nothing against the whole previous period (2025-03-10 to 2025-03-10)."
    )


def test_the_tile_writes_the_reason_in_its_help(monkeypatch):
    shown: list[dict] = []
    monkeypatch.setattr(ui_tiles.st, "metric", lambda *a, **kw: shown.append(kw))
    monkeypatch.setattr(ui_tiles.st, "caption", lambda *a, **kw: None)
    fig = figure(Comparison.of(MARCH, date(2025, 2, 2), today=date(2025, 6, 1)))
    text = kpi.TileText(label="Index", help="Mean over responses.", vs_previous="vs previous period")
    ui_tiles._tile(fig, text, "en")
    assert shown[0]["delta"] is None and shown[0]["delta_description"] is None
    assert shown[0]["help"] == "Mean over responses. " + PARTLY.format(
        day="2025-02-02", start="2025-02-01", end="2025-02-28"
    )


# ---------------------------------------------------------------- complaints (tests/complaints_fixture.py)
def complaint_figures(con, filters=cfx.CURRENT, as_of=cfx.AS_OF):
    return complaints.figures(kpi.runner(con, Scope.everything()), filters, complaints.Targets(), as_of=as_of)


def test_complaints_whose_data_begins_inside_the_previous_period_show_no_change(con):
    # without c14 (10 Jan) the data begins with c11 on 28 Feb; the previous period is 19 Feb .. 3 Mar
    cfx.add_complaints(con, [r for r in cfx.ROWS if r["source_id"] != "c14"])
    figs = complaint_figures(con)
    volume = figs.tile("volume")
    assert (volume.value, volume.previous_value, volume.change) == (11, 2, None)  # not "+9"
    note = PARTLY.format(day="2024-02-28", start="2024-02-19", end="2024-03-03")
    assert volume.change_note("en") == note
    tile = next(x for x in complaints.to_json(figs)["tiles"] if x["key"] == "volume")
    assert (tile["change"], tile["previous_covered_from"], tile["change_note"]) == (None, "2024-02-28", note)
    assert complaints.text_summary(figs).splitlines()[1] == "  " + note


def test_a_tiles_help_and_its_change_note_are_two_sentences(con):
    # figure audit: "Change against the previous period No change is shown: ..." (and "与上一周期相比的变化" run
    # into the note in Chinese): the help had no full stop and the join only a space
    cfx.add_complaints(con, [r for r in cfx.ROWS if r["source_id"] != "c14"])
    figs = complaint_figures(con)
    texts = {lang: complaints.tile_texts(figs, lang) for lang in ("en", "zh")}
    note = PARTLY.format(day="2024-02-28", start="2024-02-19", end="2024-03-03")
    note_zh = figs.tile("volume").change_note("zh")
    assert note_zh.startswith("不显示变化：") and note_zh.endswith("。")
    for fig, en, zh in zip(figs.tiles, texts["en"], texts["zh"], strict=True):
        if fig.change_note("en") is None:
            continue
        assert kpi.with_change_note(
            fig, en.help, "en"
        ) == "Change against the previous period. " + fig.change_note("en")
        assert kpi.with_change_note(fig, zh.help, "zh") == "与上一周期相比的变化。" + fig.change_note("zh")
    assert kpi.with_change_note(figs.tile("volume"), texts["en"][0].help, "en").endswith(" " + note)
    # any help: ended where it is not ("." / "。"), never twice; "?" and a stop before a bracket end one too
    fig = figure(Comparison.of(MARCH, date(2025, 2, 2), today=date(2025, 6, 1)))
    partly = PARTLY.format(day="2025-02-02", start="2025-02-01", end="2025-02-28")
    partly_zh = fig.change_note("zh")
    assert [kpi.with_change_note(fig, h, "en") for h in ("Mean", "Mean.", "Mean (n).", "Why?", "Mean ")] == [
        "Mean. " + partly,
        "Mean. " + partly,
        "Mean (n). " + partly,
        "Why? " + partly,
        "Mean. " + partly,
    ]
    assert [kpi.with_change_note(fig, h, "zh") for h in ("均值", "均值。", "均值(不限期间)", "(均值。)")] == [
        "均值。" + partly_zh,
        "均值。" + partly_zh,
        "均值(不限期间)。" + partly_zh,
        "(均值。)" + partly_zh,
    ]


def test_complaints_covered_from_their_first_local_day(con):
    # one complaint at 19 Feb 20:00 UTC: 19 Feb in UTC (the previous period's first day: covered), 20 Feb 04:00
    # in Shanghai (the data begins a day after it: no change)
    rows = [r for r in cfx.ROWS if r["source_id"] not in ("c11", "c12", "c14")]
    cfx.add_complaints(con, [*rows, cfx.complaint("early", received="02-19 20:00")])
    utc = complaint_figures(con).tile("volume")
    assert (utc.change, utc.comparison.covered_from) == (10, date(2024, 2, 19))  # 11 now, 1 before
    shanghai = Filters(cfx.CURRENT.start, cfx.CURRENT.end, timezone="Asia/Shanghai")
    local = complaint_figures(con, shanghai).tile("volume")
    assert (local.change, local.comparison.covered_from) == (None, date(2024, 2, 20))


def test_complaints_read_their_first_day_beside_the_previous_periods_tiles(con):
    # issue 14: the first day of complaint data in scope came from a statement of its own (complaints_covered_from),
    # about a millisecond of a page's CPU beyond its SQL; complaint_summary reads it beside the previous period's
    # tiles, so the figure set is its two statements, and the tiles' mapping keeps only the tiles' columns
    from bench.run import recorded_statements

    cfx.load(con)
    statements = recorded_statements(con, complaint_figures)
    assert ["complaint_breakdowns" in sql or "complaint_totals" in sql for sql, _ in statements] == [
        True,
        True,
    ]
    figs = complaint_figures(con)
    assert figs.tile("volume").comparison.covered_from == date(2024, 1, 10)  # c14
    # the previous row: the summary's columns that a tile's change reads (complaint_previous_summary)
    assert "covered_from" not in figs.previous and set(figs.previous) < set(figs.summary)
    # a scope with no complaint at all: a row of zeros and no first day (no comparison to show)
    nothing = complaints.figures(
        kpi.runner(con, Scope.nothing()), cfx.CURRENT, complaints.Targets(), as_of=cfx.AS_OF
    )
    assert nothing.previous["complaint_count"] == 0 and nothing.tile("volume").comparison.covered_from is None


def test_complaints_of_a_period_in_progress(con):
    cfx.load(con)  # c14 (10 Jan) covers the previous period
    # as of 11 March 00:00: 7 of the 14 days (4-10 March) have passed; the volume counts what the data holds of
    # the period (11, 2 before): its change is shown, flagged
    volume = complaint_figures(con, as_of=datetime(2024, 3, 11)).tile("volume")
    assert volume.in_progress and (volume.value, volume.previous_value, volume.change) == (11, 2, 9)
    assert kpi.delta_style(volume) == ("off", "auto")
    assert "(7 of its 14 days have passed)" in volume.change_note("en")
    # the period of one day, 17 March, six hours into it, against the whole of 16 March: no change
    day = Filters(date(2024, 3, 17), date(2024, 3, 17))
    volume = complaint_figures(con, day, as_of=datetime(2024, 3, 17, 6)).tile("volume")
    assert volume.in_progress and volume.change is None
    assert volume.comparison.left_out == kpi.CHANGE_NOT_BEGUN


# ---------------------------------------------------------------- satisfaction
def test_satisfaction_against_a_previous_period_covered_in_part(con):
    # current: 40 responses overall 5 in March; previous: 40 overall 2 on 2 Feb (the period began 29 Jan)
    rows = [{"id": i, "on": date(2025, 3, 2), "overall": 5, "recommend": 10} for i in range(1, 41)]
    rows += [{"id": 100 + i, "on": date(2025, 2, 2), "overall": 2, "recommend": 0} for i in range(1, 41)]
    add_responses(con, rows)
    run = kpi.runner(con, Scope.everything())
    tiles = sat.tiles(run, MARCH, sat.SatisfactionSettings(), date(2025, 6, 1))
    assert (tiles.index.value, tiles.index.previous_value, tiles.index.change) == (100.0, 25.0, None)
    assert (tiles.csat.significant, tiles.csat.p_value) == (None, None)  # was "significant (p = 0.000)"
    assert tiles.responses.change is None
    assert sat.tile_caption(tiles.csat, "en") == "n = 40 · previous period n = 40"  # no "significant change"
    json = sat.to_json(sat.figures(run, MARCH, sat.SatisfactionSettings()))["csat_pct"]
    assert (json["change"], json["previous_covered_from"]) == (None, "2025-02-02")
    assert json["change_note"] == PARTLY.format(day="2025-02-02", start="2025-02-01", end="2025-02-28")
    # 2 .. 29 March (28 days) against 2 Feb .. 1 March, covered from its first day; on 5 March it is in
    # progress (2, 3, 4 March passed): the change shown (100 against 25), flagged
    tiles = sat.tiles(
        run, Filters(date(2025, 3, 2), date(2025, 3, 29)), sat.SatisfactionSettings(), date(2025, 3, 5)
    )
    assert tiles.index.in_progress and tiles.index.change == pytest.approx(75.0)
    assert "(3 of its 28 days have passed)" in tiles.index.change_note("en")


def test_the_first_day_of_data_is_that_of_the_stores_and_regions_chosen(con):
    """A reviewer's case: store 2's responses begin on 2 Feb, inside the previous period (29 Jan .. 28 Feb);
    store 1's on 29 Jan. The whole scope covers the previous period from its first day; store 2 chosen alone
    does not, so its change is left out (it compared with a previous period holding a part of its data)."""
    rows = [{"id": i, "store": 1, "on": date(2025, 2, 1), "overall": 3, "recommend": 5} for i in range(1, 41)]
    rows += [
        {"id": 100 + i, "store": 2, "on": date(2025, 2, 2), "overall": 2, "recommend": 0}
        for i in range(1, 41)
    ]
    rows += [
        {"id": 200 + i, "store": 2, "on": date(2025, 3, 2), "overall": 5, "recommend": 10}
        for i in range(1, 41)
    ]
    add_responses(con, rows)
    run = kpi.runner(con, Scope.everything())
    whole = sat.tiles(run, MARCH, sat.SatisfactionSettings(), date(2025, 6, 1))
    assert whole.index.comparison.covered_from == date(2025, 2, 1) and whole.index.change is not None
    store_2 = Filters(MARCH.start, MARCH.end, store_ids=(2,))
    chosen = sat.tiles(run, store_2, sat.SatisfactionSettings(), date(2025, 6, 1))
    assert (chosen.index.comparison.covered_from, chosen.index.change) == (date(2025, 2, 2), None)
    assert chosen.index.change_note("en") == PARTLY.format(
        day="2025-02-02", start="2025-02-01", end="2025-02-28"
    )
    region_2 = Filters(MARCH.start, MARCH.end, region_ids=(2,))  # no store of region 2 has a response
    assert (
        sat.tiles(run, region_2, sat.SatisfactionSettings(), date(2025, 6, 1)).index.comparison.covered_from
        is None
    )


# ---------------------------------------------------------------- 5S (tests/fives_fixture.py: inspections from 5 Jan)
def test_fives_change_only_against_a_covered_previous_period(con):
    fives_fixture.load(con)
    run = fives.runner(con, Scope.everything())
    cfg = fives.FivesSettings()
    # February (a whole month) against January (1 .. 31): the inspections begin on 5 January
    head = fives.headline(run, Filters(date(2026, 2, 1), date(2026, 2, 28)), cfg, date(2026, 3, 10))
    assert head.chain_overall.previous_value == pytest.approx(65.1736, abs=1e-3)
    assert head.chain_overall.change is None and head.repeat_findings.change is None
    assert head.chain_overall.change_note("en") == PARTLY.format(
        day="2026-01-05", start="2026-01-01", end="2026-01-31"
    )
    # 1 .. 27 February (27 days) against 5 .. 31 January, covered from its first day: I5 58.333 against the
    # four January inspections' 65.174 -> -6.840
    head = fives.headline(run, Filters(date(2026, 2, 1), date(2026, 2, 27)), cfg, date(2026, 3, 10))
    assert head.chain_overall.change == pytest.approx(175 / 3 - 65.1736, abs=1e-3)
    assert head.chain_overall.to_json()["change_note"] is None
    # the same period on 10 February: in progress, 9 of its 27 days passed
    head = fives.headline(run, Filters(date(2026, 2, 1), date(2026, 2, 27)), cfg, date(2026, 2, 10))
    assert head.chain_overall.in_progress and kpi.delta_style(head.chain_overall) == ("off", "auto")


def test_the_first_day_of_data_comes_with_the_5s_headline_and_the_satisfaction_summary(con):
    """Issue 14: the 5S headline and the satisfaction tiles read the first day of data in scope from their own
    statement (its covered_from column), not from a statement of its own (one fewer a figure set, and on the
    overview two fewer); the comparison is the same: a store chosen alone, and a scope with no data at all."""
    fives_fixture.load(con)
    add_responses(con, [{"id": 1, "store": 2, "on": date(2025, 2, 2), "overall": 4, "recommend": 9}])
    names: list[str] = []
    inner = kpi.runner(con, Scope.everything())

    def run(name, params):
        names.append(name)
        return inner(name, params)

    head = fives.headline(
        run, Filters(date(2026, 2, 1), date(2026, 2, 28)), fives.FivesSettings(), date(2026, 3, 10)
    )
    assert names == ["fives_headline"]
    assert head.chain_overall.comparison.covered_from == date(2026, 1, 5)
    names.clear()
    tiles = sat.tiles(
        run, Filters(MARCH.start, MARCH.end, store_ids=(2,)), sat.SatisfactionSettings(), date(2025, 6, 1)
    )
    assert names == ["satisfaction_summary"]
    assert tiles.index.comparison.covered_from == date(2025, 2, 2)
    assert tiles.index.comparison.left_out == kpi.CHANGE_PARTLY_COVERED
    none = Filters(MARCH.start, MARCH.end, region_ids=(99,))  # nothing in the selection: no first day
    assert (
        sat.tiles(run, none, sat.SatisfactionSettings(), date(2025, 6, 1)).index.comparison.covered_from
        is None
    )
    empty = fives.headline(
        run, Filters(date(2026, 2, 1), date(2026, 2, 28), region_ids=(99,)), fives.FivesSettings()
    )
    assert empty.chain_overall.comparison.covered_from is None
    assert empty.chain_overall.comparison.left_out == kpi.CHANGE_NOT_COVERED


# ---------------------------------------------------------------- the overview and the brief
def test_overview_tile_help_and_brief_sentence():
    week = Filters(date(2026, 11, 16), date(2026, 11, 22))
    cover = Coverage(Span.of_filters("week", week), Span.of_filters("week", week.previous()))
    partly = figure(Comparison.of(week, date(2026, 11, 12), today=date(2026, 11, 30)), area="sat")
    assert coverage.tile_help(cover, partly, "en", sparkline=False) == (
        "Covers week 2026-W47 (2026-11-16 – 2026-11-22). "
        + PARTLY.format(day="2026-11-12", start="2026-11-09", end="2026-11-15")
    )
    # the brief of a week in progress (25 Nov: 9 .. 15 Nov covered; 23 Nov: the week of 23 Nov began 2 days ago)
    window = window_for(datetime(2026, 11, 25, 12), week=date(2026, 11, 23))
    now = window.week_filters()
    fig = figure(
        Comparison.of(now, date(2026, 1, 1), today=date(2026, 11, 25)),
        key="csat",
        unit="pct",
        label_key="sat.metric.csat",
        significant=True,
    )
    sentence = brief._changed(window, fig, "sat", "satisfaction", "en")
    assert sentence.text == (
        "CSAT rose to 80.0% from 75.0% (n = 40, 2026-W48 vs 2026-W47, significant). The period is in progress "
        "(2 of its 7 days have passed): its change compares the days so far with the whole previous period."
    )


# ---------------------------------------------------------------- every change left out says why
NOT_COVERED = (
    "No change is shown: the data in your scope holds nothing of the previous period ({start} to {end})."
)


def test_every_satisfaction_figure_without_a_previous_period_says_why(con):
    # probe: `kpi satisfaction --json` over a day whose previous day had no data gave change_note null on index,
    # CSAT and NPS; only responses said why
    add_responses(
        con, [{"id": i, "on": date(2025, 3, 2), "overall": 5, "recommend": 10} for i in range(1, 41)]
    )
    run = kpi.runner(con, Scope.everything())
    out = sat.to_json(sat.figures(run, MARCH, sat.SatisfactionSettings()))
    note = NOT_COVERED.format(start="2025-02-01", end="2025-02-28")
    assert [(out[k]["change"], out[k]["change_note"]) for k in ("index", "csat_pct", "nps", "responses")] == [
        (None, note)
    ] * 4
    tiles = sat.tiles(run, MARCH, sat.SatisfactionSettings(), date(2025, 6, 1))
    assert kpi.with_change_note(tiles.index, "Help.", "en") == "Help. " + note
    assert (
        tiles.nps.change_note("zh")
        == "不显示变化：您的权限范围内没有上一周期(2025-02-01 至 2025-02-28)的数据。"
    )


def test_a_covered_previous_period_without_the_figures_data_says_so(con):
    # the previous period is covered from its first day (responses on 29 Jan) but none answered a question:
    # the responses change (+40), index, CSAT and NPS have no previous value
    rows = [{"id": 100 + i, "on": date(2025, 2, 1)} for i in range(1, 6)]
    rows += [{"id": i, "on": date(2025, 3, 2), "overall": 5, "recommend": 10} for i in range(1, 41)]
    add_responses(con, rows)
    tiles = sat.tiles(
        kpi.runner(con, Scope.everything()), MARCH, sat.SatisfactionSettings(), date(2025, 6, 1)
    )
    assert (tiles.responses.change, tiles.responses.change_note("en")) == (35, None)
    assert (tiles.index.previous_value, tiles.index.change) == (None, None)
    assert tiles.index.change_note("en") == (
        "No change is shown for Satisfaction index: the previous period (2025-02-01 to 2025-02-28) has no data "
        "for it."
    )
    assert (
        tiles.csat.change_note("zh")
        == "满意率 (CSAT)不显示变化：上一周期(2025-02-01 至 2025-02-28)没有该指标的数据。"
    )


def test_a_figure_counted_as_of_now_has_no_previous_period_to_explain(con):
    fives_fixture.load(con)
    run = fives.runner(con, Scope.everything())
    head = fives.headline(
        run, Filters(date(2026, 2, 1), date(2026, 2, 27)), fives.FivesSettings(), date(2026, 3, 10)
    )
    assert head.open_actions.has_data and head.open_actions.previous_value is None
    assert (head.open_actions.change_note("en"), head.overdue_actions.to_json()["change_note"]) == (
        None,
        None,
    )
    days = figure(Comparison.of(MARCH, date(2025, 1, 1), date(2025, 6, 1)), previous_value=None)
    other_units = replace(
        days, no_previous=kpi.CHANGE_OTHER_UNITS, label_key="complaints.tile.resolution_median"
    )
    assert other_units.change_note("en") == (
        "No change is shown for Resolution time, median: the previous period (2025-02-01 to 2025-02-28) gives it "
        "in other units (hours or whole days)."
    )
