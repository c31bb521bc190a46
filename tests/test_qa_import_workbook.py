"""A 质检表 workbook as team leads keep it (portal/qa/kind.py through the shared pipeline, xlsx built here with
openpyxl): one sheet per month read as one table (portal/ingest/sheets_as_one.py), the columns no field reads
named, the headers 日期 and 姓名 alone suggested for the review date and the agent."""

from __future__ import annotations

import pytest

from portal.i18n import t
from portal.ingest import mapping, pipeline, preview, reading
from tests.corpus.exports.make_corpus import xlsx_book as workbook
from tests.test_qa_import import ADMIN, KIND, OPTIONS


def prepare(con, data: bytes, column_mapping=None) -> pipeline.Prepared:
    raw = pipeline.read(con, KIND, data, "质检表.xlsx", None, "zh", scope=ADMIN.scope)
    return pipeline.prepare(con, KIND, raw, column_mapping, OPTIONS, ADMIN)


def test_the_headers_riqi_and_xingming_alone_are_the_review_date_and_the_agent(con):
    # before: neither was suggested, the file refused as lacking the agent and the date until mapped by hand
    chosen = mapping.suggest_mapping(KIND, ["质检编号", "日期", "姓名", "质检员", "得分"])
    assert (chosen["reviewed_on"], chosen["agent_code"]) == ("日期", "姓名")
    # a code column beside the name is still the agent's code; the reviewer's name is never the agent
    both = mapping.suggest_mapping(KIND, ["质检编号", "日期", "姓名", "工号", "质检员姓名", "得分"])
    assert both["agent_code"] == "工号"
    # the fixture's agents A001 Agent One and A002 Agent Two, named as the sheet names them
    data = workbook(
        {
            "质检": [
                ["质检编号", "日期", "姓名", "得分"],
                ["Z-1", "2026-10-05", "Agent One", 85],
                ["Z-2", "2026-10-06", "Agent Two", 72],
            ]
        }
    )
    prepared = prepare(con, data)
    assert prepared.errors.empty and not prepared.file_errors
    assert list(prepared.values["agent_code"]) == ["A001", "A002"]
    assert [str(d)[:10] for d in prepared.values["reviewed_on"]] == ["2026-10-05", "2026-10-06"]
    assert list(prepared.values["form_score"]) == [85.0, 72.0]


def test_columns_no_field_reads_are_named_in_one_notice(con):
    # a 质检表's per-item columns and its 班组: before, dropped without a word (no notice at all)
    data = workbook(
        {
            "质检": [
                ["质检编号", "工号", "质检日期", "服务态度", "得分", "业务准确", "流程规范", "班组"],
                ["Z-1", "A001", "2026-10-05", 30, 85, 35, 20, "一组"],
                ["Z-2", "A002", "2026-10-06", 25, 72, 27, 20, "一组"],
            ]
        }
    )
    prepared = prepare(con, data)
    assert prepared.errors.empty and not prepared.file_errors
    assert list(prepared.values["form_score"]) == [85.0, 72.0]
    unread = [values for key, values in prepared.notices if key == "ingest.notice.unread_columns"]
    assert len(unread) == 1 and unread[0]["n"] == 4
    assert t("ingest.notice.unread_columns", "en", **unread[0]) == (
        "4 columns match no field and are not imported: 服务态度, 业务准确, 流程规范, 班组. If one holds a field, "
        "map it to that field (command line: --map FIELD=COLUMN)."
    )


MONTH_HEADER = ["质检编号", "工号", "质检日期", "质检员", "得分"]
SUMMARY = [["姓名", "平均分"], ["Agent One", 87.5]]  # a summary sheet before the months: no review table


def months(october_score=72, october_header=MONTH_HEADER) -> bytes:
    october = [
        ["Z-101", "A001", "2026-10-05", "李娜", 85],
        ["Z-102", "A002", "2026-10-06", "李娜", october_score],
    ]
    return workbook(
        {
            "汇总": SUMMARY,
            "9月": [MONTH_HEADER, ["Z-091", "A001", "2026-09-03", "李娜", 90]],
            "10月": [october_header, *([*r, "一组"][: len(october_header)] for r in october)],
        }
    )


