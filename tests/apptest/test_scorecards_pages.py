"""Scorecard pages through app.py, per role: the team view, the agent's own card, the weights page (admin).

The database holds tests/scorecards_fixture.py moved from October 2026 to the last complete month (the page's
default period): A001 王伟 composite 86.1 (QA left out), A002 insufficient data (team T1); A003 100.0 (T2).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from portal import db
from portal.filters import today_in
from portal.i18n import t
from tests import fixtures, scorecards_fixture
from tests.apptest.conftest import ROOT, make_app, page_opener, texts, tiles

pytestmark = pytest.mark.usefixtures("fresh_query_cache")


@pytest.fixture(scope="module")
def sc_db(tmp_path_factory):
    return _last_month_db(tmp_path_factory.mktemp("scpage") / "portal.duckdb")


def _last_month_db(path, t1_like_a003=0):
    """The fixture moved to the last complete month, with ``t1_like_a003`` more T1 agents scored like A003."""
    con = fixtures.build_fixture_db(path)
    scorecards_fixture.load(con)
    for k in range(t1_like_a003):
        con.execute(
            "insert into agents (agent_id, agent_code, name, team_id, home_store_id) values (?, ?, 'X', 1, 1)",
            [5 + k, f"A00{5 + k}"],
        )
        scorecards_fixture._complaints(con, 5 + k, 1, 101 + 20 * k, 10, datetime(2026, 10, 5, 10), [20] * 10)
        scorecards_fixture._qa(con, 5 + k, "2026-10-12", [95, 95, 95], 101 + 20 * k)
    first = today_in("Asia/Shanghai").replace(day=1)  # the fixture stores' zone: the report zone
    last_month = (first - timedelta(days=1)).replace(day=1)
    shift = (last_month - date(2026, 10, 1)).days
    con.execute(
        "update complaints set received_at = received_at + to_days(?::integer), "
        "first_response_at = first_response_at + to_days(?::integer), "
        "resolved_at = resolved_at + to_days(?::integer)",
        [shift, shift, shift],
    )
    con.execute("update qa_reviews set reviewed_on = reviewed_on + ?::integer", [shift])
    con.close()
    return path


@pytest.fixture
def open_page(sc_db, monkeypatch):
    return page_opener(sc_db, monkeypatch, "pages/scorecards.py")


def _ranking(at):
    return at.dataframe[0].value


def test_team_lead_sees_own_team_ranking_and_card(open_page):
    at = open_page("team_lead")
    table = _ranking(at)
    agents = list(table[t("scorecards.col.agent", "en")])
    assert agents == ["A001 王伟", "A002 Agent Two"]  # ranked first, insufficient data last; no T2 agent
    assert round(table[t("scorecards.col.composite", "en")].iloc[0], 1) == 86.1
    assert table[t("scorecards.col.low_data", "en")].iloc[1].startswith("○")
    assert "QA score (n 2 < 3)" in table[t("scorecards.col.low_data", "en")].iloc[0]
    assert not [s for s in at.selectbox if s.label == t("scorecards.team", "en")]  # one team: no picker
    picker = next(s for s in at.selectbox if s.label == t("scorecards.agent", "en"))
    assert len(picker.options) == 2
    shown = texts(at)
    assert "86.1" in shown and "1 of 1" in shown
    assert "Left out for too little data: QA score" in shown
    # the month before: 3 QA reviews only (insufficient data): the change says "no data" and why, not a blank
    before = f"{_months_ago(2):%Y-%m}"
    assert (
        f"Change against {before}: no data (no composite in {before}: insufficient data then, too few scored "
        "metrics)" in shown
    )


def _months_ago(k: int) -> date:
    first = today_in("Asia/Shanghai").replace(day=1)
    for _ in range(k):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def _period_shown(at) -> str:
    return next(s.value for s in at.selectbox if s.label == t("scorecards.period", "en"))


@pytest.mark.parametrize("page", ["pages/scorecards.py", "pages/my_scorecard.py"])
def test_a_link_opens_the_period_it_names(open_page, page):
    """An alert's or a brief's link ?period=<first day>&agent=CODE opens that period (the picker's default is the
    last complete month)."""
    two_ago = _months_ago(2)
    role = "agent" if page.endswith("my_scorecard.py") else "team_lead"
    at = open_page(role, path=page, period=two_ago.isoformat(), agent="A002")
    assert _period_shown(at) == f"{two_ago:%Y-%m}"
    assert at.subheader[-1].value.endswith(f"· {two_ago:%Y-%m}")
    if role == "team_lead":
        assert at.subheader[-1].value.startswith("Agent Two (A002)")
    # a week's first day opens the week grain
    monday = today_in("Asia/Shanghai") - timedelta(days=today_in("Asia/Shanghai").weekday() + 14)
    week = open_page(role, path=page, period=monday.isoformat())
    assert _period_shown(week) == f"{monday.isocalendar().year}-W{monday.isocalendar().week:02d}"


@pytest.mark.parametrize("asked", ["2019-01-01", "2019-13-45", "soon", ""])
def test_a_link_to_a_period_not_offered_opens_the_default(open_page, asked):
    at = open_page("team_lead", period=asked)
    assert _period_shown(at) == f"{_months_ago(1):%Y-%m}" and not at.error


def test_picking_another_period_puts_it_in_the_address(open_page):
    # the address names the period shown (a helper's probe, session 54: a period picked was lost on a reload and
    # on a language switch; before, picking one only dropped the link's period from the address)
    at = open_page("team_lead", period=_months_ago(2).isoformat())
    picker = next(s for s in at.selectbox if s.label == t("scorecards.period", "en"))
    picker.set_value(f"{_months_ago(3):%Y-%m}").run()
    assert _period_shown(at) == f"{_months_ago(3):%Y-%m}"
    assert at.query_params["period"] == f"{_months_ago(3):%Y-%m}"
    # the language switched: the same period (the pickers are the language's, the address holds it)
    at.session_state["portal_lang"] = "zh"
    at.run()
    shown = next(s.value for s in at.selectbox if s.label == t("scorecards.period", "zh"))
    assert shown.startswith(f"{_months_ago(3):%Y-%m}"), shown


def test_card_of_an_insufficient_agent_says_so(open_page):
    at = open_page("team_lead")
    picker = next(s for s in at.selectbox if s.label == t("scorecards.agent", "en"))
    picker.set_value(2).run()
    shown = texts(at)
    assert "not ranked (insufficient data)" in shown
    assert "Insufficient data: the metrics with enough data carry only 40%" in shown


def test_manager_and_admin_scope(open_page):
    manager = _ranking(open_page("manager"))  # stores 1, 2: agents at home there
    assert set(manager[t("scorecards.col.agent", "en")]) == {"A001 王伟", "A002 Agent Two"}
    at = open_page("admin")
    assert len(_ranking(at)) == 4
    team = next(s for s in at.selectbox if s.label == t("scorecards.team", "en"))
    team.set_value(2).run()
    assert set(_ranking(at)[t("scorecards.col.agent", "en")]) == {"A003 Agent Three", "A004 Agent Four"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_team_tiles_show_the_n_each_rests_on(open_page, lang):
    """The four team tiles showed a value and no n (SPEC 3: every figure shows the n it rests on; the overview
    showed it for the same figures). A manager of stores 1, 2 (A001 86.1, A002 insufficient data): the mean
    composite rests on the 1 agent scored, the agents ranked and with insufficient data on the 2 agents, the
    open disputes on themselves (none)."""
    shown = tiles(open_page("manager", lang))
    expected = {
        "scorecards.tile.team_composite": ("86.1", "n = 1"),
        "scorecards.tile.ranked": ("1", "n = 2"),
        "scorecards.tile.insufficient": ("1", "n = 2"),
        "scorecards.tile.open_disputes": ("0", "n = 0"),
    }
    for key, (value, n) in expected.items():
        got_value, _, captions = shown[t(key, lang)]
        assert (got_value, captions) == (value, [n]), key
    assert shown[t("scorecards.tile.open_disputes", lang)][1] == t("scorecards.tile.help.open_disputes", lang)


def test_agent_sees_only_own_card(open_page):
    at = open_page("agent", path="pages/my_scorecard.py")
    shown = texts(at)
    assert "王伟 (A001)" in shown and "86.1" in shown
    assert "Agent Two" not in shown and "Agent Three" not in shown
    with pytest.raises(ValueError, match="Could not find"):
        make_app("agent").run().switch_page("pages/scorecards.py")  # the team view is not in their menu
    direct = make_app("agent", script=str(ROOT / "pages" / "scorecards.py")).run()
    assert t("app.not_permitted", "en") in texts(direct) and not direct.dataframe


@pytest.mark.parametrize(("others", "mean"), [(1, None), (2, 95.4)])
def test_agent_card_sends_no_team_mean_with_fewer_than_three_ranked(tmp_path, monkeypatch, others, mean):
    """A001 (86.1111) with ``others`` T1 agents at 100.0: with two ranked, the mean 93.06 would give the
    teammate's composite (2 x 93.06 - 86.11); with three, the mean (86.1111 + 2 x 100.0) / 3 = 95.3704 is sent
    as shown (95.4). The figure's JSON is what the browser gets."""
    path = _last_month_db(tmp_path / "portal.duckdb", t1_like_a003=others)
    at = page_opener(path, monkeypatch, "pages/my_scorecard.py")("agent")
    assert f"of {others + 1} · percentile" in texts(at)
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert chart["layout"]["title"]["text"] == t("scorecards.trend.composite", "en")
    traces = {tr["name"]: tr["y"] for tr in chart["data"]}
    assert traces[t("scorecards.tile.composite", "en")][-1] == 86.1
    withheld = t("scorecards.trend.team_mean_withheld", "en", n=3)
    if mean is None:
        assert t("scorecards.trend.team_mean", "en") not in traces and withheld in texts(at)
    else:
        assert traces[t("scorecards.trend.team_mean", "en")][-1] == mean and withheld not in texts(at)


