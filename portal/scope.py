"""Who is asking: the rows a caller may see, as bound SQL parameters.

Every query file filters with the macros ``in_store_scope`` / ``in_agent_scope`` (models/in_store_scope.sql,
models/in_agent_scope.sql) fed by these parameters, so scope holds inside DuckDB, not in pandas afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Scope:
    all_stores: bool = False
    store_ids: tuple[int, ...] = ()
    all_agents: bool = False
    team_id: int | None = None
    agent_id: int | None = None

    @classmethod
    def everything(cls) -> Scope:
        return cls(all_stores=True, all_agents=True)

    @classmethod
    def nothing(cls) -> Scope:
        return cls()

    def sql_params(self) -> dict[str, Any]:
        return {
            "scope_all_stores": self.all_stores,
            "scope_store_ids": list(self.store_ids),
            "scope_all_agents": self.all_agents,
            "scope_team_id": self.team_id,
            "scope_agent_id": self.agent_id,
        }
