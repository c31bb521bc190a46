"""Set-up shared by the 5S intake tests: users of each role over the fixture stores (tests/fixtures.py)."""

from __future__ import annotations

from portal.auth import User
from portal.scope import Scope

ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
MANAGER_NORTH = User("t_manager", "Mia Manager", ("manager",), Scope(store_ids=(1, 2), all_agents=True))
INSPECTOR_S001 = User("t_inspector", "Ivan Inspector", ("inspector",), Scope(store_ids=(1,)))


def add_manager_user(con, username: str = "north_manager", store_ids=(1, 2)) -> None:
    """A manager account owning the given stores: the owner of the corrective actions opened there."""
    con.execute(
        "insert into users (username, display_name, password_hash, roles, scope_store_ids) "
        "values (?, 'North Manager', 'x', ['manager'], ?)",
        [username, list(store_ids)],
    )
