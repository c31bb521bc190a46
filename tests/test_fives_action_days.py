"""A corrective action's days are the reporting time zone's: overdue after its due date and closed in time on or
before it, in the loop per store and in the list alike (README, Days and weeks), whatever the store's zone.

Fixture: tests/fives_fixture.py. Action 1 (S001, from I2 on 2026-01-20) is due 2026-02-03; S001 is moved to
America/New_York, the reporting zone is Asia/Shanghai.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from portal.filters import Filters
from portal.fives import figures
from portal.scope import Scope
from tests import fives_fixture, fixtures

JANUARY = Filters(date(2026, 1, 1), date(2026, 1, 31), timezone="Asia/Shanghai")


@pytest.fixture
def con(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "days.duckdb")
    fives_fixture.load(con)
    con.execute("update stores set timezone = 'America/New_York' where store_code = 'S001'")
    yield con
    con.close()


def close_action_1(con, closed_at: datetime) -> None:
    """Action 1 closed, i.e. verified (the PDCA loop closes at Check), at ``closed_at`` (UTC)."""
    con.execute(
        "update corrective_actions set status = 'verified', submitted_at = ?, closed_at = ?, verified_at = ? "
        "where action_id = 1",
        [closed_at, closed_at, closed_at],
    )


def judged(con, today: date) -> tuple[list[int], bool]:
    run = figures.runner(con, Scope.everything())
    cfg = figures.FivesSettings(low_confidence_n=5)
    loop = figures.action_loop(run, JANUARY, cfg, today).set_index("store_code")
    listed = figures.actions(run, JANUARY, cfg, today=today).set_index("action_id")
    return (
        loop.loc["S001", ["closed_in_time_n", "closed_late_n"]].tolist(),
        bool(listed.loc[1, "is_closed_in_time"]),
    )


@pytest.mark.parametrize(
    ("closed_at", "in_time"),
    [
        # 2026-02-03 20:00 UTC: still 02-03 (15:00) in New York, already 02-04 (04:00) in Shanghai: late
        (datetime(2026, 2, 3, 20, 0), False),
        # 2026-02-03 15:00 UTC: 02-03 23:00 in Shanghai: in time
        (datetime(2026, 2, 3, 15, 0), True),
        # 2026-02-02 20:00 UTC: 02-03 04:00 in Shanghai (02-02 in New York): in time, on the due day
        (datetime(2026, 2, 2, 20, 0), True),
    ],
)
def test_closed_in_time_is_judged_on_the_reporting_zones_day(con, closed_at, in_time):
    close_action_1(con, closed_at)
    assert judged(con, date(2026, 2, 10)) == ([1, 0] if in_time else [0, 1], in_time)


def test_overdue_and_closed_in_time_agree_on_the_due_day(con):
    # Action 2 (due 02-03, still open) is overdue from the reporting zone's 02-04; action 1, closed on that same
    # day of the reporting zone, is late, though it was still 02-03 in the store's New York
    close_action_1(con, datetime(2026, 2, 3, 20, 0))
    run = figures.runner(con, Scope.everything())
    listed = figures.actions(
        run, JANUARY, figures.FivesSettings(low_confidence_n=5), today=date(2026, 2, 4)
    ).set_index("action_id")
    assert bool(listed.loc[2, "is_overdue"]) is True
    assert bool(listed.loc[1, "is_closed_in_time"]) is False
