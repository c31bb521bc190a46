"""QA reviews (team lead, manager, admin) and My QA reviews (agent) through app.py, per role: the agent
disputes a review, the team lead decides disputes and signs off a period; each test has its own database."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from portal import db, writes
from portal.filters import today_in
from portal.i18n import t
from portal.qa import scoring
from tests import fixtures
from tests import qa_fixture as fx
from tests.apptest.conftest import ROOT, make_app, texts


@pytest.fixture(scope="module")
def qa_base(tmp_path_factory):
    """The QA fixture's database, built once for the module (~0.2 s a build): each test copies it."""
    path = tmp_path_factory.mktemp("qa") / "qa.duckdb"
    con = fixtures.build_fixture_db(path)
    fx.load_qa_reviews(con)
    # move the reviews into the last weeks, so the pages' default periods hold them
    shift = (date.today() - date(2026, 10, 25)).days
    con.execute("update qa_reviews set reviewed_on = reviewed_on + to_days(?)", [shift])
    con.execute("checkpoint")
    con.close()
    return path


@pytest.fixture
def qa_db(qa_base, tmp_path, monkeypatch):
    from portal import ui

    ui.clear_caches()
    path = tmp_path / "qa.duckdb"
    shutil.copyfile(qa_base, path)  # a copy of its own: the tests write (disputes, sign-offs, uploads)
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    return path


def _con(path):
    return db.connect(path)  # in-process, DuckDB shares the instance the app has open


def open_page(role, page, lang="en"):
    # the first run opens the page, as its address does: none of these is the role's landing page, so its
    # url_path is its file's name (a run of the landing page first computed its figures and dropped them)
    at = make_app(role, lang).switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def button(at, label):
    return next(b for b in at.button if b.label == label)


def widget(widgets, prefix: str, end: str):
    """The one widget of a form whose keys are ``prefix`` + generation (+ the dispute) + ``end``
    (portal.ui_qa._form_key)."""
    (found,) = [w for w in widgets if w.key and w.key.startswith(prefix) and w.key.endswith(end)]
    return found


def test_agent_disputes_own_review(qa_db):
    at = open_page("agent", "pages/my_reviews.py")
    shown = at.dataframe[0].value
    assert sorted(shown[t("qa.col.source_id")]) == ["QA-1", "QA-2", "QA-3"]  # never A002's QA-4
    # QA-3: form 40 with a failed critical criterion counts 0
    row = shown.set_index(t("qa.col.source_id")).loc["QA-3"]
    assert row[t("qa.col.effective_score")] == 0.0
    assert row[t("qa.col.flag")] == t("qa.flag.critical")
    assert t("qa.mine.no_notes") in texts(at)
    widget(at.selectbox, "my_reviews_dispute_", "_review").set_value(3)
    widget(at.text_area, "my_reviews_dispute_", "_reason").input("Identity was verified by SMS")
    button(at, t("qa.dispute.submit")).click().run()
    assert t("qa.dispute.done") in texts(at)
    con = _con(qa_db)
    assert con.execute("select qa_review_id, reason, raised_by from qa_disputes").fetchall() == [
        (3, "Identity was verified by SMS", "t_agent")
    ]
    con.close()
    # the review with an open dispute is no longer offered
    assert 3 not in widget(at.selectbox, "my_reviews_dispute_", "_review").options


def test_team_lead_decides_and_signs_off(qa_db):
    con = _con(qa_db)
    on_one = writes.raise_qa_dispute(con, fx.AGENT_ONE, 1, "Not my call")
    on_three = writes.raise_qa_dispute(con, fx.AGENT_ONE, 3, "verified by SMS")  # the lead reviewed QA-3
    con.close()
    at = open_page("team_lead", "pages/qa_reviews.py")
    assert at.tabs[0].label == t("qa.tab.disputes", n=2)
    # QA-3 (reviewer "Test Lead" = this user): no form, a warning
    at.selectbox(key="qa_reviews_pick").set_value(on_three).run()
    assert t("qa.err.own_review") in texts(at)
    at.selectbox(key="qa_reviews_pick").set_value(on_one).run()
    widget(at.radio, "qa_reviews_decide_", "_choice").set_value("correct")
    widget(at.number_input, "qa_reviews_decide_", "_score").set_value(88.0)
    widget(at.text_area, "qa_reviews_decide_", "_comment").input("Recording checked")
    button(at, t("qa.decide.submit")).click().run()
    assert not at.exception
    assert t("qa.decide.done", dispute_id=on_one, outcome="Accept: correct the score → 88.0") in texts(at)
    # the tabs draw when opened (ui.lazy_tabs): the sign-off form is not there until its tab is
    assert not [s for s in at.selectbox if s.key and s.key.startswith("qa_reviews_sign_")]
    at.session_state["qa_reviews_tab"] = t("qa.tab.sign_off")
    at.run()
    widget(at.selectbox, "qa_reviews_sign_", "_agent").set_value(1)
    widget(at.text_area, "qa_reviews_sign_", "_note").input("Keep the greeting script")
    button(at, t("qa.sign.submit")).click().run()
    assert not at.exception
    con = _con(qa_db)
    assert con.execute(
        "select effective_score from qa_review_scores() where qa_review_id = 1"
    ).fetchone() == (88.0,)
    grain, start, note = con.execute(
        "select grain, period_start, coaching_note from scorecard_sign_offs"
    ).fetchone()
    con.close()
    assert (grain, note) == ("month", "Keep the greeting script")
    # the last complete month in the reporting time zone (default Asia/Shanghai)
    assert start == scoring.recent_periods(today_in("Asia/Shanghai"), "month")[1]
    # the agent reads the note
    at = open_page("agent", "pages/my_reviews.py")
    assert "Keep the greeting script" in texts(at)


