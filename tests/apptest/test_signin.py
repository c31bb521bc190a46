"""Sign-in through the real form under AppTest; the cookie-key requirement outside demo mode."""

import pytest

from portal import db, users
from tests.apptest.conftest import make_app, texts


@pytest.fixture
def with_user(app_env):
    con = db.connect(app_env)
    if users.load_user(con, "formuser") is None:
        users.create_user(
            con,
            username="formuser",
            display_name="Form User",
            password="form-password",
            roles=["inspector"],
            scope_store_ids=[1],
        )
    con.close()


def _submit(at, username, password):
    at.text_input(key="signin_username").input(username)
    at.text_input(key="signin_password").input(password)
    at.button[0].click().run()
    return at


def test_the_form_signs_in_and_shows_the_roles_pages(app, with_user):
    at = _submit(app().run(), "formuser", "form-password")
    assert not at.exception
    assert "5S results" in texts(at)  # an inspector lands on the 5S results (navigation.landing_page)
    assert at.session_state["portal_user"].scope.store_ids == (1,)


def test_wrong_password_and_empty_fields(app, with_user):
    at = _submit(app().run(), "formuser", "nope-nope")
    assert [e.value for e in at.error] == ["Wrong username or password."]
    at = _submit(app().run(), "", "")
    assert [w.value for w in at.warning] == ["Enter your username and password."]
    # the form stays (it vanished with the warning, leaving nothing to type into until a reload: the soak's
    # reader whose click landed while a rerun had emptied the fields waited 4 x 120 s for a Username box)
    assert [ti.key for ti in at.text_input] == ["signin_username", "signin_password"]
    at = _submit(at, "formuser", "form-password")
    assert not at.exception and "5S results" in texts(at)


def test_no_cookie_key_outside_demo_mode_refuses_with_instructions(app_env, monkeypatch):
    monkeypatch.delenv("PORTAL_COOKIE_KEY")
    at = make_app()
    at.secrets["cookie_key"] = ""
    at.run()
    assert "cookie signing key" in texts(at)
    assert any("PORTAL_COOKIE_KEY" in c.value for c in at.code)
    assert at.get("text_input") == []  # no sign-in form without a key


def test_short_cookie_key_is_refused(app_env, monkeypatch):
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "too-short")
    at = make_app()
    at.run()
    assert "cookie signing key" in texts(at)


def test_a_database_without_an_admin_says_which_file_and_how_to_create_one(own_db):
    # reliability probe: a lost or misnamed database file became a new, empty one, and sign-in said only "Wrong
    # username or password." A database of its own: the shared one gets admins from other files' tests
    # (test_signin_faults' "diskuser"), which made this test depend on the order the files ran in.
    con = db.connect(own_db)
    assert con.execute("select count(*) from users where list_contains(roles, 'admin')").fetchone() == (0,)
    con.close()
    at = make_app().run()
    assert [i.value for i in at.info] == [
        f"This database has no admin yet ({own_db}). If it should hold your data, check the server's PORTAL_DB "
        "setting; otherwise create the first admin on the server: python -m portal create-admin --username NAME"
    ]
    con = db.connect(own_db)
    users.create_user(con, username="boss", display_name="Boss", password="boss-password-1", roles=["admin"])
    con.close()
    assert not make_app().run().info  # an admin exists: the form alone


def test_a_session_ended_by_a_deactivation_says_why_on_every_run_until_the_next_submit(app, app_env):
    """The run that ends a session deletes the cookie; its component reports back and reruns the page at once.
    In the browser that rerun drew the bare form: the manager's Verify click after an admin deactivated them
    wrote nothing, and the page no longer said why (neither "Your session has ended" nor the refused write)."""
    con = db.connect(app_env)
    if users.load_user(con, "endeduser") is None:
        users.create_user(
            con,
            username="endeduser",
            display_name="Ended User",
            password="ended-password",
            roles=["inspector"],
            scope_store_ids=[1],
        )
    users.update_user(con, "endeduser", changed_by="test", is_active=True)
    at = _submit(app().run(), "endeduser", "ended-password")
    assert "5S results" in texts(at)
    users.update_user(con, "endeduser", changed_by="test", is_active=False)
    con.close()
    at.session_state["portal_write_failed"] = ("app.write_user_changed", {})  # as ui.write_callback keeps it
    ended = "Your session has ended (signed out elsewhere, or your password, roles or access changed). Sign in again."
    refused = (
        "Nothing was written: your account changed after this page was shown (deactivated, or your roles or "
        "access changed)."
    )
    for _run in range(2):  # the run that ends the session, and the cookie component's rerun after it
        at.run()
        assert ended in [i.value for i in at.info]  # (beside "no admin yet" when the fixture has none)
        assert [e.value for e in at.error] == [refused]
        assert [ti.key for ti in at.text_input] == ["signin_username", "signin_password"]
    at = _submit(at, "endeduser", "ended-password")  # a submit says its own outcome instead
    assert ended not in [i.value for i in at.info]
    assert [e.value for e in at.error] == ["Wrong username or password."]


def test_the_portal_builds_the_dummy_hash_when_it_starts(app, monkeypatch):
    # the first unknown name's refusal no longer pays for building it (passwords.warm_dummy_hash)
    from portal import passwords

    monkeypatch.setattr(passwords, "_warming", [])
    passwords._dummy_hash.cache_clear()
    app().run()
    assert len(passwords._warming) == 1
    passwords._warming[0].join(timeout=30)
    assert passwords._dummy_hash.cache_info().currsize == 1
