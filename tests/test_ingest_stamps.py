"""``stamp_regex.extract`` (pyarrow's RE2, then Python's ``re`` only where the two can differ) reads every cell as
``Series.str.extract`` does, for each stamp family, including the cells where RE2 and Python part ways:
Unicode digits and spaces, \\v and \\x1c-\\x1f, a last newline."""

from __future__ import annotations

import pandas as pd
import pytest

from portal.ingest import stamp_regex, stamps

CELLS = [
    "2026-03-01 09:30:00",
    "2026/3/1 9:30",
    "2026.03.01T09:30:15.123456+08:00",
    "2026-03-01 9:30 PM",
    "2026/3/1 下午 2:30",
    "3/1/2026 9:30:00 AM",
    "3-1-2026 21:30",
    "3/1-2026 9:30",  # separators differ: not the US family
    "13.11.2026 08:00",
    "11/13/2026",
    "2026年3月1日 14时05分",
    "2026年3月1日",
    "٢٠٢٦-٠٣-٠١ 09:30",  # Arabic-Indic digits: Python's \d takes them, RE2's does not
    "２０２６-03-01",  # full-width digits
    "3/1/2026\x0b9:30",  # a vertical tab: Python's \s, not RE2's
    "3/1/2026\x1c9:30",
    "3/1/2026\u30009:30",  # an ideographic space
    "2026-03-01\n",  # Python's $ matches before a last newline
    "2026-03-01 25:00",
    "2026-03-01T09:30+08:00[Asia/Shanghai]",
    "2026-03-01T09:30+08:00[GMT+08:00]",  # Java's offset zone (ZoneId.of("GMT+08:00"))
    "2026-03-01T09:30+08:00[UTC+08:00]",
    "2026-03-01T09:30[Asia/Shanghai]",  # a region without the offset Java prints before it: not read
    "Tue, 10 Feb 2025 03:22:08 +0000",
    "tue, 10 feb 2025 03:22 GMT",
    "10 February 2025 03:22:08 -0500 (EST)",
    "Tue, 10 Feb ２０２５ 03:22:08 +0000",  # full-width digits: Python's \d only
    "Nov 5, 2026",
    "November 5th, 2026 2:30 PM",
    "Thursday, November 5, 2026",
    "nov. 5 2026 10:00 +0800",
    "Nov ５, 2026",  # a full-width digit: Python's \d only
    "2026-03-01 09:30 (GMT+08:00)",
    "3/1/2026 9:30 AM GMT+8 (China Standard Time)",
    "2026年3月1日 9:30 (UTC+08:00)",
    "Sun Mar 01 2026 09:30:00 GMT+0800 (中国标准时间)",
    "Sun Mar 01 09:30:00 GMT+08:00 2026",
    "sun mar 01 09:30 GMT-5 ２０２６",  # a full-width digit: Python's \d only
    "05-MAR-26 09.05.00.000000 AM",  # Oracle's defaults
    "05-mar-2026 09.05.00,5 pm +08:00",
    "05-MAR-２６",  # a full-width digit: Python's \d only
    "3/1/26 9:30",  # a two-digit year
    "20250210032208",
    "20250210 032208",
    "20250210T032208Z",
    "20250210",
    "２０２５０２１０",
    "not a date",
    "",
    None,
]
PATTERNS = [
    *stamps._FAMILIES,
    r"^(?P<first>\d{1,2})[/-](?P<second>\d{1,2})[/-]\d{2}",  # stamps.day_order_evidence
]


@pytest.fixture(params=["re2", "python"])
def way(request, monkeypatch):
    """Both ways ``stamp_regex.extract`` reads a column: RE2 first (a long column; here every column), or Python's
    regex alone (a short one; here every column)."""
    monkeypatch.setattr(stamp_regex, "PYTHON_REGEX_BELOW", 0 if request.param == "re2" else 10**9)
    return request.param