def test_a_refused_decision_keeps_its_choice_and_each_dispute_starts_at_its_own_score(qa_db):
    # browser walk: "Reject" without a comment came back as "Accept: correct the score" (clear_on_submit), and
    # the next dispute's corrected score showed the score of the one decided before
    con = _con(qa_db)
    on_one = writes.raise_qa_dispute(con, fx.AGENT_ONE, 1, "Not my call")  # QA-1: 80
    on_two = writes.raise_qa_dispute(con, fx.AGENT_ONE, 2, "Too harsh")  # QA-2: 76
    con.close()
    at = open_page("team_lead", "pages/qa_reviews.py")
    at.selectbox(key="qa_reviews_pick").set_value(on_one).run()
    assert widget(at.radio, "qa_reviews_decide_", "_choice").value is None  # nothing chosen for the user
    button(at, t("qa.decide.submit")).click().run()
    assert t("qa.decide.choose") in texts(at)
    widget(at.number_input, "qa_reviews_decide_", "_score").set_value(95.0)
    widget(at.radio, "qa_reviews_decide_", "_choice").set_value("reject")
    button(at, t("qa.decide.submit")).click().run()
    assert t("qa.err.comment_required") in texts(at)
    assert widget(at.radio, "qa_reviews_decide_", "_choice").value == "reject"  # kept after the refusal
    widget(at.text_area, "qa_reviews_decide_", "_comment").input("The refund policy was misquoted")
    button(at, t("qa.decide.submit")).click().run()
    con = _con(qa_db)
    assert con.execute("select status from qa_disputes where dispute_id = ?", [on_one]).fetchone() == (
        "rejected",
    )
    con.close()
    # the next dispute starts at its own score (76), not the 95 typed for the one decided before
    at.selectbox(key="qa_reviews_pick").set_value(on_two).run()
    score = widget(at.number_input, "qa_reviews_decide_", "_score")
    assert score.value == 76.0
    assert score.proto.format == "%.1f"  # one decimal, as scores are written (it showed "76.00")
    assert widget(at.radio, "qa_reviews_decide_", "_choice").value is None


def test_team_lead_sees_only_own_team(qa_db):
    at = open_page("team_lead", "pages/qa_reviews.py", lang="zh")
    assert t("page.qa_reviews", "zh") in texts(at)
    assert not at.dataframe  # no disputes yet, and the reviews' tab is drawn when opened (ui.lazy_tabs)
    at.session_state["qa_reviews_tab"] = t("qa.tab.reviews", "zh")
    at.run()
    reviews = at.dataframe[0].value
    assert sorted(reviews[t("qa.col.source_id", "zh")]) == ["QA-1", "QA-2", "QA-3", "QA-4"]  # not T2's QA-5


def _move_a001_to_t2_today(qa_db) -> None:
    """A001 (T1) moves to T2 today: his reviews before today stay T1's."""
    con = _con(qa_db)
    con.execute(
        "insert into agent_team_history (agent_id, team_id, valid_from, valid_to) values "
        "(1, 1, null, current_date), (1, 2, current_date, null)"
    )
    con.execute("insert into agent_assignments (agent_id, team_id, home_store_id) values (1, 2, 1)")
    con.close()


