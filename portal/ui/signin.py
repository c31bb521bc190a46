"""Sign-in: the form, cookie re-login, sign-out, sessions that end.

The password check is the portal's own (``users.attempt_sign_in``: bcrypt outside any transaction, then one
short write for the counter and the audit row). The cookie is the portal's own token (``portal.sessions``:
HS256, the user's session version inside, checked on every run); streamlit-authenticator only stores and
deletes it and runs the sign-out button; it gets the signed-in user alone as its credentials, so no run loads
anyone's password hash. A live session whose version changed in the database (signed out elsewhere, password,
roles, scope or active flag changed, locked) ends at its next run.
"""

from __future__ import annotations

import functools
import hashlib
import os
import secrets
import threading
import time
from datetime import datetime, timedelta

import duckdb
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from portal import config, db, sessions, users
from portal.auth import User
from portal.ui.core import connection, is_demo, setting, t, take_write_failed, writing

COOKIE_NAME = "service_kpi_portal_auth"


def _cookie_key() -> str:
    """The cookie signing key: ``PORTAL_COOKIE_KEY`` or ``cookie_key`` in .streamlit/secrets.toml."""
    key = os.environ.get("PORTAL_COOKIE_KEY", "")
    if not key:
        try:
            key = str(st.secrets.get("cookie_key", ""))
        except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
            key = ""
    if len(key) >= 32:
        return key
    if is_demo() and not key:
        # demo data only: a per-process key (sessions do not survive a restart)
        return _demo_cookie_key()
    st.error(t("auth.no_cookie_key"))
    st.code(
        "export PORTAL_COOKIE_KEY=\"$(python -c 'import secrets; print(secrets.token_urlsafe(48))')\"\n"
        '# or, in .streamlit/secrets.toml:\ncookie_key = "<at least 32 random characters>"',
        language="bash",
    )
    st.stop()


@st.cache_resource(show_spinner=False)
def _demo_cookie_key() -> str:
    return secrets.token_urlsafe(48)


def _authenticator(user: User | None):
    """streamlit-authenticator for the cookie and the sign-out; credentials: ``user`` alone."""
    import streamlit_authenticator as stauth

    return stauth.Authenticate(
        users.session_credentials(user),
        cookie_name=COOKIE_NAME,
        cookie_key=_cookie_key(),
        cookie_expiry_days=_cookie_days(),
        auto_hash=False,
        login_sleep_time=0,
    )


class _LazyAuthenticator:
    """The run's streamlit-authenticator, built on first use: only a run that stores or deletes the cookie or
    signs out needs it. Building it draws the cookie component, which reports the browser's cookies a moment
    after the page loads and so started a second run of every page load, beside the first (issue 14: an extra
    run per load, and clicks that landed during it were lost). The portal reads its cookie from the request
    (``st.context.cookies``), so other runs draw no component at all."""

    def __init__(self, user: User | None):
        self.user = user
        self._built = None

    def __call__(self):
        if self._built is None:
            self._built = _authenticator(self.user)
        return self._built


def _cookie_days() -> float:
    return config.env_number("PORTAL_COOKIE_DAYS", 7, 1 / 24, 3650)


def _set_cookie(authenticator, user: User, session_id: str) -> bool:
    """Store this session's signed token (its session version inside) in the browser; True once the browser
    has reported it stored. The token is issued once per (user, session version, session): a run that draws
    the store again before the report passes the component the same arguments."""
    st.session_state["portal_session_id"] = session_id
    issued = st.session_state.get("portal_cookie_issued")
    if issued is None or issued[0] != (user.username, user.session_version, session_id):
        token = sessions.issue(user, session_id, _cookie_key(), _cookie_days())
        expires = (datetime.now() + timedelta(days=_cookie_days())).isoformat()
        issued = ((user.username, user.session_version, session_id), token, expires)
        st.session_state["portal_cookie_issued"] = issued
    manager = authenticator().cookie_controller.cookie_model.cookie_manager
    manager._remove_extra_spacing()  # as CookieManager.set: its zero-height frame takes no room
    # extra_streamlit_components' CookieManager.set, whose component answers True once the cookie is set
    # (``set`` itself drops that answer)
    stored = manager.cookie_manager(
        method="set",
        cookie=COOKIE_NAME,
        value=issued[1],
        options={"path": "/", "expires": issued[2], "sameSite": "strict"},
        # a key of its own per token: a True that the browser reported for an earlier token (a sign-out and
        # a sign-in, a password change) is not taken for this one's
        key="set-" + hashlib.blake2b(issued[1].encode(), digest_size=8).hexdigest(),
        default=False,
    )
    return stored is True


