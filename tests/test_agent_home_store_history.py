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

import pytest

from portal import db, settings, users, writes, zones
from portal.auth import User
from portal.i18n import t
from portal.ingest import batches, pipeline, registry
from portal.scope import Scope
from portal.scorecards import figures, periods
from tests import scorecards_fixture as fx

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
PASSWORD = fx.PASSWORD
OCT = periods.parse("2026-10")


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
    # a database before migration 030: batch 7 moved A003 from T2 at S003 to T1 at S001 on 2026-11-01, batch 9 to T2
    # at S002 on 2026-11-10, batch 10 to T1 at S003 on 2026-11-15 (rows as 027 wrote them, no home store; each batch
    # kept A003's assignment and history before it); batch 8 moved A001's home store alone (S001 -> S002) on 2026-11-20 at 17:00 UTC (the 21st in
    # Shanghai, the stores' zone), which wrote no row; A005 and A006 were created with no home store (by a QA upload):
    # batch 8 gave A005 S003 alone (no row), batch 7 moved A006 to T2 and gave it S003 (its first row had none)
    from portal.db import MIGRATIONS_DIR

    con.execute("alter table agent_team_history drop column home_store_id")
    con.execute(
        "insert into import_batches (batch_id, kind, created_at) values (7, 'agents', timestamp '2026-11-01 02:00'), "
        "(8, 'agents', timestamp '2026-11-20 17:00'), (9, 'agents', timestamp '2026-11-10 02:00'), (10, 'agents', timestamp '2026-11-15 02:00')"
    )
    con.execute(
        "insert into agents (agent_id, agent_code, name, team_id, home_store_id) values "
        "(5, 'A005', 'E', null, null), (6, 'A006', 'F', null, null)"
    )
    con.execute(
        "insert into agent_assignments values (3, 1, 3, 10), (1, 1, 2, 8), (5, null, 3, 8), (6, 2, 3, 7)"
    )
    con.execute(
        "insert into agent_team_history (agent_id, team_id, valid_from, valid_to, batch_id) values "
        "(3, 2, null, '2026-11-01', 7), (3, 1, '2026-11-01', '2026-11-10', 7), "
        "(3, 2, '2026-11-10', '2026-11-15', 9), (3, 1, '2026-11-15', null, 10), "
        "(6, null, null, '2026-11-01', 7), (6, 2, '2026-11-01', null, 7)"
    )
    con.execute(
        "insert into batch_row_snapshots values (7, 'agent_team_history', '3', '[]'), "
        "(7, 'agent_assignments', '3', '[]'), (9, 'agent_team_history', '3', ?), "
        """(9, 'agent_assignments', '3', '[{"team_id": 1, "home_store_id": 1, "batch_id": 7}]'), """
        "(10, 'agent_team_history', '3', ?), "
        """(10, 'agent_assignments', '3', '[{"team_id": 2, "home_store_id": 2, "batch_id": 9}]')""",
        [
            '[{"team_id": 2, "valid_from": null, "valid_to": "2026-11-01", "batch_id": 7}, '
            '{"team_id": 1, "valid_from": "2026-11-01", "valid_to": null, "batch_id": 7}]',
            '[{"team_id": 2, "valid_from": null, "valid_to": "2026-11-01", "batch_id": 7}, '
            '{"team_id": 1, "valid_from": "2026-11-01", "valid_to": "2026-11-10", "batch_id": 7}, '
            '{"team_id": 2, "valid_from": "2026-11-10", "valid_to": null, "batch_id": 9}]',
        ],
    )
    con.execute((MIGRATIONS_DIR / "030_agent_home_store_history.sql").read_text(encoding="utf-8"))
    # each closed row: the home store before the batch that ended it (its before-image of agent_assignments; empty:
    # the one the agent was created with); the open row: the home store now
    assert _history(con) == [
        (1, 1, 1, None, date(2026, 11, 21), 8),  # the home store it was created with, then the one it has now
        (1, 1, 2, date(2026, 11, 21), None, 8),
        (3, 2, 3, None, date(2026, 11, 1), 7),
        (3, 1, 1, date(2026, 11, 1), date(2026, 11, 10), 7),
        (3, 2, 2, date(2026, 11, 10), date(2026, 11, 15), 9),
        (3, 1, 3, date(2026, 11, 15), None, 10),
        # A005: a first home store is filled in, no row; A006's first row takes its first home store, not none
        (6, None, 3, None, date(2026, 11, 1), 7),
        (6, 2, 3, date(2026, 11, 1), None, 7),
    ]
    snapshots = con.execute(
        "select batch_id, before_json::varchar from batch_row_snapshots where table_name = 'agent_team_history' "
        "order by batch_id"
    ).fetchall()
    # batch 9's before-image: the open row takes the home store before batch 9 (S001), as its undo puts back
    assert snapshots == [
        (7, "[]"),
        (
            9,
            '[{"team_id":2,"valid_from":null,"valid_to":"2026-11-01","batch_id":7,"home_store_id":3},'
            '{"team_id":1,"valid_from":"2026-11-01","valid_to":null,"batch_id":7,"home_store_id":1}]',
        ),
        # batch 10's: the closed T1 row is the live one (S001), not A003's home store now (S003), so that an undo
        # of batch 10 keeps his T1 weeks at S001; the open row the home store before batch 10 (S002)
        (
            10,
            '[{"team_id":2,"valid_from":null,"valid_to":"2026-11-01","batch_id":7,"home_store_id":3},'
            '{"team_id":1,"valid_from":"2026-11-01","valid_to":"2026-11-10","batch_id":7,"home_store_id":1},'
            '{"team_id":2,"valid_from":"2026-11-10","valid_to":null,"batch_id":9,"home_store_id":2}]',
        ),
    ]


