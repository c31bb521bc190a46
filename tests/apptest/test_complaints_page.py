"""The Complaints page through app.py: tiles with their n in English and Chinese, filters, empty state."""

from __future__ import annotations

import json
from datetime import date, timedelta

import duckdb
import pytest

from portal import settings
from portal.i18n import t
from portal.ui import display as ui_display
from portal.zones import zone_name
from tests import complaints_fixture as fx
from tests import fixtures
from tests.apptest.conftest import make_app, page_opener, texts

PAGE = "pages/complaints.py"


_SHIFT = (date.today() - timedelta(days=2)) - fx.CURRENT.end


def _recent_rows() -> list[dict]:
    """The fixture's complaints moved so that its period (03-04 .. 03-17) ends the day before yesterday:
    the page's default filter (the last 90 days) then holds all of them."""
    moved = []
    for row in fx.ROWS:
        row = dict(row)
        for key in ("received_at", "first_response_at", "resolved_at", "closed_at"):
            if row[key] is not None:
                row[key] = row[key] + _SHIFT
        moved.append(row)
    return moved


@pytest.fixture(scope="module")
def complaints_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("complaints_page") / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    fx.add_complaints(con, _recent_rows())
    # c2's history: open on receipt, closed at its closed_at
    con.execute(
        "insert into complaint_status_history (complaint_id, status, changed_at) "
        "select complaint_id, 'open', received_at from complaints where source_id = 'c2' union all "
        "select complaint_id, 'closed', closed_at from complaints where source_id = 'c2'"
    )
    con.close()
    return path


@pytest.fixture
def page(complaints_db, monkeypatch):
    monkeypatch.setenv("PORTAL_DB", str(complaints_db))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)

    def open_page(role="admin", lang="en"):
        at = make_app(role, lang).switch_page(PAGE).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tiles_show_value_and_n(page, lang):
    at = page(lang=lang)
    assert t("page.complaints", lang) in [x.value for x in at.title]
    labels = {m.label: m.value for m in at.metric}
    assert len(labels) == 9
    # the last 90 days hold the fortnight's 11 complaints and c11, c12 (days before it) and c14 (9 weeks
    # before it): 14 received
    assert labels[t("complaints.tile.volume", lang)] == "14"
    shown = texts(at)
    assert t("complaints.tile.caption", lang, n=14, target=t("complaints.target.none", lang)) in shown
    # every tile rests on fewer than 30 complaints: grey, in the one status vocabulary (portal.kpi)
    assert f":gray[{t('kpi.status.low_confidence', lang)} (n < 30)]" in shown
    assert t("complaints.section.trends", lang) in shown and t("complaints.section.agents", lang) in shown
    assert len(at.dataframe) == 2  # store and agent tables (each with its CSV download)
    # the rule of judging a figure against its target, under the definitions (portal/kpi.py)
    assert any(t("kpi.target.rule", lang) in c.value for c in at.caption)


def test_filters_that_match_nothing_show_the_empty_state(page):
    at = page()
    at.multiselect(key="complaints_filters_categories").set_value(["store_environment"])
    at.run()  # filters apply on change (issue 10)
    assert not at.exception
    assert t("complaints.empty", "en") in texts(at)
    assert len(at.metric) == 0


def test_business_hours_switch(page):
    at = page()
    at.toggle(key="complaints_filters_business_hours").set_value(True)
    at.run()  # filters apply on change (issue 10)
    assert not at.exception
    # 14 complaints, c10 has no store: 1 counted in calendar hours
    assert t("complaints.business_hours_note", "en", calendar=1, total=14) in texts(at)


def test_team_lead_sees_their_team_and_stores(page):
    at = page(role="team_lead")  # stores S001, S002; team T1 (A001, A002)
    agents = at.dataframe[1].value
    assert set(agents[t("complaints.col.agent_code", "en")]) == {"A001", "A002"}
    labels = {m.label: m.value for m in at.metric}
    # S001 / S002 only: c1 c2 c3 c4 c7 c8 c9 c13 and c11, c14 (S001) = 10; no c5 c6 c12 (S003), c10 (no store)
    assert labels["Complaints"] == "10"


