"""The scope suite's moved agent has QA reviews on both sides of the move day whatever the demo's clock gave
(tests/query_scope_fixture.py: at 10:40 UTC on 2026-12-06 no agent of the first team and region had, and the whole
suite failed in its fixture)."""

from __future__ import annotations

from portal import demo
from tests import fixtures
from tests.query_scope_fixture import MOVED_ON, _reviews_either_side


def test_the_chosen_agent_has_reviews_before_and_after_the_move(tmp_path):
    con = fixtures.fresh_db(tmp_path / "demo.duckdb")
    demo.generate(con, scale=0.01, seed=3)
    con.execute(
        "delete from qa_reviews where reviewed_on >= ?", [MOVED_ON]
    )  # none after the day, as at 10:40
    agent, _code = _reviews_either_side(con)
    before, after, unlinked = con.execute(
        "select count(*) filter (where reviewed_on < $d), count(*) filter (where reviewed_on >= $d), "
        "count(*) filter (where complaint_id is null) from qa_reviews where agent_id = $a",
        {"d": MOVED_ON, "a": agent},
    ).fetchone()
    con.close()
    assert before >= 1 and after == 1 and unlinked == 1  # the added review names no complaint
