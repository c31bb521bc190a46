-- Give the stored agents of an upload of agents the team and home store the file names where they differ (the
-- check let through only agents no other row refers to: DuckDB cannot update a referenced row's foreign key).
update agents as a set team_id = g.team_id, home_store_id = g.home_store_id
from master_agent_stage as g
where a.agent_id = g.existing_id
  and row(g.team_id, g.home_store_id) is distinct from row(g.stored_team_id, g.stored_home_store_id)
