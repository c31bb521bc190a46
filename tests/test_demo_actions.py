"""The demo's corrective actions carry what the app writes when a store submits its work."""

from __future__ import annotations

from datetime import datetime

from portal import demo
from tests import fixtures


def test_submitted_actions_carry_their_submission_as_the_app_writes_one(tmp_path):
    """Work a store has submitted (and work since verified) carries when and by whom it was submitted, as
    queries/writes/fives_action_submit.sql writes it (submitted_at = closed_at, the moment the work was done).
    The demo wrote closed_at alone: the actions list then read "⚠ 637 天" past due for work awaiting
    verification (fives.display.overdue_mark needs the submission's day) and the action's steps had no
    submission."""
    con = fixtures.fresh_db(tmp_path / "demo.duckdb")
    try:
        demo.generate(con, scale=0.02, seed=7, as_of=datetime(2026, 3, 15, 6, 30))
        by = dict(
            con.execute(
                "select status, count(*) filter (where submitted_at is distinct from closed_at"
                " or (submitted_by is null) <> (closed_at is null)) from corrective_actions group by all"
            ).fetchall()
        )
        assert set(by) == {"open", "in_progress", "submitted", "verified"} and sum(by.values()) == 0
        assert one(con, "select count(*) from corrective_actions where status = 'submitted'") > 0
    finally:
        con.close()


def one(con, sql):
    return con.execute(sql).fetchone()[0]
