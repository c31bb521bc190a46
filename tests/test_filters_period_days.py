"""``filters.in_progress`` and ``filters.month_days_in_period`` in numpy (issue 14: the pandas way cost ~1.6 ms of
a 5S or satisfaction trend) give what the pandas formulation gave: checked against it, written here, over week and
month starts (the 31st and 29 February among them), periods across month and year ends, and today inside, before
and after them; starts as datetime64 and as date objects."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from portal.filters import Filters, in_progress, month_days_in_period


def _in_progress_pandas(starts, grain, filters, today):
    if filters.end < today or starts.empty:
        return np.zeros(len(starts), dtype=bool)
    first = pd.to_datetime(starts)
    after = first + (pd.DateOffset(weeks=1) if grain == "week" else pd.DateOffset(months=1))
    now = pd.Timestamp(today)
    return ((first <= now) & (now < after)).to_numpy(bool)


def _month_days_pandas(starts, filters):
    first = pd.to_datetime(pd.Series(starts).reset_index(drop=True))
    last = first + pd.offsets.MonthEnd(0)
    lo = first.where(first > pd.Timestamp(filters.start), pd.Timestamp(filters.start))
    hi = last.where(last < pd.Timestamp(filters.end), pd.Timestamp(filters.end))
    days = ((hi - lo).dt.days + 1).clip(lower=0)
    return days.to_numpy("int64"), first.dt.days_in_month.to_numpy("int64")


MONTHS = [date(y, m, 1) for y in (2023, 2024, 2025) for m in range(1, 13)]
ODD_DAYS = [date(2024, 1, 31), date(2024, 2, 29), date(2025, 3, 31), date(2024, 12, 31), date(2025, 1, 15)]
WEEKS = [date(2024, 12, 23) + timedelta(weeks=k) for k in range(10)]


def _series(days, as_dates):
    return (
        pd.Series(days, dtype=object) if as_dates else pd.Series(pd.to_datetime(days), dtype="datetime64[us]")
    )


@pytest.mark.parametrize("as_dates", [False, True], ids=["datetime64", "dates"])
def test_the_numpy_ways_give_what_pandas_gave(as_dates):
    rng = random.Random(44)
    checked = 0
    for _ in range(300):
        start = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 1000))
        end = start + timedelta(days=rng.randrange(0, 200))
        today = start + timedelta(days=rng.randrange(-30, 260))
        filters = Filters(start=start, end=end)
        for grain, days in (("month", MONTHS + ODD_DAYS), ("week", WEEKS + ODD_DAYS)):
            starts = _series(rng.sample(days, 8), as_dates)
            want = _in_progress_pandas(starts, grain, filters, today)
            assert in_progress(starts, grain, filters, today).tolist() == want.tolist(), (
                grain,
                start,
                end,
                today,
            )
            checked += int(want.any())
        starts = _series(rng.sample(MONTHS + ODD_DAYS, 8), as_dates)
        got, want = month_days_in_period(starts, filters), _month_days_pandas(starts, filters)
        assert got[0].tolist() == want[0].tolist() and got[1].tolist() == want[1].tolist(), (start, end)
    assert checked > 20  # periods in progress were among the cases


def test_empty_starts():
    filters = Filters(start=date(2025, 1, 1), end=date(2025, 3, 31))
    empty = pd.Series([], dtype="datetime64[us]")
    assert in_progress(empty, "month", filters, date(2025, 2, 1)).tolist() == []
    days, month_days = month_days_in_period(empty, filters)
    assert days.dtype == month_days.dtype == np.dtype("int64") and len(days) == len(month_days) == 0


def test_a_month_partly_in_the_period_by_hand():
    # 15 Oct to 14 Nov 2025: 17 of October's 31 days, 14 of November's 30, none of December's 31
    filters = Filters(start=date(2025, 10, 15), end=date(2025, 11, 14))
    starts = pd.Series(pd.to_datetime(["2025-10-01", "2025-11-01", "2025-12-01"]))
    days, month_days = month_days_in_period(starts, filters)
    assert days.tolist() == [17, 14, 0] and month_days.tolist() == [31, 30, 31]
    # today 2025-11-10, the period runs on: November is in progress, October is not
    assert in_progress(starts, "month", filters, date(2025, 11, 10)).tolist() == [False, True, False]
