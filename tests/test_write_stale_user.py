"""A write acts for the user as stored when it runs, not as when the page was drawn (portal.writes.acting_user).

A button's callback runs before app.py signs the user in again, with the user of the run that drew it: a manager
shown Verify, then deactivated (or moved to another region) by an admin, still verified the action when they
clicked (audit row by the manager). Each write kind that acts for a signed-in user is refused for the user of
before the change (``writes.UserChanged``), and nothing is written.

Fixture: tests/fixtures.py (R1 North: S001, S002; R2 South: S003), tests/fives_fixture.py (action 1 at S001,
action 3 at S002), tests/qa_fixture.py (QA-2 and QA-3 of agent A001, team 1). The users are database accounts
(``users.create_user``), read as the page read them (``users.load_user``) before the admin's change.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from portal import users, writes
from portal.ingest import batches, pipeline, registry
from portal.ui import core as ui_core
from tests import fives_fixture, fixtures
from tests import qa_fixture as fx

PASSWORD = "a long enough pass phrase 7"
TODAY = date(2026, 11, 30)


@pytest.fixture
def con(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "stale.duckdb")
    fives_fixture.load(con)
    fx.load_qa_reviews(con)
    for name, roles, scope in (
        ("north", ["manager"], {"scope_region_id": 1}),
        ("lead", ["team_lead"], {"scope_team_id": 1}),
        ("agent", ["agent"], {"agent_id": 1}),
        ("inspector", ["inspector"], {"scope_store_ids": [1]}),
    ):
        users.create_user(con, username=name, display_name=name, password=PASSWORD, roles=roles, **scope)
    yield con
    con.close()


def drawn(con, username: str):
    """The user as the page's run read them (and as its button's callback still carries them)."""
    user = users.load_user(con, username)
    assert user is not None and user.user_id is not None
    return user


def audit_count(con) -> int:
    return con.execute("select count(*) from audit_log where action <> 'user_change'").fetchone()[0]


CHANGES = {"deactivated": {"is_active": False}, "moved": {"scope_region_id": 2}}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_manager_changed_after_the_page_was_drawn_cannot_verify(con, change):
    inspector = drawn(con, "inspector")
    writes.start_fives_action(con, inspector, 1)
    writes.submit_fives_action(con, inspector, 1, "Stockroom cleared")
    manager = drawn(con, "north")  # Verify drawn for them
    users.update_user(con, "north", changed_by="admin", **CHANGES[change])
    before = audit_count(con)
    with pytest.raises(writes.UserChanged):
        writes.verify_fives_action(con, manager, 1)
    assert con.execute(
        "select status, verified_by, verified_at from corrective_actions where action_id = 1"
    ).fetchone() == ("submitted", None, None)
    assert audit_count(con) == before


def test_the_user_as_stored_now_still_verifies(con):
    inspector = drawn(con, "inspector")
    writes.start_fives_action(con, inspector, 1)
    writes.submit_fives_action(con, inspector, 1, "Stockroom cleared")
    assert writes.verify_fives_action(con, drawn(con, "north"), 1) == "verified"


def test_an_inspector_deactivated_after_the_page_was_drawn_cannot_start_an_action(con):
    inspector = drawn(con, "inspector")
    users.update_user(con, "inspector", changed_by="admin", is_active=False)
    with pytest.raises(writes.UserChanged):
        writes.start_fives_action(con, inspector, 1)
    assert con.execute("select status from corrective_actions where action_id = 1").fetchone() == ("open",)


def test_an_undo_by_a_manager_deactivated_after_the_page_was_drawn_is_refused(con):
    manager = drawn(con, "north")
    text = "response_id,store_code,responded_on,overall_satisfaction\nR-1,S001,2026-05-04,4\n"
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1))
    kind = registry.kind("surveys")
    _, result = pipeline.import_bytes(con, kind, text.encode(), "s.csv", None, options, manager)
    users.update_user(con, "north", changed_by="admin", is_active=False)
    with pytest.raises(writes.UserChanged):
        batches.undo_batch(con, result.batch_id, manager)
    assert con.execute(
        "select status, undone_by from import_batches where batch_id = ?", [result.batch_id]
    ).fetchone() == ("committed", None)
    assert con.execute("select count(*) from survey_responses").fetchone() == (1,)


def test_a_dispute_by_an_agent_deactivated_since_is_refused(con):
    agent = drawn(con, "agent")
    users.update_user(con, "agent", changed_by="admin", is_active=False)
    with pytest.raises(writes.UserChanged):
        writes.raise_qa_dispute(con, agent, 2, "The call was transferred to me late")
    assert con.execute("select count(*) from qa_disputes").fetchone() == (0,)


def test_a_decision_and_a_sign_off_by_a_lead_whose_team_changed_since_are_refused(con):
    dispute = writes.raise_qa_dispute(con, drawn(con, "agent"), 2, "The call was transferred to me late")
    lead = drawn(con, "lead")  # the dispute and the sign-off form drawn for them
    users.update_user(con, "lead", changed_by="admin", scope_team_id=2)
    with pytest.raises(writes.UserChanged):
        writes.decide_qa_dispute(con, lead, dispute, "remove")
    with pytest.raises(writes.UserChanged):
        writes.sign_off_period(con, lead, 1, "month", date(2026, 10, 1), "Coaching: the refund rule", TODAY)
    assert con.execute("select status from qa_disputes").fetchone() == ("open",)
    assert con.execute("select count(*) from scorecard_sign_offs").fetchone() == (0,)


def test_the_refusal_is_said_in_both_languages():
    from portal.i18n import t

    assert t(writes.UserChanged.key, "en") == (
        "Nothing was written: your account changed after this page was shown (deactivated, or your roles or "
        "access changed)."
    )
    assert (
        t(writes.UserChanged.key, "zh")
        == "未写入任何内容：此页面显示后，您的账户已更改(已停用，或角色、访问范围已更改)。"
    )


def test_a_callback_keeps_the_refusal_for_the_next_run(monkeypatch):
    """``ui.write_callback``: the refused write of a button's callback is kept (not a traceback) for the run
    that follows, which says it (``ui.said_write_failed``)."""
    state: dict = {}
    monkeypatch.setattr(ui_core.st, "session_state", state)

    def click():
        raise writes.UserChanged("user north is no longer stored as signed in")

    assert ui_core.write_callback(click)() is None
    assert state == {"portal_write_failed": ("app.write_user_changed", {})}


def _acknowledge(con, user, scope_key):
    return writes.acknowledge_alert(
        con, user=user, scope_key=scope_key, condition_key="complaints:below_target:sla_attainment:*",
        fingerprint="2026-11-16", action="acknowledge", note="seen, calling the store", now=datetime(2026, 11, 30),
    )  # fmt: skip


def acks(con):
    return con.execute("select scope_key, username from overview_alert_acks order by ack_id").fetchall()


def test_an_alert_acknowledgement_acts_for_the_user_as_stored_now(con):
    from portal.overview import records

    lead = drawn(con, "lead")  # the overview is a team lead's landing too (SPEC §3): their own scope's alerts
    own = records.scope_key(lead.scope)
    _acknowledge(con, lead, own)
    assert acks(con) == [(own, "lead")]
    with pytest.raises(PermissionError):  # another scope's alerts (the chain's)
        _acknowledge(con, lead, "stores=*|agents=*")
    inspector = drawn(con, "inspector")  # no overview
    with pytest.raises(PermissionError):
        _acknowledge(con, inspector, records.scope_key(inspector.scope))
    users.update_user(con, "lead", changed_by="admin", is_active=False)
    before = audit_count(con)
    with pytest.raises(writes.UserChanged):
        _acknowledge(con, lead, own)
    assert acks(con) == [(own, "lead")] and audit_count(con) == before
