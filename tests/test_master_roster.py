"""Real HR rosters (员工花名册) and store lists (门店清单) met by the master-data uploads
(portal/ingest/master_agents.py, master_stores.py): leavers marked only by a leave date (离职日期), columns no field
reads. Fixture: tests/fixtures.py (stores S001-S003, agents A001-A004, reporting zone Asia/Shanghai)."""

from __future__ import annotations

from datetime import datetime

import pytest

from portal.auth import User
from portal.ingest import pipeline, reading, registry, validation
from portal.scope import Scope
from tests import fixtures

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
AGENTS = registry.kind("agents")
# 17:00 UTC on 1 June is 01:00 on 2 June in Beijing: the import day is 2 June in the reporting zone
OPTIONS = pipeline.ImportOptions(now=datetime(2026, 6, 1, 17, 0))


@pytest.fixture
def con(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "roster.duckdb")
    yield con
    con.close()


def prepare(con, kind, text: str):
    raw = reading.read_upload(text.encode(), "roster.csv")
    return pipeline.prepare(con, kind, raw, None, OPTIONS, ADMIN)


def active_flags(con, prefix: str) -> list[tuple[str, bool]]:
    return con.execute(
        "select agent_code, is_active from agents where agent_code like ? order by 1", [prefix + "%"]
    ).fetchall()


def test_a_leave_date_on_or_before_the_import_day_makes_the_agent_inactive(con):
    """A roster with no status column says who left by 离职日期 alone. Before, every row was created active
    (the column was read by no field). A leave date up to the import day (2 June in Beijing, still 1 June in UTC)
    makes the agent inactive; a later one keeps the agent active (notice given, still employed)."""
    roster = (
        "工号,姓名,入职日期,离职日期\n"
        "00201,李娜,2024-03-01,\n"  # no leave date: active
        "00202,王伟,2023-05-10,2026-05-31\n"  # left before the import day: inactive
        "00203,张敏,2022-01-01,2026-06-02\n"  # leaves on the import day (Beijing): inactive
        "00204,赵磊,2025-02-01,2026-07-15\n"  # leaves later: active
        "A001,Agent One,,2026-04-30\n"  # a stored agent (active) who left: made inactive
    )
    prepared = prepare(con, AGENTS, roster)
    assert prepared.errors.empty
    notices = dict(prepared.notices)
    assert notices["master.notice.left_inactive"]["n"] == 3
    assert str(notices["master.notice.left_inactive"]["codes"]) == "00202, 00203, A001"
    result = pipeline.commit(con, prepared, ADMIN)
    assert (result.rows_added, result.rows_updated) == (4, 1)
    assert active_flags(con, "002") == [("00201", True), ("00202", False), ("00203", False), ("00204", True)]
    assert active_flags(con, "A001") == [("A001", False)]


def test_the_leave_date_notice_in_both_languages(con):
    prepared = prepare(con, AGENTS, "工号,离职日期\n00202,2026-05-31\n")
    key, values = next((k, v) for k, v in prepared.notices if k == "master.notice.left_inactive")
    from portal.i18n import t

    assert t(key, "en", **values) == (
        "离职日期: 1 agent whose leave date is on or before the import day (2026-06-02) is set inactive: 00202."
    )
    assert (
        t(key, "zh", **values)
        == "离职日期：1 名客服专员的离职日期不晚于导入当日(2026-06-02)，设为离职(非在职)：00202。"
    )


def test_a_leave_date_before_the_hire_date_ends_an_earlier_employment(con):
    """A rehired agent's roster row keeps the old leave date beside the new hire date: the leave date is not
    applied (the agent stays active) and a notice names the rows. Before (this session's first rule) the row was
    refused, so a roster holding one rehire could not be imported without leaving the agent out."""
    roster = (
        "工号,姓名,入职日期,离职日期\n00205,孙丽,2025-02-01,2024-12-31\n00206,钱宇,2024-01-01,2024-01-01\n"
    )
    prepared = prepare(con, AGENTS, roster)
    assert prepared.errors.empty
    notices = dict(prepared.notices)
    assert (
        notices["master.notice.left_before_hired"]["n"],
        str(notices["master.notice.left_before_hired"]["codes"]),
    ) == (1, "00205")
    assert notices["master.notice.left_inactive"]["n"] == 1  # 00206 left on its hire day, long before 2 June
    from portal.i18n import t

    values = notices["master.notice.left_before_hired"]
    assert t("master.notice.left_before_hired", "en", **values) == (
        "离职日期: 1 agent's leave date is before the hire date, the end of an earlier employment (rehired): not "
        "applied, the status stands: 00205."
    )
    assert t("master.notice.left_before_hired", "zh", **values) == (
        "离职日期：1 名客服专员的离职日期早于入职日期，属于此前的任职(再次入职)：不据此设为离职，在职状态不变：00205。"
    )
    pipeline.commit(con, prepared, ADMIN)
    assert active_flags(con, "0020") == [("00205", True), ("00206", False)]


