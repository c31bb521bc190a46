"""A circle written as a score (〇, the character the Chinese write for the digit zero, and also the circle many 5S
sheets mark a pass with: ✓ / ✗ / 〇 / △). Before, 〇 was read as the numeral 0 wherever a score stood, unsaid (not
among the words and marks the notice lists): beside ticks and crosses in a 检查结果 column a circled item was stored as
0 of 4 and opened a corrective action. Which it means cannot be told, so 〇 is no score: refused at its cell, as ○ and
△ already were, in a store's sheet and in a flat file alike. 零 (zero written as a word) and 三 stay numbers."""

from __future__ import annotations

import pytest

from portal.fives_intake import words
from portal.fives_intake.kind import KIND
from portal.ingest import pipeline, reading
from tests.fives_intake_fixture import ADMIN, add_manager_user
from tests.fives_own_sheet import own_sheet
from tests.test_fives_intake_kind import flat, opts


@pytest.fixture
def db(con):
    add_manager_user(con)
    return con


def _sheet(con, header: str, scores: dict[str, object]) -> bytes:
    """The sheet of tests/fives_own_sheet.py with ``header`` over column D (SO1 row 3, SO2 row 4, SO3 row 5), each
    item ✓ unless ``scores`` gives it."""
    return own_sheet(con, score_header=header, scores=scores, default_score="✓")


@pytest.mark.parametrize("header", ["检查结果", "得分"])
def test_a_circle_among_ticks_is_refused_at_its_cell(db, header):
    data = _sheet(db, header, {"SO2": "✗", "SO3": "〇"})
    with pytest.raises(reading.FileRefused) as refused:
        pipeline.import_bytes(db, KIND, data, "marks.xlsx", None, opts(), ADMIN)
    assert str(refused.value).splitlines()[1:] == [
        "Sheet S001, row 5, column D: Item SO3: '〇' is not a score. Enter 0 to 4, or N/A."
    ]
    assert db.execute("select count(*) from corrective_actions").fetchone() == (0,)


def test_a_circle_in_a_flat_file_is_an_error_of_its_row(db):
    data = flat({("A-1", "S001", "2026-11-02"): {"SO3": "〇"}})
    prepared = pipeline.prepare(db, KIND, reading.read_upload(data, "f.csv"), None, opts(), ADMIN)
    reasons = list(prepared.errors["reason"])
    # SO3's row, and the other 24 rows of its inspection (imported whole or not at all)
    assert reasons.count("fives_intake.error.bad_score") == 1
    assert set(reasons) == {"fives_intake.error.bad_score", "fives_intake.error.other_row_invalid"}
    with pytest.raises(pipeline.NothingWritten):
        pipeline.commit(db, prepared, ADMIN)
    assert db.execute("select count(*) from fives_item_scores").fetchone() == (0,)


def test_zero_and_three_written_in_chinese_stay_numbers():
    assert [words.score_of(v) for v in ("〇", "○", "零", "三", "0")] == [None, None, 0, 3, 0]