def test_chinese_page(open_page):
    at = open_page("team_lead", lang="zh")
    shown = texts(at)
    assert "客服绩效记分卡" in shown and "综合得分" in shown


@pytest.mark.parametrize(
    "lang, legend",
    [
        ("en", "○ insufficient data; · weight 0. Tick a row's box"),
        ("zh", "○ 数据不足；· 权重为0。勾选某一行"),
    ],
)
def test_the_legends_weight_0_symbol_reads_apart_from_its_separators(open_page, lang, legend):
    # a UI audit: "○ insufficient data · · weight 0 · tick a row's box" read as a stray double dot
    captions = [c.value for c in open_page("team_lead", lang=lang).caption]
    assert any(legend in c for c in captions), captions
    assert not any("· ·" in c for c in captions), captions


def test_admin_changes_weights_with_validation(open_page, sc_db):
    at = open_page("admin", path="pages/scorecard_weights.py")
    assert not at.exception
    at.button[0].click().run()  # the defaults as they are, from this month: valid, but what applies already
    # an identical version was saved each time (audit of the admin pages); now nothing is made, and it says so
    assert not at.success and "Nothing changed: version 1 already applies" in at.info[0].value
    con = db.connect(sc_db)
    try:
        assert con.execute("select count(*) from scorecard_weight_versions").fetchone()[0] == 1
        assert (
            con.execute(
                "select count(*) from audit_log where action = 'settings' and target = 'scorecard_weights'"
            ).fetchone()[0]
            == 0
        )
    finally:
        con.close()


