"""Corrective-action workflow through portal.writes: every step, the roles and the scope checked on the server,
a stale step refused, and one audit row per change.

Fixture (tests/fives_fixture.py): action 1 = I2's A1 at S001 (region R1), action 3 = I3's C2 at S002 (R1).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from portal import writes
from portal.auth import User
from portal.fives.actions import WorkflowError, steps_for
from portal.i18n import t
from portal.scope import Scope
from tests import fives_fixture, fixtures

ADMIN = User("admin1", "Admin", ("admin",), Scope.everything())
MANAGER = User("m_north", "North manager", ("manager",), Scope(store_ids=(1, 2)))
INSPECTOR_A = User("i_one", "Inspector S001", ("inspector",), Scope(store_ids=(1,)))
INSPECTOR_C = User("i_three", "Inspector S003", ("inspector",), Scope(store_ids=(3,)))


@pytest.fixture
def con(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "workflow.duckdb")
    fives_fixture.load(con)
    yield con
    con.close()


def action(con, action_id: int) -> dict:
    cur = con.execute("select * from corrective_actions where action_id = ?", [action_id])
    return dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))


def audit_steps(con, action_id: int) -> list[tuple]:
    rows = con.execute(
        "select username, details from audit_log where target = ? order by audit_id",
        [f"corrective_action:{action_id}"],
    ).fetchall()
    return [(u, json.loads(d)["step"], json.loads(d)["to"]) for u, d in rows]


def test_full_loop_open_to_verified_with_a_send_back(con):
    assert writes.start_fives_action(con, INSPECTOR_A, 1) == "in_progress"
    assert writes.submit_fives_action(con, INSPECTOR_A, 1, "  Stockroom cleared  ") == "submitted"
    row = action(con, 1)
    assert (row["done_text"], row["submitted_by"], row["closed_at"] is not None) == (
        "Stockroom cleared",
        "i_one",
        True,
    )
    assert writes.send_back_fives_action(con, MANAGER, 1, "Boxes still in the aisle") == "in_progress"
    row = action(con, 1)
    assert (row["status"], row["sent_back_reason"], row["sent_back_count"], row["closed_at"]) == (
        "in_progress",
        "Boxes still in the aisle",
        1,
        None,
    )
    assert (
        writes.submit_fives_action(con, INSPECTOR_A, 1, "Aisle cleared too", "photos/a1.jpg") == "submitted"
    )
    assert writes.verify_fives_action(con, MANAGER, 1) == "verified"
    row = action(con, 1)
    assert (row["status"], row["verified_by"], row["after_photo_path"]) == (
        "verified",
        "m_north",
        "photos/a1.jpg",
    )
    assert row["verified_at"] is not None
    assert audit_steps(con, 1) == [
        ("i_one", "start", "in_progress"),
        ("i_one", "submit", "submitted"),
        ("m_north", "send_back", "in_progress"),
        ("i_one", "submit", "submitted"),
        ("m_north", "verify", "verified"),
    ]


def test_an_inspector_cannot_verify_or_send_back(con):
    writes.submit_fives_action(con, INSPECTOR_A, 1, "done")
    for step in (writes.verify_fives_action, lambda c, u, a: writes.send_back_fives_action(c, u, a, "no")):
        with pytest.raises(WorkflowError) as err:
            step(con, INSPECTOR_A, 1)
        assert err.value.key == "fives.error.role"
    assert action(con, 1)["status"] == "submitted"
    assert steps_for(INSPECTOR_A, "submitted") == []
    assert steps_for(MANAGER, "submitted") == ["verify", "send_back"]


def test_an_inspector_of_another_store_cannot_touch_the_action(con):
    for step in (
        lambda: writes.start_fives_action(con, INSPECTOR_C, 1),
        lambda: writes.submit_fives_action(con, INSPECTOR_C, 1, "done elsewhere"),
    ):
        with pytest.raises(WorkflowError) as err:
            step()
        assert err.value.key == "fives.error.scope"
    assert action(con, 1)["status"] == "open"
    assert audit_steps(con, 1) == []


def test_the_one_who_submitted_never_verifies_or_sends_back(con):
    """Probe h4: a manager submitted "what was done" and then verified it herself (history "Submitted ... by Mary
    Manager", "Verified ... by Mary Manager"): the Check of the PDCA loop skipped by one person. A manager no
    longer submits (SPEC §1: submitting is the store staff's, verifying the manager's); whoever submitted (an
    admin, a user who is manager and inspector at once) may not verify or send back; someone else may."""
    with pytest.raises(WorkflowError) as err:
        writes.submit_fives_action(con, MANAGER, 1, "done")
    assert err.value.key == "fives.error.role"
    assert steps_for(MANAGER, "open") == ["start"]
    both = User("m_both", "Manager and inspector", ("manager", "inspector"), Scope(store_ids=(1, 2)))
    for submitter, action_id in ((ADMIN, 1), (both, 2)):
        writes.submit_fives_action(con, submitter, action_id, "done")
        assert steps_for(submitter, "submitted", submitter.username) == []
        for step in (
            lambda u=submitter, a=action_id: writes.verify_fives_action(con, u, a),
            lambda u=submitter, a=action_id: writes.send_back_fives_action(con, u, a, "redo"),
        ):
            with pytest.raises(WorkflowError) as err:
                step()
            assert err.value.key == "fives.error.own_submission"
        assert action(con, action_id)["status"] == "submitted"
    assert t("fives.error.own_submission", "en") == (
        "You submitted this work yourself: another manager or an admin verifies it or sends it back."
    )
    assert t("fives.error.own_submission", "zh") == "此项整改由您本人提交：须由其他经理或管理员验证或退回。"
    assert steps_for(MANAGER, "submitted", ADMIN.username) == ["verify", "send_back"]
    assert writes.verify_fives_action(con, MANAGER, 1) == "verified"
    assert writes.send_back_fives_action(con, ADMIN, 2, "redo") == "in_progress"
    assert audit_steps(con, 1) == [("admin1", "submit", "submitted"), ("m_north", "verify", "verified")]
    assert audit_steps(con, 2) == [("m_both", "submit", "submitted"), ("admin1", "send_back", "in_progress")]


def test_a_manager_outside_the_region_cannot_verify(con):
    writes.submit_fives_action(con, INSPECTOR_A, 1, "done")
    south = User("m_south", "South", ("manager",), Scope(store_ids=(3,)))
    with pytest.raises(WorkflowError) as err:
        writes.verify_fives_action(con, south, 1)
    assert err.value.key == "fives.error.scope"
    assert writes.verify_fives_action(con, ADMIN, 1) == "verified"


def test_steps_out_of_order_and_empty_texts_are_refused(con):
    with pytest.raises(WorkflowError) as err:
        writes.verify_fives_action(con, MANAGER, 1)  # still open
    assert err.value.key == "fives.error.status"
    with pytest.raises(WorkflowError) as err:
        writes.submit_fives_action(con, INSPECTOR_A, 1, "   ")
    assert err.value.key == "fives.error.text_submit"
    writes.submit_fives_action(con, INSPECTOR_A, 1, "done")
    with pytest.raises(WorkflowError) as err:
        writes.send_back_fives_action(con, MANAGER, 1, "")
    assert err.value.key == "fives.error.text_send_back"
    with pytest.raises(WorkflowError) as err:
        writes.start_fives_action(con, INSPECTOR_A, 1)  # submitted: nothing to start
    assert err.value.key == "fives.error.status"
    with pytest.raises(WorkflowError) as err:
        writes.start_fives_action(con, ADMIN, 999)
    assert err.value.key == "fives.error.no_action"


def _loop_and_list(con, today):
    from datetime import date

    from portal.filters import Filters
    from portal.fives import figures

    run = figures.runner(con, Scope.everything())
    january, cfg = Filters(date(2026, 1, 1), date(2026, 1, 31)), figures.FivesSettings()
    loop = figures.action_loop(run, january, cfg, today).set_index("store_code")
    columns = [
        "opened_n",
        "closed_in_time_n",
        "closed_late_n",
        "open_n",
        "awaiting_verification_n",
        "overdue_n",
    ]
    listed = figures.actions(run, january, cfg, today=today).set_index("action_id")
    head = figures.headline(run, january, cfg, today)
    store_actions = run("overview_store_actions", {"today": today}).set_index("store_code")
    return (
        loop.loc["S001", columns].tolist(),
        listed.loc[1, ["is_overdue", "days_overdue", "is_closed_in_time"]].tolist(),
        (head.open_actions.value, head.overdue_actions.value),
        store_actions.loc["S001", ["open_count", "overdue_count"]].tolist(),
    )


def test_an_action_is_closed_when_verified_and_overdue_until_then(con):
    """Probe h4: submitting set closed_at, and the loop counted a submitted, unverified action as closed (late)
    and open at once; past its due date it dropped out of every overdue count, so a manager who never verified
    kept overdue down. Now closed = verified (the PDCA loop closes at Check), each action is closed or open, and
    overdue counts what is not verified by its due date. S001's actions 1 and 2 (January) are due 2026-02-03, its
    4 and 5 (February) 02-17; S002's 3 is due 01-24 (the headline counts every store, the loop S001)."""
    from datetime import date

    from portal.filters import Filters
    from portal.fives import display, figures

    feb10 = date(2026, 2, 10)  # a week past due
    writes.submit_fives_action(con, INSPECTOR_A, 1, "done")
    # opened 2 in January, closed 0, open 4 (1 of them awaiting verification), overdue 2: 1 (submitted) and 2
    assert _loop_and_list(con, feb10) == ([2, 0, 0, 4, 1, 2], [True, 7, False], (5, 3), [4, 2])
    # the list says what is late: action 1's work awaits verification since its submission day (in the
    # reporting zone, Asia/Shanghai: 2026-02-02 20:00 UTC is 02-03), action 2 is 7 days overdue (a browser probe
    # read "⚠ 646 d" for work submitted before its due date)
    con.execute(
        "update corrective_actions set submitted_at = timestamp '2026-02-02 20:00' where action_id = 1"
    )
    run = figures.runner(con, Scope.everything())
    listed = figures.actions(
        run,
        Filters(date(2026, 1, 1), date(2026, 1, 31), timezone="Asia/Shanghai"),
        figures.FivesSettings(),
        today=feb10,
    )
    table = display.actions_table(listed.sort_values("action_id"), "en").set_index("#")
    assert table.loc[[1, 2], "Overdue"].tolist() == ["awaiting verification since 2026-02-03", "⚠ 7 d"]
    zh = display.actions_table(listed.sort_values("action_id"), "zh").set_index("#")
    assert zh.loc[1, "逾期"] == "自 2026-02-03 起待验证"
    writes.verify_fives_action(con, MANAGER, 1)  # verified now: after its due date -> closed late
    loop, listed, head, store = _loop_and_list(con, feb10)
    assert (loop, listed[0], pd.isna(listed[1]), listed[2], head, store) == (
        [2, 0, 1, 3, 0, 1],
        False,
        True,
        False,
        (4, 2),
        [3, 1],
    )
    # verified on the due day of the reporting zone (Asia/Shanghai by default: 02-03 23:00) -> closed in time
    con.execute(
        "update corrective_actions set verified_at = timestamp '2026-02-03 15:00' where action_id = 1"
    )
    assert _loop_and_list(con, feb10)[0] == [2, 1, 0, 3, 0, 1]
    assert bool(_loop_and_list(con, feb10)[1][2]) is True
    # sent back: no longer awaiting verification, still open and overdue
    writes.submit_fives_action(con, INSPECTOR_A, 2, "done")
    assert _loop_and_list(con, feb10)[0] == [2, 1, 0, 3, 1, 1]
    writes.send_back_fives_action(con, MANAGER, 2, "not clean")
    assert _loop_and_list(con, feb10)[0] == [2, 1, 0, 3, 0, 1]


def test_submit_with_an_after_photo_from_the_intake_photo_store(con, tmp_path, monkeypatch):
    import io

    from PIL import Image

    from portal.fives_intake import photos

    monkeypatch.setenv("PORTAL_PHOTO_DIR", str(tmp_path / "photos"))
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="PNG")
    name = photos.store_photo(buffer.getvalue())  # what the workflow panel does with the uploaded file
    writes.submit_fives_action(con, INSPECTOR_A, 1, "Cleaned", name)
    assert action(con, 1)["after_photo_path"] == name
    assert photos.photo_file(name).exists()


