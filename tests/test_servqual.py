"""SERVQUAL weighting (portal.servqual): which weights, and the unweighted and weighted scores."""

import pytest

from portal import servqual

RATER = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
EQUAL = dict.fromkeys(RATER, 20.0)
GAPS = {
    "tangibles": -0.65,
    "reliability": -1.10,
    "responsiveness": -0.83,
    "assurance": -0.70,
    "empathy": -1.01,
}


def test_unweighted_score_is_the_mean_of_the_dimension_gaps():
    # (-0.65 - 1.10 - 0.83 - 0.70 - 1.01) / 5 = -4.29 / 5 = -0.858, shown as -0.86
    sc = servqual.scores(GAPS, servqual.choose_weights(EQUAL))
    assert sc.unweighted == pytest.approx(-0.858)
    assert round(sc.unweighted, 2) == -0.86
    # equal weights give the same number weighted
    assert sc.weighted == pytest.approx(-0.858)
    assert (sc.dimensions_n, sc.dimensions_total) == (5, 5)


def test_weighted_score_from_importance_points():
    # mean importance points 15 / 30 / 20 / 20 / 15:
    # 0.15 x -0.65 + 0.30 x -1.10 + 0.20 x -0.83 + 0.20 x -0.70 + 0.15 x -1.01
    # = -0.0975 - 0.33 - 0.166 - 0.14 - 0.1515 = -0.885
    w = servqual.choose_weights(
        EQUAL,
        {"tangibles": 15, "reliability": 30, "responsiveness": 20, "assurance": 20, "empathy": 15},
        respondents_n=100,
    )
    assert w.source == "respondents" and w.respondents_n == 100
    assert servqual.scores(GAPS, w).weighted == pytest.approx(-0.885)


def test_weights_fall_back_to_settings_then_instrument():
    settings = {"tangibles": 40, "reliability": 15, "responsiveness": 15, "assurance": 15, "empathy": 15}
    w = servqual.choose_weights(EQUAL, None, 0, settings)
    assert w.source == "settings" and w.points["tangibles"] == 40
    # 0.40 x -0.65 + 0.15 x (-1.10 - 0.83 - 0.70 - 1.01) = -0.26 - 0.546 = -0.806
    assert servqual.scores(GAPS, w).weighted == pytest.approx(-0.806)
    # settings that name other dimensions do not apply to this instrument: its own defaults do
    other = {"staff": 50.0, "store": 30.0, "checkout": 20.0}
    w = servqual.choose_weights(other, None, 0, settings)
    assert w.source == "instrument" and w.points == {"staff": 50.0, "store": 30.0, "checkout": 20.0}


def test_a_dimension_without_answers_is_left_out_and_weights_rescaled():
    gaps = dict(GAPS, empathy=None)
    w = servqual.choose_weights(EQUAL)
    sc = servqual.scores(gaps, w)
    # unweighted: (-0.65 - 1.10 - 0.83 - 0.70) / 4 = -0.82; weighted with 4 x 20 rescaled to 4 x 25: the same
    assert sc.unweighted == pytest.approx(-0.82)
    assert sc.weighted == pytest.approx(-0.82)
    assert (sc.dimensions_n, sc.dimensions_total) == (4, 5)
    assert servqual.scores(dict.fromkeys(RATER), w) == servqual.Scores(None, None, 0, 5)


def test_respondent_points_are_scaled_to_100():
    # a group whose mean points add to 50 (e.g. rounding in the source): shares kept, total 100
    w = servqual.choose_weights({"a": 50.0, "b": 50.0}, {"a": 10, "b": 40}, respondents_n=3)
    assert w.points == {"a": 20.0, "b": 80.0}


