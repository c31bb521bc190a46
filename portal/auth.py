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

    def has_role(self, *roles: str) -> bool:
        return any(r in self.roles for r in roles)
