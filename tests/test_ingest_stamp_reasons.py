"""Stamp messages say which reason applies, per row and column (probe repro 10, f10_bad_rows.csv and
g15_java_cst.csv): a reply before the receipt was "unreadable, in the future, or earlier than the received
time"; 2026/2/30 and Java's "Thu Nov 05 14:03:00 CST 2026" were only "Not a date or time"."""

from __future__ import annotations

from datetime import datetime

from portal.auth import User
from portal.i18n import t
from portal.ingest import pipeline, registry, validation
from portal.scope import Scope

KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
NOW = datetime(2026, 12, 1)
HEADER = "source_id,received_at,channel,store_code,first_response_at"


def prepare(con, *lines: str):
    raw = pipeline.read_upload(("\n".join((HEADER, *lines)) + "\n").encode(), "stamps.csv")
    return pipeline.prepare(con, KIND, raw, None, pipeline.ImportOptions(now=NOW, timezone="UTC"), ADMIN)


def test_each_left_out_reply_is_said_with_its_reason_and_rows(con):
    prepared = prepare(
        con,
        "B-1,2026-11-23 15:31,hotline,S001,2026-11-23 12:31",  # 3 h before its receipt
        "B-2,2026-11-05 14:00,hotline,S001,Thu Nov 05 15:03:00 CST 2026",  # zone letters
        "B-3,2026-11-05 14:00,hotline,S001,2026/2/30 10:15",  # no such day
        "B-4,2026-11-05 14:00,hotline,S001,2027-01-05 10:00",  # after 'now' (2026-12-01)
        "B-5,2026-11-05 14:00,hotline,S001,soon",
    )
    notes = [t(k, "en", **v) for k, v in prepared.notices if k == "ingest.notice.stamps_left_out"]
    # one stamp is one ("1 stamps are ... rows 2", session 38's probe)
    tail = (
        "; that complaint is kept and counted for volume but left out of the durations that need this stamp; "
        "it still counts as answered, resolved or closed as this column says, and a complaint already stored "
        "keeps its time."
    )
    assert notes == [
        "first_response_at: 1 stamp is missing a usable time (earlier than the received time: row 2 (B-1))"
        + tail,
        "first_response_at: 1 stamp is missing a usable time (in the future: row 5 (B-4))" + tail,
        "first_response_at: 1 stamp is missing a usable time (a day that does not exist, such as 2026/2/30: "
        "row 4 (B-3))" + tail,
        "first_response_at: 1 stamp is missing a usable time (time zone letters such as CST, which are not "
        "read (give an offset such as +08:00, or no zone): row 3 (B-2))" + tail,
        "first_response_at: 1 stamp is missing a usable time (not a date or time: row 6 (B-5))" + tail,
    ]
    zh = [t(k, "zh", **v) for k, v in prepared.notices if k == "ingest.notice.stamps_left_out"]
    assert zh[0].startswith("first_response_at：1 个时间不可用(早于受理时间：第 2 (B-1) 行)")
    two = {"column": "Replied", "n": 2, "why": "not a date or time", "rows": "2, 5"}
    assert t("ingest.notice.stamps_left_out", "en", **two).startswith(
        "Replied: 2 stamps are missing a usable time (not a date or time: rows 2, 5); those complaints are kept"
    )
    assert "; they still count as answered" in t("ingest.notice.stamps_left_out", "en", **two)
    assert t("ingest.notice.stamps_left_out", "zh", **two).startswith(
        "Replied：2 个时间不可用(not a date or time：第 2, 5 行)"
    )


def test_a_received_time_that_names_no_real_day_or_a_zone_by_letters_is_refused_saying_so(con):
    prepared = prepare(
        con,
        "R-1,2026/2/30 10:15,hotline,S001,",
        "R-2,Thu Nov 05 14:03:00 CST 2026,hotline,S001,",
        "R-3,2026-11-05 14:03:00 CST,hotline,S001,",
        "R-4,tomorrow,hotline,S001,",
    )
    en = validation.error_messages(prepared.errors, "en")
    assert en[["row", "column", "reason"]].values.tolist() == [
        [
            2,
            "received_at",
            "Not a date: the day 2026-02-30 does not exist in the calendar (check the day and the month).",
        ],
        [
            3,
            "received_at",
            "A time zone given by its letters (CST) is not read: the letters stand for several zones (CST is "
            "China's or US Central time). Export the time with an offset (2026-11-05 14:03:00 +08:00, "
            "2026-11-05T14:03:00+0800) or without a zone, and state the file's time zone.",
        ],
        [4, "received_at", en["reason"][1]],
        [5, "received_at", t("ingest.error.not_a_date", "en")],
    ]
    zh = validation.error_messages(prepared.errors, "zh")
    assert zh["reason"][0] == "不是有效日期：日历中没有 2026-02-30 这一天(请检查日和月)。"
    assert zh["reason"][1].startswith("以字母表示的时区(CST)无法读取")


def test_a_date_without_its_year_is_refused_saying_the_year_is_missing(con):
    # a 质检表 or a hand-kept sheet writes 12月3日 (its year in a title row or the sheet's name, which are not read):
    # before, "Not a date or time (accepted: ...)", which does not say what is wrong with 12月3日
    prepared = prepare(
        con,
        "Y-1,11月3日 10:15,hotline,S001,",
        "Y-2,11/3,hotline,S001,",
        "Y-3,Nov 3 9:30 AM,hotline,S001,",
        "Y-4,11.3,hotline,S001,",
        "Y-5,13月3日,hotline,S001,",  # no month 13: not a date at all
        "Y-6,11/3/26 10:15,hotline,S001,",  # a year (two digits): read, not refused
    )
    en = validation.error_messages(prepared.errors, "en")
    no_year = (
        "A date without its year ({}): write the year too, as in 2026-12-03 or 2026年12月3日 (a year in a title "
        "row or in the sheet's name is not read)."
    )
    assert en[["row", "column", "reason"]].values.tolist() == [
        [2, "received_at", no_year.format("11月3日 10:15")],
        [3, "received_at", no_year.format("11/3")],
        [4, "received_at", no_year.format("Nov 3 9:30 AM")],
        [5, "received_at", no_year.format("11.3")],
        [6, "received_at", t("ingest.error.not_a_date", "en")],
    ]
    zh = validation.error_messages(prepared.errors, "zh")
    assert zh["reason"][0] == (
        "日期缺少年份(11月3日 10:15)：请写明年份，如 2026-12-03 或 2026年12月3日(标题行或工作表名称中的年份不会被读取)。"
    )


def test_a_reply_without_its_year_is_left_out_saying_so(con):
    prepared = prepare(con, "L-1,2026-11-23 09:00,hotline,S001,11月23日 10:00")
    notes = [t(k, "en", **v) for k, v in prepared.notices if k == "ingest.notice.stamps_left_out"]
    assert len(notes) == 1
    assert notes[0].startswith(
        "first_response_at: 1 stamp is missing a usable time (a date without its year, such as 12月3日: row 2 (L-1))"
    )
