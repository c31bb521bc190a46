"""A scorecard period that has ended keeps the response commitment it was scored with (SPEC §3: a past period
keeps the version it was scored with; probe report admin, defect 1: setting response_sla_hours to 48 rescored and
re-ranked every past month, signed-off ones included, and renamed their "24 h response SLA" column).

Fixture (team T1, UTC months, weights as tests/scorecards_fixture.py: QA 40 (60 -> 90, n >= 3), SLA 35
(50 % -> 100 %, n >= 5), resolution 25 (72 h -> 24 h, n >= 2)), the same rows in October and November 2026:
- A001: 10 complaints, 5 answered 2 h after receipt and 5 after 30 h, all resolved at +30 h; 3 QA reviews of 75.
  24 h: SLA 5/10 = 50 % -> 0; resolution 100 x (30-72)/(24-72) = 87.5; QA 100 x (75-60)/(90-60) = 50.
       composite (40 x 50 + 35 x 0 + 25 x 87.5) / 100 = 41.875
  48 h: SLA 10/10 -> 100: composite (2000 + 3500 + 2187.5) / 100 = 76.875
- A002: 10 complaints answered after 2 h, resolved at +48 h (score 50); 3 QA reviews of 75 (50); SLA 100 either
  way: composite (2000 + 3500 + 1250) / 100 = 67.5
SLA windows are judged on 2026-11-15 (November in progress). The admin sets 48 h on 2026-11-10 09:00 UTC.
"""

from datetime import date, datetime, timedelta

import pytest

from portal import db, settings, writes
from portal.db import MIGRATIONS_DIR
from portal.scope import Scope
from portal.scorecards import display, figures, periods
from tests import scorecards_fixture as fx

OCT, NOV = periods.parse("2026-10"), periods.parse("2026-11")
SAVED = datetime(2026, 11, 10, 9, 0)  # after October ended, within November


def _complaints(con, agent_id: int, store_id: int, first: int, received: datetime, answered: list, resolved):
    for i, hours in enumerate(answered):
        con.execute(
            "insert into complaints (source, source_id, received_at, channel, store_id, region_id, agent_id,"
            " first_response_at, resolved_at, status) values ('fx', ?, ?, 'hotline', ?, 1, ?, ?, ?, 'resolved')",
            [
                f"SH{first + i:04d}",
                received,
                store_id,
                agent_id,
                received + timedelta(hours=hours),
                received + timedelta(hours=resolved),
            ],
        )


def _qa(con, agent_id: int, day: str, first: int) -> None:
    for i in range(3):
        con.execute(
            "insert into qa_reviews (source_id, agent_id, reviewed_on, reviewer, score) values (?, ?, ?, 'Q', 75)",
            [f"QH{first + i:04d}", agent_id, day],
        )


@pytest.fixture
def sla_con(con):
    con.execute("delete from scorecard_weight_rules")
    for metric, (w, f, t, n) in fx.HAND_RULES.items():
        con.execute("insert into scorecard_weight_rules values (1, ?, ?, ?, ?, ?)", [metric, w, f, t, n])
    for no, (received, qa_day) in enumerate(
        [(datetime(2026, 10, 5, 10), "2026-10-10"), (datetime(2026, 11, 2, 10), "2026-11-03")]
    ):
        _complaints(con, 1, 1, 100 * no, received, [2] * 5 + [30] * 5, 30)
        _complaints(con, 2, 2, 100 * no + 50, received, [2] * 10, 48)
        _qa(con, 1, qa_day, 100 * no)
        _qa(con, 2, qa_day, 100 * no + 50)
    return con


def _set_48_on(con, saved_at: datetime) -> None:
    """The Settings page's write (writes.put_settings), dated by the test's clock rather than the machine's."""
    writes.put_settings(con, {"response_sla_hours": 48}, "admin")
    con.execute(
        "update setting_history set saved_at = ? where key = 'response_sla_hours' and saved_at > '2000-01-01'",
        [saved_at],
    )


def _scores(con, period, **kw):
    kw.setdefault("team_ids", (1,))  # T1 (T2's agents have no data)
    sset = figures.figures(con, Scope.everything(), period, timezone="UTC", sla_as_of=fx.SLA_AS_OF, **kw)
    return sset, {c.agent_code: (c.composite and round(c.composite, 4), c.rank) for c in sset.cards}


