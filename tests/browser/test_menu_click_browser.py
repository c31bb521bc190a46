"""Issue 14: "no dropped click". Right after a sign-in the cookie component reports the cookie stored, which is a
rerun of the page the browser shows; when that report reaches the server after a menu click and before the
clicked page's run has reached the browser (a busy server), Streamlit runs the old page instead of the clicked
one and the click is lost without a word. Here the server is made slow on purpose: the component's scripts are
held until after the click, and the server's messages to the page are held from the click until the report has
been sent. The click must be acted on, or visibly refused (a disabled link) and taken once the cookie is stored."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, page_report, wait_idle

COMPLAINTS = "[data-testid='stSidebar'] [data-testid='stPageLink'] a"


def _heading(page) -> str:
    return " | ".join(h.strip() for h in page.locator("h1").all_inner_texts())


def test_a_menu_click_while_the_sign_in_cookie_is_reported_is_not_lost(page, portal_server):
    scripts: list = []  # the cookie component's scripts, held until released
    hold = {"scripts": True, "server": False}
    held: list = []  # the server's messages to the page, held while hold["server"]
    sent: list = []  # the page's messages to the server
    routes: dict = {}

    def component_script(route):
        if hold["scripts"]:
            scripts.append(route)
        else:
            route.continue_()

    def stream(ws):
        server = ws.connect_to_server()
        routes["page"] = ws

        def up(message):
            sent.append(message)
            server.send(message)

        def down(message):
            (held.append if hold["server"] else ws.send)(message)

        ws.on_message(up)
        server.on_message(down)

    page.route(re.compile(r".*/component/.*\.js(\?.*)?$"), component_script)
    page.route_web_socket(re.compile(r".*/_stcore/stream"), stream)
    page.goto(portal_server)
    wait_idle(page)
    page.get_by_role("textbox", name="Username").fill("manager")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Overview", exact=True).first.wait_for(timeout=60_000)
    link = page.locator(COMPLAINTS).filter(has_text=re.compile(r"Complaints$")).first
    link.wait_for(timeout=60_000)
    wait_idle(page)
    assert scripts, "the cookie component asked for no script: nothing to hold"

    hold["server"] = True  # from the click on, the server is "busy": the page hears nothing back
    refused = link.get_attribute("disabled") is not None
    link.click()
    page.wait_for_timeout(1000)  # the click's request (if any) reaches the server first
    before = len(sent)
    hold["scripts"] = False
    for route in scripts:
        route.continue_()
    for _ in range(100):  # the component loads, stores the cookie, and reports it: a rerun request
        if len(sent) > before:
            break
        page.wait_for_timeout(100)
    assert len(sent) > before, "the cookie component did not report"
    page.wait_for_timeout(500)
    hold["server"] = False
    for message in held:
        routes["page"].send(message)
    held.clear()
    wait_idle(page, 1500)
    heading = _heading(page)
    assert refused or heading == "Complaints", (
        f"the click on an enabled Complaints link was lost: the page shows {heading!r}; {page_report(page)}"
    )
    # refused visibly: once the cookie is stored the link is enabled and the same click opens the page
    page.locator(COMPLAINTS).filter(has_text=re.compile(r"Complaints$")).first.click()
    page.get_by_role("heading", name="Complaints", exact=True).first.wait_for(timeout=30_000)
    assert link.get_attribute("disabled") is None


def test_links_locked_for_a_cookie_that_is_never_reported_are_enabled_after_the_lock(page, portal_server):
    # the component's scripts never load (blocked): the links are drawn disabled, and the lock runs out
    # (signin.LINKS_LOCK_S, 15 s) with a rerun of its own, without a click or a reload
    page.route(re.compile(r".*/component/.*\.js(\?.*)?$"), lambda route: route.abort())
    page.goto(portal_server)
    wait_idle(page)
    page.get_by_role("textbox", name="Username").fill("manager")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Overview", exact=True).first.wait_for(timeout=60_000)
    link = page.locator(COMPLAINTS).filter(has_text=re.compile(r"Complaints$")).first
    link.wait_for(timeout=60_000)
    assert link.get_attribute("disabled") is not None, page_report(page)
    note = page.locator("[data-testid='stSidebar']").get_by_text("Finishing sign-in…")
    note.wait_for(state="visible", timeout=14_000)  # said once the lock has lasted 2 s
    page.locator(COMPLAINTS + ":not([disabled])").filter(has_text=re.compile(r"Complaints$")).first.wait_for(
        timeout=60_000
    )
    expect(note).to_be_hidden()  # its room kept on this page, hidden (signin.unlock_links_later)
    link.click()
    page.get_by_role("heading", name="Complaints", exact=True).first.wait_for(timeout=30_000)