# ---- the reads: a manager reaches an agent by the home store the agent had on the row's date


@pytest.fixture
def moved(con):
    """The scorecard fixture with region 1's and region 2's managers, T2's lead and A003's own user; lead2 signs off
    A003's October and A003 disputes his October review QA0021; then an agents upload moves A003 from T2 at S003
    (region 2) to T1 at S001 (region 1), dated today. Yields (con, users by name, the month of the move, its batch id, its day)."""
    lead1 = ("lead1", ["team_lead"], {"scope_team_id": 1})
    who = fx.load_with_users(con, (*fx.MOVE_READERS[:2], lead1, *fx.MOVE_READERS[2:]))
    writes.sign_off_period(
        con, who["lead2"], 3, "month", date(2026, 10, 1), "October: well done", date(2026, 11, 5)
    )
    (qa0021,) = con.execute("select qa_review_id from qa_reviews where source_id = 'QA0021'").fetchone()
    writes.raise_qa_dispute(con, who["agent3"], qa0021, "not fair")
    move = _import(con, "agent_code,team_code,home_store_code\nA003,T1,S001\n")
    day = _moved_on(con, move.batch_id)
    yield con, who, periods.parse(str(day), "month"), move.batch_id, day


def cards(con, user: User, period=OCT) -> list[tuple]:
    sset = figures.figures(con, user.scope, period, timezone="UTC", sla_as_of=fx.SLA_AS_OF)
    return [
        (
            c.team_code,
            c.agent_code,
            c.rank,
            c.ranked_n,
            None if c.composite is None else round(c.composite, 1),
        )
        for c in sset.cards
    ]


# October by hand (tests/scorecards_fixture.py): T1 A001 86.1 (rank 1 of 1 ranked), A002 insufficient; T2 A003
# 100.0 (1 of 1), A004 insufficient. A003 was homed at S003 (region 2) all October: region 2's card.
OCT_R1 = [("T1", "A001", 1, 1, 86.1), ("T1", "A002", None, 1, None)]
OCT_R2 = [("T2", "A003", 1, 1, 100.0), ("T2", "A004", None, 1, None)]