# ---------------------------------------------------------------- ?complaint=<source id> (a comment's link)
def _link(complaints_db, monkeypatch, role, lang, complaint):
    monkeypatch.setenv("PORTAL_DB", str(complaints_db))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    at = make_app(role, lang)
    at.query_params["complaint"] = complaint
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _fields(at, lang):
    frame = at.dataframe[0].value
    return dict(
        zip(
            frame[t("complaints.detail.col.field", lang)],
            frame[t("complaints.detail.col.value", lang)],
            strict=True,
        )
    )


def _shifted(text: str) -> str:
    """A fixture stamp ('03-05 08:00' UTC) as the page shows it after _recent_rows moved it: in the reporting
    zone, Beijing time (UTC+8; the fixture's stores are all Asia/Shanghai), so 08:00 UTC shows 16:00."""
    return (fx.ts(text) + _SHIFT + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_linked_complaint_is_shown_at_the_top(complaints_db, monkeypatch, lang):
    at = _link(complaints_db, monkeypatch, "admin", lang, "c2")
    # above the dashboard, titled by its id (it said "Complaint from the link" for a row picked in the list too)
    assert at.subheader[0].value == {"en": "Complaint c2", "zh": "投诉 c2"}[lang]
    fields = _fields(at, lang)
    # c2: S001, hotline, product quality, high, received 03-05 08:00, first response 18:00, resolved 03-07 08:00,
    # closed 03-08 00:00, status closed, never reopened, post-resolution satisfaction 3
    assert fields == {
        t("complaints.detail.source_id", lang): "c2",
        t("complaints.detail.source", lang): "test",
        t("complaints.detail.received", lang, zone=zone_name("Asia/Shanghai", lang)): _shifted("03-05 08:00"),
        t("complaints.detail.channel", lang): t("complaints.channel.hotline", lang),
        t("complaints.detail.category", lang): t("complaints.category.product_quality", lang),
        t("complaints.detail.severity", lang): t("complaints.severity.high", lang),
        t("complaints.detail.store", lang): "S001 Store One",
        t("complaints.detail.status", lang): t("complaints.state.closed", lang),
        t("complaints.detail.first_response", lang, zone=zone_name("Asia/Shanghai", lang)): _shifted(
            "03-05 18:00"
        ),
        t("complaints.detail.resolved", lang, zone=zone_name("Asia/Shanghai", lang)): _shifted("03-07 08:00"),
        t("complaints.detail.closed", lang, zone=zone_name("Asia/Shanghai", lang)): _shifted("03-08 00:00"),
        t("complaints.detail.reopen_count", lang): "0",
        t("complaints.detail.csat", lang): "3 / 5",
    }
    history = at.dataframe[1].value
    assert history.values.tolist() == [
        [_shifted("03-05 08:00"), t("complaints.state.open", lang)],
        [_shifted("03-08 00:00"), t("complaints.state.closed", lang)],
    ]
    assert len(at.dataframe) == 4  # the complaint, its history, then the store and agent tables
    assert len(at.metric) == 9  # the dashboard still follows


def test_closing_the_complaint_panel_drops_the_link(complaints_db, monkeypatch):
    # (English only: AppTest formats the sidebar's selectboxes outside the session, in English, on a rerun)
    lang = "en"
    at = _link(complaints_db, monkeypatch, "admin", lang, "c2")
    assert len(at.dataframe) == 4
    at.button(key="complaints_detail_close").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "complaint" not in at.query_params
    assert t("complaints.detail.title", lang, id="c2") not in texts(at)
    assert len(at.dataframe) == 2


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("complaint", ["c5", "no-such-id"])
def test_a_complaint_outside_the_scope_or_unknown_shows_no_data(complaints_db, monkeypatch, lang, complaint):
    # the team lead sees S001 and S002; c5 is a complaint of S003 (an unknown id must look the same)
    at = _link(complaints_db, monkeypatch, "team_lead", lang, complaint)
    assert t("complaints.detail.not_found", lang) in [i.value for i in at.info]
    assert len(at.dataframe) == 2  # only the dashboard's store and agent tables: no detail, no history
    assert "S003" not in texts(at)
    assert "S003" not in at.dataframe[0].value.to_string()


# ---------------------------------------------------------------- the complaint list (issue 10)
LIST = "pages/complaint_list.py"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_list_shows_the_period_s_complaints_and_a_row_opens_its_detail(complaints_db, monkeypatch, lang):
    monkeypatch.setenv("PORTAL_DB", str(complaints_db))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    at = make_app("admin", lang)
    at.query_params["category"] = "product_quality"  # a Pareto bar's drill-down
    at.switch_page(LIST).run()
    assert not at.exception, [e.value for e in at.exception]
    # product quality received in the (moved) period: c1, c2, c8, newest first
    table = at.dataframe[0].value
    assert table[t("clist.col.source_id", lang)].tolist() == ["c8", "c2", "c1"]
    assert t("clist.count", lang, total=3, page=1, pages=1) in texts(at)
    shown = texts(at)
    assert t("complaints.category.product_quality", lang) in shown  # the caption names the selection
    if lang == "zh":  # AppTest formats selectboxes outside the session, in English, on a rerun
        return
    at.selectbox(key="complaint_list_overdue").set_value("sla").run()
    assert not at.exception
    # none of c1, c2, c8 missed the 24 h (c8's receipt is date-only: not judged)
    assert t("clist.empty", lang) in [i.value for i in at.info]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_list_of_more_than_one_page_says_a_heading_click_sorts_that_page_only(
    complaints_db, monkeypatch, lang
):
    """The table's own sort (a click on a column heading) reorders the rows of the page in the browser, not the
    list, which is sorted and paged in SQL: on page 1 of 105 a manager clicking "Received" saw page 1's 50 rows
    in order and nothing said the list was not (a Monday walk, session 40). The count says so, and where the
    control that orders the whole list is, once the list has more than one page."""
    from portal.complaints import listing

    monkeypatch.setenv("PORTAL_DB", str(complaints_db))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    monkeypatch.setattr(listing, "PAGE_SIZES", (2, 50, 100))  # the fixture's 3 complaints on two pages
    note = t("clist.sort_this_page", lang, sort=t("clist.sort", lang))
    # the note names the chooser by its own label, which the note said in words of its own ("Sort by")
    assert f"“{t('clist.sort', lang)}”" in note and "“X”" in t("clist.sort_this_page", lang, sort="X")
    for size, pages in ((2, 2), (50, 1)):
        at = make_app("admin", lang)
        at.query_params["category"] = "product_quality"  # c1, c2, c8
        at.session_state["complaint_list_page_size"] = size
        at.switch_page(LIST).run()
        assert not at.exception, [e.value for e in at.exception]
        count = t("clist.count", lang, total=3, page=1, pages=pages)
        captions = [c.value for c in at.caption]
        if pages == 1:  # one page: the heading's sort orders the whole list
            assert count in captions and not any(note in c for c in captions), captions
        else:
            assert f"{count} · {note}" in captions, captions
        # a heading the rows are sorted by shows whole: Streamlit puts "↑ " before it and sizes the column to the
        # title without (ui.with_sort_room); "↑ Received (Beijing time" was cut at 1440 px
        columns = json.loads(at.dataframe[0].proto.columns)
        titles = [c.get("label") or "" for name, c in columns.items() if name != "_index"]  # not the index
        roomy = [c for c in titles if c.endswith(ui_display.SORT_MARK_ROOM)]
        shown = list(at.dataframe[0].value.columns)
        received, severity = shown[1], t("clist.col.severity", lang)  # the two titles that were cut
        assert len(shown) == 13 and received + ui_display.SORT_MARK_ROOM in roomy, titles
        assert severity + ui_display.SORT_MARK_ROOM in roomy, titles
        # a column whose cells are wider than its title and the mark gets none (room on all widened the list 14 %)
        assert len(roomy) < 13, titles


def test_the_open_tab_stays_open_after_a_language_switch(page):
    # Streamlit keeps the open tab by its label; ui.lazy_tabs keeps it by id, so the channels tab of the hot spots
    # stays open in Chinese (the first tab, by category, has the Pareto's view choice: it must not come back)
    at = page(lang="en")
    assert at.radio(key="complaints_pareto_view") is not None  # by category: open by default
    at.session_state["complaints_hot_spots_tab"] = t("complaints.hot_spots.tab.channels", "en")
    at.session_state["complaints_trend_tab"] = t("complaints.trend.sla_attainment_pct", "en")
    at.run()
    assert not [r for r in at.radio if r.key == "complaints_pareto_view"]
    at.session_state["portal_lang"] = "zh"  # what the sidebar's language switch sets (ui.language_switch)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert t("page.complaints", "zh") in [x.value for x in at.title]
    assert at.session_state["complaints_hot_spots_tab"] == t("complaints.hot_spots.tab.channels", "zh")
    assert at.session_state["complaints_trend_tab"] == t("complaints.trend.sla_attainment_pct", "zh")
    assert not [r for r in at.radio if r.key == "complaints_pareto_view"]


def test_the_trend_and_hot_spot_tabs_are_sections_that_rerun_alone(page):
    # issue 14: a tab (or the Pareto's view) reruns its own section (st.fragment through ui.section), not the page
    at = page(lang="en")
    assert len(at._fragment_storage._fragments) == 2  # the trend tabs, the hot-spot tabs
    at.session_state["complaints_trend_tab"] = t("complaints.trend.reopen_rate_pct", "en")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at._fragment_storage._fragments) == 2


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_caption_names_the_response_commitment_the_setting_gives(page, complaints_db, lang):
    # reliability probe: with response_sla_hours at 1 the tiles judged 1 h but the caption said "24-hour"
    con = duckdb.connect(str(complaints_db))
    cur = con.cursor()
    settings.put(cur, "response_sla_hours", 1, "test")
    con.close()
    shown = texts(page(lang=lang))
    assert ("the 1-hour response commitment" if lang == "en" else "1小时响应截至") in shown
    assert "24-hour" not in shown and "24小时响应截至" not in shown


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("start", "end", "refused"),
    [("2025-01-01", "9999-12-31", "9999-12-31"), ("0001-01-01", "0001-02-01", "0001-01-01, 0001-02-01")],
)
def test_a_far_off_date_in_the_address_is_left_out_and_said(
    complaints_db, monkeypatch, lang, start, end, refused
):
    """/complaints?from=2025-01-01&to=9999-12-31 was an OverflowError (Filters.previous) instead of the page."""
    from portal.filters import report_day_bounds, today_in

    with duckdb.connect(str(complaints_db)) as con:  # before the app holds the file
        first, last = report_day_bounds(today_in(settings.report_timezone(con)))
    at = page_opener(complaints_db, monkeypatch, PAGE)("admin", lang, **{"from": start, "to": end})
    said = t(
        "filters.date_refused",
        lang,
        values=refused,
        first=first.isoformat(),
        last=last.isoformat(),
        period=t("filters.preset.last_90", lang),
    )
    assert said in [w.value for w in at.warning]
    assert "from" not in at.query_params and "to" not in at.query_params  # the address no longer holds them


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_by_agent_rows_list_names_the_team_and_lists_that_teams_complaints_only(
    complaints_db, monkeypatch, lang
):
    """A by-agent row's drill-down (agent and team on the received date: listing.agent_row): A003, never moved, was
    in T2 for all of his complaints (c5, c6, c10, c12), none in T1; the caption names the team."""
    open_ = page_opener(complaints_db, monkeypatch, LIST)
    at = open_(lang=lang, agent="3", agent_team="2")
    assert sorted(at.dataframe[0].value[t("clist.col.source_id", lang)]) == ["c10", "c12", "c5", "c6"]
    assert t("text.label_value", lang, label=t("clist.agent_team", lang), value="T2 Team Two") in texts(at)
    at = open_(lang=lang, agent="3", agent_team="1")
    assert t("clist.empty", lang) in [i.value for i in at.info]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_lists_caption_names_the_agent_and_a_team_outside_the_readers_team_list(
    complaints_db, monkeypatch, lang
):
    """The caption said the agent's id ("Agent: 4") and named the team from the reader's own team list only: the
    manager of S001 and S002 reaches no T2 agent by home store (A003, A004: S003), so A004's T2 read "2"."""
    open_ = page_opener(complaints_db, monkeypatch, LIST)
    at = open_("manager", lang, agent="4", agent_team="2")
    said = texts(at)
    assert t("text.label_value", lang, label=t("clist.agent", lang), value="A004 Agent Four") in said
    assert t("text.label_value", lang, label=t("clist.agent_team", lang), value="T2 Team Two") in said
    # a team lead: her own team's agent named, another team "Other team", not its id or name
    at = open_("team_lead", lang, agent="1,3", agent_team="2")
    said = texts(at)
    other = t("clist.agent.other_team", lang)
    agents = f"A001 Agent One{t('text.list_separator', lang)}{other}"
    assert t("text.label_value", lang, label=t("clist.agent", lang), value=agents) in said
    assert t("text.label_value", lang, label=t("clist.agent_team", lang), value=other) in said
    # a by-agent row of the days a moved agent was in no team (agent_team 0)
    at = open_("admin", lang, agent="3", agent_team="0")
    said = texts(at)
    assert (
        t("text.label_value", lang, label=t("clist.agent_team", lang), value=t("clist.agent_team.none", lang))
        in said
    )


