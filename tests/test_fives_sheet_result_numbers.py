"""A store's own 5S sheet whose score column is headed as a pass/fail result (是否合格, 检查结果, Result) and filled in
with 1 for a pass and 0 for a fail. The checklist scores its items 0 to 4, so a 1 there may be a pass or 1 point
of 4: it cannot be told. Before, every 1 was stored as 1 of 4 (probe: 24 items marked 1 and one 0 gave an
inspection of 24 %, 25 items "failed" and 25 corrective actions opened, unsaid). Now the sheet is refused in one
message at that column's header cell, naming it and saying what to write; nothing is written. A result column whose
numbers are points (2, 3, 4 beside 1) is read as before, and a 0 alone is a fail or 0 points either way."""

from __future__ import annotations

import pytest

from portal.fives_intake import template as tpl
from portal.fives_intake.kind import KIND
from portal.i18n import t
from portal.ingest import pipeline, reading
from tests.fives_intake_fixture import ADMIN, add_manager_user
from tests.fives_own_sheet import own_sheet
from tests.test_fives_intake_kind import opts


@pytest.fixture
def db(con):
    add_manager_user(con)
    return con


def _sheet(con, header: str, scores: dict[str, object]) -> bytes:
    """The sheet of tests/fives_own_sheet.py with ``header`` over column D, each item scored ``scores`` gives
    (else 1)."""
    return own_sheet(con, score_header=header, scores=scores, default_score=1)


@pytest.mark.parametrize("header", ["是否合格", "检查结果", "Result"])
def test_ones_and_zeros_in_a_result_column_refuse_the_sheet_at_its_header(db, header):
    data = _sheet(db, header, {"SO2": 0})
    with pytest.raises(reading.FileRefused) as refused:
        pipeline.import_bytes(db, KIND, data, "yn.xlsx", None, opts(), ADMIN)
    lines = str(refused.value).splitlines()[1:]
    assert len(lines) == 1  # one message for the sheet, none per item row
    assert lines[0].startswith(
        f"Sheet S001, row 2, column D: The column {header!r} is headed as a pass or fail"
    )
    assert db.execute("select count(*) from fives_inspections").fetchone() == (0,)
    assert db.execute("select count(*) from corrective_actions").fetchone() == (0,)


def test_the_message_in_both_languages_names_the_column_and_what_to_write():
    values = {"header": "是否合格", "max": 4}
    en = t("fives_intake.parse.result_numbers", "en", **values)
    zh = t("fives_intake.parse.result_numbers", "zh", **values)
    assert "'是否合格'" in en and "0 to 4" in en and "✓" in en
    assert "'是否合格'" in zh and "0 至 4" in zh and "✓" in zh


def test_points_in_a_result_column_are_read_as_points(db):
    """Numbers other than 1 and 0 under 检查结果 are points: SO1 3 and SO2 2, the other 23 items 1 (25 x 4 = 100
    points possible, 3 + 2 + 23 = 28 given)."""
    data = _sheet(db, "检查结果", {"SO1": 3, "SO2": 2})
    _, result = pipeline.import_bytes(db, KIND, data, "pts.xlsx", None, opts(), ADMIN)
    assert result.rows_added == 25
    assert db.execute("select sum(score), max(score) from fives_item_scores").fetchone() == (28, 3)


def test_a_zero_alone_in_a_result_column_is_a_fail(db):
    """Every item ✓ (4) but SO2 0: 24 x 4 = 96; 0 is a fail or 0 points alike, the sheet is read."""
    codes = [i.code for i in tpl.default_template(tpl.load_all(db)).ordered_items()]
    data = _sheet(db, "是否合格", {c: "✓" for c in codes} | {"SO2": 0})
    _, result = pipeline.import_bytes(db, KIND, data, "z.xlsx", None, opts(), ADMIN)
    assert result.rows_added == 25
    assert db.execute("select sum(score) from fives_item_scores").fetchone() == (96,)
