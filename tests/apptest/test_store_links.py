"""Store names link to the store view from every page that lists stores (issue 13): a "Store view" column of
``store?store=CODE`` addresses (shown as the code) beside the store, left out of the CSV export; and the
store view opened from such an address.

Over a small demo database (``demo.generate`` at scale 0.02: every area has rows in the last 90 days).
"""

from __future__ import annotations

import pandas as pd
import pytest

from portal import db, demo
from portal.i18n import t
from portal.overview import links
from tests.apptest.conftest import page_opener, texts

LINK = "Store view"


pytestmark = pytest.mark.usefixtures("fresh_query_cache")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("storelinks") / "portal.duckdb"
    con = db.connect(path)
    demo.generate(con, scale=0.02, seed=3)
    con.close()
    return path


@pytest.fixture
def open_page(demo_db, monkeypatch):
    return page_opener(demo_db, monkeypatch)


def _data(frame) -> pd.DataFrame:
    value = frame.value
    return value.data if hasattr(value, "data") else value  # a Styler's frame


def linked_tables(at, label: str = LINK) -> list[pd.DataFrame]:
    return [d for d in (_data(f) for f in at.dataframe) if label in d.columns]


def assert_links(table: pd.DataFrame, store_column: str, code_column: str | None = None) -> None:
    """Every row with a store links to that store's view (its code first in the code column, by default the
    store column: "S001 Beijing 01")."""
    for url, store in zip(table[LINK], table[code_column or store_column], strict=True):
        if url is None or pd.isna(url):
            continue
        code = url.removeprefix("store?store=")
        assert url == links.store_url(code) and str(store).startswith(code), (url, store)
    assert table[LINK].notna().any()
    # the link sits right after the store column
    assert list(table.columns).index(LINK) == list(table.columns).index(store_column) + 1


def test_store_url_and_column():
    assert links.store_url("S001") == "store?store=S001"
    assert links.store_url("S 1&2") == "store?store=S%201%262"
    assert links.store_url(None) is None and links.store_url(float("nan")) is None
    shown = pd.DataFrame({"Store": ["S001 A", "—"], "n": [1, 2]})
    out = links.with_store_links(shown, ["S001", None], "en", "Store")
    assert list(out.columns) == ["Store", LINK, "n"]
    assert out[LINK].iloc[0] == "store?store=S001" and pd.isna(out[LINK].iloc[1])
    assert list(links.with_store_links(shown, ["S001", None], "zh", "Store").columns)[1] == "门店视图"


def test_complaints_store_table_links(open_page):
    at = open_page(path="pages/complaints.py")
    (table,) = linked_tables(at)
    assert_links(table, "Store", "Store code")


def test_complaint_list_links(open_page):
    at = open_page(path="pages/complaint_list.py")
    (table,) = linked_tables(at)
    assert_links(table, table.columns[list(table.columns).index(LINK) - 1])


def test_satisfaction_per_store_and_comments_link(open_page):
    at = open_page(path="pages/satisfaction.py")
    # the SERVQUAL views draw when their tab is opened: open "Stores" of every instrument shown
    views = [k for k in at.session_state.keys() if k.startswith("satisfaction_sq") and k.endswith("_views")]
    assert views
    for key in views:
        at.session_state[key] = t("sat.tab.stores", "en")
    at.run()
    tables = linked_tables(at)
    assert len(tables) >= 2  # SERVQUAL per store (per instrument) and the comments
    for table in tables:
        assert_links(table, "Store")


def test_fives_ranking_and_actions_link(open_page):
    at = open_page(path="pages/fives.py")
    at.session_state["fives_view"] = t("fives.view.ranking", "en")  # ui.lazy_tabs: drawn when opened
    at.run()
    ranking = linked_tables(at)
    assert ranking
    assert_links(ranking[0], "Store")
    actions = linked_tables(open_page(path="pages/fives_actions.py"))
    assert actions
    assert_links(actions[0], "Store")


def test_links_in_chinese(open_page):
    at = open_page(path="pages/complaints.py", lang="zh")
    assert linked_tables(at, "门店视图")


def test_a_link_opens_the_store_view_with_its_5s_and_the_chain_chart(open_page):
    at = open_page(path="pages/store.py", store="S001")
    shown = texts(at)
    assert "S001" in shown and "5S: the store against its region and the chain" in shown  # admin: the chain
    assert "Overall 5S score over the 12 weeks" in shown
    # the months beside the twelve weeks' sections are whole months, as the tile's sparkline reads them: said so
    assert "**5S score by month (each month whole, all its days, not only the 12 weeks')**" in shown
    assert "5S score against complaints and satisfaction, by store" in shown
    assert len(at.get("plotly_chart")) == 2
    # the heading names the reference week, not "week W" for tiles that cover the twelve weeks (5S) or a month
    heading = next(c.value for c in at.caption if c.value.startswith("S001 "))
    assert "Reference week" in heading and "· week" not in heading