def test_the_team_leads_agent_filter_follows_the_team_on_the_reviews_days(qa_db):
    """A001 moved to T2 today: QA-1..3 (in the last weeks, before the move) stay T1's, and T1's lead still reads them
    and finds A001 in the page's agent filter (before, the filter offered the agents of T1 now: A002 alone); picking
    A001 shows his three reviews."""
    _move_a001_to_t2_today(qa_db)
    at = open_page("team_lead", "pages/qa_reviews.py")
    agents = at.multiselect(key="qa_reviews_agents")
    assert list(agents.options) == ["A001 Agent One (T1)", "A002 Agent Two (T1)"]
    agents.set_value([1]).run()
    at.session_state["qa_reviews_tab"] = t("qa.tab.reviews")
    at.run()
    assert sorted(at.dataframe[0].value[t("qa.col.source_id")]) == ["QA-1", "QA-2", "QA-3"]


def test_an_agent_picked_for_other_dates_stays_picked_and_the_page_says_so(qa_db):
    """A001 moved to T2 today: T1's lead picks A001 (offered for the last 90 days), then sets the dates to today
    alone, where A001 is not hers. The pick stays (it fell back to "all agents" without a word, listing the whole
    team), the page names A001 and the dates, and the list holds none of the team's other reviews."""
    _move_a001_to_t2_today(qa_db)
    at = open_page("team_lead", "pages/qa_reviews.py")
    at.multiselect(key="qa_reviews_agents").set_value([1]).run()
    today = date.today()
    at.date_input(key="qa_reviews_dates").set_value((today, today)).run()
    assert at.multiselect(key="qa_reviews_agents").value == [1]
    notes = [i.value for i in at.info]
    assert any("A001 Agent One (T1)" in n and f"{today} to {today}" in n for n in notes), notes
    at.session_state["qa_reviews_tab"] = t("qa.tab.reviews")
    at.run()
    # A001's reviews are not T1's today and A002 is not picked: no review listed (before: the whole team's)
    assert t("qa.reviews.empty") in [i.value for i in at.info] and not at.dataframe


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_agent_filter_says_it_offers_the_agents_of_the_scope_on_the_dates_reviewed_or_not(qa_db, lang):
    """The filter offers the agents the reader's scope holds on some day of the dates, by their team on that day,
    with or without a review then (queries/qa_review_agents.sql); its words said "whose reviews ... the user may
    read". T1's lead, today alone: no review (they are weeks back), A001 and A002 still offered, and the filter says
    why; A001 (moved to T2 today) picked for the last 90 days and kept is said to be outside her scope on those days,
    not to have no review of hers."""
    _move_a001_to_t2_today(qa_db)
    at = open_page("team_lead", "pages/qa_reviews.py", lang)
    at.multiselect(key="qa_reviews_agents").set_value([1]).run()
    today = date.today()
    at.date_input(key="qa_reviews_dates").set_value((today, today)).run()
    agents = at.multiselect(key="qa_reviews_agents")
    # A002 offered (no review today), A001 kept
    assert agents.options == ["A002 Agent Two (T1)", "A001 Agent One (T1)"]
    assert agents.help == t("qa.agents_help", lang)
    assert {"en": "whether or not they have a review", "zh": "无论当时是否有质检评分"}[lang] in agents.help
    # a manager's agents by their home store (the rule of agent_in_scope), not "those of her stores"
    home = {"en": "agents whose home store is one of your stores", "zh": "所属门店为您的门店之一"}[lang]
    assert home in agents.help
    kept = t("qa.agents_kept", lang, agents="A001 Agent One (T1)", start=today, end=today)
    notes = [i.value for i in at.info]
    assert kept in notes
    # the page's note no longer says the old "no review ... is yours to read"
    assert not any({"en": "yours to read", "zh": "您可查看的其质检评分"}[lang] in n for n in notes), notes


