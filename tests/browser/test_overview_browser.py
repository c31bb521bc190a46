"""A manager lands on the overview, snoozes one alert and acknowledges another with a note, in a real browser.

Own server over its own database: tests/fixtures.py + tests/overview_fixture.py moved so that its W47 is the
last complete week before today. The manager (region R1: S001, S002) sees four alerts about S001's response
SLA (chain of the scope 20/40 = 50.0%): below target, outside the control limit, worse than the previous 4
weeks, and S001's own below-target alert.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from portal import db, users
from tests import fixtures
from tests import overview_fixture as fx
from tests.browser.conftest import PASSWORD, ROLE_USERS, running_portal, sign_in, wait_idle


@pytest.fixture(scope="module")
def overview_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("overview_browser") / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    users.create_user(
        con, username="manager", display_name="Manager", password=PASSWORD, **ROLE_USERS["manager"]
    )
    fx.load(con)
    today = date.today()
    shift = (today - timedelta(days=today.isoweekday() - 1 + 7) - fx.LAST_WEEK.date()).days
    con.execute(
        "update complaints set received_at = received_at + to_days(?), first_response_at = first_response_at "
        "+ to_days(?), resolved_at = resolved_at + to_days(?)",
        [shift, shift, shift],
    )
    con.close()
    return path


@pytest.fixture(scope="module")
def overview_server(overview_db):
    with running_portal(overview_db) as url:
        yield url


def forms(page):
    return page.locator("[data-testid='stForm']")


def open_form(page) -> None:
    """Open the first card's acknowledge / snooze form (no card draws its form until asked)."""
    assert forms(page).count() == 0
    page.get_by_role("button", name="Acknowledge or snooze…").first.click()
    wait_idle(page)
    expect(forms(page)).to_have_count(1)


def test_snooze_and_acknowledge_with_a_note(page, overview_server, overview_db):
    sign_in(page, overview_server, "manager", PASSWORD)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    expect(page.get_by_text("Response SLA attainment at S001 Store One was 50.0%").first).to_be_visible()
    expect(page.get_by_role("button", name="Acknowledge or snooze…")).to_have_count(4)

    # without a note nothing is stored
    open_form(page)
    forms(page).first.get_by_role("button", name="Acknowledge").click()
    wait_idle(page)
    expect(page.get_by_text("Write a note first.")).to_be_visible()
    expect(page.get_by_role("button", name="Close")).to_have_count(1)
    expect(page.get_by_role("button", name="Acknowledge or snooze…")).to_have_count(3)

    first = forms(page).first
    first.get_by_role("textbox", name="Note (required)").fill("known: new staff on the hotline")
    first.get_by_role("button", name="Snooze").click()
    wait_idle(page)
    expect(page.get_by_text("Acknowledged or snoozed (1)")).to_be_visible(timeout=20_000)
    expect(page.get_by_role("button", name="Acknowledge or snooze…")).to_have_count(3)

    open_form(page)
    second = forms(page).first
    second.get_by_role("textbox", name="Note (required)").fill("talked to S001")
    second.get_by_role("button", name="Acknowledge").click()
    wait_idle(page)
    expect(page.get_by_text("Acknowledged or snoozed (2)")).to_be_visible(timeout=20_000)
    expect(page.get_by_role("button", name="Acknowledge or snooze…")).to_have_count(2)
    assert forms(page).count() == 0

    # a reload keeps them quiet (stored, not session state)
    page.reload()
    wait_idle(page)
    expect(page.get_by_text("Acknowledged or snoozed (2)")).to_be_visible(timeout=20_000)
    expect(page.get_by_role("button", name="Acknowledge or snooze…")).to_have_count(2)


def test_the_notes_are_stored_and_audited(overview_server, overview_db):
    # the server holds the database; read it through a read-only copy
    import shutil

    copy = overview_db.parent / "copy.duckdb"
    shutil.copy(overview_db, copy)
    wal = overview_db.with_name(overview_db.name + ".wal")
    if wal.exists():  # the server's latest writes may still sit in its write-ahead log
        shutil.copy(wal, copy.with_name(copy.name + ".wal"))
    con = db.connect(copy, read_only=True)
    try:
        acks = con.execute(
            "select action, note, username from overview_alert_acks order by ack_id"
        ).fetchall()
        audit = con.execute("select count(*) from audit_log where action = 'alert_ack'").fetchone()[0]
    finally:
        con.close()
    assert acks == [
        ("snooze", "known: new staff on the hotline", "manager"),
        ("acknowledge", "talked to S001", "manager"),
    ]
    assert audit == 2
