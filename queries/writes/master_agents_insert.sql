-- Insert the new agents of an upload of agents (master_agent_stage rows without existing_id), created for the
-- batch. Parameters: $batch_id.
insert into agents (agent_code, name, team_id, home_store_id, is_active, hired_on, created_batch_id)
select agent_code, name, team_id, home_store_id, is_active, hired_on, $batch_id
from master_agent_stage
where existing_id is null
order by row_no
