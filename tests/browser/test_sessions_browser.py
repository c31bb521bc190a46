"""Sessions that end, in Chromium (issue 15 item 1): a sign-in cookie copied before "Sign out" does not open
the admin's audit log in a fresh browser after it; a forged cookie shows the sign-in form, no traceback."""

import base64
import json

from playwright.sync_api import expect

from tests.browser.conftest import COOKIE, sign_in, wait_idle


def _fresh_context_with(browser, portal_server, cookie):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    context.set_default_timeout(20_000)
    context.add_cookies([{**cookie, "url": portal_server}] if "url" not in cookie else [cookie])
    return context


def test_a_cookie_copied_before_sign_out_opens_nothing_after_it(page, browser, portal_server):
    sign_in(page, portal_server, "admin")
    copied = next(c for c in page.context.cookies() if c["name"] == COOKIE)
    # while the session lives, the copied cookie opens the audit log in another browser
    other = _fresh_context_with(browser, portal_server, {"name": COOKIE, "value": copied["value"]})
    tab = other.new_page()
    tab.goto(portal_server + "/audit_log")
    wait_idle(tab)
    expect(tab.get_by_role("heading", name="Audit log")).to_be_visible()
    other.close()

    page.get_by_role("button", name="Sign out").click()
    wait_idle(page)
    expect(page.get_by_role("textbox", name="Username")).to_be_visible()

    after = _fresh_context_with(browser, portal_server, {"name": COOKIE, "value": copied["value"]})
    tab = after.new_page()
    tab.goto(portal_server + "/audit_log")
    wait_idle(tab)
    expect(tab.get_by_role("textbox", name="Username")).to_be_visible()
    assert tab.get_by_role("heading", name="Audit log").count() == 0
    assert tab.locator("[data-testid='stException']").count() == 0
    after.close()


def test_a_forged_cookie_shows_the_sign_in_form_not_a_traceback(browser, portal_server):
    def b64(obj):
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()

    forged = b64({"alg": "none", "typ": "JWT"}) + "." + b64({"username": "admin", "exp_date": 4e9}) + "."
    for value in (forged, "garbage", "a.b.c"):
        context = _fresh_context_with(browser, portal_server, {"name": COOKIE, "value": value})
        tab = context.new_page()
        tab.goto(portal_server + "/audit_log")
        wait_idle(tab)
        expect(tab.get_by_role("textbox", name="Username")).to_be_visible()
        assert tab.locator("[data-testid='stException']").count() == 0
        context.close()
