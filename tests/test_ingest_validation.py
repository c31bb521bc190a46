"""Typing cells: timestamps in every accepted form (hand-converted to UTC), numbers, choices, errors."""

from __future__ import annotations

import io
from datetime import datetime

import pandas as pd
import pytest

from portal.i18n import t
from portal.ingest import batches, date_order, master_agents, stamps, validation
from portal.ingest.date_order import order_notice
from portal.ingest.kinds import Field, Kind, choice_map
from portal.qa import kind as qa_kind

NOW = datetime(2026, 6, 1, 12, 0)  # UTC; 20:00 in Shanghai


def parse(values, tz="Asia/Shanghai", now=NOW):
    return stamps.parse_timestamps(pd.Series(values, index=range(2, 2 + len(values))), tz, now)


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
        # a zone named UTC or GMT is offset 0 (a tester's export wrote "2026-11-02 01:30:00 UTC"; it was
        # unreadable and left out)
        ("2026-03-01 01:30:00 UTC", "2026-03-01 01:30", False),
        ("2026-03-01T01:30GMT", "2026-03-01 01:30", False),
        ("03/01/2026 02:15:00 PM", "2026-03-01 06:15", False),  # US, month first
        ("3/1/2026 12:00:00 AM", "2026-02-28 16:00", False),  # 12 AM = 00:00 local, the day before in UTC
        ("3/1/2026 12:30 p.m.", "2026-03-01 04:30", False),
        ("3/1/2026 14:45", "2026-03-01 06:45", False),  # US date, 24-hour time
        ("2026年3月1日 9:30", "2026-03-01 01:30", False),
        ("2026/3/1 下午 2:30", "2026-03-01 06:30", False),
        ("2026-03-01", "2026-03-01", True),  # date only: not shifted
        ("3/1/2026", "2026-03-01", True),
        ("2026年3月1日", "2026-03-01", True),
        # RFC 2822 (e-mail, RSS and many APIs' exports): the offset or GMT wins over the zone
        ("Tue, 10 Feb 2025 03:22:08 +0000", "2025-02-10 03:22:08", False),
        ("Tue, 10 Feb 2025 03:22:08 GMT", "2025-02-10 03:22:08", False),
        ("10 Feb 2025 11:22 +0800", "2025-02-10 03:22", False),
        ("Monday, 10 February 2025 03:22:08 -0500", "2025-02-10 08:22:08", False),
        ("10-Feb-2025 03:22:08 UT", "2025-02-10 03:22:08", False),
        # Unix time (an export's raw stamps): UTC, in seconds or milliseconds
        ("1739157728", "2025-02-10 03:22:08", False),
        ("1739157728000", "2025-02-10 03:22:08", False),
        ("1739157728.5", "2025-02-10 03:22:08.500", False),
        # compact: a naive local stamp, or a date-only one
        ("20250210032208", "2025-02-09 19:22:08", False),
        ("20250210 032208", "2025-02-09 19:22:08", False),
        ("20250210T032208Z", "2025-02-10 03:22:08", False),
        ("20250210", "2025-02-10", True),
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
        "13/13/2026 10:00",  # neither part is a month
        "2026-03-01 24:00",
        "3/1/2026 13:00 PM",
        "yesterday",
        "2026-3",
        "31.02.2026",  # day first (dotted): 31 February does not exist
        "19999",  # five digits outside Excel's serial range (20000-79999)
        "80000.5",
        "20251302",  # eight digits that are no date: not a compact date, and too short for Unix time
        "12345678",
        "0739157728",  # ten digits, but Unix time of 1993 does not start with 0
        "17391577281",  # eleven digits: neither seconds nor milliseconds
        "Tue, 30 Feb 2025 03:22:08 +0000",
        "10 Foo 2025",
        "Tue, 10 Feb 2025 03:22:08 CST",  # US Central or China Standard Time: a zone's letters are not read
    ],
)
def test_rejected_stamps(text):
    assert parse([text]).bad.tolist() == [True]


def test_unix_time_is_utc_and_its_local_date_is_the_zones():
    # 1739145600 = 2025-02-10 00:00 UTC = 08:00 in Shanghai, 2025-02-09 19:00 in New York
    got = parse(["1739145600", "1739145600000"], tz="America/New_York")
    assert got.utc.tolist() == [pd.Timestamp("2025-02-10 00:00")] * 2
    assert got.local_date.tolist() == [pd.Timestamp("2025-02-09")] * 2
    assert not got.date_only.any() and not got.midnight_column and got.naive_count == 0


