"""The tablet review's defects, in Chromium at a tablet's 768x1024 (portrait) with touch: the 5S form's "Next
section" shows the new section from its top, and going back keeps the scores given.

The database is this module's own (a portal server of its own): the fixture master data, an inspector of S001
and the region's manager, each with a display name that differs from the login name, and the 5S fixture of
tests/fives_fixture.py moved into the last 90 days.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from portal import users
from tests import fives_fixture, fixtures
from tests.browser.conftest import _WATCH_SCRIPT_STATE, PASSWORD, ROOT, running_portal, sign_in, wait_idle

TABLET = {"width": 768, "height": 1024}
SHIFT = (date.today() - timedelta(days=35)) - date(2026, 2, 3)
FORM = "5S inspection form"


@pytest.fixture(scope="module")
def tablet_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("tabletbrowser") / "portal.duckdb"
    os.environ.setdefault("PORTAL_BCRYPT_ROUNDS", "4")
    con = fixtures.build_fixture_db(path)
    users.create_user(
        con,
        username="ivy",
        display_name="Ivy Inspector",
        password=PASSWORD,
        roles=["inspector"],
        scope_store_ids=[1],
    )
    users.create_user(
        con,
        username="max",
        display_name="Max Manager",
        password=PASSWORD,
        roles=["manager"],
        scope_region_id=1,
    )
    fives_fixture.load_templates(con)
    moved = [(i, s, tid, day + SHIFT, who, sc) for i, s, tid, day, who, sc in fives_fixture.INSPECTIONS]
    fives_fixture.load_inspections(con, moved)
    con.close()
    with running_portal(path) as url:
        yield url


@pytest.fixture
def tablet(browser, request):
    """A page at 768x1024 with touch, its script state watched (conftest.wait_idle)."""
    context = browser.new_context(viewport=TABLET, locale="en-US", has_touch=True)
    context.set_default_timeout(20_000)
    context.add_init_script(_WATCH_SCRIPT_STATE)
    page = context.new_page()
    yield page
    if getattr(request.node, "failed_call", False):  # what the browser showed, for CI logs
        out = ROOT / "test-results"
        out.mkdir(exist_ok=True)
        page.screenshot(path=str(out / f"{request.node.name}.png"), full_page=True)
    context.close()


def in_view(page, locator) -> bool:
    """The element's top is inside the viewport and below Streamlit's fixed header (not hidden under it)."""
    box = locator.bounding_box()
    header = page.locator("[data-testid='stHeader']").bounding_box()
    top = header["y"] + header["height"] if header else 0
    return box is not None and top - 1 <= box["y"] < page.viewport_size["height"] - 40


def goto(page, base_url: str, path: str, heading: str) -> None:
    """Open a page by its address (at 768 px the sidebar is folded away) and wait until it shows."""
    page.goto(f"{base_url}/{path}")
    page.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=30_000)
    wait_idle(page)


def score_all(page, value: str) -> None:
    groups = page.locator("[data-testid='stButtonGroup']")
    expect(groups).to_have_count(5)
    for k in range(5):
        groups.nth(k).get_by_role("radio", name=value, exact=True).click()
        wait_idle(page)


def _discard_draft(page) -> None:
    page.get_by_text("Discard this draft").click()
    page.get_by_role("button", name="Discard the draft and start again").click()
    wait_idle(page)


def test_next_section_starts_at_the_top_of_the_new_section(tablet, tablet_server):
    page = tablet
    sign_in(page, tablet_server, "ivy")
    goto(page, tablet_server, "fives_inspect", FORM)
    page.get_by_role("button", name="Start the inspection").click()
    wait_idle(page)
    try:
        for k, name in ((2, "Set in order"), (3, "Shine")):
            score_all(page, "4")
            forward = page.get_by_role("button", name="Next section →")
            forward.scroll_into_view_if_needed()  # the inspector is at the bottom, where the button is
            forward.click()
            wait_idle(page)
            heading = page.get_by_text(f"Section {k} of 5: {name}")
            expect(heading).to_be_visible()
            page.wait_for_timeout(300)  # a scroll, if any, has happened by now
            assert in_view(page, heading), f"section {k}'s heading is out of view: {heading.bounding_box()}"
            first_item = page.locator("[data-testid='stButtonGroup']").first
            assert in_view(page, first_item), "the section's first item is out of view"
        # "Previous section" goes to the top of that section too
        back = page.get_by_role("button", name="← Previous section")
        back.scroll_into_view_if_needed()
        back.click()
        wait_idle(page)
        heading = page.get_by_text("Section 2 of 5: Set in order")
        expect(heading).to_be_visible()
        page.wait_for_timeout(300)
        assert in_view(page, heading)
        # and keeps the scores of the sections left (they came back blank and were saved so)
        expect(page.get_by_text("10 of 25 items scored", exact=True)).to_be_visible()
        # a score given further down does not scroll the page (only a change of section does)
        last = page.locator("[data-testid='stButtonGroup']").last
        last.scroll_into_view_if_needed()
        last.get_by_role("radio", name="3", exact=True).click()
        wait_idle(page)
        page.wait_for_timeout(300)
        assert in_view(page, last), "a score given moved the page"
    finally:
        _discard_draft(page)
