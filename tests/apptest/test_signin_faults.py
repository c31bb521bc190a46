"""Sign-in when the database cannot be written (issue 15 item 6): the form says why, no traceback."""

import duckdb
import pytest

from portal import db, users, writes
from tests.apptest.conftest import make_app


@pytest.fixture
def with_user(app_env):
    con = db.connect(app_env)
    if users.load_user(con, "diskuser") is None:
        users.create_user(
            con, username="diskuser", display_name="Disk", password="disk-password", roles=["admin"]
        )
    con.close()


def test_a_full_disk_at_sign_in_is_explained(app_env, with_user, monkeypatch):
    def full(*args, **kwargs):
        raise duckdb.IOException('Could not write file "portal.duckdb": No space left on device')

    monkeypatch.setattr(writes, "record_sign_in", full)
    at = make_app().run()
    at.text_input(key="signin_username").input("diskuser")
    at.text_input(key="signin_password").input("disk-password")
    at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Sign-in is not possible right now: every sign-in is recorded in the audit log and the database cannot "
        "be written (the disk may be full, or the database's folder read-only). Ask the administrator to check "
        "the server's disk and the database folder's permissions."
    ]
    assert "portal_user" not in at.session_state
