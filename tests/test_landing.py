"""Each role lands on its most useful page (portal.navigation.landing_page)."""

from dataclasses import replace

from portal import navigation


def test_roles_land_on_their_page():
    # the overview (issue 13) is the landing page of admin, manager and team lead ...
    assert navigation.landing_page(["admin"]) == "overview"
    assert navigation.landing_page(["manager"]) == "overview"
    assert navigation.landing_page(["team_lead"]) == "overview"
    # ... and without it, Complaints
    for role in ("admin", "manager", "team_lead"):
        without = [p for p in navigation.pages_for([role]) if p.key != "overview"]
        assert navigation.landing_page([role], without) == "complaints"
    assert navigation.landing_page(["inspector"]) == "fives"  # 5S results
    assert navigation.landing_page(["agent"]) == "my_scorecard"  # their own scorecard
    # without those pages: Upload and My account
    no_fives = [p for p in navigation.pages_for(["inspector"]) if not p.key.startswith("fives")]
    assert navigation.landing_page(["inspector"], no_fives) == "upload"
    no_card = [p for p in navigation.pages_for(["agent"]) if p.key != "my_scorecard"]
    assert navigation.landing_page(["agent"], no_card) == "account"


def test_the_overview_wins_once_it_exists():
    overview = replace(navigation.page("complaints"), key="overview", path="pages/overview.py")
    pages = [*navigation.pages_for(["manager"]), overview]
    assert navigation.landing_page(["manager"], pages) == "overview"