def test_a_column_of_compact_dates_is_date_only_and_a_compact_midnight_column_too():
    got = parse(["20250210", "20250211"])
    assert got.date_only.all() and got.utc.tolist() == [
        pd.Timestamp("2025-02-10"),
        pd.Timestamp("2025-02-11"),
    ]
    got = parse(["20250210000000", "20250211 000000"])
    assert got.midnight_column and got.date_only.all()


def test_day_and_month_order_follows_the_column():
    # a first part above 12 anywhere in the column: the whole column is day first (13/11 and 03/11 alike)
    got = parse(["03/11/2026 14:05", "13/11/2026 14:05", "14/11/2026"])
    assert got.utc.tolist()[:2] == [pd.Timestamp("2026-11-03 06:05"), pd.Timestamp("2026-11-13 06:05")]
    assert got.order_note == "dmy"
    # the notice quotes the first cell that shows it (over both stamp families: with and without a time)
    assert order_notice(got.order_note, got.order_examples) == (
        "ingest.notice.day_first_column",
        {"example": "13/11/2026 14:05"},
    )
    got = parse(["14/11/2026", "03/11/2026 14:05", "13/11/2026 14:05"])
    assert order_notice(got.order_note, got.order_examples)[1] == {"example": "14/11/2026"}
    # nothing tells: month first (US exports), and the column says so, quoting a date that reads both ways
    got = parse(["03/03/2026 10:00", "03/11/2026 14:05", "04/11/2026 09:00"])
    assert got.utc.tolist()[1:] == [pd.Timestamp("2026-03-11 06:05"), pd.Timestamp("2026-04-11 01:00")]
    assert got.order_note == "ambiguous"
    assert order_notice(got.order_note, got.order_examples) == (
        "ingest.notice.month_first_column",
        {"example": "03/11/2026 14:05"},
    )
    # a second part above 12: clearly month first, nothing to say
    got = parse(["03/25/2026 14:05", "04/11/2026 09:00"])
    assert got.utc.iloc[0] == pd.Timestamp("2026-03-25 06:05") and got.order_note == ""
    # both kinds in one column: day first would make 03/25 invalid, so month first and 13/11 is bad
    got = parse(["03/25/2026 14:05", "13/11/2026 09:00"])
    assert got.bad.tolist() == [False, True]
    # dotted dates are European: day first
    got = parse(["01.03.2026 10:00"])
    assert got.utc.iloc[0] == pd.Timestamp("2026-03-01 02:00") and not got.bad.any()


def test_day_order_is_decided_for_the_whole_file():
    received = pd.Series(["13/11/2026 14:05", "03/11/2026 09:00"])
    answered = pd.Series(["03/11/2026 15:05", ""])  # alone, this column could be either
    assert stamps.day_first_in([received, answered]) is True
    assert stamps.day_first_in([pd.Series(["11/13/2026"]), answered]) is False
    assert stamps.day_first_in([answered, pd.Series(["2026-11-03"])]) is None
    got = (
        parse(["03/11/2026 15:05"]).utc.iloc[0],
        stamps.parse_timestamps(
            pd.Series(["03/11/2026 15:05"]), "Asia/Shanghai", NOW, day_first=True
        ).utc.iloc[0],
    )
    assert got == (pd.Timestamp("2026-03-11 07:05"), pd.Timestamp("2026-11-03 07:05"))
    # read day first because another column shows it: the notice says so, with no cell of this column to quote
    told = stamps.parse_timestamps(pd.Series(["03/11/2026 15:05"]), "Asia/Shanghai", NOW, day_first=True)
    assert order_notice(told.order_note, told.order_examples) == (date_order.DAY_FIRST_ELSEWHERE, {})


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("4", 4.0),
        (" 5 ", 5.0),
        ("4.0", 4.0),
        ("4,5", 4.5),  # a decimal comma (a semicolon-separated European export)
        ("1,0", 1.0),
        ("20,5", 20.5),
        ("1,234", 1234.0),  # thousands
        ("12,345.5", 12345.5),
        ("9分", 9.0),
        ("20%", 20.0),
        ("1,2,3", None),
        ("four", None),
    ],
)
def test_numbers_as_exports_write_them(cell, number):
    got = validation.parse_number(pd.Series([cell]).str.strip())
    assert (got.iloc[0] == number) if number is not None else pd.isna(got.iloc[0])


