"""The one KPI figure type (portal/kpi.py): status rule, low confidence and no data never coloured, values and
changes formatted alike in both languages (a change that rounds to zero has no sign), JSON."""

from __future__ import annotations

import json

import pytest

from portal import kpi
from portal.i18n import t
from portal.kpi import Figure

NO_FRT = "kpi.reason.no_first_response"


def fig(value=40.0, n=100, *, unit="hours", previous=None, target=None, better="lower", **kw) -> Figure:
    return Figure(
        "x", unit, value, n, "complaints", previous_value=previous, target=target, better=better, **kw
    )


# ---------------------------------------------------------------- status
@pytest.mark.parametrize(
    ("value", "target", "better", "status"),
    [
        (20.0, 24.0, "lower", "meets"),
        (24.0, 24.0, "lower", "meets"),  # on the target meets it
        (24.1, 24.0, "lower", "misses"),
        (85.0, 85.0, "higher", "meets"),
        (84.9, 85.0, "higher", "misses"),
        (84.9, None, "higher", None),  # no target: nothing to judge by
        (50.0, 10.0, "neither", None),  # no better direction: never judged
    ],
)
def test_status_against_the_target_in_the_better_direction(value, target, better, status):
    figure = fig(value, target=target, better=better)
    assert figure.status == status
    assert figure.meets_target == {"meets": True, "misses": False}.get(status)
    assert kpi.status_colour(figure) == {"meets": "green", "misses": "red"}.get(status)


def test_fewer_items_than_the_threshold_is_low_confidence_and_never_coloured():
    # 10 h against a 24 h target would meet it, but on 29 items it is only shown
    few = fig(10.0, n=29, previous=30.0, target=24.0)
    assert few.status == "low_confidence" and few.low_confidence and few.meets_target is None
    assert kpi.status_colour(few) == "gray"
    assert kpi.delta_style(few) == ("off", "auto")  # the arrow, no green for 20 h faster
    assert fig(10.0, n=30, previous=30.0, target=24.0).status == "meets"
    # the threshold is the figure's own (a setting; scorecards use 5)
    assert fig(10.0, n=5, target=24.0, low_confidence_n=5).status == "meets"
    # nothing at all to rest on (n = 0, no value): "no data" and why (an empty period; before: a low-confidence
    # "—" with no reason, audit), never a pass or a fail; a count of nothing is 0, its value
    empty = fig(None, n=0, target=24.0)
    assert (empty.status, empty.reason, empty.meets_target) == ("no_data", kpi.NONE_IN_PERIOD, None)
    assert kpi.format_value(empty, "en") == "no data" and kpi.status_colour(empty) is None
    assert kpi.caption(empty, "zh") == "无数据：本周期和所选范围内没有可计算的记录(n = 0)"
    assert empty.to_json()["no_data_reason"] == "nothing to count in this period and selection (n = 0)"
    nothing = kpi.Figure("volume", "count", 0.0, 0)
    assert nothing.has_data and nothing.no_data_reason is None
    assert fig(None, n=3, target=24.0).status == "low_confidence"  # a few items but no value: still low


def test_no_data_says_why_is_never_zero_and_never_coloured():
    missing = fig(0.0, n=250, previous=3.0, target=24.0, no_data_reason=NO_FRT)
    assert missing.status == "no_data" and not missing.has_data and missing.meets_target is None
    assert not missing.low_confidence and missing.change is None
    assert kpi.format_value(missing, "en") == "no data" and kpi.format_value(missing, "zh") == "无数据"
    assert kpi.format_change(missing, "en") is None
    assert kpi.caption(missing, "en") == "no data: the data holds no first response times"
    assert kpi.caption(missing, "zh") == "无数据：数据中没有首次响应时间"
    assert kpi.status_colour(missing) is None
    out = missing.to_json()
    assert out["value"] is None and out["status"] == "no_data"
    assert out["no_data_reason"] == "the data holds no first response times"
    # a value that cannot be computed on enough items: no data as well
    assert fig(float("nan"), n=40).status == "no_data"


# ---------------------------------------------------------------- values and changes, both languages
@pytest.mark.parametrize(
    ("unit", "value", "en", "zh"),
    [
        ("count", 12345, "12,345", "12,345"),
        ("hours", 1234.56, "1,234.6 h", "1,234.6 小时"),
        ("days", 2.25, "2.3 d", "2.3 天"),  # half up (portal/rounding.py); Python's format gave 2.2
        ("pct", 95.25, "95.3%", "95.3%"),
        ("points", 72.46, "72.5", "72.5"),
        ("nps", 12.4, "+12", "+12"),
        ("nps", -0.4, "0", "0"),  # never "-0"
        ("gap", -0.654, "-0.65", "-0.65"),
        ("hours", None, "—", "—"),
    ],
)
def test_values_in_both_languages(unit, value, en, zh):
    figure = Figure("x", unit, value, 100)
    assert kpi.format_value(figure, "en") == en
    assert kpi.format_value(figure, "zh") == zh


@pytest.mark.parametrize(
    ("unit", "value", "previous", "en", "zh"),
    [
        ("hours", 15.0, 2.0, "+13.0 h", "+13.0 小时"),
        ("pct", 62.5, 50.0, "+12.5 pp", "+12.5 个百分点"),
        ("count", 8, 2579, "-2,571", "-2,571"),
        ("points", 70.0, 72.5, "-2.5", "-2.5"),
        ("nps", 20.0, 17.5, "+2.5", "+2.5"),  # an NPS in whole points, its change to one decimal
        ("days", 1.0, 3.5, "-2.5 d", "-2.5 天"),
    ],
)
def test_changes_carry_their_sign_and_unit(unit, value, previous, en, zh):
    figure = Figure("x", unit, value, 100, previous_value=previous)
    assert kpi.format_change(figure, "en") == en
    assert kpi.format_change(figure, "zh") == zh
    assert not kpi.change_is_zero(figure)


