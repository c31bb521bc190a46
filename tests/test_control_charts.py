"""Control limits worked out by hand: p-chart for rates, individuals (XmR) chart for medians and volumes."""

import math

import numpy as np
import pytest

from portal import control_charts


def test_p_chart_limits_per_point_and_flags():
    # events 2, 9, 40 of 50, 50, 100 -> rates 0.04, 0.18, 0.40; pooled p = 51 / 200 = 0.255
    # n = 50:  sigma = sqrt(0.255 * 0.745 / 50) = sqrt(0.0037995) = 0.0616401; 3 sigma = 0.184920
    #          limits 0.070080 .. 0.439920 -> 0.04 is below: flagged; 0.18 inside
    # n = 100: sigma = sqrt(0.00189975) = 0.0435861; 3 sigma = 0.130758 -> limits 0.124242 .. 0.385758
    #          -> 0.40 is above: flagged
    # a week without data (0 of 0) gets no rate, no limits and no flag
    chart = control_charts.p_chart([2, 9, 40, 0], [50, 50, 100, 0])
    assert chart["rate"].tolist()[:3] == pytest.approx([0.04, 0.18, 0.40])
    assert math.isnan(chart["rate"].iloc[3])
    assert chart["center"].tolist()[:3] == pytest.approx([0.255] * 3)
    assert chart["lower"].tolist()[:3] == pytest.approx([0.070080, 0.070080, 0.124242], abs=1e-6)
    assert chart["upper"].tolist()[:3] == pytest.approx([0.439920, 0.439920, 0.385758], abs=1e-6)
    assert math.isnan(chart["upper"].iloc[3])
    assert chart["is_out"].tolist() == [True, False, True, False]


def test_p_chart_clips_limits_to_0_and_1():
    # p = 19 / 20 = 0.95; n = 10: 3 * sqrt(0.95 * 0.05 / 10) = 3 * 0.0689202 = 0.206761 -> upper 1.156761 -> 1
    chart = control_charts.p_chart([10, 9], [10, 10])
    assert chart["upper"].tolist() == [1.0, 1.0]
    assert chart["lower"].tolist() == pytest.approx([0.743239, 0.743239], abs=1e-6)
    assert not chart["is_out"].any()


def test_individuals_chart_limits_and_flag():
    # values 10 12 11 13 30: mean 76 / 5 = 15.2; moving ranges 2 1 2 17 -> mean 5.5
    # limits 15.2 -/+ 2.66 * 5.5 = 14.63 -> 0.57 .. 29.83: 30 is above
    chart = control_charts.individuals_chart([10, 12, 11, 13, 30])
    assert chart["center"].tolist() == pytest.approx([15.2] * 5)
    assert chart["moving_range"].tolist()[1:] == [2, 1, 2, 17]
    assert chart["upper"].iloc[0] == pytest.approx(29.83)
    assert chart["lower"].iloc[0] == pytest.approx(0.57)
    assert chart["is_out"].tolist() == [False, False, False, False, True]


def test_individuals_chart_floor_and_gaps():
    # 1 9 1 9: mean 5, moving ranges 8 8 8 -> lower 5 - 21.28 < 0 -> floor 0; upper 26.28
    chart = control_charts.individuals_chart([1, 9, 1, 9], floor=0.0)
    assert chart["lower"].tolist() == [0.0] * 4 and chart["upper"].iloc[0] == pytest.approx(26.28)
    # a gap is skipped: 10, -, 14, 12 -> ranges |14 - 10| = 4 and 2, mean 3; mean 12 -> 12 -/+ 7.98
    chart = control_charts.individuals_chart([10, None, 14, 12])
    assert chart["moving_range"].tolist()[2:] == [4, 2]
    assert chart["upper"].iloc[0] == pytest.approx(19.98) and chart["lower"].iloc[3] == pytest.approx(4.02)
    assert np.isnan(chart["upper"].iloc[1]) and not chart["is_out"].iloc[1]


def test_too_few_points_have_no_limits():
    single = control_charts.individuals_chart([5.0, np.nan])
    assert single["center"].isna().all() and not single["is_out"].any()
    one_week = control_charts.p_chart([3], [10])
    assert one_week["rate"].iloc[0] == pytest.approx(0.3) and one_week["upper"].isna().all()
    with pytest.raises(ValueError):
        control_charts.p_chart([1, 2], [3])


def test_limits_summary():
    chart = control_charts.individuals_chart([10, 12, 11, 13, 30])
    assert control_charts.limits_summary(chart) == {"center": pytest.approx(15.2), "points": 5, "flagged": 1}


def test_the_arrays_are_the_charts_columns_from_numbers_in_arrays():
    # issue 14: the Complaints trend and the overview's alerts read the charts as arrays, not frames; the same
    # numbers as the frames from an array of counts (ints) and of values with a gap (NaN), as from lists
    events, totals = np.array([2, 9, 40, 0]), np.array([50, 50, 100, 0])
    rates = control_charts.p_chart_arrays(events, totals, exclude=[False, False, False, True])
    assert list(rates) == ["rate", "n", "center", "lower", "upper", "is_out"]
    assert rates["lower"][:3] == pytest.approx([0.070080, 0.070080, 0.124242], abs=1e-6)
    assert rates["is_out"].tolist() == [True, False, True, False]
    frame = control_charts.p_chart([2, 9, 40, 0], [50, 50, 100, 0], exclude=[False, False, False, True])
    assert all(np.array_equal(frame[c].to_numpy(), rates[c], equal_nan=True) for c in rates)
    values = np.array([10.0, np.nan, 12.0, 30.0])
    xmr = control_charts.individuals_chart_arrays(values, floor=0.0)
    assert xmr["moving_range"].tolist()[2:] == [2.0, 18.0]  # the gap skipped over
    assert xmr["center"][0] == pytest.approx(52 / 3) and math.isnan(xmr["center"][1])
    assert math.isnan(values[1]) and values[0] == 10.0  # the caller's array is left as it was
    few = control_charts.individuals_chart_arrays(np.array([5.0]))
    few["center"][0] = 1.0  # no limits: three arrays of their own, not one shared
    assert math.isnan(few["lower"][0]) and math.isnan(few["upper"][0])
