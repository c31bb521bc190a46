"""Overview and Store view pages through app.py: landing page, tiles, alerts, scope, roles, both languages.

The database holds tests/overview_fixture.py moved so that its W47 is the last complete week before today:
chain SLA attainment 44.4% (n = 45) against 88.9% the week before; S001 50.0% (n = 40); S003 n = 5.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd
import pytest

from portal import db
from tests import fixtures
from tests import overview_fixture as fx
from tests.apptest.conftest import page_opener, texts

pytestmark = pytest.mark.usefixtures("fresh_query_cache")


@pytest.fixture(scope="module")
def ov_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("overviewpage") / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    fx.load(con)
    today = date.today()
    last_complete = today - timedelta(days=today.isoweekday() - 1) - timedelta(days=7)
    shift = (last_complete - fx.LAST_WEEK.date()).days
    con.execute(
        "update complaints set received_at = received_at + to_days(?), first_response_at = first_response_at "
        "+ to_days(?), resolved_at = resolved_at + to_days(?)",
        [shift, shift, shift],
    )
    con.close()
    return path


@pytest.fixture
def ov_app(ov_db, monkeypatch):
    return page_opener(ov_db, monkeypatch)


@pytest.mark.parametrize("role", ["admin", "manager", "team_lead"])
def test_overview_is_the_landing_page(ov_app, role):
    at = ov_app(role)
    body = texts(at)
    assert at.title[0].value == "Overview"
    metric = next(m for m in at.metric if m.label == "Response SLA attainment")
    # admin: the chain 20/45; manager and team lead (stores 1, 2): S001 only, 20/40
    assert metric.value == ("44.4%" if role == "admin" else "50.0%")
    assert "Response SLA attainment at S001 Store One was 50.0%" in body  # the store by code and name
    assert "S003" not in body  # n = 5: never an alert, and outside the manager's scope


def test_overview_in_chinese(ov_app):
    at = ov_app("admin", "zh")
    body = texts(at)
    assert at.title[0].value == "总览"
    assert "响应达标率降至 44.4%，此前为 88.9%" in body


@pytest.mark.parametrize(("lang", "title"), [("en", "Weekly brief, "), ("zh", "每周简报，")])
def test_the_weekly_brief_has_one_heading_at_the_areas_level(ov_app, lang, title):
    """A browser probe read "Weekly brief" (a section heading) over a larger "Weekly brief, 2026-W48" (the brief's
    own "##" title inside it). The brief's title is now the section's heading, its sentences under it."""
    at = ov_app("admin", lang)
    headings = [h.value for h in at.subheader]
    briefs = [h for h in headings if h.startswith(title)]
    assert len(briefs) == 1 and re.fullmatch(r"\d{4}-W\d{2}", briefs[0].removeprefix(title)), headings
    assert {"en": "Weekly brief", "zh": "每周简报"}[lang] not in headings
    assert not [m.value for m in at.markdown if m.value.lstrip().startswith("#")]


def test_a_stores_alert_names_the_store_and_opens_without_a_bracket_in_chinese(ov_app):
    """Alerts named a store by its code only, and a Chinese one opened with a bracket: "(S048 门店)有 6 项…"."""
    at = ov_app("admin", "zh")
    cards = [str(m.value) for m in at.markdown if str(m.value).startswith("**")]
    mine = [c for c in cards if "S001" in c]
    assert mine and all("S001 Store One：" in c for c in mine)  # the fixture's S001 has no Chinese name
    assert not [c for c in cards if "· (" in c or "门店)" in c]


def cards(at) -> int:
    return len([m for m in at.markdown if str(m.value).startswith("**")])


def test_acknowledge_needs_a_note_and_then_quiets_the_alert(ov_app, ov_db, monkeypatch):
    from portal.overview import brief

    built = []  # the weekly brief, built once for the same open alerts (issue 14: not on every rerun)
    real_build = brief.build

    def counted_build(*args, **kwargs):
        built.append(1)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(brief, "build", counted_build)
    at = ov_app("manager")
    before = cards(at)
    at.run()
    assert len(built) == 1 and cards(at) == before
    assert not at.text_input  # no card draws its form until asked (issue 14: a cached rerun's cost)
    at.button(key="overview_alert_0_open").click().run()
    assert [ti.key for ti in at.text_input] == ["overview_alert_0_note"]  # that card's form, only
    at.button(key="FormSubmitter:overview_alert_0_form-Acknowledge").click().run()
    assert "Write a note first." in texts(at)
    at.text_input(key="overview_alert_0_note").input("checked with S001")
    at.button(key="FormSubmitter:overview_alert_0_form-Acknowledge").click().run()
    assert not at.exception
    assert cards(at) == before - 1
    assert len(built) == 2  # the open alerts changed: the brief is built anew
    assert "Acknowledged or snoozed (1)" in [e.label for e in at.expander]
    assert not at.text_input  # the form closed with its alert
    con = db.connect(ov_db)
    try:
        assert con.execute("select note from overview_alert_acks").fetchall() == [("checked with S001",)]
        con.execute("delete from overview_alert_acks")
    finally:
        con.close()


def test_store_view_from_a_link(ov_app):
    at = ov_app("admin", path="pages/store.py")
    at.selectbox(key="store_code").set_value("S001").run()
    assert not at.exception
    body = texts(at)
    assert "S001 Store One" in body
    table = at.get("table")[0].value  # the comparison: a table of text (ui.text_table)
    row = table[table.iloc[:, 0] == "Response SLA attainment"].iloc[0]
    # store 20/40, region R1 (S001, S002) 20/40, chain 20/45
    assert list(row.iloc[1:]) == ["50.0% (n = 40)", "50.0% (n = 40)", "44.4% (n = 45)"]
    assert list(table.columns) == ["Figure", "Store", "Region", "Whole chain"]  # admin: every store


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_store_view_of_a_regional_reader_names_its_third_column_for_their_stores(ov_app, lang):
    """A manager of R1 (stores 1, 2) sees no figure outside their scope: the third column is their stores, not
    labelled as the chain (it was "Chain"/"全连锁" over the same rows as the region)."""
    at = ov_app("manager", lang, path="pages/store.py", store="S001")
    table = at.get("table")[0].value
    third = {"en": "Your stores", "zh": "您的门店范围"}[lang]
    assert list(table.columns)[3] == third
    assert {"en": "Whole chain", "zh": "全连锁"}[lang] not in table.columns
    row = table[table.iloc[:, 0] == {"en": "Response SLA attainment", "zh": "响应达标率"}[lang]].iloc[0]
    assert list(row.iloc[1:]) == ["50.0% (n = 40)"] * 3  # never the chain's 44.4% (n = 45)
    assert "全连锁" not in texts(at) and "whole chain" not in texts(at)


@pytest.mark.parametrize(
    ("lang", "region", "caption"),
    [
        (
            "en",
            "Region North (your stores)",
            "S001 Store One · region North (your stores) · against your stores in",
        ),
        ("zh", "北区(您的门店)", "S001 Store One · 区域 北区(您的门店) · 与所在区域中您的门店"),
    ],
)
def test_store_view_of_a_reader_of_some_stores_names_the_region_column_for_their_stores(
    ov_app, lang, region, caption
):
    """A manager scoped to a list of stores sees of the store's region only its rows of their stores: the column
    (and the caption) said "Region" / "region East" over 2 complaints while East had 3 (figure-audit probe)."""
    at = ov_app("manager", lang, path="pages/store.py", store="S001")
    assert list(at.get("table")[0].value.columns)[2] == region
    assert str(at.caption[0].value).startswith(caption)
    admin = ov_app("admin", lang, path="pages/store.py", store="S001")  # the whole chain: the whole region
    assert list(admin.get("table")[0].value.columns)[2] == {"en": "Region", "zh": "区域"}[lang]


def test_store_outside_scope_is_refused(ov_app):
    at = ov_app("manager", path="pages/store.py")
    assert "S003" not in [o for o in at.selectbox(key="store_code").options]


NOT_IN_SCOPE = "This store is not in your scope."


def test_store_view_reads_a_store_id_as_the_dashboards_write_it(ov_app):
    """?store=1 said "This store is not in your scope" to a manager of S001 (store id 1): the store view read
    only codes while every dashboard writes ids (probe h2). Ids open the store, codes still do, and the address
    is left with the id the dashboards read."""
    for asked in ("1", "S001", "1,2"):
        at = ov_app("manager", path="pages/store.py", store=asked)
        assert not at.exception, [e.value for e in at.exception]
        assert [w.value for w in at.warning] == []
        assert at.selectbox(key="store_code").value == "S001"
        assert at.query_params["store"] == "1", at.query_params
    for outside in ("3", "S003"):  # store 3 is R2's: refused either way
        at = ov_app("manager", path="pages/store.py", store=outside)
        assert [w.value for w in at.warning] == [NOT_IN_SCOPE]
        assert at.selectbox(key="store_code").value is None


def test_the_store_chosen_in_a_dashboards_filter_carries_over_to_the_store_view(ov_app):
    at = ov_app("manager", path="pages/complaints.py")
    at.sidebar.multiselect(key="complaints_filters_stores").set_value([2]).run()
    at.query_params.pop("store", None)  # the menu's link to the store view carries no address parameters
    at.switch_page("pages/store.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="store_code").value == "S002"


@pytest.mark.parametrize("role", ["inspector", "agent"])
def test_other_roles_do_not_get_the_overview(ov_app, role):
    at = ov_app(role)
    assert "Overview" not in [t.value for t in at.title]


def test_alerts_come_a_page_at_a_time(ov_app, monkeypatch):
    from portal import ui_overview

    at = ov_app("admin")
    n = cards(at)
    assert n >= 3  # the fixture raises several alerts (S001's shortfall, the chain's fall ...)
    monkeypatch.setattr(ui_overview, "ALERTS_PER_PAGE", 2)
    at.run()
    assert cards(at) == 2 and f"Alerts 1 to 2 of {n}, highest severity first." in texts(at)
    at.number_input(key="overview_alerts_page").set_value(2).run()
    assert not at.exception
    assert cards(at) == min(2, n - 2) and f"Alerts 3 to {min(4, n)} of {n}" in texts(at)
    at.button(key="overview_alert_2_open").click().run()
    assert at.text_input(key="overview_alert_2_note") is not None  # the keys follow the alert's place


def test_tiles_carry_a_text_sparkline_and_the_chain_chart_is_drawn_on_demand(ov_app):
    at = ov_app("admin")
    assert any(str(c.value).startswith("Last 12 weeks: `") for c in at.caption)
    assert not at.get("plotly_chart")  # the landing page draws no chart until asked


def test_vs_previous_period_only_under_a_tile_with_a_change(ov_app):
    # a tile without a change to show (no previous value) said "vs previous period" under nothing
    at = ov_app("admin")
    with_change = [m for m in at.metric if m.proto.delta]
    without = [m for m in at.metric if not m.proto.delta]
    assert with_change and without, [(m.label, m.proto.delta) for m in at.metric]
    assert {m.proto.delta_description for m in with_change} == {"vs previous period"}
    assert {m.proto.delta_description for m in without} == {""}
    sla = next(m for m in at.metric if m.label == "Response SLA attainment")
    assert sla in with_change  # 44.4% against 88.9%


def test_one_alert_form_open_at_a_time_and_close_closes_it(ov_app):
    at = ov_app("admin")
    assert cards(at) >= 2 and not at.text_input
    at.button(key="overview_alert_0_open").click().run()
    at.button(key="overview_alert_1_open").click().run()
    assert [ti.key for ti in at.text_input] == ["overview_alert_1_note"]
    assert at.button(key="overview_alert_1_open").label == "Close"
    assert at.button(key="overview_alert_0_open").label == "Acknowledge or snooze…"
    at.button(key="overview_alert_1_open").click().run()
    assert not at.exception and not at.text_input


@pytest.mark.parametrize(
    ("lang", "hours", "sla", "sla_n"),
    [
        ("en", "%,.1f h", "Response SLA attainment", "Response SLA attainment: n"),
        ("zh", "%,.1f 小时", "响应达标率", "响应达标率：n"),
    ],
)
def test_store_trend_shows_units_and_n(ov_app, lang, hours, sla, sla_n):
    """The store's weekly trend (it showed bare 95.8333 and 29.6074): each figure in its unit with one decimal,
    and beside it the n each week rests on (a count is its own n)."""
    import json

    at = ov_app("admin", lang, path="pages/store.py", store="S001")
    trend = at.dataframe[0]  # the comparison above it is a table of text
    table = trend.value
    formats = {
        c: v["type_config"]["format"]
        for c, v in json.loads(trend.proto.columns).items()
        if "type_config" in v
    }
    assert formats[sla] == "%.1f%%" and formats[sla_n] == "%,d"
    resolution = {"en": "Resolution time, median", "zh": "解决时长(中位数)"}[lang]
    assert formats[resolution] == hours
    assert list(table.columns).index(sla_n) == list(table.columns).index(sla) + 1
    complete = table[table[sla].notna()]
    assert not complete.empty and (complete[sla_n] > 0).all()
    complaints = {"en": "Complaints", "zh": "投诉量"}[lang]
    assert f"{complaints}: n" not in table.columns and f"{complaints}：n" not in table.columns
    # the last column names each week's figures resting on fewer than 30 (SPEC: marked low-confidence; a
    # browser review found SLA 100.0 % on n = 29 unmarked), and no other
    low = {"en": "Low confidence (n < 30)", "zh": "样本不足(n < 30)"}[lang]
    assert list(table.columns)[-1] == low
    joiner = "、" if lang == "zh" else "; "
    marked = 0
    for _, row in table.iterrows():
        named = set(row[low].split(joiner)) if isinstance(row[low], str) else set()
        small = {
            c.removesuffix(": n").removesuffix("：n")
            for c in table.columns
            if c.endswith((": n", "：n")) and pd.notna(row[c]) and row[c] < 30
        }
        assert named == small
        marked += bool(named)
    assert not marked  # every week of the fixture's store rests on 40 (the test below sets the minimum to 45)


@pytest.fixture(scope="module")
def ov_db_min_45(ov_db, tmp_path_factory):
    """The overview fixture with the low-confidence minimum at 45: its 40-complaint weeks fall below it."""
    import shutil

    path = tmp_path_factory.mktemp("overviewpage45") / "portal.duckdb"
    shutil.copy(ov_db, path)
    con = db.connect(path)
    con.execute("insert or replace into settings (key, value) values ('low_confidence_n', '45')")
    con.close()
    return path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_store_trend_marks_weeks_below_the_minimum_n(ov_db_min_45, monkeypatch, lang):
    at = page_opener(ov_db_min_45, monkeypatch)("admin", lang, path="pages/store.py", store="S001")
    table = at.dataframe[0].value
    low = {"en": "Low confidence (n < 45)", "zh": "样本不足(n < 45)"}[lang]
    sla, resolution = {
        "en": ("Response SLA attainment", "Resolution time, median"),
        "zh": ("响应达标率", "解决时长(中位数)"),
    }[lang]
    joiner = "、" if lang == "zh" else "; "
    complete = table[table[sla].notna()]
    assert len(complete) >= 10
    for cell in complete[low]:  # every complete week rests on 40 < 45: SLA and resolution named
        assert {sla, resolution} <= set(cell.split(joiner))


@pytest.mark.parametrize(("lang", "placeholder"), [("en", "Choose a store"), ("zh", "请选择门店")])
def test_store_picker_placeholder_is_in_the_pages_language(ov_app, lang, placeholder):
    """With no store chosen the picker said Streamlit's English "Choose an option" on a Chinese page too."""
    at = ov_app("admin", lang, path="pages/store.py")
    box = at.selectbox(key="store_code")
    assert box.value is None and box.placeholder == placeholder


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_alerts_link_names_the_page_it_opens(ov_app, lang):
    """Every alert's link read "Open the page with these filters" (以这些筛选条件打开页面) whatever it opened, the
    Complaints page or Corrective actions; a manager could not tell where it led before clicking (a Monday walk,
    session 40). The link names the page by its menu title, short enough for one line in a third of a tablet's
    width ("Open Corrective actions with these filters" was cut there), and its help says it carries the alert's
    filters; the store view's link names the store, as before."""
    from portal import navigation
    from portal.i18n import t

    at = ov_app("admin", lang)
    links = [link.proto for link in at.main.get("page_link") if link.proto.page != "store"]
    assert len(links) >= 2, links  # the fixture's alerts: complaints
    for link in links:
        title = t(navigation.page(link.page).title_key, lang)
        assert title in link.label and link.label == t("overview.open_page", lang, page=title), link
        assert link.help == t("overview.open_page_help", lang), link


def test_what_needs_attention_comes_first_above_the_tiles(ov_app, monkeypatch):
    """The alerts began two screens down on a tablet, after 19 tiles (tablet probe, session 55): the overview now
    opens with how many are open and the most severe three, each in its sentence, in the page's language."""
    from portal import ui_overview
    from portal.i18n import t

    for lang in ("en", "zh"):
        at = ov_app("admin", lang)
        n = cards(at)
        first = str(at.markdown[0].value) if at.markdown else ""
        block = next(str(m.value) for m in at.markdown if str(m.value).startswith(":material/warning:"))
        assert block.startswith(":material/warning: **" + t("overview.attention", lang, n=n) + "**")
        assert block.count("\n- ") == min(3, n)
        if n > 3:
            assert block.endswith(t("overview.attention.more", lang, n=n - 3))
        assert first == block  # before every area's tiles
    monkeypatch.setattr(ui_overview, "ATTENTION_SHOWN", 1)
    at = ov_app("admin")
    block = next(str(m.value) for m in at.markdown if str(m.value).startswith(":material/warning:"))
    assert block.count("\n- ") == 1 and block.endswith(t("overview.attention.more", "en", n=cards(at) - 1))
