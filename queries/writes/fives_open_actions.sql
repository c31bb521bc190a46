-- Open the corrective actions of one inspection: one per failed item without an action (models/fives_actions_to_open.sql).
-- Parameters: $inspection_id, $due_days (settings.fives_action_due_days). Returns the new actions.
insert into corrective_actions (inspection_id, store_id, item_code, description, owner, due_on, status, updated_at)
select inspection_id, store_id, item_code, description, owner, due_on, 'open', current_timestamp
from fives_actions_to_open($inspection_id, $due_days)
returning action_id, item_code, store_id, owner, due_on