def test_unchanged_weights_are_found_against_the_version_in_force():
    from datetime import date

    from portal.scorecards import weights

    first = weights.WeightsVersion(1, date(2020, 1, 1), weights.DEFAULT_RULES)
    assert weights.unchanged([first], list(weights.DEFAULT_RULES), date(2026, 12, 1)) == 1
    changed = [
        weights.MetricRule(r.metric, r.weight, r.floor, r.target, r.min_n + 1) for r in weights.DEFAULT_RULES
    ]
    assert weights.unchanged([first], changed, date(2026, 12, 1)) is None
    second = weights.WeightsVersion(2, date(2027, 1, 1), tuple(changed))
    # the same rules as version 2, but from a month version 1 still applies: a new version
    assert weights.unchanged([first, second], changed, date(2026, 12, 1)) is None
    assert weights.unchanged([first, second], changed, date(2027, 2, 1)) == 2


def test_team_lead_signs_off_the_card_and_the_agent_reads_the_note(open_page):
    at = open_page("team_lead")
    assert "This period is not signed off yet." in texts(at)
    next(
        a for a in at.text_area if a.key.startswith("scorecards_card_sign_") and a.key.endswith("_note")
    ).input("Keep the 24 h promise; QA sample too small.")
    next(b for b in at.button if b.label == "Sign off this period").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "Signed off: 王伟." in shown and "Keep the 24 h promise; QA sample too small." in shown
    # signed: the next sign-off says it replaces the note shown; the note box is empty for a new note
    note = next(
        a for a in at.text_area if a.key.startswith("scorecards_card_sign_") and a.key.endswith("_note")
    )
    assert note.value == "" and [b for b in at.button if b.label.startswith("Sign off again with this note")]
    mine = open_page("agent", path="pages/my_scorecard.py")
    assert "Keep the 24 h promise; QA sample too small." in texts(mine)
    assert not [b for b in mine.button if b.label == "Sign off this period"]  # an agent cannot sign off


def test_a_manager_reads_the_coaching_note_but_is_offered_no_sign_off(open_page):
    # the card offered a manager the note and "Sign off this period" (SPEC §1: the team lead's, admin's)
    at = open_page("manager")
    assert t("scorecards.section.coaching", "en") in texts(at)
    assert not [a for a in at.text_area if a.key.startswith("scorecards_card_sign_")]
    assert not [b for b in at.button if b.label.startswith("Sign off")]
    assert [a for a in open_page("admin").text_area if a.key.startswith("scorecards_card_sign_")]