def test_each_regions_manager_keeps_the_periods_the_agent_was_homed_in_her_region(moved):
    # before: mgr2 read [A004] alone for October (A003's card gone with his move), mgr1 read A003's T2 card beside T1
    con, who, month, _, day = moved
    assert cards(con, who["mgr2"]) == OCT_R2
    assert cards(con, who["mgr1"]) == OCT_R1
    # from the move day on, A003 is homed at S001: region 1's, in T1 (his team on the month's last day); the days of
    # the month before the move (none when it moved on the 1st) are region 2's, whose manager reads his card of the
    # month on those days' rows (tests/test_agent_store_move_month.py)
    assert [c[:2] for c in cards(con, who["mgr1"], month)] == [("T1", "A001"), ("T1", "A002"), ("T1", "A003")]
    before_move = [("T1", "A003")] if day.day > 1 else []
    assert [c[:2] for c in cards(con, who["mgr2"], month)] == before_move + [("T2", "A004")]
    # a lead's view is as before (by the team of the period), the admin's whole
    assert cards(con, who["lead2"]) == OCT_R2
    assert cards(con, who["lead1"]) == OCT_R1
    assert cards(con, ADMIN) == OCT_R1 + OCT_R2


def test_the_reviews_sign_offs_and_disputes_of_the_agents_past_stay_with_the_old_region(moved):
    con, who, _, _, _ = moved
    mgr1, mgr2 = who["mgr1"], who["mgr2"]

    def reviews(user: User) -> list[str]:
        return figures.qa_reviews(figures.runner(con, user.scope), 3, OCT)["source_id"].tolist()

    assert reviews(mgr2) == ["QA0023", "QA0022", "QA0021"]
    assert reviews(mgr1) == []

    def listed(user: User) -> list[str]:
        params = {"start_on": date(2026, 10, 1), "end_on": date(2026, 10, 31), "agent_ids": []}
        return db.run_query(con, "qa_review_list", params, user.scope)["source_id"].tolist()

    assert listed(mgr2) == ["QA0023", "QA0022", "QA0021"]  # A004 has none
    assert listed(mgr1) == [
        "QA0013",
        "QA0012",
        "QA0011",
        "QA0002",
        "QA0001",
    ]  # A002's 3 and A001's 2 of October

    def notes(user: User) -> list[list]:
        rows = db.run_query(con, "qa_sign_offs", {}, user.scope)
        return rows[["agent_code", "coaching_note"]].values.tolist()

    assert notes(mgr2) == [["A003", "October: well done"]]
    assert notes(mgr1) == []

    def open_disputes(user: User) -> list:
        rows = db.run_query(con, "qa_disputes", {"dispute_statuses": ["open"]}, user.scope)
        return rows["source_id"].tolist()

    assert open_disputes(mgr2) == ["QA0021"]
    assert open_disputes(mgr1) == []


def test_each_regions_manager_uploads_the_reviews_dated_while_the_agent_was_homed_in_her_region(moved):
    # before: mgr1 uploaded a review of A003 dated in October (then homed in region 2) and mgr2 was refused it
    con, who, _, _, day = moved
    header = "review_id,agent_code,reviewed_on,reviewer,score\n"
    options = pipeline.ImportOptions(now=datetime(2026, 12, 31), skip_invalid=True)
    # which agent and why (before, both: "the agent is outside your scope"): to mgr1, whose agent A003 is now, his
    # home store on the review's day and its region then; to mgr2, whose he no longer is, the day alone
    said = {
        "mgr1": "qa.import.error.agent_region_out_of_scope",
        "mgr2": "qa.import.error.agent_not_in_your_stores",
    }
    words = {
        "mgr1": "A003's home store on 2026-10-20 was S003 Store Three, in region South then, outside your stores that "
        "day: the reviews of that day are that region's manager's to upload",
        "mgr2": f"A003's home store on {day} was not one of your stores: the reviews of that day are the manager's of "
        "the region it was in then",
    }
    for user, added in ((who["mgr1"], ["N2"]), (who["mgr2"], ["N1"])):
        con.execute("delete from qa_reviews where source_id in ('N1', 'N2')")
        text = header + f"N1,A003,2026-10-20,{user.username},70\nN2,A003,{day},{user.username},60\n"
        prepared, result = pipeline.import_bytes(
            con, registry.kind("qa_reviews"), text.encode(), "qa.csv", None, options, user
        )
        assert prepared.errors["reason"].tolist() == [said[user.username]]
        shown = prepared.error_messages("en")["reason"].tolist()
        assert shown == [words[user.username]], shown
        assert result.rows_added == 1
        stored = con.execute("select source_id from qa_reviews where source_id in ('N1', 'N2')").fetchall()
        assert [r[0] for r in stored] == added
    # a stored review is placed by its stored date: QA0022 (A003, 2026-10-12, homed at S003 of region 2 then) is
    # region 2's, so region 1's manager may not overwrite it by naming the move day, on which A003 is hers (before,
    # qa_reviews_keys_out_of_scope read the home store now and let her)
    (before,) = con.execute("select reviewed_on from qa_reviews where source_id = 'QA0022'").fetchone()
    assert before == date(2026, 10, 12)
    text = header + f"QA0022,A003,{day},mgr1,10\nN3,A003,{day},mgr1,50\n"
    prepared, result = pipeline.import_bytes(
        con, registry.kind("qa_reviews"), text.encode(), "qa.csv", None, options, who["mgr1"]
    )
    assert prepared.errors[["column", "reason"]].values.tolist() == [
        ["review_id", "qa.import.error.key_out_of_scope"]
    ]
    assert (result.rows_added, result.rows_updated) == (1, 0)  # N3 alone
    (after,) = con.execute("select reviewed_on from qa_reviews where source_id = 'QA0022'").fetchone()
    assert after == before