def test_the_sign_off_forms_agents_follow_the_team_on_the_periods_last_day(qa_db):
    """On this month's first day A001 moved T1 -> T2 and A003 T2 -> T1: last month is T1's for A001 and T2's for
    A003 (the team on the period's last day, as the scorecards and the sign-off's own check place it). T1's lead is
    offered A001 and A002 for last month and signs off A001's; for this month A002 and A003. The form offered the
    agents of T1 now (A002, A003) for every period: A003's last month was refused, A001's could not be picked."""
    month = scoring.recent_periods(today_in("Asia/Shanghai"), "month")
    con = _con(qa_db)
    con.execute(
        "insert into agent_team_history (agent_id, team_id, valid_from, valid_to) values "
        "(1, 1, null, ?), (1, 2, ?, null), (3, 2, null, ?), (3, 1, ?, null)",
        [month[0]] * 4,
    )
    con.execute(
        "insert into agent_assignments (agent_id, team_id, home_store_id) values (1, 2, 1), (3, 1, 3)"
    )
    con.close()
    at = open_page("team_lead", "pages/qa_reviews.py")
    at.session_state["qa_reviews_tab"] = t("qa.tab.sign_off")
    at.run()
    assert widget(at.selectbox, "qa_reviews_sign_", "_period").value == month[1]  # the last complete month
    agent = widget(at.selectbox, "qa_reviews_sign_", "_agent")
    assert list(agent.options) == ["A001 Agent One (T1)", "A002 Agent Two (T1)"]
    agent.set_value(1)
    widget(at.text_area, "qa_reviews_sign_", "_note").input("Handover notes")
    button(at, t("qa.sign.submit")).click().run()
    assert not at.exception and not at.error
    con = _con(qa_db)
    signed = con.execute("select agent_id, period_start, coaching_note from scorecard_sign_offs").fetchall()
    con.close()
    assert signed == [(1, month[1], "Handover notes")]
    widget(at.selectbox, "qa_reviews_sign_", "_period").set_value(month[0]).run()
    agent = widget(at.selectbox, "qa_reviews_sign_", "_agent")
    assert list(agent.options) == ["A002 Agent Two (T1)", "A003 Agent Three (T1)"]


def test_manager_sees_the_page(qa_db):
    at = open_page("manager", "pages/qa_reviews.py")
    assert t("qa.disputes.none_open") in texts(at)


def test_regional_manager_sees_only_the_agents_of_their_stores(qa_db):
    """The manager of the apptest (stores 1, 2: region R1) reaches every agent by role, but only those whose home
    store is theirs: A001, A002, never A003 (home store 3, region R2), whose review QA-5 is disputed."""
    con = _con(qa_db)
    writes.raise_qa_dispute(con, fx.AGENT_ONE, 1, "Not my call")
    writes.raise_qa_dispute(con, fx.AGENT_THREE, 5, "another region's")
    admin = fx.ADMIN  # whole chain
    month = scoring.recent_periods(date.today(), "month")[1]
    writes.sign_off_period(con, admin, 3, "month", month, "R2 agent", date.today())
    con.close()
    at = open_page("manager", "pages/qa_reviews.py")
    assert at.tabs[0].label == t("qa.tab.disputes", n=1)
    (picked,) = at.selectbox(key="qa_reviews_pick").options  # the one open dispute: A001's
    assert "A001" in picked and "QA-1" in picked
    (disputes,) = [df.value for df in at.dataframe if t("qa.col.source_id") in df.value.columns]
    assert list(disputes[t("qa.col.source_id")]) == ["QA-1"]
    at.session_state["qa_reviews_tab"] = t("qa.tab.reviews")
    at.run()
    reviews = at.dataframe[0].value
    assert sorted(reviews[t("qa.col.source_id")]) == ["QA-1", "QA-2", "QA-3", "QA-4"]  # not QA-5
    at.session_state["qa_reviews_tab"] = t("qa.tab.sign_off")
    at.run()
    assert not at.exception
    assert "R2 agent" not in texts(at) and t("qa.sign.none") in texts(at)


def test_a_manager_reads_disputes_and_sign_offs_but_is_offered_no_form(qa_db):
    """SPEC §1: deciding disputes and signing off periods are the team lead's (and the admin's); the manager's page
    offered both forms. The manager still picks and reads a dispute, and reads the sign-offs."""
    con = _con(qa_db)
    writes.raise_qa_dispute(con, fx.AGENT_ONE, 1, "Not my call")
    con.close()
    at = open_page("manager", "pages/qa_reviews.py")
    assert "Not my call" in texts(at)
    assert t("qa.decide.team_lead_only") in texts(at)
    assert not at.radio and not at.button and not at.text_area
    at.session_state["qa_reviews_tab"] = t("qa.tab.sign_off")
    at.run()
    assert t("qa.sign.team_lead_only") in texts(at)
    assert not [box for box in at.selectbox if box.key and box.key.startswith("qa_reviews_sign_")]
    assert not at.text_area and not at.exception


@pytest.mark.parametrize(
    ("role", "page"),
    [
        ("agent", "pages/qa_reviews.py"),
        ("inspector", "pages/qa_reviews.py"),
        ("team_lead", "pages/my_reviews.py"),
    ],
)
def test_other_roles_are_not_permitted(qa_db, role, page):
    at = make_app(role).run()
    with pytest.raises(ValueError, match="Could not find"):
        at.switch_page(page)  # not in their navigation
    direct = make_app(role, script=str(ROOT / page)).run()  # and the page refuses on the server
    assert t("app.not_permitted") in texts(direct)
    assert not direct.dataframe


