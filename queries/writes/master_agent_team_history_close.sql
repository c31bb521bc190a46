-- End the open team history row (agent_team_history, migration 027) of each stored agent an upload of agents moves
-- to another team (master_agent_assignments_set) on the batch's date in the reporting zone, where
-- master_agent_team_history_moved starts the new one. Parameters: $batched_at (naive UTC), $timezone.
update agent_team_history as h
set valid_to = cast(timezone($timezone, timezone('UTC', $batched_at::timestamp)) as date)
from master_agent_stage as g
where h.agent_id = g.existing_id and h.valid_to is null
  and g.existing_id is not null and g.team_id is distinct from g.stored_team_id
