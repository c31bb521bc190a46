"""A flat 5S file (one row per inspection x item) whose score column is headed as a pass/fail result (是否合格,
检查结果, Result) and holds 1 for a pass and 0 for a fail. The checklist scores its items 0 to 4, so a 1 there may
be a pass or 1 point of 4: it cannot be told. Before, every 1 was stored as 1 of 4 and the inspection read 24 of
100 with 25 corrective actions opened, unsaid. Now the file is refused in one message naming the column (as a
store's own sheet is: tests/test_fives_sheet_result_numbers.py); points above 1 in such a column stay points and a
0 alone is a fail or 0 points either way."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from portal.fives_intake.kind import KIND
from portal.i18n import t
from portal.ingest import pipeline, reading
from portal.ingest.mapping import suggest_mapping
from tests.fives_intake_fixture import ADMIN

# the default checklist's 25 items, each scored 0 to 4
ITEMS = [f"{p}{i}" for p in ("SO", "SE", "SH", "ST", "SU") for i in range(1, 6)]


def _flat(header: str, scores: dict[str, str], default: str = "1") -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["inspection_id", "store_code", "inspected_on", "inspector", "item_code", header])
    for code in ITEMS:
        w.writerow(["A-1", "S001", "2026-11-02", "Ivan", code, scores.get(code, default)])
    return out.getvalue().encode("utf-8")


def _prepare(con, data: bytes, header: str):
    """The file read with its column ``header`` mapped to the score (as the Upload page's mapping step does)."""
    raw = reading.read_upload(data, "flat.csv")
    mapping = suggest_mapping(KIND, raw.headers, raw.frame) | {"score": header}
    opts = pipeline.ImportOptions(now=datetime(2026, 11, 30, 12, 0))
    return pipeline.prepare(con, KIND, raw, mapping, opts, ADMIN)


@pytest.mark.parametrize("header", ["是否合格", "检查结果", "Result"])
def test_ones_and_zeros_under_a_result_header_refuse_the_file_in_one_message(con, header):
    prepared = _prepare(con, _flat(header, {"SO2": "0"}), header)
    assert prepared.errors.empty  # no message per row
    assert prepared.file_errors == [
        ("fives_intake.error.result_numbers", {"column": header, "max": 4, "template": "FIVES_RETAIL v1"})
    ]
    key, values = prepared.file_errors[0]
    en, zh = t(key, "en", **values), t(key, "zh", **values)
    assert repr(header) in en and "0 to 4" in en and "✓" in en and "Nothing of this file was read" in en
    assert repr(header) in zh and "0 至 4" in zh and "✓" in zh and "此文件未读取" in zh


def test_points_under_a_result_header_are_read_as_points(con):
    # SO1 3, SO2 2, the other 23 items 1: 3 + 2 + 23 = 28
    prepared = _prepare(con, _flat("检查结果", {"SO1": "3", "SO2": "2"}), "检查结果")
    assert prepared.errors.empty and prepared.file_errors == []
    assert int(prepared.values["score_value"].sum()) == 28


def test_a_zero_alone_under_a_result_header_is_a_fail(con):
    # every item 是 (a pass: 4) but SO2 0: 24 x 4 = 96
    prepared = _prepare(con, _flat("是否合格", {"SO2": "0"}, default="是"), "是否合格")
    assert prepared.file_errors == []
    assert int(prepared.values["score_value"].sum()) == 96


def test_ones_and_zeros_under_a_score_header_are_points(con):
    # 得分 of 1 and 0 are points: 24 x 1 = 24
    prepared = _prepare(con, _flat("得分", {"SO2": "0"}), "得分")
    assert prepared.errors.empty and prepared.file_errors == []
    assert int(prepared.values["score_value"].sum()) == 24
