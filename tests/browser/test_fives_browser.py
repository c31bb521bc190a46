"""A corrective action followed from open to verified in a real browser: the inspector of S001 starts it and
submits what was done, the region's manager sends it back with a reason, the inspector submits again, the
manager verifies it. Then the 5S results page shows the action as no longer open.

The database is this module's own (a portal server of its own): the fixture master data, two users who sign
in (inspector of S001, manager of region R1) and the 5S fixture of tests/fives_fixture.py moved into the last
90 days, whose inspections opened 5 actions (#1 = I2's A1 at S001, overdue). The sheet upload that opens
actions belongs to the 5S intake tests.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    CHROMIUM_ARGS,
    COOKIE,
    choose_option,
    fives_portal_db,
    metric_texts,
    running_portal,
    shown_on_failure,
    sign_in,
    wait_idle,
)


@pytest.fixture(scope="module")
def fives_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("fivesbrowser") / "portal.duckdb"
    fives_portal_db(path)
    with running_portal(path) as url:
        yield url


def _person(browser, base_url: str, username: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    context.set_default_timeout(20_000)
    from tests.browser.conftest import _WATCH_SCRIPT_STATE

    context.add_init_script(_WATCH_SCRIPT_STATE)
    page = context.new_page()
    try:
        sign_in(page, base_url, username)
    except AssertionError:  # signed in, but the re-login cookie comes late on a loaded machine: wait longer
        for _ in range(300):
            if any(c["name"] == COOKIE for c in page.context.cookies()):
                break
            page.wait_for_timeout(100)
        else:
            raise
    return page


def _open_action(page, base_url: str, action_id: int) -> None:
    page.goto(f"{base_url}/fives_actions?action={action_id}")
    wait_idle(page)
    page.get_by_role("heading", name="Corrective actions", exact=True).wait_for()
    expect(page.get_by_text(re.compile(rf"^#{action_id} · A1 · ")).first).to_be_visible()


def _say(page, button: str, expected: str, *, text_label: str | None = None, text: str | None = None) -> None:
    """Take a step and wait for its message. A click that lands while a rerun is in flight (the cookie
    component triggers one after a page load) can be dropped by Streamlit: once the app is idle without the
    message, the step is taken again (the dropped click changed nothing)."""
    for attempt in range(3):
        if text_label:
            page.get_by_label(text_label).fill(text)
        page.get_by_role("button", name=button, exact=True).click()
        wait_idle(page)
        try:
            expect(page.get_by_text(expected).first).to_be_visible(timeout=10_000)  # and its toast
            return
        except AssertionError:
            if attempt == 2:
                raise


def test_action_from_open_to_verified(browser, fives_server):
    assert CHROMIUM_ARGS  # the shared launch options of conftest's browser fixture
    inspector = _person(browser, fives_server, "inspector")
    manager = _person(browser, fives_server, "manager")
    with shown_on_failure("test_action_from_open_to_verified", {"inspector": inspector, "manager": manager}):
        submitted = "Action #1 was submitted for verification."
        _open_action(inspector, fives_server, 1)
        expect(inspector.get_by_role("button", name="Verify", exact=True)).to_have_count(0)
        _say(inspector, "Start work", "Action #1 is now in progress.")
        _say(inspector, "Submit what was done", submitted, text_label="What was done", text="Boxes moved out")

        _open_action(manager, fives_server, 1)
        expect(manager.get_by_text(re.compile(r"^Submitted .* by Ivy: Boxes moved out$"))).to_be_visible()
        reason = "The fire exit is still blocked"
        _say(
            manager,
            "Send back",
            "Action #1 was sent back.",
            text_label="Reason for sending back",
            text=reason,
        )

        _open_action(inspector, fives_server, 1)
        expect(inspector.get_by_text(re.compile(rf"^Sent back .* by Max: {reason}$"))).to_be_visible()
        _say(
            inspector, "Submit what was done", submitted, text_label="What was done", text="Fire exit cleared"
        )

        _open_action(manager, fives_server, 1)
        _say(manager, "Verify", "Action #1 is verified.")
        expect(manager.get_by_text(re.compile(r"^Verified .* by Max$")).first).to_be_visible()

        manager.goto(f"{fives_server}/fives")
        metrics = metric_texts(manager, r"Open actions\s+4")
        assert re.search(r"Open actions\s+4", metrics), metrics  # 5 opened, #1 verified


def test_start_work_on_a_picked_action_keeps_it_and_what_was_typed(browser, fives_server):
    """A tablet reviewer picked an open action in the picker (not through a link), pressed "Start work", typed
    what was done and submitted: the picker's labels carry the status, so Streamlit took it for a new widget and
    fell back to the first action; the text was lost and the panel showed another action. The chosen action is
    kept in the address now. Action #4 (I5's A1 at S001) is open; the list starts with another one."""
    inspector = _person(browser, fives_server, "inspector")
    with shown_on_failure("test_start_work_on_a_picked_action", {"": inspector}):
        inspector.goto(f"{fives_server}/fives_actions")
        wait_idle(inspector)
        inspector.get_by_role("heading", name="Corrective actions", exact=True).wait_for()
        picker = inspector.get_by_label("Action", exact=True)
        expect(picker).not_to_have_value(re.compile(r"^#4 · "))  # the picker does not start on #4
        choose_option(inspector, picker, re.compile(r"^#4 · "))
        wait_idle(inspector)
        expect(inspector.get_by_text(re.compile(r"^#4 · A1 · ")).first).to_be_visible()
        _say(inspector, "Start work", "Action #4 is now in progress.")
        expect(inspector.get_by_text(re.compile(r"^#4 · A1 · In progress")).first).to_be_visible()
        _say(
            inspector,
            "Submit what was done",
            "Action #4 was submitted for verification.",
            text_label="What was done",
            text="Red line restored",
        )
