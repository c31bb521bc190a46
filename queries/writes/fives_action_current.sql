-- One corrective action's store and status, read inside the workflow transaction before a step is checked.
-- Parameters: $action_id.
select action_id, store_id, status, submitted_by from corrective_actions where action_id = $action_id
