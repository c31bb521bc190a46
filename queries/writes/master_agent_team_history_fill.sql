-- Fill in the home store of each stored agent an upload of agents gives its first one (created with none, by a QA
-- upload): the agent's history rows without a home store take it, as they would have had it from its first day; it
-- is not a move (master_agent_team_history_close and _moved leave such an agent alone unless its team changes), so
-- no region's past changes (none held the agent before) and a regional manager reads the agent's earlier periods.
-- The rows were kept with the agent's before-image (undo puts them back). Parameters: none.
update agent_team_history as h
set home_store_id = g.home_store_id
from master_agent_stage as g
where h.agent_id = g.existing_id and h.home_store_id is null
  and g.existing_id is not null and g.stored_home_store_id is null and g.home_store_id is not null