def test_a_status_saying_employed_beside_a_past_leave_date_is_an_error(con):
    """在职状态 在职 and a leave date already past say two things: neither is taken over the other (the row is
    refused naming both columns); 离职 with a later leave date stays inactive as the status says."""
    roster = "工号,在职状态,离职日期\n00207,在职,2026-03-01\n00208,离职,2026-09-01\n00209,在职,2026-09-01\n"
    prepared = prepare(con, AGENTS, roster)
    messages = validation.error_messages(prepared.errors, "en").to_dict("records")
    assert messages == [
        {
            "row": 2,
            "column": "离职日期",
            "value": "2026-03-01",
            "reason": "在职状态 says the agent is employed, but the leave date is on or before the import day "
            "(2026-06-02): correct one of the two columns.",
        }
    ]
    assert "master.notice.left_inactive" not in dict(prepared.notices)
    assert prepared.values.loc[[3, 4], "active"].tolist() == ["no", "yes"]


def test_roster_columns_no_field_reads_are_named_in_one_notice(con):
    """An HR roster's phone and department, a store list's manager: no field reads them. Before, the preview
    said nothing of them (the mapping form only while optional fields were left, the CLI in a line of its own)."""
    roster = "工号,姓名,部门,手机号,离职日期\n00210,李娜,客服部,13800000000,\n"
    notices = [(k, v) for k, v in prepare(con, AGENTS, roster).notices if k == "ingest.notice.unread_columns"]
    assert [(v["n"], str(v["columns"])) for _, v in notices] == [(2, "部门, 手机号")]
    stores = "门店编码,门店名称,区域编码,店长,联系电话\nS010,Chengdu,R1,王芳,028-1234\n"
    notices = [
        (k, v)
        for k, v in prepare(con, registry.kind("stores"), stores).notices
        if k == "ingest.notice.unread_columns"
    ]
    assert [(v["n"], str(v["columns"])) for _, v in notices] == [(2, "店长, 联系电话")]
    # every column read: nothing said
    every = prepare(con, AGENTS, "工号,姓名\n00210,李娜\n")
    assert "ingest.notice.unread_columns" not in dict(every.notices)


def test_the_unread_columns_notice_in_both_languages():
    from portal.i18n import listed, t

    values = {"n": 2, "columns": listed(["部门", "手机号"])}
    assert t("ingest.notice.unread_columns", "en", **values) == (
        "2 columns match no field and are not imported: 部门, 手机号. If one holds a field, map it to that field "
        "(command line: --map FIELD=COLUMN)."
    )
    assert t("ingest.notice.unread_columns", "zh", **values) == (
        "2 列未对应任何字段，不会导入：部门、手机号。如某列对应某个字段，请将其映射到该字段(命令行：--map FIELD=COLUMN)。"
    )


def test_the_command_line_names_a_roster_s_unread_columns_once(portal_db, tmp_path, capsys):
    from portal import cli

    path = tmp_path / "roster.csv"
    path.write_text("工号,姓名,部门\n00210,李娜,客服部\n", encoding="utf-8")
    assert cli.main(["import", "agents", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("部门") == 1
    assert "note: 1 column matches no field and is not imported: 部门." in out


def _workbook(rows, formats) -> bytes:
    """An .xlsx of ``rows`` (the first the header) whose cells at (row, column), counted from 0, have the number
    formats ``formats`` gives."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for (r, c), fmt in formats.items():
        sheet.cell(row=r + 1, column=c + 1).number_format = fmt
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_code_cell_formatted_with_leading_zeros_is_read_as_shown(con):
    """A store list typed in Excel: the code column holds numbers formatted ``0000`` (101 shown 0101). Before, the
    first load created the store 101, as calamine gives the stored number; the format is read, and the store is
    0101 as the sheet shows it. A number without such a format stays as it is (7)."""
    data = _workbook(
        [
            ["门店编码", "门店名称", "区域编码"],
            [101, "Chengdu", "R1"],
            [2, "Xi'an", "R1"],
            [7, "Wuhan", "R2"],
        ],
        {(1, 0): "0000", (2, 0): "000000"},
    )
    kind = registry.kind("stores")
    raw = pipeline.read(con, kind, data, "stores.xlsx")
    prepared = pipeline.prepare(con, kind, raw, None, OPTIONS, ADMIN)
    result = pipeline.commit(con, prepared, ADMIN)
    assert result.master_added["store_code"] == ["0101", "000002", "7"]
    # an agents roster alike: 工号 123 formatted 00000 is the agent 00123
    data = _workbook([["工号", "姓名"], [123, "李娜"]], {(1, 0): "00000"})
    raw = pipeline.read(con, AGENTS, data, "roster.xlsx")
    assert raw.frame.iloc[0, 0] == "00123"


def test_other_kinds_read_such_a_cell_as_before():
    """A complaint export's ids stored from an .xlsx before stay what they were (a re-import must not make them new
    complaints): only the master-data uploads read the zeros a format shows."""
    data = _workbook([["source_id", "received_at"], [1001, "2026-03-01 09:30"]], {(1, 0): "000000"})
    assert reading.read_upload(data, "complaints.xlsx").frame.iloc[0, 0] == "1001"