def test_every_month_sheet_of_the_same_columns_is_imported_in_one_batch(con):
    # before: only 9月 (the first widest header) was read, 10月 only named in a notice: Z-101, Z-102 not imported
    data = months()
    prepared, result = pipeline.import_bytes(con, KIND, data, "质检表.xlsx", None, OPTIONS, ADMIN)
    assert prepared.errors.empty and result.rows_added == 3
    stored = con.execute(
        "select source_id, form_score, count(distinct batch_id) over () from qa_review_scores() order by 1"
    ).fetchall()
    assert stored == [("Z-091", 90.0, 1), ("Z-101", 85.0, 1), ("Z-102", 72.0, 1)]
    read = dict(prepared.notices)["ingest.notice.sheets_read_as_one"]
    assert t("ingest.notice.sheets_read_as_one", "en", **read) == (
        "2 sheets with the same columns were read as one import (9月, 10月); not read: 汇总."
    )
    assert t("ingest.notice.sheets_read_as_one", "zh", **read) == (
        "已将列相同的 2 个工作表作为一次导入读取(9月、10月)；未读取：汇总。"
    )
    assert not [k for k, _ in prepared.notices if k.startswith("ingest.notice.sheet_")]


def test_an_invalid_row_of_a_later_month_writes_nothing_and_names_its_sheet_row_and_column(con):
    raw = pipeline.read(con, KIND, months(october_score=120), "质检表.xlsx")
    prepared = pipeline.prepare(con, KIND, raw, None, OPTIONS, ADMIN)
    table = preview.error_table(prepared, "en")
    assert table[["Sheet", "Row", "Column"]].values.tolist() == [["10月", 3, "E"]]
    with pytest.raises(pipeline.NothingWritten):
        pipeline.commit(con, prepared, ADMIN)
    assert con.execute("select count(*) from qa_reviews").fetchone() == (0,)


def test_a_month_of_review_columns_that_differ_refuses_the_file_naming_both_sheets(con):
    # 10月 has a 班组 column 9月 lacks: both review tables, which to read as the other's cannot be told
    with pytest.raises(reading.FileRefused) as refused:
        pipeline.read(con, KIND, months(october_header=[*MONTH_HEADER, "班组"]), "质检表.xlsx")
    values = refused.value.values
    assert refused.value.reason == "ingest.refused.sheets_differ"
    assert t("ingest.refused.sheets_differ", "en", **values) == (
        "The sheets 9月 and 10月 both hold a table of this upload, in columns that differ (9月: 质检编号, 工号, "
        "质检日期, 质检员, 得分; 10月: 质检编号, 工号, 质检日期, 质检员, 得分, 班组). Give them the same columns "
        "(or upload each as its own file) and upload the workbook again."
    )
    assert t("ingest.refused.sheets_differ", "zh", **values) == (
        "工作表 9月 和 10月 都是本次上传的表格，但列不同(9月：质检编号、工号、质检日期、质检员、得分；10月：质检编号、"
        "工号、质检日期、质检员、得分、班组)。请使它们的列相同(或将其分别作为单独的文件上传)后重新上传工作簿。"
    )


def test_a_workbook_whose_first_month_alone_was_imported_before_imports_its_other_months(con):
    # a batch committed before the months were read as one read the default sheet (9月) alone, under the file's
    # hash: the same workbook again was refused as the file already imported, 10月 never read
    data = months()
    alone = pipeline.prepare(con, KIND, reading.read_upload(data, "质检表.xlsx"), None, OPTIONS, ADMIN)
    assert list(alone.values["review_id"]) == ["Z-091"]
    pipeline.commit(con, alone, ADMIN)
    prepared, result = pipeline.import_bytes(con, KIND, data, "质检表.xlsx", None, OPTIONS, ADMIN)
    assert (result.rows_added, result.rows_unchanged) == (2, 1)
    with pytest.raises(pipeline.NothingWritten):  # the whole workbook again: the same file
        pipeline.import_bytes(con, KIND, data, "质检表.xlsx", None, OPTIONS, ADMIN)