QA_FILE = (
    "review_id,agent_code,reviewed_on,reviewer,score,criterion,criterion_score,max_score,weight,critical\n"
    "N1,A002,{day},Quinn,,greet,5,5,1,no\n"
    "N1,,,,,verify,0,10,1,yes\n"
    "N2,A003,{day},Quinn,70,,,,,\n"
)


def test_team_lead_uploads_qa_reviews_of_their_team(qa_db):
    from portal.ingest import reading

    data = QA_FILE.format(day=date.today().isoformat()).encode()
    at = open_page("team_lead", "pages/upload.py")
    assert at.selectbox(key="upload_kind").value == "qa_reviews"
    at.file_uploader(key="upload_file").upload("qa.csv", data, "text/csv").run()
    form = f"upload_map_qa_reviews_{reading.file_hash(data)[:12]}__"
    at.checkbox(key=f"{form}opt_skip").check()
    button(at, "Check the file").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "3 rows: 2 valid, 1 invalid." in texts(at)
    errors = at.dataframe[1].value
    assert errors.values.tolist()[0][:2] == [4, "agent_code"]  # A003 is in team 2
    button(at, "Commit the import").click().run()
    assert "committed: 1 added" in texts(at)
    con = _con(qa_db)
    # N1: greet 5/5, verify 0/10 critical -> form 50, counts 0
    assert con.execute(
        "select source_id, form_score, effective_score from qa_review_scores() where source_id like 'N%'"
    ).fetchall() == [("N1", 50.0, 0.0)]
    con.close()


@pytest.mark.parametrize(("lang", "shown"), [("en", "Open"), ("zh", "待处理")])
def test_all_disputes_show_the_status_label(qa_db, lang, shown):
    """The English table showed the raw value "open" (Chinese 待处理)."""
    con = _con(qa_db)
    writes.raise_qa_dispute(con, fx.AGENT_ONE, 1, "Not my call")
    con.close()
    at = open_page("team_lead", "pages/qa_reviews.py", lang)
    status = t("qa.col.status", lang)
    (table,) = [df.value for df in at.dataframe if status in df.value.columns]
    assert list(table[status]) == [shown]


def test_a_coaching_note_with_markdown_reaches_the_agent_as_typed(qa_db):
    # a lead's note rendered a heading, a live link and an outside image on the agent's My QA reviews
    note = "# Heading\n[go](http://probe.example) ![pix](http://probe.example/p.png) :red[**URGENT**]"
    con = _con(qa_db)
    month = scoring.recent_periods(today_in("Asia/Shanghai"), "month")[1]
    writes.sign_off_period(con, fx.LEAD_ONE, 1, "month", month, note, date.today())
    con.close()
    at = open_page("agent", "pages/my_reviews.py")
    (shown,) = [m.value for m in at.markdown if "Heading" in m.value]
    assert shown.endswith(
        "· t_lead\n\n> \\# Heading  \n\\[go\\](http\\://probe.example) !\\[pix\\](http\\://probe.example/p.png) "
        "\\:red\\[\\*\\*URGENT\\*\\*\\]"
    )


def test_an_admin_sees_the_reviews_and_open_disputes_of_each_team_in_chinese(qa_db):
    con = _con(qa_db)
    con.execute("update teams set name_zh = '二组' where team_id = 2")  # Team One has no Chinese name
    writes.raise_qa_dispute(con, fx.AGENT_THREE, 5, "录音听错了")
    con.close()
    at = open_page("admin", "pages/qa_reviews.py", lang="zh")
    at.session_state["qa_reviews_tab"] = t("qa.tab.reviews", "zh")
    at.run()
    assert not at.exception
    assert t("qa.by_team", "zh") in [s.value for s in at.subheader]
    by_team = at.dataframe[0].value
    columns = [t(f"qa.col.{c}", "zh") for c in ("team", "reviews", "excluded_reviews", "open_disputes")]
    assert list(by_team.columns) == columns
    # T2 (QA-5, disputed and open) first; T1's four reviews, none removed, none disputed
    assert by_team.values.tolist() == [["T2 二组", 1, 0, 1], ["T1 Team One", 4, 0, 0]]
    assert sorted(at.dataframe[1].value[t("qa.col.source_id", "zh")]) == [
        "QA-1",
        "QA-2",
        "QA-3",
        "QA-4",
        "QA-5",
    ]
    # a team lead's one team: no table by team
    lead = open_page("team_lead", "pages/qa_reviews.py")
    lead.session_state["qa_reviews_tab"] = t("qa.tab.reviews")
    lead.run()
    assert t("qa.by_team") not in [s.value for s in lead.subheader]
