-- Corrective action: submitted -> in_progress, sent back with a reason; the work is no longer closed.
-- Parameters: $action_id, $username, $reason. Returns the action when it changed.
update corrective_actions
set status = 'in_progress',
    sent_back_at = current_timestamp,
    sent_back_by = $username,
    sent_back_reason = $reason,
    sent_back_count = coalesce(sent_back_count, 0) + 1,
    closed_at = null,
    updated_at = current_timestamp
where action_id = $action_id and status = 'submitted'
returning action_id
