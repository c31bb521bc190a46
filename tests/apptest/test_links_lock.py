"""Page links after a sign-in (issue 14): drawn disabled until the browser reports the sign-in cookie stored, for
at most signin.LINKS_LOCK_S seconds, with a fragment whose timer reruns the page when the lock runs out."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import streamlit as st

from portal.i18n import t
from portal.ui import signin

TOKEN = ("t_manager", None, "sid-1")
LANGS = ("en", "zh")
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


def _signed_in_locked(make_app, locked_for: float, lang: str = "en"):
    """The manager signed in ``locked_for`` seconds ago, the cookie not yet reported stored."""
    at = make_app("manager", lang)
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


def _note(at) -> tuple[list[str], list[str]]:
    """(captions in the sidebar's lock note, the style rules that hide it)."""
    note = [
        c.value
        for c in at.sidebar.caption
        if c.value in {t("auth.finishing_sign_in", lang) for lang in LANGS}
    ]
    styles = [h.proto.body for h in at.get("html") if "portal_links_lock_note" in h.proto.body]
    return note, styles


@pytest.mark.parametrize("lang", LANGS)
def test_a_lock_says_so_in_the_sidebar_only_once_it_has_lasted_two_seconds(app, cookie, lang):
    # drawn hidden for the 2 s left (nothing new for a report that comes back sooner), its room kept
    at = _signed_in_locked(app, 0.0, lang).run()
    assert not at.exception, [e.value for e in at.exception]
    note, styles = _note(at)
    assert note == [t("auth.finishing_sign_in", lang)] and len(styles) == 1, (note, styles)
    assert "2.000s backwards" in styles[0] and "visibility: hidden" in styles[0]
    assert ".st-key-portal_links_lock_note *" in styles[0]  # the caption sets visibility: visible of its own
    # a run 1.5 s into the lock hides it for the 0.5 s left; 3 s in, it shows at once
    at.session_state[signin._LINKS_LOCKED] = (TOKEN, NOW - 1.5)
    at.run()
    note, styles = _note(at)
    assert (
        note == [t("auth.finishing_sign_in", lang)] and len(styles) == 1 and "0.500s backwards" in styles[0]
    )
    at.session_state[signin._LINKS_LOCKED] = (TOKEN, NOW - 3.0)
    at.run()
    assert _note(at) == ([t("auth.finishing_sign_in", lang)], [])
    cookie[0]["stored"] = (
        True  # reported: the links are enabled and the note hidden, its room kept on this page
    )
    at.run()  # (the sidebar's filters moved up one caption line when it went, 38 px in Chromium)
    note, styles = _note(at)
    assert note == [t("auth.finishing_sign_in", lang)] and len(styles) == 1, (note, styles)
    assert "visibility: hidden" in styles[0] and "animation" not in styles[0]
    at.run()  # a filter's change: still kept
    assert _note(at)[0] == [t("auth.finishing_sign_in", lang)]
    at.session_state[signin._LOCK_ROOM] = "another_page"  # another page opened: no room, nothing hidden
    at.run()
    assert _note(at) == ([], [])
    assert signin._LOCK_ROOM not in at.session_state
