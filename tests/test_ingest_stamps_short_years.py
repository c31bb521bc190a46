"""Stamps with a two-digit year and Oracle's default formats: read (before, each was "not a date", so a whole
export from an Oracle-backed ticketing system or a US Excel with short years was refused row by row). A two-digit
year is 20YY, never 19YY: a date that lands in the future is an error as any future date is. Day and month of a
short-year date are ordered the way the file's other dates order them, as four-digit years are."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from portal.auth import User
from portal.ingest import pipeline, registry
from portal.ingest.stamps import day_first_in, parse_timestamps
from portal.scope import Scope

NOW = datetime(2026, 6, 1)
ZONE = "Asia/Shanghai"  # UTC+8: 09:05 local is 01:05 UTC


def parsed(*cells: str, day_first=None):
    p = parse_timestamps(pd.Series(list(cells)), ZONE, NOW, day_first)
    return [
        (None if pd.isna(u) else u.to_pydatetime(), bool(d), bool(f))
        for u, d, f in zip(p.utc, p.date_only, p.future, strict=True)
    ]


@pytest.mark.parametrize(
    ("cell", "utc", "date_only"),
    [
        ("05-MAR-26 09.05.00.000000 AM", datetime(2026, 3, 5, 1, 5), False),  # Oracle TIMESTAMP, NLS default
        ("05-MAR-26 09.05.00.000000 PM", datetime(2026, 3, 5, 13, 5), False),  # 21:05 local
        ("05-MAR-26 09.05.00.000000 PM +00:00", datetime(2026, 3, 5, 21, 5), False),  # its offset wins
        ("05-mar-2026 09.05.00", datetime(2026, 3, 5, 1, 5), False),
        ("05-MAR-26", datetime(2026, 3, 5), True),  # Oracle DATE, DD-MON-RR
        ("05-MAR-2026 09:05:00", datetime(2026, 3, 5, 1, 5), False),
        (
            "3/5/26 9:05",
            datetime(2026, 3, 5, 1, 5),
            False,
        ),  # month first: nothing in the cell tells otherwise
        ("3/5/26 9:05 PM", datetime(2026, 3, 5, 13, 5), False),
        ("1/5/26", datetime(2026, 1, 5), True),
        # Jira's dd/MMM/yy h:mm a and Zoho Desk's dd MMM yyyy hh:mm a (a probe's exports: every row refused)
        ("03/Mar/26 2:05 PM", datetime(2026, 3, 3, 6, 5), False),
        ("03/Mar/2026 2:05 PM", datetime(2026, 3, 3, 6, 5), False),
        ("03/Mar/26 14:05", datetime(2026, 3, 3, 6, 5), False),
        ("03 Mar 2026 02:05 PM", datetime(2026, 3, 3, 6, 5), False),
        ("3 March 2026 2:05 PM", datetime(2026, 3, 3, 6, 5), False),
        ("12/Mar/26 12:30 AM", datetime(2026, 3, 11, 16, 30), False),
    ],
)
def test_oracle_stamps_and_two_digit_years_are_read(cell, utc, date_only):
    assert parsed(cell) == [(utc, date_only, False)]


def test_a_two_digit_year_is_20yy_and_a_later_date_is_in_the_future():
    # 11/5/26 month first is 5 November 2026, after NOW (1 June 2026); 12/31/99 is 2099, not 1999: both future
    assert parsed("11/5/26", "12/31/99") == [
        (datetime(2026, 11, 5), True, True),
        (datetime(2099, 12, 31), True, True),
    ]


def test_the_order_of_short_year_dates_follows_the_files_other_dates():
    received, resolved = pd.Series(["3/5/26 9:05", "11/5/26"]), pd.Series(["13/5/26", None])
    # 13/5/26 can only be day first: the file's dates are day first, 3/5/26 is 3 May and 11/5/26 11 May
    assert day_first_in([received, resolved]) is True
    assert parsed("3/5/26 9:05", "11/5/26", day_first=True) == [
        (datetime(2026, 5, 3, 1, 5), False, False),
        (datetime(2026, 5, 11), True, False),
    ]
    # and a four-digit date elsewhere in the file decides a short one alike (5/13/2026: month first)
    assert day_first_in([pd.Series(["3/5/26"]), pd.Series(["5/13/2026"])]) is False


def test_a_complaint_export_with_short_years_imports_in_the_files_day_order(con):
    admin = User("t_admin", "Test Admin", ("admin",), Scope.everything())
    data = (
        b"source_id,received_at,channel,store_code,resolved_at\n"
        b"K1,3/5/26 9:05,hotline,S001,13/5/26\n"
        b"K2,11/5/26,hotline,S001,\n"
        b"K3,05-MAR-26 09.05.00.000000 AM,hotline,S001,\n"
    )
    options = pipeline.ImportOptions(now=NOW, timezone=ZONE)
    prepared, result = pipeline.import_bytes(
        con, registry.kind("complaints"), data, "x.csv", None, options, admin
    )
    assert prepared.errors.empty and result.rows_added == 3
    rows = con.execute(
        "select source_id, received_at, received_date_only, resolved_at from complaints order by 1"
    ).fetchall()
    assert rows == [
        ("K1", datetime(2026, 5, 3, 1, 5), False, datetime(2026, 5, 13)),  # day first: 13/5/26 shows it
        ("K2", datetime(2026, 5, 11), True, None),  # 11 May, not 5 November (in the future)
        ("K3", datetime(2026, 3, 5, 1, 5), False, None),
    ]