@pytest.mark.parametrize("pattern", PATTERNS)
def test_extract_reads_every_cell_as_python_does(pattern, way):
    values = pd.Series(CELLS, index=range(2, 2 + len(CELLS)), dtype="str")
    expected = values.str.extract(pattern)
    assert expected.notna().any().any()  # the pattern reads some of these cells
    pd.testing.assert_frame_equal(stamp_regex.extract(values, pattern), expected)


def test_a_group_that_took_no_part_or_nothing_is_nan_either_way(way):
    # split_stamps' date-and-time pattern: its date and zone groups may take "" (RE2 gives "" for a group left out)
    from portal.ingest.split_stamps import _STAMP_TIME

    values = pd.Series(["2026-03-01 09:30", "09:30", "x"], dtype="str")
    got = stamp_regex.extract(values, _STAMP_TIME)
    assert got.notna().any().any()
    assert not got.eq("").any().any()
    assert got.loc[1, "date"] is None or pd.isna(got.loc[1, "date"])


def test_a_short_column_is_read_by_pythons_regex_alone(monkeypatch):
    """Issue 14 / the test run's time: pyarrow's RE2 way costs some 3 ms a call whatever the column's length, so
    a survey's or an inspection sheet's 20 stamps (and most of the test suite's files) are read by Python's
    regex alone; a long column by RE2 first."""
    import pyarrow.compute as pc

    calls: list[str] = []
    match = pc.match_substring_regex

    def counted(text, pattern, **kw):
        calls.append(pattern)
        return match(text, pattern, **kw)

    monkeypatch.setattr(stamp_regex.pc, "match_substring_regex", counted)
    short = pd.Series(["3/1/2026 9:30:00 AM"] * 20, dtype="str")
    stamp_regex.extract(short, stamps._US)
    assert calls == []
    long = pd.Series(["3/1/2026 9:30:00 AM"] * stamp_regex.PYTHON_REGEX_BELOW, dtype="str")
    pd.testing.assert_frame_equal(stamp_regex.extract(long, stamps._US), long.str.extract(stamps._US))
    assert calls


def test_a_form_no_cell_takes_is_not_extracted(monkeypatch):
    """Issue 14 (import by columns): RE2's extraction with its groups was run for every form of a family over
    the whole column, the ISO family's over a column of US stamps that none of them matches and the US
    family's dotted and dashed forms after its slashed one took every cell (~50 of a column's 330 ms). A cell
    is matched without the groups first; a form no cell left takes is not extracted. What is read is
    ``Series.str.extract``'s, as above."""
    import pyarrow.compute as pc

    extracted: list[str] = []
    extract_regex = pc.extract_regex

    def counted(text, pattern):
        extracted.append(pattern)
        return extract_regex(text, pattern)

    monkeypatch.setattr(stamp_regex.pc, "extract_regex", counted)
    monkeypatch.setattr(stamp_regex, "PYTHON_REGEX_BELOW", 0)  # RE2's way, for any length
    values = pd.Series(["3/1/2026 9:30:00 AM", "12/31/2025 11:59:59 PM", "", None], dtype="str")
    for pattern in (stamps._ISO, stamps._US):
        pd.testing.assert_frame_equal(stamp_regex.extract(values, pattern), values.str.extract(pattern))
    assert len(extracted) == 1 and "(?P<sep>/)" in extracted[0]  # the US family's slashed form only


def test_parse_reads_unicode_digits_and_odd_spaces_as_before():
    values = pd.Series(
        ["3/1/2026\x0b9:30", "3/1/2026 9:30", "２０２６-03-01 09:30"], index=[2, 3, 4], dtype="str"
    )
    got = stamps.parse_timestamps(values, "UTC")
    assert got.utc.tolist() == [pd.Timestamp("2026-03-01 09:30")] * 3


