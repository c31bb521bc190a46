"""Issue 9 point 5 on the complaint figures: date-only stamps count on their own date in every reporting zone and
their durations are given in whole days. Point 6 (a figure whose inputs the data lacks says "no data" and why):
tests/test_complaints_missing_inputs.py.

Complaints are written here (directly, or through the import for the partial-data flags); every expected
number is worked out by hand in the comments. All stores of tests/fixtures.py; S001 is store 1.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from portal import complaints, kpi
from portal.complaints import listing
from portal.filters import Filters
from portal.i18n import t
from portal.scope import Scope

EVERYTHING = Scope.everything()
ZONES = ("America/New_York", "Europe/Berlin", "Asia/Shanghai")
# low_confidence_n 1: a figure with any n is judged against its target, so a wrongly computed 0 % would be
# coloured "misses" and a no-data figure must stay uncoloured by its own rule
GOALS = complaints.Targets(low_confidence_n=1)
INSERT = (
    "insert into complaints (source, store_id, region_id, channel, source_id, received_at, received_date_only, "
    "first_response_at, first_response_date_only, resolved_at, resolved_date_only, closed_at, closed_date_only, "
    "status) values ('test', 1, 1, 'hotline', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def add(con, *rows):
    """Rows of (source_id, received, received_date_only, first_response, fr_date_only, resolved,
    resolved_date_only, closed, closed_date_only, status) at store S001, channel hotline."""
    con.executemany(INSERT, [list(r) for r in rows])


def d(text: str) -> datetime:
    """'03-02' -> 2026-03-02 00:00: a date-only stamp is stored as its date at midnight, no zone shift."""
    return datetime.strptime(f"2026-{text}", "%Y-%m-%d")


def u(text: str) -> datetime:
    """'03-04 09:00' -> 2026-03-04 09:00 UTC (a precise stamp, stored in UTC)."""
    return datetime.strptime(f"2026-{text}", "%Y-%m-%d %H:%M")


def figures(con, filters: Filters, as_of: datetime | None = None):
    return complaints.figures(kpi.runner(con, EVERYTHING), filters, GOALS, as_of=as_of)


# ---------------------------------------------------------------- point 5: date-only stamps


@pytest.mark.parametrize("zone", ZONES)
def test_a_date_only_receipt_counts_on_its_own_date_in_every_zone(con, zone):
    # Date-only receipts: 1 on 03-01 (a Sunday), 2 on 03-02 (Monday), 4 on 03-03, all still open.
    add(
        con,
        *[(f"D1-{i}", d("03-01"), True, None, False, None, False, None, False, "open") for i in range(1)],
        *[(f"D2-{i}", d("03-02"), True, None, False, None, False, None, False, "open") for i in range(2)],
        *[(f"D3-{i}", d("03-03"), True, None, False, None, False, None, False, "open") for i in range(4)],
    )
    # The day 03-02 in every zone holds exactly the two complaints dated 03-02. (Before issue 9 the stamp was
    # compared as midnight UTC: in New York the day 03-02 runs 05:00 UTC 03-02 .. 05:00 UTC 03-03, so it
    # held the four dated 03-03 and none of 03-02.)
    day = figures(con, Filters(start=date(2026, 3, 2), end=date(2026, 3, 2), timezone=zone))
    assert day.summary["complaint_count"] == 2
    assert day.summary["received_date_only_count"] == 2
    # Sunday 03-01 alone: 1; the week Mon 03-02 .. Sun 03-08: 2 + 4 = 6, all in the week of 03-02
    assert (
        figures(con, Filters(start=date(2026, 3, 1), end=date(2026, 3, 1), timezone=zone)).summary[
            "complaint_count"
        ]
        == 1
    )
    week = figures(con, Filters(start=date(2026, 3, 2), end=date(2026, 3, 8), timezone=zone))
    assert week.summary["complaint_count"] == 6
    weekly = week.trend.set_index(week.trend["week_start"].dt.strftime("%Y-%m-%d"))["complaint_count"]
    assert weekly.to_dict() == {"2026-03-02": 6}
    # Backlog at the end of 03-02 (local): D1 and D2 (3 complaints), not yet D3 (received the next day); both
    # dates are at least a day old at local midnight 03-03: D2 exactly 24 h (1-3 d), D1 48 h (1-3 d)
    assert day.summary["backlog_count"] == 3
    assert day.summary["backlog_1_3d_count"] == 3
    # the complaint list shows a date-only receipt on its own date (its midnight) in the reporting zone
    req = listing.ListRequest(Filters(start=date(2026, 3, 2), end=date(2026, 3, 2), timezone=zone))
    frame, total = listing.page_of(kpi.runner(con, EVERYTHING), req, GOALS)
    assert total == 2
    assert set(frame["received_local"].dt.strftime("%Y-%m-%d %H:%M")) == {"2026-03-02 00:00"}


def _day_durations(con):
    # Period Mon 03-02 .. Sun 03-08 (local). Received in it (D: date only, U: precise UTC):
    #   E1  received D 03-02, first response D 03-02 (0 d), resolved D 03-04 (2 d)        resolved
    #   E2  received D 03-03, first response D 03-04 (1 d), resolved D 03-08 (5 d)        resolved
    #   E3  received D 03-03, first response D 03-06 (3 d)                                responded (open)
    #   E4  received D 03-05, first response D 03-14 (9 d; after the period: FRT counts by receipt) responded
    #   E5  received U 03-06 12:00 (03-06 in all three zones: 07:00 / 13:00 / 20:00 local), first response
    #       D 03-07 (1 d)                                                                 responded (open)
    #   P1  received U 03-04 09:00, first response U 03-04 11:00 (2 h), resolved U 03-05 09:00 (24 h)
    add(
        con,
        ("E1", d("03-02"), True, d("03-02"), True, d("03-04"), True, None, False, "resolved"),
        ("E2", d("03-03"), True, d("03-04"), True, d("03-08"), True, None, False, "resolved"),
        ("E3", d("03-03"), True, d("03-06"), True, None, False, None, False, "responded"),
        ("E4", d("03-05"), True, d("03-14"), True, None, False, None, False, "responded"),
        ("E5", u("03-06 12:00"), False, d("03-07"), True, None, False, None, False, "responded"),
        (
            "P1",
            u("03-04 09:00"),
            False,
            u("03-04 11:00"),
            False,
            u("03-05 09:00"),
            False,
            None,
            False,
            "resolved",
        ),
    )


@pytest.mark.parametrize("zone", ZONES)
def test_durations_on_date_only_stamps_are_given_in_whole_days(con, zone):
    _day_durations(con)
    figs = figures(con, Filters(start=date(2026, 3, 2), end=date(2026, 3, 8), timezone=zone))
    s = figs.summary
    # First response: 5 durations rest on a date-only stamp (E1..E5), 1 has hour precision (P1): days.
    # Days sorted [0, 1, 1, 3, 9]: median 1; p90 by linear interpolation at 0.9 x 4 = 3.6: 3 + 0.6 x (9 - 3) = 6.6
    assert (s["first_response_days_n"], s["first_response_n"]) == (5, 1)
    median, p90 = figs.tile("first_response_median"), figs.tile("first_response_p90")
    assert (median.unit, median.value, median.n) == ("days", 1.0, 5)
    assert (p90.unit, p90.n) == ("days", 5) and p90.value == pytest.approx(6.6)
    assert median.label == "complaints.tile.first_response_median_days"
    assert median.target is None and median.status is None  # no hour target judges a figure in days
    assert kpi.format_value(median) == "1.0 d"
    # Shares of the 5: same day E1 = 1/5 = 20 %; within 1 day E1 E2 E5 = 3/5 = 60 %; within 7 days all but E4
    # = 4/5 = 80 %
    shares = {f.key: (f.value, f.n) for f in figs.tiles if f.key.startswith("answered_")}
    assert shares == {
        "answered_same_day": (pytest.approx(20.0), 5),
        "answered_within_1d": (pytest.approx(60.0), 5),
        "answered_within_7d": (pytest.approx(80.0), 5),
    }
    # The 24 h SLA judges an answer on a date where the dates decide it: E1 the same day (met), E3 and E4 two days
    # or more after (missed), P1 in 2 h (met); E2 and E5 the day after cannot be told: left out, counted.
    # 2 met of 4 = 50.0 % (before: no data, although E1, E3 and E4 are certain)
    sla = figs.tile("sla_attainment")
    assert (sla.value, sla.n, sla.no_data_reason) == (pytest.approx(50.0), 4, None)
    assert (s["sla_elapsed_count"], s["sla_met_count"], s["sla_undecided_count"]) == (4, 2, 2)
    # Resolution in the period: E1 2 d, E2 5 d (date only), P1 24 h: 2 in days > 1 in hours -> days;
    # median of [2, 5] = 3.5, p90 = 2 + 0.9 x 3 = 4.7
    res_median, res_p90 = figs.tile("resolution_median"), figs.tile("resolution_p90")
    assert (res_median.unit, res_median.value, res_median.n) == ("days", 3.5, 2)
    assert res_p90.value == pytest.approx(4.7)
    # The tiles' order: the three shares follow the SLA tile
    keys = [f.key for f in figs.tiles]
    assert keys[keys.index("sla_attainment") + 1 : keys.index("sla_attainment") + 4] == [
        "answered_same_day",
        "answered_within_1d",
        "answered_within_7d",
    ]
    # Backlog at the period's end: E3, E4, E5 (responded, not resolved) = 3
    assert s["backlog_count"] == 3
    # Both languages say "whole days"
    assert "whole days" in t(median.label, "en") and "整天" in t(median.label, "zh")


def test_mostly_precise_durations_stay_in_hours_and_leave_the_date_only_ones_out(con):
    # P1, P2, P3 answered in 2 h, 4 h, 6 h; E1 answered on a date-only stamp (1 d): 3 in hours > 1 in days
    add(
        con,
        ("P1", u("03-02 09:00"), False, u("03-02 11:00"), False, None, False, None, False, "responded"),
        ("P2", u("03-03 09:00"), False, u("03-03 13:00"), False, None, False, None, False, "responded"),
        ("P3", u("03-04 09:00"), False, u("03-04 15:00"), False, None, False, None, False, "responded"),
        ("E1", d("03-03"), True, d("03-04"), True, None, False, None, False, "responded"),
    )
    figs = figures(con, Filters(start=date(2026, 3, 2), end=date(2026, 3, 8), timezone="Europe/Berlin"))
    median = figs.tile("first_response_median")
    assert (median.unit, median.value, median.n) == ("hours", 4.0, 3)  # median of 2, 4, 6 h
    assert figs.summary["first_response_date_only_count"] == 1  # said in the page's definitions
    assert not any(f.key.startswith("answered_") for f in figs.tiles)
    assert figs.tile("sla_attainment").no_data_reason is None


@pytest.mark.parametrize("zone", ZONES)
def test_a_date_only_receipt_counts_in_its_own_month_on_the_scorecards(con, zone):
    """The scorecards read complaint_facts in the reporting zone too: complaint received "2026-10-01" (date only)
    by agent 1 is handled in October in every zone. Without the zone it would begin at 00:00 UTC, which in
    New York is still 30 September (October begins there at 04:00 UTC): September's count."""
    from portal.scorecards.periods import Period, sql_params

    con.execute(
        "insert into complaints (source, store_id, region_id, channel, source_id, received_at, "
        "received_date_only, status, agent_id) values ('test', 1, 1, 'hotline', 'D1', ?, true, 'open', 1)",
        [d("10-01")],
    )
    periods = [Period(date(2026, 9, 1), "month"), Period(date(2026, 10, 1), "month")]
    params = sql_params(periods, zone) | {"sla_as_of": u("12-01 00:00"), "sla_hours": 24}
    rows = con.execute(
        "select period_no, handled_n from agent_period_metrics(period_starts_at := $period_starts_at, "
        "period_ends_at := $period_ends_at, period_starts_on := $period_starts_on, "
        "period_ends_on := $period_ends_on, sla_as_of := $sla_as_of, sla_hours := $sla_hours, "
        "report_tz := $report_tz) where agent_id = 1 order by period_no",
        params,
    ).fetchall()
    assert dict(rows) == {0: 0, 1: 1}  # September none, October the one