def _mark_signed_in(user: User) -> None:
    st.session_state["portal_user"] = user
    st.session_state["authentication_status"] = True
    st.session_state["username"] = user.username
    st.session_state["name"] = user.display_name
    st.session_state["roles"] = list(user.roles)
    st.session_state["logout"] = False


_PENDING = "portal_signin_pending"  # the _Attempt of the last submit, until a run has applied its outcome
_SAID = "portal_signin_said"  # (level, text key, values): the refusal or warning the form shows
# [(level, text key, values)]: why the session ended (and the click that found it so, which wrote nothing). The
# form says them on every run until the next submit: the run that ends the session deletes the cookie, whose
# component reports back and reruns the page at once, and a notice said only once was gone before anyone read it.
_ENDED = "portal_signin_ended"
_applying = threading.Lock()
_WAIT_S = 120.0


class _Attempt:
    """One submit's password check. The session holds it from before the check; the check's outcome is put
    here, never into the session: once a rerun has asked the submit's run to stop, any read or write of
    st.session_state in that run raises StopException, so an outcome written there would be lost."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.outcome: tuple | None = None  # ("ok", user, session id) or (level, text key, values)


def _on_submit() -> None:
    """The form's callback: the password check of a submit. Streamlit runs it before the script, so the check
    happens even when the run is cut short at once. A rerun that arrives meanwhile (any widget, or a component
    reporting back) starts a new run beside this one (``runner.fastReruns``) and that run carries no click: the
    attempt is therefore in the session before the check, and whichever run comes next waits for its outcome
    and applies it (``_take_outcome``) (issue 14: under 8 concurrent sign-ins, 5 of 8 users were signed in on
    the server while their pages kept the form without a word)."""
    username = st.session_state.get("signin_username") or ""
    password = st.session_state.get("signin_password") or ""
    st.session_state.pop(_ENDED, None)  # this submit's outcome is said instead
    attempt = _Attempt()
    st.session_state[_PENDING] = attempt
    try:
        if not username or not password:
            attempt.outcome = ("warning", "auth.enter_both", {})
            return
        st.session_state["signin_password"] = ""  # not kept in the session, and typed afresh after a refusal
        try:
            result = users.attempt_sign_in(connection(), username, password)
        except duckdb.Error:  # the sign-in is audited: a database that cannot be written (disk full) stops it
            attempt.outcome = ("error", "auth.db_unwritable", {})
            return
        if result.status == "ok":
            attempt.outcome = ("ok", result.user, result.session_id or sessions.new_session_id())
        elif result.status == "locked":
            attempt.outcome = ("error", "auth.locked", {"minutes": setting("lockout_minutes")})
        else:
            attempt.outcome = ("error", "auth.failed", {})
    finally:
        attempt.done.set()  # with no outcome (the run stopped before the check), the form simply stays


def _take_outcome() -> None:
    """Apply the outcome of a submit, in whichever run comes first: wait for a password check still running
    (in the submit's own run, which a rerun may have replaced), then sign the user in (the cookie is stored
    by the run that draws the page) or keep the refusal for the form to say."""
    attempt = st.session_state.get(_PENDING)
    if attempt is None:
        return
    waited = 0.0
    while not attempt.done.wait(0.1) and waited < _WAIT_S:
        waited += 0.1
        st.session_state.get(_PENDING)  # a newer rerun stops this waiting run here
    with _applying:
        if st.session_state.get(_PENDING) is not attempt:
            return  # applied by another run
        outcome = attempt.outcome
        if outcome is not None and outcome[0] == "ok":
            st.session_state.pop(_SAID, None)
            st.session_state["portal_cookie_pending"] = outcome[2]  # before the user: a run reading the
            _mark_signed_in(outcome[1])  # user then also finds its cookie to store
        elif outcome is not None:
            st.session_state[_SAID] = outcome
        if attempt.done.is_set():
            del st.session_state[_PENDING]


def _sign_in_form(authenticator) -> None:
    """The sign-in form; a submit is checked by its callback (``_on_submit``, before the script) and applied by
    ``_take_outcome`` at the start of the script, so this only draws the form and what the last submit was told."""
    st.title(t("app.title"))
    # Enter in either field signs in (as people expect of a sign-in), without Streamlit's hint under the fields:
    # "Press Enter to submit form" is English whatever the page's language (the other forms are
    # enter_to_submit=False, which drops it; here the key stays and only its words go)
    st.html('<style>.st-key-signin_box [data-testid="InputInstructions"] { display: none; }</style>')
    with st.container(key="signin_box"), st.form("signin_form"):
        st.subheader(t("auth.sign_in"))
        st.text_input(t("auth.username"), key="signin_username", autocomplete="username")
        st.text_input(
            t("auth.password"), type="password", key="signin_password", autocomplete="current-password"
        )
        st.form_submit_button(t("auth.sign_in"), type="primary", on_click=_on_submit)
    if is_demo():
        st.caption(t("auth.demo_hint"))
    elif users.count_admins(connection()) == 0:
        # a new database (PORTAL_DB pointing elsewhere, a lost file, an unmounted volume) said only "Wrong username
        # or password" to everyone (reliability probe): say which file it is and how it gets its first admin
        st.info(t("auth.no_admin", path=str(db.db_path())))
    for level, key, values in st.session_state.get(_ENDED, ()):
        (st.info if level == "info" else st.error)(t(key, **values))
    said = st.session_state.get(_SAID)
    if said is not None:
        level, key, values = said
        (st.warning if level == "warning" else st.error)(t(key, **values))
        st.session_state.pop(_SAID, None)  # said; a run cut short before this says it next time


def _store_pending_cookie(authenticator, user: User) -> None:
    """The re-login cookie of a sign-in, drawn on every run until the browser reports it stored (a run cut
    short, or a page switch right after the sign-in, removed the component before it had run)."""
    session_id = st.session_state.get("portal_cookie_pending")
    if session_id is None:
        return
    if _set_cookie(authenticator, user, session_id):
        st.session_state.pop("portal_cookie_pending", None)
        st.session_state.pop(_LINKS_LOCKED, None)
        return
    token = st.session_state["portal_cookie_issued"][0]
    if st.session_state.get(_LINKS_LOCKED, (None,))[0] != token:  # this token's first run: the lock starts
        st.session_state[_LINKS_LOCKED] = (token, time.monotonic())


# (token's identity, monotonic time it was first drawn): page links are drawn disabled while the browser has not
# reported the cookie stored. The report is a rerun of the page the browser shows, and a rerun that reaches the
# server after a page link's click, before the browser has heard of the clicked page's run, takes that run's
# place (Streamlit 1.67: the newest request's page wins), so the click was lost without a word (issue 14: a
# manager's first click after signing in, under eight users). Disabled, the click is visibly refused; the
# report's run draws the links enabled.
_LINKS_LOCKED = "portal_links_locked"
LINKS_LOCK_S = 15.0  # a component that never reports (its frame did not load) locks the links no longer
LINKS_LOCK_QUIET_S = 2.0  # a lock no longer than this shows nothing new
_LOCK_NOTE = "portal_links_lock_note"
_LOCK_ROOM = (
    "portal_links_lock_room"  # the page whose note's room is kept after the lock (``unlock_links_later``)
)


def links_lock_left() -> float | None:
    """Seconds the page links stay locked from now (the sign-in cookie not yet reported stored), or None."""
    lock = st.session_state.get(_LINKS_LOCKED)
    left = None if lock is None else LINKS_LOCK_S - (time.monotonic() - lock[1])
    return left if left is not None and left > 0 else None


def links_locked() -> bool:
    """Page links are drawn disabled in this run (``st.page_link(disabled=...)``): the sign-in cookie has not been
    reported stored, for at most ``LINKS_LOCK_S`` seconds."""
    return links_lock_left() is not None


def unlock_links_later(page: str | None = None) -> None:
    """Drawn under the menu on every run: while the links are locked, a fragment that, once the lock has run out,
    runs the whole page again (links enabled). The fragment's timer is set anew by every full run (Streamlit
    clears it), so it gets the time left, not the whole lock: a full run 10 s after the sign-in would otherwise
    unlock at 25 s. ``page``: the page drawn (its url_path); the note's room is kept, its text hidden, on the page
    where the lock ended until another page is opened, so that nothing below the menu moves up when the lock
    ends (the sidebar's filters moved up one caption line, 38 px, at the unlock's run)."""
    left = links_lock_left()
    if left is None:
        if page is not None and st.session_state.get(_LOCK_ROOM) == page:
            with st.container(key=_LOCK_NOTE):  # as drawn while locked, hidden: the same room
                where = f".st-key-{_LOCK_NOTE}, .st-key-{_LOCK_NOTE} *"
                st.html(f"<style>{where} {{ visibility: hidden; }}</style>")
                st.caption(t("auth.finishing_sign_in"))
        else:
            st.session_state.pop(_LOCK_ROOM, None)
        return
    st.session_state[_LOCK_ROOM] = page
    # why the links do not open, said once the lock has lasted LINKS_LOCK_QUIET_S (the report is usually back
    # sooner): drawn from the lock's start, hidden until then (visibility, so nothing moves when it shows)
    hidden_s = LINKS_LOCK_QUIET_S - (LINKS_LOCK_S - left)
    with st.container(key=_LOCK_NOTE):
        if hidden_s > 0:  # an animation of its own per run: a full run restarts it with the time left
            name = f"portal-hold-{round(hidden_s * 1000)}"
            # on every element inside too: Streamlit's caption sets visibility: visible on its own
            where = f".st-key-{_LOCK_NOTE}, .st-key-{_LOCK_NOTE} *"
            st.html(
                f"<style>{where} {{ animation: {name} 0s {hidden_s:.3f}s backwards; }}"
                f"@keyframes {name} {{ from {{ visibility: hidden; }} to {{ visibility: hidden; }} }}</style>"
            )
        st.caption(t("auth.finishing_sign_in"))
    st.fragment(_rerun_once_unlocked, run_every=max(left, 0.5))()


def _rerun_once_unlocked() -> None:
    if not links_locked():
        st.rerun(scope="app")


def sign_in() -> User:
    """The signed-in user: this session's, or from the signed cookie, or through the sign-in form."""
    _cookie_key()  # no run goes on without a signing key (outside demo mode)
    _take_outcome()
    user = st.session_state.get("portal_user")
    ended = False
    if user is not None and user.user_id is not None:
        # roles, scope and the active flag are read afresh on every run; a changed session version ends it
        fresh = users.load_user(connection(), user.username)
        if fresh is None or fresh.session_version != user.session_version:
            st.session_state.pop("portal_user", None)
            st.session_state["logout"] = True  # no cookie re-login in this browser session
            ended = True
        user = None if ended else fresh
    authenticator = _LazyAuthenticator(user)
    st.session_state["portal_authenticator"] = authenticator  # this run's (keep_own_session)
    if ended:
        authenticator().cookie_controller.delete_cookie()
        notices = [("info", "auth.session_ended", {})]
        refused = (
            take_write_failed()
        )  # the click that found the session ended wrote nothing: say so beside it
        if refused is not None:
            notices.append(("error", refused[0], refused[1]))
        st.session_state[_ENDED] = notices  # said by the form, on this run and the cookie's rerun after it
    if user is None and not st.session_state.get("logout"):
        user = _cookie_user(authenticator)
    if user is None:
        _remember_address()
        _sign_in_form(authenticator)
        st.stop()
    _mark_signed_in(user)
    authenticator.user = user
    with st.sidebar:
        st.caption(
            t(
                "auth.signed_in_as",
                name=user.display_name,
                roles=t("text.list_separator").join(t(f"role.{r}") for r in user.roles),
            )
        )
        if st.button(t("auth.sign_out"), key="portal_signout"):
            # streamlit-authenticator signs out (its session keys, the cookie deleted in this run)
            authenticator().logout(location="unrendered")
            _on_sign_out({"username": user.username})
    if st.session_state.get("portal_user") is None:
        # signed out just now: the form in this same run, so the cookie deletion reaches the browser
        st.session_state.pop("portal_cookie_pending", None)  # no store of the cookie beside its deletion
        _sign_in_form(authenticator)
        st.stop()
    _store_pending_cookie(authenticator, user)
    return user


