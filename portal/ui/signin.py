"""Sign-in: the form, cookie re-login through streamlit-authenticator, sign-out.

The password check is the portal's own (``users.attempt_sign_in``: bcrypt outside any transaction, then one
short write for the counter and the audit row). streamlit-authenticator only signs, reads and deletes the
cookie and runs the sign-out button; it gets the signed-in user alone as its credentials, so no run loads
anyone's password hash.
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime, timedelta

import streamlit as st

from portal import users, writes
from portal.auth import User
from portal.ui.core import connection, is_demo, setting, t

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
    """streamlit-authenticator for the cookie and the sign-out button; credentials: ``user`` alone."""
    import streamlit_authenticator as stauth

    return stauth.Authenticate(
        users.session_credentials(user),
        cookie_name=COOKIE_NAME,
        cookie_key=_cookie_key(),
        cookie_expiry_days=float(os.environ.get("PORTAL_COOKIE_DAYS", "7")),
        auto_hash=False,
        login_sleep_time=0,
    )


def _mark_signed_in(user: User) -> None:
    st.session_state["portal_user"] = user
    st.session_state["authentication_status"] = True
    st.session_state["username"] = user.username
    st.session_state["name"] = user.display_name
    st.session_state["roles"] = list(user.roles)
    st.session_state["logout"] = False


def _sign_in_form(authenticator) -> User | None:
    box = st.empty()
    with box.container():
        st.title(t("app.title"))
        with st.form("signin_form"):
            st.subheader(t("auth.sign_in"))
            username = st.text_input(t("auth.username"), key="signin_username", autocomplete="username")
            password = st.text_input(
                t("auth.password"), type="password", key="signin_password", autocomplete="current-password"
            )
            submitted = st.form_submit_button(t("auth.sign_in"), type="primary")
        if is_demo():
            st.caption(t("auth.demo_hint"))
    if not submitted:
        return None
    if not username or not password:
        box.empty()
        st.warning(t("auth.enter_both"))
        return None
    result = users.attempt_sign_in(connection(), username, password)
    if result.status == "ok":
        box.empty()
        _mark_signed_in(result.user)
        authenticator.cookie_controller.set_cookie()
        return result.user
    if result.status == "locked":
        st.error(t("auth.locked", minutes=setting("lockout_minutes")))
    else:
        st.error(t("auth.failed"))
    return None


def sign_in() -> User:
    """The signed-in user: this session's, or from the signed cookie, or through the sign-in form."""
    user = st.session_state.get("portal_user")
    if user is not None and user.user_id is not None:
        # roles, scope and the active flag are read afresh on every run
        user = users.load_user(connection(), user.username)
        if user is None:
            st.session_state.pop("portal_user", None)
    authenticator = _authenticator(user)
    if user is None and not st.session_state.get("logout"):
        user = _cookie_user(authenticator)
    if user is None:
        user = _sign_in_form(authenticator)
        if user is None:
            st.stop()
    _mark_signed_in(user)
    with st.sidebar:
        st.caption(
            t(
                "auth.signed_in_as",
                name=user.display_name,
                roles=", ".join(t(f"role.{r}") for r in user.roles),
            )
        )
        authenticator.logout(
            t("auth.sign_out"), location="sidebar", key="portal_signout", callback=_on_sign_out
        )
    if st.session_state.get("portal_user") is None:
        # signed out just now: the form in this same run, so the cookie deletion reaches the browser
        _sign_in_form(authenticator)
        st.stop()
    return user


def _cookie_user(authenticator) -> User | None:
    """Sign in again from the signed cookie, unless the password changed after the cookie was issued.
    A cookie that cannot be read (forged, tampered, garbage) counts as no cookie."""
    try:
        token = authenticator.cookie_controller.get_cookie()
    except Exception:  # noqa: BLE001 - any undecodable cookie means "signed out", never a stack trace
        token = None
    if not token or "exp_date" not in token:
        return None
    issued_at = datetime.fromtimestamp(token["exp_date"], UTC).replace(tzinfo=None) - timedelta(
        days=authenticator.cookie_controller.cookie_model.cookie_expiry_days
    )
    user = users.user_from_cookie(connection(), token["username"], issued_at)
    if user is None:
        authenticator.cookie_controller.delete_cookie()
    return user


def _on_sign_out(info) -> None:
    st.session_state.pop("portal_user", None)
    writes.audit_event(connection(), info.get("username"), "logout")
