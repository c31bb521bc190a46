"""Text from data shown as plain text in the running app (issue 15 item 2): a display name holding a Markdown
image does not render as one in the sidebar; store codes holding HTML are escaped in the complaints charts."""

from __future__ import annotations

import pytest

from portal.auth import User
from portal.i18n import t
from portal.scope import Scope
from tests.apptest.conftest import make_app

IMAGE = "![x](http://x)"
LINK = "<a href='http://x'>S998</a>"


def test_a_display_name_with_markdown_is_shown_as_text(app_env):
    at = make_app("admin")
    at.session_state["portal_user"] = User("t_admin", IMAGE, ("admin",), Scope.everything())
    at.run()
    assert not at.exception
    shown = [c.value for c in at.sidebar.caption]
    assert any(r"!\[x\](http\://x)" in c for c in shown), shown
    assert not any(IMAGE in c for c in shown)


@pytest.fixture
def linked_store(tmp_path, monkeypatch):
    """The complaints page's fixture (complaints within the default 90 days) with store 1 coded as a link."""
    from tests import complaints_fixture as fx
    from tests import fixtures
    from tests.apptest.test_complaints_page import _recent_rows

    monkeypatch.setattr(
        fixtures, "STORES", [(1, LINK, "Store One", 1, "Asia/Shanghai", "2020-01-01")] + fixtures.STORES[1:]
    )
    path = tmp_path / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    fx.add_complaints(con, _recent_rows())
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))


def test_store_codes_with_html_are_escaped_in_charts(app_env, linked_store):
    at = make_app("admin").run()
    at.switch_page("pages/complaints.py").run()
    assert not at.exception, [e.value for e in at.exception]
    # the category x store heat map (store codes on its axis) draws when its tab is opened
    at.session_state["complaints_hot_spots_tab"] = t("complaints.hot_spots.tab.category_store", "en")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    specs = [str(c.proto.spec) for c in at.get("plotly_chart")]
    assert any("&lt;a href=" in s for s in specs)
    assert not any("<a href" in s for s in specs)


def test_a_table_of_text_shows_its_cells_and_headers_as_text(app_env):
    """``ui.text_table`` draws with ``st.table``, which renders Markdown in cells and headers (the store view's
    comparison: a region's name heads a column, a figure's note fills a cell): they are shown as their text, a
    missing value as "—"."""
    from streamlit.testing.v1 import AppTest

    def script():
        import pandas as pd

        from portal import ui

        ui.text_table(pd.DataFrame({"**North**": ["![x](http://x)", None]}), "t.csv", key="t")

    at = AppTest.from_function(script).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = at.get("table")[0].value
    assert list(shown.columns) == [r"\*\*North\*\*"]
    assert list(shown.iloc[:, 0]) == [r"!\[x\](http\://x)", "—"]
