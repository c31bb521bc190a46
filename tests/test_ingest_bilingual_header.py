"""A bilingual export names its columns twice, a Chinese header row and an English one under it (or the
reverse): the second row was read as the first data row and refused by row (received_at "Received" is no date).
It is read as a second header when its cells are the first row's translations (each a known header word of the
same field: ``header.translations``), and the preview says so."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from portal.auth import User
from portal.i18n import t
from portal.ingest import header, pipeline, reading, registry
from portal.scope import Scope
from tests import fixtures

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
ROWS = [
    ["C-1", "2026-03-01 09:30", "hotline", "S001"],
    ["C-2", "2026-03-01 10:30", "web", "S002"],
]


def _csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (["投诉编号", "接收时间", "渠道", "门店编码"], ["Complaint id", "Received", "Channel", "Store code"]),
        (["Ticket ID", "Created", "Channel", "Store"], ["工单号", "创建时间", "渠道", "门店"]),
        (["source_id", "received_at", "channel", "store_code"], ["投诉编号", "接收时间", "渠道", ""]),
    ],
)
def test_a_second_header_row_in_the_other_language_is_read_as_header(tmp_path, first, second):
    raw = reading.read_upload(_csv([first, second, *ROWS]), "bilingual.csv")
    assert raw.headers == first
    assert list(raw.frame.index) == [3, 4]  # the file's own row numbers
    (key, values), *_ = [n for n in raw.notes if n[0] == "ingest.notice.header_translated"]
    assert values["row"] == 2
    assert f"{first[0]} = {second[0]}" in t(key, "en", **values)
    assert "第二行表头" in t(key, "zh", **values)
    con = fixtures.build_fixture_db(tmp_path / "b.duckdb")
    try:
        options = pipeline.ImportOptions(now=datetime(2026, 6, 1))
        prepared = pipeline.prepare(con, registry.kind("complaints"), raw, None, options, ADMIN)
        assert prepared.errors.empty and not prepared.file_errors
    finally:
        con.close()


def test_a_first_data_row_of_words_stays_a_data_row():
    # a stores file's first store, a survey's first comment: words, but no field's header under its own
    rows = [
        ["store_code", "name", "region_code", "region_name_en"],
        ["S001", "Beijing Wangfujing", "R1", "North"],
        ["S002", "Shanghai", "R2", "East"],
    ]
    assert list(reading.read_upload(_csv(rows), "stores.csv").frame.index) == [2, 3]
    rows = [
        ["渠道", "门店", "评论", "总体满意度"],
        ["store", "门店", "店员很热情", "非常满意"],
        ["app", "S002", "好", "满意"],
    ]
    raw = reading.read_upload(_csv(rows), "survey.csv")
    assert list(raw.frame.index) == [2, 3]


def test_a_sparse_first_row_or_one_in_the_same_language_stays_a_data_row():
    # review of 86ec1b0: a survey's first response with only 意见 and 建议 filled in (under Comments and
    # Suggestions, 2 of 7 named columns) was read as a second header and left out of the import
    rows = [
        ["Response ID", "Store", "Date", "Overall", "Recommend", "Comments", "Suggestions"],
        ["", "", "", "", "", "意见", "建议"],
        ["R-2", "S001", "2026-03-01", "5", "9", "很好", "无"],
    ]
    raw = reading.read_upload(_csv(rows), "survey.csv")
    assert list(raw.frame.index) == [2, 3]
    assert not [n for n in raw.notes if n[0] == "ingest.notice.header_translated"]
    # a row naming every column again, but in the header's own language, is no translation
    same = ["Complaint id", "Received", "Channel", "Store code"]
    assert header.translations(["Ticket ID", "Created", "Channel", "Store"], same) == []
