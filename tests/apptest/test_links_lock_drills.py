"""The complaint drill-downs (a chart's point, a table's row: ``st.switch_page`` to the complaint list) are locked
after a sign-in as the page links are, by the same lock (``signin.links_locked``, tests/apptest/test_links_lock.py):
drawn without selection until the browser reports the sign-in cookie stored, selectable on the report's run. The
report is a rerun of the page the browser shows, so a switch started by a click just before it could be replaced by
the old page's run (issue 14's lost click; session 38 left these open: only page links were locked)."""

from __future__ import annotations

from portal.ui import signin
from tests.apptest.test_complaints_page import complaints_db  # noqa: F401 - the fixture
from tests.apptest.test_links_lock import _signed_in_locked, cookie  # noqa: F401 - the fixture

DRILLS = ["complaints_pareto", "complaints_backlog", "complaints_stores_table", "complaints_agents_table"]


def _selectable(at) -> tuple[int, list[str]]:
    """(charts and tables drawn, the keys of those a click can select)."""
    shown = [e.proto for e in [*at.get("plotly_chart"), *at.dataframe]]
    return len(shown), sorted(p.id.rsplit("-", 1)[-1] for p in shown if list(p.selection_mode))


def test_the_drill_downs_are_locked_until_the_cookie_is_reported(app, cookie, complaints_db, monkeypatch):  # noqa: F811
    monkeypatch.setenv("PORTAL_DB", str(complaints_db))
    at = _signed_in_locked(app, 1.0).run()
    at.switch_page("pages/complaints.py").run()
    assert not at.exception, [e.value for e in at.exception]
    # the trend chart, the Pareto and backlog charts and the store and agent tables: drawn, none selectable
    assert _selectable(at) == (5, []), _selectable(at)
    # the report's run clears the lock (signin._store_pending_cookie; here the page's run alone: app.py's frame is
    # not drawn after an AppTest's switch_page), and draws the drill-downs selectable
    del at.session_state[signin._LINKS_LOCKED]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert _selectable(at) == (5, sorted(DRILLS)), _selectable(at)
