"""Users: passwords (bcrypt only), roles, scopes, sign-in with lockout, demo users, the first admin.

Streamlit-free: app.py / portal.ui wire this to streamlit-authenticator's cookie and logout.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import bcrypt

from portal import audit, db, settings
from portal.auth import User
from portal.navigation import ROLES
from portal.scope import Scope

MIN_PASSWORD_LENGTH = 8
_DUMMY_HASH = bcrypt.hashpw(b"timing-equaliser", bcrypt.gensalt(4)).decode()

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


def _rounds() -> int:
    return max(4, min(15, int(os.environ.get("PORTAL_BCRYPT_ROUNDS", "12"))))


def hash_password(password: str) -> str:
    check_password_rules(password)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(_rounds())).decode()


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("users.err.password_short", n=MIN_PASSWORD_LENGTH)
    if len(password.encode("utf-8")) > 72:
        raise UserError("users.err.password_long")


def verify_password(password: str, password_hash: str | None) -> bool:
    try:
        return bcrypt.checkpw(password.encode("utf-8"), (password_hash or _DUMMY_HASH).encode())
    except ValueError:
        return False


def utc_now() -> datetime:
    """Naive UTC, like every timestamp the portal stores."""
    return datetime.now(UTC).replace(tzinfo=None)


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()


# ---------------------------------------------------------------- loading users
_USER_COLUMNS = (
    "user_id",
    "username",
    "display_name",
    "email",
    "password_hash",
    "roles",
    "scope_region_id",
    "scope_store_ids",
    "scope_team_id",
    "agent_id",
    "is_active",
    "failed_attempts",
    "locked_until",
)
_SELECT_USER = (
    "select user_id, username, display_name, email, password_hash, roles, scope_region_id, scope_store_ids, "
    "scope_team_id, agent_id, is_active, failed_attempts, locked_until from users where username = ?"
)
# one fixed statement per column an admin may change (the allow-list of update_user)
_UPDATE_USER = {
    "display_name": "update users set display_name = ? where username = ?",
    "email": "update users set email = ? where username = ?",
    "roles": "update users set roles = ? where username = ?",
    "scope_region_id": "update users set scope_region_id = ? where username = ?",
    "scope_store_ids": "update users set scope_store_ids = ? where username = ?",
    "scope_team_id": "update users set scope_team_id = ? where username = ?",
    "agent_id": "update users set agent_id = ? where username = ?",
    "is_active": "update users set is_active = ? where username = ?",
}


def _row(cur, username: str) -> dict[str, Any] | None:
    cur.execute(_SELECT_USER, [username])
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip(_USER_COLUMNS, row, strict=True))


def scope_for(cur, row: dict[str, Any]) -> Scope:
    """The rows a user may see, from their roles and their region / store list / team / agent."""
    roles = set(row["roles"] or ())
    if "admin" in roles:
        return Scope.everything()
    store_ids: set[int] = set(row["scope_store_ids"] or ())
    if row["scope_region_id"] is not None:
        cur.execute("select store_id from stores where region_id = ?", [row["scope_region_id"]])
        store_ids |= {r[0] for r in cur.fetchall()}
    whole_chain = "manager" in roles and row["scope_region_id"] is None and not row["scope_store_ids"]
    if "team_lead" in roles and row["scope_team_id"] is not None and not store_ids and not whole_chain:
        # a team lead with no explicit stores sees the stores of the team's region
        cur.execute(
            "select s.store_id from stores s join teams t on t.region_id = s.region_id where t.team_id = ?",
            [row["scope_team_id"]],
        )
        store_ids |= {r[0] for r in cur.fetchall()}
    return Scope(
        all_stores=whole_chain,
        store_ids=tuple(sorted(store_ids)),
        all_agents="manager" in roles,
        team_id=row["scope_team_id"] if "team_lead" in roles else None,
        agent_id=row["agent_id"] if roles == {"agent"} else None,
    )


def load_user(con, username: str) -> User | None:
    """The active user of that name, with roles and scope freshly read from the database."""
    cur = con.cursor()
    try:
        row = _row(cur, normalise_username(username))
        if row is None or not row["is_active"]:
            return None
        return User(
            row["username"], row["display_name"], tuple(row["roles"]), scope_for(cur, row), row["user_id"]
        )
    finally:
        cur.close()


def user_from_cookie(con, username: str, issued_at: datetime) -> User | None:
    """The user a valid sign-in cookie names: active, not locked, password unchanged since it was issued."""
    name = normalise_username(username)

    def work(cur) -> User | None:
        cur.execute(
            "select password_changed_at, locked_until from users where username = ? and is_active", [name]
        )
        row = cur.fetchone()
        if (
            row is None
            or (row[0] is not None and row[0] > issued_at)
            or (row[1] is not None and row[1] > utc_now())
        ):
            return None
        audit.record(cur, name, "login", details={"via": "cookie"})
        return load_user_with(cur, name)

    return db.in_transaction(con, work)


def load_user_with(cur, name: str) -> User | None:
    row = _row(cur, name)
    if row is None or not row["is_active"]:
        return None
    return User(
        row["username"], row["display_name"], tuple(row["roles"]), scope_for(cur, row), row["user_id"]
    )


# ---------------------------------------------------------------- sign-in with lockout
@dataclass(frozen=True)
class SignInResult:
    status: str  # ok, failed, locked
    user: User | None = None


def attempt_sign_in(con, username: str, password: str, now: datetime | None = None) -> SignInResult:
    """Check a password; five failures in a row lock the name for 15 minutes (both settings).

    Unknown names are treated exactly like known ones (same checks, same messages, same lockout),
    so the form never tells whether a username exists.
    """
    now = now or utc_now()
    name = normalise_username(username)
    max_attempts = int(settings.get(con, "lockout_max_attempts"))
    lock_minutes = int(settings.get(con, "lockout_minutes"))

    def work(cur) -> SignInResult:
        row = _row(cur, name)
        if row is None:
            verify_password(password, None)  # same cost as a real check
            cur.execute(
                "select count(*) from audit_log where username = ? and action = 'login_failed' "
                "and logged_at > ? and logged_at > coalesce((select max(logged_at) from audit_log "
                "where username = ? and action = 'login'), timestamp '1970-01-01')",
                [name, now - timedelta(minutes=lock_minutes), name],
            )
            recent = cur.fetchone()[0]
            audit.record(cur, name, "login_failed", details={"reason": "failed"})
            return SignInResult("locked" if recent >= max_attempts else "failed")
        if row["locked_until"] is not None and row["locked_until"] > now:
            audit.record(cur, name, "login_failed", details={"reason": "locked"})
            return SignInResult("locked")
        if row["is_active"] and verify_password(password, row["password_hash"]):
            cur.execute(
                "update users set failed_attempts = 0, locked_until = null, last_login_at = ? where user_id = ?",
                [now, row["user_id"]],
            )
            audit.record(cur, name, "login")
            user = User(
                row["username"], row["display_name"], tuple(row["roles"]), scope_for(cur, row), row["user_id"]
            )
            return SignInResult("ok", user)
        failures = row["failed_attempts"] + 1
        audit.record(cur, name, "login_failed", details={"reason": "failed", "attempt": failures})
        if failures >= max_attempts:
            cur.execute(
                "update users set failed_attempts = 0, locked_until = ? where user_id = ?",
                [now + timedelta(minutes=lock_minutes), row["user_id"]],
            )
            audit.record(cur, name, "lockout", details={"minutes": lock_minutes})
        else:
            cur.execute("update users set failed_attempts = ? where user_id = ?", [failures, row["user_id"]])
        return SignInResult("failed")

    return db.in_transaction(con, work)


# ---------------------------------------------------------------- managing users
def _validate_roles(roles) -> list[str]:
    roles = [r for r in dict.fromkeys(roles or []) if r]
    if not roles:
        raise UserError("users.err.no_role")
    bad = [r for r in roles if r not in ROLES]
    if bad:
        raise UserError("users.err.unknown_role", roles=", ".join(bad), known=", ".join(ROLES))
    return roles


def _check_role_rules(roles, agent_id, scope_store_ids, scope_team_id) -> None:
    if "agent" in roles and agent_id is None:
        raise UserError("users.err.agent_needs_agent")
    if "inspector" in roles and not scope_store_ids:
        raise UserError("users.err.inspector_needs_store")
    if "team_lead" in roles and scope_team_id is None:
        raise UserError("users.err.lead_needs_team")


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
    roles = _validate_roles(roles)
    _check_role_rules(roles, agent_id, scope_store_ids, scope_team_id)
    password_hash = hash_password(password)

    def work(cur) -> int:
        if _row(cur, name) is not None:
            raise UserError("users.err.taken", name=name)
        cur.execute(
            "insert into users (username, display_name, email, password_hash, roles, scope_region_id, "
            "scope_store_ids, scope_team_id, agent_id, password_changed_at) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning user_id",
            [
                name,
                display_name.strip() or name,
                email,
                password_hash,
                roles,
                scope_region_id,
                list(scope_store_ids) if scope_store_ids else None,
                scope_team_id,
                agent_id,
                utc_now(),
            ],
        )
        user_id = cur.fetchone()[0]
        audit.record(cur, created_by, "user_change", f"user:{name}", {"created": True, "roles": roles})
        return user_id

    return db.in_transaction(con, work)


def _differs(old, new) -> bool:
    if isinstance(old, list | tuple) or isinstance(new, list | tuple):
        return list(old or []) != list(new or [])
    return old != new


def update_user(con, username: str, *, changed_by: str, **changes) -> None:
    """Change roles, scope, display name, e-mail or the active flag; audited."""
    unknown = set(changes) - set(_UPDATE_USER)
    if unknown:
        raise UserError("users.err.cannot_change", fields=", ".join(sorted(unknown)))
    if "roles" in changes:
        changes["roles"] = _validate_roles(changes["roles"])
    name = normalise_username(username)

    def work(cur) -> None:
        row = _row(cur, name)
        if row is None:
            raise UserError("users.err.no_user", name=name)
        loses_admin = "admin" in row["roles"] and (
            ("roles" in changes and "admin" not in changes["roles"]) or changes.get("is_active") is False
        )
        if loses_admin:
            cur.execute("select count(*) from users where list_contains(roles, 'admin') and is_active")
            if cur.fetchone()[0] <= 1:
                raise UserError("users.cannot_remove_last_admin")
        merged = {**row, **changes}
        _check_role_rules(
            merged["roles"], merged["agent_id"], merged["scope_store_ids"], merged["scope_team_id"]
        )
        changes_made = {k: v for k, v in changes.items() if _differs(row[k], v)}
        for column, value in changes_made.items():
            cur.execute(_UPDATE_USER[column], [value, name])
        if changes_made:
            audit.record(
                cur, changed_by, "user_change", f"user:{name}", {k: str(v) for k, v in changes_made.items()}
            )

    db.in_transaction(con, work)


def set_password(
    con, username: str, new_password: str, *, changed_by: str, current_password: str | None = None
):
    """Set a password. A user changing their own gives the current one; an admin resetting does not."""
    name = normalise_username(username)
    new_hash = hash_password(new_password)

    def work(cur) -> None:
        row = _row(cur, name)
        if row is None:
            raise UserError("users.err.no_user", name=name)
        if current_password is not None and not verify_password(current_password, row["password_hash"]):
            raise UserError("users.err.wrong_current")
        cur.execute(
            "update users set password_hash = ?, password_changed_at = ?, failed_attempts = 0, "
            "locked_until = null where username = ?",
            [new_hash, utc_now(), name],
        )
        audit.record(
            cur, changed_by, "password_change", f"user:{name}", {"reset_by_admin": current_password is None}
        )

    db.in_transaction(con, work)


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
            "select min(agent_id) from agents where team_id = ?", [first_team]
        ).fetchone()[0]
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
        create_user(
            con,
            username=spec["username"],
            display_name=spec["display_name"],
            password=spec["password"],
            roles=spec["roles"],
            email=f"{spec['username']}@demo.invalid",
            created_by="demo",
            **scopes.get(spec.get("scope", ""), {}),
        )
        made.append(spec["username"])
    return made


def authenticator_credentials(con) -> dict[str, Any]:
    """streamlit-authenticator's credentials, built from the active users of the users table."""
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