def test_the_history_keeps_each_submission_and_send_back_with_its_text(con):
    # 5S probe: after a send-back and a resubmission, the panel showed only the second text (the first, the one
    # the manager sent back, was gone) and never the start
    from portal import db
    from portal.fives import display

    writes.start_fives_action(con, INSPECTOR_A, 1)
    writes.submit_fives_action(con, INSPECTOR_A, 1, "Personal cup removed")
    writes.send_back_fives_action(con, MANAGER, 1, "Drawer still full")
    writes.submit_fives_action(con, INSPECTOR_A, 1, "Cup and drawer cleared")
    steps = db.run_query(con, "fives_action_steps", {"action_id": 1}, MANAGER.scope)
    assert steps[["step", "text"]].fillna("").values.tolist() == [
        ["start", ""],
        ["submit", "Personal cup removed"],
        ["send_back", "Drawer still full"],
        ["submit", "Cup and drawer cleared"],
    ]
    row = pd.Series(action(con, 1))
    lines = display.action_history(row, "en", "UTC", steps)
    assert len(lines) == 5 and lines[1].startswith("Started ")
    assert [line.rsplit(": ", 1)[-1] for line in lines[2:]] == [
        "Personal cup removed",
        "Drawer still full",
        "Cup and drawer cleared",
    ]
    # another store's reader gets no step
    assert db.run_query(con, "fives_action_steps", {"action_id": 1}, INSPECTOR_C.scope).empty