@pytest.mark.parametrize(
    ("cell", "utc"),
    [
        ("2024-08-01 09:00:00+08", "2024-08-01 01:00:00"),  # PostgreSQL's timestamptz in a +08 session
        ("2024-08-01 09:00:00.123+08", "2024-08-01 01:00:00.123"),
        ("2024-08-01T09:00:00-05", "2024-08-01 14:00:00"),
        ("2026/11/03 9:15:02 PM GMT+8", "2026-11-03 13:15:02"),  # Google Forms
        ("2026/11/03 9:15:02 PM GMT+08:00", "2026-11-03 13:15:02"),
        ("2026-11-03 21:15 UTC+5:30", "2026-11-03 15:45:00"),
        ("2026-11-03 21:15 UTC-0300", "2026-11-04 00:15:00"),
        ("Tue, 3 Nov 2026 21:15:00 GMT+8", "2026-11-03 13:15:00"),
        ("20261103T211500+08", "2026-11-03 13:15:00"),
        ("2026-11-03 21:15:00+08:00", "2026-11-03 13:15:00"),
        ("2026-11-03 21:15 GMT", "2026-11-03 21:15:00"),
        # Java's ZonedDateTime.toString(), as Java-based ticketing systems dump their stamps (session 38 probe:
        # refused as not a date): the offset before the region decides
        ("2026-11-03T21:15+08:00[Asia/Shanghai]", "2026-11-03 13:15:00"),
        ("2026-11-03T21:15:30.250-05:00[America/New_York]", "2026-11-04 02:15:30.250"),
        ("2026-11-03T13:15Z[UTC]", "2026-11-03 13:15:00"),
        ("2026-11-03T21:15:00+05:30[Etc/GMT-5]", "2026-11-03 15:45:00"),
        # an offset zone prints its offset in the brackets too (ZoneId.of("GMT+08:00"), "UTC+08:00")
        ("2026-11-03T21:15+08:00[GMT+08:00]", "2026-11-03 13:15:00"),
        ("2026-11-03T21:15-05:00[UTC-05:00]", "2026-11-04 02:15:00"),
    ],
)
def test_an_offset_of_hours_alone_or_after_a_zone_name_is_read_as_it_says(cell, utc):
    """Session 31 probes: "+08" and "GMT+8" were refused as not a date (the offset needed its minutes)."""
    got = stamps.parse_timestamps(pd.Series([cell]), "America/New_York")
    assert not got.bad.iloc[0]
    assert got.utc.iloc[0] == pd.Timestamp(utc)


def test_times_in_a_change_of_the_clock_are_named():
    # complaint probe: 01:30 on 2024-03-31 (skipped in London) and on 2024-10-27 (twice) were resolved silently
    got = stamps.parse_timestamps(
        pd.Series(["2024-03-31 01:30", "2024-10-27 01:30", "2024-10-27 03:30", "2024-06-01 01:30"]),
        "Europe/London",
    )
    assert got.clock_change == [0, 1]
    assert list(got.utc[:2]) == [pd.Timestamp("2024-03-31 01:00"), pd.Timestamp("2024-10-27 00:30")]
    assert stamps.parse_timestamps(pd.Series(["2024-03-31 01:30"]), "Asia/Shanghai").clock_change == []


@pytest.mark.parametrize(
    ("cell", "utc", "date_only"),
    [
        ("Nov 5, 2026", "2026-11-05 00:00", True),
        ("November 5, 2026", "2026-11-05 00:00", True),
        ("Thursday, November 5, 2026", "2026-11-05 00:00", True),
        ("Nov 5th, 2026 2:30 PM", "2026-11-05 06:30", False),
        ("Nov. 5 2026 14:30", "2026-11-05 06:30", False),
        ("Nov 5, 2026 14:30 +0000", "2026-11-05 14:30", False),
    ],
)
def test_a_us_english_date_with_the_months_name_first_is_read(cell, utc, date_only):
    """A QA probe's "Nov 5, 2026" (Excel's and Google Sheets' long date) was refused as not a date, where
    "5 Nov 2026" was read."""
    got = stamps.parse_timestamps(pd.Series([cell]), "Asia/Shanghai")
    assert not got.bad.iloc[0]
    assert (got.utc.iloc[0], bool(got.date_only.iloc[0])) == (pd.Timestamp(utc), date_only)


