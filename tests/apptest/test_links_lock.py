"""Page links after a sign-in (issue 14): drawn disabled until the browser reports the sign-in cookie stored, for
at most signin.LINKS_LOCK_S seconds, with a fragment whose timer reruns the page when the lock runs out."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import streamlit as st

from portal.ui import signin

TOKEN = ("t_manager", None, "sid-1")
NOW = 1000.0  # signin's clock, held still: a run's own time does not move the lock


@pytest.fixture
def cookie(monkeypatch):
    """The browser's report of the sign-in cookie (``reported["stored"]``), and the fragments drawn with their
    timers (name, run_every)."""
    reported = {"stored": False}
    fragments: list = []
    real = st.fragment

    def fragment(func=None, *, run_every=None, **kwargs):
        fragments.append((func.__name__, run_every))
        return real(func, run_every=run_every, **kwargs)

    monkeypatch.setattr(signin, "_set_cookie", lambda authenticator, user, session_id: reported["stored"])
    monkeypatch.setattr(st, "fragment", fragment)
    monkeypatch.setattr(signin, "time", SimpleNamespace(monotonic=lambda: NOW))
    return reported, fragments


def _signed_in_locked(make_app, locked_for: float):
    """The manager signed in ``locked_for`` seconds ago, the cookie not yet reported stored."""
    at = make_app("manager")
    at.session_state["portal_cookie_pending"] = TOKEN[2]
    at.session_state["portal_cookie_issued"] = (TOKEN, "token", "expires")
    at.session_state[signin._LINKS_LOCKED] = (TOKEN, NOW - locked_for)
    return at


@pytest.mark.parametrize("locked_for, timer", [(0.0, 15.0), (10.0, 5.0), (14.9, 0.5)])
def test_the_unlock_timer_is_the_time_left_of_the_lock(app, cookie, locked_for, timer):
    # a full run clears the fragment's timer and sets it again: it gets the lock's time left (at least 0.5 s),
    # so a run 10 s after the sign-in still unlocks at 15 s, not at 25 s
    _, fragments = cookie
    at = _signed_in_locked(app, locked_for).run()
    assert not at.exception, [e.value for e in at.exception]
    runs_every = [every for name, every in fragments if name == "_rerun_once_unlocked"]
    assert runs_every == [pytest.approx(timer)], fragments


def _links(at) -> list[tuple[str, bool]]:
    return [(link.proto.label, link.proto.disabled) for link in at.get("page_link")]


def _unlock_fragments(fragments) -> int:
    return sum(name == "_rerun_once_unlocked" for name, _ in fragments)


def test_links_are_disabled_until_the_cookie_is_reported(app, cookie):
    reported, fragments = cookie
    at = _signed_in_locked(app, 1.0).run()
    assert not at.exception, [e.value for e in at.exception]
    assert _links(at) and all(disabled for _, disabled in _links(at)), _links(at)
    assert _unlock_fragments(fragments) == 1  # the lock's own way out, should the report never come

    reported["stored"] = True  # the cookie component's report: its rerun draws the links enabled
    fragments.clear()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert _links(at) and not any(disabled for _, disabled in _links(at)), _links(at)
    assert _unlock_fragments(fragments) == 0
    assert signin._LINKS_LOCKED not in at.session_state and "portal_cookie_pending" not in at.session_state


def test_links_are_enabled_once_the_lock_has_run_out(app, cookie):
    _, fragments = cookie
    at = _signed_in_locked(app, signin.LINKS_LOCK_S).run()  # never reported: 15 s on, the links are enabled
    assert not at.exception, [e.value for e in at.exception]
    assert _links(at) and not any(disabled for _, disabled in _links(at)), _links(at)
    assert _unlock_fragments(fragments) == 0
