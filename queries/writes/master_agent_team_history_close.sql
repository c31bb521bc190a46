-- End the open history row (agent_team_history, migrations 027 and 030: team and home store) of each stored agent
-- an upload of agents moves to another team or home store (master_agent_assignments_set; a first home store given
-- to an agent created without one is filled in, not a move: master_agent_team_history_fill) on the batch's date in the
-- reporting zone, where master_agent_team_history_moved starts the new one. Parameters: $batched_at (naive UTC),
-- $timezone.
update agent_team_history as h
set valid_to = cast(timezone($timezone, timezone('UTC', $batched_at::timestamp)) as date)
from master_agent_stage as g
where h.agent_id = g.existing_id and h.valid_to is null
  and g.existing_id is not null
  and (
      g.team_id is distinct from g.stored_team_id
      or g.stored_home_store_id is not null and g.home_store_id is distinct from g.stored_home_store_id
  )
