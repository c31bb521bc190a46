"""A 质检表 workbook as team leads keep it (portal/qa/kind.py through the shared pipeline, xlsx built here with
openpyxl): the headers 日期 and 姓名 alone suggested for the review date and the agent."""

from __future__ import annotations

import io

from openpyxl import Workbook

from portal.i18n import t
from portal.ingest import mapping, pipeline
from tests.test_qa_import import ADMIN, KIND, OPTIONS


def workbook(sheets: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


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
