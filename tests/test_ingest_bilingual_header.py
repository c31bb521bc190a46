"""A bilingual export names its columns twice, a Chinese header row and an English one under it (or the
reverse): the second row was read as the first data row and refused by row (received_at "Received" is no date).
It is read as a second header when its cells are the first row's translations (each a known header word of the
same field: ``header.translations``), and the preview says so."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from openpyxl import Workbook

from portal.auth import User
from portal.i18n import t
from portal.ingest import header, pipeline, reading, registry, validation
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


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


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


def _prepare(tmp_path, raw) -> pipeline.Prepared:
    con = fixtures.build_fixture_db(tmp_path / "r.duckdb")
    try:
        options = pipeline.ImportOptions(now=datetime(2026, 6, 1))
        return pipeline.prepare(con, registry.kind("complaints"), raw, None, options, ADMIN)
    finally:
        con.close()


def test_a_second_header_row_in_other_words_is_read_as_header_when_it_names_the_columns(tmp_path):
    # session 41's probe: a row of synonyms under the header (Case number, Opened at under Ticket ID, Created) was
    # data, refused by row, when none of its cells repeated the header, and taken as a survey tool's question texts
    # when one did; it is a second header when it names the columns as a bilingual one must (at least two, and half
    # of the header's named columns), said in its own notice (not "in the other language")
    rows = [
        ["Ticket ID", "Created", "Channel", "Store"],
        ["Case number", "Opened at", "Source", "Shop"],
        *ROWS,
    ]
    for name, data in (("renamed.csv", _csv(rows)), ("renamed.xlsx", _xlsx(rows))):
        raw = reading.read_upload(data, name)
        assert raw.headers == rows[0] and list(raw.frame.index) == [3, 4]
        assert [(k, t(k, "en", **v), t(k, "zh", **v)) for k, v in raw.notes] == [
            (
                "ingest.notice.header_renamed",
                "Row 2 names the columns again in other words (Ticket ID = Case number, Created = Opened at, "
                "Channel = Source, …): read as a second header, not as data. Row numbers in messages are still the "
                "file's own.",
                "第 2 行用其他说法再次给出了列名(Ticket ID = Case number、Created = Opened at、Channel = Source等)："
                "已作为第二行表头读取，不作为数据。提示中的行号仍为文件中的行号。",
            )
        ]
        prepared = _prepare(tmp_path / name, raw)
        assert prepared.errors.empty and len(prepared.values) == 2


def test_a_row_naming_too_few_columns_in_other_words_is_data_said_on_its_row(tmp_path):
    # session 41's probe: Ticket ID and Opened at under a five-column header (the rest blank) was taken as part of
    # the header (a cell repeating its header, words over a column of dates); as the bilingual rule reads the same
    # shape (2 of 5 columns named), it is a data row: refused where it cannot be parsed, and a notice says why
    header_row = ["Ticket ID", "Created", "Channel", "Store", "Agent"]
    rows = [header_row, ["Ticket ID", "Opened at", "", "", ""], *[[*r, "A001"] for r in ROWS]]
    raw = reading.read_upload(_csv(rows), "sparse.csv")
    assert list(raw.frame.index) == [2, 3, 4]
    assert [(k, t(k, "en", **v), t(k, "zh", **v)) for k, v in raw.notes] == [
        (
            "ingest.notice.header_words_as_data",
            "Row 2 names some columns in other words (Created = Opened at), but too few of them to be a second "
            "header row: it is read as data, and its cells are checked as values. If it belongs to the header, "
            "delete it from the file.",
            "第 2 行用其他说法给出了部分列名(Created = Opened at)，但不足以构成第二行表头：按数据读取，其单元格按取值检查。"
            "如果该行属于表头，请从文件中删除该行。",
        )
    ]
    prepared = _prepare(tmp_path, raw)
    errors = validation.error_messages(prepared.errors, "en")
    assert [(r.row, r.column, r.value) for r in errors.itertuples()] == [(2, "Created", "Opened at")]
    assert errors["reason"].iloc[0].startswith("Not a date or time")
