"""The review loop's read queries: scope inside the SQL, and the figures the team view reads."""

from datetime import date

import pytest

from portal import db, writes
from portal.auth import User
from portal.scope import Scope
from tests import qa_fixture as fx

OCTOBER = {"start_on": date(2026, 10, 1), "end_on": date(2026, 10, 31), "agent_ids": []}


@pytest.fixture
def qa_con(con):
    fx.load_qa_reviews(con)
    return con


def test_review_list_is_scoped(qa_con):
    def sources(scope, **params):
        return db.run_query(qa_con, "qa_review_list", OCTOBER | params, scope)["source_id"].tolist()

    assert sources(fx.LEAD_ONE.scope) == ["QA-3", "QA-2", "QA-4", "QA-1"]  # newest first, team 1 only
    assert sources(fx.LEAD_TWO.scope) == ["QA-5"]
    assert sources(fx.AGENT_ONE.scope) == ["QA-3", "QA-2", "QA-1"]
    assert sources(fx.MANAGER.scope, agent_ids=[2]) == ["QA-4"]
    assert sources(Scope.nothing()) == []
    assert sources(fx.LEAD_ONE.scope, start_on=date(2026, 10, 10), end_on=date(2026, 10, 12)) == ["QA-2"]


def test_review_list_shows_criteria_and_the_dispute(qa_con):
    dispute = writes.raise_qa_dispute(qa_con, fx.AGENT_ONE, 3, "verified by SMS")
    row = db.run_query(qa_con, "qa_review_list", OCTOBER, fx.AGENT_ONE.scope).iloc[0]
    assert row["criteria"] == "greet 4/5 · verify 0/10 !"
    assert (row["effective_score"], row["dispute_id"], row["dispute_status"]) == (0.0, dispute, "open")


def test_open_disputes_per_team(qa_con):
    writes.raise_qa_dispute(qa_con, fx.AGENT_ONE, 1, "a")
    d2 = writes.raise_qa_dispute(qa_con, fx.AGENT_ONE, 2, "b")
    writes.decide_qa_dispute(qa_con, fx.LEAD_ONE, d2, "remove")
    writes.raise_qa_dispute(qa_con, fx.AGENT_THREE, 5, "c")
    counts = db.run_query(qa_con, "qa_open_disputes", OCTOBER, Scope.everything())
    # team 1: QA-1 open (QA-2 decided); reviews QA-1..4, QA-2 excluded. Team 2: QA-5 open.
    assert counts[["team_code", "open_disputes", "reviews", "excluded_reviews"]].values.tolist() == [
        ["T1", 1, 4, 1],
        ["T2", 1, 1, 0],
    ]
    lead = db.run_query(qa_con, "qa_open_disputes", OCTOBER, fx.LEAD_ONE.scope)
    assert lead["team_code"].tolist() == ["T1"]


def test_disputes_list_open_first_and_scoped(qa_con):
    d1 = writes.raise_qa_dispute(qa_con, fx.AGENT_ONE, 1, "a")
    d2 = writes.raise_qa_dispute(qa_con, fx.AGENT_ONE, 2, "b")
    writes.decide_qa_dispute(qa_con, fx.LEAD_ONE, d1, "correct", 90, "ok")
    writes.raise_qa_dispute(qa_con, fx.AGENT_THREE, 5, "c")
    mine = db.run_query(qa_con, "qa_disputes", {"dispute_statuses": []}, fx.LEAD_ONE.scope)
    assert mine[["dispute_id", "status"]].values.tolist() == [[d2, "open"], [d1, "accepted"]]
    open_only = db.run_query(qa_con, "qa_disputes", {"dispute_statuses": ["open"]}, Scope.everything())
    assert sorted(open_only["source_id"]) == ["QA-2", "QA-5"]
    # a regional manager (stores 1, 2): not A003's (home store 3, region R2)
    regional = db.run_query(qa_con, "qa_disputes", {"dispute_statuses": ["open"]}, fx.MANAGER.scope)
    assert regional["source_id"].tolist() == ["QA-2"]


