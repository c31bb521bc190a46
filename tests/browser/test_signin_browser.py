"""Sign-in as a person does it, in Chromium: messages, menus per role, forbidden URLs, cookie, logout, lockout."""

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, sign_in, wait_idle


def menu_links(page) -> list[str]:
    texts = page.locator("[data-testid='stSidebar'] [data-testid='stPageLink'] a").all_inner_texts()
    return sorted(text.strip().splitlines()[-1] for text in texts)  # the icon's ligature name comes first


def test_wrong_password_gives_the_message(page, portal_server):
    sign_in(page, portal_server, "manager", "not-the-password")
    expect(page.get_by_text("Wrong username or password.")).to_be_visible()
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
    page.goto(portal_server + "/users")  # a fresh page load: signed in again through the cookie
    wait_idle(page)
    assert page.get_by_role("textbox", name="Username").count() == 0
    expect(page.get_by_text(re.compile("Not permitted")).first).to_be_visible()
    assert page.locator("[data-testid='stDataFrame']").count() == 0


def test_reload_keeps_the_session_and_logout_ends_it(page, portal_server):
    sign_in(page, portal_server, "admin")
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    page.reload()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    assert page.get_by_role("textbox", name="Username").count() == 0
    page.get_by_role("button", name="Sign out").click()
    wait_idle(page)
    page.wait_for_timeout(1000)
    expect(page.get_by_role("textbox", name="Username")).to_be_visible()
    page.reload()
    wait_idle(page)
    expect(page.get_by_role("textbox", name="Username")).to_be_visible()


def test_sixth_wrong_attempt_locks_the_account(page, portal_server):
    page.goto(portal_server)
    wait_idle(page)
    for _ in range(5):
        page.get_by_role("textbox", name="Username").fill("locky")
        page.get_by_role("textbox", name="Password").fill("wrong-password")
        page.get_by_role("button", name="Sign in").click()
        wait_idle(page)
        expect(page.get_by_text("Wrong username or password.")).to_be_visible()
    page.get_by_role("textbox", name="Username").fill("locky")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    wait_idle(page)
    expect(page.get_by_text(re.compile("locked for 15 minutes"))).to_be_visible()


def test_chinese_stays_chinese_after_a_reload(page, portal_server):
    sign_in(page, portal_server, "admin")
    page.get_by_text("简体中文").click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="投诉", exact=True)).to_be_visible()
    assert "lang=zh" in page.url
    page.reload()
    wait_idle(page)
    expect(page.get_by_role("heading", name="投诉", exact=True)).to_be_visible()


def _sign_in_rows(db_path, username: str) -> dict[str, int]:
    """The audit rows of ``username``'s sign-ins so far, by action, read through a copy (the server holds the
    file; its latest writes may sit in the write-ahead log)."""
    import shutil

    from portal import db

    copy = db_path.parent / "signin_copy.duckdb"
    for suffix in ("", ".wal"):
        copy.with_name(copy.name + suffix).unlink(missing_ok=True)
    shutil.copy(db_path, copy)
    wal = db_path.with_name(db_path.name + ".wal")
    if wal.exists():
        shutil.copy(wal, copy.with_name(copy.name + ".wal"))
    con = db.connect(copy, read_only=True)
    try:
        rows = con.execute(
            "select action, count(*) from audit_log where username = ? and action like 'login%' group by 1",
            [username],
        ).fetchall()
    finally:
        con.close()
    return dict(rows)


def test_a_double_click_during_the_rerun_is_one_sign_in_and_no_dropped_click(page, portal_server, portal_db):
    """Issue 14 point 3: the Sign in button is disabled while its attempt runs. The form is filled and sent the
    moment it shows (the cookie component's rerun after the page load is still to come or running), with a
    double click and a third click 150 ms later: one attempt, signed in without clicking again (no dropped
    click), one "login" row, no failure."""
    before = _sign_in_rows(portal_db, "lead")
    page.goto(portal_server)
    page.get_by_role("textbox", name="Username").fill("lead")  # no wait for idle: during the page's reruns
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    button = page.get_by_role("button", name="Sign in")
    button.dblclick()
    page.wait_for_timeout(150)
    try:  # a click while the attempt runs, where the button still takes one (gone or disabled: none)
        button.click(timeout=1_000)
    except PlaywrightTimeout:
        pass
    signed = page.locator("[data-testid='stSidebar'] button:has-text('Sign out')")
    signed.first.wait_for(timeout=30_000)  # no further click: none was dropped
    wait_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0
    after = _sign_in_rows(portal_db, "lead")
    assert after.get("login", 0) - before.get("login", 0) == 1, (before, after)
    assert after.get("login_failed", 0) == before.get("login_failed", 0), (before, after)


def test_a_refused_double_click_is_one_attempt_and_says_why(page, portal_server, portal_db):
    """A wrong password sent with a double click: the refusal is said, the button is enabled again, and the
    second click of the pair landed on the disabled button (one failed attempt, not two)."""
    before = _sign_in_rows(portal_db, "lead")
    page.goto(portal_server)
    wait_idle(page)
    page.get_by_role("textbox", name="Username").fill("lead")
    page.get_by_role("textbox", name="Password").fill("not-the-password")
    button = page.get_by_role("button", name="Sign in")
    button.dblclick()
    expect(page.get_by_text("Wrong username or password.")).to_be_visible(timeout=30_000)
    wait_idle(page)
    expect(button).to_be_enabled()
    after = _sign_in_rows(portal_db, "lead")
    assert after.get("login_failed", 0) - before.get("login_failed", 0) == 1, (before, after)
    assert after.get("login", 0) == before.get("login", 0)
