-- Give the stored agents of an upload of agents the team and home store the file names where they differ from
-- those they have now (master_agent_stage, read from agents_now): kept in agent_assignments (migration 025), whose
-- row the agent's before-image carries for undo (CommitContext.snapshot); the agent's own team_id and
-- home_store_id stay those it was created with (DuckDB cannot update a foreign-key column of a row other data
-- refer to). Parameters: $batch_id.
insert into agent_assignments (agent_id, team_id, home_store_id, batch_id)
select existing_id, team_id, home_store_id, $batch_id
from master_agent_stage
where existing_id is not null
  and row(team_id, home_store_id) is distinct from row(stored_team_id, stored_home_store_id)
on conflict (agent_id) do update
set team_id = excluded.team_id, home_store_id = excluded.home_store_id, batch_id = excluded.batch_id
