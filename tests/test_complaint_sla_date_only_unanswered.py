"""An unanswered complaint received on a date only and the 24 h response SLA (SPEC §3: a complaint still unanswered
after 24 h counts as a breach; §2: a date-only stamp is any instant of its date in the reporting zone).

Before, such a complaint was in neither part of the SLA whatever the date: received 2026-11-01 and still unanswered
on 2026-11-05 was no breach. Now its window is counted from its day's end (the latest it can have come): a breach
once that has run out; until then in neither part (it may still be inside its 24 h), and never "undecided" (that
count is for answers on a date). The dashboard's tile, the agent's card and the complaint list's "SLA missed" (all
from complaint_facts) and the bench's pandas twins agree.

Fixture, worked by hand: N1 received D 11-01 (a date only), not answered, agent A001 at S001; 24 h.
  Calendar, reporting zone UTC: the day ends 11-02 00:00 UTC, the window 11-03 00:00 UTC.
    judged 11-02 12:00: 12 h from the day's end, in neither part      (met 0, elapsed 0)
    judged 11-02 23:59: still in neither part                        (0, 0)
    judged 11-03 00:00: 24 h from the day's end: a breach             (0, 1)
    judged 11-05 00:00: a breach                                      (0, 1)
  Reporting zone Asia/Shanghai (UTC+8): D 11-01 ends 11-01 16:00 UTC, the window 11-02 16:00 UTC.
    judged 11-02 15:59: neither part; 11-02 16:00: a breach.
  Business hours (S001 open 09:00-21:00 Asia/Shanghai every day, reporting zone UTC): the day ends 11-02 00:00 UTC =
  08:00 local, before opening; 24 opening hours are 11-02 09:00-21:00 and 11-03 09:00-21:00 local, so the window
  runs out 11-03 21:00 local = 13:00 UTC (the calendar would say 11-03 00:00).
    judged 11-03 12:59 UTC: neither part; 11-03 13:00 UTC: a breach.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bench import cases_complaints, cases_scorecards, run
from portal import complaints, kpi
from portal.complaints import listing
from portal.filters import Filters
from portal.scope import Scope
from portal.scorecards import figures, periods

EVERYTHING = Scope.everything()
NOVEMBER = periods.parse("2026-11")
INSERT = (
    "insert into complaints (source, store_id, region_id, channel, agent_id, source_id, received_at, "
    "received_date_only, status) values ('test', 1, 1, 'hotline', 1, 'N1', timestamp '2026-11-01', true, 'open')"
)
NEITHER, BREACH = (0, 0), (0, 1)

# (reporting zone, judged at (UTC), (met, elapsed)) by hand above
CALENDAR = [
    ("UTC", datetime(2026, 11, 2, 12, 0), NEITHER),
    ("UTC", datetime(2026, 11, 2, 23, 59), NEITHER),
    ("UTC", datetime(2026, 11, 3, 0, 0), BREACH),
    ("UTC", datetime(2026, 11, 5, 0, 0), BREACH),
    ("Asia/Shanghai", datetime(2026, 11, 2, 15, 59), NEITHER),
    ("Asia/Shanghai", datetime(2026, 11, 2, 16, 0), BREACH),
]


def _filters(zone: str, business_hours: bool = False) -> Filters:
    return Filters(
        start=date(2026, 11, 1), end=date(2026, 11, 30), timezone=zone, business_hours=business_hours
    )


def _dashboard(con, zone: str, sla_as_of: datetime, business_hours: bool = False) -> dict:
    goals = complaints.Targets(low_confidence_n=1)
    filters = _filters(zone, business_hours)
    figs = complaints.figures(kpi.runner(con, EVERYTHING), filters, goals, as_of=sla_as_of)
    return figs.summary


def _listed_as_missed(con, zone: str, sla_as_of: datetime, business_hours: bool = False) -> list[str]:
    req = listing.ListRequest(_filters(zone, business_hours), overdue="sla")
    goals = complaints.Targets(low_confidence_n=1)
    frame, _ = listing.page_of(kpi.runner(con, EVERYTHING), req, goals, as_of=sla_as_of, sla_as_of=sla_as_of)
    return list(frame["source_id"])


@pytest.mark.parametrize(("zone", "sla_as_of", "expected"), CALENDAR)
def test_an_unanswered_complaint_on_a_date_is_a_breach_once_its_day_and_window_are_over(
    con, zone, sla_as_of, expected
):
    con.execute(INSERT)
    s = _dashboard(con, zone, sla_as_of)
    assert s["complaint_count"] == 1
    assert (s["sla_met_count"], s["sla_elapsed_count"], s["sla_undecided_count"]) == (*expected, 0)
    # the list's "SLA missed" holds it exactly when the tile counts a breach
    assert _listed_as_missed(con, zone, sla_as_of) == (["N1"] if expected == BREACH else [])
    # the agent's card: n 1 at 0.0 % (a breach), or no n at all
    sset = figures.figures(con, EVERYTHING, NOVEMBER, timezone=zone, sla_as_of=sla_as_of, sla_history=())
    sla = next(c for c in sset.cards if c.agent_code == "A001").metric("sla_attainment")
    assert (sla.n, sla.left_out_n, sla.value) == (expected[1], 0, 0.0 if expected == BREACH else None)
    # the bench's pandas twins of both
    frames = run.load_frames(con)
    goals = complaints.Targets(low_confidence_n=1)
    twin = cases_complaints.complaint_figures_pandas(frames, _filters(zone), sla_as_of, goals)["summary"]
    assert (twin["sla_met_count"], twin["sla_elapsed_count"], twin["sla_undecided_count"]) == (*expected, 0)
    params = periods.sql_params([NOVEMBER], zone) | {"sla_as_of": sla_as_of, "sla_hours": 24.0}
    counts = cases_scorecards.agent_period_counts(frames, params).set_index("agent_id").loc[1]
    assert (counts["sla_met_n"], counts["sla_elapsed_n"], counts["sla_date_only_n"]) == (*expected, 0)


@pytest.mark.parametrize(
    ("sla_as_of", "expected"),
    [
        (datetime(2026, 11, 3, 0, 0), NEITHER),
        (datetime(2026, 11, 3, 12, 59), NEITHER),
        (datetime(2026, 11, 3, 13, 0), BREACH),
    ],
)
def test_business_hours_count_the_window_from_the_day_end_on_the_store_clock(con, sla_as_of, expected):
    con.execute(INSERT)
    s = _dashboard(con, "UTC", sla_as_of, business_hours=True)
    assert (s["sla_met_count"], s["sla_elapsed_count"], s["sla_undecided_count"]) == (*expected, 0)
    assert _listed_as_missed(con, "UTC", sla_as_of, business_hours=True) == (
        ["N1"] if expected == BREACH else []
    )
