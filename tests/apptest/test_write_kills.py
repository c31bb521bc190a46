"""A server killed between the writes of one form's save (issue 15 item 6, for the Users form; the import commit's
kill is tests/test_faults.py and tests/browser/test_kill_server_browser.py): what one Save writes is stored whole
or not at all.

The death is simulated at the write path's one door, ``db.in_transaction``: once armed (at the click), the process
"dies" (``Killed``, a BaseException nothing in the portal catches) right after the first write transaction of the
save committed, before anything after it runs; DuckDB keeps what was committed, as after a kill -9.
"""

from __future__ import annotations

import pytest

from portal import db, passwords, users
from portal.ingest import pipeline, registry
from tests.apptest.conftest import ROLE_USERS, make_app


class Killed(BaseException):
    """The process ends here."""


@pytest.fixture
def kill_after_first_write(monkeypatch):
    """``arm()``: from now on, the first write transaction to commit is the last thing the process does (the
    returned dict counts the deaths)."""
    original = db.in_transaction
    armed = {"on": False, "killed": 0}

    def in_transaction(con, work, *args, **kwargs):
        result = original(con, work, *args, **kwargs)
        if armed["on"]:
            armed.update(on=False, killed=armed["killed"] + 1)
            raise Killed
        return result

    monkeypatch.setattr(db, "in_transaction", in_transaction)

    def arm() -> dict:
        armed["on"] = True
        return armed

    return arm


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # the death
def test_a_kill_during_a_user_save_with_a_password_reset_keeps_all_of_it_or_none(
    own_db, monkeypatch, kill_after_first_write
):
    """Before: the Users form stored the changes (one transaction), then hashed and stored the new password (a
    second): killed in between, the account had its new name and roles with the old password, and the audit log
    a change without the reset the admin asked for."""
    monkeypatch.setenv("PORTAL_BCRYPT_ROUNDS", "4")
    con = db.connect(own_db)
    users.create_user(
        con,
        username="ella",
        display_name="Ella",
        password="old-pass-phrase",
        roles=["inspector"],
        scope_store_ids=[1],
    )
    con.close()
    at = make_app("admin").run()
    at.switch_page("pages/users.py").run()
    at.selectbox(key="users_edit_pick").set_value("ella").run()
    at.text_input(key="users_edit_ella_display").input("Ella Renamed")
    at.text_input(key="users_edit_ella_password").input("new-pass-phrase")
    killer = kill_after_first_write()
    at.button(
        key="FormSubmitter:users_edit_form-Save changes"
    ).click().run()  # AppTest keeps the script's end
    assert killer["killed"] == 1

    con = db.connect(own_db)  # the server starts again over the same file
    try:
        name, password_hash = con.execute(
            "select display_name, password_hash from users where username = 'ella'"
        ).fetchone()
        actions = [
            r[0]
            for r in con.execute(
                "select action from audit_log where target = 'user:ella' "
                "and details::varchar not like '%created%' order by 1"
            ).fetchall()
        ]
    finally:
        con.close()
    renamed, reset = name == "Ella Renamed", passwords.verify_password("new-pass-phrase", password_hash)
    # the kill follows the first commit after the click, the save's own: one transaction keeps all of it (two
    # left the account renamed with its old password)
    assert (renamed, reset) == (True, True), (name, reset)
    assert actions == ["password_change", "user_change"]


def _new_store_batch(path) -> int:
    """A complaints batch that adds store S999 (unknown code, "add them to the master data"), committed by the
    admin in-process."""
    data = b"source_id,received_at,channel,store_code\nUNDO-1,2026-03-01 09:30,hotline,S999\n"
    con = db.connect(path)
    try:
        _, result = pipeline.import_bytes(
            con,
            registry.kind("complaints"),
            data,
            "undo.csv",
            None,
            pipeline.ImportOptions(add_missing=True),
            ROLE_USERS["admin"],
        )
        return result.batch_id
    finally:
        con.close()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # the death
def test_a_kill_right_after_an_undo_through_the_page_leaves_no_master_data_of_the_undone_batch(
    own_db, kill_after_first_write
):
    """The undo is one transaction (rows put back, batch marked undone, audited); the stores and agents the batch
    added are removed right after it commits (writes.sweep_master_data: DuckDB cannot delete a referenced master row
    in the transaction that deleted its referrers). Before, a server killed between the two kept the undone batch's
    store S999 (in the filters and on the Settings page) until some later import's commit swept it; now the portal
    sweeps when it opens the database too."""
    batch_id = _new_store_batch(own_db)
    at = make_app("admin").run()
    at.switch_page("pages/import_history.py").run()
    assert at.selectbox(key="import_history_pick").value == batch_id
    at.checkbox(key=f"import_history_confirm_{batch_id}").check().run()
    killer = kill_after_first_write()
    next(b for b in at.button if b.label == f"Undo batch {batch_id}").click().run()
    assert killer["killed"] == 1

    con = db.connect(own_db)  # the server starts again over the same file
    try:
        status = con.execute("select status from import_batches where batch_id = ?", [batch_id]).fetchone()[0]
        complaints = con.execute("select count(*) from complaints where source_id = 'UNDO-1'").fetchone()[0]
        stores = con.execute("select count(*) from stores where store_code = 'S999'").fetchone()[0]
        undo_audits = con.execute(
            "select count(*) from audit_log where action = 'undo' and target = ?", [f"batch:{batch_id}"]
        ).fetchone()[0]
    finally:
        con.close()
    assert (status, complaints, undo_audits) == ("undone", 0, 1)  # the undo's transaction: all of it
    assert stores == 0  # and nothing it left to do afterwards
