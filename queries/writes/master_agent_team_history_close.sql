-- End the open history row (agent_team_history, migrations 027 and 030: team and home store) of each stored agent
-- an upload of agents moves to another team or home store (master_agent_assignments_set) on the batch's date in the
-- reporting zone, where master_agent_team_history_moved starts the new one. Parameters: $batched_at (naive UTC),
-- $timezone.
update agent_team_history as h
set valid_to = cast(timezone($timezone, timezone('UTC', $batched_at::timestamp)) as date)
from master_agent_stage as g
where h.agent_id = g.existing_id and h.valid_to is null
  and g.existing_id is not null
  and row(g.team_id, g.home_store_id) is distinct from row(g.stored_team_id, g.stored_home_store_id)