def test_the_first_paint_leaves_the_closed_hot_spot_tabs_figures_until_one_is_opened(page, monkeypatch):
    # issue 14: the channel mix, category x store and the source's categories (~60 ms of CPU at bench scale 10)
    # are read when a tab showing them is opened, once for all three (cached with the figure set), not before
    from portal import db, ui

    ui.clear_caches()
    modes = []
    run_query = db.run_query

    def spy(con, name, params=None, scope=None):
        if name == "complaint_breakdowns":
            modes.append(params.get("hot_spots"))
        return run_query(con, name, params, scope)

    monkeypatch.setattr(db, "run_query", spy)
    page(lang="en")  # the fixture's database and cookie key
    ui.clear_caches()
    modes.clear()
    at = make_app("admin", "en").switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert modes == ["without"]
    assert not [c for c in at.get("plotly_chart") if "Hotline" in c.proto.spec]  # no channel bar yet
    at.session_state["complaints_hot_spots_tab"] = t("complaints.hot_spots.tab.channels", "en")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert modes == ["without", "only"]
    assert [c for c in at.get("plotly_chart") if "Hotline" in c.proto.spec]  # the channel mix, drawn
    at.session_state["complaints_hot_spots_tab"] = t("complaints.hot_spots.tab.category_store", "en")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert modes == ["without", "only"]  # the heat map from the same read


def test_a_rerun_works_out_the_store_and_agent_tables_column_formats_no_more(page, monkeypatch):
    """Issue 14: the store and agent tables are kept between reruns (made once per figure set), but their column
    formats (dates, counts, decimals: ``ui.display._column_config``) were worked out anew on every rerun. Now
    once per kept frame: a rerun on unchanged data works out none, and the tables are the same."""
    real = ui_display._column_config
    calls: list[list[str]] = []

    def counted(df):
        calls.append(list(df.columns))
        return real(df)

    monkeypatch.setattr(ui_display, "_column_config", counted)
    at = page(lang="en")
    assert len(at.dataframe) == 2  # the store and agent tables
    tables = [d.value for d in at.dataframe]
    assert [c for c in calls if c == list(tables[0].columns)] and [
        c for c in calls if c == list(tables[1].columns)
    ]
    calls.clear()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert all(d.value.equals(v) for d, v in zip(at.dataframe, tables, strict=True))
    assert calls == []