def test_a_month_first_date_that_does_not_exist_is_no_date():
    got = stamps.parse_timestamps(pd.Series(["Nov 31, 2026", "Mayday 5, 2026"]), "UTC")
    assert got.bad.tolist() == [True, True]


def test_an_excel_serial_number_is_read_as_a_local_date_time_or_a_date():
    """Exports probe: General-formatted Excel date-times ('46341.91666666666', a CSV saved from such a sheet keeps
    some 6 decimals) were "not a date"; a serial day is read in the 1900 date system, its fraction the time of day
    in the import's zone, to the second; a whole number is a date-only stamp. Numbers outside 20000-79999 stay no
    stamp."""
    got = stamps.parse_timestamps(
        pd.Series(["46341.91666666666", "46332.195833", "46341", "19999.5", "80000.5", "46341.5.1"]),
        "Asia/Shanghai",
    )
    assert got.bad.tolist() == [False, False, False, True, True, True]
    assert list(got.utc[:3]) == [
        pd.Timestamp("2026-11-15 14:00:00"),  # 22:00 in Shanghai
        pd.Timestamp("2026-11-05 20:42:00"),  # 2026-11-06 04:42 local (.195833 of a day is 04:41:59.97)
        pd.Timestamp("2026-11-15 00:00:00"),  # a date, unshifted
    ]
    assert got.date_only.tolist()[:3] == [False, False, True]
    assert list(got.local_date[:3]) == [pd.Timestamp(d) for d in ("2026-11-15", "2026-11-06", "2026-11-15")]


def test_a_region_without_an_offset_is_still_no_date():
    """Only the offset is read: a bracketed region alone (no offset, as Java never prints it) stays refused."""
    got = stamps.parse_timestamps(pd.Series(["2026-11-03T21:15[Asia/Shanghai]"]), "UTC")
    assert got.bad.iloc[0]


@pytest.mark.parametrize(
    ("cell", "utc"),
    [
        # Windows' zone names put the offset in brackets ("(UTC+08:00) Beijing"), exports copy it so; Google Forms,
        # JavaScript's Date and Java's Date (a GMT zone) write GMT+8, GMT+0800 (China Standard Time), GMT+08:00
        ("2026-11-03 21:15:00 (GMT+08:00)", "2026-11-03 13:15:00"),
        ("2026-11-03 21:15 (UTC+08:00)", "2026-11-03 13:15:00"),
        ("2026-11-03 21:15 (GMT+8)", "2026-11-03 13:15:00"),
        ("2026-11-03 21:15 GMT+08:00 (China Standard Time)", "2026-11-03 13:15:00"),
        ("11/3/2026 9:15 PM GMT+8", "2026-11-03 13:15:00"),
        ("11/3/2026 9:15:00 PM (GMT+08:00)", "2026-11-03 13:15:00"),
        ("2026年11月3日 21:15 GMT+8", "2026-11-03 13:15:00"),
        ("2026/11/3 下午 9:15 (GMT+08:00)", "2026-11-03 13:15:00"),
        ("Tue Nov 03 2026 21:15:00 GMT+0800 (China Standard Time)", "2026-11-03 13:15:00"),
        ("Tue Nov 03 2026 21:15:00 GMT+0800 (中国标准时间)", "2026-11-03 13:15:00"),
        ("Tue Nov 03 21:15:00 GMT+08:00 2026", "2026-11-03 13:15:00"),
        ("Tue Nov 03 08:15:00 GMT-05:00 2026", "2026-11-03 13:15:00"),
        # RFC 2822 (e-mail, RSS): a comment after the offset names its zone, never read
        ("Tue, 03 Nov 2026 21:15:00 +0800 (CST)", "2026-11-03 13:15:00"),
        ("Tue, 03 Nov 2026 13:15:00 +0000 (UTC)", "2026-11-03 13:15:00"),
        ("Tue, 03 Nov 2026 21:15:00 (GMT+08:00)", "2026-11-03 13:15:00"),
    ],
)
def test_a_gmt_offset_in_brackets_or_after_any_stamp_is_read_by_its_offset(cell, utc):
    """Probe (session 38): these were refused as not a date, where Java's +08:00[Asia/Shanghai] was read."""
    got = stamps.parse_timestamps(pd.Series([cell]), "America/New_York")
    assert not got.bad.iloc[0]
    assert got.utc.iloc[0] == pd.Timestamp(utc)


