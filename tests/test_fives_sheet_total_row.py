"""A store's own 5S sheet with a total row of its own under the items (合计 | | | 95, 总分：95, Total) that disagrees
with the sum of the item scores. The items' scores are what is read and stored; the sheet is never refused for its
total, but a notice names the total's row and both numbers (the total written, the sum of the items read), so
that a mistyped score or a stale total is seen. Before, the total row only ended the item table, unsaid."""

from __future__ import annotations

import pytest

from portal.fives_intake.kind import KIND
from portal.ingest import pipeline
from tests.fives_intake_fixture import ADMIN, add_manager_user
from tests.fives_own_sheet import own_sheet, parse
from tests.test_fives_intake_kind import opts

# every item 4 but SO1 2, SO2 3 and SE4 0: 25 x 4 - 2 - 1 - 4 = 93
SCORES = {"SO1": 2, "SO2": 3, "SE4": 0}


def _sheet(con, below: list[list[object]], scores: dict[str, object] = SCORES) -> bytes:
    """The sheet of tests/fives_own_sheet.py (items 4 unless ``scores`` gives another), then the rows ``below``
    from row 28 on."""
    return own_sheet(con, scores=scores, below=below)


def _parse(con, data: bytes):
    return parse(con, data)


def _total_notices(result):
    return [m for m in result.notices if m.key == "fives_intake.parse.total_differs"]


@pytest.mark.parametrize(
    ("below", "column"),
    [
        ([["合计", None, None, 95]], "D"),
        ([["总分", None, None, "95分"]], "D"),
        ([["Total", None, None, 95.0]], "D"),
        ([["得分", None, None, 95]], "D"),
        ([["总分：95"]], "A"),
    ],
)
def test_a_total_row_that_disagrees_with_the_items_is_said(con, below, column):
    result = _parse(con, _sheet(con, below))
    assert result.errors == []
    (inspection,) = result.inspections
    assert sum(s.score for s in inspection.scores) == 93  # the items' scores are read, not the total
    (notice,) = _total_notices(result)
    assert (notice.row, notice.column) == (28, column)
    en, zh = notice.text("en"), notice.text("zh")
    assert "95" in en and "93" in en and "row 28" in en
    assert "95" in zh and "93" in zh and "第 28 行" in zh


@pytest.mark.parametrize(
    "below",
    [
        [["合计", None, None, 93]],
        [["总分：93分"]],
        [["得分率", None, None, "95%"]],  # a rate, not points
        [["合格率", None, None, 0.95]],
        [["整改措施", None, None, 95]],  # another table below
    ],
)
def test_a_total_that_agrees_or_is_no_points_total_is_not_said(con, below):
    result = _parse(con, _sheet(con, below))
    assert result.errors == [] and _total_notices(result) == []


def test_items_not_applicable_count_nothing(con):
    # SH3 N/A as well: 93 - 4 = 89 points given, the sheet's total 89 agrees
    result = _parse(con, _sheet(con, [["合计", None, None, 89]], SCORES | {"SH3": "N/A"}))
    assert result.errors == [] and _total_notices(result) == []


def test_the_sheet_is_imported_with_the_items_scores(con):
    add_manager_user(con)
    data = _sheet(con, [["合计", None, None, 95]])
    prepared, result = pipeline.import_bytes(con, KIND, data, "t.xlsx", None, opts(), ADMIN)
    assert result.rows_added == 25
    assert con.execute("select sum(score) from fives_item_scores").fetchone() == (93,)
