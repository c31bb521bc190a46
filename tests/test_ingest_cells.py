"""Column-wide cleaning (portal/ingest/cells.py) gives what the cell-by-cell rules give, for every kind of cell."""

from __future__ import annotations

import pandas as pd
import pytest

from portal.ingest import cells

TRICKY = [
    "S001",  # plain: kept as it is
    "",
    "a b",  # an inner space is plain
    " A001",  # outer spaces
    "A001 ",
    "A001\t",
    "A001\n",
    "\u200bS003",  # zero-width space
    "S0\u00ad03",  # soft hyphen
    "\ufeffS004",
    "Ｓ００１",  # full width
    '="0042"',
    '="',
    "=SUM(A1)",  # a formula lead is plain text here (the export neutralises it)
    "N/A",
    "n/a",
    "NULL",
    " null ",
    "-",
    "--",
    "—",
    "无",
    " 无 ",
    "未知",
    "unknown",
    "Unknown",
    "none of it",
    "A001\u3000",
    "\u00a0B002\u00a0",
    "投诉",
    "ﬁle",  # a ligature NFKC splits
    "x\x0b",  # a vertical tab: Python strips it
    "S001",  # repeats: computed once per distinct value
    "Ｓ００１",
]


@pytest.mark.parametrize("free_text", [False, True])
def test_column_wide_cleaning_is_the_cell_by_cell_rules(free_text):
    raw = pd.Series(TRICKY, index=range(10, 10 + len(TRICKY)))
    want, want_held = cells._clean_each(raw, free_text)
    got, held = cells.clean_cells(raw, free_text=free_text)
    assert got.tolist() == want.tolist()
    assert held.tolist() == want_held.tolist()
    assert got.index.equals(raw.index) and held.index.equals(raw.index)
    assert got.dtype == raw.dtype and held.dtype == bool


def test_plain_cells_are_printable_ascii_without_outer_spaces():
    raw = pd.Series(["S001", "", "a b", " a", "a ", "a\n", "Ｓ", '="1"', "=1"])
    # by hand: outer spaces, a newline, a full-width letter and an ="..." wrapper need cleaning
    assert cells.plain_mask(raw).tolist() == [True, True, True, False, False, False, False, False, True]


def test_object_columns_and_missing_cells():
    raw = pd.Series(["N/A", None, " x "], dtype=object)
    got, held = cells.clean_cells(raw)
    assert got.iloc[0] == "" and pd.isna(got.iloc[1]) and got.iloc[2] == "x"
    assert held.tolist() == [True, False, False]
