-- Update the stored complaints that the staged import changes (foreign-key columns apart: complaints_update_keys).
update complaints as c set
    received_at = s.received_at,
    received_date_only = s.received_date_only,
    channel = s.channel,
    category_raw = s.category_raw,
    category_group = s.category_group,
    severity = s.severity,
    first_response_at = s.first_response_at,
    first_response_date_only = s.first_response_date_only,
    first_response_left_out = s.first_response_left_out,
    resolved_at = s.resolved_at,
    resolved_date_only = s.resolved_date_only,
    resolved_left_out = s.resolved_left_out,
    closed_at = s.closed_at,
    closed_date_only = s.closed_date_only,
    status = s.status,
    may_be_open = s.status not in ('resolved', 'closed', 'cancelled'),  -- migration 020: with the status
    reopen_count = s.reopen_count,
    post_resolution_csat = s.post_resolution_csat,
    channel_raw = s.channel_raw,
    status_raw = s.status_raw,
    severity_raw = s.severity_raw,
    status_known = s.status_known,
    reopen_known = s.reopen_known,
    response_known = s.response_known,
    updated_batch_id = $batch_id,
    updated_at = $batched_at
from ingest_stage as s
where c.complaint_id = s.existing_id and s.is_changed