def test_an_ended_month_keeps_the_hours_it_was_scored_with(sla_con):
    before, shown = _scores(sla_con, OCT)
    assert shown == {"A001": (41.875, 2), "A002": (67.5, 1)}
    assert before.sla_hours == 24.0 and "24 h response SLA" in display.team_table(before, "en").columns
    _set_48_on(sla_con, SAVED)
    after, shown = _scores(sla_con, OCT)
    assert shown == {"A001": (41.875, 2), "A002": (67.5, 1)}  # not 76.875, rank 1: October had ended
    assert after.sla_hours == 24.0 and {c.sla_hours for c in after.cards} == {24.0}
    columns = list(display.team_table(after, "en").columns)
    assert "24 h response SLA" in columns and "48 h response SLA" not in columns
    # the month under way follows the change at once; October inside its trend keeps 24 h
    nov, shown = _scores(sla_con, NOV)
    assert shown == {"A001": (76.875, 1), "A002": (67.5, 2)}
    assert nov.sla_hours == 48.0 and "48 h response SLA" in display.team_table(nov, "en").columns
    october = nov.history[1][-2]
    assert (october.period, round(october.composite, 4), october.rank, october.sla_hours) == (
        OCT,
        41.875,
        2,
        24.0,
    )
    # the agent's own card (ranked among the team's standing, read per commitment too)
    own, shown = _scores(sla_con, NOV, agent_ids=(1,))
    assert shown == {"A001": (76.875, 1)}
    assert [(c.period, round(c.composite, 4), c.rank) for c in own.history[1][-2:]] == [
        (OCT, 41.875, 2),
        (NOV, 76.875, 1),
    ]
    assert settings.get(sla_con, "response_sla_hours") == 48
    assert settings.history(sla_con, "response_sla_hours") == ((datetime(1900, 1, 1), 24), (SAVED, 48))


def test_a_change_saved_before_a_month_ended_rescores_that_month(sla_con):
    # as a weights version: saved on 2026-10-20, the month under way then takes it
    _set_48_on(sla_con, datetime(2026, 10, 20, 4, 0))
    assert _scores(sla_con, OCT)[1] == {"A001": (76.875, 1), "A002": (67.5, 2)}
    september, shown = _scores(sla_con, periods.parse("2026-09"))
    assert september.sla_hours == 24.0 and shown == {"A001": (None, None), "A002": (None, None)}  # no data


def test_the_overview_headline_of_an_ended_month_keeps_its_hours(sla_con):
    from portal.overview.sources import Reading, window_for
    from portal.overview.sources_scorecards import scorecards_source

    _set_48_on(sla_con, SAVED)
    area = scorecards_source(
        lambda name, params: db.run_query(sla_con, name, params, Scope.everything()),
        window_for(datetime(2026, 12, 5, 12, 0), week=date(2026, 11, 9), timezone="UTC"),
        Reading(sla_con, settings.load_all(sla_con)),
    )
    assert f"{area.coverage.current.start:%Y-%m}" == "2026-10"
    team = area.figures[0]
    assert (team.n, team.value) == (2, pytest.approx((41.875 + 67.5) / 2))  # 48 h would give 72.1875


def test_value_at_takes_the_last_value_saved_before_the_period_ended():
    values = ((datetime(1900, 1, 1), 24), (SAVED, 48))
    assert settings.value_at(values, OCT.end_at("UTC"), 36) == 24
    assert settings.value_at(values, NOV.end_at("UTC"), 36) == 48
    assert settings.value_at(values, SAVED, 36) == 24  # saved at the very end: the period had ended
    assert settings.value_at((), OCT.end_at("UTC"), 36) == 36  # never changed: as it is now


def test_the_first_change_records_the_default_it_replaces_and_the_dashboards_read_it_now(con):
    writes.put_setting(con, "response_sla_hours", 36, "admin")
    writes.put_setting(con, "satisfaction_target", 90, "admin")  # not a setting a period keeps
    rows = con.execute(
        "select key, value, saved_at, saved_by from setting_history order by saved_at"
    ).fetchall()
    assert [r[:2] for r in rows] == [("response_sla_hours", "24"), ("response_sla_hours", "36")]
    assert rows[0][2:] == (datetime(1900, 1, 1), None) and rows[1][3] == "admin"
    assert settings.get(con, "response_sla_hours") == 36


def test_the_migration_keeps_a_value_set_before_it_for_every_period(con):
    con.execute("drop table setting_history")
    con.execute(
        """insert into settings (key, value, updated_by) values ('response_sla_hours', '30', 'boss')"""
    )
    con.execute((MIGRATIONS_DIR / "028_setting_history.sql").read_text(encoding="utf-8"))
    assert con.execute("select key, value, saved_at, saved_by from setting_history").fetchall() == [
        ("response_sla_hours", "30", datetime(1900, 1, 1), "boss")
    ]
