"""The review loop in Chromium: an agent disputes a QA review, the team lead corrects its score and signs off the
agent's month with a coaching note, the agent reads both. Its own portal server over its own database (QA reviews of tests/qa_fixture.py, moved into
the last weeks), so the session's shared database stays as other browser tests expect it."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from portal import db, users
from tests import fixtures
from tests import qa_fixture as fx
from tests.browser.conftest import (
    PASSWORD,
    choose_option,
    open_page,
    portal_process,
    sign_in,
    stop_portal,
    wait_idle,
)


@pytest.fixture
def qa_portal(tmp_path):
    """(base URL, database path, stop()) of a portal over a fixture database with QA reviews."""
    path = tmp_path / "qa.duckdb"
    con = fixtures.build_fixture_db(path)
    fx.load_qa_reviews(con)
    shift = (date.today() - date(2026, 10, 25)).days
    con.execute("update qa_reviews set reviewed_on = reviewed_on + to_days(?)", [shift])
    users.create_user(
        con, username="lead", display_name="Lead", password=PASSWORD, roles=["team_lead"], scope_team_id=1
    )
    users.create_user(
        con, username="agent", display_name="Agent", password=PASSWORD, roles=["agent"], agent_id=1
    )
    con.close()
    with portal_process(path) as (proc, url):
        yield url, path, lambda: stop_portal(proc)


def _new_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    context.set_default_timeout(20_000)
    return context.new_page()


def test_agent_disputes_and_team_lead_corrects(browser, qa_portal):
    url, path, stop = qa_portal
    agent = _new_page(browser)
    sign_in(agent, url, "agent")
    open_page(agent, "My QA reviews", "My QA reviews")
    form = agent.locator("[data-testid='stForm']").filter(has_text="Send the dispute")
    choose_option(agent, form.get_by_label("Review", exact=True), "QA-1")
    form.get_by_label("Why is the review wrong?").fill("This call was transferred to me after the greeting")
    form.get_by_role("button", name="Send the dispute").click()
    wait_idle(agent)
    expect(agent.get_by_text("Dispute sent. Your team lead will decide it.").first).to_be_visible()

    lead = _new_page(browser)
    sign_in(lead, url, "lead")
    open_page(lead, "QA reviews", "QA reviews")
    expect(lead.get_by_role("tab", name="Disputes to decide (1)")).to_be_visible()
    expect(lead.get_by_text("Reason: This call was transferred to me after the greeting")).to_be_visible()
    form = lead.locator("[data-testid='stForm']").filter(has_text="Record the decision")
    form.get_by_text("Accept: correct the score").click()
    score = form.get_by_label("Corrected score (0-100)", exact=True)
    score.fill("92")
    score.press("Tab")
    form.get_by_label("Comment for the agent (required when rejecting)").fill(
        "Greeting was before the transfer"
    )
    form.get_by_role("button", name="Record the decision").click()
    wait_idle(lead)
    expect(lead.get_by_text("Dispute no. 1 decided: Accept: correct the score → 92.0.").first).to_be_visible()
    expect(lead.get_by_role("tab", name="Disputes to decide (0)")).to_be_visible()
    # and signs off the agent's last month with a coaching note
    lead.get_by_role("tab", name="Sign-off and coaching").click()
    form = lead.locator("[data-testid='stForm']").filter(has_text="Sign off")
    choose_option(lead, form.get_by_label("Agent", exact=True), "A001")
    form.get_by_label("Coaching note (the agent reads it)").fill("先确认客户诉求，再给出方案。")
    form.get_by_role("button", name="Sign off").click()
    wait_idle(lead)
    expect(lead.get_by_text("Signed off: A001 Agent One (T1).").first).to_be_visible()

    agent.reload()
    wait_idle(agent)
    expect(agent.get_by_role("heading", name="My disputes")).to_be_visible()
    expect(agent.get_by_text("先确认客户诉求，再给出方案。")).to_be_visible()  # the coaching note
    # the tables' cells (the grid draws on a canvas; its cells stay in the DOM for assistive technology)
    expect(agent.get_by_text("Accepted · score corrected", exact=True)).to_be_attached()  # the review
    expect(agent.get_by_text("score corrected → 92.0", exact=True)).to_be_attached()  # the dispute
    agent.context.close()
    lead.context.close()
    stop()
    con = db.connect(path)
    try:
        assert con.execute(
            "select d.status, d.resolution, d.corrected_score, d.decided_by, s.effective_score "
            "from qa_disputes as d join qa_review_scores() as s using (qa_review_id)"
        ).fetchall() == [("accepted", "corrected", 92.0, "lead", 92.0)]
        actions = [
            r[0]
            for r in con.execute(
                "select action from audit_log where action like 'qa_%' order by audit_id"
            ).fetchall()
        ]
        assert actions == ["qa_dispute", "qa_dispute_decision", "qa_sign_off"]
    finally:
        con.close()
