"""Users, roles and scopes (sign-in itself is wired in app.py through streamlit-authenticator)."""

from __future__ import annotations

from dataclasses import dataclass

from portal.scope import Scope


@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    roles: tuple[str, ...]
    scope: Scope
    user_id: int | None = None
    session_version: int = 0  # raised by sign-out, password, role/scope/active change, lockout
    # this database's account: a digest of its password hash (salted, so another database's user of the same
    # name and session version has another); the sign-in cookie carries it (portal.sessions)
    account: str = ""

    def has_role(self, *roles: str) -> bool:
        return any(r in self.roles for r in roles)
