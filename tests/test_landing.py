"""Each role lands on its most useful page (portal.navigation.landing_page)."""

from dataclasses import replace

from portal import navigation


def test_roles_land_on_their_page():
    assert navigation.landing_page(["admin"]) == "complaints"
    assert navigation.landing_page(["manager"]) == "complaints"
    assert navigation.landing_page(["team_lead"]) == "complaints"
    assert navigation.landing_page(["inspector"]) == "upload"  # until the 5S page is registered
    assert navigation.landing_page(["agent"]) == "account"  # until the scorecard is registered


def test_the_overview_wins_once_it_exists():
    overview = replace(navigation.page("complaints"), key="overview", path="pages/overview.py")
    pages = [*navigation.pages_for(["manager"]), overview]
    assert navigation.landing_page(["manager"], pages) == "overview"
    fives = replace(navigation.page("upload"), key="fives", roles=frozenset({"inspector"}))
    assert navigation.landing_page(["inspector"], [*navigation.pages_for(["inspector"]), fives]) == "fives"
