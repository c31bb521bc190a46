"""A flat 5S file (one row per inspection x item) read against the item's maximum, as the store sheets are
(tests/test_fives_sheet_scale.py): a score written ``a/b`` is read only when b is the item's maximum (``3/5`` on an
item scored 0 to 4 was stored as 3 of 4), else a row message naming its row, column and the maximum; a score
header stating another scale than the checklist's (``得分（1-5分）``, ``Score (1-5)`` over 0-4) is one message
naming the column and both ranges (it was read on 0..4: a 5 refused on each of its rows, a 1 stored as 1 of 4)."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from portal.fives_intake.kind import KIND
from portal.i18n import t
from portal.ingest import pipeline, reading, validation
from tests.fives_intake_fixture import ADMIN

# the default checklist's items, each scored 0 to 4
ITEMS = [f"{p}{i}" for p in ("SO", "SE", "SH", "ST", "SU") for i in range(1, 6)]


def _flat(scores: dict[str, str], score_header: str = "score") -> bytes:
    """One inspection of S001 (every item of the default checklist, 4 unless given) as a flat CSV whose score
    column is headed ``score_header``. Row 2 is SO1, row 3 SO2, ... (the header is row 1)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["inspection_id", "store_code", "inspected_on", "inspector", "item_code", score_header])
    for code in ITEMS:
        w.writerow(["A-1", "S001", "2026-11-02", "Ivan", code, scores.get(code, "4")])
    return out.getvalue().encode("utf-8")


def _prepare(con, data: bytes):
    opts = pipeline.ImportOptions(now=datetime(2026, 11, 30, 12, 0))
    return pipeline.prepare(con, KIND, reading.read_upload(data, "flat.csv"), None, opts, ADMIN)


def test_a_score_over_the_items_maximum_is_read(con):
    prepared = _prepare(con, _flat({"SO1": "1/4", "SE2": "4/4"}))
    assert prepared.errors.empty and prepared.file_errors == []
    values = prepared.values.set_index("item_code")["score_value"]
    assert (values["SO1"], values["SE2"]) == (1, 4)


def test_a_score_over_another_maximum_is_a_row_message_naming_the_maximum(con):
    # SO3 is on row 4 (header row 1, SO1 row 2); every item of the default checklist scores 0 to 4
    prepared = _prepare(con, _flat({"SO3": "3/5"}))
    own = prepared.errors[prepared.errors["reason"] != "fives_intake.error.other_row_invalid"]
    assert own[["row", "column", "value", "reason", "detail"]].values.tolist() == [
        [4, "score", "3/5", "fives_intake.error.score_out_of", "4"]
    ]
    en = validation.error_messages(own, "en")["reason"].iloc[0]
    zh = validation.error_messages(own, "zh")["reason"].iloc[0]
    assert "0 to 4" in en and "out of 4" in en
    assert "0 至 4" in zh and "满分 4" in zh
    # the inspection is refused whole: its 24 other rows name the one invalid row
    assert len(prepared.errors) == 25


@pytest.mark.parametrize("header", ["得分（1-5分）", "Score (1-5)", "得分 1~5"])
def test_a_score_header_stating_another_range_is_one_message(con, header):
    # the store scored 1 to 5: its lowest (1) on SO1, its highest (5) on SO2
    prepared = _prepare(con, _flat({"SO1": "1", "SO2": "5"}, header))
    assert prepared.errors.empty  # no row message: the scores are on another scale, none is read
    assert prepared.file_errors == [
        (
            "fives_intake.error.scale_differs",
            {"column": header, "stated": "1-5", "expected": "0-4", "template": "FIVES_RETAIL v1"},
        )
    ]
    key, values = prepared.file_errors[0]
    for lang in ("en", "zh"):
        text = t(key, lang, **values)
        assert header in text and "1-5" in text and "0-4" in text


@pytest.mark.parametrize("header", ["得分（0-4分）", "Score (0-4)", "得分"])
def test_a_score_header_stating_the_checklists_range_is_read(con, header):
    prepared = _prepare(con, _flat({"SO1": "0", "SO2": "4"}, header))
    assert prepared.errors.empty and prepared.file_errors == []
    # hand-worked: 25 items, 24 at 4 and one 0: 96
    assert int(prepared.values["score_value"].sum()) == 96
