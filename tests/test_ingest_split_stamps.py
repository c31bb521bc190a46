"""A stamp split over a date column and a time-of-day column (受理日期 + 受理时刻, "Date Received" + "Time
Received"): the pair suggested, joined before the stamps are read (stored in UTC from the import's zone), a blank
time keeping the date alone, a time that is no time of day the row's error; set and cleared on the command line,
saved with a mapping and reloaded."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from portal import cli, db
from portal.auth import User
from portal.i18n import t
from portal.ingest import mapping, pipeline, reading, registry
from portal.ingest.errors import error_messages
from portal.scope import Scope

KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
NOW = datetime(2026, 6, 1)
SPLIT = (
    "工单编号,受理日期,受理时刻,渠道,门店编码\n"
    "G-1,2026-03-01,09:30:00,热线,S001\n"
    "G-2,2026-03-01,23:15:10,热线,S001\n"
    "G-3,2026-03-02,,热线,S002\n"
)


def suggest(headers: list[str], rows: list[list[str]]) -> dict:
    frame = pd.DataFrame(rows, columns=headers, dtype=object)
    got = mapping.suggest_mapping(KIND, headers, frame)
    return {k: v for k, v in got.items() if k.startswith(("received_at", "first_response_at", "resolved_at"))}


def test_a_date_column_and_the_time_column_beside_it_are_suggested_as_one_stamp():
    # neither header is received_at's, but 受理时间 (what 受理日期 becomes with its time) is
    assert suggest(["受理日期", "受理时刻"], [["2026-03-01", "09:30:00"], ["2026-03-02", "14:03:27"]]) == {
        "received_at": "受理日期",
        "received_at+time": "受理时刻",
        "first_response_at": None,
        "resolved_at": None,
    }
    # "Date Received" is received_at's alias; "Time Received" pairs with it; 2:03 PM is a time of day
    assert suggest(
        ["Date Received", "Time Received", "Date resolved", "Time resolved"],
        [["3/1/2026", "2:03 PM", "3/2/2026", "10:00"], ["3/1/2026", "9:30 AM", "", ""]],
    ) == {
        "received_at": "Date Received",
        "received_at+time": "Time Received",
        "first_response_at": None,
        "resolved_at": "Date resolved",
        "resolved_at+time": "Time resolved",
    }
    # 受理时间 is received_at's own alias, but it holds times of day: the field takes the date column beside it
    assert suggest(["受理日期", "受理时间"], [["2026-03-01", "09:30"]]) == {
        "received_at": "受理日期",
        "received_at+time": "受理时间",
        "first_response_at": None,
        "resolved_at": None,
    }
    # no pair where the date column already holds times, the time header does not pair, or a cell is no time
    assert suggest(["Date Received", "Time Received"], [["2026-03-01 08:00", "09:30"]]) == {
        "received_at": "Date Received",
        "first_response_at": None,
        "resolved_at": None,
    }
    assert suggest(["Date Received", "Time Received"], [["20260301", "09:30"]]) == {  # a compact date
        "received_at": "Date Received",
        "first_response_at": None,
        "resolved_at": None,
    }
    assert suggest(["Date Received", "Shift start"], [["2026-03-01", "09:30"]]) == {
        "received_at": "Date Received",
        "first_response_at": None,
        "resolved_at": None,
    }
    assert suggest(["Date Received", "Time Received"], [["2026-03-01", "3 hours"]]) == {
        "received_at": "Date Received",
        "first_response_at": None,
        "resolved_at": None,
    }


def prepare(con, text: str, column_mapping=None, timezone="Asia/Shanghai"):
    raw = reading.read_upload(text.encode(), "split.csv")
    options = pipeline.ImportOptions(timezone=timezone, now=NOW, add_missing=True)
    return pipeline.prepare(con, KIND, raw, column_mapping, options, ADMIN)


def test_the_joined_stamp_is_stored_in_utc_and_a_blank_time_keeps_the_date_alone(con):
    prepared = prepare(con, SPLIT)
    assert prepared.errors.empty
    pipeline.commit(con, prepared, ADMIN)
    # 09:30 and 23:15:10 in Asia/Shanghai (UTC+8) are 01:30 and 15:15:10 UTC; G-3's blank time: its date alone
    assert con.execute(
        "select source_id, strftime(received_at, '%Y-%m-%d %H:%M:%S'), received_date_only "
        "from complaints order by 1"
    ).fetchall() == [
        ("G-1", "2026-03-01 01:30:00", False),
        ("G-2", "2026-03-01 15:15:10", False),
        ("G-3", "2026-03-02 00:00:00", True),
    ]


def test_a_time_that_is_no_time_of_day_is_the_rows_error_in_the_time_column(con):
    text = SPLIT.replace("23:15:10", "25:10").replace("G-1,2026-03-01,09:30:00", "G-1,2026-03-01,soon")
    chosen = {
        "source_id": "工单编号",
        "received_at": "受理日期",
        "received_at+time": "受理时刻",
        "store_code": "门店编码",
    }
    prepared = prepare(con, text, chosen)  # (a column holding "soon" is not suggested as a time column)
    assert prepared.errors[["row", "column", "value", "reason"]].values.tolist() == [
        [2, "受理时刻", "soon", "ingest.error.not_a_time_of_day"],
        [3, "受理时刻", "25:10", "ingest.error.not_a_time_of_day"],
    ]
    assert t("ingest.error.not_a_time_of_day", "en") == (
        "Not a time of day (accepted: 14:03, 14:03:27, 2:03 PM, 下午 2:03, 14时03分)."
    )
    assert prepared.n_valid == 1


def test_a_date_cell_with_its_own_time_is_kept_and_a_time_beside_it_must_agree(con):
    # the date column holds full stamps in some rows: they were joined to the time ("2026-03-01 08:00 14:03:27")
    # and refused "Not a date" with a value the file does not hold
    text = (
        "工单编号,受理日期,受理时刻,渠道,门店编码\n"
        "G-1,2026-03-01,09:30:00,热线,S001\n"
        "G-2,2026-03-01 08:00,14:03:27,热线,S001\n"  # another time beside the stamp's own
        "G-3,2026-03-01T08:00:00+08:00,14:03,热线,S001\n"  # ... with a zone
        "G-4,2026-03-01 08:00,8:00 AM,热线,S001\n"  # the same time: the cell as it is
        "G-5,2026-03-02T16:30:00+08:00,16:30:00,热线,S002\n"
        "G-6,2026-03-02 00:00:00,10:00,热线,S002\n"  # a date-time cell of a date (midnight): completed
        "G-7,2026-03-02 09:15,,热线,S002\n"  # no time beside it
    )
    chosen = {
        "source_id": "工单编号",
        "received_at": "受理日期",
        "received_at+time": "受理时刻",
        "channel": "渠道",
        "store_code": "门店编码",
    }
    prepared = prepare(con, text, chosen)
    assert prepared.errors[["row", "column", "value", "reason"]].values.tolist() == [
        [3, "受理时刻", "14:03:27", "ingest.error.two_times_of_day"],
        [4, "受理时刻", "14:03", "ingest.error.two_times_of_day"],
    ]
    assert error_messages(prepared.errors, "en")["reason"].tolist()[0] == (
        "Two times of day for one stamp: its date in column 受理日期 holds a time of its own, and this time in "
        "column 受理时刻 is another. Leave one of them blank, or make them agree."
    )
    assert error_messages(prepared.errors, "zh")["reason"].tolist()[0] == (
        "同一时间有两个时刻：受理日期 列的日期已带有时刻，而 受理时刻 列的此时刻与之不同。请将其中一个留空，"
        "或使两者一致。"
    )
    valid = prepared.values[prepared.valid_mask]
    # Asia/Shanghai (UTC+8): 09:30 -> 01:30, 08:00 -> 00:00, 16:30 -> 08:30, 10:00 -> 02:00, 09:15 -> 01:15
    assert [(i, str(v)) for i, v in zip(valid["source_id"], valid["received_at"], strict=True)] == [
        ("G-1", "2026-03-01 01:30:00"),
        ("G-4", "2026-03-01 00:00:00"),
        ("G-5", "2026-03-02 08:30:00"),
        ("G-6", "2026-03-02 02:00:00"),
        ("G-7", "2026-03-02 01:15:00"),
    ]


def test_a_time_column_without_its_date_is_a_mapping_problem():
    problems = mapping.check_mapping(
        KIND, ["受理日期", "受理时刻"], {"received_at": None, "received_at+time": "受理时刻"}
    )
    assert ("ingest.mapping.time_without_date", "受理时刻") in [(k, v.get("column")) for k, v in problems]
    assert mapping.check_mapping(KIND, ["a"], {"channel+time": "a"})[0] == (
        "ingest.mapping.unknown_field",
        {"field": "channel+time"},
    )


def stored(path) -> list[tuple]:
    con = db.connect(path)
    try:
        return con.execute(
            "select source_id, strftime(received_at, '%Y-%m-%d %H:%M:%S'), received_date_only "
            "from complaints order by 1"
        ).fetchall()
    finally:
        con.close()


def test_the_command_line_sets_clears_saves_and_reloads_the_pair(portal_db, tmp_path, capsys):
    headers = "Ticket,Date,Start,Channel,Store\n"
    path = tmp_path / "split.csv"
    path.write_text(headers + "E-1,2026-03-01,09:30,hotline,S001\n", encoding="utf-8")
    base = ["import", "complaints", str(path), "--map", "source_id=Ticket", "--timezone", "Asia/Shanghai"]
    # "Start" pairs with nothing: no suggestion; --map FIELD=DATE+TIME sets the pair and saves it
    assert cli.main([*base, "--map", "received_at=Date+Start", "--save-mapping", "split"]) == 0
    out = capsys.readouterr().out
    assert "received_at <- 'Date' + 'Start'" in out
    assert stored(portal_db) == [("E-1", "2026-03-01 01:30:00", False)]
    # the saved mapping brings the pair back for the next file
    path.write_text(headers + "E-2,2026-03-02,18:00,hotline,S001\n", encoding="utf-8")
    assert (
        cli.main(["import", "complaints", str(path), "--mapping", "split", "--timezone", "Asia/Shanghai"])
        == 0
    )
    assert stored(portal_db)[-1] == ("E-2", "2026-03-02 10:00:00", False)
    # --map FIELD=DATE alone clears the saved pair: the date alone, Start left unused
    path.write_text(headers + "E-3,2026-03-03,18:00,hotline,S001\n", encoding="utf-8")
    assert cli.main([*base, "--mapping", "split", "--map", "received_at=Date"]) == 0
    out = capsys.readouterr().out
    assert "Columns of the file not used: Start" in out
    assert stored(portal_db)[-1] == ("E-3", "2026-03-03 00:00:00", True)
