"""A ticket export's subtotal and total rows partway through it (小计 under each day's tickets, with the day beside
it; 合计 at the end with its count): no complaint, passed over with one notice naming the rows
(portal/ingest/subtotals.py). A helper's probe: "小计" was stored as an open complaint received that day (in the
volume and the backlog), and the next day's "小计" refused as its repeat. A row whose id is a totals word but that
has a store (or a status, a channel, an agent, a later stamp) is a complaint, checked as any other."""

from __future__ import annotations

from datetime import datetime

from portal.auth import User
from portal.i18n import t
from portal.ingest import pipeline, registry
from portal.scope import Scope
from tests import test_ingest_stream as stream_tests
from tests.test_ingest_stream import _lines, _run, _state

two_dbs = stream_tests.two_dbs  # its fixture

KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
HEADER = "工单编号,创建时间,工单状态,渠道,门店,客服,问题分类"
ROWS = [
    "P001,2026-03-02 09:00:00,已关闭,热线,S001,A001,商品质量问题",
    "P002,2026-03-02 10:00:00,已关闭,热线,S002,A002,服务态度差",
    "小计,2026-03-02,,,,,2",  # row 4
    "P003,2026-03-03 11:00:00,处理中,热线,S003,A003,配送延迟",
    "小\u3000计,2026-03-03,,,,,1",  # row 6: an ideographic space (NFKC, as is_totals_word reads it: a review)
    "Total,2026-03-03 12:00:00,处理中,热线,S001,A001,配送延迟",  # a store and a status: a complaint
    "合计,,,,,,4",  # row 8: the file's totals
]


def test_subtotal_rows_are_passed_over_and_named(con):
    data = ("\n".join((HEADER, *ROWS)) + "\n").encode()
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1), timezone="Asia/Shanghai")
    prepared, result = pipeline.import_bytes(con, KIND, data, "export.csv", None, options, ADMIN)
    assert prepared.errors.empty and result.rows_added == 4
    stored = [r[0] for r in con.execute("select source_id from complaints order by source_id").fetchall()]
    assert stored == ["P001", "P002", "P003", "Total"]
    said = [v for k, v in prepared.notices if k == "ingest.notice.subtotal_rows"]
    assert [(v["n"], str(v["rows"])) for v in said] == [(2, "4, 6")]
    assert t("ingest.notice.subtotal_rows", "zh", **said[0]).startswith(
        "文件中的 2 行(第 4、6 行)是小计或合计行"
    )


def test_subtotal_rows_read_in_chunks_as_whole(two_dbs, tmp_path, monkeypatch, capsys):
    """In chunks of 2 rows: each 小计 in a chunk of its own or beside a ticket; the notice names both rows."""
    csv_path = tmp_path / "export.csv"
    csv_path.write_text("\n".join((HEADER, *ROWS)) + "\n", encoding="utf-8")
    args = ["--timezone", "Asia/Shanghai"]
    whole = _run(two_dbs["whole"], csv_path, args, monkeypatch, capsys, chunked=False, rows=2)
    chunks = _run(two_dbs["chunks"], csv_path, args, monkeypatch, capsys, chunked=True, rows=2)
    assert "Read in chunks of 2 rows" in chunks[1] and whole[0] == chunks[0] == 0
    said = t("ingest.notice.subtotal_rows", "en", n=2, rows="4, 6")
    assert said in whole[1] and said in chunks[1]
    assert _lines(whole[1]) == _lines(chunks[1]) and whole[2] == chunks[2]
    assert _state(two_dbs["whole"]) == _state(two_dbs["chunks"])


def test_the_first_filled_cell_is_found_column_by_column():
    # a review: a Python loop per row took 4.6 s a million rows whose first mapped column was empty
    import pandas as pd

    from portal.ingest.subtotals import _first_cells

    raw = pd.DataFrame({"a": ["", " 合计 ", None, ""], "b": ["x", "y", "", ""], "c": ["z", "", "小计", ""]})
    assert _first_cells(raw, ["a", "b", "c"]).tolist() == ["x", "合计", "小计", ""]


def test_a_summary_reports_subtotal_in_its_grouping_column_without_a_date_is_passed_over(con):
    # a helper's probe (Salesforce's cases by store): "Subtotal" in the store column, the rest of the row blank, its
    # received time too (a required cell): refused as "a value is required" and "unknown store code 'Subtotal'",
    # so nothing could be imported. A row with a cell the typing refused for what it holds stays refused
    header = "Store Code,Case Number,Date/Time Opened,Status,Case Origin"
    rows = [
        "S001,00002001,2026-03-02 09:00,Closed,Phone",
        "S001,00002002,2026-03-03 09:00,New,Email",
        "Subtotal,,,,",  # row 4
        "S002,00002004,2026-03-02 10:00,New,Phone",
        "Subtotal,,not a date,,",  # row 6: a cell holding something the typing refused: data, its error said
        "S002,00002005,2026-03-04 10:00,New,Phone",  # (not the file's last row, no footer)
    ]
    data = ("\n".join((header, *rows)) + "\n").encode()
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1), timezone="Asia/Shanghai")
    prepared = pipeline.prepare(con, KIND, pipeline.read(con, KIND, data, "cases.csv"), None, options, ADMIN)
    assert [str(v["rows"]) for k, v in prepared.notices if k == "ingest.notice.subtotal_rows"] == ["4"]
    assert sorted(set(prepared.errors["row"])) == [6]
    assert len(prepared.values) == 5  # the four cases and row 6, refused; row 4 left out
