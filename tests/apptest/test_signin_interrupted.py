"""A sign-in whose run is cut short right after the password check (issue 15, "many at once": submits that
came back to an empty form with no message). Streamlit stops a running script at its next element when
another rerun arrives (a widget, or a component reporting back); the password check itself draws nothing,
so the cut falls just after it. The outcome must already be in the session then: the
next run shows the user signed in (and stores the cookie), or the refusal's message."""

from __future__ import annotations

import pytest
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner_utils.exceptions import StopException
from streamlit.runtime.state.safe_session_state import SafeSessionState

from portal import db, users
from portal.ui import signin
from tests.apptest.conftest import texts


@pytest.fixture
def with_user(app_env):
    con = db.connect(app_env)
    if users.load_user(con, "cutuser") is None:
        users.create_user(
            con, username="cutuser", display_name="Cut User", password="cut-password", roles=["inspector"],
            scope_store_ids=[1],
        )  # fmt: skip
    con.close()


@pytest.fixture
def cut_after_the_check(monkeypatch):
    """The first element drawn, or session-state access, after ``users.attempt_sign_in`` returns stops the run
    (as a rerun would)."""
    armed = {"on": False}
    check = users.attempt_sign_in

    def attempt(*args, **kwargs):
        result = check(*args, **kwargs)
        armed["on"] = True
        return result

    def stop_once(method):
        def wrapped(self, *args, **kwargs):
            if armed["on"]:
                armed["on"] = False
                raise StopException()
            return method(self, *args, **kwargs)

        return wrapped

    monkeypatch.setattr(users, "attempt_sign_in", attempt)
    for name in ("empty", "error", "warning", "_enqueue"):
        monkeypatch.setattr(DeltaGenerator, name, stop_once(getattr(DeltaGenerator, name)))
    # a stopped run also stops at its next read or write of st.session_state (SafeSessionState's yield)
    for name in ("__getitem__", "__setitem__", "__delitem__", "__contains__"):
        monkeypatch.setattr(SafeSessionState, name, stop_once(getattr(SafeSessionState, name)))
    return armed


def _submit(at, username, password):
    at.text_input(key="signin_username").input(username)
    at.text_input(key="signin_password").input(password)
    at.button[0].click().run()
    return at


def test_a_sign_in_cut_short_after_the_check_is_signed_in_on_the_next_run(
    app, with_user, cut_after_the_check
):
    at = _submit(app().run(), "cutuser", "cut-password")
    at.run()  # the rerun that cut it (no click in it)
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["portal_user"].username == "cutuser"
    assert "5S results" in texts(at)


def test_a_refusal_cut_short_is_said_on_the_next_run(app, with_user, cut_after_the_check):
    at = _submit(app().run(), "cutuser", "wrong-password")
    at.run()
    assert [e.value for e in at.error] == ["Wrong username or password."]


def test_a_run_that_starts_during_the_check_waits_for_its_outcome(app, app_env, with_user):
    """Streamlit starts the next run beside a submit's run when a rerun arrives (``runner.fastReruns``), and the
    next run carries no click. Here that run starts while the password check (the submit's callback) is still
    running in another thread: it must wait for the outcome and show the user signed in, not the form."""
    import threading
    import time

    con = db.connect(app_env)
    user = users.load_user(con, "cutuser")
    con.close()
    at = app().run()
    attempt = signin._Attempt()
    at.session_state["portal_signin_pending"] = attempt

    def check_finishes_later():
        time.sleep(0.5)
        attempt.outcome = ("ok", user, "session-of-the-cut-run")
        attempt.done.set()

    threading.Thread(target=check_finishes_later).start()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["portal_user"].username == "cutuser"
    assert "5S results" in texts(at)
    assert at.get("text_input") == []  # no sign-in form
