-- Corrective action: open or in_progress -> submitted, with what was done and an optional after-photo.
-- closed_at = now (the work is done; verification follows). Parameters: $action_id, $username, $done_text,
-- $after_photo_path (null: none, or keep the one sent earlier). Returns the action when it changed.
update corrective_actions
set status = 'submitted',
    started_at = coalesce(started_at, current_timestamp),
    submitted_at = current_timestamp,
    submitted_by = $username,
    done_text = $done_text,
    after_photo_path = coalesce($after_photo_path, after_photo_path),
    closed_at = current_timestamp,
    updated_at = current_timestamp
where action_id = $action_id and status in ('open', 'in_progress')
returning action_id
