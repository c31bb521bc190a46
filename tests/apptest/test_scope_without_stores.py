"""A team lead whose team has no region (its agents' home stores lie in two regions: the agents file gives such a
team none) holds no store: the Complaints and Satisfaction pages said "No complaints for these filters … Widen the
date range" and the overview's tiles "nothing to count in this period and selection", as if the period were empty,
and the scope caption named the team by its id ("team 3"; probe of session 36). The pages now say that the scope
holds no store and why, and the caption names the team by code and name.
"""

from __future__ import annotations

import pytest

from portal.auth import User
from portal.i18n import t
from portal.scope import Scope
from tests.apptest.conftest import make_app, texts

pytestmark = pytest.mark.usefixtures("fresh_query_cache")

LEAD_WITHOUT_STORES = User("t_lead0", "Lead Zero", ("team_lead",), Scope(team_id=1))
LEAD = User("t_lead", "Test Lead", ("team_lead",), Scope(store_ids=(1, 2), team_id=1))


def _open(user: User, path: str | None, lang: str = "en"):
    at = make_app(None, lang)
    at.session_state["portal_user"] = user
    at.run()
    if path is not None:
        at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("path", ["pages/complaints.py", "pages/satisfaction.py", None])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_lead_without_stores_is_told_why_the_pages_are_empty(app, path, lang):
    shown = texts(_open(LEAD_WITHOUT_STORES, path, lang))
    assert t("filters.scope.none_held_team", lang) in shown
    if path is not None:  # the caption names the team as its lead knows it (a Chinese caption: full-width ；)
        no_stores, team = (
            t("filters.scope.no_stores", lang),
            t("filters.scope.team", lang, team="T1 Team One"),
        )
        assert (no_stores + ("；" if lang == "zh" else "; ") + team) in shown


def test_a_lead_with_stores_gets_no_such_warning_and_her_team_by_name(app):
    shown = texts(_open(LEAD, "pages/complaints.py"))
    assert t("filters.scope.none_held_team", "en") not in shown
    assert "; team T1 Team One" in shown and "; team 1" not in shown
