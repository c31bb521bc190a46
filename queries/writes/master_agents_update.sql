-- Update the plain columns of the stored agents an upload of agents changes (master_agent_stage).
-- An agent the file describes is master data the admin keeps: it no longer counts as created by the import that
-- added it (undoing that import would otherwise sweep it away with the names and dates given here).
update agents as a set name = g.name, is_active = g.is_active, hired_on = g.hired_on, created_batch_id = null
from master_agent_stage as g
where a.agent_id = g.existing_id and g.is_changed
