"""The sidebar holds its layout when the sign-in link lock ends: the filters below the menu do not move when the
"Finishing sign-in…" note (drawn from the lock's start, shown after 2 s) is hidden (signin.unlock_links_later keeps
its room on that page). Before, they moved up 38 px at the unlock's run."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, page_report, wait_idle

LINKS = "[data-testid='stSidebar'] [data-testid='stPageLink'] a"
FILTERS = "[data-testid='stSidebar'] [data-testid='stSelectbox']"  # the filter's period, first below the menu


def _top(page) -> float:
    return page.locator(FILTERS).first.bounding_box()["y"]


def test_the_filters_do_not_move_when_the_sign_in_lock_ends(page, portal_server):
    # the cookie component's scripts never load: the lock lasts its 15 s, its note shown after 2 s
    page.route(re.compile(r".*/component/.*\.js(\?.*)?$"), lambda route: route.abort())
    page.goto(portal_server + "/complaints")  # signed in there: the page of the address, with its filters
    wait_idle(page)
    page.get_by_role("textbox", name="Username").fill("manager")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Complaints", exact=True).first.wait_for(timeout=60_000)
    page.locator(FILTERS).first.wait_for(timeout=60_000)
    assert page.locator(LINKS + "[disabled]").count(), page_report(page)
    note = page.locator("[data-testid='stSidebar']").get_by_text("Finishing sign-in…")
    note.wait_for(state="visible", timeout=14_000)
    locked = _top(page)
    page.locator(LINKS + ":not([disabled])").first.wait_for(timeout=60_000)
    wait_idle(page, 1500)
    expect(note).to_be_hidden()  # its room kept on this page, its text hidden
    assert abs(_top(page) - locked) < 1, (locked, _top(page))
