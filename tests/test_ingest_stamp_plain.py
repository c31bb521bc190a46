"""``stamp_plain.plain_iso``: the cells written exactly ``YYYY-MM-DD HH:MM:SS`` read by Arrow (issue 14), and
``parse_timestamps`` reading them as pandas' first fast format did: a cell that is not a real stamp, or of a year
outside 1900-2199, leaves the column to pandas as before."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd
import pyarrow as pa

from portal.ingest import stamps
from portal.ingest.stamp_plain import plain_iso

NOW = datetime(2026, 12, 1)


def _str(cells: list) -> pd.Series:
    return pd.Series(cells, dtype=pd.StringDtype("pyarrow", na_value=np.nan))


def test_only_cells_written_exactly_so_are_read():
    got = plain_iso(
        pa.array(
            [
                "2026-03-01 09:30:00",
                None,
                "2026-03-01T09:30:00",  # a T: not this format as written
                "2026-03-01 09:30",
                " 2026-03-01 09:30:00",  # 20 characters: a space before
                "2026-03-01 09:30:0x",
                "2026/03/01 09:30:00",
                "2024-02-29 23:59:59",
            ]
        )
    )
    assert got is not None
    want = ["2026-03-01T09:30:00", "NaT", "NaT", "NaT", "NaT", "NaT", "NaT", "2024-02-29T23:59:59"]
    assert got.tolist() == np.array(want, dtype="datetime64[us]").tolist()


def test_a_cell_that_is_no_real_stamp_or_of_another_century_leaves_the_column_to_pandas():
    assert plain_iso(pa.array(["2026-03-01 09:30:00", "2026-02-29 10:00:00"])) is None  # no 29 Feb in 2026
    assert plain_iso(pa.array(["2026-03-01 09:30:00", "2026-01-01 23:59:60"])) is None  # pandas: next minute
    assert plain_iso(pa.array(["2026-03-01 09:30:00", "1899-12-31 23:00:00"])) is None
    assert plain_iso(pa.array(["2026-03-01 09:30:00", "2200-01-01 00:00:00"])) is None
    assert plain_iso(pa.array(["3/1/2026 9:30", None])) is None


def test_plain_stamps_are_read_in_the_zone_and_stored_in_utc():
    # 09:30 in Shanghai (UTC+8) is 01:30 UTC; 00:10 on 2 March is still 1 March in UTC
    got = stamps.parse_timestamps(
        _str(["2026-03-01 09:30:00", "2026-03-02 00:10:00", "", "2026-11-30 23:00:00"]), "Asia/Shanghai", NOW
    )
    assert got.utc.tolist() == [
        pd.Timestamp("2026-03-01 01:30"),
        pd.Timestamp("2026-03-01 16:10"),
        pd.NaT,
        pd.Timestamp("2026-11-30 15:00"),
    ]
    assert got.local_date.tolist()[:2] == [pd.Timestamp("2026-03-01"), pd.Timestamp("2026-03-02")]
    assert got.date_only.tolist() == [False] * 4 and got.bad.tolist() == [False] * 4
    assert got.naive_count == 3 and not got.midnight_column


def test_a_column_with_a_second_60_or_a_day_that_does_not_exist_reads_as_pandas_did():
    got = stamps.parse_timestamps(
        _str(["2026-03-01 09:30:00", "2026-01-01 23:59:60", "2026-02-29 10:00:00", "2026-03-01 09:30"]),
        "UTC",
        NOW,
    )
    # 23:59:60 is the next minute (pandas' reading), 29 Feb 2026 no day, a time without seconds read too
    assert got.utc.tolist() == [
        pd.Timestamp("2026-03-01 09:30"),
        pd.Timestamp("2026-01-02 00:00"),
        pd.NaT,
        pd.Timestamp("2026-03-01 09:30"),
    ]
    assert got.bad.tolist() == [False, False, True, False]


def test_a_stamp_of_another_century_is_read_beside_plain_ones():
    got = stamps.parse_timestamps(
        _str(["1850-06-01 08:00:00", "2026-03-01 09:30:00", "3/1/2026 9:30 PM"]), "UTC", NOW
    )
    assert got.utc.tolist() == [
        pd.Timestamp("1850-06-01 08:00"),
        pd.Timestamp("2026-03-01 09:30"),
        pd.Timestamp("2026-03-01 21:30"),
    ]
    assert got.date_only.tolist() == [False] * 3 and got.bad.tolist() == [False] * 3