# the page a signed-out session's address named (its url_path), until the sign-in's first run opens it
_ADDRESS = "portal_signin_address"
_SIGNED_OUT = "portal_signed_out_here"  # this session signed out: its address is the previous user's


def _remember_address() -> None:
    """A session's first run carries the page of its address (a bookmarked /complaints). The form's runs never
    reach st.navigation, so the browser is told no page, and the submit's run asks for the app's main script:
    Streamlit then resolves the default page, and a sign-in at /complaints opened the overview (on any server
    where someone had signed in before; on a fresh one its pages-folder mode had named the page). Kept here for
    ``take_address`` (menu.navigate). Not after a sign-out in this session: the address is the previous user's
    page (the admin's /audit_log), not one the next user asked for."""
    if st.session_state.get(_SIGNED_OUT):
        st.session_state[_ADDRESS] = ""  # no page asked for: the landing page (menu._open_address)
        return
    ctx = get_script_run_ctx(suppress_warning=True)
    # a Streamlit internal (1.67): if a later version renames it, a sign-in opens the landing page, as before
    name = getattr(getattr(ctx, "pages_manager", None), "intended_page_name", None)
    if name:
        st.session_state[_ADDRESS] = name


def take_address() -> str | None:
    """The url_path the address named when the sign-in form was drawn (``_remember_address``), once: "" after a
    sign-out in this session (the address was the previous user's), None when it named none."""
    return st.session_state.pop(_ADDRESS, None)


