-- Corrective action: submitted -> verified (a manager or admin accepted the work).
-- Parameters: $action_id, $username. Returns the action when it changed (nothing when it was not submitted).
update corrective_actions
set status = 'verified', verified_at = current_timestamp, verified_by = $username, updated_at = current_timestamp
where action_id = $action_id and status = 'submitted'
returning action_id
