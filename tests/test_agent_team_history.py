"""An agent moved to another team keeps their past periods in the old team (SPEC §2: "History is never overwritten").

The move (an upload of agents) is dated the import's day in the reporting zone and kept in agent_team_history
(migration 027); the scorecards, the team standing, the sign-offs and the QA reviews behind a card place a period
with the agent's team on its last day (models/agent_team_spans.sql). Before, every query read the team the agent has
now (agents_now): the old team's October ranking changed, the agent's October card went to the new team, and the
old lead's own coaching note went with it (probe report, defect 2).
Fixture: tests/scorecards_fixture.py (October 2026: A001 86.1 in T1, A003 100.0 in T2; A002, A004 insufficient).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from portal import db, settings, users, writes, zones
from portal.auth import User
from portal.i18n import t
from portal.ingest import batches, errors, pipeline, registry
from portal.qa import rules
from portal.scope import Scope
from portal.scorecards import figures, periods
from tests import scorecards_fixture as fx

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
OCT = periods.parse("2026-10")
PASSWORD = "a long enough pass phrase 7"
MOVE_A003 = "agent_code,team_code\nA003,T1\n"  # A003: T2 -> T1


@pytest.fixture
def moved(con):
    """The fixture with lead1 (T1), lead2 (T2) and A003's own user; lead2 signs off A003's October, then an agents
    upload moves A003 to T1. Yields (con, lead1, lead2, agent3, the month of the move, the move's batch id)."""
    fx.load(con)
    for name, roles, extra in (
        ("lead1", ["team_lead"], {"scope_team_id": 1}),
        ("lead2", ["team_lead"], {"scope_team_id": 2}),
        ("agent3", ["agent"], {"agent_id": 3}),
    ):
        users.create_user(con, username=name, display_name=name, password=PASSWORD, roles=roles, **extra)
    lead2 = users.load_user(con, "lead2")
    writes.sign_off_period(con, lead2, 3, "month", date(2026, 10, 1), "October: well done", date(2026, 11, 5))
    options = pipeline.ImportOptions(now=datetime(2026, 11, 5))
    _, result = pipeline.import_bytes(
        con, registry.kind("agents"), MOVE_A003.encode(), "agents.csv", None, options, ADMIN
    )
    assert result.rows_updated == 1
    created = con.execute("select created_at from import_batches where batch_id = ?", [result.batch_id])
    moved_on = zones.local(created.fetchone()[0], settings.report_timezone(con)).date()
    month = periods.parse(str(moved_on), "month")
    yield con, users.load_user(con, "lead1"), lead2, users.load_user(con, "agent3"), month, result.batch_id


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


def test_the_old_teams_past_ranking_is_unchanged_and_the_agent_joins_the_new_team_from_the_move_on(moved):
    con, lead1, lead2, _, month, _ = moved
    # October ended before the move: T1 ranked A001 alone, T2 A003 alone, as before the move (it was
    # T1: A003 1 of 2, A001 2 of 2; T2: A004 alone)
    assert cards(con, lead1) == [("T1", "A001", 1, 1, 86.1), ("T1", "A002", None, 1, None)]
    assert cards(con, lead2) == [("T2", "A003", 1, 1, 100.0), ("T2", "A004", None, 1, None)]
    assert cards(con, ADMIN) == [
        ("T1", "A001", 1, 1, 86.1),
        ("T1", "A002", None, 1, None),
        ("T2", "A003", 1, 1, 100.0),
        ("T2", "A004", None, 1, None),
    ]
    # the month of the move (and on): A003 is T1's
    assert [c[:2] for c in cards(con, lead1, month)] == [("T1", "A001"), ("T1", "A002"), ("T1", "A003")]
    assert [c[:2] for c in cards(con, lead2, month)] == [("T2", "A004")]


def test_the_agent_is_ranked_in_the_team_they_were_in_then(moved):
    # the agent's own card ranks among the team of the period (scorecard_team_members), not the team now
    con, _, _, agent3, month, _ = moved
    assert cards(con, agent3) == [("T2", "A003", 1, 1, 100.0)]
    assert [c[:2] for c in cards(con, agent3, month)] == [("T1", "A003")]


def test_the_agents_own_card_draws_each_months_team_point_with_that_teams_code(moved):
    # probe (review of 4d88415): on My scorecard (agent_ids [3]) the points of T2, A003's team until the move on
    # 5 December, had no team code (the codes came from the period's cards only, all T1's), so their hover showed
    # "—"; the admin's path had them. Each point: the team A003 was in that month, named.
    con, _, _, agent3, _, _ = moved
    dec5 = date(2026, 12, 5)
    con.execute("update agent_team_history set valid_to = ? where agent_id = 3 and team_id = 2", [dec5])
    con.execute("update agent_team_history set valid_from = ? where agent_id = 3 and team_id = 1", [dec5])
    sset = figures.figures(
        con, agent3.scope, periods.parse("2026-12"), agent_ids=[3], timezone="UTC", sla_as_of=fx.SLA_AS_OF
    )
    points = figures.card_team_points(sset, sset.history[3])
    assert [(p.period.label, p.team_id, p.team_code) for p in points] == [
        ("2026-07", 2, "T2"),
        ("2026-08", 2, "T2"),
        ("2026-09", 2, "T2"),
        ("2026-10", 2, "T2"),
        ("2026-11", 2, "T2"),
        ("2026-12", 1, "T1"),
    ]


def test_the_old_lead_keeps_her_coaching_note_and_the_reviews_behind_the_agents_past_card(moved):
    con, lead1, lead2, agent3, _, _ = moved

    def notes(user: User) -> list[list]:
        rows = db.run_query(con, "qa_sign_offs", {}, user.scope)
        return rows[["agent_code", "team_id", "coaching_note", "signed_by"]].values.tolist()

    assert notes(lead2) == [["A003", 2, "October: well done", "lead2"]]
    assert notes(lead1) == []  # the new lead: not a period of her team
    assert notes(agent3) == [["A003", 2, "October: well done", "lead2"]]  # the agent reads it still

    def reviews(user: User) -> list[str]:
        rows = figures.qa_reviews(figures.runner(con, user.scope), 3, OCT)
        return rows["source_id"].tolist()

    assert reviews(lead2) == ["QA0023", "QA0022", "QA0021"]
    assert reviews(lead1) == []


def test_each_lead_signs_off_the_periods_her_team_had_the_agent_in(moved):
    con, lead1, lead2, _, month, _ = moved
    today = month.last_day
    # the old lead: October yes (again), the month of the move no; the new lead the other way round
    assert writes.sign_off_period(con, lead2, 3, "month", date(2026, 10, 1), "October, again", today) > 0
    assert writes.sign_off_period(con, lead1, 3, "month", month.start, "Welcome to T1", today) > 0
    # the new lead, whose agent A003 is now (her sign-off list offers him), is told whose October it is: it said
    # "That agent does not exist or is outside your scope"; the old lead, who no longer holds him, learns nothing
    with pytest.raises(rules.QaRefused) as refused:
        writes.sign_off_period(con, lead1, 3, "month", date(2026, 10, 1), "not mine", today)
    assert refused.value.key == "qa.err.period_other_team"
    assert str(refused.value) == (
        "A003 was in team T2 Team Two at the end of 2026-10: that period is that team's, and its lead signs it off."
    )
    assert t(refused.value.key, "zh", **refused.value.values) == (
        "客服专员 A003 在 2026-10 期末属于班组 T2 Team Two：该期间属于该班组，由其班组长签核。"
    )
    # a team with a Chinese name is named by it in Chinese (teams.name_zh), by its name in English
    con.execute("update teams set name_zh = '二组' where team_code = 'T2'")
    with pytest.raises(rules.QaRefused) as refused:
        writes.sign_off_period(con, lead1, 3, "month", date(2026, 10, 1), "not mine", today)
    assert "属于班组 T2 二组：" in t(refused.value.key, "zh", **refused.value.values)
    assert "in team T2 Team Two at" in t(refused.value.key, "en", **refused.value.values)
    con.execute("update teams set name_zh = null where team_code = 'T2'")
    with pytest.raises(rules.QaRefused) as refused:
        writes.sign_off_period(con, lead2, 3, "month", month.start, "not mine", today)
    assert refused.value.key == "qa.err.agent_not_found"
    signed = con.execute(
        "select signed_by, period_start, coaching_note from scorecard_sign_offs order by sign_off_id"
    ).fetchall()
    assert signed == [
        ("lead2", date(2026, 10, 1), "October: well done"),
        ("lead2", date(2026, 10, 1), "October, again"),
        ("lead1", month.start, "Welcome to T1"),
    ]


def test_the_move_is_kept_as_team_history_and_undo_puts_it_back(moved):
    con, lead1, lead2, _, month, batch_id = moved
    moved_on = con.execute("select valid_to from agent_team_history where team_id = 2").fetchone()[0]
    assert con.execute(
        "select agent_id, team_id, valid_from, valid_to, batch_id from agent_team_history order by team_id desc"
    ).fetchall() == [(3, 2, None, moved_on, batch_id), (3, 1, moved_on, None, batch_id)]
    day_before = date.fromordinal(moved_on.toordinal() - 1)
    assert con.execute(
        "select list(t.team_id order by k.n) from unnest([3, 3, 3, 1]) with ordinality as k(agent_id, n) "
        "join unnest([date '2026-10-31', $before, $on, $before]) with ordinality as d(day, n) on d.n = k.n "
        "left join agent_team_spans() as t on t.agent_id = k.agent_id and d.day >= t.valid_from and d.day < t.valid_to",
        {"before": day_before, "on": moved_on},
    ).fetchone() == ([2, 2, 1, 1],)  # A001, never moved: its team now
    # a second move (back to T2) ends T1's row and starts T2's again; undo of that one restores the first's rows
    options = pipeline.ImportOptions(now=datetime(2026, 11, 5))
    _, back = pipeline.import_bytes(
        con, registry.kind("agents"), b"agent_code,team_code\nA003,T2\n", "back.csv", None, options, ADMIN
    )
    assert con.execute(
        "select team_id, valid_from, valid_to, batch_id from agent_team_history order by valid_from nulls first, 4"
    ).fetchall() == [
        (2, None, moved_on, batch_id),
        (1, moved_on, moved_on, batch_id),
        (2, moved_on, None, back.batch_id),
    ]
    assert [c[:2] for c in cards(con, lead2, month)] == [("T2", "A003"), ("T2", "A004")]
    batches.undo_batch(con, back.batch_id, ADMIN)
    assert con.execute(
        "select team_id, valid_from, valid_to, batch_id from agent_team_history order by valid_from nulls first"
    ).fetchall() == [(2, None, moved_on, batch_id), (1, moved_on, None, batch_id)]
    batches.undo_batch(con, batch_id, ADMIN)
    assert con.execute("select count(*) from agent_team_history").fetchone() == (0,)
    assert [c[:2] for c in cards(con, lead1, month)] == [("T1", "A001"), ("T1", "A002")]


@pytest.mark.parametrize(
    ("zone", "moved_on"),
    [(None, date(2026, 11, 21)), ("Europe/London", date(2026, 11, 20)), ("Mars/Olympus", date(2026, 11, 21))],
)
def test_the_migration_dates_a_move_made_before_it_by_its_batch_in_the_reporting_zone(con, zone, moved_on):
    # a database moved A003 (T2 -> T1) on 2026-11-20 at 17:00 UTC, before migration 027: the 21st in Shanghai (the
    # stores' zone, the reporting zone when none is set or the setting names no zone), the 20th in London. Another
    # setting holding a JSON object stopped the migration of the demo database ("Failed to cast value").
    from portal.db import MIGRATIONS_DIR

    con.execute("drop table agent_team_history")
    con.execute("""insert into settings (key, value) values ('demo_info', '{"scale": 1.0}')""")
    if zone:
        con.execute(
            "insert into settings (key, value) values ('report_timezone', to_json(?::varchar))", [zone]
        )
    con.execute(
        "insert into import_batches (batch_id, kind, created_at) values (7, 'agents', timestamp '2026-11-20 17:00')"
    )
    con.execute(
        "insert into agent_assignments (agent_id, team_id, home_store_id, batch_id) values (3, 1, 3, 7)"
    )
    con.execute((MIGRATIONS_DIR / "027_agent_team_history.sql").read_text(encoding="utf-8"))
    assert con.execute(
        "select agent_id, team_id, valid_from, valid_to, batch_id from agent_team_history order by 3 nulls first"
    ).fetchall() == [(3, 2, None, moved_on, 7), (3, 1, moved_on, None, 7)]


# ---- the QA reviews page: a review is the team's the agent was in on its date (models/qa_review_scores.sql)


@pytest.fixture
def disputed(moved):
    """``moved`` with A003's own dispute of QA0021 (12 October, in T2) and of QA0041, a review dated the day of the
    move (in T1). Yields (con, lead1, lead2, agent3, the day of the move, the disputes' ids: October's, the move
    day's)."""
    con, lead1, lead2, agent3, _, _ = moved
    moved_on = con.execute("select valid_from from agent_team_history where team_id = 1").fetchone()[0]
    con.execute(
        "insert into qa_reviews (source_id, agent_id, reviewed_on, reviewer, score) "
        "values ('QA0041', 3, ?, 'Quinn QA', 85)",
        [moved_on],
    )
    review_ids = dict(con.execute("select source_id, qa_review_id from qa_reviews").fetchall())
    ids = tuple(
        writes.raise_qa_dispute(con, agent3, review_ids[source], "not fair")
        for source in ("QA0021", "QA0041")
    )
    yield con, lead1, lead2, agent3, moved_on, ids


def _list(con, user: User, name: str, moved_on, **params) -> list:
    dates = {"start_on": date(2026, 10, 1), "end_on": moved_on, "agent_ids": [3]}
    return db.run_query(con, name, dates | params, user.scope)


def test_the_qa_page_lists_a_moved_agents_reviews_and_disputes_under_the_team_of_their_date(disputed):
    # before: lead1 (T1, the new team) read all four reviews of A003 and both disputes, lead2 (T2) none of them
    con, lead1, lead2, agent3, moved_on, (october, move_day) = disputed

    def reviews(user: User) -> list:
        return _list(con, user, "qa_review_list", moved_on)[["source_id", "team_id"]].values.tolist()

    assert reviews(lead2) == [["QA0023", 2], ["QA0022", 2], ["QA0021", 2]]
    assert reviews(lead1) == [["QA0041", 1]]
    assert [r[0] for r in reviews(agent3)] == [
        "QA0041",
        "QA0023",
        "QA0022",
        "QA0021",
    ]  # the agent: all his own
    assert [r[0] for r in reviews(ADMIN)] == ["QA0041", "QA0023", "QA0022", "QA0021"]

    def disputes(user: User) -> list:
        rows = db.run_query(con, "qa_disputes", {"dispute_statuses": ["open"]}, user.scope)
        return rows[["dispute_id", "source_id", "team_id"]].values.tolist()

    assert disputes(lead2) == [[october, "QA0021", 2]]
    assert disputes(lead1) == [[move_day, "QA0041", 1]]
    assert disputes(agent3) == [[october, "QA0021", 2], [move_day, "QA0041", 1]]

    def summary(user: User) -> list:
        return _list(con, user, "qa_score_summary", moved_on).values.tolist()

    assert summary(lead2) == [[3, 95.0]]
    assert summary(lead1) == [[1, 85.0]]

    def status(
        user: User,
    ) -> list:  # the Data status page's QA row: 5 of T1 (A001, A002) and A003's of the move day
        rows = db.run_query(con, "data_status", {"kinds": ["qa_reviews"]}, user.scope)
        return [[r.row_count, r.first_on.date(), r.last_on.date()] for r in rows.itertuples()]

    assert status(lead2) == [[3, date(2026, 10, 12), date(2026, 10, 12)]]
    assert status(lead1) == [[9, date(2026, 9, 10), moved_on]]


def test_the_open_dispute_counts_follow_the_reviews_team(disputed):
    # before: lead1 counted both of A003's open disputes (T1: 2), lead2 none; the scorecard view the same per agent
    con, lead1, lead2, _, moved_on, _ = disputed

    def by_team(user: User) -> list:
        rows = _list(con, user, "qa_open_disputes", moved_on)
        return rows[["team_code", "open_disputes", "reviews"]].values.tolist()

    assert by_team(lead2) == [["T2", 1, 3]]
    assert by_team(lead1) == [["T1", 1, 6]]  # A003's review of the move day, A001's 2 and A002's 3 of October
    assert by_team(ADMIN) == [["T1", 1, 6], ["T2", 1, 3]]

    def per_agent(user: User, team_ids=()) -> list:
        rows = db.run_query(
            con, "scorecard_open_disputes", {"team_ids": list(team_ids), "agent_ids": []}, user.scope
        )
        return rows.values.tolist()

    # agent, open disputes of every period (the tile's)
    assert per_agent(lead2) == [[3, 1]]
    assert per_agent(lead1) == [[3, 1]]
    assert per_agent(ADMIN) == [[3, 2]]
    assert per_agent(ADMIN, [2]) == [[3, 1]]


def test_a_cards_open_disputes_are_those_of_the_reviews_its_qa_score_rests_on_for_every_reader(moved):
    # probe (review of c919a8f): A003 reviewed on 1 December (still in T2) and on 5 December (moved to T1 that day),
    # both disputed. His December card (T1's) rests its QA score on both reviews (62.5, n 2); its open disputes read
    # 1 for lead1 (the card's figure was recounted in her scope, by the review's team), 2 for the admin and agent3.
    # Hand count: 2 for every reader; the tile counts those each reader may decide (lead1: the T1 review's, 1).
    con, lead1, _, agent3, _, _ = moved
    dec5 = date(2026, 12, 5)
    con.execute("update agent_team_history set valid_to = ? where agent_id = 3 and team_id = 2", [dec5])
    con.execute("update agent_team_history set valid_from = ? where agent_id = 3 and team_id = 1", [dec5])
    for source, day, score in (("QA0051", date(2026, 12, 1), 50), ("QA0052", dec5, 75)):
        con.execute(
            "insert into qa_reviews (source_id, agent_id, reviewed_on, reviewer, score) "
            "values (?, 3, ?, 'Quinn QA', ?)",
            [source, day, score],
        )
        (review,) = con.execute(
            "select qa_review_id from qa_reviews where source_id = ?", [source]
        ).fetchone()
        writes.raise_qa_dispute(con, agent3, review, "not fair")
    december = periods.parse("2026-12")

    def card_and_tile(user: User) -> tuple:
        sset = figures.figures(con, user.scope, december, timezone="UTC", sla_as_of=fx.SLA_AS_OF)
        card = sset.card(3)
        qa = next(m for m in card.metrics if m.metric == "qa_score")
        return card.team_code, qa.value, qa.n, card.open_disputes, sset.open_disputes

    assert card_and_tile(lead1) == ("T1", 62.5, 2, 2, 1)
    assert card_and_tile(ADMIN) == ("T1", 62.5, 2, 2, 2)
    assert card_and_tile(agent3) == ("T1", 62.5, 2, 2, 2)


def test_each_lead_decides_the_disputes_of_the_reviews_her_team_had(disputed):
    # before: lead1 decided the dispute of A003's October review, from before he joined her team; lead2 was refused
    con, lead1, lead2, _, _, (october, move_day) = disputed
    for lead, dispute_id in ((lead1, october), (lead2, move_day)):
        with pytest.raises(rules.QaRefused) as refused:
            writes.decide_qa_dispute(con, lead, dispute_id, "reject", comment="not mine")
        assert refused.value.key == "qa.err.dispute_not_found"
    writes.decide_qa_dispute(con, lead2, october, "reject", comment="the score stands")
    writes.decide_qa_dispute(con, lead1, move_day, "remove", comment="wrong call")
    assert con.execute(
        "select dispute_id, status, resolution, decided_by from qa_disputes order by dispute_id"
    ).fetchall() == [(october, "rejected", None, "lead2"), (move_day, "accepted", "removed", "lead1")]


def test_each_lead_uploads_the_reviews_dated_while_the_agent_was_in_her_team(disputed):
    # before: lead1 uploaded a review of A003 dated in October (then T2's) and overwrote QA0022; lead2 was refused
    con, lead1, lead2, _, moved_on, _ = disputed
    header = "review_id,agent_code,reviewed_on,reviewer,score\n"
    rows = f"N1,A003,2026-10-20,{{0}},70\nQA0022,A003,2026-10-12,{{0}},50\nN2,A003,{moved_on},{{0}},60\n"
    options = pipeline.ImportOptions(now=datetime(2026, 12, 31), skip_invalid=True)
    kind, agent_out = registry.kind("qa_reviews"), "qa.import.error.agent_team_out_of_scope"  # names the team
    con.execute("update teams set name_zh = '二组' where team_code = 'T2'")  # named so in Chinese
    for lead, added, refused in (
        (lead1, ["N2"], [(2, agent_out), (3, agent_out), (3, "qa.import.error.key_out_of_scope")]),
        # QA0022, of 12 October, is hers to correct; her former agent's row of the move day: not hers, and the
        # refusal does not name the team he went to
        (lead2, ["N1"], [(4, "qa.import.error.agent_left_team")]),
    ):
        con.execute("delete from qa_reviews where source_id in ('N1', 'N2')")
        text = header + rows.format(
            lead.username
        )  # a file of each lead's own (the same file twice is refused)
        prepared, result = pipeline.import_bytes(con, kind, text.encode(), "qa.csv", None, options, lead)
        assert sorted(zip(prepared.errors["row"], prepared.errors["reason"], strict=True)) == refused
        assert result.rows_added == 1
        if lead is lead1:  # October's row: A003 was in T2 then
            said = {
                lang: errors.error_messages(prepared.errors, lang)["reason"].iloc[0] for lang in ("en", "zh")
            }
            assert "T2 Team Two" in said["en"] and "T2 二组" in said["zh"], said
        added_ids = con.execute("select source_id from qa_reviews where source_id in ('N1', 'N2')").fetchall()
        assert [r[0] for r in added_ids] == added
    assert con.execute("select score from qa_reviews where source_id = 'QA0022'").fetchone() == (50.0,)


def test_the_team_spans_take_the_latest_begun_row_and_the_team_now_where_no_row_holds_the_date(con):
    # models/agent_team_spans.sql (issue 14: one hash join per query instead of subqueries per row): A003 (T2 now)
    # with overlapping rows, a row of no team, a gap and a row holding no day; A001 never moved
    fx.load(con)
    con.execute(
        "insert into agent_team_history (agent_id, team_id, valid_from, valid_to) values "
        "(3, 2, null, '2026-03-01'), (3, 1, '2026-02-01', '2026-05-01'), (3, null, '2026-05-01', '2026-06-01'), "
        "(3, 1, '2026-07-01', '2026-07-01')"
    )
    spans = con.execute(
        "select agent_id, team_id, valid_from::varchar, valid_to::varchar from agent_team_spans() "
        "where agent_id in (1, 3) order by agent_id, valid_from"
    ).fetchall()
    assert spans == [
        (1, 1, "-infinity", "infinity"),
        (3, 2, "-infinity", "2026-02-01"),
        (3, 1, "2026-02-01", "2026-03-01"),  # both rows hold it: the latest begun
        (3, 1, "2026-03-01", "2026-05-01"),
        (3, None, "2026-05-01", "2026-06-01"),  # no team then
        (3, 2, "2026-06-01", "2026-07-01"),  # no row: the team now
        (3, 2, "2026-07-01", "infinity"),
    ]
    # read by date as the queries join it: one span per date, none for a null date
    days = ["2026-01-31", "2026-02-01", "2026-04-30", "2026-05-01", "2026-06-15", "2026-07-01", None]
    by_day = con.execute(
        "select d, t.team_id, count(t.agent_id) over (partition by d) from unnest($days::date[]) as x(d) "
        "left join agent_team_spans() as t on t.agent_id = 3 and x.d >= t.valid_from and x.d < t.valid_to "
        "order by d nulls last",
        {"days": days},
    ).fetchall()
    assert [(r[1], r[2]) for r in by_day] == [(2, 1), (1, 1), (1, 1), (None, 1), (2, 1), (2, 1), (None, 0)]
