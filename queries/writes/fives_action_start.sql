-- Corrective action: open -> in_progress (someone started the work).
-- Parameters: $action_id, $username. Returns the action when it changed (nothing when it was not open).
update corrective_actions
set status = 'in_progress', started_at = coalesce(started_at, current_timestamp), updated_at = current_timestamp
where action_id = $action_id and status = 'open'
returning action_id
