"""An admin edits a user in Chromium: the form starts from the user's roles and scope and saves."""

from playwright.sync_api import expect

from tests.browser.conftest import choose, pick_nth, signed_in, wait_idle


def test_admin_changes_a_users_stores(page, portal_server):
    signed_in(page, portal_server, "admin", "/users", "Users")
    page.get_by_role("tab", name="Change a user").click()
    page.get_by_label("User", exact=True).wait_for()  # the tab's boxes are drawn
    choose(page, "User", "inspector")
    wait_idle(page)
    form = page.locator("[data-testid='stForm']").filter(has_text="Save changes")
    # the inspector's role is pre-selected when the form opens (saving without touching roles keeps it)
    assert "inspector" in form.inner_text()
    stores = form.locator("[data-testid='stMultiSelect']").filter(
        has_text="Stores (inspectors, store managers)"
    )
    pick_nth(page, stores.first, "S002 Store Two")
    page.keyboard.press("Escape")
    form.get_by_role("button", name="Save changes").click()
    wait_idle(page)
    # "Saved." proves the role was kept: saving with no role is refused with "Choose at least one role."
    expect(page.get_by_text("Saved.")).to_be_visible()
