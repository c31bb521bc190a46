"""The demo's last day is today in the reporting zone (Asia/Shanghai), also in the UTC evening, when Beijing's day
has begun and the machine's UTC date is still the day before; no day holds the complaints of another."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pytest

from portal import demo
from portal.demo.base import DAY_S, day_weights, make_clock
from portal.demo.complaints import build_complaints
from portal.demo.master import CITIES, build_master
from tests import fixtures

LATE_UTC = datetime(2026, 3, 15, 17, 5)  # 01:05 on 16 March in Shanghai; 23:05 on 15 March in Urumqi
N = 200_000


def test_the_demo_zone_is_the_zone_of_most_stores():
    stores = {}
    for cities in CITIES.values():
        for _city, count, zone in cities:
            stores[zone] = stores.get(zone, 0) + count
    assert max(stores, key=stores.get) == demo.base.ZONE == "Asia/Shanghai"


@pytest.mark.parametrize(
    ("as_of", "last_day"),
    [(datetime(2026, 3, 15, 6, 30), date(2026, 3, 15)), (LATE_UTC, date(2026, 3, 16))],
)
def test_the_last_day_is_today_in_shanghai(as_of, last_day):
    clock = make_clock(as_of)
    assert clock.end_date == last_day
    assert (clock.end_date - clock.start_date).days == demo.base.WINDOW_DAYS - 1


def _local_days(as_of: datetime):
    clock = make_clock(as_of)
    master = build_master(clock)
    made = build_complaints(np.random.default_rng(5), master, clock, N)
    received = made.frame["received_at"].to_numpy().astype("datetime64[s]").astype(np.int64)
    local_day = (received + made.offset_s - clock.start_s) // DAY_S
    return clock, received, local_day, made


def test_no_complaint_after_now_and_none_lost():
    clock, received, local_day, made = _local_days(LATE_UTC)
    assert len(received) == N
    assert received.max() <= clock.as_of_s
    assert local_day.min() >= 0 and local_day.max() <= clock.n_days - 1
    # ids follow local time: sorted by local day, then by the local second of the day
    local_s = received + made.offset_s
    assert (np.diff(local_day) >= 0).all()
    same_day = np.diff(local_day) == 0
    assert (np.diff(local_s)[same_day] >= 0).all()


def test_yesterday_does_not_hold_todays_complaints():
    """At 01:05 in Shanghai nearly all of the last day's complaints are still to come. Moved to the day before
    (the generator's rule until session 47) that day held about twice its share; drawn again over the earlier
    days by their weights, it holds its share (expected ~N x its weight, ~270 here, sd ~16)."""
    clock, _, local_day, made = _local_days(LATE_UTC)
    shanghai = made.offset_s == 8 * 3600
    expected = N * day_weights(clock) * shanghai.mean()
    counts = np.bincount(local_day[shanghai], minlength=clock.n_days)
    yesterday = clock.n_days - 2
    assert counts[yesterday] < 1.3 * expected[yesterday]
    assert counts[-1] < 0.1 * expected[-1]  # only what came in between midnight and 01:05
    # and over the window no day is far from its share (the largest relative excess of any day)
    assert (counts[:-1] / expected[:-1]).max() < 1.35


def test_nothing_in_the_database_is_dated_after_now_in_the_utc_evening(tmp_path):
    con = fixtures.fresh_db(tmp_path / "late.duckdb")
    demo.generate(con, scale=0.01, seed=2, as_of=LATE_UTC)
    newest = con.execute("select max(received_at) from complaints").fetchone()[0]
    assert newest <= LATE_UTC
    for table, column in [("survey_responses", "responded_on"), ("fives_inspections", "inspected_on")]:
        last = con.execute(f"select max({column}) from {table}").fetchone()[0]  # noqa: S608 - constant names
        assert last <= date(2026, 3, 16)
    for table, column in [("complaints", "first_response_at"), ("complaints", "resolved_at")]:
        assert con.execute(f"select max({column}) from {table}").fetchone()[0] <= LATE_UTC  # noqa: S608
    con.close()