def test_a_moved_agents_card_draws_the_mean_of_the_team_he_was_in_each_month(tmp_path, monkeypatch):
    """A003 (T2, 100.0 last month, the team's only ranked agent) is moved to T1 today by an agents upload. His card
    of this month (T1's) draws beside last month the mean of T2, the team he was in then: 100.0 (A003 alone), not
    T1's 86.1 (A001 alone; A002 insufficient), as it did (probe: the card took every period's mean of the team he is
    in now). The hover names each point's team."""
    from portal.auth import User
    from portal.ingest import pipeline, registry
    from portal.scope import Scope

    path = _last_month_db(tmp_path / "portal.duckdb")
    con = db.connect(path)
    admin = User("t_admin", "Admin", ("admin",), Scope.everything())
    _, result = pipeline.import_bytes(
        con, registry.kind("agents"), b"agent_code,team_code\nA003,T1\n", "agents.csv", None,
        pipeline.ImportOptions(), admin,
    )  # fmt: skip
    assert result.rows_updated == 1
    con.close()
    this_month, last_month = _months_ago(0), _months_ago(1)
    at = page_opener(path, monkeypatch, "pages/scorecards.py")(
        "admin", period=this_month.isoformat(), agent="A003"
    )
    assert at.subheader[-1].value.startswith("Agent Three (A003)")
    chart = json.loads(
        at.get("plotly_chart")[-2].proto.spec
    )  # the card's composite trend (then its metrics')
    assert chart["layout"]["title"]["text"] == t("scorecards.trend.composite", "en")
    traces = {tr["name"]: tr for tr in chart["data"]}
    mine, team = traces[t("scorecards.tile.composite", "en")], traces[t("scorecards.trend.team_mean", "en")]
    at_last = mine["x"].index(f"{last_month:%Y-%m}")
    assert mine["y"][at_last] == 100.0
    assert (team["y"][at_last], team["customdata"][at_last]) == (100.0, "T2")


def test_a_rerun_on_unchanged_data_scores_no_card_and_builds_no_chart_again(open_page, monkeypatch):
    """Issue 14: a cached switch to the team view cost the server 310-410 ms of CPU, scoring every card, building
    the ranking, the three charts and the exports, and reading every sign-off, anew on each run. The figure set
    is now cached as a whole and what is built from it kept: a rerun scores nothing and builds no chart; a
    sign-off (a workflow step: the data version moves) is shown at once."""
    from portal.scorecards import charts, figures

    calls: list[str] = []

    def counted(module, name):
        real = getattr(module, name)

        def call(*args, **kwargs):
            calls.append(name)
            return real(*args, **kwargs)

        call.__qualname__ = f"counted_{name}"
        monkeypatch.setattr(module, name, call)

    for module, name in ((figures, "compute"), (charts, "team_trend"), (charts, "composite_trend")):
        counted(module, name)
    at = open_page("team_lead")  # (the landing page before it, the overview, scores cards of its own)
    assert {"composite_trend", "compute", "team_trend"} <= set(calls)
    calls.clear()
    shown = texts(at)
    at.run()
    assert not at.exception and texts(at) == shown
    assert calls == []  # nothing scored or built again
    next(
        a for a in at.text_area if a.key.startswith("scorecards_card_sign_") and a.key.endswith("_note")
    ).input("Answer within the day.")
    # (signed already when an earlier test of the module signed off: "Sign off again with this note")
    next(b for b in at.button if b.label.startswith("Sign off")).click().run()
    assert "Answer within the day." in texts(at)
    assert calls.count("compute") == 1  # the sign-off moved the data version: the set is read again


def test_a_rerun_builds_the_cards_review_table_and_its_csv_no_more(open_page, monkeypatch):
    """Issue 14: the card's QA reviews table (its cells, column formats and CSV bytes) was made anew on every rerun
    from the figure set's shared reviews, a sixth of a cached switch's script CPU. Now built once: a rerun on
    unchanged data makes none of it again, and shows the same table and offers the same CSV."""
    from portal import export
    from portal.scorecards import display

    calls: list[str] = []
    for module, name in ((display, "reviews_table"), (export, "to_csv_bytes")):
        real = getattr(module, name)

        def call(*args, _real=real, _name=name, **kwargs):
            calls.append(_name)
            return _real(*args, **kwargs)

        call.__qualname__ = f"counted_{name}"
        monkeypatch.setattr(module, name, call)
    at = open_page("team_lead")  # A001's card: its two QA reviews of the month, 80 and 90 (the fixture)
    reviews = next(d.value for d in at.dataframe if "Reviewer" in d.value.columns)
    assert sorted(reviews["Score as reviewed"]) == [80.0, 90.0]
    assert {"reviews_table", "to_csv_bytes"} <= set(calls)
    calls.clear()
    shown = texts(at)
    at.run()
    assert not at.exception and texts(at) == shown
    again = next(d.value for d in at.dataframe if "Reviewer" in d.value.columns)
    assert again.equals(reviews)
    assert calls == []  # nothing of the table made again
