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
    # alone and answered on dates alone (the SLA judged on those dates: the same day met, two days or more after
    # missed, the day after left out of n and counted); the next agent's are received on dates alone and not
    # answered (each a breach: its window ran out from its day's end long before now); the third's received on dates alone and
    # answered on the date after (SLA no data: 'their dates cannot tell'). Days kept inside December (2nd to 29th),
    # so the reporting zone moves none to another month.
    busiest = con.execute(
        "select agent_id from complaints where received_at >= '2025-12-01' and received_at < '2026-01-01' "
        "and agent_id is not null group by 1 order by count(*) desc, 1 limit 3"
    ).fetchall()
    answers = (
        "date_trunc('day', first_response_at)",
        "null",
        "greatest(least(date_trunc('day', received_at), timestamp '2025-12-29'), timestamp '2025-12-02') + interval 1 day",
    )
    for (agent_id,), answer in zip(busiest, answers, strict=True):
        con.execute(
            f"update complaints set received_date_only = true, first_response_at = {answer}, "  # noqa: S608
            f"first_response_date_only = ({answer}) is not null, received_at = greatest(least("
            "date_trunc('day', received_at), timestamp '2025-12-29'), timestamp '2025-12-02') "
            "where agent_id = ? and received_at >= '2025-12-01' and received_at < '2026-01-01'",
            [agent_id],
        )
    period, now = periods.parse("2025-12"), datetime(2026, 1, 10, 12, 0)
    expected = cases_scorecards.normalise(cases_scorecards.scorecards_page_duckdb(con, period, now))
    got = cases_scorecards.normalise(
        cases_scorecards.scorecards_page_pandas(run.load_frames(con), period, now)
    )
    con.close()
    assert len(expected) > 100 and expected["composite"].notna().sum() > 20
    # the reasons and the answers left out are compared, and the three date-only cases are there
    december = expected[expected["period"] == period.label].set_index("agent_id")
    (dated,), (unanswered,), (next_day,) = busiest
    sla = december.loc[dated, ["sla_attainment_value", "sla_attainment_n", "sla_attainment_left_out_n"]]
    assert (
        0 < sla["sla_attainment_value"] < 100
        and sla["sla_attainment_n"] > 0 < sla["sla_attainment_left_out_n"]
    )
    unanswered_sla = december.loc[unanswered, ["sla_attainment_value", "sla_attainment_n"]]
    assert unanswered_sla["sla_attainment_value"] == 0.0 and unanswered_sla["sla_attainment_n"] > 0
    assert december.loc[next_day, "sla_attainment_reason"] == "scorecard.no_data.sla_date_only"
    assert december.loc[next_day, "sla_attainment_left_out_n"] > 0
    assert (december.loc[[dated, unanswered, next_day], "complaints_handled_n"] > 0).all()
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, atol=1e-9)