def test_the_agent_filter_data_status_and_team_standing_follow_the_home_store_on_the_date(moved):
    # the other reads that place an agent by home store (test_query_scope's moved agent is checked only against a
    # superset of these rules): before 3998e26 each read the home store now, so region 2 lost A003 for October and
    # region 1 gained him
    con, who, month, _, day = moved
    mgr1, mgr2 = who["mgr1"], who["mgr2"]

    def offered(user: User, start: date, end: date) -> list[list]:
        rows = db.run_query(con, "qa_review_agents", {"start_on": start, "end_on": end}, user.scope)
        return rows[["agent_code", "team_codes"]].values.tolist()

    # the QA reviews page's agent filter: October is region 2's for A003 (T2 at S003), the move day region 1's
    assert offered(mgr2, date(2026, 10, 1), date(2026, 10, 31)) == [["A003", "T2"], ["A004", "T2"]]
    assert offered(mgr1, date(2026, 10, 1), date(2026, 10, 31)) == [["A001", "T1"], ["A002", "T1"]]
    assert offered(mgr1, day, day) == [["A001", "T1"], ["A002", "T1"], ["A003", "T1"]]
    assert offered(mgr2, day, day) == [["A004", "T2"]]

    def qa_status(user: User) -> list:
        rows = db.run_query(con, "data_status", {"kinds": ["qa_reviews"]}, user.scope)
        return [[r.row_count, r.first_on.date(), r.last_on.date()] for r in rows.itertuples()]

    # Data status's QA count, by hand from tests/scorecards_fixture.py: region 1 has A001's 2 of October and 3 of
    # September and A002's 3 (8, 09-10..10-11); region 2 A003's 3 of 2026-10-12 (dated before his move)
    assert qa_status(mgr1) == [[8, date(2026, 9, 10), date(2026, 10, 11)]]
    assert qa_status(mgr2) == [[3, date(2026, 10, 12), date(2026, 10, 12)]]

    def standing(user: User, period) -> list:
        params = periods.sql_params([period], "UTC") | {
            "sla_as_of": fx.SLA_AS_OF,
            "sla_hours": 24.0,
            "team_ids": [],
            "agent_ids": [3],
        }
        rows = figures.runner(con, user.scope)("scorecard_team_members", params)
        return sorted(rows["team_id"].tolist())

    # the team standing behind A003's rank: his October team T2 (A003, A004) for region 2's manager, none for
    # region 1's; the month of the move T1 (A001, A002, A003) for region 1's, and for region 2's when the month has
    # days before the move (her card of A003 on those days, not ranked: tests/test_agent_store_move_month.py)
    assert standing(mgr2, OCT) == [2, 2]
    assert standing(mgr1, OCT) == []
    assert standing(mgr1, month) == [1, 1, 1]
    assert standing(mgr2, month) == ([1, 1, 1] if day.day > 1 else [])


