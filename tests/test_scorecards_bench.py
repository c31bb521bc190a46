"""The scorecards bench case: the pandas twin gives the same cards as DuckDB on demo data."""

from datetime import datetime

import pandas as pd

from bench import cases_scorecards, run
from portal import db, demo
from portal.scorecards import periods


def test_pandas_twin_equals_duckdb(tmp_path):
    con = db.connect(tmp_path / "b.duckdb")
    demo.generate(con, scale=0.3, seed=5, as_of=datetime(2026, 1, 10, 12, 0))
    # Date-only stamps (f548795): the December complaints of the agent with the most are received on dates
    # alone and answered on dates alone (SLA no data: 'first responses are recorded as dates only'); the next
    # agent's are received on dates alone and not answered (SLA no data: nothing to count, no first response
    # exists). Days kept inside December (2nd to 30th), so the reporting zone moves none to another month.
    busiest = con.execute(
        "select agent_id from complaints where received_at >= '2025-12-01' and received_at < '2026-01-01' "
        "and agent_id is not null group by 1 order by count(*) desc, 1 limit 2"
    ).fetchall()
    for (agent_id,), answered in zip(busiest, (True, False), strict=True):
        con.execute(
            "update complaints set received_date_only = true, received_at = greatest(least("
            "date_trunc('day', received_at), timestamp '2025-12-30'), timestamp '2025-12-02'), "
            "first_response_at = case when ? then date_trunc('day', first_response_at) end, "
            "first_response_date_only = ? and first_response_at is not null "
            "where agent_id = ? and received_at >= '2025-12-01' and received_at < '2026-01-01'",
            [answered, answered, agent_id],
        )
    period, now = periods.parse("2025-12"), datetime(2026, 1, 10, 12, 0)
    expected = cases_scorecards.normalise(cases_scorecards.scorecards_page_duckdb(con, period, now))
    got = cases_scorecards.normalise(
        cases_scorecards.scorecards_page_pandas(run.load_frames(con), period, now)
    )
    con.close()
    assert len(expected) > 100 and expected["composite"].notna().sum() > 20
    # the reasons are compared, and both date-only cases are there
    december = expected[expected["period"] == period.label].set_index("agent_id")
    (dated,), (unanswered,) = busiest
    assert december.loc[dated, "sla_attainment_reason"] == "scorecard.no_data.sla_date_only"
    assert december.loc[unanswered, "sla_attainment_reason"] == "kpi.reason.none_in_period"
    assert (december.loc[[dated, unanswered], "complaints_handled_n"] > 0).all()
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, atol=1e-9)
