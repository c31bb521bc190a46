"""An agent moved to a store of another region keeps their past periods in the old region (SPEC §2: "a store that
changes region keeps its past figures under the old region"; §1: a manager sees the stores of their scope).

A manager reaches an agent through the agent's home store (models/agent_in_scope.sql). The history rows of a move
(agent_team_history, migrations 027 and 030) carry the home store beside the team, so a period, a QA review or a
sign-off is placed by the home store the agent had then, as by the team (models/agent_team_spans.sql). Before, the
home store was read as it is now (agents_now): session 37's probe moved A003 (T2, S003 of region 2) to T1 and S001
(region 1); region 2's manager lost A003's October scorecard and region 1's gained it.
Fixture: tests/fixtures.py (R1: S001, S002; R2: S003; A001 S001, A002 S002, A003 and A004 S003) and
tests/scorecards_fixture.py (October 2026: A001 86.1 in T1, A003 100.0 in T2; A002, A004 insufficient).
"""

from __future__ import annotations

from datetime import date, datetime

from portal import settings, zones
from portal.auth import User
from portal.ingest import batches, pipeline, registry
from portal.scope import Scope
from tests import scorecards_fixture as fx

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
PASSWORD = "a long enough pass phrase 7"


def _import(con, text: str):
    options = pipeline.ImportOptions(now=datetime(2026, 11, 5))
    _, result = pipeline.import_bytes(
        con, registry.kind("agents"), text.encode(), "agents.csv", None, options, ADMIN
    )
    return result


def _moved_on(con, batch_id: int) -> date:
    created = con.execute("select created_at from import_batches where batch_id = ?", [batch_id]).fetchone()[
        0
    ]
    return zones.local(created, settings.report_timezone(con)).date()


def _history(con) -> list[tuple]:
    return con.execute(
        "select agent_id, team_id, home_store_id, valid_from, valid_to, batch_id from agent_team_history "
        "order by agent_id, valid_from nulls first, batch_id"
    ).fetchall()


def test_a_move_of_home_store_is_kept_in_the_history_and_undo_puts_it_back(con):
    fx.load(con)
    # A003: T2 at S003 (region 2) -> T1 at S001 (region 1), one upload
    move = _import(con, "agent_code,team_code,home_store_code\nA003,T1,S001\n")
    day = _moved_on(con, move.batch_id)
    b1 = move.batch_id
    assert _history(con) == [(3, 2, 3, None, day, b1), (3, 1, 1, day, None, b1)]
    # A001 moves home store only (S001 -> S003, team kept): before, no history row was written for it
    # A003 moves again, home store only (S001 -> S002): his open row ends, a new one starts
    again = _import(con, "agent_code,team_code,home_store_code\nA001,,S003\nA003,,S002\n")
    b2 = again.batch_id
    assert again.rows_updated == 2
    assert _history(con) == [
        (1, 1, 1, None, day, b2),
        (1, 1, 3, day, None, b2),
        (3, 2, 3, None, day, b1),
        (3, 1, 1, day, day, b1),
        (3, 1, 2, day, None, b2),
    ]
    batches.undo_batch(con, b2, ADMIN)
    assert _history(con) == [(3, 2, 3, None, day, b1), (3, 1, 1, day, None, b1)]
    assert con.execute(
        "select agent_id, team_id, home_store_id from agents_now where agent_id in (1, 3) order by 1"
    ).fetchall() == [
        (1, 1, 1),
        (3, 1, 1),
    ]
    batches.undo_batch(con, b1, ADMIN)
    assert _history(con) == []
    assert con.execute("select team_id, home_store_id from agents_now where agent_id = 3").fetchone() == (
        2,
        3,
    )


def test_the_migration_gives_the_stored_history_and_its_before_images_a_home_store(con):
    # a database before migration 030: A003 moved T2 -> T1 and S003 -> S001 by batch 7 (its rows written by 027's
    # rules, no home store), A001 moved home store only (S001 -> S002) by batch 8 on 2026-11-20 at 17:00 UTC (the
    # 21st in Shanghai, the stores' zone), which wrote no row; batch 7 kept A003's rows before it (none) and a later
    # batch 9 kept the two rows of batch 7
    from portal.db import MIGRATIONS_DIR

    con.execute("alter table agent_team_history drop column home_store_id")
    con.execute(
        "insert into import_batches (batch_id, kind, created_at) values "
        "(7, 'agents', timestamp '2026-11-01 02:00'), (8, 'agents', timestamp '2026-11-20 17:00')"
    )
    con.execute("insert into agent_assignments values (3, 1, 1, 7), (1, 1, 2, 8)")
    con.execute(
        "insert into agent_team_history (agent_id, team_id, valid_from, valid_to, batch_id) values "
        "(3, 2, null, '2026-11-01', 7), (3, 1, '2026-11-01', null, 7)"
    )
    con.execute(
        "insert into batch_row_snapshots values (7, 'agent_team_history', '3', '[]'), "
        "(9, 'agent_team_history', '3', ?), (9, 'agents', '3', '{}')",
        [
            '[{"team_id": 2, "valid_from": null, "valid_to": "2026-11-01", "batch_id": 7}, '
            '{"team_id": 1, "valid_from": "2026-11-01", "valid_to": null, "batch_id": 7}]'
        ],
    )
    con.execute((MIGRATIONS_DIR / "030_agent_home_store_history.sql").read_text(encoding="utf-8"))
    assert _history(con) == [
        (1, 1, 1, None, date(2026, 11, 21), 8),  # the home store it was created with, then the one it has now
        (1, 1, 2, date(2026, 11, 21), None, 8),
        (3, 2, 3, None, date(2026, 11, 1), 7),
        (3, 1, 1, date(2026, 11, 1), None, 7),
    ]
    snapshots = con.execute(
        "select batch_id, table_name, before_json::varchar from batch_row_snapshots order by batch_id, table_name"
    ).fetchall()
    assert snapshots == [
        (7, "agent_team_history", "[]"),
        (
            9,
            "agent_team_history",
            '[{"team_id":2,"valid_from":null,"valid_to":"2026-11-01","batch_id":7,"home_store_id":3},'
            '{"team_id":1,"valid_from":"2026-11-01","valid_to":null,"batch_id":7,"home_store_id":1}]',
        ),
        (9, "agents", "{}"),
    ]