@pytest.mark.parametrize(
    ("unit", "value", "previous", "en", "zh"),
    [
        ("hours", 10.04, 10.0, "0.0 h", "0.0 小时"),
        ("hours", 9.96, 10.0, "0.0 h", "0.0 小时"),  # -0.04: no "-0.0"
        ("pct", 80.02, 80.0, "0.0 pp", "0.0 个百分点"),
        ("count", 120, 120, "0", "0"),
        ("points", 72.46, 72.5, "0.0", "0.0"),
        ("nps", 30.0, 30.04, "0.0", "0.0"),
    ],
)
def test_a_change_that_rounds_to_zero_has_no_sign_colour_or_arrow(unit, value, previous, en, zh):
    figure = Figure("x", unit, value, 100, previous_value=previous, significant=True)
    assert kpi.change_is_zero(figure)
    assert kpi.format_change(figure, "en") == en
    assert kpi.format_change(figure, "zh") == zh
    assert kpi.delta_style(figure) == ("off", "off")


def test_change_colour_follows_the_better_direction_and_the_test():
    assert kpi.delta_style(fig(10.0, previous=12.0, better="lower")) == ("inverse", "auto")
    assert kpi.delta_style(fig(12.0, previous=10.0, better="higher")) == ("normal", "auto")
    # a test that finds the change not significant: grey; an untested figure keeps its colour
    assert kpi.delta_style(fig(12.0, previous=10.0, better="higher", significant=False)) == ("off", "auto")
    assert kpi.delta_style(fig(12.0, previous=10.0, better="higher", significant=True)) == ("normal", "auto")
    # a count that is neither good nor bad (survey responses)
    assert kpi.delta_style(fig(120, unit="count", previous=90, better="neither")) == ("off", "auto")
    assert kpi.format_change(fig(10.0), "en") is None  # no previous value


def test_targets_and_captions_in_both_languages():
    frt = fig(15.0, n=1234, target=24.0)
    assert kpi.format_target(frt, "en") == "target ≤ 24.0 h"
    assert kpi.format_target(frt, "zh") == "目标 ≤ 24.0 小时"
    csat = Figure("csat", "pct", 80.0, 100, target=85.0)
    assert kpi.format_target(csat, "en") == "target ≥ 85.0%"
    assert kpi.format_target(fig(1.0), "zh") == "未设目标"
    assert kpi.caption(frt, "en") == "n = 1,234 · ✓ meets target (target ≤ 24.0 h)"
    assert kpi.caption(csat, "zh") == "n = 100 · ✗ 未达标 (目标 ≥ 85.0%)"
    few = fig(15.0, n=7, target=24.0)
    # a low-confidence tile keeps its target, unjudged (the overview's tiles of a team lead's week showed none)
    assert kpi.caption(few, "en") == "n = 7 · low confidence (n < 30) · target ≤ 24.0 h"
    assert kpi.caption(few, "zh") == "n = 7 · 样本不足(n < 30)，仅供参考 · 目标 ≤ 24.0 小时"
    assert kpi.caption(fig(15.0, n=7), "en") == "n = 7 · low confidence (n < 30)"  # no target: none said
    # several targets (the resolution time's by severity) are said too, judged or not (the overview showed none)
    by = {"high": 48.0, "normal": 72.0, "low": 168.0}
    assert kpi.caption(fig(40.0, n=55, targets_by=by), "en") == (
        "n = 55 · target by severity: High 48 / Normal 72 / Low 168 h"
    )
    assert kpi.caption(fig(40.0, n=5, targets_by=by), "zh") == (
        "n = 5 · 样本不足(n < 30)，仅供参考 · 按严重程度的目标：高 48 / 中 72 / 低 168 小时"
    )
    text = kpi.tile_text(frt, "zh")
    assert text.label == t("complaints.tile.x", "zh")  # f"{area}.tile.{key}" unless label_key says otherwise
    assert text.captions == ((kpi.caption(frt, "zh"), "green"),)
    assert Figure("index", "points", 1.0, 1, "sat", label_key="sat.metric.index").label == "sat.metric.index"


def test_json_is_plain_with_whole_counts():
    volume = Figure("volume", "count", 11, 11, previous_value=2, better="lower")
    out = volume.to_json()
    assert (out["value"], out["previous_value"], out["change"]) == (11, 2, 9)
    assert isinstance(out["value"], int) and out["status"] == "low_confidence"
    hours = fig(3.0975000000034925, previous=3.1130555555573665, targets_by={"high": 48.0}).to_json()
    assert (hours["value"], hours["change"], hours["targets_by"]) == (3.0975, -0.0156, {"high": 48.0})
    assert "NaN" not in json.dumps(fig(float("nan")).to_json())


def test_a_figure_refuses_an_unknown_unit_or_direction():
    with pytest.raises(ValueError, match="unit"):
        Figure("x", "minutes", 1.0, 1)
    with pytest.raises(ValueError, match="better"):
        Figure("x", "count", 1.0, 1, better="more")


def test_a_figure_made_from_an_empty_one_decides_its_own_data():
    # a duration in days is made from the hours tile (dataclasses.replace): an hours tile of n = 0 passed its
    # "nothing in this period" on to a days tile resting on 40 complaints (review)
    from dataclasses import replace

    hours = fig(None, n=0)
    assert hours.status == "no_data" and hours.no_data_reason is None  # worked out, not stored
    days = replace(hours, unit="days", value=3.0, n=40)
    assert days.has_data and days.reason is None and days.status is None
