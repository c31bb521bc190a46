"""Sign-in as a person does it, in Chromium: messages, menus per role, forbidden URLs, cookie, logout, lockout."""

import re

from tests.browser.conftest import PASSWORD, sign_in, wait_idle


def menu_links(page) -> list[str]:
    texts = page.locator("[data-testid='stSidebar'] [data-testid='stPageLink'] a").all_inner_texts()
    return sorted(text.strip().splitlines()[-1] for text in texts)  # the icon's ligature name comes first


def test_wrong_password_gives_the_message(page, portal_server):
    sign_in(page, portal_server, "manager", "not-the-password")
    assert page.get_by_text("Wrong username or password.").is_visible()
    assert menu_links(page) == []


def test_each_role_sees_exactly_its_pages(page, portal_server):
    from portal import navigation
    from portal.i18n import t

    for username, role in (
        ("admin", "admin"),
        ("manager", "manager"),
        ("lead", "team_lead"),
        ("inspector", "inspector"),
        ("agent", "agent"),
    ):
        page.context.clear_cookies()
        sign_in(page, portal_server, username)
        expected = sorted(t(p.title_key, "en") for p in navigation.pages_for([role]))
        assert menu_links(page) == expected, role
        page.get_by_role("button", name="Sign out").click()
        wait_idle(page)


def test_forbidden_url_shows_not_permitted(page, portal_server):
    sign_in(page, portal_server, "inspector")
    page.goto(portal_server + "/users")
    wait_idle(page)
    if page.get_by_role(
        "textbox", name="Username"
    ).count():  # a fresh page load signs in again through the cookie
        sign_in(page, portal_server, "inspector")
        page.goto(portal_server + "/users")
        wait_idle(page)
    assert page.get_by_text(re.compile("Not permitted")).first.is_visible()
    assert page.locator("[data-testid='stDataFrame']").count() == 0


def test_reload_keeps_the_session_and_logout_ends_it(page, portal_server):
    sign_in(page, portal_server, "admin")
    assert page.get_by_role("heading", name="Data status").is_visible()
    page.wait_for_timeout(1000)  # let the cookie component store the cookie
    page.reload()
    wait_idle(page)
    assert page.get_by_role("heading", name="Data status").is_visible()
    assert page.get_by_role("textbox", name="Username").count() == 0
    page.get_by_role("button", name="Sign out").click()
    wait_idle(page)
    page.wait_for_timeout(1000)
    assert page.get_by_role("textbox", name="Username").is_visible()
    page.reload()
    wait_idle(page)
    assert page.get_by_role("textbox", name="Username").is_visible()


def test_sixth_wrong_attempt_locks_the_account(page, portal_server):
    page.goto(portal_server)
    wait_idle(page)
    for _ in range(5):
        page.get_by_role("textbox", name="Username").fill("locky")
        page.get_by_role("textbox", name="Password").fill("wrong-password")
        page.get_by_role("button", name="Sign in").click()
        wait_idle(page)
        assert page.get_by_text("Wrong username or password.").is_visible()
    page.get_by_role("textbox", name="Username").fill("locky")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    wait_idle(page)
    assert page.get_by_text(re.compile("locked for 15 minutes")).is_visible()
