"""Users: roles, scopes, sign-in with lockout, demo users, the first admin (passwords: portal/passwords.py).

Streamlit-free: app.py / portal.ui wire this to streamlit-authenticator's cookie and logout.
"""

from __future__ import annotations

import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from portal import settings, user_admin, writes
from portal.auth import User
from portal.i18n import listed
from portal.passwords import (  # noqa: F401 - users.hash_password & co. are the names callers use
    COMMON_PASSWORDS,
    MIN_PASSWORD_LENGTH,
    account_mark,
    check_password_rules,
    hash_password,
    verify_password,
)
from portal.scope import Scope
from portal.writes import accounts

# The documented demo users (README): one per role. Only created by `prepare --demo-if-empty` / demo mode.
DEMO_USERS: tuple[dict[str, Any], ...] = (
    {"username": "admin", "password": "admin-demo-2026", "display_name": "Ada Admin", "roles": ["admin"]},
    {
        "username": "manager",
        "password": "manager-demo-2026",
        "display_name": "Ming Manager",
        "roles": ["manager"],
        "scope": "first_region",
    },
    {
        "username": "teamlead",
        "password": "teamlead-demo-2026",
        "display_name": "Tina Teamlead",
        "roles": ["team_lead"],
        "scope": "first_team",
    },
    {
        "username": "inspector",
        "password": "inspector-demo-2026",
        "display_name": "Ivan Inspector",
        "roles": ["inspector"],
        "scope": "first_two_stores",
    },
    {
        "username": "agent",
        "password": "agent-demo-2026",
        "display_name": "Amy Agent",
        "roles": ["agent"],
        "scope": "first_agent",
    },
)

DEMO_USERS_TEXT = "Demo users (username / password):\n" + "\n".join(
    f"  {u['roles'][0]:<10} {u['username']:<10} / {u['password']}" for u in DEMO_USERS
)


class UserError(ValueError):
    """Input about a user that cannot be accepted: ``key`` / ``values`` for the translated message."""

    def __init__(self, key: str, **values) -> None:
        from portal.i18n import t

        self.key, self.values = key, values
        super().__init__(t(key, "en", **values))


def utc_now() -> datetime:
    """Naive UTC, like every timestamp the portal stores."""
    return datetime.now(UTC).replace(tzinfo=None)


def normalise_username(username: str) -> str:
    """How a user name is stored and compared: trimmed, lower-case. (A new name must also read the same under
    NFKC, ``create_user``: full-width ａｌｉｃｅ is refused, not folded, so names stored before stay reachable.)"""
    return (username or "").strip().lower()