def test_figures_qa_score_and_open_disputes(qa_con):
    from portal.qa import figures

    writes.raise_qa_dispute(qa_con, fx.AGENT_ONE, 1, "a")
    figs = figures.figures(qa_con, fx.LEAD_ONE.scope, date(2026, 10, 1), date(2026, 10, 31))
    # team 1 in October: QA-1 80, QA-2 76, QA-3 0 (critical), QA-4 90 -> 246 / 4 = 61.5 on n = 4
    assert (figs.qa_score.value, figs.qa_score.n) == (61.5, 4)
    assert figs.qa_score.status == "low_confidence"  # n = 4 < 5 reviews: never coloured pass / fail
    assert figs.open_disputes.value == 1.0
    agent = figures.figures(qa_con, fx.AGENT_ONE.scope, date(2026, 10, 1), date(2026, 10, 31))
    # A001: (80 + 76 + 0) / 3 = 52 on 3 reviews: fewer than 5, low confidence; no reviews in September
    assert (agent.qa_score.value, agent.qa_score.n, agent.qa_score.low_confidence) == (52.0, 3, True)
    assert agent.qa_score.previous_value is None
    november = figures.figures(qa_con, fx.LEAD_ONE.scope, date(2026, 11, 1), date(2026, 11, 30))
    # no review in November; the month before (October) holds team 1's four: 61.5 on n = 4
    assert november.qa_score.status == "no_data"
    assert (november.qa_score.previous_value, november.qa_score.previous_n) == (61.5, 4)
    empty = figures.figures(qa_con, fx.LEAD_TWO.scope, date(2026, 9, 1), date(2026, 9, 30))
    assert empty.qa_score.status == "no_data" and empty.qa_score.no_data_reason == "qa.no_data.reviews"


def test_a_rolling_window_is_compared_with_the_days_before_and_whole_months_with_the_months_before(qa_con):
    from portal.qa import figures

    # A001 reviewed on 2 January 2027 (50) and 10 February 2027 (70); February 2027 is 28 days
    qa_con.execute(
        "insert into qa_reviews (qa_review_id, source_id, agent_id, reviewed_on, reviewer, score) values "
        "(nextval('seq_qa_review_id'), 'QA-J', 1, date '2027-01-02', 'Quinn Reviewer', 50), "
        "(nextval('seq_qa_review_id'), 'QA-F', 1, date '2027-02-10', 'Quinn Reviewer', 70)"
    )
    feb = (date(2027, 2, 1), date(2027, 2, 28))
    month = figures.figures(qa_con, fx.AGENT_ONE.scope, *feb)
    # February as a month: compared with January, 1-31 (the review of 2 January: 50 on n = 1)
    assert (month.qa_score.value, month.qa_score.previous_value, month.qa_score.previous_n) == (70.0, 50.0, 1)
    rolling = figures.figures(qa_con, fx.AGENT_ONE.scope, *feb, rolling=True)
    # the page's rolling default that happens to be February: the 28 days before, 4-31 January, hold no review
    assert rolling.qa_score.value == 70.0 and rolling.qa_score.previous_value is None


def test_the_qa_score_is_low_confidence_by_the_scorecards_setting(qa_con):
    # the QA pages' QA score is the cards' QA metric over the reviews of a period: low confidence under the same
    # setting, scorecard_low_confidence_n (SPEC §3: scorecards, fewer than 5 items), not a fixed 5. A001's October:
    # (80 + 76 + 0) / 3 = 52 on n = 3; team 1's: 246 / 4 = 61.5 on n = 4
    from portal.qa import figures

    def october(scope):
        return figures.figures(qa_con, scope, date(2026, 10, 1), date(2026, 10, 31)).qa_score

    writes.transaction(qa_con, lambda cur: writes.put_setting_in(cur, "scorecard_low_confidence_n", 3, None))
    agent = october(fx.AGENT_ONE.scope)
    assert (agent.value, agent.n, agent.low_confidence_n, agent.low_confidence) == (52.0, 3, 3, False)
    writes.transaction(qa_con, lambda cur: writes.put_setting_in(cur, "scorecard_low_confidence_n", 8, None))
    team = october(fx.LEAD_ONE.scope)
    assert (team.value, team.n, team.low_confidence_n, team.status) == (61.5, 4, 8, "low_confidence")
    given = figures.figures(
        qa_con, fx.AGENT_ONE.scope, date(2026, 10, 1), date(2026, 10, 31), low_confidence_n=2
    )
    assert given.qa_score.low_confidence_n == 2  # a page passes its settings snapshot's


