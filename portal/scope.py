"""Who is asking: the rows a caller may see, as bound SQL parameters.

Every query file filters with the macros ``in_store_scope`` / ``in_agent_scope`` (models/in_store_scope.sql,
models/in_agent_scope.sql) fed by these parameters, so scope holds inside DuckDB, not in pandas afterwards.

A scope names stores two ways: ``store_ids``, an explicit store list (an inspector's stores), and ``region_ids``,
the regions a user is scoped to by region (a manager's region; a team lead without stores: the team's region).
A region is not turned into its stores' ids: a fact row keeps the region it was stamped with (SPEC §2: a store that
changes region keeps its past figures under the old region), so the rule decides a fact by the row's region and
master data (a store, its hours, an agent as they are now by home store) by the store's current region, and a row
about an agent by the region its home store had on the row's date (models/agent_in_scope.sql).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class Scope:
    all_stores: bool = False
    store_ids: tuple[int, ...] = ()
    region_ids: tuple[int, ...] = ()
    all_agents: bool = False
    team_id: int | None = None
    agent_id: int | None = None

    @classmethod
    def everything(cls) -> Scope:
        return cls(all_stores=True, all_agents=True)

    @classmethod
    def nothing(cls) -> Scope:
        return cls()

    @property
    def holds_whole_teams(self) -> bool:
        """Every member of each team the scope reaches is in it: the whole chain, a team lead's team, an agent's
        own team through their card. A manager scoped to a region or a store list reaches an agent by their home
        store (models/agent_in_scope.sql), so a team with a member elsewhere is only partly in it: a rank within
        the team read from the scope's agents alone would leave that member out."""
        return self.all_stores or not self.all_agents

    def sql_params(self) -> dict[str, Any]:
        return {
            "scope_all_stores": self.all_stores,
            "scope_store_ids": list(self.store_ids),
            "scope_region_ids": list(self.region_ids),
            "scope_all_agents": self.all_agents,
            "scope_team_id": self.team_id,
            "scope_agent_id": self.agent_id,
        }


def store_rows_outside(cur, scope: Scope, rows) -> set:
    """The rows ``scope`` may not write (upload, inspect): ``rows`` (a DataFrame of row_no, store_id, row_on: the
    row's date) are checked against the region each will be stored with, its store's region on ``row_on``
    (queries/writes/store_rows_out_of_scope.sql; the rule stays the SQL macros'). Returns their row_no."""
    return set(store_rows_outside_regions(cur, scope, rows)["row_no"])


def store_rows_outside_regions(cur, scope: Scope, rows):
    """``store_rows_outside`` with the region each such row would be stored with (a DataFrame of row_no,
    region_id, region_name_en, region_name_zh; the names null where the store had no region), for a refusal
    that names it."""
    from portal import db, writes

    if scope.all_stores or rows.empty:
        return pd.DataFrame(columns=["row_no", "region_id", "region_name_en", "region_name_zh"])
    with db.registered(cur, "store_rows", rows[["row_no", "store_id", "row_on"]]):
        return writes.run(cur, "store_rows_out_of_scope", scope.sql_params()).df()
