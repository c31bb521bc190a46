"""Business hours across a change of the clock: real time while the store is open (models/complaint_facts.sql).

New York falls back on Sunday 2024-11-03 (02:00 EDT -> 01:00 EST, 06:00 UTC; that day has 25 hours) and
springs forward on Sunday 2024-03-10 (02:00 EST -> 03:00 EDT, 07:00 UTC; 23 hours). S003 is open all day
(00:00-24:00), S001 09:00-21:00; both in America/New_York. Stamps below are UTC.
"""

from datetime import date, datetime

import pytest

from portal import complaints
from portal.filters import Filters
from portal.scope import Scope
from tests import complaints_fixture as fx
from tests.test_complaints_business_hours import FACTS_CALL
from tests.test_complaints_queries import FIGURE_FACTS_PARAMS

ROWS = [
    # Saturday 23:30 EDT -> Sunday 23:30 EST: 25 real hours (a wall-clock day of 24 h), past the 24-hour SLA
    fx.complaint("n1", store=3, received="11-03 03:30", first_response="11-04 04:30", status="responded"),
    # Sunday 00:30 EDT -> 01:30 EST (the second 01:30): 2 real hours
    fx.complaint("n2", store=3, received="11-03 04:30", first_response="11-03 06:30", status="responded"),
    # Sunday 00:30 EST -> 03:30 EDT: 2 real hours (the skipped hour is not counted)
    fx.complaint("n3", store=3, received="03-10 05:30", first_response="03-10 07:30", status="responded"),
    # unanswered since Saturday 02:00 EDT: 23.5 real hours at 01:30 EDT on Sunday, 24.5 at 01:30 EST
    fx.complaint("n4", store=3, received="11-02 06:00"),
    # 09:00-21:00 hours are untouched by the change at 02:00: Saturday 20:00 EDT -> Monday 10:00 EST = 1 + 12 + 1
    fx.complaint("n5", store=1, received="11-03 00:00", first_response="11-04 15:00", status="responded"),
]


@pytest.fixture
def ny_con(con):
    con.execute("update stores set timezone = 'America/New_York' where store_id in (1, 3)")
    con.execute("update store_hours set opens_at = '00:00', closes_at = '00:00' where store_id = 3")
    fx.add_complaints(con, ROWS)
    return con


def facts(con, business_hours: bool, as_of: datetime) -> dict:
    """{source_id: (first_response_hours, is_answered_within_sla, is_sla_elapsed)} for 2024."""
    filters = Filters(start=date(2024, 1, 1), end=date(2024, 12, 31), business_hours=business_hours)
    params = complaints.query_params(filters, complaints.Targets(), as_of, as_of)
    params.update(Scope.everything().sql_params(), report_tz="America/New_York")
    rows = con.execute(
        f"select c.source_id, f.first_response_hours, f.is_answered_within_sla, f.is_sla_elapsed "  # noqa: S608
        f"from ({FACTS_CALL.format(macro='complaint_facts')}) as f join complaints as c using (complaint_id)",
        {n: params[n] for n in FIGURE_FACTS_PARAMS},
    ).fetchall()
    return {r[0]: (None if r[1] is None else round(r[1], 6), r[2], r[3]) for r in rows}


def test_business_hours_count_real_time_across_the_change_of_the_clock(ny_con):
    as_of = datetime(2024, 11, 6)
    business, calendar = facts(ny_con, True, as_of), facts(ny_con, False, as_of)
    assert business["n1"] == (25.0, False, True)
    assert business["n2"] == (2.0, True, True)
    assert business["n3"] == (2.0, True, True)
    assert business["n5"] == (14.0, True, True)
    # a store open all day gives its calendar hours
    assert {k: business[k] for k in ("n1", "n2", "n3", "n4")} == {
        k: calendar[k] for k in ("n1", "n2", "n3", "n4")
    }


def test_the_sla_moment_on_the_repeated_hour_is_read_in_real_time(ny_con):
    # 01:30 EDT (05:30 UTC): 23.5 hours; 01:30 EST (06:30 UTC), the same wall clock an hour later: 24.5 hours
    assert facts(ny_con, True, datetime(2024, 11, 3, 5, 30))["n4"] == (None, False, False)
    assert facts(ny_con, True, datetime(2024, 11, 3, 6, 30))["n4"] == (None, False, True)