def test_a_zone_name_in_brackets_without_an_offset_is_still_no_date():
    got = stamps.parse_timestamps(
        pd.Series(
            [
                "2026-11-03 21:15 (China Standard Time)",
                "11/3/2026 9:15 PM (Beijing)",
                "Tue Nov 03 21:15:00 CST 2026",
            ]
        ),
        "UTC",
    )
    assert got.bad.tolist() == [True, True, True]


@pytest.mark.parametrize(
    "cell",
    [
        "2026-11-03 21:15 GMT (China Standard Time)",
        "2026-11-03 21:15 UTC (Beijing)",
        "2026-11-03T21:15Z (China Standard Time)",
        "2026-11-03 21:15 (GMT)",
        "2026-11-03 21:15 (Z)",
        "2026-11-03 21:15:00 (UTC)",
        "11/3/2026 9:15 PM (GMT)",
        "11/3/2026 9:15 PM GMT (China Standard Time)",
        "2026年11月3日 21:15 (UTC)",
        "Nov 3, 2026 9:15 PM GMT (China Standard Time)",
        "Nov 3, 2026 9:15 PM (GMT)",
        # RFC 2822's bracketed comment alone was read as the source's local time (probe, session 39)
        "Tue, 01 Oct 2026 21:15:00 (GMT)",
        "Tue, 03 Nov 2026 21:15:00 (China Standard Time)",
        "03 Nov 2026 21:15 (UTC)",
        "Tue, 03 Nov 2026 21:15:00 GMT (China Standard Time)",
    ],
)
def test_a_zone_without_an_offset_before_a_name_or_in_brackets_is_no_date(cell):
    """Review of 51210e1: a zone's name is read only after a signed offset; a bare GMT, UTC or Z before a name, or
    alone in brackets, was read as UTC though the name (China Standard Time) may be what the clock showed."""
    got = stamps.parse_timestamps(pd.Series([cell]), "Asia/Shanghai")
    assert got.bad.iloc[0]


def test_an_e_mail_exports_bracketed_zone_without_an_offset_is_refused_naming_row_and_column(con):
    """A ticketing export of e-mail headers: "Tue, 01 Oct 2026 21:15:00 (GMT)" (RFC 2822's comment alone) was read
    as 21:15 in the file's zone (Shanghai: 13:15 UTC, eight hours off if the clock was GMT's); refused as the other
    families refuse a zone without an offset, naming its row and column. The offset with its comment still reads."""
    from datetime import datetime

    from portal.auth import User
    from portal.ingest import pipeline, registry
    from portal.scope import Scope

    data = (
        b"source_id,received_at,channel,store_code\n"
        b'E-1,"Tue, 01 Oct 2026 13:15:00 +0000 (UTC)",e-mail,S001\n'
        b'E-2,"Tue, 01 Oct 2026 21:15:00 (GMT)",e-mail,S001\n'
    )
    kind = registry.kind("complaints")
    admin = User("t_admin", "Test Admin", ("admin",), Scope.everything())
    raw = pipeline.read(con, kind, data, "mail.csv")
    options = pipeline.ImportOptions(timezone="Asia/Shanghai", now=datetime(2026, 12, 1))
    prepared = pipeline.prepare(con, kind, raw, None, options, admin)
    assert prepared.values.loc[prepared.valid_mask, "source_id"].tolist() == ["E-1"]
    assert prepared.values.loc[prepared.valid_mask, "received_at"].tolist() == [
        pd.Timestamp("2026-10-01 13:15")
    ]
    [error] = prepared.error_messages("en").to_dict("records")
    assert (error["row"], error["column"]) == (3, "received_at")
    assert error["reason"].startswith("Not a date or time"), error
