-- Insert the staged complaints that are new, in file order, as rows of the batch.
insert into complaints (
    source, source_id, received_at, received_date_only, channel, category_raw, category_group, severity,
    store_id, region_id, agent_id, first_response_at, first_response_date_only, first_response_left_out, resolved_at, resolved_date_only,
    resolved_left_out, closed_at, closed_date_only, status, reopen_count, post_resolution_csat, channel_raw, status_raw,
    severity_raw, status_known, reopen_known, response_known, may_be_open, batch_id, created_at
)
select
    source, source_id, received_at, received_date_only, channel, category_raw, category_group, severity,
    store_id, region_id, agent_id, first_response_at, first_response_date_only, first_response_left_out, resolved_at, resolved_date_only,
    resolved_left_out, closed_at, closed_date_only, status, reopen_count, post_resolution_csat, channel_raw, status_raw,
    severity_raw, status_known, reopen_known, response_known, status not in ('resolved', 'closed', 'cancelled'), $batch_id,
    $batched_at
from ingest_stage
where existing_id is null
order by row_no