def still_signed_in() -> None:
    """On a fragment's own rerun app.py does not run, so neither do its sign-in checks (``sign_in``: roles, scope,
    the active flag and the session version read afresh on every run): read the user again here, and on any
    change (signed out elsewhere, deactivated, a role, scope or password changed) rerun the whole page, which
    signs out or refuses as a full run does. Nothing to do in a full run: app.py has just checked."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None or not ctx.fragment_ids_this_run:
        return
    user = st.session_state.get("portal_user")
    if user is not None and user.user_id is None:
        return  # not a database account (tests sign in a user object directly)
    fresh = users.load_user(connection(), user.username) if user is not None else None
    if user is None or fresh != user:
        st.rerun(scope="app")


def section(fn):
    """A part of a page that reruns on its own when one of its widgets changes (``st.fragment``, issue 14: a tab,
    a view or a section's own filter no longer reruns the whole page), with the signed-in user checked again on
    each of its own reruns (``still_signed_in``). Its arguments are those of the page's last full run."""

    @functools.wraps(fn)
    def checked(*args, **kwargs):
        still_signed_in()
        with writing():  # on its own rerun app.py's does not hold it
            return fn(*args, **kwargs)

    return st.fragment(checked)


def _cookie_user(authenticator) -> User | None:
    """Sign in again from the signed cookie if its session is still valid (``sessions.user_for_cookie``); a
    cookie that cannot be read (forged, tampered, garbage) or whose session ended counts as no cookie and is
    deleted."""
    token = st.context.cookies.get(COOKIE_NAME)
    if not token:
        return None
    user = sessions.user_for_cookie(connection(), token, _cookie_key())
    if user is None:
        authenticator().cookie_controller.delete_cookie()
    else:
        claims = sessions.read(token, _cookie_key())
        st.session_state["portal_session_id"] = claims.session_id if claims else None
    return user


def keep_own_session(session_version: int | None) -> None:
    """After the signed-in user changed their own password (which ends every session): this session goes on
    with the new version and a fresh cookie; every other session of the user stays ended."""
    user = st.session_state.get("portal_user")
    authenticator = st.session_state.get("portal_authenticator")
    if user is None or session_version is None or authenticator is None:
        return
    fresh = users.load_user(connection(), user.username)
    if fresh is None or fresh.session_version != session_version:
        return
    _mark_signed_in(fresh)
    authenticator.user = fresh
    st.session_state["portal_cookie_pending"] = (
        st.session_state.get("portal_session_id") or sessions.new_session_id()
    )
    _store_pending_cookie(authenticator, fresh)


def _on_sign_out(info) -> None:
    st.session_state.pop("portal_user", None)
    st.session_state[_ADDRESS] = ""  # the next sign-in opens its landing page (_remember_address)
    st.session_state[_SIGNED_OUT] = True
    name = info.get("username") if isinstance(info, dict) else None
    if name:
        sessions.end_sessions(connection(), name)