def test_group_scores_match_the_single_group_rules():
    import pandas as pd

    defaults = {"t": 50.0, "r": 50.0}
    fallback = servqual.choose_weights(defaults)
    gaps = pd.DataFrame(
        {"store_id": [1, 1, 2, 2], "dimension_code": ["t", "r", "t", "r"], "gap": [-1.0, -2.0, 0.0, -1.0]}
    )
    importance = pd.DataFrame({"store_id": [1, 1], "dimension_code": ["t", "r"], "mean_points": [80.0, 20.0]})
    out = servqual.group_scores(gaps, importance, "store_id", fallback).set_index(
        ["store_id", "dimension_code"]
    )
    # store 1 with its respondents' 80 / 20: weighted 0.8 x -1 + 0.2 x -2 = -1.2; unweighted (-1 - 2) / 2 = -1.5
    assert out.loc[(1, "t"), "weighted_score"] == pytest.approx(-1.2)
    assert out.loc[(1, "t"), "unweighted_score"] == pytest.approx(-1.5)
    assert (
        out.loc[(1, "t"), "weight"] == pytest.approx(80.0)
        and out.loc[(1, "t"), "weights_source"] == "respondents"
    )
    # store 2 without points: the fallback 50 / 50 -> (0 - 1) / 2 = -0.5 both ways
    assert out.loc[(2, "r"), "weighted_score"] == pytest.approx(-0.5)
    assert out.loc[(2, "r"), "weights_source"] == "instrument"
    # the same as the one-group functions
    one = servqual.scores({"t": -1.0, "r": -2.0}, servqual.choose_weights(defaults, {"t": 80, "r": 20}, 3))
    assert one.weighted == pytest.approx(out.loc[(1, "r"), "weighted_score"])


def test_group_scores_adds_further_columns_by_row_in_the_same_step():
    """Issue 14: the satisfaction figures add their n and low-confidence columns through ``more`` (one step, not a
    second copy of the frame); they follow the rows of ``gaps`` by position, also when ``gaps`` is a pick of a
    larger frame (its index not 0..n-1) and the result's index is reset (respondents' points given)."""
    import numpy as np
    import pandas as pd

    fallback = servqual.choose_weights({"t": 50.0, "r": 50.0})
    gaps = pd.DataFrame(
        {"store_id": [1, 1, 2, 2], "dimension_code": ["t", "r", "t", "r"], "gap": [-1.0, -2.0, 0.0, -1.0]},
        index=[7, 8, 11, 12],
    )
    importance = pd.DataFrame({"store_id": [1, 1], "dimension_code": ["t", "r"], "mean_points": [80.0, 20.0]})
    more = {"n": np.array([3, 3, 40, 40]), "low": np.array([True, True, False, False])}
    out = servqual.group_scores(gaps, importance, "store_id", fallback, more)
    assert list(out.columns[-6:]) == [
        "weight",
        "weights_source",
        "unweighted_score",
        "weighted_score",
        "n",
        "low",
    ]
    assert out["n"].tolist() == [3, 3, 40, 40] and out["low"].tolist() == [True, True, False, False]
    assert out["weighted_score"].tolist() == pytest.approx([-1.2, -1.2, -0.5, -0.5])
    plain = servqual.group_scores(gaps, importance, "store_id", fallback)
    pd.testing.assert_frame_equal(out.drop(columns=["n", "low"]), plain)


def test_group_scores_by_row_keep_the_types_the_map_by_key_gave():
    """Issue 14: each row's group scores are taken by the factorized codes, not ``keys.map``; the types are the
    map's: floats for a numpy key, nullable floats for a nullable key (a group without a score NA), and the key's
    own type when no group has a score (pandas casts an all-NA map back). The rows with a missing key are a group
    of their own with its scores (the stores without a region)."""
    import numpy as np
    import pandas as pd

    fallback = servqual.choose_weights({"t": 50.0, "r": 50.0})
    empty = pd.DataFrame({"store_id": [], "dimension_code": [], "mean_points": []})

    def scores(keys, gap):
        gaps = pd.DataFrame({"store_id": keys, "dimension_code": ["t", "r", "t"], "gap": gap})
        return servqual.group_scores(gaps, empty, "store_id", fallback)["unweighted_score"]

    got = scores(np.array([1, 1, 2], dtype="int32"), [-1.0, -2.0, np.nan])
    assert got.dtype == "float64" and got.iloc[:2].tolist() == [-1.5, -1.5] and np.isnan(got.iloc[2])
    got = scores(pd.array([1, 1, None], dtype="Int32"), [-1.0, -2.0, -3.0])
    assert str(got.dtype) == "Float64" and got.tolist() == [-1.5, -1.5, -3.0]
    got = scores(pd.array([1, 1, None], dtype="Int32"), [np.nan, np.nan, -3.0])
    assert str(got.dtype) == "Float64" and got.iloc[:2].isna().all() and got.iloc[2] == -3.0
    got = scores(pd.array([1, 1, None], dtype="Int32"), [np.nan, np.nan, np.nan])
    assert str(got.dtype) == "Int32" and got.isna().all()
    got = scores(np.array([1.0, 1.0, np.nan]), [-1.0, -2.0, -3.0])  # a float key (.df()'s, with a null)
    assert got.dtype == "float64" and got.tolist() == [-1.5, -1.5, -3.0]
