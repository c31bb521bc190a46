"""One rounding rule for every figure shown (portal/rounding.py): half up, away from zero, on the number as written.

SPEC.md and STYLE.md name no rule. Before, a tile (Python's format spec), a table (pandas' round) and the JSON
(Python's round) rounded a half to even on the double (84.25 -> 84.2, 0.125 -> 0.12, an NPS of 12.5 -> +12), while
the browser formats a table column's exact halves up (84.3): one figure, two values. Every case below is an exact
half at the shown precision, worked out by hand.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from portal import kpi
from portal.complaints import display as complaints_display
from portal.i18n import t
from portal.rounding import fixed, half_up, half_up_all
from portal.satisfaction import display as sat_display
from portal.scorecards import display as sc_display


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (84.25, 1, 84.3),
        (0.125, 2, 0.13),
        (-0.125, 2, -0.13),
        (12.5, 0, 13.0),
        (-12.5, 0, -13.0),
        (84.35, 1, 84.4),  # the double nearest 84.35 is 84.3499999…: rounded as written
        (2.675, 2, 2.68),
        (84.24, 1, 84.2),
        (-0.04, 1, 0.0),  # no "-0.0"
    ],
)
def test_half_up(value, digits, expected):
    rounded = half_up(value, digits)
    assert rounded == expected and math.copysign(1, rounded) == math.copysign(1, expected)


def test_missing_values_stay_missing():
    assert half_up(None, 1) is None and math.isnan(half_up(float("nan"), 1))
    frame = half_up_all(pd.DataFrame({"x": [84.25, None], "label": ["a", "b"]}), 1)
    assert (
        frame["x"].iloc[0] == 84.3 and pd.isna(frame["x"].iloc[1]) and frame["label"].tolist() == ["a", "b"]
    )


@pytest.mark.parametrize(
    ("unit", "value", "en", "zh"),
    [
        ("pct", 84.25, "84.3%", "84.3%"),  # before: 84.2%
        ("hours", 2.25, "2.3 h", "2.3 小时"),  # before: 2.2 h
        ("days", 0.75, "0.8 d", "0.8 天"),
        ("points", 56.25, "56.3", "56.3"),  # a satisfaction index of 4 answers (mean of multiples of 25)
        ("gap", -0.125, "-0.13", "-0.13"),  # before: -0.12
        ("nps", 12.5, "+13", "+13"),  # before: +12
        ("count", 2.5, "3", "3"),
    ],
)
def test_a_tile_shows_its_value_rounded_half_up(unit, value, en, zh):
    assert (kpi.format_number(unit, value, "en"), kpi.format_number(unit, value, "zh")) == (en, zh)


def test_a_change_and_the_json_round_half_up():
    fig = kpi.Figure("x", "pct", 84.5, 40, previous_value=84.25, previous_n=40)  # change 0.25 pp
    assert fig.change == 0.25 and kpi.format_change(fig) == "+0.3 pp"  # before: +0.2 pp
    # a change of half a complaint is shown as "+1" (count changes are whole), not as "no change"
    assert not kpi.change_is_zero(kpi.Figure("y", "count", 10.5, 40, previous_value=10.0, previous_n=40))
    assert fig.to_json()["value"] == 84.5
    assert kpi._clean(0.00125, 4) == 0.0013  # before: 0.0012


def test_words_with_fixed_decimals_round_half_up():
    # every {v:.1f} of the translation table (e.g. kpi.value.pct) goes through the one rule
    assert t("kpi.value.pct", "en", v=84.25) == "84.3%"
    assert t("complaints.chart.share", "zh", share=12.25) == "占比 12.3%"
    assert (
        fixed(1234.25, 1, ",") == "1,234.3"
        and fixed(-0.125, 2, "+") == "-0.13"
        and fixed(0.125, 2, "+") == "+0.13"
    )


def test_a_table_shows_the_tiles_value():
    # the store table of the Complaints page: 337 of 400 answered within 24 h = 84.25 %, as on its tile
    frame = pd.DataFrame({"store_code": ["S001"], "complaint_count": [400], "sla_attainment_pct": [84.25]})
    shown = complaints_display.display_table(frame, "en")
    assert shown[t("complaints.col.sla_attainment_pct", "en")].iloc[0] == 84.3  # before: 84.2
    assert kpi.format_number("pct", 84.25) == f"{shown.iloc[0, -1]:.1f}%"
    # a scorecard's composite and a SERVQUAL gap, in their tables
    assert sc_display._round(84.25) == 84.3 and sc_display._round(62.5, 0) == 63.0
    dims = pd.DataFrame(
        {
            "dimension_name_en": ["Tangibles"],
            "dimension_name_zh": ["有形性"],
            "mean_expectation": [6.125],
            "mean_perception": [6.0],
            "gap": [-0.125],
            "responses_n": [8],
            "answers_n": [32],
            "weight": [22.25],
            "low_confidence": [True],
        }
    )

    class Servqual:
        dimensions = dims

    table = sat_display.dimension_table(Servqual(), "en")
    assert table[t("sat.col.gap", "en")].iloc[0] == -0.13  # before: -0.12
    assert table[t("sat.col.mean_e", "en")].iloc[0] == 6.13
    assert table[t("sat.col.weight", "en")].iloc[0] == 22.3


def test_a_column_is_rounded_whole_and_only_its_near_halves_one_by_one(monkeypatch):
    # a big export's columns (31k rows) cost ~75 ms of CPU each with a Decimal per cell; now numpy rounds the column
    # and only values near a half go through half_up, with the same output: random values, decimals that end in a
    # 5 (exact halves on their repr, one side or the other on the double), signs, zero, infinities, missing
    import numpy as np

    from portal import rounding

    rng = np.random.default_rng(7)
    values = pd.Series(
        np.concatenate(
            [
                rng.uniform(-1000, 1000, 20_000),
                np.round(rng.uniform(-1000, 1000, 20_000), 2),
                [0.125, -0.125, 84.25, 84.35, 12.5, -12.5, 2.675, 1.005, -0.0, math.inf, -math.inf, math.nan],
            ]
        )
    )
    per_cell = {d: values.map(lambda v, d=d: half_up(v, d), na_action="ignore") for d in (0, 1, 2)}
    calls = []

    def counted(value, digits=0):
        calls.append(value)
        return half_up(value, digits)

    monkeypatch.setattr(rounding, "half_up", counted)
    for digits, expected in per_cell.items():
        pd.testing.assert_series_equal(half_up_all(values, digits), expected)
    # before: every one of the 3 x 40,012 values; now the near-halves alone (the 2-decimal values, at 1 decimal)
    assert 0 < len(calls) < 0.2 * 3 * len(values)
