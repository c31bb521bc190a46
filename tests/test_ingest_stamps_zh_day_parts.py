"""Stamps as Chinese exports write them (helper probe of real complaint and survey exports, session 44): Excel's
zh-CN "h:mm AM/PM" puts 上午 / 下午 after the time, clocks name the part of the day (晚上, 凌晨, 中午, 早上), and Excel's
long date names the weekday (2026年3月5日 星期四). Each was refused as "not a date or time"; the hours worked by hand.
Times of day in a column of their own (portal.ingest.split_stamps) read the same words."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from portal.ingest import split_stamps, stamps
from portal.ingest.errors import ErrorLog

NOW = datetime(2026, 12, 6, 12, 0)
CASES = {
    "2026-3-5 9:05 下午": "2026-03-05 21:05",
    "2026-03-05 09:05:00 上午": "2026-03-05 09:05",
    "2026-03-05 12:05 上午": "2026-03-05 00:05",  # 12 am: midnight, as 12:05 AM
    "3/5/2026 9:05 下午": "2026-03-05 21:05",
    "2026/11/05 晚上9:05": "2026-11-05 21:05",
    "2026/11/05 凌晨1:05": "2026-11-05 01:05",
    "2026/11/05 凌晨12:30": "2026-11-05 00:30",
    "2026/11/05 中午12:05": "2026-11-05 12:05",
    "2026/11/05 中午1:05": "2026-11-05 13:05",
    "2026/11/05 中午11:50": "2026-11-05 11:50",
    "2026/11/05 早上7:30": "2026-11-05 07:30",
    "2026/11/05 傍晚6:10": "2026-11-05 18:10",
    # 晚上12 is the midnight that ends the day (a probe's export had it read as noon, 12 hours early)
    "2026/11/05 晚上12:00": "2026-11-06 00:00",
    "2026/10/31 晚上12:30": "2026-11-01 00:30",
    # the night's words run past midnight; a whole hour without minutes (session 53's note: each was refused)
    "2026/11/05 夜里11:30": "2026-11-05 23:30",
    "2026/11/05 半夜2:15": "2026-11-05 02:15",
    "2026/11/05 夜里12:00": "2026-11-06 00:00",
    "2026年11月5日 晚上12点": "2026-11-06 00:00",
    "2026年11月5日 下午3点": "2026-11-05 15:00",
    "2026年11月5日 9点整": "2026-11-05 09:00",
    "2026年11月5日 深夜11时": "2026-11-05 23:00",
    "2026年3月5日 星期四 09:05": "2026-03-05 09:05",
    "2026年3月5日星期四": "2026-03-05",
    "2026年11月5日 周四 下午3:15": "2026-11-05 15:15",
}


def test_each_form_reads_as_worked_by_hand():
    cells = pd.Series(list(CASES))
    parsed = stamps.parse_timestamps(cells, "UTC", now_utc=NOW)
    assert not parsed.bad.any(), cells[parsed.bad].tolist()
    got = [
        f"{d:%Y-%m-%d}" if only else f"{u:%Y-%m-%d %H:%M}"
        for u, d, only in zip(parsed.utc, parsed.local_date, parsed.date_only, strict=True)
    ]
    assert got == list(CASES.values())


@pytest.mark.parametrize("cell", ["2026/11/05 晚上13:05", "2026/11/05 中午0:30", "2026-03-05 9:05 晚上PM"])
def test_a_twelve_hour_word_with_an_hour_off_its_clock_is_no_stamp(cell):
    assert stamps.parse_timestamps(pd.Series([cell]), "UTC", now_utc=NOW).bad.all()


def test_a_time_of_day_column_reads_the_same_words():
    cells = pd.Series(
        ["9:05 下午", "晚上9:05", "凌晨12:30", "中午1:05", "上午 9:05", "下午3点", "夜里1点", "9点整"]
    )
    normal, bad = split_stamps.times_of_day(cells)
    assert not bad.any()
    assert list(normal) == [
        "21:05:00", "21:05:00", "00:30:00", "13:05:00", "09:05:00", "15:00:00", "01:00:00", "09:00:00"
    ]  # fmt: skip
    # a number that is no time of day stays refused
    assert split_stamps.times_of_day(pd.Series(["3", "点", "25点"]))[1].tolist() == [True, True, True]


def test_a_date_cells_own_time_reads_the_same_words():
    # a date column beside a time-of-day column: the date cell's own time (split_stamps.own_times) is found
    cells = pd.Series(["2026-03-05 9:05 下午", "2026/11/05 晚上9:05", "2026-03-05", "2026年3月5日 下午3点"])
    timed, seconds, _date = split_stamps.own_times(cells)
    assert timed.tolist() == [True, True, False, True]
    assert [seconds.tolist()[i] for i in (0, 1, 3)] == [21 * 3600 + 5 * 60, 21 * 3600 + 5 * 60, 15 * 3600]


def test_a_time_column_s_night_twelve_is_the_next_day_s_midnight():
    # a date column beside a time-of-day column of 晚上12:00: joined, the stamp is the next day's 0:00
    frame = pd.DataFrame(
        {
            "受理日期": ["2026-03-05", "2026-03-05", "2026-03-05"],
            "受理时刻": ["晚上12:00", "晚上11:00", "夜里12点"],
        }
    )
    text = pd.DataFrame({"received_at": frame["受理日期"]})
    errors = ErrorLog()
    joined = split_stamps.join_times(frame, text, {"received_at": ("受理日期", "受理时刻")}, errors)
    parsed = stamps.parse_timestamps(joined["received_at"], "UTC", now_utc=NOW)
    assert not parsed.bad.any()
    assert [f"{u:%Y-%m-%d %H:%M}" for u in parsed.utc] == [
        "2026-03-06 00:00",
        "2026-03-05 23:00",
        "2026-03-06 00:00",
    ]