def test_a_preset_chosen_after_following_a_link_applies(open_page):
    # the overview's and brief's links name a week as start/end: they stayed in the address and came back
    # on every run, so "Last 30 days" chosen afterwards never applied (consistency probe)
    from datetime import date, timedelta

    monday = date.today() - timedelta(days=date.today().weekday() + 7)
    week = (monday.isoformat(), (monday + timedelta(days=6)).isoformat())
    at = open_page("admin", path="pages/complaints.py", start=week[0], end=week[1], store="S001")
    assert f"{week[0]} – {week[1]}" in texts(at)
    at.sidebar.selectbox(key="complaints_filters_preset").set_value("last_30").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "start" not in at.query_params and "end" not in at.query_params
    assert f"{week[0]} – {week[1]}" not in texts(at)
    at.run()  # and it stays so on the next run
    assert at.sidebar.selectbox(key="complaints_filters_preset").value == "last_30"


def test_business_hours_survive_a_visit_to_a_page_without_the_switch(open_page):
    # turned on in Complaints, lost after Satisfaction (its filter saved it as off: consistency probe)
    at = open_page("admin", path="pages/complaints.py")
    at.sidebar.toggle(key="complaints_filters_business_hours").set_value(True).run()
    at.switch_page("pages/satisfaction.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert t("filters.business_hours") not in texts(at)  # not said where it does not apply
    at.switch_page("pages/complaints.py").run()
    assert at.sidebar.toggle(key="complaints_filters_business_hours").value is True


def test_a_region_the_reader_cannot_choose_is_said_not_dropped_silently(open_page):
    # ?region=99 showed the whole chain without a word (consistency probe)
    at = open_page("admin", path="pages/complaints.py", region="99")
    assert t("filters.dropped", dimension=t("filters.region"), values="99") in texts(at)


def test_a_period_not_begun_or_under_way_says_so(open_page):
    # January 2027 showed "Complaints 0 ▼−110" as if the month had happened (consistency probe)
    from datetime import date, timedelta

    ahead = date.today() + timedelta(days=40)
    at = open_page("admin", path="pages/complaints.py", period="custom", **{"from": ahead.isoformat(),
                   "to": (ahead + timedelta(days=6)).isoformat()})  # fmt: skip
    assert t("filters.not_started", start=ahead.isoformat()) in texts(at)
    # a period reaching past today (a custom month picked whole): under way, said so with its days
    today = date.today()
    at = open_page("admin", path="pages/complaints.py", period="custom", **{"from": (today - timedelta(days=3)).isoformat(),
                   "to": (today + timedelta(days=20)).isoformat()})  # fmt: skip
    assert "Period in progress: day" in texts(at) and "of 24." in texts(at)


def test_a_store_narrowed_away_by_a_region_choice_is_not_called_out_of_scope(open_page, demo_db):
    # the warning is for what the reader cannot choose at all, not for a store the region just chosen excludes
    con = db.connect(demo_db)
    try:
        (store_id, region_id), (other_region,) = (
            con.execute("select store_id, region_id from stores order by store_id limit 1").fetchone(),
            con.execute("select min(region_id) from stores where region_id <> (select region_id from stores "
                        "order by store_id limit 1)").fetchone(),
        )  # fmt: skip
    finally:
        con.close()
    at = open_page("admin", path="pages/complaints.py", store=str(store_id))
    assert "is not among the ones you can choose" not in texts(at)
    at.sidebar.multiselect(key="complaints_filters_regions").set_value([other_region]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "is not among the ones you can choose" not in texts(at)
    assert region_id != other_region


def test_the_store_views_tables_show_every_row(open_page, monkeypatch):
    """The comparison table holds a row per headline figure (14 for an admin: complaints, satisfaction, 5S) and
    the trend table one per week (12); drawn at Streamlit's default height, ten rows, the 5S rows were cut off
    below the first (a Monday walk, session 40: "Stores failing" half drawn, open and overdue actions and repeat
    findings out of sight). Both are drawn at their content's height: the trend as a dataframe, the comparison
    as a table of text (``st.table``: its long cells wrap, tests/browser/test_tablet_browser.py)."""
    import streamlit

    drawn = []
    draw = streamlit.dataframe

    def recorded(data, *args, **kwargs):
        rows = len(getattr(data, "data", data))  # a Styler's frame
        drawn.append((kwargs.get("key"), rows, kwargs.get("height", "auto")))
        return draw(data, *args, **kwargs)

    monkeypatch.setattr(streamlit, "dataframe", recorded)
    at = open_page(path="pages/store.py", store="S001")
    assert not at.exception, [e.value for e in at.exception]
    tables = {key: (rows, height) for key, rows, height in drawn}
    trend = tables["store_trend_table"]
    assert trend[0] > 10 and trend[1] == "content", tables  # more rows than the default height shows
    assert "store_compare_table" not in tables
    compare = at.get("table")
    assert len(compare) == 1 and len(compare[0].value) == 14, compare  # st.table: always its content's height
    assert list(compare[0].value.columns) == ["Figure", "Store", "Region", "Whole chain"]
