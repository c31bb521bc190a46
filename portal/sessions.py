"""Sign-in sessions that end: the signed cookie token and the checks a cookie passes before it signs anyone in.

The cookie is an HS256 JSON Web Token the portal issues and reads itself (streamlit-authenticator only stores
and deletes it). Its payload names the user, the user's *session version* when it was issued (``sv``), a
random session id (``sid``), the account it was issued for (``acct``: ``users.account_mark``, so a cookie of
another database's user of the same name signs nobody in) and its expiry. Signing out, a password change, a change of roles, scope or the
active flag, and a lockout raise the version in ``users`` (``portal.writes``), so every cookie issued before is
refused on its next use. Anything that is not a well-formed token signed with the portal's key by HS256
(``alg: none``, another algorithm, a wrong signature, a changed payload, garbage, an oversized value) reads as
"no cookie", never as an error.

Audit: a password sign-in writes one ``login`` row whose target is ``session:<sid>``; a page load re-opened
by that session's cookie is the same session, not a new sign-in, and writes nothing. A refused cookie writes
one ``login_failed`` row (``via: cookie`` and the reason) once per session id / token per process, so a stale
cookie cannot flood the log. Streamlit-free.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import jwt

from portal import users, writes
from portal.auth import User

ALGORITHM = "HS256"
MAX_TOKEN_CHARS = 4096
_AUDITED_REFUSALS: dict[str, None] = {}  # session ids / token digests whose refusal is in the log already
_MAX_REMEMBERED = 10_000


@dataclass(frozen=True)
class Claims:
    username: str
    session_version: int
    session_id: str
    expires_at: float
    account: str


def new_session_id() -> str:
    return secrets.token_urlsafe(16)


def issue(user: User, session_id: str, key: str, days: float, now: float | None = None):
    """The signed cookie value for one session of ``user`` (HS256)."""
    now = time.time() if now is None else now
    expires = now + days * 86_400
    payload = {
        "username": user.username,
        "exp_date": expires,
        "sv": int(user.session_version),
        "sid": session_id,
        "acct": user.account,
    }
    return jwt.encode(payload, key, algorithm=ALGORITHM)


def read(token: Any, key: str, now: float | None = None) -> Claims | None:
    """The claims of a cookie value signed by ``key`` with HS256 and not expired; None for anything else."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_CHARS:
        return None
    try:
        payload = jwt.decode(token, key, algorithms=[ALGORITHM], options={"verify_exp": False})
    except Exception:  # noqa: BLE001 - every undecodable or unverifiable cookie means "signed out"
        return None
    return _claims(payload, time.time() if now is None else now)


def _claims(payload: Mapping[str, Any], now: float) -> Claims | None:
    name, version, sid, expires, account = (
        payload.get(k) for k in ("username", "sv", "sid", "exp_date", "acct")
    )
    if not isinstance(name, str) or not name or len(name) > 200:
        return None
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        return None
    if not isinstance(sid, str) or not sid or len(sid) > 100:
        return None
    if not isinstance(expires, int | float) or isinstance(expires, bool) or expires <= now:
        return None
    if (
        not isinstance(account, str) or not account or len(account) > 64
    ):  # a cookie issued before it carried one
        return None
    return Claims(users.normalise_username(name), version, sid, float(expires), account)


def user_for_cookie(con, token: Any, key: str, now: float | None = None) -> User | None:
    """The user a cookie signs in, or None (refusals audited once). ``token``: the raw cookie value."""
    claims = read(token, key, now)
    if claims is None:
        if isinstance(token, str) and token:
            digest = hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()[:16]
            _audit_refusal(con, None, f"token:{digest}", "invalid")
        return None
    user, reason = users.user_from_session(con, claims.username, claims.session_version, claims.account)
    if user is None:
        _audit_refusal(con, claims.username, f"session:{claims.session_id}", reason)
    return user


def _audit_refusal(con, username: str | None, target: str, reason: str) -> None:
    if target in _AUDITED_REFUSALS:
        return
    if len(_AUDITED_REFUSALS) >= _MAX_REMEMBERED:
        _AUDITED_REFUSALS.clear()
    _AUDITED_REFUSALS[target] = None
    try:
        writes.audit_event(con, username, "login_failed", target, {"via": "cookie", "reason": reason})
    except duckdb.Error:  # a database that cannot be written (disk full) still refuses the cookie
        _AUDITED_REFUSALS.pop(target, None)


def end_sessions(con, username: str) -> int | None:
    """Sign-out: every session of the user ends (each cookie issued before is refused); audited as logout."""
    return writes.end_sessions(con, users.normalise_username(username), by=users.normalise_username(username))