def test_a_regional_manager_sees_only_the_agents_of_their_stores(qa_con):
    """fx.MANAGER has stores 1, 2 (region R1) and every agent (Scope.all_agents): A001 and A002 have their home
    store in R1, A003 and A004 in R2. The QA queries held A003's review, dispute and sign-off out of R1 only for
    a team lead, not for this manager (in_agent_scope is true for every agent when all_agents)."""
    writes.raise_qa_dispute(qa_con, fx.AGENT_ONE, 2, "mine")
    writes.raise_qa_dispute(qa_con, fx.AGENT_THREE, 5, "another region's")
    admin = User("t_admin", "Admin", ("admin",), Scope.everything())
    writes.sign_off_period(qa_con, admin, 1, "month", date(2026, 10, 1), "R1 agent", date(2026, 11, 30))
    writes.sign_off_period(qa_con, admin, 3, "month", date(2026, 10, 1), "R2 agent", date(2026, 11, 30))
    scope = fx.MANAGER.scope
    region_agents = {1, 2}

    reviews = db.run_query(qa_con, "qa_review_list", OCTOBER, scope)
    assert set(reviews["agent_id"]) == region_agents and "QA-5" not in set(reviews["source_id"])
    disputes = db.run_query(qa_con, "qa_disputes", {"dispute_statuses": []}, scope)
    assert disputes["source_id"].tolist() == ["QA-2"]
    sign_offs = db.run_query(qa_con, "qa_sign_offs", {}, scope)
    assert sign_offs["agent_id"].tolist() == [1]
    # team 1 in October: 80, 76, 0 (critical), 90 -> 61.5 on n = 4 (A003's 70 would make it 63.2 on 5)
    summary = db.run_query(qa_con, "qa_score_summary", OCTOBER, scope).iloc[0]
    assert (summary["n"], summary["qa_score"]) == (4, 61.5)
    assert db.run_query(qa_con, "qa_open_disputes", OCTOBER, scope)["team_code"].tolist() == ["T1"]
    pickers = db.run_query(qa_con, "master_teams_agents", {}, scope)
    assert set(pickers["agent_id"].dropna().astype(int)) == region_agents
    # the other region's manager sees the other half; the whole chain sees all
    south = Scope(store_ids=(3,), all_agents=True)
    assert set(db.run_query(qa_con, "qa_review_list", OCTOBER, south)["agent_id"]) == {3}
    assert db.run_query(qa_con, "qa_disputes", {"dispute_statuses": []}, south)["source_id"].tolist() == [
        "QA-5"
    ]
    assert len(db.run_query(qa_con, "qa_review_list", OCTOBER, Scope(all_stores=True, all_agents=True))) == 5


def test_disputes_raised_at_the_same_instant_keep_one_order(qa_con):
    # two open disputes tying on every sort key (raised at the same instant): the dispute id decides, on every run
    ids = [writes.raise_qa_dispute(qa_con, fx.AGENT_ONE, review, "same instant") for review in (2, 1, 3)]
    qa_con.execute("update qa_disputes set raised_at = timestamp '2026-10-20 09:00:00'")
    for _ in range(5):
        listed = db.run_query(qa_con, "qa_disputes", {"dispute_statuses": []}, fx.LEAD_ONE.scope)
        assert listed["dispute_id"].tolist() == sorted(ids)


def test_the_agent_filter_offers_the_agents_of_the_readers_team_on_the_chosen_days(qa_con):
    # A003 moves from T2 to T1 on 2026-10-15: QA-5 (10-09) stays T2's, as the review list places it
    qa_con.execute(
        "insert into agent_team_history (agent_id, team_id, valid_from, valid_to) values "
        "(3, 2, null, date '2026-10-15'), (3, 1, date '2026-10-15', null)"
    )
    qa_con.execute("insert into agent_assignments (agent_id, team_id, home_store_id) values (3, 1, 3)")

    def offered(scope, start, end):
        params = {"start_on": start, "end_on": end}
        rows = db.run_query(qa_con, "qa_review_agents", params, scope)
        return list(zip(rows["agent_code"], rows["team_codes"], strict=True))

    before, after = (date(2026, 10, 1), date(2026, 10, 14)), (date(2026, 10, 15), date(2026, 10, 31))
    # T2's lead reads QA-5 in October and can pick A003 for it; not for the days after the move
    assert db.run_query(qa_con, "qa_review_list", OCTOBER, fx.LEAD_TWO.scope)["source_id"].tolist() == [
        "QA-5"
    ]
    assert offered(fx.LEAD_TWO.scope, *before) == [("A003", "T2"), ("A004", "T2")]
    assert offered(fx.LEAD_TWO.scope, *after) == [("A004", "T2")]
    assert offered(fx.LEAD_TWO.scope, date(2026, 10, 1), date(2026, 10, 31)) == [
        ("A003", "T2"),
        ("A004", "T2"),
    ]
    # T1's lead: A003 only from the move on
    assert offered(fx.LEAD_ONE.scope, *before) == [("A001", "T1"), ("A002", "T1")]
    assert offered(fx.LEAD_ONE.scope, *after) == [("A001", "T1"), ("A002", "T1"), ("A003", "T1")]
    # the admin: every agent, A003 with both teams over October
    assert offered(Scope.everything(), date(2026, 10, 1), date(2026, 10, 31))[2] == ("A003", "T1, T2")
    # the filter picks what the list shows: T2's lead picking A003 over October reads QA-5
    picked = OCTOBER | {"agent_ids": [3]}
    assert db.run_query(qa_con, "qa_review_list", picked, fx.LEAD_TWO.scope)["source_id"].tolist() == ["QA-5"]