def _look_alike(name: str) -> str:
    """A name as a reader sees it: NFKC, spaces and case aside (ａｌｉｃｅ and alice look alike)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).casefold()


# ---------------------------------------------------------------- loading users
_UPDATABLE = frozenset(writes.USER_COLUMNS)  # the allow-list of update_user


def _read_names(con) -> list[str]:
    cur = con.cursor()
    try:
        return [r[0] for r in cur.execute("select username from users").fetchall()]
    finally:
        cur.close()


def _row(cur, username: str) -> dict[str, Any] | None:
    return accounts.user_row(cur, username)


def _read_row(con, username: str) -> dict[str, Any] | None:
    cur = con.cursor()
    try:
        return _row(cur, username)
    finally:
        cur.close()


def scope_for(cur, row: dict[str, Any]) -> Scope:
    """The rows a user may see, from their roles and their region / store list / team / agent."""
    roles = set(row["roles"] or ())
    if "admin" in roles:
        return Scope.everything()
    # a region stays a region (not its stores of today): a fact row is in it by the region stamped on the row
    store_ids = tuple(sorted(set(row["scope_store_ids"] or ())))
    region = row["scope_region_id"] if roles & user_admin.REGION_ROLES else None
    region_ids: tuple[int, ...] = () if region is None else (region,)
    whole_chain = "manager" in roles and row["scope_region_id"] is None and not row["scope_store_ids"]
    if (
        "team_lead" in roles
        and row["scope_team_id"] is not None
        and not (store_ids or region_ids or whole_chain)
    ):
        # a team lead with no explicit stores sees the team's region
        cur.execute(
            "select region_id from teams where team_id = ? and region_id is not null", [row["scope_team_id"]]
        )
        region_ids = tuple(r[0] for r in cur.fetchall())
    return Scope(
        all_stores=whole_chain,
        store_ids=store_ids,
        region_ids=region_ids,
        all_agents="manager" in roles,
        team_id=row["scope_team_id"] if "team_lead" in roles else None,
        agent_id=row["agent_id"] if roles == {"agent"} else None,
    )


def _user(cur, row: dict[str, Any]) -> User:
    return User(
        row["username"],
        row["display_name"],
        tuple(row["roles"]),
        scope_for(cur, row),
        row["user_id"],
        row["session_version"],
        account_mark(row["password_hash"]),
    )


def load_user(con, username: str) -> User | None:
    """The active user of that name, with roles and scope freshly read from the database."""
    cur = con.cursor()
    try:
        return load_user_with(cur, normalise_username(username))
    finally:
        cur.close()


def load_user_with(cur, name: str) -> User | None:
    row = _row(cur, name)
    if row is None or not row["is_active"]:
        return None
    return _user(cur, row)


def user_from_session(con, username: str, session_version: int, account: str) -> tuple[User | None, str]:
    """The user a session (sign-in cookie) names, if it is still valid: the account active, not locked, and its
    session version unchanged since the cookie was issued (sign-out, a password, role, scope or active change
    and a lockout raise it), and the account the one the cookie was issued for (``account_mark``: not a user of
    the same name in another database). Read only, no transaction. ``(user, "ok")`` or ``(None, reason)``:
    reason one of unknown, inactive, locked, ended, other_account."""
    name = normalise_username(username)
    cur = con.cursor()
    try:
        row = _row(cur, name)
        if row is None:
            return None, "unknown"
        if not row["is_active"]:
            return None, "inactive"
        if row["locked_until"] is not None and row["locked_until"] > utc_now():
            return None, "locked"
        if row["session_version"] != session_version:
            return None, "ended"
        if not hmac.compare_digest(account_mark(row["password_hash"]), account):
            return None, "other_account"
        return _user(cur, row), "ok"
    finally:
        cur.close()


# ---------------------------------------------------------------- sign-in with lockout
@dataclass(frozen=True)
class SignInResult:
    status: str  # ok, failed, locked
    user: User | None = None
    session_id: str | None = None  # the id the new sign-in cookie carries (in the audit row's target)


def attempt_sign_in(con, username: str, password: str, now: datetime | None = None) -> SignInResult:
    """Check a password; five failures in a row lock the name for 15 minutes (both settings).

    Unknown names are treated exactly like known ones (same checks, same messages, same lockout),
    so the form never tells whether a username exists. The bcrypt check runs outside any transaction;
    the counter and the audit row are one short write after it (``writes.record_*``).
    """
    now = now or utc_now()
    name = normalise_username(username)
    loaded = settings.load_all(con)
    max_attempts = int(loaded["lockout_max_attempts"])
    lock_minutes = int(loaded["lockout_minutes"])
    row = _read_row(con, name)
    if (
        row is None
    ):  # the same rule as an account's, its state kept in the audit log (accounts.name_lock_state)
        verify_password(password, None)  # same cost as a real check
        cur = con.cursor()
        try:
            locked_until = accounts.name_lock_state(cur, name)[0]
        finally:
            cur.close()
        refused = "locked" if locked_until is not None and locked_until > now else "failed"
        writes.record_failed_sign_in(
            con, name, None, now=now, reason=refused, max_attempts=max_attempts, lock_minutes=lock_minutes
        )
        return SignInResult(refused)
    # one bcrypt check on every path, before anything is decided: a locked or inactive account refused without
    # one answered in ~4 ms against ~240 ms, telling that the name exists
    password_ok = verify_password(password, row["password_hash"])
    if row["locked_until"] is not None and row["locked_until"] > now:
        writes.record_failed_sign_in(
            con,
            name,
            row["user_id"],
            now=now,
            reason="locked",
            max_attempts=max_attempts,
            lock_minutes=lock_minutes,
        )
        return SignInResult("locked")
    if row["is_active"] and password_ok:
        session_id = secrets.token_urlsafe(16)
        writes.record_sign_in(con, row["user_id"], name, now=now, session=session_id)
        cur = con.cursor()
        try:
            return SignInResult("ok", _user(cur, row), session_id)
        finally:
            cur.close()
    writes.record_failed_sign_in(
        con,
        name,
        row["user_id"],
        now=now,
        reason="failed",
        max_attempts=max_attempts,
        lock_minutes=lock_minutes,
    )
    return SignInResult("failed")


# ---------------------------------------------------------------- managing users
def create_user(
    con,
    *,
    username: str,
    display_name: str,
    password: str,
    roles,
    email: str | None = None,
    scope_region_id: int | None = None,
    scope_store_ids=None,
    scope_team_id: int | None = None,
    agent_id: int | None = None,
    created_by: str | None = None,
) -> int:
    name = normalise_username(username)
    if not name or not name.replace("_", "").replace(".", "").replace("-", "").isalnum():
        raise UserError("users.err.bad_username")
    if unicodedata.normalize("NFKC", name) != name:  # full-width or compatibility letters: a look-alike
        raise UserError("users.err.bad_username")
    taken = _read_names(con)
    if any(_look_alike(other) == _look_alike(name) for other in taken):
        raise UserError("users.err.taken", name=name)
    roles = user_admin.validate_roles(roles)
    user_admin.check_role_rules(roles, agent_id, scope_store_ids, scope_team_id, scope_region_id)
    fields = {
        "username": name,
        "display_name": display_name.strip() or name,
        "email": email,
        "password_hash": hash_password(password, name),
        "roles": roles,
        "scope_region_id": scope_region_id,
        "scope_store_ids": list(scope_store_ids) if scope_store_ids else None,
        "scope_team_id": scope_team_id,
        "agent_id": agent_id,
    }
    user_id = writes.create_user(con, fields, created_by=created_by, now=utc_now())
    if user_id is None:
        raise UserError("users.err.taken", name=name)
    return user_id


def _differs(old, new) -> bool:
    if isinstance(old, list | tuple) or isinstance(new, list | tuple):
        return list(old or []) != list(new or [])
    return old != new


def update_user(con, username: str, *, changed_by: str, new_password: str | None = None, **changes) -> None:
    """Change roles, scope, display name, e-mail or the active flag, and (``new_password``: an admin's reset,
    checked and hashed first) the password, in one transaction; audited. Before, the Users form stored the
    changes and then the password in two: a server killed between them (the bcrypt hash ran there) kept the
    changes without the reset."""
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise UserError("users.err.cannot_change", fields=listed(sorted(unknown)))
    if "roles" in changes:
        changes["roles"] = user_admin.validate_roles(changes["roles"])
    name = normalise_username(username)
    new_hash = hash_password(new_password, name) if new_password else None

    def decide(row: dict[str, Any], active_admins: int) -> dict[str, Any]:
        loses_admin = "admin" in row["roles"] and (
            ("roles" in changes and "admin" not in changes["roles"]) or changes.get("is_active") is False
        )
        if loses_admin and active_admins <= 1:
            raise UserError("users.cannot_remove_last_admin")
        merged = {**row, **changes}
        user_admin.check_role_rules(*(merged[k] for k in user_admin.ROLE_RULE_FIELDS))
        return {k: v for k, v in changes.items() if _differs(row[k], v)}

    if (
        writes.update_user(
            con, name, changed_by=changed_by, decide=decide, password_hash=new_hash, now=utc_now()
        )
        is None
    ):
        raise UserError("users.err.no_user", name=name)


def set_password(
    con, username: str, new_password: str, *, changed_by: str, current_password: str | None = None
) -> int | None:
    """Set a password. A user changing their own gives the current one; an admin resetting does not.
    Both bcrypt steps run before the (short) write. Every session of the user ends; returns the new session
    version (the UI keeps the changing user's own session with it)."""
    name = normalise_username(username)
    new_hash = hash_password(new_password, name)
    row = _read_row(con, name)
    if row is None:
        raise UserError("users.err.no_user", name=name)
    if current_password is not None and not verify_password(current_password, row["password_hash"]):
        # a wrong current password is a failed sign-in: counted, audited, locking at the same number (an
        # unlocked browser allowed unlimited, unrecorded guesses)
        loaded = settings.load_all(con)
        writes.record_failed_sign_in(
            con,
            name,
            row["user_id"],
            now=utc_now(),
            reason="failed",
            max_attempts=int(loaded["lockout_max_attempts"]),
            lock_minutes=int(loaded["lockout_minutes"]),
            during="password_change",
        )
        raise UserError("users.err.wrong_current")
    return writes.set_password(
        con, name, new_hash, changed_by=changed_by, reset_by_admin=current_password is None, now=utc_now()
    )


def count_admins(con) -> int:
    cur = con.cursor()
    try:
        return cur.execute(
            "select count(*) from users where list_contains(roles, 'admin') and is_active"
        ).fetchone()[0]
    finally:
        cur.close()


def create_demo_users(con) -> list[str]:
    """One documented user per role, scoped to the first region / team / stores / agent of the demo data."""
    cur = con.cursor()
    try:
        first_region = cur.execute("select min(region_id) from regions").fetchone()[0]
        first_team = cur.execute("select min(team_id) from teams").fetchone()[0]
        stores = [
            r[0] for r in cur.execute("select store_id from stores order by store_id limit 2").fetchall()
        ]
        first_agent = cur.execute(
            "select min(agent_id) from agents_now where team_id = ?", [first_team]
        ).fetchone()[0]
        # the demo agent is that agent: signed in under the name their scorecard shows (not "Amy Agent" beside a
        # card of 王伟)
        agent_name = cur.execute(
            "select name || ' (' || agent_code || ')' from agents where agent_id = ?", [first_agent]
        ).fetchone()
        existing = {r[0] for r in cur.execute("select username from users").fetchall()}
    finally:
        cur.close()
    scopes = {
        "first_region": {"scope_region_id": first_region},
        "first_team": {"scope_team_id": first_team},
        "first_two_stores": {"scope_store_ids": stores},
        "first_agent": {"agent_id": first_agent},
    }
    made = []
    for spec in DEMO_USERS:
        if spec["username"] in existing:
            continue
        display_name = spec["display_name"]
        if spec.get("scope") == "first_agent" and agent_name is not None and agent_name[0]:
            display_name = agent_name[0]
        create_user(
            con,
            username=spec["username"],
            display_name=display_name,
            password=spec["password"],
            roles=spec["roles"],
            email=f"{spec['username']}@demo.invalid",
            created_by="demo",
            **scopes.get(spec.get("scope", ""), {}),
        )
        made.append(spec["username"])
    return made


def authenticator_credentials(con) -> dict[str, Any]:
    """All active users in streamlit-authenticator's shape (hashes included): for tools and tests only; the
    app builds its authenticator from ``session_credentials`` (no hash of anyone is loaded per run)."""
    cur = con.cursor()
    try:
        rows = cur.execute(
            "select username, display_name, email, password_hash, roles, failed_attempts from users where is_active"
        ).fetchall()
    finally:
        cur.close()
    return {
        "usernames": {
            username: {
                "name": name,
                "email": email or "",
                "password": pw_hash,
                "roles": list(roles),
                "failed_login_attempts": failed,
                "logged_in": False,
            }
            for username, name, email, pw_hash, roles, failed in rows
        }
    }


def session_credentials(user: User | None = None) -> dict[str, Any]:
    """streamlit-authenticator's credentials: only the signed-in user (the library needs their name and roles
    to sign them out and to read the cookie back); no password hash of anyone. The portal checks passwords
    itself (``attempt_sign_in``)."""
    if user is None:
        return {"usernames": {}}
    return {
        "usernames": {
            user.username: {
                "name": user.display_name,
                "email": "",
                "password": "",
                "roles": list(user.roles),
                "failed_login_attempts": 0,
                "logged_in": True,
            }
        }
    }
