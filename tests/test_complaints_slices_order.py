"""The Complaints slices' rows and order (portal.complaints.slices) found without pandas' ``sort_values`` and a
frame's ``astype`` (issue 14: on the Arrow-backed breakdowns they cost 1.5-3.5 ms a slice): the same frames, types
and index as those calls give, on a breakdowns frame with ties, nulls, zero and null counts, and one dimension's
rows not together."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from portal.complaints import slices

TABLE = slices._TABLE_COLUMNS


def _breakdowns() -> pd.DataFrame:
    rows = [
        # dimension, category_group, category_raw, channel, store_id, store_code, agent_code, count, breaches
        ("summary", None, None, None, None, None, None, 9, 0),
        ("category_store", "service", None, None, 2, "S02", None, 3, 2),
        ("category_store", "product", None, None, None, None, None, 1, 2),
        ("category_store", "product", None, None, 1, "S01", None, 3, 2),
        ("store", None, None, None, 2, "S02", None, 3, None),
        ("store", None, None, None, None, None, None, 3, None),
        ("store", None, None, None, 1, "S01", None, 5, None),
        ("category_store", "billing", None, None, 1, "S01", None, 0, 0),
        ("category_store", "service", None, None, 1, "S01", None, None, None),
        ("channel", None, None, "phone", None, None, None, 4, None),
        ("channel", None, None, "email", None, None, None, 4, None),
        ("channel", None, None, "chat", None, None, None, 0, None),
        ("source_category", "product", "Zz", None, None, None, None, 2, None),
        ("source_category", "billing", None, None, None, None, None, 2, None),
        ("source_category", "product", "Aa", None, None, None, None, 2, None),
        ("source_category", "service", "c", None, None, None, None, 0, None),
        ("category", "service", None, None, None, None, None, 4, None),
        ("category", "product", None, None, None, None, None, 4, None),
        ("category", "billing", None, None, None, None, None, 0, None),
        ("agent", None, None, None, None, None, "A2", 1, None),
        ("agent", None, None, None, None, None, None, 1, None),
        ("agent", None, None, None, None, None, "A1", 1, None),
        ("store", None, None, None, 3, "S03", None, 5, None),  # a dimension's rows not together
    ]
    names = ["dimension", "category_group", "category_raw", "channel", "store_id", "store_code", "agent_code"]
    cols = list(zip(*rows, strict=True))
    out = {n: pd.array(list(c), dtype="str") for n, c in zip(names, cols[:7], strict=True) if n != "store_id"}
    out["store_id"] = pd.array(list(cols[4]), dtype="Int32")
    out["complaint_count"] = pd.array(list(cols[7]), dtype="Int64")
    out["breach_count"] = pd.array(list(cols[8]), dtype="Int64")
    n = len(rows)
    for c in ("store_name", "agent_name", "team_code"):
        out[c] = pd.array([f"{c}{i}" for i in range(n)], dtype="str")
    out["agent_id"] = pd.array(range(n), dtype="Int64")
    out["agent_team_id"] = np.arange(n, dtype="int64")
    for c in ("share_pct", "cumulative_pct", *TABLE):
        if c not in out:
            out[c] = np.arange(n, dtype="float64") / 7
    return pd.DataFrame(out)


def _expected(bd, name, columns, by, ascending, positive=None, key=None, cast=None):
    out = bd[bd["dimension"] == name][columns].reset_index(drop=True)
    if positive:
        out = out[out[positive] > 0]
    if cast:
        out = out.astype(cast)
    if key:
        out = out.assign(_key=out[key[0]].fillna(out[key[1]]))
    out = out.sort_values(by, ascending=ascending, na_position="last", kind="stable")
    return out.drop(columns="_key", errors="ignore").reset_index(drop=True)


CASES = {
    "sla_breaches": lambda bd: _expected(
        bd, "category_store", ["category_group", "store_code", "breach_count"],
        ["breach_count", "category_group", "store_code"], [False, True, True], "breach_count",
        cast={"breach_count": "int64"},
    ),
    "store_table": lambda bd: _expected(
        bd, "store", ["store_id", "store_code", "store_name", *TABLE], ["complaint_count", "store_code"],
        [False, True],
    ),
    "category_by_store": lambda bd: _expected(
        bd, "category_store", ["category_group", "store_id", "store_code", "complaint_count"],
        ["store_code", "category_group"], [True, True],
    ),
    "channel_mix": lambda bd: _expected(
        bd, "channel", ["channel", "share_pct", *TABLE], ["complaint_count", "channel"], [False, True],
        "complaint_count",
    ),
    "category_pareto": lambda bd: _expected(
        bd, "category", ["category_group", "share_pct", "cumulative_pct", *TABLE],
        ["complaint_count", "category_group"], [False, True], "complaint_count",
    ),
    "source_category_pareto": lambda bd: _expected(
        bd, "source_category",
        ["category_raw", "category_group", "complaint_count", "share_pct", "cumulative_pct"],
        ["complaint_count", "_key", "category_group"], [False, True, True], "complaint_count",
        key=("category_raw", "category_group"), cast={"complaint_count": "int64"},
    ),
    "agent_table": lambda bd: _expected(
        bd, "agent",
        ["agent_id", "agent_code", "agent_name", "agent_team_id", "team_code", *TABLE],
        ["complaint_count", "agent_code"], [False, True],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", CASES)
def test_a_slice_is_the_sorted_frame_without_sort_values_or_astype(monkeypatch, name):
    bd = _breakdowns()
    expected = CASES[name](bd)
    assert len(expected) > 1

    def refused(*args, **kwargs):
        raise AssertionError("a slice's order is found in Python, its columns cast once (issue 14)")

    monkeypatch.setattr(pd.DataFrame, "sort_values", refused)
    monkeypatch.setattr(pd.DataFrame, "astype", refused)
    got = getattr(slices, name)(bd)
    monkeypatch.undo()
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert isinstance(got.index, pd.RangeIndex)


def test_null_and_zero_counts_are_left_out_and_an_empty_slice_keeps_its_columns_types():
    bd = _breakdowns()
    bd.loc[bd["dimension"] == "source_category", "complaint_count"] = pd.NA
    got = slices.source_category_pareto(bd)  # a null count is not above 0: left out, as before
    assert got.empty and list(got.columns) == ["category_raw", "category_group", "complaint_count", "share_pct",
                                               "cumulative_pct"]  # fmt: skip
    assert str(got["complaint_count"].dtype) == "int64"
    rows = bd["dimension"] == "category_store"
    got = slices.sla_breaches(bd.assign(breach_count=bd["breach_count"].where(~rows, 0)))
    assert got.empty and got.dtypes.astype(str).tolist() == ["str", "str", "int64"]


@pytest.mark.parametrize(
    ("dimension", "column"), [("category_store", "store_code"), ("source_category", "category_raw")]
)
def test_a_descending_text_key_orders_as_sort_values(dimension, column):
    # _sorted_rows took (column, True) for any key but negated the value: a text key raised TypeError
    bd = _breakdowns()
    got = slices._sorted_rows(bd, dimension, [column, "complaint_count"], [(column, True)])
    rows = bd[bd["dimension"] == dimension]
    want = rows.sort_values(column, ascending=False, na_position="last", kind="stable")[
        [column, "complaint_count"]
    ]
    pd.testing.assert_frame_equal(got, want.reset_index(drop=True))


def test_a_descending_text_key_breaks_a_tie_of_counts():
    bd = _breakdowns()
    got = slices._sorted_rows(
        bd,
        "category_store",
        ["category_group", "store_code"],
        [("complaint_count", True), ("store_code", True)],
    )
    assert got["store_code"].tolist()[:2] == ["S02", "S01"]  # both 3 complaints: S02 before S01, descending