def test_cells_are_cleaned_and_placeholders_read_as_blank():
    raw = pd.Series(["\u200bS003", "Ｓ００１", '="0042"', "N/A", "-", "无", "null", " A001\u3000", "ok"])
    cleaned, placeholder = validation.clean_cells(raw)
    assert cleaned.tolist() == ["S003", "S001", "0042", "", "", "", "", "A001", "ok"]
    assert placeholder.tolist() == [False, False, False, True, True, True, True, False, False]
    # free text keeps its words: a comment "无" (none) or "-" is what the customer wrote
    text, none = validation.clean_cells(pd.Series(["无", "-", "\u200bgood"]), free_text=True)
    assert text.tolist() == ["无", "-", "good"] and not none.any()


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
        (6, "N", "ingest.error.not_a_scale_answer"),  # x (rows 2..7: 3, 3.0, 3.5, 9, x, blank)
        (3, "X", "ingest.error.out_of_range"),  # -1 < 0
        (5, "C", "ingest.error.unknown_choice"),  # medium
        (4, "REQ", "ingest.error.required"),
    }
    messages = validation.error_messages(errors.frame(), "en")
    assert "Outside the allowed range 1–5." in messages["reason"].tolist()
    # a word on a rating scale is not "not a whole number": it names the scale and the answer words
    assert any(m.startswith("Neither a number on the scale 1–5") for m in messages["reason"].tolist())


def test_duplicate_keys_name_the_first_row():
    values = pd.DataFrame({"k": ["a", "b", "a", "a", None]}, index=[2, 3, 4, 5, 6])
    errors = validation.ErrorLog()
    validation.duplicate_keys(values, ("k",), errors, "K")
    frame = errors.frame()
    assert frame[["row", "detail"]].values.tolist() == [[4, "2"], [5, "2"]]


def test_a_key_of_two_fields_is_named_with_both_parts():
    values = pd.DataFrame(
        {"source": ["crm", "crm", "pos", "crm", "pos", None], "id": ["1", "2", "1", "1", "1", "1"]},
        index=[2, 3, 4, 5, 6, 7],
    )
    errors = validation.ErrorLog()
    validation.duplicate_keys(values, ("source", "id"), errors, "ID")
    frame = errors.frame()
    # crm / 1 again at row 5 (first at 2), pos / 1 again at row 6 (first at 4); a key with a blank part is
    # not a key (row 7)
    assert frame[["row", "value", "detail"]].values.tolist() == [[5, "crm / 1", "2"], [6, "pos / 1", "4"]]


def _field(fields, name):
    return next(f for f in fields if f.name == name)


@pytest.mark.parametrize(
    ("field", "lang", "expected"),
    [
        (_field(master_agents.FIELDS, "active"), "en", "Not an accepted value; use one of: no, yes."),
        (_field(master_agents.FIELDS, "active"), "zh", "不是可接受的值；可用值：否、是。"),
        (_field(qa_kind.FIELDS, "critical"), "zh", "不是可接受的值；可用值：否、是。"),
        (_field(KIND.fields, "c"), "en", "Not an accepted value; use one of: high, low."),
        (_field(KIND.fields, "c"), "zh", "不是可接受的值；可用值：高、低。"),
    ],
)
def test_an_unaccepted_choice_lists_the_values_in_the_readers_language(field, lang, expected):
    # the Chinese message listed the English value ids ("可用值：no, yes。"): it lists the words the Chinese
    # template writes, with the enumeration comma; the stored error report renders the same text
    kind = Kind(
        name="demo",
        title_key="x",
        fields=(field,),
        key_fields=(),
        upload_roles=frozenset({"admin"}),
        check=lambda ctx: None,
        commit=lambda cur, ctx: None,
    )
    errors = validation.ErrorLog()
    validation.parse_fields(
        kind,
        pd.DataFrame({field.name: ["也许"]}, index=[2]),
        lambda f: "V",
        errors,
        timezone="UTC",
        now_utc=NOW,
    )
    assert validation.error_messages(errors.frame(), lang)["reason"].tolist() == [expected]
    report = batches.build_error_report(errors.frame(), pd.DataFrame({"V": ["也许"]}, index=[2]), lang)
    assert pd.read_csv(io.StringIO(report)).loc[0, t("ingest.col.reason", lang)] == expected
