-- Update the plain columns of the stored agents an upload of agents changes (master_agent_stage).
update agents as a set name = g.name, is_active = g.is_active, hired_on = g.hired_on
from master_agent_stage as g
where a.agent_id = g.existing_id and g.is_changed
