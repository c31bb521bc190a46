"""Set-up shared by the 5S intake tests: users of each role over the fixture stores (tests/fixtures.py)."""

from __future__ import annotations

from portal.auth import User
from portal.scope import Scope

ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
MANAGER_NORTH = User("t_manager", "Mia Manager", ("manager",), Scope(store_ids=(1, 2), all_agents=True))
INSPECTOR_S001 = User("t_inspector", "Ivan Inspector", ("inspector",), Scope(store_ids=(1,)))


def ensure_red_line(con) -> None:
    """fives_items.is_red_line comes with migration 006 (5S results side, merged separately); until both are in one
    branch the intake tests add it the same way (boolean, default false). A no-op once 006 is applied."""
    con.execute("alter table fives_items add column if not exists is_red_line boolean default false")


def add_manager_user(con, username: str = "north_manager", store_ids=(1, 2)) -> None:
    """A manager account owning the given stores: the owner of the corrective actions opened there."""
    con.execute(
        "insert into users (username, display_name, password_hash, roles, scope_store_ids) "
        "values (?, 'North Manager', 'x', ['manager'], ?)",
        [username, list(store_ids)],
    )
