"""A later stamp given as a date that says "no stamp" (portal.ingest.stamp_placeholders: MySQL's 0000-00-00, the
Unix epoch in the export's zone, an Excel cell holding 0) is blank, counted in a notice naming its column. Before,
it was a stamp "left out": the complaint counted as closed (out of the backlog) or answered at an unknown time (in
neither part of the 24 h commitment). A received time given so stays an error. Read in chunks, the same.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from portal import complaints, kpi
from portal.auth import User
from portal.filters import Filters
from portal.i18n import t
from portal.ingest import pipeline, registry, validation
from portal.ingest.stamp_placeholders import no_stamp_cells
from portal.scope import Scope
from tests import test_ingest_stream as stream_tests
from tests.test_ingest_stream import _lines, _run, _state

two_dbs = stream_tests.two_dbs  # its fixture

KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
NOW = datetime(2026, 6, 1)
HEADER = "工单号,创建时间,门店,首次响应时间,解决时间,关闭时间,状态"
ROWS = [  # a helpdesk's export (times in China, UTC+8): every received time 2026-03-02 09:00 (01:00 UTC)
    "Z1,2026-03-02 09:00:00,S001,0000-00-00 00:00:00,0000-00-00 00:00:00,0000-00-00 00:00:00,",
    "Z2,2026-03-02 09:00:00,S001,1970-01-01 08:00:00,1970-01-01 08:00:00,1970-01-01 08:00:00,",  # epoch, UTC+8
    "Z3,2026-03-02 09:00:00,S001,0000-00-00 00:00:00,0000-00-00 00:00:00,0000-00-00 00:00:00,待处理",
    "Z4,2026-03-02 09:00:00,S001,2026-03-02 10:00:00,0000-00-00 00:00:00,0000-00-00 00:00:00,处理中",
    "Z5,2026-03-02 09:00:00,S001,1900-01-00,1899-12-30 00:00:00,1899-12-31,",  # Excel's 0, three ways
    "Z6,0000-00-00 00:00:00,S001,,,,待处理",  # no received time: an error still
]


def test_no_stamp_dates_are_told_apart_from_stamps():
    cells = {
        "0000-00-00": True,
        "0000-00-00 00:00:00": True,
        "1970-01-01 08:00:00": True,  # the epoch in China
        "1969-12-31 16:00:00": True,  # in California
        "1970-01-01T00:00:00Z": True,
        "1970-01-01 08:00:00+08:00": True,
        "1970-01-01": True,
        "1900-01-00": True,
        "1900/1/0": True,
        "1899-12-30": True,
        "1899-12-31 00:00:00": True,
        "0": True,  # the number 0: an unformatted Excel zero, a Unix time of 0
        "0.0": True,
        "10": False,
        "": False,
        "2026-03-02 10:00:00": False,
        "1970-01-03 00:00:00": False,  # two days after: a typo, not the epoch
        "1970-01-01 08:00:00-08:00": True,  # 1970-01-01 16:00 UTC: 16 h after the epoch, within a day
        "1970-01-02 08:00:00": False,  # 32 h after it
        "1899-12-30 10:30:00": False,  # a time of day in Excel's date system, not an empty date
        "soon": False,
    }
    got = no_stamp_cells(pd.Series(list(cells)))
    assert dict(zip(cells, got, strict=True)) == cells


def test_no_stamp_dates_are_blank_and_counted(con):
    data = ("\n".join((HEADER, *ROWS)) + "\n").encode()
    options = pipeline.ImportOptions(now=NOW, timezone="Asia/Shanghai", skip_invalid=True)
    prepared, result = pipeline.import_bytes(con, KIND, data, "export.csv", None, options, ADMIN)
    # Z6: its received time is no stamp, an error as any unreadable received time (not blanked, not "required")
    messages = validation.error_messages(prepared.errors)
    assert messages[["row", "column"]].values.tolist() == [[7, "创建时间"]]
    assert messages["reason"].tolist() == [t("ingest.error.not_a_date", "en")]
    assert result.rows_added == 5 and result.rows_skipped == 1
    got = con.execute(
        "select source_id, status, first_response_at, first_response_left_out, resolved_at, closed_at "
        "from complaints order by source_id"
    ).fetchall()
    assert got == [
        ("Z1", "open", None, False, None, None),  # was closed
        ("Z2", "open", None, False, None, None),  # was closed
        ("Z3", "open", None, False, None, None),  # was answered at a time left out
        ("Z4", "responded", datetime(2026, 3, 2, 2, 0), False, None, None),
        ("Z5", "open", None, False, None, None),  # was closed
    ]
    # Judged on 03-20 (every 24 h window has run out): Z4 answered within 1 h (met); Z1, Z2, Z3, Z5 unanswered
    # (breaches). SLA 1 / 5 = 20 % (before: 1 / 1 = 100 %, the others answered at a time left out or closed).
    # Backlog: all 5 are open (before: Z3 and Z4 only, 2).
    figs = complaints.figures(
        kpi.runner(con, Scope.everything()),
        Filters(start=date(2026, 3, 1), end=date(2026, 3, 8), timezone="Asia/Shanghai"),
        complaints.Targets(low_confidence_n=1),
        as_of=datetime(2026, 3, 20),
    )
    assert figs.summary["sla_elapsed_count"] == 5 and figs.summary["sla_met_count"] == 1
    assert figs.tile("sla_attainment").value == 20
    assert figs.summary["unanswered_count"] == 4
    assert figs.tile("backlog").value == 5
    # first response: Z1, Z2, Z3, Z5 (4); resolution and close: Z1 .. Z5 (5 each); none is "left out"
    notes = {v["column"]: v["n"] for k, v in prepared.notices if k == "ingest.notice.no_stamp_placeholders"}
    assert notes == {"首次响应时间": 4, "解决时间": 5, "关闭时间": 5}
    assert not [k for k, _ in prepared.notices if k == "ingest.notice.stamps_left_out"]


def test_no_stamp_dates_read_in_chunks_as_whole(two_dbs, tmp_path, monkeypatch, capsys):
    """In chunks of 2 rows: the first chunk's resolution cells are all no stamp, the notice's counts add up."""
    csv_path = tmp_path / "export.csv"
    csv_path.write_text("\n".join((HEADER, *ROWS)) + "\n", encoding="utf-8")
    args = ["--timezone", "Asia/Shanghai", "--skip-invalid"]
    whole = _run(two_dbs["whole"], csv_path, args, monkeypatch, capsys, chunked=False, rows=2)
    chunks = _run(two_dbs["chunks"], csv_path, args, monkeypatch, capsys, chunked=True, rows=2)
    assert "Read in chunks of 2 rows" in chunks[1] and whole[0] == chunks[0] == 0
    said = t("ingest.notice.no_stamp_placeholders", "en", column="解决时间", n=5)
    assert said in whole[1] and said in chunks[1]
    assert _lines(whole[1]) == _lines(chunks[1]) and whole[2] == chunks[2]
    assert _state(two_dbs["whole"]) == _state(two_dbs["chunks"])


# a work order's stamp columns saying the step has not happened (helper probe of real exports): 未响应 in the
# first-response column counted the complaint as answered at a time left out, out of both parts of the 24-hour
# commitment; 未解决 as resolved
NOT_YET_ROWS = [
    "Y1,2026-03-02 09:00:00,S001,未响应,,,待处理",
    "Y2,2026-03-02 09:00:00,S001,超时未响应,未解决,,待处理",
    "Y3,2026-03-02 09:00:00,S001,2026-03-02 10:00:00,Pending,,处理中",
    "Y4,2026-03-02 09:00:00,S001,0,0,0,",  # zeros for no time
]


def test_a_stamp_column_saying_not_yet_is_no_stamp(con):
    data = ("\n".join((HEADER, *NOT_YET_ROWS)) + "\n").encode()
    options = pipeline.ImportOptions(now=NOW, timezone="Asia/Shanghai")
    prepared, result = pipeline.import_bytes(con, KIND, data, "export.csv", None, options, ADMIN)
    assert result.rows_added == 4
    got = con.execute(
        "select source_id, status, first_response_at, first_response_left_out, resolved_at, resolved_left_out "
        "from complaints order by source_id"
    ).fetchall()
    assert got == [
        ("Y1", "open", None, False, None, False),
        ("Y2", "open", None, False, None, False),
        ("Y3", "responded", datetime(2026, 3, 2, 2, 0), False, None, False),
        ("Y4", "open", None, False, None, False),
    ]
    # judged on 03-20: Y3 answered within 1 h (met), Y1, Y2 and Y4 unanswered (breaches): 1 / 4 = 25 %
    figs = complaints.figures(
        kpi.runner(con, Scope.everything()),
        Filters(start=date(2026, 3, 1), end=date(2026, 3, 8), timezone="Asia/Shanghai"),
        complaints.Targets(low_confidence_n=1),
        as_of=datetime(2026, 3, 20),
    )
    assert figs.summary["sla_elapsed_count"] == 4 and figs.summary["sla_met_count"] == 1
    assert figs.summary["unanswered_count"] == 3
    said = {
        v["column"]: (v["n"], str(v["words"])) for k, v in prepared.notices if k == "ingest.notice.not_yet"
    }
    assert said == {"首次响应时间": (2, "未响应, 超时未响应"), "解决时间": (2, "Pending, 未解决")}
    texts = [t(k, "zh", **v) for k, v in prepared.notices if k == "ingest.notice.not_yet"]
    assert texts[0].startswith(
        "首次响应时间：2 个单元格表示该环节尚未发生(未响应、超时未响应)，已按无时间读取"
    ), texts
    assert not [k for k, _ in prepared.notices if k == "ingest.notice.stamps_left_out"]


def test_not_yet_words_read_in_chunks_as_whole(two_dbs, tmp_path, monkeypatch, capsys):
    """In chunks of 2 rows: each chunk holds one of the words; the notice lists both once, its count added up."""
    csv_path = tmp_path / "export.csv"
    csv_path.write_text("\n".join((HEADER, *NOT_YET_ROWS)) + "\n", encoding="utf-8")
    args = ["--timezone", "Asia/Shanghai"]
    whole = _run(two_dbs["whole"], csv_path, args, monkeypatch, capsys, chunked=False, rows=2)
    chunks = _run(two_dbs["chunks"], csv_path, args, monkeypatch, capsys, chunked=True, rows=2)
    assert "Read in chunks of 2 rows" in chunks[1] and whole[0] == chunks[0] == 0
    said = t("ingest.notice.not_yet", "en", column="解决时间", n=2, words="Pending, 未解决")
    assert said in whole[1] and said in chunks[1]
    assert _lines(whole[1]) == _lines(chunks[1]) and whole[2] == chunks[2]
    assert _state(two_dbs["whole"]) == _state(two_dbs["chunks"])
