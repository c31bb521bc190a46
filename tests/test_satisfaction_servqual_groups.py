"""SERVQUAL per region and store: each group's n and scores, the group of stores without a region included
(portal.satisfaction.gaps, portal.servqual.group_scores), on the fixture of tests/test_satisfaction_servqual.py
(respondents 1-50 in S001 of R1, 51-100 in S003 of R2)."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from portal import instruments, satisfaction, servqual
from portal.satisfaction import gaps as sq_gaps
from tests.test_satisfaction_queries import run
from tests.test_satisfaction_servqual import CFG, PERIOD, load_servqual_fixture

FALLBACK = servqual.choose_weights({"t": 50.0, "r": 50.0})


def test_a_group_n_is_found_for_a_missing_key_of_any_type():
    # the review of 08f3a50: the totals were read from a dict by key, and a float NaN key never equals another
    # (NaN != NaN), so the group of a float64 key column with NaN (the type .df() gives a nullable integer with
    # a null) got n 0 where Series.map had found its total of 40
    for missing, dtype in ((np.nan, "float64"), (None, "Int32"), (None, "object")):
        keys = pd.Series([1, 1, missing, missing], dtype=dtype)
        gaps = pd.DataFrame(
            {"region_id": keys, "dimension_code": ["t", "r", "t", "r"], "gap": [-1.0, -2.0, -0.5, -1.5]}
        ).assign(responses_n=[50, 50, 40, 40])
        totals = (pd.Series([1, missing], dtype=dtype), pd.Series([50, 40]))
        empty = pd.DataFrame({"region_id": [], "dimension_code": [], "mean_points": []})
        out = sq_gaps._group_scores(gaps, totals, empty, "region_id", FALLBACK, CFG)
        assert out["group_responses_n"].tolist() == [50, 50, 40, 40], dtype


@pytest.fixture
def no_region_con(con):
    # S003's responses recorded without a region (stores added by an import have none): one group of their own
    load_servqual_fixture(con)
    con.execute("update survey_responses set region_id = null where store_id = 3")
    return con


def no_region_rows(no_region_con) -> tuple[pd.DataFrame, pd.DataFrame]:
    [sq] = satisfaction.servqual_figures(run(no_region_con), PERIOD, CFG)
    region = sq.by_region
    return region[region["region_id"].isna()], region[region["region_id"] == 1]


def test_the_stores_without_a_region_have_their_responses_n(no_region_con):
    # region_id itself null, not only its code and names (the review of 08f3a50): S003's 50 respondents
    none, r1 = no_region_rows(no_region_con)
    assert none["dimension_code"].tolist() == [
        "tangibles",
        "reliability",
        "responsiveness",
        "assurance",
        "empathy",
    ]
    assert none["group_responses_n"].tolist() == [50] * 5 and r1["group_responses_n"].tolist() == [50] * 5
    assert none["responses_n"].tolist() == [50] * 5
    assert not none["low_confidence"].any()


def test_the_stores_without_a_region_have_their_scores(no_region_con):
    # a group with answers gets its scores (SPEC §3), the group of stores without a region too: its n 50 and
    # gaps were shown, its scores blank (factorize gave the null key -1, "no group"), its weights the fallback.
    # S003 = respondents 51-100: tangibles 15 of 50 d 1 -> -0.30; reliability -1.00; responsiveness 33 of 50 ->
    # -0.66; assurance 20 of 50 -> -0.40; empathy -1.00. Unweighted (-0.30 - 1 - 0.66 - 0.40 - 1) / 5 = -0.672;
    # its respondents' points (25 odd, 25 even) 15/30/20/20/15: weighted 0.15 x -0.30 + 0.30 x -1 + 0.20 x -0.66
    # + 0.20 x -0.40 + 0.15 x -1 = -0.707
    none, r1 = no_region_rows(no_region_con)

    def scores(rows, column):
        return rows[column].to_numpy(float, na_value=np.nan).tolist()

    assert none["gap"].tolist() == pytest.approx([-0.30, -1.00, -0.66, -0.40, -1.00])
    assert scores(none, "unweighted_score") == pytest.approx([-0.672] * 5)
    assert scores(none, "weighted_score") == pytest.approx([-0.707] * 5)
    assert none["weights_source"].tolist() == ["respondents"] * 5
    assert none["weight"].tolist() == pytest.approx([15.0, 30.0, 20.0, 20.0, 15.0])
    # R1 = S001 (respondents 1-50) as before: (-1 - 1.2 - 1 - 1 - 1.02) / 5 = -1.044; weighted -1.063
    assert scores(r1, "unweighted_score") == pytest.approx([-1.044] * 5)
    assert scores(r1, "weighted_score") == pytest.approx([-1.063] * 5)
    [sq] = satisfaction.servqual_figures(run(no_region_con), PERIOD, CFG)
    for lang, label in (("en", "No region (stores not given one)"), ("zh", "无区域(未指定区域的门店)")):
        table = satisfaction.group_table(sq.by_region, "region", lang)
        row = table[table.iloc[:, 0] == label]
        assert row.iloc[0, -3:-1].tolist() == [-0.67, -0.71]  # unweighted, weighted as shown


def one_run_before(first: np.ndarray, then: np.ndarray) -> bool:
    """Whether the rows of ``first`` (booleans by position) are one run, all before any row of ``then``."""
    at, after = np.flatnonzero(first), np.flatnonzero(then)
    return len(at) > 0 and at[-1] - at[0] + 1 == len(at) and (not len(after) or at[-1] < after[0])


def test_a_levels_dimension_rows_are_one_run_before_its_totals(no_region_con):
    # the review of 08f3a50: servqual_figures takes a level's dimension rows (and its importance rows) as a slice
    # (frames.picked) because servqual_dimension_gaps orders them so (its `order by`); nothing held that order.
    # Two instruments (a second one's respondents in S001), regions R1 and none, stores S001 and S003
    from tests.test_satisfaction_queries import add_responses
    from tests.test_satisfaction_servqual import custom_instrument

    stored = instruments.add(no_region_con, custom_instrument(), "admin")
    add_responses(
        no_region_con,
        [
            {"id": 200 + i, "on": date(2025, 3, 9), "overall": 4, "instrument_id": stored.instrument_id}
            for i in (1, 2)
        ],
    )
    no_region_con.executemany(
        "insert into servqual_answers values (?, ?, ?, ?)",
        [(rid, item, 6, 5) for rid in (201, 202) for item in range(1, 7)],
    )
    go = run(no_region_con)
    gaps, importance = (
        go(name, PERIOD.sql_params()) for name in ("servqual_dimension_gaps", "servqual_importance")
    )
    assert gaps["instrument_id"].nunique() == 2 and gaps["region_id"].isna().any()
    for instrument_id in gaps["instrument_id"].unique():
        g = sq_gaps._of_instrument(gaps, instrument_id)
        imp = sq_gaps._of_instrument(importance, instrument_id)
        levels, is_total = g["level"].to_numpy(object), g["is_total"].to_numpy(bool)
        for level in ("all", "region", "store"):
            assert one_run_before((levels == level) & ~is_total, (levels == level) & is_total), level
            if not imp.empty:
                assert one_run_before(imp["level"].to_numpy(object) == level, np.zeros(len(imp), bool)), level


def test_the_servqual_figures_keep_the_querys_order_and_add_their_columns_in_one_step(con, monkeypatch):
    # issue 14: each figure's columns were added one insert each (a frame of text column labels copies its labels
    # per insert: group_scores' seven, the drivers' three, the dimensions' two) and the dimensions and items sorted
    # although the queries give them in that order (~1.2-1.5 ms of the ~9-10 ms of SERVQUAL's Python at bench
    # scale 1). The same figures without a sort or a column insert (both refused here: fails before)
    load_servqual_fixture(con)
    results = {}

    def answered(name, params):  # the query results once, so that only the figures' own steps are refused
        if name not in results:
            results[name] = run(con)(name, params)
        return results[name]

    [want] = satisfaction.servqual_figures(answered, PERIOD, CFG)

    def refused(*args, **kwargs):
        raise AssertionError("a sort or a column insert")

    monkeypatch.setattr(pd.DataFrame, "sort_values", refused)
    monkeypatch.setattr(pd.DataFrame, "insert", refused)
    monkeypatch.setattr(pd.DataFrame, "__setitem__", refused)
    [got] = satisfaction.servqual_figures(answered, PERIOD, CFG)
    monkeypatch.undo()
    for name in ("dimensions", "by_region", "by_store", "items", "drivers"):
        pd.testing.assert_frame_equal(getattr(got, name), getattr(want, name), check_exact=True)
    assert got.items["gap"].is_monotonic_increasing and len(got.items) == 22
    # ``want`` is the new code's too: the figures themselves, by hand from the fixture (its module docstring),
    # so that a wrong frame (order, column, value) fails here and not only a sort or an insert
    order = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]
    gaps = [-0.65, -1.10, -0.83, -0.70, -1.01]
    dims = got.dimensions
    assert dims["dimension_code"].tolist() == order and list(dims.index) == [0, 1, 2, 3, 4]
    assert dims["gap"].tolist() == pytest.approx(gaps)
    assert dims["weight"].tolist() == [15.0, 30.0, 20.0, 20.0, 15.0]  # mean importance points
    assert dims["responses_n"].tolist() == [100] * 5 and not dims["low_confidence"].any()
    # R1 = S001 (respondents 1-50), R2 = S003 (51-100): gaps by dimension, the unweighted mean of the five and
    # the importance-weighted one (15/30/20/20/15 in both halves)
    r1, r2 = [-1.00, -1.20, -1.00, -1.00, -1.02], [-0.30, -1.00, -0.66, -0.40, -1.00]
    for frame, key, keys in (
        (got.by_region, "region_id", [1, 2]),
        (got.by_store, "store_code", ["S001", "S003"]),
    ):
        assert frame[key].tolist() == [keys[0]] * 5 + [keys[1]] * 5, key
        assert frame["dimension_code"].tolist() == order * 2, key
        assert frame["gap"].tolist() == pytest.approx(r1 + r2), key
        assert frame["weight"].tolist() == [15.0, 30.0, 20.0, 20.0, 15.0] * 2, key
        assert frame["weights_source"].tolist() == ["respondents"] * 10, key
        assert frame["unweighted_score"].tolist() == pytest.approx([-5.22 / 5] * 5 + [-3.36 / 5] * 5), key
        assert frame["weighted_score"].tolist() == pytest.approx([-1.063] * 5 + [-0.707] * 5), key
        assert frame["group_responses_n"].tolist() == [50] * 10, key
    # items: largest gap first (reliability 5-9, empathy 18-22, responsiveness, assurance, tangibles), by number
    items = got.items
    assert items["item_no"].tolist() == [*range(5, 10), *range(18, 23), *range(10, 18), *range(1, 5)]
    assert items["gap"].tolist() == pytest.approx(
        [-1.10] * 5 + [-1.01] * 5 + [-0.83] * 4 + [-0.70] * 4 + [-0.65] * 4
    )
    assert items["answers_n"].tolist() == [100] * 22 and not items["low_confidence"].any()
    assert list(items.index) == list(range(22))
    assert (
        got.drivers["dimension_code"].tolist() == order and got.drivers["responses_n"].tolist() == [100] * 5
    )


@pytest.mark.parametrize(
    ("gap", "item_no", "sorted_"),
    [
        # sorted_: whether items, dimensions go by the sort (False: the query's order kept as it is)
        ([-1.0, -2.0, 0.5], [1, 2, 3], (True, False)),  # not in order
        ([-1.0, np.nan, -2.0], [1, 2, 3], (True, False)),  # a gap unknown: last
        ([-1.0, -1.0, 0.5], [4, 2, 3], (True, True)),  # a tie broken by the item number
        ([0.0, -0.0, 1.0], [2, 1, 3], (True, True)),  # -0.0 and 0.0 are one gap
        ([-1.0, 0.5], [2, 1], (False, True)),  # already in order
        ([-2.0, -1.0, 0.5], [1, 2, 3], (False, False)),  # in order, both
        ([-1.0, -1.0, 0.5], [1, 2, 3], (False, False)),  # a tie in order by the item number
        # the review of 4501377: no case had a position unknown, tied positions or a repeated (gap, item_no)
        ([-2.0, -1.0, 0.5], [1, None, 3], (True, True)),  # an item number / position unknown: last
        ([-2.0, -1.0, 0.5], [None, 1, 2], (True, True)),  # unknown first, the others in order
        ([-2.0, -1.0, 0.5], [1, 1, 2], (False, True)),  # tied positions (gaps apart: items in order)
        ([-1.0, -1.0, 0.5], [2, 2, 3], (True, True)),  # a repeated (gap, item_no), tied positions
        ([-1.0, -1.0, -1.0], [3, 3, 1], (True, True)),  # a repeated pair out of order
    ],
)
def test_items_out_of_the_querys_order_are_sorted_as_before(gap, item_no, sorted_, monkeypatch):
    numbers = pd.array(item_no, dtype="Int64") if None in item_no else item_no
    items = pd.DataFrame({"item_no": numbers, "gap": gap, "answers_n": 5}, index=[7, 8, 9][: len(gap)])
    dims = pd.DataFrame({"dimension_position": pd.array(item_no, dtype="Int16"), "gap": gap})
    want_items = items.sort_values(["gap", "item_no"]).reset_index(drop=True)
    want_dims = dims.sort_values("dimension_position")
    sorts = []
    sort_values = pd.DataFrame.sort_values

    def counted(self, *args, **kwargs):
        sorts.append(args[0] if args else kwargs["by"])
        return sort_values(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "sort_values", counted)
    got_items, got_dims = sq_gaps._largest_gaps_first(items), sq_gaps._in_order(dims)
    monkeypatch.undo()
    pd.testing.assert_frame_equal(got_items, want_items)
    pd.testing.assert_frame_equal(got_dims, want_dims)
    assert (["gap", "item_no"] in sorts, "dimension_position" in sorts) == sorted_


@pytest.mark.parametrize(
    "lang, heads",
    [
        (
            "en",
            ["Region", "n", "Tangibles", "Reliability", "Responsiveness", "Assurance", "Empathy"]
            + ["Unweighted", "Weighted", "Low n"],
        ),
        ("zh", ["区域", "n", "有形性", "可靠性", "响应性", "保证性", "移情性", "未加权", "加权", "样本不足"]),
    ],
)
def test_the_group_tables_short_headers_keep_the_full_label_in_their_help(no_region_con, lang, heads):
    # at 768 px (a tablet) the per-store table's full labels ("Gap: Responsiveness", "Unweighted score") made it
    # 1,233 px wide in 702: the page heads each column short, the full label and what it counts in the help; the
    # table (and so its CSV) keeps the full labels
    [sq] = satisfaction.servqual_figures(run(no_region_con), PERIOD, CFG)
    table = satisfaction.group_table(sq.by_region, "region", lang)
    shown = satisfaction.group_columns_shown(sq.by_region, lang, 30)
    assert [shown.get(c, (c, None))[0] for c in table.columns] == heads
    assert set(shown) <= set(table.columns)
    gap = {"en": "Gap: Responsiveness", "zh": "差距：响应性"}[lang]
    assert gap in table.columns and shown[gap][1].startswith(gap)
    assert (
        shown[table.columns[-1]][1]
        == {
            "en": "Low confidence: fewer than 30 responses.",
            "zh": "样本不足：答卷少于 30 份。",
        }[lang]
    )
    for full, (_, help_text) in shown.items():  # every help names its column's full label
        assert help_text.startswith(full), (full, help_text)
    assert satisfaction.group_columns_shown(sq.by_region.iloc[0:0], lang, 30) == {}