def test_the_qa_score_has_no_low_confidence_n_of_its_own():
    # the setting's default lives in settings.DEFAULTS alone: a caller that forgets to pass the setting fails
    # rather than judging on a fixed 5 of its own
    import pandas as pd

    from portal.qa import figures

    reviews = pd.DataFrame({"is_excluded": [False, False], "effective_score": [80.0, 70.0]})
    assert not hasattr(figures, "LOW_CONFIDENCE_N")
    with pytest.raises(TypeError):
        figures.qa_score(reviews, None)
    assert figures.qa_score(reviews, None, 3).low_confidence_n == 3


def test_a_reviews_ticket_shows_only_for_a_complaint_the_reader_may_see(qa_con):
    # A003 moves on 2026-10-07 from T2 at S003 (region 2) to T1 at S001 (region 1). C-OLD (S003, region 2, received
    # 10-02, before the move) is reviewed on 10-15, after it (QA-6): T1's lead and region 1's manager read QA-6 (the
    # agent is theirs on its date) but not C-OLD, whose detail answers "not found" to them; C-NEW (S001) they may see.
    qa_con.execute(
        "insert into agent_team_history (agent_id, team_id, home_store_id, valid_from, valid_to) values "
        "(3, 2, 3, null, date '2026-10-07'), (3, 1, 1, date '2026-10-07', null)"
    )
    qa_con.execute(
        "insert into complaints (complaint_id, source, source_id, received_at, channel, store_id, region_id, "
        "agent_id, status) values (901, 'test', 'C-OLD', timestamp '2026-10-02 10:00', 'hotline', 3, 2, 3, 'open'), "
        "(902, 'test', 'C-NEW', timestamp '2026-10-16 10:00', 'hotline', 1, 1, 3, 'open')"
    )
    qa_con.execute(
        "insert into qa_reviews (qa_review_id, source_id, agent_id, complaint_id, reviewed_on, reviewer, score) "
        "values (6, 'QA-6', 3, 901, date '2026-10-15', 'Quinn Reviewer', 60), "
        "(7, 'QA-7', 3, 902, date '2026-10-17', 'Quinn Reviewer', 65)"
    )

    def tickets(scope) -> dict:
        rows = db.run_query(qa_con, "qa_review_list", OCTOBER, scope)
        shown = rows.set_index("source_id")["complaint"].reindex(["QA-6", "QA-7"]).dropna()
        return {r: shown.get(r) for r in ("QA-6", "QA-7") if r in set(rows["source_id"])}

    def detail(scope, source_id) -> int:
        return len(db.run_query(qa_con, "complaint_detail", {"complaint": source_id, "lang": "en"}, scope))

    for reader in (fx.LEAD_ONE, fx.MANAGER):
        assert detail(reader.scope, "C-OLD") == 0 and detail(reader.scope, "C-NEW") == 1
        assert tickets(reader.scope) == {"QA-6": None, "QA-7": "C-NEW"}  # before: QA-6 named C-OLD
    assert tickets(Scope.everything()) == {"QA-6": "C-OLD", "QA-7": "C-NEW"}
    south = Scope(store_ids=(3,), all_agents=True)  # region 2's manager: QA-6 and QA-7 are region 1's now
    assert tickets(south) == {}
    # A003 himself reads his own reviews with the tickets of the complaints he handled
    assert tickets(fx.AGENT_THREE.scope) == {"QA-6": "C-OLD", "QA-7": "C-NEW"}


def test_the_qa_pages_default_dates_are_a_rolling_window(monkeypatch):
    from portal import ui, ui_qa

    monkeypatch.setattr(ui, "today", lambda: date(2027, 3, 31))
    # the default last 90 days on 31 March 2027: 1 January to 31 March, whole months that roll with today
    assert ui_qa.is_default_window(date(2027, 1, 1), date(2027, 3, 31))
    # the first quarter picked on another day, or other dates, are compared month with month
    monkeypatch.setattr(ui, "today", lambda: date(2027, 4, 2))
    assert not ui_qa.is_default_window(date(2027, 1, 1), date(2027, 3, 31))
    assert not ui_qa.is_default_window(date(2027, 1, 4), date(2027, 4, 2), days=30)
