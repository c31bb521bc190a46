"""Typing cells: timestamps in every accepted form (hand-converted to UTC), numbers, choices, errors."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from portal.ingest import validation
from portal.ingest.kinds import Field, Kind, choice_map

NOW = datetime(2026, 6, 1, 12, 0)  # UTC; 20:00 in Shanghai


def parse(values, tz="Asia/Shanghai", now=NOW):
    return validation.parse_timestamps(pd.Series(values, index=range(2, 2 + len(values))), tz, now)


@pytest.mark.parametrize(
    ("text", "utc", "date_only"),
    [
        ("2026-03-01 09:30", "2026-03-01 01:30", False),  # naive local, UTC+8
        ("2026-03-01 09:30:15", "2026-03-01 01:30:15", False),
        ("2026-03-01T09:30:00.250", "2026-03-01 01:30:00.250", False),
        ("2026/3/1 9:30", "2026-03-01 01:30", False),
        ("2026-03-01T09:30:00+08:00", "2026-03-01 01:30", False),  # offset given: the zone is not used
        ("2026-03-01 09:30:00Z", "2026-03-01 09:30", False),
        ("2026-03-01 09:30 -0500", "2026-03-01 14:30", False),
        ("03/01/2026 02:15:00 PM", "2026-03-01 06:15", False),  # US, month first
        ("3/1/2026 12:00:00 AM", "2026-02-28 16:00", False),  # 12 AM = 00:00 local, the day before in UTC
        ("3/1/2026 12:30 p.m.", "2026-03-01 04:30", False),
        ("3/1/2026 14:45", "2026-03-01 06:45", False),  # US date, 24-hour time
        ("2026年3月1日 9:30", "2026-03-01 01:30", False),
        ("2026/3/1 下午 2:30", "2026-03-01 06:30", False),
        ("2026-03-01", "2026-03-01", True),  # date only: not shifted
        ("3/1/2026", "2026-03-01", True),
        ("2026年3月1日", "2026-03-01", True),
    ],
)
def test_accepted_stamps(text, utc, date_only):
    # the midnight-column rule is avoided by giving each stamp a precise neighbour
    got = parse([text, "2026-01-01 08:15"])
    assert not got.bad.any() and not got.future.any()
    assert got.utc.iloc[0] == pd.Timestamp(utc)
    assert bool(got.date_only.iloc[0]) is date_only


@pytest.mark.parametrize(
    "text",
    [
        "2/30/2026",
        "13/01/2026 10:00",
        "2026-03-01 24:00",
        "3/1/2026 13:00 PM",
        "yesterday",
        "2026-3",
        "01.03.2026",
        "45000",
    ],
)
def test_rejected_stamps(text):
    assert parse([text]).bad.tolist() == [True]


def test_blank_is_neither_bad_nor_a_stamp():
    got = parse(["", "  "])
    assert not got.bad.any() and got.utc.isna().all()


def test_a_column_of_midnights_is_date_only():
    got = parse(["2026-03-05 00:00:00", "2026-03-03 00:00", "2026-03-04"])
    assert got.midnight_column and got.date_only.all()
    assert got.utc.tolist() == [
        pd.Timestamp("2026-03-05"),
        pd.Timestamp("2026-03-03"),
        pd.Timestamp("2026-03-04"),
    ]
    mixed = parse(["2026-03-05 00:00:00", "2026-03-03 10:00"])  # one real time: all precise
    assert not mixed.midnight_column and not mixed.date_only.any()
    assert mixed.utc.iloc[0] == pd.Timestamp("2026-03-04 16:00")


def test_future_is_after_now_or_after_today_in_the_zone():
    # now = 2026-06-01 12:00 UTC = 20:00 in Shanghai
    got = parse(["2026-06-01 19:59", "2026-06-01 20:01", "2026-06-01", "2026-06-02"])
    assert got.future.tolist() == [False, True, False, True]


def test_daylight_saving_gaps_and_overlaps():
    got = parse(["2026-03-08 02:30", "2026-11-01 01:30", "2026-07-01 12:00"], tz="America/New_York")
    # 02:30 does not exist on 8 March (clocks jump 02:00 -> 03:00 EDT): moved forward to 03:00 EDT = 07:00 UTC
    # 01:30 happens twice on 1 November: the first (EDT, UTC-4) is taken = 05:30 UTC
    assert got.utc.tolist() == [
        pd.Timestamp("2026-03-08 07:00"),
        pd.Timestamp("2026-11-01 05:30"),
        pd.Timestamp("2026-07-01 16:00"),
    ]


KIND = Kind(
    name="demo",
    title_key="x",
    fields=(
        Field("n", "数", "int", min_value=1, max_value=5),
        Field("x", "值", "number", min_value=0),
        Field("c", "选", "choice", choices=choice_map({"high": ("高", "urgent"), "low": ("低",)})),
        Field("req", "必", "text", required=True),
    ),
    key_fields=("req",),
    upload_roles=frozenset({"admin"}),
    check=lambda ctx: None,
    commit=lambda cur, ctx: None,
    undo=lambda cur, b: None,
    undo_blockers=lambda cur, b: [],
)


def test_numbers_choices_and_required_fields():
    text = pd.DataFrame(
        {
            "n": ["3", "3.0", "3.5", "9", "x", ""],
            "x": ["1,000.5", "-1", "0", "", "", ""],
            "c": ["HIGH", " 高 ", "Urgent", "medium", "", ""],
            "req": ["a", "b", "", "d", "e", "f"],
        },
        index=range(2, 8),
    )
    errors = validation.ErrorLog()
    typed = validation.parse_fields(KIND, text, lambda f: f.upper(), errors, timezone="UTC", now_utc=NOW)
    assert typed["n"].tolist()[:2] == [3, 3] and typed["n"].isna().tolist() == [
        False,
        False,
        True,
        True,
        True,
        True,
    ]
    assert typed["x"].tolist()[0] == 1000.5 and pd.isna(typed["x"].iloc[1])
    assert typed["c"].tolist()[:3] == ["high", "high", "high"]
    found = {(r.row, r.column, r.reason) for r in errors.frame().itertuples()}
    assert found == {
        (4, "N", "ingest.error.not_integer"),  # 3.5
        (5, "N", "ingest.error.out_of_range"),  # 9 > 5
        (6, "N", "ingest.error.not_integer"),  # x (rows 2..7: 3, 3.0, 3.5, 9, x, blank)
        (3, "X", "ingest.error.out_of_range"),  # -1 < 0
        (5, "C", "ingest.error.unknown_choice"),  # medium
        (4, "REQ", "ingest.error.required"),
    }
    messages = validation.error_messages(errors.frame(), "en")
    assert "Outside the allowed range 1–5." in messages["reason"].tolist()


def test_duplicate_keys_name_the_first_row():
    values = pd.DataFrame({"k": ["a", "b", "a", "a", None]}, index=[2, 3, 4, 5, 6])
    errors = validation.ErrorLog()
    validation.duplicate_keys(values, ("k",), errors, "K")
    frame = errors.frame()
    assert frame[["row", "detail"]].values.tolist() == [[4, "2"], [5, "2"]]