def test_undo_of_the_move_gives_the_agent_back_to_the_old_region_for_every_period(moved):
    con, who, month, batch_id, _ = moved
    batches.undo_batch(con, batch_id, ADMIN)
    assert cards(con, who["mgr2"]) == OCT_R2
    assert cards(con, who["mgr1"]) == OCT_R1
    assert [c[:2] for c in cards(con, who["mgr2"], month)] == [("T2", "A003"), ("T2", "A004")]
    assert [c[:2] for c in cards(con, who["mgr1"], month)] == [("T1", "A001"), ("T1", "A002")]


def test_the_open_dispute_help_texts_say_why_a_leads_tile_may_count_fewer_than_a_card():
    # After a move within the period, T1's lead read a tile of 1 open dispute beside A003's card of 2
    # (tests/test_agent_team_history.py: the card counts the disputes behind its QA score, the tile those she may
    # decide). Both figures are right; the help said the tile was "every period's" disputes, as if it held the card's
    # (session 37's probe). Now each help says what the other leaves out, in both languages.
    tile, column = "scorecards.tile.help.open_disputes", "scorecards.col.help.open_disputes"
    assert "before an agent moved into your scope is not counted here" in t(tile, "en")
    assert "客服专员调入您的范围之前的评分不计入此处" in t(tile, "zh")
    assert "only of reviews dated while the agent was in your scope" in t(column, "en")
    assert "仅限评分当日客服专员在您范围内的评分" in t(column, "zh")


def test_a_home_store_given_to_an_agent_created_without_one_fills_in_its_history(con):
    # an agent a QA upload created has no team and no home store; an agents upload later giving it a home store fills
    # it in for its whole history (no region held it before, so no region's past changes), not a move from "no home
    # store": before, the rows before the upload kept no home store and region 2's manager lost its October review
    fx.load(con)
    users.create_user(
        con, username="mgr2", display_name="mgr2", password=PASSWORD, roles=["manager"], scope_region_id=2
    )
    mgr2 = users.load_user(con, "mgr2")
    qa = "review_id,agent_code,reviewed_on,reviewer,score\nN5,A005,2026-10-15,Q,80\nN6,A006,2026-10-16,Q,70\n"
    pipeline.import_bytes(
        con,
        registry.kind("qa_reviews"),
        qa.encode(),
        "qa.csv",
        None,
        pipeline.ImportOptions(now=datetime(2026, 11, 5), add_missing=True),
        ADMIN,
    )
    ids = dict(
        con.execute("select agent_code, agent_id from agents where agent_code in ('A005', 'A006')").fetchall()
    )
    a5, a6 = ids["A005"], ids["A006"]
    # A006 joins T2 with no home store: a team move (its first row no team, as before)
    first = _import(con, "agent_code,team_code,home_store_code\nA006,T2,\n")
    day = _moved_on(con, first.batch_id)
    b1 = first.batch_id
    assert [r for r in _history(con) if r[0] == a6] == [
        (a6, None, None, None, day, b1),
        (a6, 2, None, day, None, b1),
    ]
    # A005 is given S003 alone (no row: its home store now holds every date); A006 S003 alone (its rows filled in);
    given = _import(con, "agent_code,team_code,home_store_code\nA005,,S003\nA006,,S003\n")
    assert given.rows_updated == 2
    assert [r for r in _history(con) if r[0] in (a5, a6)] == [
        (a6, None, 3, None, day, b1),
        (a6, 2, 3, day, None, b1),
    ]

    def listed() -> list[str]:
        params = {"start_on": date(2026, 10, 1), "end_on": date(2026, 10, 31), "agent_ids": [a5, a6]}
        return sorted(db.run_query(con, "qa_review_list", params, mgr2.scope)["source_id"].tolist())

    assert listed() == ["N5", "N6"]
    # undo puts the history back as it was: no home store
    batches.undo_batch(con, given.batch_id, ADMIN)
    assert [r for r in _history(con) if r[0] in (a5, a6)] == [
        (a6, None, None, None, day, b1),
        (a6, 2, None, day, None, b1),
    ]
    assert listed() == []
    # a first move that also gives the home store: the row before it takes that home store too
    both = _import(con, "agent_code,team_code,home_store_code\nA005,T2,S003\n")
    assert [r for r in _history(con) if r[0] == a5] == [
        (a5, None, 3, None, day, both.batch_id),
        (a5, 2, 3, day, None, both.batch_id),
    ]
