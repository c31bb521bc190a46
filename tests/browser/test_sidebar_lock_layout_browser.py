"""The sidebar holds its layout when the sign-in link lock ends: the filters below the menu do not move when the
"Finishing sign-in…" note (drawn from the lock's start, shown after 2 s) is hidden (signin.unlock_links_later keeps
its room on that page). Before, they moved up 38 px at the unlock's run."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from portal.ui.signin import LINKS_LOCK_QUIET_S, LINKS_LOCK_S
from tests.browser.conftest import PASSWORD, page_report, wait_idle

LINKS = "[data-testid='stSidebar'] [data-testid='stPageLink'] a"
FILTERS = "[data-testid='stSidebar'] [data-testid='stSelectbox']"  # the filter's period, first below the menu
TRIES = 3


def _top(page) -> float:
    return page.locator(FILTERS).first.bounding_box()["y"]


def _sign_in_locked(page, portal_server) -> str | None:
    """Signs in on the complaints page; None when the page showed with its links still locked, else what was seen
    instead, and the caller signs in again. A page slower than the lock itself (a loaded machine: CI once took over
    15 s here) cannot show its links locked. Twice in whole runs of the browser tier (not in 37 sign-ins probed on
    their own, on fresh and on used servers, under load), a page 0.9 s and 2.6 s after the click showed its links
    enabled and no cookie stored; what ended the lock is not known, so each try's links and timing are kept for
    the failure's message."""
    page.goto(portal_server + "/complaints")  # signed in there: the page of the address, with its filters
    wait_idle(page)
    page.get_by_role("textbox", name="Username").fill("manager")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    clicked = time.monotonic()
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Complaints", exact=True).first.wait_for(timeout=60_000)
    page.locator(FILTERS).first.wait_for(timeout=60_000)
    if page.locator(LINKS + "[disabled]").count():
        return None
    waited = time.monotonic() - clicked
    links = page.locator(LINKS).count()
    cookies = [c["name"] for c in page.context.cookies()]
    if waited > LINKS_LOCK_S:
        return f"the page showed {waited:.1f} s after the click, after the lock"
    return f"{links} links not locked {waited:.1f} s after the click; cookies {cookies}; {page_report(page)}"


def test_the_filters_do_not_move_when_the_sign_in_lock_ends(page, portal_server):
    # the cookie component's scripts never load: the lock lasts its 15 s, its note shown after 2 s; no cookie is
    # stored, so opening the address again shows the sign-in form
    page.route(re.compile(r".*/component/.*\.js(\?.*)?$"), lambda route: route.abort())
    seen = []
    while (instead := _sign_in_locked(page, portal_server)) is not None:
        seen.append(instead)
        assert len(seen) < TRIES, f"no sign-in of {TRIES} showed its links locked: {seen}"
    note = page.locator("[data-testid='stSidebar']").get_by_text("Finishing sign-in…")
    note.wait_for(state="visible", timeout=(LINKS_LOCK_S - LINKS_LOCK_QUIET_S) * 1000)
    locked = _top(page)
    page.locator(LINKS + ":not([disabled])").first.wait_for(timeout=60_000)
    wait_idle(page, 1500)
    expect(note).to_be_hidden()  # its room kept on this page, its text hidden
    assert abs(_top(page) - locked) < 1, (locked, _top(page))
